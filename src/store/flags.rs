//! Safeguarding flags: raised by the safety check, attached to the person's case, cleared only
//! by a link worker with a note.

use serde::Serialize;
use sqlx::{AnyPool, FromRow};

use super::{Result, Tx};
use crate::safety::Finding;

/// Records a finding with the exact words of the message that raised it.
pub async fn raise(
    tx: &mut Tx<'_>,
    person: i64,
    case: Option<i64>,
    finding: &Finding,
    words: &str,
    step: Option<&str>,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO risk_flags (person_id, case_id, category, level, denial, rule, matched, words, step, created_at, tier, score_milli)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(person)
    .bind(case)
    .bind(&finding.category)
    .bind(finding.level.as_str())
    .bind(i64::from(finding.denial))
    .bind(&finding.rule)
    .bind(&finding.matched)
    // PostgreSQL text cannot hold NUL; the transcript keeps the exact bytes.
    .bind(words.replace('\0', "\u{FFFD}"))
    .bind(step)
    .bind(now)
    .bind(finding.tier.as_str())
    // Thousandths: an integer travels the same way on both backends.
    .bind(finding.score.map(|s| (f64::from(s) * 1000.0).round() as i64))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records the young person's answer on their latest unanswered flag for `category` raised
/// with a direct question (`rule = 'asked'`). Returns whether there was one.
pub async fn answer(tx: &mut Tx<'_>, person: i64, category: &str, answer: &str) -> Result<bool> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM risk_flags WHERE person_id = $1 AND category = $2 AND rule = 'asked' AND answer IS NULL
         ORDER BY id DESC LIMIT 1",
    )
    .bind(person)
    .bind(category)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(id) = id else { return Ok(false) };
    sqlx::query("UPDATE risk_flags SET answer = $1 WHERE id = $2").bind(answer).bind(id).execute(&mut **tx).await?;
    Ok(true)
}

/// Categories flagged for the person since `since` (any tier, cleared or not): what their
/// recent messages together need not raise again.
pub async fn categories_since(tx: &mut Tx<'_>, person: i64, since: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT category FROM risk_flags WHERE person_id = $1 AND created_at >= $2 ORDER BY category",
    )
    .bind(person)
    .bind(since)
    .fetch_all(&mut **tx)
    .await?)
}

/// Attaches the person's flags raised before their case existed.
pub async fn attach(tx: &mut Tx<'_>, person: i64, case: i64) -> Result<()> {
    sqlx::query("UPDATE risk_flags SET case_id = $1 WHERE person_id = $2 AND case_id IS NULL")
        .bind(case)
        .bind(person)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow, Serialize)]
pub struct Flag {
    pub category: String,
    pub level: String,
    #[serde(serialize_with = "super::cases::as_bool")]
    pub denial: i64,
    pub rule: String,
    pub matched: String,
    pub words: String,
    pub step: Option<String>,
    pub created_at: i64,
    pub cleared_at: Option<i64>,
    pub cleared_by: Option<String>,
    pub clear_note: Option<String>,
    /// Which tier raised it: rules, learned, context or question.
    pub tier: String,
    /// The learned tier's probability, in thousandths.
    pub score_milli: Option<i64>,
    /// The young person's answer when they were asked directly.
    pub answer: Option<String>,
}

impl Flag {
    /// How it was raised, in words a link worker reads: which tier, what it matched, and the
    /// young person's answer when they were asked.
    pub fn how(&self) -> String {
        let score = self.score_milli.map(|s| format!(", {:.0}% sure", s as f64 / 10.0)).unwrap_or_default();
        let answer = match self.answer.as_deref() {
            None => "no answer yet".to_string(),
            Some("no-answer") => "they answered something else".to_string(),
            Some("rather-not") => "they would rather not say".to_string(),
            Some(a) => format!("they said {a}"),
        };
        match (self.tier.as_str(), self.rule.as_str()) {
            ("learned" | "context", "asked") => {
                let what = if self.tier == "context" { "their recent messages together" } else { "this message" };
                format!("unsure about {what}{score} (\"{}\"): asked directly; {answer}", self.matched)
            }
            ("learned" | "context", "unsure") => {
                let what = if self.tier == "context" { "their recent messages together" } else { "this message" };
                format!("unsure about {what}{score} (\"{}\"): not asked again, so a person should look", self.matched)
            }
            ("context", _) => format!("their recent messages together{score} (\"{}\")", self.matched),
            ("learned", _) => format!("the learned check{score} (\"{}\")", self.matched),
            ("question", rule) => format!("their answer to a direct question ({rule})"),
            (_, rule) => format!("rule {rule} matched \"{}\"", self.matched),
        }
    }
}

pub async fn for_case(pool: &AnyPool, case: i64) -> Result<Vec<Flag>> {
    Ok(sqlx::query_as::<_, Flag>(
        "SELECT category, level, denial, rule, matched, words, step, created_at, cleared_at, cleared_by, clear_note,
                tier, score_milli, answer
         FROM risk_flags WHERE case_id = $1 ORDER BY id",
    )
    .bind(case)
    .fetch_all(pool)
    .await?)
}

/// Open (uncleared) flag categories per case reference, for the queue.
pub async fn open_by_reference(pool: &AnyPool) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as::<_, (String, String)>(
        "SELECT DISTINCT c.reference, f.category FROM risk_flags f JOIN cases c ON c.id = f.case_id
         WHERE f.cleared_at IS NULL ORDER BY c.reference, f.category",
    )
    .fetch_all(pool)
    .await?)
}

/// Clears every open flag on a case and its urgent mark: a link worker's decision, with a note.
pub async fn clear(pool: &AnyPool, case: i64, by: &str, note: &str, now: i64) -> Result<u64> {
    let mut tx = pool.begin().await?;
    let cleared = clear_in(&mut tx, case, by, note, now).await?;
    tx.commit().await?;
    Ok(cleared)
}

/// As [`clear`], inside the caller's transaction.
pub async fn clear_in(tx: &mut Tx<'_>, case: i64, by: &str, note: &str, now: i64) -> Result<u64> {
    let cleared = sqlx::query(
        "UPDATE risk_flags SET cleared_at = $1, cleared_by = $2, clear_note = $3 WHERE case_id = $4 AND cleared_at IS NULL",
    )
    .bind(now)
    .bind(by)
    .bind(note)
    .bind(case)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    sqlx::query("UPDATE cases SET urgent = 0, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(case)
        .execute(&mut **tx)
        .await?;
    Ok(cleared)
}

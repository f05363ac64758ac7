//! Activities put to a young person (by the bot at the hand-off, or sent by a link worker) and what they did with them, and the onward referrals link workers record.

use serde::Serialize;
use sqlx::{AnyPool, FromRow};

use super::{Result, Tx};
use crate::directory::Service;

/// One activity shown to a young person, with the service as it was then.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub id: i64,
    pub case_id: i64,
    pub service: Service,
    /// Who sent it; none when the bot offered it at the hand-off.
    pub worker: Option<String>,
    pub shown_at: i64,
    /// When they asked to be told more, if they did.
    pub more_at: Option<i64>,
    /// When they said they were interested, if they did.
    pub interested_at: Option<i64>,
}

#[derive(FromRow)]
struct Row {
    id: i64,
    case_id: i64,
    service: String,
    worker: Option<String>,
    shown_at: i64,
    more_at: Option<i64>,
    interested_at: Option<i64>,
}

impl Row {
    fn into_suggestion(self) -> Result<Suggestion> {
        let service = crate::directory::Service::from_snapshot(&self.service)
            .map_err(|e| super::Error::Corrupt(format!("suggestion {}: {e}", self.id)))?;
        Ok(Suggestion {
            id: self.id,
            case_id: self.case_id,
            service,
            worker: self.worker,
            shown_at: self.shown_at,
            more_at: self.more_at,
            interested_at: self.interested_at,
        })
    }
}

const SELECT: &str = "SELECT s.id, s.case_id, s.service, w.name AS worker, s.shown_at, s.more_at, s.interested_at
     FROM case_suggestions s LEFT JOIN workers w ON w.id = s.worker_id";

/// Records that `service` was shown for `case`; returns the suggestion's id (its buttons carry it).
pub async fn shown(tx: &mut Tx<'_>, case: i64, service: &Service, worker: Option<i64>, now: i64) -> Result<i64> {
    let snapshot = serde_json::to_string(service).map_err(|e| super::Error::Corrupt(e.to_string()))?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO case_suggestions (case_id, service_id, name, service, worker_id, shown_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(case)
    .bind(&service.id)
    .bind(&service.name)
    .bind(snapshot)
    .bind(worker)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// A suggestion made to one of `person`'s cases (a button from anyone else's chat finds nothing).
pub async fn of_person(tx: &mut Tx<'_>, person: i64, id: i64) -> Result<Option<Suggestion>> {
    let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} JOIN cases c ON c.id = s.case_id WHERE s.id = $1 AND c.person_id = $2"
    )))
    .bind(id)
    .bind(person)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(Row::into_suggestion).transpose()
}

/// The suggestions shown most recently to `person` (the last batch: one hand-off's, or one a
/// link worker sent), oldest first.
pub async fn last_shown(tx: &mut Tx<'_>, person: i64) -> Result<Vec<Suggestion>> {
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} JOIN cases c ON c.id = s.case_id
         WHERE c.person_id = $1 AND s.shown_at = (
             SELECT MAX(s2.shown_at) FROM case_suggestions s2 JOIN cases c2 ON c2.id = s2.case_id WHERE c2.person_id = $1)
         ORDER BY s.id"
    )))
    .bind(person)
    .fetch_all(&mut **tx)
    .await?;
    rows.into_iter().map(Row::into_suggestion).collect()
}

/// They asked to be told more (the first time counts).
pub async fn asked_more(tx: &mut Tx<'_>, id: i64, now: i64) -> Result<()> {
    sqlx::query("UPDATE case_suggestions SET more_at = COALESCE(more_at, $2) WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// They said they were interested; false if they had said so already.
pub async fn interested(tx: &mut Tx<'_>, id: i64, now: i64) -> Result<bool> {
    let done = sqlx::query("UPDATE case_suggestions SET interested_at = $2 WHERE id = $1 AND interested_at IS NULL")
        .bind(id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Every suggestion of a case, oldest first.
pub async fn for_case(pool: &AnyPool, case: i64) -> Result<Vec<Suggestion>> {
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE s.case_id = $1 ORDER BY s.id")))
        .bind(case)
        .fetch_all(pool)
        .await?;
    rows.into_iter().map(Row::into_suggestion).collect()
}

/// An onward referral as the case page shows it.
#[derive(Debug, Clone, FromRow, Serialize)]
pub struct Referral {
    pub service_id: String,
    pub name: String,
    pub kind: String,
    pub note: Option<String>,
    pub worker: Option<String>,
    pub created_at: i64,
}

/// Records an onward referral.
pub async fn refer(
    tx: &mut Tx<'_>,
    case: i64,
    service: (&str, &str),
    kind: &str,
    note: Option<&str>,
    worker: i64,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO case_referrals (case_id, service_id, name, kind, note, worker_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(case)
    .bind(service.0)
    .bind(service.1)
    .bind(kind)
    .bind(note)
    .bind(worker)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn referrals(pool: &AnyPool, case: i64) -> Result<Vec<Referral>> {
    Ok(sqlx::query_as::<_, Referral>(
        "SELECT r.service_id, r.name, r.kind, r.note, w.name AS worker, r.created_at
         FROM case_referrals r LEFT JOIN workers w ON w.id = r.worker_id WHERE r.case_id = $1 ORDER BY r.id",
    )
    .bind(case)
    .fetch_all(pool)
    .await?)
}

/// Onward referrals of the cases handed off in `from..to` (the outcome report's cases), by
/// kind, most first; of `team` or every team.
pub async fn referrals_by_kind(pool: &AnyPool, from: i64, to: i64, team: Option<&str>) -> Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT r.kind, COUNT(*) AS n FROM case_referrals r JOIN cases c ON c.id = r.case_id
         WHERE c.created_at >= $1 AND c.created_at < $2 AND ($3 = '' OR c.team = $3)
         GROUP BY r.kind ORDER BY n DESC, r.kind",
    )
    .bind(from)
    .bind(to)
    .bind(team.unwrap_or_default())
    .fetch_all(pool)
    .await?)
}

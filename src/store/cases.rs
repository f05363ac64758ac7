//! Cases: the hand-off a link worker picks up, with structured answers and scores, and the
//! queue (urgent first, then oldest waiting).

use serde::Serialize;
use sqlx::{AnyPool, FromRow};

use super::{Error, Result, Tx};

/// A case as created at hand-off.
#[derive(Debug, Clone, Default)]
pub struct NewCase {
    pub reference: String,
    pub person_id: i64,
    pub flow: String,
    pub source: String,
    /// The team whose link workers see the case.
    pub team: String,
    pub partial: bool,
    /// A safeguarding flag opened the case: straight to the top of the queue.
    pub urgent: bool,
    pub locale: String,
    pub preferred_name: Option<String>,
    pub age_band: Option<String>,
    pub area: Option<String>,
    pub area_kind: Option<String>,
    pub what_matters: Option<String>,
    pub topics: Vec<String>,
    pub interests: Vec<String>,
    pub help: Vec<String>,
    pub contact_method: Option<String>,
    pub contact_times: Vec<String>,
    pub phone: Option<String>,
    pub answers: serde_json::Value,
    pub consent_at: Option<i64>,
    pub consent_version: Option<String>,
    /// Why it was shared without the consent question: [`ASKED_EARLY`] or [`SAFEGUARDING`].
    pub shared_without_consent: Option<String>,
    pub scores: Vec<NewScore>,
}

/// Shared without the consent question because they asked to send it early...
pub const ASKED_EARLY: &str = "asked-early";
/// ...or because a safeguarding reply or worry opened the case.
pub const SAFEGUARDING: &str = "safeguarding";

#[derive(Debug, Clone)]
pub struct NewScore {
    pub measure: String,
    pub item: String,
    pub score: u8,
    pub band: Option<String>,
}

/// The person's open case (not closed), if any: its id and reference.
pub async fn open_for_person(tx: &mut Tx<'_>, person: i64) -> Result<Option<(i64, String)>> {
    Ok(sqlx::query_as::<_, (i64, String)>(
        "SELECT id, reference FROM cases WHERE person_id = $1 AND status <> 'closed' ORDER BY id DESC LIMIT 1",
    )
    .bind(person)
    .fetch_optional(&mut **tx)
    .await?)
}

/// The person's latest closed case that still exists: its id, reference, and whether they
/// took back their consent.
pub async fn latest_closed(tx: &mut Tx<'_>, person: i64) -> Result<Option<(i64, String, bool)>> {
    let row = sqlx::query_as::<_, (i64, String, i64)>(
        "SELECT id, reference, CASE WHEN consent_withdrawn_at IS NULL THEN 0 ELSE 1 END FROM cases
         WHERE person_id = $1 AND status = 'closed' AND erased_at IS NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(person)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(id, reference, withdrawn)| (id, reference, withdrawn != 0)))
}

/// Puts a case at the top of the queue.
pub async fn mark_urgent(tx: &mut Tx<'_>, case: i64, now: i64) -> Result<()> {
    sqlx::query("UPDATE cases SET urgent = 1, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(case)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Marks the young person's latest message on their case, for the dashboard's "new message".
pub async fn note_inbound(tx: &mut Tx<'_>, case: i64, message: i64) -> Result<()> {
    sqlx::query("UPDATE cases SET last_inbound_message = $1 WHERE id = $2")
        .bind(message)
        .bind(case)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Fills a case with the answers, consent and scores of a hand-off: a new one, or one a
/// safeguarding flag opened mid-conversation. The reference, urgency and flags stay.
pub async fn complete(tx: &mut Tx<'_>, id: i64, case: &NewCase, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE cases SET partial = $1, locale = $2, preferred_name = $3, age_band = $4, area = $5, area_kind = $6,
             what_matters = $7, topics = $8, interests = $9, help = $10, contact_method = $11, contact_times = $12,
             phone = $13, answers = $14, consent_at = $15, consent_version = $16, updated_at = $17, team = $18,
             shared_without_consent = $19
         WHERE id = $20",
    )
    .bind(i64::from(case.partial))
    .bind(&case.locale)
    .bind(&case.preferred_name)
    .bind(&case.age_band)
    .bind(&case.area)
    .bind(&case.area_kind)
    .bind(&case.what_matters)
    .bind(json_list(&case.topics))
    .bind(json_list(&case.interests))
    .bind(json_list(&case.help))
    .bind(&case.contact_method)
    .bind(json_list(&case.contact_times))
    .bind(&case.phone)
    .bind(case.answers.to_string())
    .bind(case.consent_at)
    .bind(&case.consent_version)
    .bind(now)
    .bind(&case.team)
    .bind(&case.shared_without_consent)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM case_scores WHERE case_id = $1 AND checkin_id IS NULL")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    insert_scores(tx, id, &case.scores, now).await
}

async fn insert_scores(tx: &mut Tx<'_>, id: i64, scores: &[NewScore], now: i64) -> Result<()> {
    for s in scores {
        sqlx::query(
            "INSERT INTO case_scores (case_id, measure, item, score, band, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(&s.measure)
        .bind(&s.item)
        .bind(i64::from(s.score))
        .bind(&s.band)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

fn json_list(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

/// Inserts the case (then fills it as [`complete`] does). A clash on the reference is
/// [`Error::ReferenceTaken`] so the caller can try another.
pub async fn insert(tx: &mut Tx<'_>, case: &NewCase, now: i64) -> Result<i64> {
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO cases (reference, person_id, flow, source, status, urgent, locale, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'waiting', $5, $6, $7, $7)
         RETURNING id",
    )
    .bind(&case.reference)
    .bind(case.person_id)
    .bind(&case.flow)
    .bind(&case.source)
    .bind(i64::from(case.urgent))
    .bind(&case.locale)
    .bind(now)
    .fetch_one(&mut **tx)
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Err(Error::ReferenceTaken),
        Err(e) => return Err(e.into()),
    };
    complete(tx, id, case, now).await?;
    Ok(id)
}

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In the queue, nobody has it yet.
    Waiting,
    /// A link worker has it, and has not written yet.
    Claimed,
    /// A link worker has written to the young person.
    InContact,
    /// Closed with an outcome.
    Closed,
    /// The young person deleted their data before it closed.
    Deleted,
}

impl Status {
    pub const ALL: [Status; 5] = [Status::Waiting, Status::Claimed, Status::InContact, Status::Closed, Status::Deleted];

    /// As the database keeps it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Waiting => "waiting",
            Status::Claimed => "claimed",
            Status::InContact => "in_contact",
            Status::Closed => "closed",
            Status::Deleted => "deleted",
        }
    }

    /// As a link worker reads it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Waiting => "Waiting",
            Status::Claimed => "Claimed",
            Status::InContact => "In contact",
            Status::Closed => "Closed",
            Status::Deleted => "Deleted",
        }
    }

    /// Not closed and not deleted: someone still has to act on it.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Closed | Status::Deleted)
    }

    /// Open and nobody has written to the young person yet (the first-reply target runs).
    pub fn awaits_contact(self) -> bool {
        matches!(self, Status::Waiting | Status::Claimed)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Status {
    type Err = Error;

    fn from_str(s: &str) -> Result<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s).ok_or_else(|| Error::Corrupt(format!("case status {s:?}")))
    }
}

impl TryFrom<String> for Status {
    type Error = Error;

    fn try_from(s: String) -> Result<Status> {
        s.parse()
    }
}

/// A row of the link-worker queue.
#[derive(Debug, Clone, FromRow, Serialize)]
pub struct QueueRow {
    pub reference: String,
    pub flow: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    #[serde(serialize_with = "as_bool")]
    pub urgent: i64,
    pub source: String,
    pub preferred_name: Option<String>,
    pub age_band: Option<String>,
    pub area: Option<String>,
    #[serde(serialize_with = "as_json")]
    pub topics: String,
    pub created_at: i64,
    /// The young person blocked linkup (or their channel said they cannot be reached).
    #[serde(serialize_with = "as_bool")]
    pub unreachable: i64,
}

pub(crate) fn as_bool<S: serde::Serializer>(v: &i64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_bool(*v != 0)
}

fn as_json<S: serde::Serializer>(v: &str, s: S) -> std::result::Result<S::Ok, S::Error> {
    let value: serde_json::Value = serde_json::from_str(v).unwrap_or(serde_json::Value::Null);
    serde::Serialize::serialize(&value, s)
}

/// Open cases, urgent first, then oldest waiting first.
pub async fn queue(pool: &AnyPool) -> Result<Vec<QueueRow>> {
    Ok(sqlx::query_as::<_, QueueRow>(
        "SELECT c.reference, c.flow, c.status, c.urgent, c.source, c.preferred_name, c.age_band, c.area, c.topics,
                c.created_at, p.unreachable
         FROM cases c JOIN people p ON p.id = c.person_id WHERE c.status <> 'closed'
         ORDER BY c.urgent DESC, c.created_at ASC, c.id ASC",
    )
    .fetch_all(pool)
    .await?)
}

/// Everything on a case.
#[derive(Debug, Clone, FromRow, Serialize)]
pub struct CaseRecord {
    #[serde(skip)]
    pub id: i64,
    #[serde(skip)]
    pub person_id: i64,
    pub reference: String,
    pub flow: String,
    pub source: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    #[serde(serialize_with = "as_bool")]
    pub urgent: i64,
    #[serde(serialize_with = "as_bool")]
    pub partial: i64,
    pub locale: String,
    pub preferred_name: Option<String>,
    pub age_band: Option<String>,
    pub area: Option<String>,
    pub area_kind: Option<String>,
    pub what_matters: Option<String>,
    #[serde(serialize_with = "as_json")]
    pub topics: String,
    #[serde(serialize_with = "as_json")]
    pub interests: String,
    #[serde(serialize_with = "as_json")]
    pub help: String,
    pub contact_method: Option<String>,
    #[serde(serialize_with = "as_json")]
    pub contact_times: String,
    pub phone: Option<String>,
    #[serde(serialize_with = "as_json")]
    pub answers: String,
    pub consent_at: Option<i64>,
    pub consent_version: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub erased_at: Option<i64>,
    pub team: String,
    #[serde(skip)]
    pub claimed_by: Option<i64>,
    pub outcome: Option<String>,
    pub closed_at: Option<i64>,
    pub first_contact_at: Option<i64>,
    pub consent_withdrawn_at: Option<i64>,
    pub shared_without_consent: Option<String>,
}

impl CaseRecord {
    /// "Consent to share", in words for a link worker.
    pub fn consent(&self) -> String {
        match (self.consent_at, self.shared_without_consent.as_deref()) {
            (Some(at), _) => {
                format!("given {} (wording {})", crate::time::utc(at), self.consent_version.as_deref().unwrap_or("?"))
            }
            (None, Some(ASKED_EARLY)) => {
                "not asked: they asked to send it to a link worker before the questions ended".into()
            }
            (None, Some(SAFEGUARDING)) => "not asked: shared for safeguarding, after a crisis reply or a worry".into(),
            (None, _) => "not given".into(),
        }
    }
}

#[derive(Debug, Clone, FromRow, Serialize)]
pub struct Score {
    pub measure: String,
    pub item: String,
    pub score: i64,
    pub band: Option<String>,
    pub recorded_at: i64,
}

pub async fn by_reference(pool: &AnyPool, reference: &str) -> Result<Option<CaseRecord>> {
    Ok(sqlx::query_as::<_, CaseRecord>(
        "SELECT id, person_id, reference, flow, source, status, urgent, partial, locale, preferred_name, age_band,
                area, area_kind, what_matters, topics, interests, help, contact_method, contact_times, phone,
                answers, consent_at, consent_version, created_at, updated_at, erased_at, team, claimed_by, outcome,
                closed_at, first_contact_at, consent_withdrawn_at, shared_without_consent
         FROM cases WHERE reference = $1",
    )
    .bind(reference)
    .fetch_optional(pool)
    .await?)
}

pub async fn scores(pool: &AnyPool, case: i64) -> Result<Vec<Score>> {
    Ok(sqlx::query_as::<_, Score>(
        "SELECT measure, item, score, band, recorded_at FROM case_scores WHERE case_id = $1 AND checkin_id IS NULL ORDER BY id",
    )
    .bind(case)
    .fetch_all(pool)
    .await?)
}

/// The young person took back their consent: every case of theirs says when. Returns the
/// cases still open, for the caller to close.
pub async fn withdraw_consent(tx: &mut Tx<'_>, person: i64, now: i64) -> Result<Vec<i64>> {
    let open: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM cases WHERE person_id = $1 AND status NOT IN ('closed', 'deleted')")
            .bind(person)
            .fetch_all(&mut **tx)
            .await?;
    sqlx::query("UPDATE cases SET consent_withdrawn_at = $1 WHERE person_id = $2 AND consent_withdrawn_at IS NULL")
        .bind(now)
        .bind(person)
        .execute(&mut **tx)
        .await?;
    Ok(open)
}

/// Whether the person's latest case has their OK to share, not taken back; `None` with no case.
pub async fn consented(tx: &mut Tx<'_>, person: i64) -> Result<Option<bool>> {
    let row: Option<(Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT consent_at, consent_withdrawn_at FROM cases WHERE person_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(person)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(given, withdrawn)| given.is_some() && withdrawn.is_none()))
}

/// The name of the link worker in contact with this person, if one is.
pub async fn worker_in_contact(tx: &mut Tx<'_>, person: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT w.name FROM cases c JOIN workers w ON w.id = c.claimed_by
         WHERE c.person_id = $1 AND c.status = 'in_contact' ORDER BY c.id DESC LIMIT 1",
    )
    .bind(person)
    .fetch_optional(&mut **tx)
    .await?)
}

/// The reference of a person's latest case, if they have one (on a pool or in a transaction).
pub async fn latest_reference<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    person: i64,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT reference FROM cases WHERE person_id = $1 ORDER BY id DESC LIMIT 1")
        .bind(person)
        .fetch_optional(db)
        .await?)
}

//! Check-in schedules and check-ins: reminders due, claimed once across replicas by moving
//! `next_at` on (compare-and-set); a check-in's answers as `case_scores` rows with its id.

use sqlx::{AnyPool, FromRow};

use super::{Result, Tx};

/// Starts reminders for a case (once: a second hand-off of the same case changes nothing).
pub async fn schedule(tx: &mut Tx<'_>, person: i64, case: i64, first: i64, until: i64, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO checkin_schedules (person_id, case_id, started_at, until_at, next_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (case_id) DO NOTHING",
    )
    .bind(person)
    .bind(case)
    .bind(now)
    .bind(until)
    .bind(first)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A reminder that is due, with what deciding about it needs.
#[derive(Debug, Clone, FromRow)]
pub struct Due {
    pub id: i64,
    pub person_id: i64,
    pub case_id: i64,
    pub next_at: i64,
    pub until_at: i64,
    pub channel: String,
    pub chat: String,
    pub locale: String,
    pub paused_at: Option<i64>,
    pub unreachable: i64,
    pub erased_at: Option<i64>,
    #[sqlx(try_from = "String")]
    pub case_status: super::cases::Status,
    pub consent_withdrawn_at: Option<i64>,
}

/// Reminders due at `now`, oldest first.
pub async fn due(pool: &AnyPool, now: i64, limit: i64) -> Result<Vec<Due>> {
    Ok(sqlx::query_as::<_, Due>(
        "SELECT s.id, s.person_id, s.case_id, s.next_at, s.until_at, p.channel, p.channel_user AS chat, p.locale,
                p.paused_at, p.unreachable, p.erased_at, c.status AS case_status, c.consent_withdrawn_at
         FROM checkin_schedules s JOIN people p ON p.id = s.person_id JOIN cases c ON c.id = s.case_id
         WHERE s.next_at IS NOT NULL AND s.next_at <= $1 AND s.stopped_at IS NULL
         ORDER BY s.next_at LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// Moves a due reminder from `was` to `next` (`None`: no more). `false` if another replica
/// moved it first, so the caller must not send. `reminded` counts a reminder sent at `now`.
pub async fn advance(tx: &mut Tx<'_>, id: i64, was: i64, next: Option<i64>, reminded: bool, now: i64) -> Result<bool> {
    let sent = i64::from(reminded);
    Ok(sqlx::query(
        "UPDATE checkin_schedules SET next_at = $1, reminders_sent = reminders_sent + $2,
             last_reminded_at = CASE WHEN $2 = 1 THEN $3 ELSE last_reminded_at END
         WHERE id = $4 AND next_at = $5 AND stopped_at IS NULL",
    )
    .bind(next)
    .bind(sent)
    .bind(now)
    .bind(id)
    .bind(was)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// Ends a schedule for good (the case was deleted or consent withdrawn).
pub async fn end(tx: &mut Tx<'_>, id: i64, now: i64) -> Result<()> {
    sqlx::query("UPDATE checkin_schedules SET next_at = NULL, stopped_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// "Stop check-ins": no more reminders for this person. Whether any were coming.
pub async fn stop(tx: &mut Tx<'_>, person: i64, now: i64) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE checkin_schedules SET next_at = NULL, stopped_at = $1 WHERE person_id = $2 AND stopped_at IS NULL",
    )
    .bind(now)
    .bind(person)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        > 0)
}

/// "Not now": the next reminder at `at` (then on from there). Whether a schedule was running.
pub async fn snooze(tx: &mut Tx<'_>, person: i64, at: i64) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE checkin_schedules SET next_at = $1, snoozes = snoozes + 1 WHERE person_id = $2 AND stopped_at IS NULL",
    )
    .bind(at)
    .bind(person)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        > 0)
}

/// Whether the person's check-in reminders are running (not stopped).
pub async fn reminders_running(tx: &mut Tx<'_>, person: i64) -> Result<bool> {
    let running: Option<i64> =
        sqlx::query_scalar("SELECT id FROM checkin_schedules WHERE person_id = $1 AND stopped_at IS NULL LIMIT 1")
            .bind(person)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(running.is_some())
}

/// A person's schedule, as the case view shows it.
#[derive(Debug, Clone, FromRow)]
pub struct Schedule {
    pub next_at: Option<i64>,
    pub until_at: i64,
    pub reminders_sent: i64,
    pub snoozes: i64,
    pub stopped_at: Option<i64>,
}

pub async fn schedule_of(pool: &AnyPool, case: i64) -> Result<Option<Schedule>> {
    Ok(sqlx::query_as::<_, Schedule>(
        "SELECT next_at, until_at, reminders_sent, snoozes, stopped_at FROM checkin_schedules WHERE case_id = $1",
    )
    .bind(case)
    .fetch_optional(pool)
    .await?)
}

/// The case check-ins are for: the person's latest case they consented to, unless deleted or
/// consent was taken back. (id, age band).
pub async fn case_for(tx: &mut Tx<'_>, person: i64) -> Result<Option<(i64, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT id, age_band FROM cases WHERE person_id = $1 AND consent_at IS NOT NULL
             AND consent_withdrawn_at IS NULL AND erased_at IS NULL AND status <> 'deleted'
         ORDER BY id DESC LIMIT 1",
    )
    .bind(person)
    .fetch_optional(&mut **tx)
    .await?)
}

/// A check-in under way.
#[derive(Debug, Clone, FromRow)]
pub struct Open {
    pub id: i64,
    pub case_id: i64,
    pub measure: String,
    pub started_at: i64,
    /// The case's age band: which items are asked, in which words.
    pub age_band: Option<String>,
}

/// The person's unfinished check-in started after `since`, if any.
pub async fn open(tx: &mut Tx<'_>, person: i64, since: i64) -> Result<Option<Open>> {
    Ok(sqlx::query_as::<_, Open>(
        "SELECT k.id, k.case_id, k.measure, k.started_at, c.age_band FROM checkins k JOIN cases c ON c.id = k.case_id
         WHERE k.person_id = $1 AND k.completed_at IS NULL AND k.started_at > $2 ORDER BY k.id DESC LIMIT 1",
    )
    .bind(person)
    .bind(since)
    .fetch_optional(&mut **tx)
    .await?)
}

pub async fn begin(tx: &mut Tx<'_>, person: i64, case: i64, measure: &str, started_by: &str, now: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO checkins (person_id, case_id, measure, started_by, started_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id",
    )
    .bind(person)
    .bind(case)
    .bind(measure)
    .bind(started_by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

/// The items answered so far in a check-in, with their scores.
pub async fn answered(tx: &mut Tx<'_>, checkin: i64) -> Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as("SELECT item, score FROM case_scores WHERE checkin_id = $1 ORDER BY id")
        .bind(checkin)
        .fetch_all(&mut **tx)
        .await?)
}

/// One answer.
#[derive(Debug, Clone)]
pub struct Answer<'a> {
    pub checkin: &'a Open,
    pub item: &'a str,
    pub score: u8,
    pub band: Option<&'a str>,
}

pub async fn answer(tx: &mut Tx<'_>, a: &Answer<'_>, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO case_scores (case_id, measure, item, score, band, recorded_at, checkin_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(a.checkin.case_id)
    .bind(&a.checkin.measure)
    .bind(a.item)
    .bind(i64::from(a.score))
    .bind(a.band)
    .bind(now)
    .bind(a.checkin.id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An answer taken back ("back" to change it): the item is asked again.
pub async fn unanswer(tx: &mut Tx<'_>, checkin: i64, item: &str) -> Result<()> {
    sqlx::query("DELETE FROM case_scores WHERE checkin_id = $1 AND item = $2")
        .bind(checkin)
        .bind(item)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn complete(tx: &mut Tx<'_>, checkin: i64, now: i64) -> Result<()> {
    sqlx::query("UPDATE checkins SET completed_at = $1 WHERE id = $2")
        .bind(now)
        .bind(checkin)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A score over time: from the hand-off (`checkin` none) or a finished check-in.
#[derive(Debug, Clone, FromRow, PartialEq)]
pub struct Point {
    pub checkin_id: Option<i64>,
    pub measure: String,
    pub item: String,
    pub score: i64,
    pub recorded_at: i64,
}

/// Every score of a case that counts: the hand-off's and those of finished check-ins, oldest
/// first. Check-in scores are dated when the check-in finished, so one check-in is one point.
pub async fn history<'e>(db: impl sqlx::Executor<'e, Database = sqlx::Any>, case: i64) -> Result<Vec<Point>> {
    Ok(sqlx::query_as::<_, Point>(
        "SELECT s.checkin_id, s.measure, s.item, s.score, COALESCE(k.completed_at, s.recorded_at) AS recorded_at
         FROM case_scores s LEFT JOIN checkins k ON k.id = s.checkin_id
         WHERE s.case_id = $1 AND (s.checkin_id IS NULL OR k.completed_at IS NOT NULL)
         ORDER BY COALESCE(k.completed_at, s.recorded_at), s.id",
    )
    .bind(case)
    .fetch_all(db)
    .await?)
}

//! Retention: what is erased because it is old enough, using the same erasure as `/delete`.
//! A young person goes when their latest case closed more than `closed_case_days` ago, or when
//! they never reached a hand-off and last wrote more than `abandoned_days` ago. Either way only
//! if they have not written since the cut-off and have no open case.

use serde::Serialize;
use sqlx::{AnyPool, AssertSqlSafe, FromRow};

use super::{Result, erase};

const DAY_MS: i64 = 86_400_000;

/// Someone the retention rules say to erase.
#[derive(Debug, Clone, FromRow, Serialize, PartialEq, Eq)]
pub struct Due {
    pub person_id: i64,
    /// The reference of their latest case, if they had one.
    pub reference: Option<String>,
    /// `closed` or `abandoned`.
    pub reason: String,
    /// When the clock started: the case closed, or they last wrote.
    pub since: i64,
}

/// Who would be erased at `now`.
pub async fn due(pool: &AnyPool, now: i64, closed_case_days: i64, abandoned_days: i64) -> Result<Vec<Due>> {
    let closed_cutoff = now - closed_case_days * DAY_MS;
    let abandoned_cutoff = now - abandoned_days * DAY_MS;
    let mut out = sqlx::query_as::<_, Due>(
        "SELECT p.id AS person_id, c.reference, 'closed' AS reason, c.closed_at AS since
         FROM people p JOIN cases c ON c.person_id = p.id
         WHERE p.erased_at IS NULL AND c.erased_at IS NULL AND c.status = 'closed' AND c.closed_at < $1
           AND p.last_seen_at < $1
           AND c.id = (SELECT MAX(id) FROM cases WHERE person_id = p.id)
           AND NOT EXISTS (SELECT 1 FROM cases o WHERE o.person_id = p.id AND o.status NOT IN ('closed', 'deleted'))
         ORDER BY c.closed_at, p.id",
    )
    .bind(closed_cutoff)
    .fetch_all(pool)
    .await?;
    out.extend(
        sqlx::query_as::<_, Due>(
            "SELECT p.id AS person_id, CAST(NULL AS TEXT) AS reference, 'abandoned' AS reason, p.last_seen_at AS since
             FROM people p
             WHERE p.erased_at IS NULL AND p.last_seen_at < $1
               AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id)
             ORDER BY p.last_seen_at, p.id",
        )
        .bind(abandoned_cutoff)
        .fetch_all(pool)
        .await?,
    );
    Ok(out)
}

/// Erases everyone due at `now`, one transaction each. Returns who was erased.
pub async fn run(pool: &AnyPool, now: i64, closed_case_days: i64, abandoned_days: i64) -> Result<Vec<Due>> {
    let due = due(pool, now, closed_case_days, abandoned_days).await?;
    for d in &due {
        let mut tx = pool.begin().await?;
        erase::person(&mut tx, d.person_id, now).await?;
        tx.commit().await?;
    }
    if !due.is_empty() {
        tracing::info!(erased = due.len(), "retention: old data erased");
    }
    Ok(due)
}

/// What [`prune_delivered`] removed (or, in a dry run, would remove): counts only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Pruned {
    /// Delivered outbox rows deleted.
    pub outbox_deleted: u64,
    /// Processed inbox rows whose raw payload was blanked (the row and its ids stay).
    pub inbox_blanked: u64,
}

/// Delivered messages older than the cut-off, except each chat's latest sent message with
/// buttons: a later multi-select tick edits that one by its `sent_message_id`
/// (`outbox::last_buttons_message`). Queued, sending, failed and unreachable rows never match.
const DELIVERED: &str = "status = 'sent' AND COALESCE(sent_at, created_at) < $1
      AND id NOT IN (SELECT MAX(id) FROM outbox WHERE status = 'sent' AND kind = 'message_with_buttons'
                     GROUP BY channel, chat)";

/// Processed payloads older than the cut-off that still hold their raw payload. Unprocessed
/// ones never match; the row stays, so its (channel, external_id) still stops a repeat.
const PROCESSED: &str = "processed_at IS NOT NULL AND processed_at < $1 AND payload <> '{}'";

const BATCH: u64 = 500;

/// Blanks the payloads of up to [`BATCH`] old processed inbox rows in one transaction. Each row
/// is deleted and written back with the same id, keys and times and an empty payload, rather
/// than updated: SQLite leaves the room an update frees inside a page (new rows, with higher
/// ids, go at the end and never use it), while a delete merges the emptied pages.
async fn blank_batch(pool: &AnyPool, cutoff: i64) -> Result<u64> {
    type Row = (i64, String, String, Option<i64>, String, i64, Option<i64>, i64, Option<String>);
    let mut tx = pool.begin().await?;
    let rows = sqlx::query_as::<_, Row>(AssertSqlSafe(format!(
        "DELETE FROM inbox WHERE id IN (SELECT id FROM inbox WHERE {PROCESSED} ORDER BY id LIMIT {BATCH})
         RETURNING id, channel, external_id, seq, chat, received_at, processed_at, attempts, last_error"
    )))
    .bind(cutoff)
    .fetch_all(&mut *tx)
    .await?;
    for (id, channel, external_id, seq, chat, received_at, processed_at, attempts, last_error) in &rows {
        sqlx::query(
            "INSERT INTO inbox (id, channel, external_id, seq, chat, payload, received_at, processed_at, attempts, last_error)
             VALUES ($1, $2, $3, $4, $5, '{}', $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(channel)
        .bind(external_id)
        .bind(seq)
        .bind(chat)
        .bind(received_at)
        .bind(processed_at)
        .bind(attempts)
        .bind(last_error)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(rows.len() as u64)
}

/// Deletes delivered outbox rows, and blanks the raw payload of processed inbox rows, older
/// than `delivered_days` at `now`; with `dry_run` only counts them. What
/// stays: every unprocessed payload and undelivered message; the inbox rows' channel,
/// external id, order number, chat and times (repeats are still recognised and polling still
/// resumes after the highest order number); the transcript, which `/mydata` and the dashboard
/// read. A delivery tick whose outbox row is gone shows "sent". On SQLite with
/// `auto_vacuum = INCREMENTAL` the freed pages are then given back to the file system;
/// otherwise they stay in the file and new rows reuse them.
pub async fn prune_delivered(pool: &AnyPool, now: i64, delivered_days: i64, dry_run: bool) -> Result<Pruned> {
    let cutoff = now - delivered_days * DAY_MS;
    let pruned = if dry_run {
        let count = |table: &'static str, condition: &'static str| async move {
            let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM {table} WHERE {condition}")))
                .bind(cutoff)
                .fetch_one(pool)
                .await?;
            Ok::<u64, super::Error>(n as u64)
        };
        Pruned { outbox_deleted: count("outbox", DELIVERED).await?, inbox_blanked: count("inbox", PROCESSED).await? }
    } else {
        // In batches, each its own short transaction, so a first run over years of rows never
        // holds SQLite's write lock for long.
        let mut pruned = Pruned::default();
        loop {
            let n = sqlx::query(AssertSqlSafe(format!(
                "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE {DELIVERED} ORDER BY id LIMIT {BATCH})"
            )))
            .bind(cutoff)
            .execute(pool)
            .await?
            .rows_affected();
            pruned.outbox_deleted += n;
            if n < BATCH {
                break;
            }
        }
        loop {
            let n = blank_batch(pool, cutoff).await?;
            pruned.inbox_blanked += n;
            if n < BATCH {
                break;
            }
        }
        pruned
    };
    if !dry_run && pruned != Pruned::default() {
        tracing::info!(
            outbox_deleted = pruned.outbox_deleted,
            inbox_blanked = pruned.inbox_blanked,
            "retention: delivered messages and processed payloads pruned"
        );
        if pool.connect_options().database_url.scheme() == "sqlite" {
            // 2 is INCREMENTAL. Not on by default (it must be set before the first table);
            // without it freed pages stay in the file for new rows.
            let auto_vacuum: i64 = sqlx::query_scalar("PRAGMA auto_vacuum").fetch_one(pool).await?;
            if auto_vacuum == 2 {
                sqlx::query("PRAGMA incremental_vacuum").execute(pool).await?;
            }
        }
    }
    Ok(pruned)
}

//! The inbox, one for every channel: each payload stored (unique by channel and the channel's own
//! id for it) before the channel is told it arrived; each processed exactly once, in order per
//! chat, even with several replicas.

use sqlx::{AnyPool, FromRow};

use super::{Result, Tx};

/// A payload as a channel received it, to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The channel's own id for it (a bot update's id, a web post's client id): a payload
    /// stored again under the same id is a repeat and ignored.
    pub external_id: String,
    /// The channel's own order number, when it has one (polling resumes after the highest).
    pub seq: Option<i64>,
    /// The conversation it belongs to, for ordering; empty for payloads without one.
    pub chat: String,
    pub payload: String,
}

/// A stored payload.
#[derive(Debug, Clone, FromRow)]
pub struct Stored {
    pub id: i64,
    pub channel: String,
    pub external_id: String,
    pub chat: String,
    pub payload: String,
    pub attempts: i64,
}

/// Stores a batch in one transaction; repeats (replays, retries) are ignored.
/// Returns how many were new.
pub async fn store(pool: &AnyPool, channel: &str, received: &[Received], now: i64) -> Result<u64> {
    // One payload (most batches at a steady pace) is one statement, atomic without a
    // transaction around it.
    if let [one] = received {
        return Ok(insert(channel, one, now).execute(pool).await?.rows_affected());
    }
    let mut tx = pool.begin().await?;
    let mut new = 0;
    for r in received {
        new += insert(channel, r, now).execute(&mut *tx).await?.rows_affected();
    }
    tx.commit().await?;
    Ok(new)
}

/// The insert of one payload; a repeat of a stored id does nothing.
fn insert<'q>(
    channel: &'q str,
    r: &'q Received,
    now: i64,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    sqlx::query(
        "INSERT INTO inbox (channel, external_id, seq, chat, payload, received_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (channel, external_id) DO NOTHING",
    )
    .bind(channel)
    .bind(&r.external_id)
    .bind(r.seq)
    .bind(&r.chat)
    .bind(&r.payload)
    .bind(now)
}

/// Stores one payload and returns it as stored; `None` if it is a repeat.
pub async fn store_one(pool: &AnyPool, channel: &str, received: &Received, now: i64) -> Result<Option<Stored>> {
    Ok(sqlx::query_as::<_, Stored>(
        "INSERT INTO inbox (channel, external_id, seq, chat, payload, received_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (channel, external_id) DO NOTHING
         RETURNING id, channel, external_id, chat, payload, attempts",
    )
    .bind(channel)
    .bind(&received.external_id)
    .bind(received.seq)
    .bind(&received.chat)
    .bind(&received.payload)
    .bind(now)
    .fetch_optional(pool)
    .await?)
}

/// A channel's unprocessed payloads, oldest first.
pub async fn pending(pool: &AnyPool, channel: &str, limit: i64) -> Result<Vec<Stored>> {
    Ok(sqlx::query_as::<_, Stored>(
        "SELECT id, channel, external_id, chat, payload, attempts FROM inbox
         WHERE channel = $1 AND processed_at IS NULL ORDER BY id LIMIT $2",
    )
    .bind(channel)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// Within the transaction that handles it: claims the payload if it is unprocessed and the
/// oldest unprocessed one of its chat. `false` means skip it now (done already, or an earlier
/// payload of the chat must go first).
pub async fn claim(tx: &mut Tx<'_>, stored: &Stored, now: i64) -> Result<bool> {
    // One statement, not a look then a write: it runs for every message.
    let claimed = sqlx::query(
        "UPDATE inbox SET processed_at = $1 WHERE id = $2 AND processed_at IS NULL
         AND id = (SELECT MIN(id) FROM inbox WHERE channel = $3 AND chat = $4 AND processed_at IS NULL)",
    )
    .bind(now)
    .bind(stored.id)
    .bind(&stored.channel)
    .bind(&stored.chat)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(claimed == 1)
}

/// Records a failed attempt. After `give_up_after` attempts the payload is set aside (marked
/// processed with its error) so one bad payload never stops a chat. `true` if it was.
pub async fn failed(pool: &AnyPool, id: i64, error: &str, give_up_after: i64, now: i64) -> Result<bool> {
    let attempts: i64 = sqlx::query_scalar(
        "UPDATE inbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2 RETURNING attempts",
    )
    .bind(error)
    .bind(id)
    .fetch_one(pool)
    .await?;
    if attempts >= give_up_after {
        sqlx::query("UPDATE inbox SET processed_at = $1 WHERE id = $2").bind(now).bind(id).execute(pool).await?;
        return Ok(true);
    }
    Ok(false)
}

/// The highest order number a channel has stored, so polling resumes after it.
pub async fn last_seq(pool: &AnyPool, channel: &str) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT MAX(seq) FROM inbox WHERE channel = $1").bind(channel).fetch_one(pool).await?)
}

/// How a channel's inbox stands: payloads stored, and how many of them are processed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromRow)]
pub struct Counts {
    pub stored: i64,
    pub processed: i64,
}

pub async fn counts(pool: &AnyPool, channel: &str) -> Result<Counts> {
    Ok(sqlx::query_as::<_, Counts>(
        "SELECT COUNT(*) AS stored,
                COALESCE(SUM(CASE WHEN processed_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS processed
         FROM inbox WHERE channel = $1",
    )
    .bind(channel)
    .fetch_one(pool)
    .await?)
}

/// Whether a stored payload has been processed; `None` if nothing is stored under that id.
pub async fn processed(pool: &AnyPool, channel: &str, external_id: &str) -> Result<Option<bool>> {
    let at: Option<Option<i64>> =
        sqlx::query_scalar("SELECT processed_at FROM inbox WHERE channel = $1 AND external_id = $2")
            .bind(channel)
            .bind(external_id)
            .fetch_optional(pool)
            .await?;
    Ok(at.map(|at| at.is_some()))
}

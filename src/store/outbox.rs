//! The outbox: replies queued in the same transaction as the state change that caused them,
//! delivered by a sender in order per chat, with retries, leases and delivery states.

use serde::{Deserialize, Serialize};
use sqlx::{AnyPool, FromRow};

use super::{Result, Tx};

/// What to deliver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    /// A new message, with buttons in rows of `columns`.
    Message { text: String, buttons: Vec<Button>, columns: usize },
    /// New buttons on the latest message that had buttons (a multi-select tick).
    EditButtons { buttons: Vec<Button>, columns: usize },
    /// The last message after an erasure: sent, then the row is deleted, leaving no trace.
    Farewell { text: String },
    /// A file with a caption (a young person's copy of their data): its payload is dropped
    /// once sent, so the copy is not kept twice.
    Document { filename: String, caption: String, body: String },
    /// A picture with a caption (a check-in chart), base64 PNG; dropped once sent, too.
    Photo { filename: String, caption: String, png: String },
}

/// Bytes as the outbox keeps them in JSON.
pub fn encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The bytes of [`encode`]d text, if it is base64.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub label: String,
    pub payload: String,
}

impl Item {
    fn kind(&self) -> &'static str {
        match self {
            Item::Message { buttons, .. } if !buttons.is_empty() => "message_with_buttons",
            Item::Message { .. } => "message",
            Item::EditButtons { .. } => "edit_buttons",
            Item::Farewell { .. } => "farewell",
            Item::Document { .. } => "document",
            Item::Photo { .. } => "photo",
        }
    }
}

pub async fn enqueue(tx: &mut Tx<'_>, person: i64, channel: &str, chat: &str, item: &Item, now: i64) -> Result<i64> {
    let payload = serde_json::to_string(item).map_err(|e| super::Error::Corrupt(e.to_string()))?;
    Ok(sqlx::query_scalar(
        "INSERT INTO outbox (person_id, channel, chat, kind, payload, status, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, 'queued', $6, $6) RETURNING id",
    )
    .bind(person)
    .bind(channel)
    .bind(chat)
    .bind(item.kind())
    .bind(payload)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct Queued {
    pub id: i64,
    pub person_id: i64,
    pub chat: String,
    pub payload: String,
    pub attempts: i64,
}

impl Queued {
    pub fn item(&self) -> Option<Item> {
        serde_json::from_str(&self.payload).ok()
    }
}

/// Messages due now: for each chat only its oldest undelivered one, so order per chat holds;
/// nothing for a young person who cannot be reached or who paused (until they write again).
pub async fn due(pool: &AnyPool, channel: &str, now: i64, limit: i64) -> Result<Vec<Queued>> {
    Ok(sqlx::query_as::<_, Queued>(
        "SELECT o.id, o.person_id, o.chat, o.payload, o.attempts FROM outbox o
         WHERE o.channel = $1 AND o.status = 'queued' AND o.next_attempt_at <= $2
           AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = o.person_id
                           AND (p.unreachable = 1 OR (p.paused_at IS NOT NULL AND o.created_at > p.paused_at)))
           AND o.id = (SELECT MIN(p.id) FROM outbox p WHERE p.channel = o.channel AND p.chat = o.chat
                       AND p.status IN ('queued', 'sending'))
         ORDER BY o.id LIMIT $3",
    )
    .bind(channel)
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// Messages due now, each chat's in order: a chat's run of due messages from its oldest
/// undelivered one (nothing behind a message being sent or waiting to be tried again), so a
/// sender may take them together and still keep each chat's order. Held as [`due`] holds.
///
/// "Nothing ahead" is each row's own look at its chat's first blocking message, through
/// `outbox_undelivered`; PostgreSQL turned a `NOT EXISTS` into one scan of every message being
/// sent (dead index entries included, under load), which took up to 2.3 s.
pub async fn due_runs(pool: &AnyPool, channel: &str, now: i64, limit: i64) -> Result<Vec<Queued>> {
    Ok(sqlx::query_as::<_, Queued>(
        "SELECT o.id, o.person_id, o.chat, o.payload, o.attempts FROM outbox o
         WHERE o.channel = $1 AND o.status = 'queued' AND o.next_attempt_at <= $2
           AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = o.person_id
                           AND (p.unreachable = 1 OR (p.paused_at IS NOT NULL AND o.created_at > p.paused_at)))
           AND o.id < COALESCE((SELECT MIN(e.id) FROM outbox e WHERE e.channel = o.channel AND e.chat = o.chat
                                AND e.status IN ('queued', 'sending')
                                AND (e.status = 'sending' OR e.next_attempt_at > $2)), o.id + 1)
         ORDER BY o.id LIMIT $3",
    )
    .bind(channel)
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// Takes messages for sending until `lease_until`, in one statement, each only while it is
/// queued and nothing of its chat outside `ids` is still ahead of it. Returns the ids taken;
/// a caller keeps each chat's taken run only from its first message on (see `send`).
pub async fn claim_many(pool: &AnyPool, ids: &[i64], lease_until: i64) -> Result<Vec<i64>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Numbers from the database, written in: not words anyone typed.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "UPDATE outbox SET status = 'sending', lease_until = $1
         WHERE status = 'queued' AND id IN ({list})
           AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.channel = outbox.channel AND e.chat = outbox.chat
                           AND e.id < outbox.id AND e.status IN ('queued', 'sending') AND e.id NOT IN ({list}))
         RETURNING id"
    );
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).persistent(false).bind(lease_until).fetch_all(pool).await?)
}

/// Gives messages taken for sending back to the queue, unchanged (a chat's run stopped).
pub async fn release(pool: &AnyPool, ids: &[i64]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let sql =
        format!("UPDATE outbox SET status = 'queued', lease_until = NULL WHERE status = 'sending' AND id IN ({list})");
    sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(false).execute(pool).await?;
    Ok(())
}

/// Takes a message for sending until `lease_until`; `false` if another sender has it.
pub async fn claim(pool: &AnyPool, id: i64, lease_until: i64) -> Result<bool> {
    Ok(sqlx::query("UPDATE outbox SET status = 'sending', lease_until = $1 WHERE id = $2 AND status = 'queued'")
        .bind(lease_until)
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected()
        == 1)
}

/// Messages whose sender died mid-send go back to the queue (they may be sent twice: at most
/// one duplicate per crash).
pub async fn release_expired(pool: &AnyPool, channel: &str, now: i64) -> Result<u64> {
    Ok(sqlx::query(
        "UPDATE outbox SET status = 'queued', lease_until = NULL
         WHERE channel = $1 AND status = 'sending' AND lease_until < $2",
    )
    .bind(channel)
    .bind(now)
    .execute(pool)
    .await?
    .rows_affected())
}

pub async fn sent(pool: &AnyPool, id: i64, message_id: Option<&str>, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_message_id = $1, sent_at = $2, lease_until = NULL WHERE id = $3",
    )
    .bind(message_id)
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// A delivered document's or picture's contents are not kept: only that it was sent.
pub async fn sent_document(pool: &AnyPool, id: i64, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'sent', payload = '{\"kind\":\"sent_document\"}', sent_at = $1, lease_until = NULL
         WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Removes a delivered farewell.
pub async fn forget(pool: &AnyPool, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM outbox WHERE id = $1").bind(id).execute(pool).await?;
    Ok(())
}

/// Back to the queue, to try again at `at`.
pub async fn retry_at(pool: &AnyPool, id: i64, at: i64, error: &str) -> Result<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'queued', attempts = attempts + 1, next_attempt_at = $1, last_error = $2, lease_until = NULL
         WHERE id = $3",
    )
    .bind(at)
    .bind(error)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Gives up on one message (a request the channel will never accept).
pub async fn failed(pool: &AnyPool, id: i64, error: &str) -> Result<()> {
    sqlx::query("UPDATE outbox SET status = 'failed', last_error = $1, lease_until = NULL WHERE id = $2")
        .bind(error)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// The young person blocked the bot: mark them unreachable and hold everything queued for them.
pub async fn unreachable(pool: &AnyPool, person: i64) -> Result<()> {
    let mut tx = pool.begin().await?;
    unreachable_in(&mut tx, person).await?;
    tx.commit().await?;
    Ok(())
}

/// As [`unreachable()`], inside the caller's transaction.
pub async fn unreachable_in(tx: &mut Tx<'_>, person: i64) -> Result<()> {
    sqlx::query("UPDATE people SET unreachable = 1 WHERE id = $1").bind(person).execute(&mut **tx).await?;
    sqlx::query("UPDATE outbox SET status = 'unreachable', lease_until = NULL WHERE person_id = $1 AND status IN ('queued', 'sending')")
        .bind(person)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The channel's id of the latest message sent to `chat` with buttons.
pub async fn last_buttons_message(pool: &AnyPool, channel: &str, chat: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT sent_message_id FROM outbox WHERE channel = $1 AND chat = $2 AND kind = 'message_with_buttons'
         AND status = 'sent' ORDER BY id DESC LIMIT 1",
    )
    .bind(channel)
    .bind(chat)
    .fetch_optional(pool)
    .await?
    .flatten())
}

//! The Telegram inbox: every update stored (unique by `update_id`) before Telegram is told it
//! arrived; each processed exactly once, in order per chat, even with several replicas.

use sqlx::{AnyPool, FromRow};

use super::{Result, Tx};

/// A stored update: its id, its chat and the raw JSON as Telegram sent it.
#[derive(Debug, Clone, FromRow)]
pub struct Stored {
    pub update_id: i64,
    pub chat: String,
    pub payload: String,
    pub attempts: i64,
}

/// Stores a batch in one transaction; repeats (replays, webhook retries) are ignored.
/// Returns how many were new.
pub async fn store(pool: &AnyPool, updates: &[(i64, String, String)], now: i64) -> Result<u64> {
    let mut tx = pool.begin().await?;
    let mut new = 0;
    for (update_id, chat, payload) in updates {
        new += sqlx::query(
            "INSERT INTO telegram_inbox (update_id, chat, payload, received_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (update_id) DO NOTHING",
        )
        .bind(update_id)
        .bind(chat)
        .bind(payload)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    tx.commit().await?;
    Ok(new)
}

/// Unprocessed updates, oldest first.
pub async fn pending(pool: &AnyPool, limit: i64) -> Result<Vec<Stored>> {
    Ok(sqlx::query_as::<_, Stored>(
        "SELECT update_id, chat, payload, attempts FROM telegram_inbox WHERE processed_at IS NULL
         ORDER BY update_id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// Within the transaction that handles it: claims the update if it is unprocessed and the
/// oldest unprocessed one of its chat. `false` means skip it now (done already, or an earlier
/// update of the chat must go first).
pub async fn claim(tx: &mut Tx<'_>, update_id: i64, chat: &str, now: i64) -> Result<bool> {
    let first: Option<i64> =
        sqlx::query_scalar("SELECT MIN(update_id) FROM telegram_inbox WHERE chat = $1 AND processed_at IS NULL")
            .bind(chat)
            .fetch_one(&mut **tx)
            .await?;
    if first != Some(update_id) {
        return Ok(false);
    }
    let claimed =
        sqlx::query("UPDATE telegram_inbox SET processed_at = $1 WHERE update_id = $2 AND processed_at IS NULL")
            .bind(now)
            .bind(update_id)
            .execute(&mut **tx)
            .await?
            .rows_affected();
    Ok(claimed == 1)
}

/// Records a failed attempt. After `give_up_after` attempts the update is set aside (marked
/// processed with its error) so one bad update never stops a chat.
pub async fn failed(pool: &AnyPool, update_id: i64, error: &str, give_up_after: i64, now: i64) -> Result<bool> {
    let attempts: i64 = sqlx::query_scalar(
        "UPDATE telegram_inbox SET attempts = attempts + 1, last_error = $1 WHERE update_id = $2 RETURNING attempts",
    )
    .bind(error)
    .bind(update_id)
    .fetch_one(pool)
    .await?;
    if attempts >= give_up_after {
        sqlx::query("UPDATE telegram_inbox SET processed_at = $1 WHERE update_id = $2")
            .bind(now)
            .bind(update_id)
            .execute(pool)
            .await?;
        return Ok(true);
    }
    Ok(false)
}

/// The highest update id stored, so polling resumes after it.
pub async fn last_update_id(pool: &AnyPool) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT MAX(update_id) FROM telegram_inbox").fetch_one(pool).await?)
}

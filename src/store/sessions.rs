//! Sessions of channels without accounts of their own (the web chat): a token's hash, the chat
//! it stands for, and the CSRF token its forms carry. The token itself lives only in the
//! browser's cookie.

use sqlx::{AnyPool, FromRow};

use super::Result;

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Session {
    pub channel: String,
    pub chat: String,
    pub csrf: String,
}

pub async fn create(pool: &AnyPool, channel: &str, chat: &str, token_hash: &str, csrf: &str, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO channel_sessions (channel, chat, token_hash, csrf, created_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(channel)
    .bind(chat)
    .bind(token_hash)
    .bind(csrf)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// The session a token's hash belongs to, marked seen.
pub async fn by_token(pool: &AnyPool, channel: &str, token_hash: &str, now: i64) -> Result<Option<Session>> {
    Ok(sqlx::query_as::<_, Session>(
        "UPDATE channel_sessions SET last_seen_at = $1 WHERE channel = $2 AND token_hash = $3
         RETURNING channel, chat, csrf",
    )
    .bind(now)
    .bind(channel)
    .bind(token_hash)
    .fetch_optional(pool)
    .await?)
}

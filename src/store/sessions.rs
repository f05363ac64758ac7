//! Sessions of channels without accounts of their own (the web chat): a token's hash, the chat
//! it stands for, the hash of its "come back code", and the CSRF token its forms carry. The
//! token and the code live only with the young person.

use sqlx::{AnyPool, FromRow};

use super::Result;

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Session {
    pub channel: String,
    pub chat: String,
    pub csrf: String,
    /// The come back code, when the token it is made from is at hand (never stored).
    #[sqlx(skip)]
    pub code: Option<String>,
}

/// The hashes a new session is stored under: its cookie token's and its come back code's.
pub struct Hashes<'a> {
    pub token: &'a str,
    pub code: &'a str,
}

pub async fn create(pool: &AnyPool, channel: &str, chat: &str, hashes: Hashes<'_>, csrf: &str, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO channel_sessions (channel, chat, token_hash, return_hash, csrf, created_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(channel)
    .bind(chat)
    .bind(hashes.token)
    .bind(hashes.code)
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

/// The chat whose come back code has this hash, if any.
pub async fn chat_by_code(pool: &AnyPool, channel: &str, code_hash: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT chat FROM channel_sessions WHERE channel = $1 AND return_hash = $2 LIMIT 1")
        .bind(channel)
        .bind(code_hash)
        .fetch_optional(pool)
        .await?)
}

//! People: one row per young person per channel, found or created on every message.

use sqlx::FromRow;

use super::{Result, Tx};

#[derive(Debug, Clone, FromRow)]
pub struct Person {
    pub id: i64,
    pub channel: String,
    pub channel_user: String,
    pub locale: String,
    pub source: String,
    /// A link worker is in contact: their messages go to the case, not the flow.
    pub with_worker: i64,
}

/// Finds or creates the person and marks them seen (reachable and not paused: they just wrote). Being a
/// write, it also takes the person's row lock first, so two messages from one person are
/// handled one after the other. A referral `source` is kept if they had none yet.
pub async fn touch(
    tx: &mut Tx<'_>,
    channel: &str,
    user: &str,
    locale: &str,
    source: Option<&str>,
    now: i64,
) -> Result<Person> {
    let person = sqlx::query_as::<_, Person>(
        "INSERT INTO people (channel, channel_user, locale, source, created_at, last_seen_at)
         VALUES ($1, $2, $3, COALESCE($4, 'self'), $5, $5)
         ON CONFLICT (channel, channel_user) DO UPDATE SET last_seen_at = excluded.last_seen_at, unreachable = 0,
             paused_at = NULL,
             source = CASE WHEN people.source = 'self' AND $4 IS NOT NULL THEN $4 ELSE people.source END
         RETURNING id, channel, channel_user, locale, source, with_worker",
    )
    .bind(channel)
    .bind(user)
    .bind(locale)
    .bind(source)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(person)
}

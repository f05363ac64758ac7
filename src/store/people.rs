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

/// Where a person is reached: their channel and their id (chat) there.
pub async fn address(tx: &mut Tx<'_>, person: i64) -> Result<(String, String)> {
    Ok(sqlx::query_as("SELECT channel, channel_user FROM people WHERE id = $1")
        .bind(person)
        .fetch_one(&mut **tx)
        .await?)
}

/// The person on `channel` with id `chat` blocked linkup: marked unreachable, and everything
/// queued for them held (see [`super::outbox::unreachable_in`]). Their id, if linkup knows them.
pub async fn unreachable_by_chat(tx: &mut Tx<'_>, channel: &str, chat: &str) -> Result<Option<i64>> {
    let person: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE channel = $1 AND channel_user = $2")
        .bind(channel)
        .bind(chat)
        .fetch_optional(&mut **tx)
        .await?;
    if let Some(person) = person {
        super::outbox::unreachable_in(tx, person).await?;
    }
    Ok(person)
}

/// Whether what they write goes to the link worker in contact (`true`) or to the bot.
pub async fn set_with_worker(tx: &mut Tx<'_>, person: i64, with_worker: bool) -> Result<()> {
    sqlx::query("UPDATE people SET with_worker = $1 WHERE id = $2")
        .bind(i64::from(with_worker))
        .bind(person)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// They asked for no messages until they write again.
pub async fn pause(tx: &mut Tx<'_>, person: i64, now: i64) -> Result<()> {
    sqlx::query("UPDATE people SET paused_at = $1 WHERE id = $2").bind(now).bind(person).execute(&mut **tx).await?;
    Ok(())
}

/// Whether messages can reach them: blocked (`unreachable`) and paused since.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromRow)]
pub struct Reach {
    pub unreachable: i64,
    pub paused_at: Option<i64>,
}

pub async fn reach(pool: &sqlx::AnyPool, person: i64) -> Result<Reach> {
    Ok(sqlx::query_as("SELECT unreachable, paused_at FROM people WHERE id = $1").bind(person).fetch_one(pool).await?)
}

/// The person on `channel` with id `chat`, if linkup knows them.
pub async fn find(pool: &sqlx::AnyPool, channel: &str, chat: &str) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM people WHERE channel = $1 AND channel_user = $2")
        .bind(channel)
        .bind(chat)
        .fetch_optional(pool)
        .await?)
}

/// The locale a person's words are in.
pub async fn locale(pool: &sqlx::AnyPool, person: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT locale FROM people WHERE id = $1").bind(person).fetch_optional(pool).await?)
}

/// The young person chose the language linkup uses with them (`/language`): kept for every
/// message and reminder after, across restarts.
pub async fn set_locale(tx: &mut Tx<'_>, person: i64, locale: &str) -> Result<()> {
    sqlx::query("UPDATE people SET locale = $1 WHERE id = $2").bind(locale).bind(person).execute(&mut **tx).await?;
    Ok(())
}

/// The person on `channel` with id `chat`, if linkup knows them, uses `locale` from now on
/// (`linkup chat --locale cy`).
pub async fn set_locale_by_chat(pool: &sqlx::AnyPool, channel: &str, chat: &str, locale: &str) -> Result<()> {
    sqlx::query("UPDATE people SET locale = $1 WHERE channel = $2 AND channel_user = $3")
        .bind(locale)
        .bind(channel)
        .bind(chat)
        .execute(pool)
        .await?;
    Ok(())
}

//! The transcript: every message in and out, per person, in order.

use serde::Serialize;
use sqlx::{AnyPool, FromRow};

use super::{Result, Tx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    In,
    Out,
}

impl Direction {
    fn as_str(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
        }
    }
}

/// One message as stored. `body` is exactly what was sent or shown.
#[derive(Debug, Clone, FromRow, Serialize)]
pub struct Entry {
    pub id: i64,
    pub direction: String,
    pub kind: String,
    pub body: String,
    pub meta: String,
    pub step: Option<String>,
    pub created_at: i64,
}

impl Entry {
    /// The body as a person should read it: a typed button as the label it chose, with what
    /// was typed beside it when the two differ ("Friends, Family (typed: frends n family)").
    pub fn shown(&self) -> String {
        let meta: serde_json::Value = serde_json::from_str(&self.meta).unwrap_or_default();
        match meta[CHOSEN].as_str() {
            Some(chosen) if !chosen.eq_ignore_ascii_case(self.body.trim()) => {
                format!("{chosen} (typed: {})", self.body)
            }
            _ => self.body.clone(),
        }
    }
}

pub struct NewEntry<'a> {
    pub direction: Direction,
    pub kind: &'a str,
    pub body: &'a str,
    pub meta: serde_json::Value,
    pub step: Option<&'a str>,
}

/// PostgreSQL text cannot hold NUL; a body containing one is stored JSON-encoded (and marked
/// in `meta`) so it still comes back exactly as sent.
const JSON_BODY: &str = "body_encoding";

pub async fn append(tx: &mut Tx<'_>, person: i64, mut entry: NewEntry<'_>, now: i64) -> Result<i64> {
    let encoded;
    if entry.body.contains('\0') {
        encoded = serde_json::to_string(entry.body).unwrap_or_default();
        entry.body = &encoded;
        if let Some(meta) = entry.meta.as_object_mut() {
            meta.insert(JSON_BODY.into(), "json".into());
        }
    }
    let id = sqlx::query_scalar(
        "INSERT INTO messages (person_id, direction, kind, body, meta, step, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(person)
    .bind(entry.direction.as_str())
    .bind(entry.kind)
    .bind(entry.body)
    .bind(entry.meta.to_string())
    .bind(entry.step)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Marks (in `meta`) a typed message that was a button's number or label, or a command.
pub const TYPED_BUTTON: &str = "typed_button";

/// The meta key of a typed button's labels: what the typing chose.
pub const CHOSEN: &str = "chosen";
/// Meta of a bot or link worker message whose buttons stay usable under it (an activity's).
pub const LASTING: &str = "lasting";

/// The buttons of the bot's last message to the person, as (payload, label), if it was the
/// last message between them: what a typed "yes" may be pressing.
pub async fn last_offer(tx: &mut Tx<'_>, person: i64) -> Result<Vec<(String, String)>> {
    let last = sqlx::query_as::<_, (String, String)>(
        "SELECT direction, meta FROM messages WHERE person_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(person)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((_, meta)) = last.filter(|(direction, _)| direction == "out") else {
        return Ok(vec![]);
    };
    let meta: serde_json::Value = serde_json::from_str(&meta).unwrap_or_default();
    Ok(meta["buttons"]
        .as_array()
        .map(|buttons| {
            buttons
                .iter()
                .filter_map(|b| Some((b["payload"].as_str()?.to_string(), b["label"].as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default())
}

/// The person's latest typed messages since `since` (not typed buttons), at most `limit`,
/// oldest first: what the safety check scores together.
pub async fn recent_texts(tx: &mut Tx<'_>, person: i64, since: i64, limit: usize) -> Result<Vec<String>> {
    // Typed buttons are filtered here rather than in SQL (meta is JSON text); read a few more.
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT body, meta FROM messages
         WHERE person_id = $1 AND direction = 'in' AND kind IN ('text', 'edited') AND created_at >= $2
         ORDER BY id DESC LIMIT $3",
    )
    .bind(person)
    .bind(since)
    .bind(limit as i64 * 4)
    .fetch_all(&mut **tx)
    .await?;
    let typed_button =
        |meta: &str| serde_json::from_str::<serde_json::Value>(meta).is_ok_and(|m| m[TYPED_BUTTON] == true);
    let mut texts: Vec<String> = rows
        .into_iter()
        .filter(|(_, meta)| !typed_button(meta))
        .take(limit)
        .map(|(body, meta)| decoded(body, &meta))
        .collect();
    texts.reverse();
    Ok(texts)
}

/// The body as sent, undoing the JSON encoding of one that held a NUL.
fn decoded(body: String, meta: &str) -> String {
    let encoded = serde_json::from_str::<serde_json::Value>(meta).is_ok_and(|m| m[JSON_BODY] == "json");
    match encoded.then(|| serde_json::from_str::<String>(&body)) {
        Some(Ok(b)) => b,
        _ => body,
    }
}

pub async fn for_person(pool: &AnyPool, person: i64) -> Result<Vec<Entry>> {
    for_person_after(pool, person, 0, i64::MAX).await
}

/// The entries after `after` (an entry's id), and any made at `recent` or later, oldest first:
/// what a page already showing the rest may not have seen. (Ids are given out as transactions
/// start but seen as they commit, so an entry with a lower id can appear after a higher one;
/// the recent ones cover that.)
pub async fn for_person_after(pool: &AnyPool, person: i64, after: i64, recent: i64) -> Result<Vec<Entry>> {
    let mut entries = sqlx::query_as::<_, Entry>(
        "SELECT id, direction, kind, body, meta, step, created_at FROM messages
         WHERE person_id = $1 AND (id > $2 OR created_at >= $3) ORDER BY id",
    )
    .bind(person)
    .bind(after)
    .bind(recent)
    .fetch_all(pool)
    .await?;
    for e in &mut entries {
        e.body = decoded(std::mem::take(&mut e.body), &e.meta);
    }
    Ok(entries)
}

/// One entry of this person's, by id.
pub async fn by_id(pool: &AnyPool, person: i64, id: i64) -> Result<Option<Entry>> {
    let entry = sqlx::query_as::<_, Entry>(
        "SELECT id, direction, kind, body, meta, step, created_at FROM messages WHERE person_id = $1 AND id = $2",
    )
    .bind(person)
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(entry.map(|mut e| {
        e.body = decoded(std::mem::take(&mut e.body), &e.meta);
        e
    }))
}

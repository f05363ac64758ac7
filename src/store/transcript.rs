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

pub struct NewEntry<'a> {
    pub direction: Direction,
    pub kind: &'a str,
    pub body: &'a str,
    pub meta: serde_json::Value,
    pub step: Option<&'a str>,
}

pub async fn append(tx: &mut Tx<'_>, person: i64, entry: NewEntry<'_>, now: i64) -> Result<i64> {
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

pub async fn for_person(pool: &AnyPool, person: i64) -> Result<Vec<Entry>> {
    Ok(sqlx::query_as::<_, Entry>(
        "SELECT id, direction, kind, body, meta, step, created_at FROM messages WHERE person_id = $1 ORDER BY id",
    )
    .bind(person)
    .fetch_all(pool)
    .await?)
}

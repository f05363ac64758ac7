//! Retention: what is erased because it is old enough, using the same erasure as `/delete`.
//! A young person goes when their latest case closed more than `closed_case_days` ago, or when
//! they never reached a hand-off and last wrote more than `abandoned_days` ago. Either way only
//! if they have not written since the cut-off and have no open case.

use serde::Serialize;
use sqlx::{AnyPool, FromRow};

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

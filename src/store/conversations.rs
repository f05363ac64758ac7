//! Conversation state: the engine's [`State`] per person, stored as JSON with a version.

use super::{Error, Result, Tx};
use crate::flow::engine::State;

pub async fn load(tx: &mut Tx<'_>, person: i64) -> Result<Option<State>> {
    let row: Option<String> = sqlx::query_scalar("SELECT state FROM conversations WHERE person_id = $1")
        .bind(person)
        .fetch_optional(&mut **tx)
        .await?;
    match row {
        None => Ok(None),
        Some(json) => match serde_json::from_str(&json) {
            Ok(state) => Ok(Some(state)),
            // A state written by an incompatible version: start the person again rather than
            // refuse every message they send.
            Err(e) => {
                tracing::warn!(person, error = %e, "conversation state unreadable; starting again");
                Ok(None)
            }
        },
    }
}

pub async fn save(tx: &mut Tx<'_>, person: i64, state: &State, now: i64) -> Result<()> {
    let json = serde_json::to_string(state).map_err(|e| Error::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO conversations (person_id, flow, state, version, updated_at) VALUES ($1, $2, $3, 1, $4)
         ON CONFLICT (person_id) DO UPDATE
         SET flow = excluded.flow, state = excluded.state,
             version = conversations.version + 1, updated_at = excluded.updated_at",
    )
    .bind(person)
    .bind(&state.flow)
    .bind(json)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

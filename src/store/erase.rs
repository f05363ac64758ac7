//! Erasing a young person's data at their request: messages, answers, scores, check-ins, name, area,
//! phone, raw payloads from any channel and queued messages. What stays is what anonymous counts need
//! (a case's reference, source, dates and status) and, for an open safeguarding flag, that it
//! existed (its category and time, never the words).

use super::{Result, Tx};

/// What an erasure touched, for the link worker's notice.
#[derive(Debug, Clone, Default)]
pub struct Erased {
    /// References of the person's cases.
    pub cases: Vec<String>,
    /// Whether any had a safeguarding flag not yet cleared.
    pub flagged: bool,
}

pub async fn person(tx: &mut Tx<'_>, person: i64, now: i64) -> Result<Erased> {
    let cases: Vec<String> = sqlx::query_scalar("SELECT reference FROM cases WHERE person_id = $1 ORDER BY id")
        .bind(person)
        .fetch_all(&mut **tx)
        .await?;
    let open_flags: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM risk_flags WHERE person_id = $1 AND cleared_at IS NULL")
            .bind(person)
            .fetch_one(&mut **tx)
            .await?;
    for sql in [
        "DELETE FROM messages WHERE person_id = $1",
        "DELETE FROM conversations WHERE person_id = $1",
        "DELETE FROM outbox WHERE person_id = $1",
        "DELETE FROM case_scores WHERE case_id IN (SELECT id FROM cases WHERE person_id = $1)",
        "DELETE FROM checkins WHERE person_id = $1",
        "DELETE FROM checkin_schedules WHERE person_id = $1",
        "UPDATE risk_flags SET words = '', matched = '', rule = '', step = NULL, clear_note = NULL WHERE person_id = $1",
        // Link workers' notes and status notes are about the young person too.
        "DELETE FROM case_notes WHERE case_id IN (SELECT id FROM cases WHERE person_id = $1)",
        "UPDATE case_events SET note = NULL WHERE case_id IN (SELECT id FROM cases WHERE person_id = $1)",
        // What was suggested to them goes; an onward referral keeps only its kind, for the counts.
        "DELETE FROM case_suggestions WHERE case_id IN (SELECT id FROM cases WHERE person_id = $1)",
        "UPDATE case_referrals SET service_id = '', name = '', note = NULL
         WHERE case_id IN (SELECT id FROM cases WHERE person_id = $1)",
        // Raw payloads of every channel, by the channel and chat the person writes from.
        // Sessions of every channel that has them (the web chat's cookie stops working).
        // (A row-value IN, not a correlated EXISTS, so an index on (channel, chat) finds them.)
        "DELETE FROM channel_sessions
         WHERE (channel, chat) IN (SELECT channel, channel_user FROM people WHERE id = $1)",
        "UPDATE inbox SET payload = '{}', chat = '', last_error = NULL
         WHERE (channel, chat) IN (SELECT channel, channel_user FROM people WHERE id = $1)",
    ] {
        sqlx::query(sql).bind(person).execute(&mut **tx).await?;
    }
    sqlx::query(
        "UPDATE cases SET preferred_name = NULL, age_band = NULL, area = NULL, area_kind = NULL, what_matters = NULL,
             topics = '[]', interests = '[]', help = '[]', contact_method = NULL, contact_times = '[]', phone = NULL,
             answers = '{}', locale = '', status = CASE WHEN status = 'closed' THEN status ELSE 'deleted' END,
             erased_at = $2, updated_at = $2
         WHERE person_id = $1",
    )
    .bind(person)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    // The channel id is personal too; writing again starts afresh as someone new.
    sqlx::query("UPDATE people SET channel_user = 'erased-' || id, erased_at = $2, paused_at = NULL WHERE id = $1")
        .bind(person)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(Erased { cases, flagged: open_flags > 0 })
}

//! Indexes on the hot paths: every query run per message, per send or per dashboard refresh
//! must be able to use an index on the tables that grow. The plan of each is read from the
//! database itself (`EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` with sequential scans discouraged
//! on PostgreSQL), so a missing index fails here on an empty database, long before it is felt
//! at 10,000 conversations. `measure_open_for_person` (ignored) times the worst one of old.

use std::time::Instant;

use linkup::store::Backend;
use sqlx::{AnyPool, AssertSqlSafe};

use crate::support::{TestApp, backends};

/// Tables that grow with every young person, message, case or sign-in.
const GROWING: &[&str] = &[
    "people",
    "cases",
    "messages",
    "inbox",
    "outbox",
    "risk_flags",
    "case_scores",
    "checkins",
    "checkin_schedules",
    "case_events",
    "case_notes",
    "case_suggestions",
    "case_referrals",
    "audit",
    "sessions",
    "channel_sessions",
    "login_failures",
];

/// A sample value bound to a placeholder.
#[derive(Clone, Copy)]
enum V {
    I(i64),
    T(&'static str),
}
use V::{I, T};

/// A hot query: where it comes from, its SQL exactly as the source has it, sample values.
struct Hot {
    from: &'static str,
    sql: &'static str,
    args: &'static [V],
}

const NOW: i64 = 1_795_000_000_000;

/// Every hot query. Adding a query on a path run per message, per send or per dashboard
/// refresh? Add it here with the function it comes from.
const HOT: &[Hot] = &[
    // --- cases (src/store/cases.rs), run per message inside the write transaction
    // cases::open_for_person
    Hot {
        from: "cases::open_for_person",
        sql: "SELECT id, reference FROM cases WHERE person_id = $1 AND status <> 'closed' ORDER BY id DESC LIMIT 1",
        args: &[I(1)],
    },
    // cases::latest_closed
    Hot {
        from: "cases::latest_closed",
        sql: "SELECT id, reference, CASE WHEN consent_withdrawn_at IS NULL THEN 0 ELSE 1 END FROM cases
         WHERE person_id = $1 AND status = 'closed' AND erased_at IS NULL ORDER BY id DESC LIMIT 1",
        args: &[I(1)],
    },
    // cases::withdraw_consent (1 of 2)
    Hot {
        from: "cases::withdraw_consent (open cases)",
        sql: "SELECT id FROM cases WHERE person_id = $1 AND status NOT IN ('closed', 'deleted')",
        args: &[I(1)],
    },
    // cases::withdraw_consent (2 of 2)
    Hot {
        from: "cases::withdraw_consent (update)",
        sql: "UPDATE cases SET consent_withdrawn_at = $1 WHERE person_id = $2 AND consent_withdrawn_at IS NULL",
        args: &[I(NOW), I(1)],
    },
    // cases::consented
    Hot {
        from: "cases::consented",
        sql: "SELECT consent_at, consent_withdrawn_at FROM cases WHERE person_id = $1 ORDER BY id DESC LIMIT 1",
        args: &[I(1)],
    },
    // cases::worker_in_contact
    Hot {
        from: "cases::worker_in_contact",
        sql: "SELECT w.name FROM cases c JOIN workers w ON w.id = c.claimed_by
         WHERE c.person_id = $1 AND c.status = 'in_contact' ORDER BY c.id DESC LIMIT 1",
        args: &[I(1)],
    },
    // cases::latest_reference
    Hot {
        from: "cases::latest_reference",
        sql: "SELECT reference FROM cases WHERE person_id = $1 ORDER BY id DESC LIMIT 1",
        args: &[I(1)],
    },
    // cases::by_reference (the case page): `reference` is UNIQUE
    Hot {
        from: "cases::by_reference",
        sql: "SELECT id, person_id, reference, flow, source, status, urgent, partial, locale, preferred_name, age_band,
                area, area_kind, what_matters, topics, interests, help, contact_method, contact_times, phone,
                answers, consent_at, consent_version, created_at, updated_at, erased_at, team, claimed_by, outcome,
                closed_at, first_contact_at, consent_withdrawn_at, shared_without_consent
         FROM cases WHERE reference = $1",
        args: &[T("LU-ABC123")],
    },
    // cases::scores (the case page)
    Hot {
        from: "cases::scores",
        sql: "SELECT measure, item, score, band, recorded_at FROM case_scores WHERE case_id = $1 AND checkin_id IS NULL ORDER BY id",
        args: &[I(1)],
    },
    // cases::complete (a hand-off)
    Hot {
        from: "cases::complete (old scores)",
        sql: "DELETE FROM case_scores WHERE case_id = $1 AND checkin_id IS NULL",
        args: &[I(1)],
    },
    // --- casework (src/store/casework.rs), the dashboard
    // casework::queue with the default filter (open cases, urgent first), as its format! makes it
    Hot {
        from: "casework::queue (default filter)",
        sql: "SELECT c.id, c.reference, c.flow, c.status, c.urgent, c.team, c.source, c.preferred_name, c.age_band, c.area,
                c.topics, c.created_at, c.claimed_by, w.name AS claimed_by_name, p.unreachable, p.paused_at,
                c.erased_at, c.last_inbound_message, c.worker_seen_message, c.outcome
         FROM cases c JOIN people p ON p.id = c.person_id LEFT JOIN workers w ON w.id = c.claimed_by
         WHERE c.status IN ('waiting', 'claimed', 'in_contact') AND $1 = $1 AND ($2 = 0 OR c.claimed_by = $2) AND ($3 = '' OR c.team = $3)
           AND ($4 = '%%' OR LOWER(c.reference) LIKE $4 ESCAPE '\\' OR LOWER(c.preferred_name) LIKE $4 ESCAPE '\\')
           AND ($5 = 0 OR c.urgent <> 0)
           AND ($6 = '' OR LOWER(c.area) LIKE $6 ESCAPE '\\')
           AND ($7 = 0 OR c.claimed_by IS NULL)
         ORDER BY c.urgent DESC, c.created_at ASC, c.id ASC
         LIMIT 500",
        args: &[T("open"), I(0), T("main"), T("%%"), I(0), T(""), I(0)],
    },
    // casework::queue filtered by one status
    Hot {
        from: "casework::queue (status filter)",
        sql: "SELECT c.id, c.reference, c.flow, c.status, c.urgent, c.team, c.source, c.preferred_name, c.age_band, c.area,
                c.topics, c.created_at, c.claimed_by, w.name AS claimed_by_name, p.unreachable, p.paused_at,
                c.erased_at, c.last_inbound_message, c.worker_seen_message, c.outcome
         FROM cases c JOIN people p ON p.id = c.person_id LEFT JOIN workers w ON w.id = c.claimed_by
         WHERE c.status = $1 AND ($2 = 0 OR c.claimed_by = $2) AND ($3 = '' OR c.team = $3)
           AND ($4 = '%%' OR LOWER(c.reference) LIKE $4 ESCAPE '\\' OR LOWER(c.preferred_name) LIKE $4 ESCAPE '\\')
           AND ($5 = 0 OR c.urgent <> 0)
           AND ($6 = '' OR LOWER(c.area) LIKE $6 ESCAPE '\\')
           AND ($7 = 0 OR c.claimed_by IS NULL)
         ORDER BY c.urgent DESC, c.created_at ASC, c.id ASC
         LIMIT 500",
        args: &[T("waiting"), I(0), T("main"), T("%%"), I(0), T(""), I(0)],
    },
    // casework::open_flag_categories (the queue's flag badges)
    Hot {
        from: "casework::open_flag_categories",
        sql: "SELECT DISTINCT case_id, category FROM risk_flags WHERE cleared_at IS NULL AND case_id IS NOT NULL
         ORDER BY case_id, category",
        args: &[],
    },
    // casework::release_all (a worker disabled)
    Hot {
        from: "casework::release_all",
        sql: "SELECT id FROM cases WHERE claimed_by = $1 AND status IN ('waiting', 'claimed', 'in_contact') ORDER BY id",
        args: &[I(1)],
    },
    // casework::close
    Hot {
        from: "casework::close (with_worker)",
        sql: "UPDATE people SET with_worker = 0 WHERE id = (SELECT person_id FROM cases WHERE id = $1)",
        args: &[I(1)],
    },
    // casework::events
    Hot {
        from: "casework::events",
        sql: "SELECT e.kind, e.status, e.outcome, e.note, e.at, w.name AS worker
         FROM case_events e LEFT JOIN workers w ON w.id = e.worker_id WHERE e.case_id = $1 ORDER BY e.id",
        args: &[I(1)],
    },
    // --- activities put to a young person (src/store/suggestions.rs): per press of their
    // buttons, per message typed straight after them, per case page
    Hot {
        from: "suggestions::of_person",
        sql: "SELECT s.id, s.case_id, s.service, w.name AS worker, s.shown_at, s.more_at, s.interested_at
     FROM case_suggestions s LEFT JOIN workers w ON w.id = s.worker_id JOIN cases c ON c.id = s.case_id WHERE s.id = $1 AND c.person_id = $2",
        args: &[I(1), I(1)],
    },
    Hot {
        from: "suggestions::last_shown",
        sql: "SELECT s.id, s.case_id, s.service, w.name AS worker, s.shown_at, s.more_at, s.interested_at
     FROM case_suggestions s LEFT JOIN workers w ON w.id = s.worker_id JOIN cases c ON c.id = s.case_id
         WHERE c.person_id = $1 AND s.shown_at = (
             SELECT MAX(s2.shown_at) FROM case_suggestions s2 JOIN cases c2 ON c2.id = s2.case_id WHERE c2.person_id = $1)
         ORDER BY s.id",
        args: &[I(1)],
    },
    Hot {
        from: "suggestions::for_case",
        sql: "SELECT s.id, s.case_id, s.service, w.name AS worker, s.shown_at, s.more_at, s.interested_at
     FROM case_suggestions s LEFT JOIN workers w ON w.id = s.worker_id WHERE s.case_id = $1 ORDER BY s.id",
        args: &[I(1)],
    },
    Hot {
        from: "suggestions::referrals",
        sql: "SELECT r.service_id, r.name, r.kind, r.note, w.name AS worker, r.created_at
         FROM case_referrals r LEFT JOIN workers w ON w.id = r.worker_id WHERE r.case_id = $1 ORDER BY r.id",
        args: &[I(1)],
    },
    // casework::notes
    Hot {
        from: "casework::notes",
        sql: "SELECT n.body, n.at, w.name AS worker FROM case_notes n JOIN workers w ON w.id = n.worker_id
         WHERE n.case_id = $1 ORDER BY n.id",
        args: &[I(1)],
    },
    // casework::audit_for_case
    Hot {
        from: "casework::audit_for_case",
        sql: "SELECT a.action, a.detail, a.at, w.name AS worker, w.email, c.reference FROM audit a
         LEFT JOIN workers w ON w.id = a.worker_id LEFT JOIN cases c ON c.id = a.case_id
         WHERE a.case_id = $1 ORDER BY a.id DESC LIMIT 500",
        args: &[I(1)],
    },
    // casework::audit_search with a time range (from and to), the count
    Hot {
        from: "casework::audit_search (count, from..to)",
        sql: "SELECT COUNT(*) FROM audit a LEFT JOIN workers w ON w.id = a.worker_id LEFT JOIN cases c ON c.id = a.case_id
         LEFT JOIN workers t ON a.case_id IS NULL AND a.action IN ('disabled worker', 'enabled worker', 'changed a password') AND t.email = a.detail WHERE a.at >= $1 AND a.at < $2",
        args: &[I(NOW - 86_400_000), I(NOW)],
    },
    // casework::audit_search with a time range (from and to), the rows
    Hot {
        from: "casework::audit_search (rows, from..to)",
        sql: "SELECT a.action, a.detail, a.at, w.name AS worker, w.email, c.reference FROM audit a LEFT JOIN workers w ON w.id = a.worker_id LEFT JOIN cases c ON c.id = a.case_id
         LEFT JOIN workers t ON a.case_id IS NULL AND a.action IN ('disabled worker', 'enabled worker', 'changed a password') AND t.email = a.detail WHERE a.at >= $1 AND a.at < $2
         ORDER BY a.at DESC, a.id DESC LIMIT $3",
        args: &[I(NOW - 86_400_000), I(NOW), I(200)],
    },
    // casework::audit_search by worker
    Hot {
        from: "casework::audit_search (rows, worker)",
        sql: "SELECT a.action, a.detail, a.at, w.name AS worker, w.email, c.reference FROM audit a LEFT JOIN workers w ON w.id = a.worker_id LEFT JOIN cases c ON c.id = a.case_id
         LEFT JOIN workers t ON a.case_id IS NULL AND a.action IN ('disabled worker', 'enabled worker', 'changed a password') AND t.email = a.detail WHERE a.worker_id = $1
         ORDER BY a.at DESC, a.id DESC LIMIT $2",
        args: &[I(1), I(200)],
    },
    // casework::delivery_state (the case page's ticks)
    Hot {
        from: "casework::delivery_state",
        sql: "SELECT status FROM outbox WHERE person_id = $1 AND id = $2",
        args: &[I(1), I(1)],
    },
    // casework::delivery_states (the case page's ticks)
    Hot {
        from: "casework::delivery_states",
        sql: "SELECT id, status FROM outbox WHERE person_id = $1",
        args: &[I(1)],
    },
    // --- outbox (src/store/outbox.rs), per send
    // outbox::due
    Hot {
        from: "outbox::due",
        sql: "SELECT o.id, o.person_id, o.chat, o.payload, o.attempts FROM outbox o
         WHERE o.channel = $1 AND o.status = 'queued' AND o.next_attempt_at <= $2
           AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = o.person_id
                           AND (p.unreachable = 1 OR (p.paused_at IS NOT NULL AND o.created_at > p.paused_at)))
           AND o.id = (SELECT MIN(p.id) FROM outbox p WHERE p.channel = o.channel AND p.chat = o.chat
                       AND p.status IN ('queued', 'sending'))
         ORDER BY o.id LIMIT $3",
        args: &[T("telegram"), I(NOW), I(50)],
    },
    // workers::teams (the admin's team filter, on every queue page)
    Hot {
        from: "workers::teams",
        sql: "WITH RECURSIVE t (team) AS (
             SELECT MIN(team) FROM cases
             UNION ALL
             SELECT (SELECT MIN(c.team) FROM cases c WHERE c.team > t.team) FROM t WHERE t.team IS NOT NULL
         )
         SELECT team FROM t WHERE team IS NOT NULL UNION SELECT team FROM workers ORDER BY 1",
        args: &[],
    },
    // outbox::due_runs (the sender's)
    Hot {
        from: "outbox::due_runs",
        sql: "SELECT o.id, o.person_id, o.chat, o.payload, o.attempts FROM outbox o
         WHERE o.channel = $1 AND o.status = 'queued' AND o.next_attempt_at <= $2
           AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = o.person_id
                           AND (p.unreachable = 1 OR (p.paused_at IS NOT NULL AND o.created_at > p.paused_at)))
           AND o.id < COALESCE((SELECT MIN(e.id) FROM outbox e WHERE e.channel = o.channel AND e.chat = o.chat
                                AND e.status IN ('queued', 'sending')
                                AND (e.status = 'sending' OR e.next_attempt_at > $2)), o.id + 1)
         ORDER BY o.id LIMIT $3",
        args: &[T("telegram"), I(NOW), I(50)],
    },
    // outbox::claim_many (ids written in)
    Hot {
        from: "outbox::claim_many",
        sql: "UPDATE outbox SET status = 'sending', lease_until = $1
         WHERE status = 'queued' AND id IN (1, 2, 3)
           AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.channel = outbox.channel AND e.chat = outbox.chat
                           AND e.id < outbox.id AND e.status IN ('queued', 'sending') AND e.id NOT IN (1, 2, 3))",
        args: &[I(NOW)],
    },
    // outbox::release (ids written in)
    Hot {
        from: "outbox::release",
        sql: "UPDATE outbox SET status = 'queued', lease_until = NULL WHERE status = 'sending' AND id IN (1, 2, 3)",
        args: &[],
    },
    // outbox::claim
    Hot {
        from: "outbox::claim",
        sql: "UPDATE outbox SET status = 'sending', lease_until = $1 WHERE id = $2 AND status = 'queued'",
        args: &[I(NOW), I(1)],
    },
    // outbox::release_expired
    Hot {
        from: "outbox::release_expired",
        sql: "UPDATE outbox SET status = 'queued', lease_until = NULL
         WHERE channel = $1 AND status = 'sending' AND lease_until < $2",
        args: &[T("telegram"), I(NOW)],
    },
    // outbox::unreachable_in
    Hot {
        from: "outbox::unreachable_in",
        sql: "UPDATE outbox SET status = 'unreachable', lease_until = NULL WHERE person_id = $1 AND status IN ('queued', 'sending')",
        args: &[I(1)],
    },
    // outbox::last_buttons_message
    Hot {
        from: "outbox::last_buttons_message",
        sql: "SELECT sent_message_id FROM outbox WHERE channel = $1 AND chat = $2 AND kind = 'message_with_buttons'
         AND status = 'sent' ORDER BY id DESC LIMIT 1",
        args: &[T("telegram"), T("42")],
    },
    // --- inbox (src/store/inbox.rs), per message
    // inbox::pending
    Hot {
        from: "inbox::pending",
        sql: "SELECT id, channel, external_id, chat, payload, attempts FROM inbox
         WHERE channel = $1 AND processed_at IS NULL ORDER BY id LIMIT $2",
        args: &[T("telegram"), I(100)],
    },
    // inbox::claim
    Hot {
        from: "inbox::claim",
        sql: "UPDATE inbox SET processed_at = $1 WHERE id = $2 AND processed_at IS NULL
         AND id = (SELECT MIN(id) FROM inbox WHERE channel = $3 AND chat = $4 AND processed_at IS NULL)",
        args: &[I(NOW), I(1), T("telegram"), T("42")],
    },
    // inbox::processed (a web post's repeat): UNIQUE (channel, external_id)
    Hot {
        from: "inbox::processed",
        sql: "SELECT processed_at FROM inbox WHERE channel = $1 AND external_id = $2",
        args: &[T("web"), T("m-1")],
    },
    // --- transcript (src/store/transcript.rs), per message and per conversation refresh
    // transcript::last_offer
    Hot {
        from: "transcript::last_offer",
        sql: "SELECT direction, meta FROM messages WHERE person_id = $1 ORDER BY id DESC LIMIT 1",
        args: &[I(1)],
    },
    // transcript::recent_texts
    Hot {
        from: "transcript::recent_texts",
        sql: "SELECT body, meta FROM messages
         WHERE person_id = $1 AND direction = 'in' AND kind IN ('text', 'edited') AND created_at >= $2
         ORDER BY id DESC LIMIT $3",
        args: &[I(1), I(NOW - 600_000), I(12)],
    },
    // transcript::for_person_after (the case page's conversation refresh)
    Hot {
        from: "transcript::for_person_after",
        sql: "SELECT id, direction, kind, body, meta, step, created_at FROM messages
         WHERE person_id = $1 AND (id > $2 OR created_at >= $3) ORDER BY id",
        args: &[I(1), I(100), I(NOW - 60_000)],
    },
    // transcript::by_id
    Hot {
        from: "transcript::by_id",
        sql: "SELECT id, direction, kind, body, meta, step, created_at FROM messages WHERE person_id = $1 AND id = $2",
        args: &[I(1), I(1)],
    },
    // --- check-ins (src/store/checkins.rs)
    // checkins::due (the reminder loop)
    Hot {
        from: "checkins::due",
        sql: "SELECT s.id, s.person_id, s.case_id, s.next_at, s.until_at, p.channel, p.channel_user AS chat, p.locale,
                p.paused_at, p.unreachable, p.erased_at, c.status AS case_status, c.consent_withdrawn_at
         FROM checkin_schedules s JOIN people p ON p.id = s.person_id JOIN cases c ON c.id = s.case_id
         WHERE s.next_at IS NOT NULL AND s.next_at <= $1 AND s.stopped_at IS NULL
         ORDER BY s.next_at LIMIT $2",
        args: &[I(NOW), I(50)],
    },
    // checkins::stop
    Hot {
        from: "checkins::stop",
        sql: "UPDATE checkin_schedules SET next_at = NULL, stopped_at = $1 WHERE person_id = $2 AND stopped_at IS NULL",
        args: &[I(NOW), I(1)],
    },
    // checkins::snooze
    Hot {
        from: "checkins::snooze",
        sql: "UPDATE checkin_schedules SET next_at = $1, snoozes = snoozes + 1 WHERE person_id = $2 AND stopped_at IS NULL",
        args: &[I(NOW), I(1)],
    },
    // checkins::reminders_running
    Hot {
        from: "checkins::reminders_running",
        sql: "SELECT id FROM checkin_schedules WHERE person_id = $1 AND stopped_at IS NULL LIMIT 1",
        args: &[I(1)],
    },
    // checkins::schedule_of (the case page)
    Hot {
        from: "checkins::schedule_of",
        sql: "SELECT next_at, until_at, reminders_sent, snoozes, stopped_at FROM checkin_schedules WHERE case_id = $1",
        args: &[I(1)],
    },
    // checkins::case_for
    Hot {
        from: "checkins::case_for",
        sql: "SELECT id, age_band FROM cases WHERE person_id = $1 AND consent_at IS NOT NULL
             AND consent_withdrawn_at IS NULL AND erased_at IS NULL AND status <> 'deleted'
         ORDER BY id DESC LIMIT 1",
        args: &[I(1)],
    },
    // checkins::open
    Hot {
        from: "checkins::open",
        sql: "SELECT k.id, k.case_id, k.measure, k.started_at, c.age_band FROM checkins k JOIN cases c ON c.id = k.case_id
         WHERE k.person_id = $1 AND k.completed_at IS NULL AND k.started_at > $2 ORDER BY k.id DESC LIMIT 1",
        args: &[I(1), I(NOW - 86_400_000)],
    },
    // checkins::answered
    Hot {
        from: "checkins::answered",
        sql: "SELECT item, score FROM case_scores WHERE checkin_id = $1 ORDER BY id",
        args: &[I(1)],
    },
    // checkins::unanswer
    Hot {
        from: "checkins::unanswer",
        sql: "DELETE FROM case_scores WHERE checkin_id = $1 AND item = $2",
        args: &[I(1), T("ons4.happy")],
    },
    // checkins::history (the chart, the case page)
    Hot {
        from: "checkins::history",
        sql: "SELECT s.checkin_id, s.measure, s.item, s.score, COALESCE(k.completed_at, s.recorded_at) AS recorded_at
         FROM case_scores s LEFT JOIN checkins k ON k.id = s.checkin_id
         WHERE s.case_id = $1 AND (s.checkin_id IS NULL OR k.completed_at IS NOT NULL)
         ORDER BY COALESCE(k.completed_at, s.recorded_at), s.id",
        args: &[I(1)],
    },
    // --- safeguarding flags (src/store/flags.rs), per message
    // flags::answer
    Hot {
        from: "flags::answer",
        sql: "SELECT id FROM risk_flags WHERE person_id = $1 AND category = $2 AND rule = 'asked' AND answer IS NULL
         ORDER BY id DESC LIMIT 1",
        args: &[I(1), T("self_harm")],
    },
    // flags::categories_since
    Hot {
        from: "flags::categories_since",
        sql: "SELECT DISTINCT category FROM risk_flags WHERE person_id = $1 AND created_at >= $2 ORDER BY category",
        args: &[I(1), I(NOW - 600_000)],
    },
    // flags::attach
    Hot {
        from: "flags::attach",
        sql: "UPDATE risk_flags SET case_id = $1 WHERE person_id = $2 AND case_id IS NULL",
        args: &[I(1), I(1)],
    },
    // flags::for_case (the case page)
    Hot {
        from: "flags::for_case",
        sql: "SELECT category, level, denial, rule, matched, words, step, created_at, cleared_at, cleared_by, clear_note,
                tier, score_milli, answer
         FROM risk_flags WHERE case_id = $1 ORDER BY id",
        args: &[I(1)],
    },
    // flags::open_by_reference (the queue's flags)
    Hot {
        from: "flags::open_by_reference",
        sql: "SELECT DISTINCT c.reference, f.category FROM risk_flags f JOIN cases c ON c.id = f.case_id
         WHERE f.cleared_at IS NULL ORDER BY c.reference, f.category",
        args: &[],
    },
    // flags::clear_in
    Hot {
        from: "flags::clear_in",
        sql: "UPDATE risk_flags SET cleared_at = $1, cleared_by = $2, clear_note = $3 WHERE case_id = $4 AND cleared_at IS NULL",
        args: &[I(NOW), T("Sam"), T("spoke to them"), I(1)],
    },
    // --- people (src/store/people.rs), per message: UNIQUE (channel, channel_user)
    // people::find, people::unreachable_by_chat
    Hot {
        from: "people::find",
        sql: "SELECT id FROM people WHERE channel = $1 AND channel_user = $2",
        args: &[T("telegram"), T("42")],
    },
    // people::set_locale_by_chat
    Hot {
        from: "people::set_locale_by_chat",
        sql: "UPDATE people SET locale = $1 WHERE channel = $2 AND channel_user = $3",
        args: &[T("cy"), T("telegram"), T("42")],
    },
    // --- sessions (src/store/sessions.rs, src/store/workers.rs), per web request
    // sessions::touch (channel_sessions.token_hash is UNIQUE)
    Hot {
        from: "sessions::touch",
        sql: "UPDATE channel_sessions SET last_seen_at = $1 WHERE channel = $2 AND token_hash = $3
         RETURNING channel, chat, csrf",
        args: &[I(NOW), T("web"), T("hash")],
    },
    // sessions::chat_for_return
    Hot {
        from: "sessions::chat_for_return",
        sql: "SELECT chat FROM channel_sessions WHERE channel = $1 AND return_hash = $2 LIMIT 1",
        args: &[T("web"), T("hash")],
    },
    // workers::session (sessions.token_hash is the primary key)
    Hot {
        from: "workers::session",
        sql: "UPDATE sessions SET expires_at = $1 WHERE token_hash = $2 AND expires_at > $3
                 RETURNING worker_id, csrf, created_at",
        args: &[I(NOW), T("hash"), I(NOW)],
    },
    // workers::end_sessions
    Hot { from: "workers::end_sessions", sql: "DELETE FROM sessions WHERE worker_id = $1", args: &[I(1)] },
    // workers::tidy (every sign-in)
    Hot { from: "workers::tidy (sessions)", sql: "DELETE FROM sessions WHERE expires_at <= $1", args: &[I(NOW)] },
    // workers::tidy (every sign-in)
    Hot { from: "workers::tidy (failures)", sql: "DELETE FROM login_failures WHERE at < $1", args: &[I(NOW)] },
    // workers::reserve_attempt
    Hot {
        from: "workers::reserve_attempt (by email)",
        sql: "SELECT COUNT(*) FROM login_failures WHERE email = $1 AND at >= $2",
        args: &[T("a@example.org"), I(NOW)],
    },
    // workers::reserve_attempt
    Hot {
        from: "workers::reserve_attempt (by ip)",
        sql: "SELECT COUNT(*) FROM login_failures WHERE ip = $1 AND at >= $2",
        args: &[T("127.0.0.1"), I(NOW)],
    },
    // --- privacy: /mydata (src/store/export.rs) and /delete (src/store/erase.rs)
    // export::person, a table with case_id
    Hot {
        from: "export::person (case_id tables)",
        sql: "SELECT * FROM case_notes WHERE case_id IN (SELECT id FROM cases WHERE person_id = $1)",
        args: &[I(1)],
    },
    // export::person, the inbox
    Hot {
        from: "export::person (inbox)",
        sql: "SELECT * FROM inbox WHERE (channel, chat) IN (SELECT channel, channel_user FROM people WHERE id = $1)",
        args: &[I(1)],
    },
    // export::person, a table with person_id
    Hot { from: "export::person (person_id tables)", sql: "SELECT * FROM outbox WHERE person_id = $1", args: &[I(1)] },
    // erase::person
    Hot {
        from: "erase::person (cases)",
        sql: "SELECT reference FROM cases WHERE person_id = $1 ORDER BY id",
        args: &[I(1)],
    },
    // erase::person
    Hot {
        from: "erase::person (open flags)",
        sql: "SELECT COUNT(*) FROM risk_flags WHERE person_id = $1 AND cleared_at IS NULL",
        args: &[I(1)],
    },
    // erase::person
    Hot { from: "erase::person (messages)", sql: "DELETE FROM messages WHERE person_id = $1", args: &[I(1)] },
    // erase::person
    Hot { from: "erase::person (outbox)", sql: "DELETE FROM outbox WHERE person_id = $1", args: &[I(1)] },
    // erase::person
    Hot {
        from: "erase::person (scores)",
        sql: "DELETE FROM case_scores WHERE case_id IN (SELECT id FROM cases WHERE person_id = $1)",
        args: &[I(1)],
    },
    // erase::person
    Hot { from: "erase::person (checkins)", sql: "DELETE FROM checkins WHERE person_id = $1", args: &[I(1)] },
    // erase::person
    Hot {
        from: "erase::person (schedules)",
        sql: "DELETE FROM checkin_schedules WHERE person_id = $1",
        args: &[I(1)],
    },
    // erase::person
    Hot {
        from: "erase::person (flags)",
        sql: "UPDATE risk_flags SET words = '', matched = '', rule = '', step = NULL, clear_note = NULL WHERE person_id = $1",
        args: &[I(1)],
    },
    // erase::person
    Hot {
        from: "erase::person (notes)",
        sql: "DELETE FROM case_notes WHERE case_id IN (SELECT id FROM cases WHERE person_id = $1)",
        args: &[I(1)],
    },
    // erase::person
    Hot {
        from: "erase::person (events)",
        sql: "UPDATE case_events SET note = NULL WHERE case_id IN (SELECT id FROM cases WHERE person_id = $1)",
        args: &[I(1)],
    },
    // erase::person
    Hot {
        from: "erase::person (channel sessions)",
        sql: "DELETE FROM channel_sessions
         WHERE (channel, chat) IN (SELECT channel, channel_user FROM people WHERE id = $1)",
        args: &[I(1)],
    },
    // erase::person
    Hot {
        from: "erase::person (inbox)",
        sql: "UPDATE inbox SET payload = '{}', chat = '', last_error = NULL
         WHERE (channel, chat) IN (SELECT channel, channel_user FROM people WHERE id = $1)",
        args: &[I(1)],
    },
    // erase::person
    Hot {
        from: "erase::person (cases update)",
        sql: "UPDATE cases SET preferred_name = NULL, age_band = NULL, area = NULL, area_kind = NULL, what_matters = NULL,
             topics = '[]', interests = '[]', help = '[]', contact_method = NULL, contact_times = '[]', phone = NULL,
             answers = '{}', locale = '', status = CASE WHEN status = 'closed' THEN status ELSE 'deleted' END,
             erased_at = $2, updated_at = $2
         WHERE person_id = $1",
        args: &[I(1), I(NOW)],
    },
];

/// Each plan line that reads a whole growing table.
fn full_scans(backend: Backend, sql: &str, plan: &[String]) -> Vec<String> {
    match backend {
        Backend::Sqlite => {
            // SQLite names a table by its alias when it has one: map aliases to tables.
            let names = regex::Regex::new(r"(?i)\b(?:FROM|JOIN|UPDATE|INTO)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?").unwrap();
            let keywords = ["where", "join", "left", "inner", "on", "order", "set", "group", "limit", "values"];
            let mut growing: Vec<String> = vec![];
            for c in names.captures_iter(sql) {
                let table = c[1].to_lowercase();
                if GROWING.contains(&table.as_str()) {
                    growing.push(table);
                    if let Some(alias) = c.get(2).map(|a| a.as_str().to_lowercase())
                        && !keywords.contains(&alias.as_str())
                    {
                        growing.push(alias);
                    }
                }
            }
            let scan = regex::Regex::new(r"^SCAN (?:TABLE )?(\w+)").unwrap();
            plan.iter()
                .filter(|line| {
                    scan.captures(line).is_some_and(|c| growing.contains(&c[1].to_lowercase()))
                        && !["USING INDEX", "USING COVERING INDEX", "USING INTEGER PRIMARY KEY"]
                            .iter()
                            .any(|ok| line.contains(ok))
                })
                .cloned()
                .collect()
        }
        Backend::Postgres => {
            let seq = regex::Regex::new(r"Seq Scan on (\w+)").unwrap();
            plan.iter().filter(|line| seq.captures(line).is_some_and(|c| GROWING.contains(&&c[1]))).cloned().collect()
        }
    }
}

/// The plan of `hot` on this connection, one line per step.
async fn plan(backend: Backend, conn: &mut sqlx::AnyConnection, hot: &Hot) -> Vec<String> {
    let explain = match backend {
        Backend::Sqlite => format!("EXPLAIN QUERY PLAN {}", hot.sql),
        Backend::Postgres => format!("EXPLAIN {}", hot.sql),
    };
    let mut query = sqlx::query(AssertSqlSafe(explain));
    for v in hot.args {
        query = match *v {
            I(i) => query.bind(i),
            T(t) => query.bind(t),
        };
    }
    let rows = query.fetch_all(&mut *conn).await.unwrap_or_else(|e| panic!("{}: {e}", hot.from));
    let column = match backend {
        Backend::Sqlite => "detail",
        Backend::Postgres => "QUERY PLAN",
    };
    rows.iter().map(|r| sqlx::Row::get::<String, _>(r, column)).collect()
}

async fn check_hot_queries(pool: &AnyPool, backend: Backend) -> Vec<String> {
    let mut conn = pool.acquire().await.unwrap();
    if backend == Backend::Postgres {
        // On a small table a sequential scan is cheapest; this asks whether an index CAN be used.
        sqlx::query("SET enable_seqscan = off").execute(&mut *conn).await.unwrap();
    }
    let mut problems = vec![];
    for hot in HOT {
        let plan = plan(backend, &mut conn, hot).await;
        let scans = full_scans(backend, hot.sql, &plan);
        if !scans.is_empty() {
            problems.push(format!("{} ({backend:?}): {}\n    plan: {}", hot.from, scans.join("; "), plan.join(" | ")));
        }
    }
    if backend == Backend::Postgres {
        sqlx::query("RESET enable_seqscan").execute(&mut *conn).await.unwrap();
    }
    problems
}

#[tokio::test]
async fn indexes_serve_every_hot_query() {
    let mut problems = vec![];
    for backend in backends() {
        let app = TestApp::new(backend).await;
        problems.extend(check_hot_queries(&app.store.pool, app.store.backend).await);
    }
    assert!(problems.is_empty(), "hot queries reading a whole growing table:\n{}", problems.join("\n"));
}

/// The checker itself: a query on a column with no index is caught on both backends.
#[tokio::test]
async fn indexes_checker_catches_a_full_scan() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        let hot = Hot { from: "a test", sql: "SELECT id FROM cases WHERE phone = $1", args: &[T("0")] };
        let mut conn = app.store.pool.acquire().await.unwrap();
        if app.store.backend == Backend::Postgres {
            sqlx::query("SET enable_seqscan = off").execute(&mut *conn).await.unwrap();
        }
        let plan = plan(app.store.backend, &mut conn, &hot).await;
        assert!(!full_scans(app.store.backend, hot.sql, &plan).is_empty(), "{backend}: {plan:?}");
    }
}

/// Times `cases::open_for_person` with 10,000 people and cases, with the index on
/// `cases (person_id, id)` and without it. Figures only, never asserted:
/// `cargo test --release --test main measure_open_for_person -- --ignored --nocapture`
#[tokio::test]
#[ignore = "a measurement that prints figures (10,000 cases), not a check; run it by hand"]
async fn measure_open_for_person() {
    const PEOPLE: i64 = 10_000;
    const CALLS: i64 = 1_000;
    for backend in backends() {
        let app = TestApp::new(backend).await;
        let pool = &app.store.pool;
        let mut tx = pool.begin().await.unwrap();
        for i in 1..=PEOPLE {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO people (channel, channel_user, locale, created_at, last_seen_at)
                 VALUES ('test', $1, 'en', $2, $2) RETURNING id",
            )
            .bind(format!("u{i}"))
            .bind(NOW)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
            sqlx::query(
                "INSERT INTO cases (reference, person_id, flow, source, status, locale, created_at, updated_at)
                 VALUES ($1, $2, 'referral', 'self', $3, 'en', $4, $4)",
            )
            .bind(format!("LU-{i:06}"))
            .bind(id)
            .bind(if i % 3 == 0 { "waiting" } else { "closed" })
            .bind(NOW)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        if app.store.backend == Backend::Postgres {
            sqlx::query("ANALYZE").execute(pool).await.unwrap();
        }
        // People with a case, and people without one yet (someone new: the whole table was read).
        let time = |label: &'static str| async move {
            for (whose, first) in [("a person with a case", 1), ("a person without one", PEOPLE + 1)] {
                let mut tx = pool.begin().await.unwrap();
                let start = Instant::now();
                for n in 0..CALLS {
                    let person = first + (n * 7919) % PEOPLE;
                    linkup::store::cases::open_for_person(&mut tx, person).await.unwrap();
                }
                let per_call = start.elapsed().as_secs_f64() * 1e6 / CALLS as f64;
                tx.commit().await.unwrap();
                println!(
                    "{backend}: cases::open_for_person over {PEOPLE} cases, {label}, {whose}: {per_call:.1} µs per call"
                );
            }
        };
        time("with cases_by_person").await;
        sqlx::query("DROP INDEX cases_by_person").execute(pool).await.unwrap();
        if app.store.backend == Backend::Postgres {
            sqlx::query("ANALYZE").execute(pool).await.unwrap();
        }
        time("without it").await;
    }
}

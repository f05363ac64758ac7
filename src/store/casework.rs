//! Casework: what link workers do to a case (claim, release, reassign, notes, status and
//! outcome), its history, and the audit of every view and change.
//!
//! Status goes waiting → claimed → in_contact → closed (with an outcome); a closed case can be
//! reopened. A case erased at the young person's request is `deleted`.

use serde::Serialize;
use sqlx::{AnyPool, AssertSqlSafe, FromRow};

use super::workers::Worker;
use super::{Result, Tx};

/// Why a case was closed: (id, what a link worker reads).
pub const OUTCOMES: &[(&str, &str)] = &[
    ("connected", "Connected to an activity or support"),
    ("referred", "Referred elsewhere"),
    ("not_needed", "No longer needed"),
    ("withdrew", "The young person withdrew (said no, or stopped replying)"),
    ("no_contact", "Could not reach"),
    ("consent_withdrawn", "Consent withdrawn by the young person"),
];

/// Outcomes a link worker picks (consent withdrawal is recorded by the young person's choice).
pub fn worker_outcomes() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    OUTCOMES.iter().filter(|(id, _)| *id != "consent_withdrawn")
}

pub fn outcome_label(id: &str) -> &str {
    OUTCOMES.iter().find(|(o, _)| *o == id).map_or(id, |(_, label)| label)
}

/// Which cases a queue shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// `open` (default: everything neither closed nor deleted), `waiting`, `claimed`,
    /// `in_contact`, `closed`, `deleted` or `all`.
    pub status: String,
    /// Only cases this worker holds.
    pub mine: Option<i64>,
    /// Only this team's cases (`None`: every team, for admins).
    pub team: Option<String>,
    /// A reference or a name, or part of one (any case); empty: every case.
    pub search: String,
    /// Only urgent cases.
    pub urgent_only: bool,
    /// Only cases whose area starts with this ("M14", "M", "LS6"), any case; empty: every area.
    pub area: String,
    /// Only cases nobody holds.
    pub unassigned: bool,
    pub sort: Sort,
}

/// The order of a queue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Urgent first, then the longest waiting.
    #[default]
    UrgentFirst,
    /// The longest waiting first, urgent or not.
    Waited,
    /// The newest first.
    Newest,
}

impl Sort {
    pub const ALL: [(Sort, &'static str, &'static str); 3] = [
        (Sort::UrgentFirst, "urgent", "Urgent first, then longest waiting"),
        (Sort::Waited, "waited", "Longest waiting"),
        (Sort::Newest, "newest", "Newest"),
    ];

    pub fn parse(s: &str) -> Sort {
        Sort::ALL.iter().find(|(_, id, _)| *id == s).map_or(Sort::UrgentFirst, |(sort, _, _)| *sort)
    }

    pub fn id(self) -> &'static str {
        Sort::ALL.iter().find(|(sort, _, _)| *sort == self).map_or("urgent", |(_, id, _)| id)
    }

    fn order_by(self) -> &'static str {
        match self {
            Sort::UrgentFirst => "c.urgent DESC, c.created_at ASC, c.id ASC",
            Sort::Waited => "c.created_at ASC, c.id ASC",
            Sort::Newest => "c.created_at DESC, c.id DESC",
        }
    }
}

/// `text` as a LIKE pattern matching it anywhere, its own `%`, `_` and `\` taken literally.
fn contains_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// A row of the dashboard queue.
#[derive(Debug, Clone, FromRow, Serialize)]
pub struct QueueItem {
    pub id: i64,
    pub reference: String,
    pub flow: String,
    #[sqlx(try_from = "String")]
    pub status: super::cases::Status,
    pub urgent: i64,
    pub team: String,
    pub source: String,
    pub preferred_name: Option<String>,
    pub age_band: Option<String>,
    pub area: Option<String>,
    pub topics: String,
    pub created_at: i64,
    pub claimed_by: Option<i64>,
    pub claimed_by_name: Option<String>,
    pub unreachable: i64,
    pub paused_at: Option<i64>,
    pub erased_at: Option<i64>,
    pub last_inbound_message: Option<i64>,
    pub worker_seen_message: Option<i64>,
    pub outcome: Option<String>,
}

/// Cases for a queue, in the filter's order (by default urgent first, then oldest waiting).
pub async fn queue(pool: &AnyPool, filter: &Filter) -> Result<Vec<QueueItem>> {
    let status_clause = match filter.status.as_str() {
        "waiting" | "claimed" | "in_contact" | "closed" | "deleted" => "c.status = $1",
        "all" => "$1 = $1",
        // Open, named (not "NOT IN closed, deleted") so the (status, ...) index finds them.
        _ => "c.status IN ('waiting', 'claimed', 'in_contact') AND $1 = $1",
    };
    let area = filter.area.trim().to_lowercase();
    // Starts with: the "anywhere" pattern without its leading %.
    let area_pattern = if area.is_empty() { String::new() } else { contains_pattern(&area)[1..].to_string() };
    let sql = format!(
        "SELECT c.id, c.reference, c.flow, c.status, c.urgent, c.team, c.source, c.preferred_name, c.age_band, c.area,
                c.topics, c.created_at, c.claimed_by, w.name AS claimed_by_name, p.unreachable, p.paused_at,
                c.erased_at, c.last_inbound_message, c.worker_seen_message, c.outcome
         FROM cases c JOIN people p ON p.id = c.person_id LEFT JOIN workers w ON w.id = c.claimed_by
         WHERE {status_clause} AND ($2 = 0 OR c.claimed_by = $2) AND ($3 = '' OR c.team = $3)
           AND ($4 = '%%' OR LOWER(c.reference) LIKE $4 ESCAPE '\\' OR LOWER(c.preferred_name) LIKE $4 ESCAPE '\\')
           AND ($5 = 0 OR c.urgent <> 0)
           AND ($6 = '' OR LOWER(c.area) LIKE $6 ESCAPE '\\')
           AND ($7 = 0 OR c.claimed_by IS NULL)
         ORDER BY {}
         LIMIT 500",
        filter.sort.order_by()
    );
    Ok(sqlx::query_as::<_, QueueItem>(AssertSqlSafe(sql))
        .bind(&filter.status)
        .bind(filter.mine.unwrap_or(0))
        .bind(filter.team.clone().unwrap_or_default())
        .bind(contains_pattern(&filter.search))
        .bind(i64::from(filter.urgent_only))
        .bind(area_pattern)
        .bind(i64::from(filter.unassigned))
        .fetch_all(pool)
        .await?)
}

/// For monitoring: open cases, urgent cases nobody has claimed yet, and the seconds the oldest
/// of those has waited (by the `cases_queue` index).
pub async fn queue_figures(pool: &AnyPool, now_ms: i64) -> Result<(i64, i64, i64)> {
    let open: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE status IN ('waiting', 'claimed', 'in_contact')")
            .fetch_one(pool)
            .await?;
    let (urgent, oldest): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MIN(created_at) FROM cases WHERE status = 'waiting' AND urgent <> 0")
            .fetch_one(pool)
            .await?;
    let oldest = oldest.map_or(0, |at| ((now_ms - at) / 1000).max(0));
    Ok((open, urgent, oldest))
}

/// Open safeguarding flag categories per case id.
pub async fn open_flag_categories(pool: &AnyPool) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as::<_, (i64, String)>(
        "SELECT DISTINCT case_id, category FROM risk_flags WHERE cleared_at IS NULL AND case_id IS NOT NULL
         ORDER BY case_id, category",
    )
    .fetch_all(pool)
    .await?)
}

/// The result of a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    Won,
    /// Someone holds it already: their name.
    Taken(String),
    /// Closed or deleted cases cannot be claimed.
    NotOpen,
}

/// Claims a case for `worker`, atomically: of two workers claiming at once, exactly one wins.
pub async fn claim(pool: &AnyPool, case: i64, worker: i64, now: i64) -> Result<Claim> {
    let mut tx = pool.begin().await?;
    let won = sqlx::query(
        "UPDATE cases SET claimed_by = $1, status = CASE WHEN status = 'waiting' THEN 'claimed' ELSE status END,
             updated_at = $2
         WHERE id = $3 AND claimed_by IS NULL AND status IN ('waiting', 'claimed', 'in_contact')",
    )
    .bind(worker)
    .bind(now)
    .bind(case)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !won {
        let (status, holder): (String, Option<String>) = sqlx::query_as(
            "SELECT c.status, w.name FROM cases c LEFT JOIN workers w ON w.id = c.claimed_by WHERE c.id = $1",
        )
        .bind(case)
        .fetch_one(&mut *tx)
        .await?;
        tx.rollback().await?;
        return Ok(match holder {
            Some(name) => Claim::Taken(name),
            None if status == "closed" || status == "deleted" => Claim::NotOpen,
            // Released between the two statements: say who has it now, which is nobody.
            None => Claim::Taken("nobody (try again)".into()),
        });
    }
    event(&mut tx, case, Some(worker), "claimed", None, None, now).await?;
    audit(&mut tx, Some(worker), Some(case), "claimed", "", now).await?;
    tx.commit().await?;
    Ok(Claim::Won)
}

/// Gives every open case `holder` has back to the queue (they were disabled), so none is left
/// with someone who can no longer sign in; `by` did it (`None`: the command line). Returns
/// how many.
pub async fn release_all_of(pool: &AnyPool, holder: i64, by: Option<i64>, now: i64) -> Result<usize> {
    let mut tx = pool.begin().await?;
    let held: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM cases WHERE claimed_by = $1 AND status IN ('waiting', 'claimed', 'in_contact') ORDER BY id",
    )
    .bind(holder)
    .fetch_all(&mut *tx)
    .await?;
    for case in &held {
        let note = "Back in the queue: the worker holding it was disabled.";
        release_in(&mut tx, *case, by, Some(note), now).await?;
    }
    tx.commit().await?;
    Ok(held.len())
}

/// Gives a case back to the queue.
pub async fn release(pool: &AnyPool, case: i64, worker: i64, now: i64) -> Result<()> {
    let mut tx = pool.begin().await?;
    release_in(&mut tx, case, Some(worker), None, now).await?;
    tx.commit().await?;
    Ok(())
}

/// As [`release`], inside the caller's transaction; `by` is `None` from the command line, and
/// `note` says why when it was not the worker's own choice.
async fn release_in(tx: &mut Tx<'_>, case: i64, by: Option<i64>, note: Option<&str>, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE cases SET claimed_by = NULL, status = CASE WHEN status = 'claimed' THEN 'waiting' ELSE status END,
             updated_at = $1
         WHERE id = $2",
    )
    .bind(now)
    .bind(case)
    .execute(&mut **tx)
    .await?;
    event(tx, case, by, "released", None, note, now).await?;
    audit(tx, by, Some(case), "released", if note.is_some() { "holder disabled" } else { "" }, now).await?;
    Ok(())
}

/// A lead gives the case to another worker.
pub async fn assign(pool: &AnyPool, case: i64, to: i64, by: i64, now: i64) -> Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "UPDATE cases SET claimed_by = $1, status = CASE WHEN status = 'waiting' THEN 'claimed' ELSE status END,
             updated_at = $2
         WHERE id = $3",
    )
    .bind(to)
    .bind(now)
    .bind(case)
    .execute(&mut *tx)
    .await?;
    event(&mut tx, case, Some(by), "reassigned", None, None, now).await?;
    audit(&mut tx, Some(by), Some(case), "reassigned", &format!("to worker {to}"), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Closes a case with an outcome and a note. The young person's messages go back to the bot.
pub async fn close(pool: &AnyPool, case: i64, worker: Option<i64>, outcome: &str, note: &str, now: i64) -> Result<()> {
    let mut tx = pool.begin().await?;
    close_in(&mut tx, case, worker, outcome, note, now).await?;
    tx.commit().await?;
    Ok(())
}

/// As [`close`], inside the caller's transaction.
pub async fn close_in(
    tx: &mut Tx<'_>,
    case: i64,
    worker: Option<i64>,
    outcome: &str,
    note: &str,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE cases SET status = 'closed', outcome = $1, closed_at = $2, updated_at = $2 WHERE id = $3 AND status <> 'closed'",
    )
    .bind(outcome)
    .bind(now)
    .bind(case)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE people SET with_worker = 0 WHERE id = (SELECT person_id FROM cases WHERE id = $1)")
        .bind(case)
        .execute(&mut **tx)
        .await?;
    event(tx, case, worker, "closed", Some(outcome), Some(note), now).await?;
    audit(tx, worker, Some(case), "closed", outcome, now).await?;
    Ok(())
}

/// Opens a closed case again: claimed if someone still holds it, else waiting.
pub async fn reopen(pool: &AnyPool, case: i64, worker: i64, note: &str, now: i64) -> Result<()> {
    let mut tx = pool.begin().await?;
    reopen_in(&mut tx, case, Some(worker), note, now).await?;
    tx.commit().await?;
    Ok(())
}

/// As [`reopen`], inside the caller's transaction; `worker` is `None` when the young person
/// reopened it by writing again.
pub async fn reopen_in(tx: &mut Tx<'_>, case: i64, worker: Option<i64>, note: &str, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE cases SET status = CASE WHEN claimed_by IS NULL THEN 'waiting' ELSE 'claimed' END, outcome = NULL,
             closed_at = NULL, updated_at = $1
         WHERE id = $2 AND status = 'closed' AND erased_at IS NULL",
    )
    .bind(now)
    .bind(case)
    .execute(&mut **tx)
    .await?;
    event(tx, case, worker, "reopened", None, Some(note), now).await?;
    audit(tx, worker, Some(case), "reopened", "", now).await?;
    Ok(())
}

/// Clears the case's safeguarding flags and urgent mark, with the history and audit, at once.
pub async fn clear_urgent(pool: &AnyPool, case: i64, worker: &Worker, note: &str, now: i64) -> Result<()> {
    let mut tx = pool.begin().await?;
    let who = format!("{} <{}>", worker.name, worker.email);
    super::flags::clear_in(&mut tx, case, &who, note, now).await?;
    event(&mut tx, case, Some(worker.id), "urgent_cleared", None, Some(note), now).await?;
    audit(&mut tx, Some(worker.id), Some(case), "cleared urgent", "", now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_note(pool: &AnyPool, case: i64, worker: i64, body: &str, now: i64) -> Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query("INSERT INTO case_notes (case_id, worker_id, body, at) VALUES ($1, $2, $3, $4)")
        .bind(case)
        .bind(worker)
        .bind(body)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    audit(&mut tx, Some(worker), Some(case), "noted", "", now).await?;
    tx.commit().await?;
    Ok(())
}

/// A line of the status history.
#[derive(Debug, Clone, FromRow, Serialize)]
pub struct Event {
    pub kind: String,
    pub status: String,
    pub outcome: Option<String>,
    pub note: Option<String>,
    pub at: i64,
    pub worker: Option<String>,
}

pub async fn events(pool: &AnyPool, case: i64) -> Result<Vec<Event>> {
    Ok(sqlx::query_as::<_, Event>(
        "SELECT e.kind, e.status, e.outcome, e.note, e.at, w.name AS worker
         FROM case_events e LEFT JOIN workers w ON w.id = e.worker_id WHERE e.case_id = $1 ORDER BY e.id",
    )
    .bind(case)
    .fetch_all(pool)
    .await?)
}

#[derive(Debug, Clone, FromRow, Serialize)]
pub struct Note {
    pub body: String,
    pub at: i64,
    pub worker: String,
}

pub async fn notes(pool: &AnyPool, case: i64) -> Result<Vec<Note>> {
    Ok(sqlx::query_as::<_, Note>(
        "SELECT n.body, n.at, w.name AS worker FROM case_notes n JOIN workers w ON w.id = n.worker_id
         WHERE n.case_id = $1 ORDER BY n.id",
    )
    .bind(case)
    .fetch_all(pool)
    .await?)
}

/// Records a status change; `status` is read from the case as it is now.
pub async fn event(
    tx: &mut Tx<'_>,
    case: i64,
    worker: Option<i64>,
    kind: &str,
    outcome: Option<&str>,
    note: Option<&str>,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO case_events (case_id, worker_id, kind, status, outcome, note, at)
         SELECT $1, $2, $3, status, $4, $5, $6 FROM cases WHERE id = $1",
    )
    .bind(case)
    .bind(worker)
    .bind(kind)
    .bind(outcome)
    .bind(note)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records who looked at or changed what. `detail` names statuses or outcomes, never content.
pub async fn audit(
    tx: &mut Tx<'_>,
    worker: Option<i64>,
    case: Option<i64>,
    action: &str,
    detail: &str,
    now: i64,
) -> Result<()> {
    sqlx::query("INSERT INTO audit (worker_id, case_id, action, detail, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(worker)
        .bind(case)
        .bind(action)
        .bind(detail)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// One audit line in a transaction of its own (account changes, made outside any case).
pub async fn audit_alone(
    pool: &AnyPool,
    worker: Option<i64>,
    case: Option<i64>,
    action: &str,
    detail: &str,
    now: i64,
) -> Result<()> {
    let mut tx = pool.begin().await?;
    audit(&mut tx, worker, case, action, detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Records a view of a case and that the worker has now seen its messages.
pub async fn viewed(pool: &AnyPool, case: i64, worker: i64, now: i64) -> Result<()> {
    let mut tx = pool.begin().await?;
    audit(&mut tx, Some(worker), Some(case), "viewed", "", now).await?;
    tx.commit().await?;
    seen(pool, case, worker).await
}

/// The worker holding the case has seen every message so far.
pub async fn seen(pool: &AnyPool, case: i64, worker: i64) -> Result<()> {
    sqlx::query(
        "UPDATE cases SET worker_seen_message = last_inbound_message WHERE id = $1 AND claimed_by = $2
         AND last_inbound_message IS NOT NULL",
    )
    .bind(case)
    .bind(worker)
    .execute(pool)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow, Serialize)]
pub struct AuditEntry {
    pub action: String,
    pub detail: String,
    pub at: i64,
    pub worker: Option<String>,
    pub email: Option<String>,
    pub reference: Option<String>,
}

/// The audit of one case, newest first.
pub async fn audit_for_case(pool: &AnyPool, case: i64) -> Result<Vec<AuditEntry>> {
    Ok(sqlx::query_as::<_, AuditEntry>(
        "SELECT a.action, a.detail, a.at, w.name AS worker, w.email, c.reference FROM audit a
         LEFT JOIN workers w ON w.id = a.worker_id LEFT JOIN cases c ON c.id = a.case_id
         WHERE a.case_id = $1 ORDER BY a.id DESC LIMIT 500",
    )
    .bind(case)
    .fetch_all(pool)
    .await?)
}

/// Which audit entries the audit page (or its CSV) shows. Every part is optional.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this team's entries (`None`: every team, for admins). An entry about a case belongs
    /// to the case's team; a change to an account to the team of that account; one without a
    /// case (signing in) to the team of the worker who acted; one with neither (the command
    /// line) only to admins.
    pub team: Option<String>,
    /// Only what this worker did.
    pub worker: Option<i64>,
    /// Only entries about the case with this reference (as stored: upper case).
    pub case: Option<String>,
    /// Only entries at or after this time (unix ms).
    pub from: Option<i64>,
    /// Only entries before this time (unix ms, exclusive).
    pub to: Option<i64>,
}

/// The entries matching a filter: how many in all, and the newest `limit` of them.
#[derive(Debug, Clone, Default)]
pub struct AuditFound {
    pub total: i64,
    pub entries: Vec<AuditEntry>,
}

enum Value {
    Int(i64),
    Text(String),
}

/// Audit actions about an account, whose detail is that account's email.
const ACCOUNT_ACTIONS: &str = "'disabled worker', 'enabled worker', 'changed a password'";

/// Audit entries matching `filter`, newest first, at most `limit`, with the count of all that
/// match. The clauses are fixed text; every value is bound.
pub async fn audit_search(pool: &AnyPool, filter: &AuditFilter, limit: i64) -> Result<AuditFound> {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let mut clause = |text: &str, value: Value| {
        values.push(value);
        clauses.push(text.replace("$?", &format!("${}", values.len())));
    };
    if let Some(team) = &filter.team {
        clause("COALESCE(c.team, t.team, w.team) = $?", Value::Text(team.clone()));
    }
    if let Some(worker) = filter.worker {
        clause("a.worker_id = $?", Value::Int(worker));
    }
    if let Some(case) = &filter.case {
        clause("c.reference = $?", Value::Text(case.clone()));
    }
    if let Some(from) = filter.from {
        clause("a.at >= $?", Value::Int(from));
    }
    if let Some(to) = filter.to {
        clause("a.at < $?", Value::Int(to));
    }
    let from = format!(
        "FROM audit a LEFT JOIN workers w ON w.id = a.worker_id LEFT JOIN cases c ON c.id = a.case_id
         LEFT JOIN workers t ON a.case_id IS NULL AND a.action IN ({ACCOUNT_ACTIONS}) AND t.email = a.detail{}{}",
        if clauses.is_empty() { "" } else { " WHERE " },
        clauses.join(" AND ")
    );
    let count_sql = format!("SELECT COUNT(*) {from}");
    let mut count = sqlx::query_scalar::<_, i64>(AssertSqlSafe(count_sql));
    for v in &values {
        count = match v {
            Value::Int(i) => count.bind(*i),
            Value::Text(t) => count.bind(t.clone()),
        };
    }
    let total = count.fetch_one(pool).await?;
    let rows_sql = format!(
        "SELECT a.action, a.detail, a.at, w.name AS worker, w.email, c.reference {from}
         ORDER BY a.at DESC, a.id DESC LIMIT ${}",
        values.len() + 1
    );
    let mut rows = sqlx::query_as::<_, AuditEntry>(AssertSqlSafe(rows_sql));
    for v in &values {
        rows = match v {
            Value::Int(i) => rows.bind(*i),
            Value::Text(t) => rows.bind(t.clone()),
        };
    }
    let entries = rows.bind(limit).fetch_all(pool).await?;
    Ok(AuditFound { total, entries })
}

/// One outbox row's delivery state, if the row is still there.
pub async fn delivery_state(pool: &AnyPool, person: i64, outbox: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT status FROM outbox WHERE person_id = $1 AND id = $2")
        .bind(person)
        .bind(outbox)
        .fetch_optional(pool)
        .await?)
}

/// Delivery states of the messages queued for a person, by outbox id.
pub async fn delivery_states(pool: &AnyPool, person: i64) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as::<_, (i64, String)>("SELECT id, status FROM outbox WHERE person_id = $1")
        .bind(person)
        .fetch_all(pool)
        .await?)
}

/// A link worker's first message: a waiting or claimed case is now in contact (and theirs if it
/// was nobody's), with the time of first contact kept. A case already in contact is unchanged.
pub async fn in_contact(tx: &mut Tx<'_>, case: i64, worker: i64, now: i64) -> Result<()> {
    let changed = sqlx::query(
        "UPDATE cases SET status = 'in_contact', claimed_by = COALESCE(claimed_by, $1),
             first_contact_at = COALESCE(first_contact_at, $2), updated_at = $2
         WHERE id = $3 AND status IN ('waiting', 'claimed')",
    )
    .bind(worker)
    .bind(now)
    .bind(case)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 1 {
        event(tx, case, Some(worker), "in_contact", None, None, now).await?;
    }
    Ok(())
}

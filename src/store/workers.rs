//! Link workers: accounts (argon2 password hashes), sessions (only a hash of the token is
//! stored) and sign-in attempts, reserved before a password is checked, which rate-limit the
//! login form across replicas.

use serde::Serialize;
use sqlx::{AnyPool, AssertSqlSafe, FromRow};

use super::{Error, Result};

/// What a worker may do: workers see their team's cases; leads also reassign and see the audit;
/// admins see every team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Worker,
    Lead,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "worker" => Some(Role::Worker),
            "lead" => Some(Role::Lead),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Worker => "worker",
            Role::Lead => "lead",
            Role::Admin => "admin",
        }
    }

    /// Leads and admins reassign cases and read the audit.
    pub fn leads(self) -> bool {
        matches!(self, Role::Lead | Role::Admin)
    }
}

#[derive(Debug, Clone, FromRow)]
struct Row {
    id: i64,
    email: String,
    name: String,
    team: String,
    role: String,
    password_hash: String,
    disabled_at: Option<i64>,
}

/// A link worker's account.
#[derive(Debug, Clone, Serialize)]
pub struct Worker {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub team: String,
    pub role: Role,
    #[serde(skip)]
    pub password_hash: String,
    /// When the account was disabled; a disabled worker cannot sign in.
    pub disabled_at: Option<i64>,
}

impl Worker {
    /// The first name, which introduces the worker's messages to a young person.
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(&self.name)
    }

    /// May this worker see cases of `team`?
    pub fn sees(&self, team: &str) -> bool {
        self.role == Role::Admin || self.team == team
    }
}

impl TryFrom<Row> for Worker {
    type Error = Error;
    fn try_from(r: Row) -> Result<Worker> {
        let role =
            Role::parse(&r.role).ok_or_else(|| Error::Corrupt(format!("worker {} has role {:?}", r.id, r.role)))?;
        Ok(Worker {
            id: r.id,
            email: r.email,
            name: r.name,
            team: r.team,
            role,
            password_hash: r.password_hash,
            disabled_at: r.disabled_at,
        })
    }
}

const COLUMNS: &str = "id, email, name, team, role, password_hash, disabled_at";

/// Adds a worker, or (same email) changes their name, team, role and password, enables them
/// again, and ends their sessions (the old password no longer keeps anyone signed in).
pub async fn upsert(
    pool: &AnyPool,
    email: &str,
    name: &str,
    team: &str,
    role: Role,
    password_hash: &str,
    now: i64,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO workers (email, name, team, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (email) DO UPDATE SET name = excluded.name, team = excluded.team, role = excluded.role,
             password_hash = excluded.password_hash, disabled_at = NULL
         RETURNING id",
    )
    .bind(email.trim().to_lowercase())
    .bind(name)
    .bind(team)
    .bind(role.as_str())
    .bind(password_hash)
    .bind(now)
    .fetch_one(pool)
    .await?;
    end_sessions(pool, id).await?;
    Ok(id)
}

/// Every worker (of `team`, when given), active first, by name.
pub async fn list(pool: &AnyPool, team: Option<&str>) -> Result<Vec<Worker>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM workers WHERE ($1 = '' OR team = $1) ORDER BY disabled_at IS NOT NULL, name, id"
    );
    sqlx::query_as::<_, Row>(AssertSqlSafe(sql))
        .bind(team.unwrap_or(""))
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(Worker::try_from)
        .collect()
}

/// Disables (`true`) or enables a worker. Disabling ends their sessions at once. Returns whether
/// anything changed.
pub async fn set_disabled(pool: &AnyPool, id: i64, disabled: bool, now: i64) -> Result<bool> {
    let changed = if disabled {
        sqlx::query("UPDATE workers SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL").bind(now).bind(id)
    } else {
        sqlx::query("UPDATE workers SET disabled_at = NULL WHERE id = $1 AND disabled_at IS NOT NULL").bind(id)
    }
    .execute(pool)
    .await?
    .rows_affected();
    if disabled {
        end_sessions(pool, id).await?;
    } else {
        unlock(pool, id).await?;
    }
    Ok(changed > 0)
}

/// Forgets the worker's failed sign-ins: an admin's reset (a new password, or enabling them
/// again) ends a lock at once.
async fn unlock(pool: &AnyPool, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE email = (SELECT email FROM workers WHERE id = $1)")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// A new password; every session of the worker ends, so whoever had the old one is signed out.
pub async fn set_password(pool: &AnyPool, id: i64, password_hash: &str) -> Result<bool> {
    let changed = sqlx::query("UPDATE workers SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected();
    end_sessions(pool, id).await?;
    unlock(pool, id).await?;
    Ok(changed > 0)
}

/// Signs a worker out everywhere.
pub async fn end_sessions(pool: &AnyPool, worker: i64) -> Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE worker_id = $1").bind(worker).execute(pool).await?.rows_affected())
}

/// An active worker by email (any case).
pub async fn by_email(pool: &AnyPool, email: &str) -> Result<Option<Worker>> {
    let row = sqlx::query_as::<_, Row>(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM workers WHERE email = $1 AND disabled_at IS NULL"
    )))
    .bind(email.trim().to_lowercase())
    .fetch_optional(pool)
    .await?;
    row.map(Worker::try_from).transpose()
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<Worker>> {
    let row = sqlx::query_as::<_, Row>(AssertSqlSafe(format!("SELECT {COLUMNS} FROM workers WHERE id = $1")))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.map(Worker::try_from).transpose()
}

/// Active workers of a team, by name (for reassigning).
pub async fn in_team(pool: &AnyPool, team: &str) -> Result<Vec<Worker>> {
    sqlx::query_as::<_, Row>(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM workers WHERE team = $1 AND disabled_at IS NULL ORDER BY name, id"
    )))
    .bind(team)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(Worker::try_from)
    .collect()
}

/// Every team that has a worker or a case, for the admin's filter.
pub async fn teams(pool: &AnyPool) -> Result<Vec<String>> {
    // The cases' teams one step at a time through `cases_by_team` (the next team after the last
    // one), not by reading every case: a handful of lookups however many cases there are.
    Ok(sqlx::query_scalar(
        "WITH RECURSIVE t (team) AS (
             SELECT MIN(team) FROM cases
             UNION ALL
             SELECT (SELECT MIN(c.team) FROM cases c WHERE c.team > t.team) FROM t WHERE t.team IS NOT NULL
         )
         SELECT team FROM t WHERE team IS NOT NULL UNION SELECT team FROM workers ORDER BY 1",
    )
    .fetch_all(pool)
    .await?)
}

/// A signed-in worker's session.
#[derive(Debug, Clone)]
pub struct Session {
    pub worker: Worker,
    pub csrf: String,
    pub created_at: i64,
}

/// What a new session is made of.
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub worker: i64,
    pub csrf: &'a str,
    /// The password hash the sign-in was checked against: if it changed meanwhile (a new
    /// password was set while the old one was being checked), no session is made.
    pub checked_hash: &'a str,
}

/// Starts a session, unless the worker was disabled or given a new password since their
/// password was checked. Returns whether it started.
pub async fn create_session(pool: &AnyPool, new: NewSession<'_>, now: i64, expires_at: i64) -> Result<bool> {
    let made = sqlx::query(
        "INSERT INTO sessions (token_hash, worker_id, csrf, created_at, expires_at)
         SELECT $1, $2, $3, $4, $5 FROM workers WHERE id = $2 AND password_hash = $6 AND disabled_at IS NULL",
    )
    .bind(new.token_hash)
    .bind(new.worker)
    .bind(new.csrf)
    .bind(now)
    .bind(expires_at)
    .bind(new.checked_hash)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(made == 1)
}

#[derive(FromRow)]
struct SessionRow {
    worker_id: i64,
    csrf: String,
    created_at: i64,
}

/// The live session for a token hash, or `None` when it expired or the worker was disabled.
/// With `slide_to`, a person acted: the idle expiry moves on to it. Without, it stays (a page
/// refreshing itself is not someone at the desk).
pub async fn session(pool: &AnyPool, token_hash: &str, now: i64, slide_to: Option<i64>) -> Result<Option<Session>> {
    let row = match slide_to {
        Some(expires_at) => {
            sqlx::query_as::<_, SessionRow>(
                "UPDATE sessions SET expires_at = $1 WHERE token_hash = $2 AND expires_at > $3
                 RETURNING worker_id, csrf, created_at",
            )
            .bind(expires_at)
            .bind(token_hash)
            .bind(now)
            .fetch_optional(pool)
            .await?
        }
        None => {
            sqlx::query_as::<_, SessionRow>(
                "SELECT worker_id, csrf, created_at FROM sessions WHERE token_hash = $1 AND expires_at > $2",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(pool)
            .await?
        }
    };
    let Some(row) = row else { return Ok(None) };
    let worker = sqlx::query_as::<_, Row>(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM workers WHERE id = $1 AND disabled_at IS NULL"
    )))
    .bind(row.worker_id)
    .fetch_optional(pool)
    .await?;
    let Some(worker) = worker else { return Ok(None) };
    Ok(Some(Session { worker: Worker::try_from(worker)?, csrf: row.csrf, created_at: row.created_at }))
}

pub async fn end_session(pool: &AnyPool, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(pool).await?;
    Ok(())
}

/// Removes expired sessions and failed logins older than `before`.
pub async fn tidy(pool: &AnyPool, now: i64, before: i64) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(pool).await?;
    sqlx::query("DELETE FROM login_failures WHERE at < $1").bind(before).execute(pool).await?;
    Ok(())
}

/// A sign-in attempt, reserved before its password is checked: the row stays as a failure (a
/// refused attempt included) unless the attempt succeeds (then [`clear_failures`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    pub id: i64,
    /// Attempts in the window for this email, and from this address, this one included.
    pub by_email: i64,
    pub by_ip: i64,
}

/// Reserves an attempt, then counts the window. The insert is committed before the count, so
/// attempts racing each other (on any replica) each see every attempt reserved before them: the
/// n-th sees at least n, and no burst has more than the limit checked.
pub async fn reserve_attempt(pool: &AnyPool, email: &str, ip: &str, now: i64, since: i64) -> Result<Attempt> {
    let email = email.trim().to_lowercase();
    let id: i64 = sqlx::query_scalar("INSERT INTO login_failures (email, ip, at) VALUES ($1, $2, $3) RETURNING id")
        .bind(&email)
        .bind(ip)
        .bind(now)
        .fetch_one(pool)
        .await?;
    let by_email: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE email = $1 AND at >= $2")
        .bind(&email)
        .bind(since)
        .fetch_one(pool)
        .await?;
    let by_ip: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE ip = $1 AND at >= $2")
        .bind(ip)
        .bind(since)
        .fetch_one(pool)
        .await?;
    Ok(Attempt { id, by_email, by_ip })
}

/// A successful login forgets that email's failures.
pub async fn clear_failures(pool: &AnyPool, email: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE email = $1").bind(email.trim().to_lowercase()).execute(pool).await?;
    Ok(())
}

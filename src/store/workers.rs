//! Link workers: accounts (argon2 password hashes), sessions (only a hash of the token is
//! stored) and failed logins, which rate-limit the login form across replicas.

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
        Ok(Worker { id: r.id, email: r.email, name: r.name, team: r.team, role, password_hash: r.password_hash })
    }
}

const COLUMNS: &str = "id, email, name, team, role, password_hash";

/// Adds a worker, or (same email) changes their name, team, role and password.
pub async fn upsert(
    pool: &AnyPool,
    email: &str,
    name: &str,
    team: &str,
    role: Role,
    password_hash: &str,
    now: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
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
    .await?)
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
    Ok(sqlx::query_scalar("SELECT team FROM workers UNION SELECT team FROM cases ORDER BY 1").fetch_all(pool).await?)
}

/// A signed-in worker's session.
#[derive(Debug, Clone)]
pub struct Session {
    pub worker: Worker,
    pub csrf: String,
    pub created_at: i64,
}

pub async fn create_session(
    pool: &AnyPool,
    token_hash: &str,
    worker: i64,
    csrf: &str,
    now: i64,
    expires_at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, worker_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(worker)
    .bind(csrf)
    .bind(now)
    .bind(expires_at)
    .execute(pool)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct SessionRow {
    worker_id: i64,
    csrf: String,
    created_at: i64,
}

/// The live session for a token hash, its expiry pushed to `expires_at` (sliding), or `None`
/// when it expired or the worker was disabled.
pub async fn session(pool: &AnyPool, token_hash: &str, now: i64, expires_at: i64) -> Result<Option<Session>> {
    let row = sqlx::query_as::<_, SessionRow>(
        "UPDATE sessions SET expires_at = $1 WHERE token_hash = $2 AND expires_at > $3
         RETURNING worker_id, csrf, created_at",
    )
    .bind(expires_at)
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await?;
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

pub async fn login_failed(pool: &AnyPool, email: &str, ip: &str, now: i64) -> Result<()> {
    sqlx::query("INSERT INTO login_failures (email, ip, at) VALUES ($1, $2, $3)")
        .bind(email.trim().to_lowercase())
        .bind(ip)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

/// Failed logins since `since` for this email, and from this address.
pub async fn recent_failures(pool: &AnyPool, email: &str, ip: &str, since: i64) -> Result<(i64, i64)> {
    let by_email: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE email = $1 AND at >= $2")
        .bind(email.trim().to_lowercase())
        .bind(since)
        .fetch_one(pool)
        .await?;
    let by_ip: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE ip = $1 AND at >= $2")
        .bind(ip)
        .bind(since)
        .fetch_one(pool)
        .await?;
    Ok((by_email, by_ip))
}

/// A successful login forgets that email's failures.
pub async fn clear_failures(pool: &AnyPool, email: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE email = $1").bind(email.trim().to_lowercase()).execute(pool).await?;
    Ok(())
}

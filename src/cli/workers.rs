//! `linkup worker add|disable|enable|password|list`, and the demo's link worker and dashboard
//! address.

use std::io::{BufRead, IsTerminal};

use anyhow::{Context as _, bail};
use tokio::net::TcpListener;

use crate::config::Config;
use crate::dashboard::auth;
use crate::store::Store;
use crate::store::workers::{self, Role};
use crate::time::now_ms;

pub const DEMO_EMAIL: &str = "demo@linkup.local";

/// Adds or updates a worker; the password comes from a prompt or stdin, never the arguments.
pub async fn add(config: &Config, email: &str, name: &str, team: &str, role: &str) -> anyhow::Result<i32> {
    let Some(role) = Role::parse(role.trim()) else {
        bail!("--role must be worker, lead or admin, not {role:?}");
    };
    let (email, name, team) = (email.trim(), name.trim(), team.trim());
    if !email.contains('@') || name.is_empty() || team.is_empty() {
        bail!("give a real --email, a --name and a --team");
    }
    let hash = new_password_hash(email)?;
    let store = open(config).await?;
    let id = workers::upsert(&store.pool, email, name, team, role, &hash, now_ms()).await?;
    store.close().await;
    println!(
        "Worker {id}: {name} <{email}>, team {team}, role {}. They can sign in to the dashboard now.",
        role.as_str()
    );
    Ok(0)
}

/// A password from a prompt (typed twice) or the first line of stdin, hashed.
fn new_password_hash(email: &str) -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("Password for {email} (10 characters or more): "))?;
        let again = rpassword::prompt_password("Type it again: ")?;
        if first != again {
            bail!("the two passwords were different; nothing was changed");
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).context("reading the password from stdin")?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    auth::hash_password(&password).map_err(|e| anyhow::anyhow!("{e}; nothing was changed"))
}

async fn open(config: &Config) -> anyhow::Result<Store> {
    Store::connect(&config.database_url)
        .await
        .with_context(|| format!("opening the database {}", crate::store::redact(&config.database_url)))
}

/// The worker with this email, enabled or not.
async fn find(store: &Store, email: &str) -> anyhow::Result<workers::Worker> {
    let email = email.trim().to_lowercase();
    let all = workers::list(&store.pool, None).await?;
    all.into_iter().find(|w| w.email == email).with_context(|| format!("no worker has the email {email}"))
}

/// `worker disable` / `worker enable`, audited.
pub async fn set_disabled(config: &Config, email: &str, disabled: bool) -> anyhow::Result<i32> {
    let store = open(config).await?;
    let worker = find(&store, email).await?;
    let now = now_ms();
    let changed = workers::set_disabled(&store.pool, worker.id, disabled, now).await?;
    let action = if disabled { "disabled worker" } else { "enabled worker" };
    if changed {
        crate::store::casework::audit_alone(&store.pool, None, None, action, &worker.email, now).await?;
    }
    let released =
        if disabled { crate::store::casework::release_all_of(&store.pool, worker.id, None, now).await? } else { 0 };
    store.close().await;
    if released > 0 {
        println!("{released} open case(s) they held are back in the queue.");
    }
    match (disabled, changed) {
        (true, true) => println!("{} <{}> is disabled and signed out everywhere.", worker.name, worker.email),
        (true, false) => println!("{} <{}> was already disabled.", worker.name, worker.email),
        (false, true) => println!("{} <{}> can sign in again.", worker.name, worker.email),
        (false, false) => println!("{} <{}> was not disabled.", worker.name, worker.email),
    }
    Ok(0)
}

/// `worker password`: a new password, every session ended, audited.
pub async fn password(config: &Config, email: &str) -> anyhow::Result<i32> {
    let store = open(config).await?;
    let worker = find(&store, email).await?;
    let hash = new_password_hash(&worker.email)?;
    workers::set_password(&store.pool, worker.id, &hash).await?;
    crate::store::casework::audit_alone(&store.pool, None, None, "changed a password", &worker.email, now_ms()).await?;
    store.close().await;
    println!("New password set for {} <{}>; every session of theirs has ended.", worker.name, worker.email);
    Ok(0)
}

/// `worker list`.
pub async fn list(config: &Config, team: Option<&str>) -> anyhow::Result<i32> {
    let store = open(config).await?;
    let all = workers::list(&store.pool, team.map(str::trim)).await?;
    store.close().await;
    if all.is_empty() {
        println!("No workers yet. Add one with: linkup worker add --email E --name N --team T");
    }
    for w in &all {
        let state = if w.disabled_at.is_some() { "disabled" } else { "active" };
        println!("{}\t{}\t{}\t{}\t{state}", w.email, w.name, w.team, w.role.as_str());
    }
    Ok(0)
}

/// A lead in the default team with a new random password each run, which the demo prints.
pub async fn demo_worker(store: &Store) -> anyhow::Result<String> {
    let password = format!("demo-{}", &auth::random_token()[..12]);
    let hash = auth::hash_password(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
    workers::upsert(&store.pool, DEMO_EMAIL, "Sam Demo", "main", Role::Lead, &hash, now_ms()).await?;
    Ok(password)
}

/// Listens on the configured address, or the next free port after it (a second demo, or
/// something else on 8080).
pub async fn demo_listener(listen: &str) -> anyhow::Result<(TcpListener, String)> {
    let (host, port) = listen.rsplit_once(':').context("dashboard.listen must be HOST:PORT")?;
    let port: u16 = port.parse().context("dashboard.listen must end with a port number")?;
    for p in port..port.saturating_add(20) {
        if let Ok(listener) = TcpListener::bind((host, p)).await {
            return Ok((listener, format!("http://{host}:{p}")));
        }
    }
    bail!("no free port for the dashboard from {listen} on; set LINKUP_DASHBOARD_LISTEN")
}

//! `linkup worker add`, and the demo's link worker and dashboard address.

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
    let hash = match auth::hash_password(&password) {
        Ok(h) => h,
        Err(e) => bail!("{e}; nothing was changed"),
    };
    let store = Store::connect(&config.database_url)
        .await
        .with_context(|| format!("opening the database {}", crate::store::redact(&config.database_url)))?;
    let id = workers::upsert(&store.pool, email, name, team, role, &hash, now_ms()).await?;
    store.close().await;
    println!(
        "Worker {id}: {name} <{email}>, team {team}, role {}. They can sign in to the dashboard now.",
        role.as_str()
    );
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

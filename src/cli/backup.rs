//! `linkup backup FILE`: a consistent copy of a running SQLite database, made online with
//! `VACUUM INTO` (readers and the writer carry on meanwhile). PostgreSQL has its own tools.

use anyhow::{Context as _, bail};

use crate::config::Config;
use crate::store::Store;

/// Writes the copy to `to`, which must not exist yet (a backup never overwrites).
pub async fn run(config: &Config, to: &std::path::Path) -> anyhow::Result<i32> {
    if to.exists() {
        bail!("{} exists already; a backup never overwrites a file: choose a new name", to.display());
    }
    // Told apart before connecting: opening a database brings its tables up to date.
    if config.database_url.starts_with("postgres") {
        bail!("this is a PostgreSQL database: back it up with pg_dump (docs/deploy.md shows how), not linkup backup");
    }
    let store = Store::connect(&config.database_url)
        .await
        .with_context(|| format!("opening the database {}", crate::store::redact(&config.database_url)))?;
    let path = to.to_str().context("the backup's path must be plain text")?;
    let copied = crate::store::backup_sqlite(&store.pool, path).await;
    store.close().await;
    copied.with_context(|| format!("copying the database to {}", to.display()))?;
    let size = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
    println!("Backed up to {} ({:.1} MB). Keep it as safe as the database itself.", to.display(), size as f64 / 1e6);
    Ok(0)
}

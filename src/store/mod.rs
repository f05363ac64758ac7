//! The database: sqlx `Any` pools over SQLite (default, WAL; one writer, four readers) or
//! PostgreSQL, migrations embedded and run at start-up, and one module per aggregate.
//!
//! Queries are runtime queries with `$n` placeholders; timestamps are unix milliseconds and
//! flags integers, so the same SQL runs on both backends.

pub mod cases;
pub mod casework;
pub mod checkins;
pub mod conversations;
pub mod directory;
pub mod erase;
pub mod export;
pub mod flags;
pub mod inbox;
pub mod outbox;
pub mod outcomes;
pub mod people;
pub mod retention;
pub mod sessions;
pub mod suggestions;
pub mod transcript;
pub mod workers;

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    #[error("unsupported database URL (use sqlite://FILE or postgres://...): {0}")]
    Url(String),
    #[error("case reference already taken")]
    ReferenceTaken,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A handle on the database; cheap to clone.
///
/// On SQLite, writes go through `pool`, one connection: SQLite takes one writer at a time, and
/// writers queued here wait their turn without the lock's busy-sleeps (1, 2, 5, … 100 ms),
/// which at a steady 200 messages a second put most of a second on the median reply. `reader`
/// is four more connections, read-only, for what only reads (the outbox and inbox scans, the
/// dashboard's pages); under WAL they run beside the writer. On PostgreSQL both are one pool.
#[derive(Debug, Clone)]
pub struct Store {
    pub pool: AnyPool,
    pub reader: AnyPool,
    pub backend: Backend,
}

pub type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

impl Store {
    /// Connects, creating a SQLite file if it does not exist, and applies migrations.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if let Some(rest) = url.strip_prefix("sqlite:") {
            // Create the file on first run.
            let url = if rest.contains("mode=") {
                url.to_string()
            } else if rest.contains('?') {
                format!("{url}&mode=rwc")
            } else {
                format!("{url}?mode=rwc")
            };
            (Backend::Sqlite, url)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            (Backend::Postgres, url.to_string())
        } else {
            return Err(Error::Url(redact(url)));
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = |connections: u32, read_only: bool| {
            AnyPoolOptions::new().max_connections(connections).acquire_timeout(Duration::from_secs(30)).after_connect(
                move |conn, _| {
                    Box::pin(async move {
                        if backend == Backend::Sqlite {
                            // WAL lets readers (the queue) run beside the writer; NORMAL sync is
                            // durable across a crash of the process. busy_timeout makes writers
                            // of other processes (the command line) wait instead of failing.
                            conn.execute("PRAGMA journal_mode = WAL").await?;
                            conn.execute("PRAGMA synchronous = NORMAL").await?;
                            conn.execute("PRAGMA foreign_keys = ON").await?;
                            conn.execute("PRAGMA busy_timeout = 10000").await?;
                            if read_only {
                                conn.execute("PRAGMA query_only = ON").await?;
                            }
                        }
                        Ok(())
                    })
                },
            )
        };
        let (pool, reader) = match backend {
            Backend::Sqlite => {
                let writer = pool(1, false).connect_with(options.clone()).await?;
                SQLITE_MIGRATIONS.run(&writer).await?;
                (writer, pool(4, true).connect_with(options).await?)
            }
            Backend::Postgres => {
                let both = pool(10, false).connect_with(options).await?;
                POSTGRES_MIGRATIONS.run(&both).await?;
                (both.clone(), both)
            }
        };
        Ok(Store { pool, reader, backend })
    }

    /// Ready for work: the database answers `SELECT 1`, and has applied every migration this
    /// build knows. The reason when not, in words that reveal nothing else.
    pub async fn readiness(&self) -> std::result::Result<(), &'static str> {
        let one: i32 = sqlx::query_scalar("SELECT 1").fetch_one(&self.pool).await.map_err(|e| {
            tracing::warn!(error = %e, "readiness: the database is not answering");
            "database not answering"
        })?;
        if one != 1 {
            return Err("database not answering");
        }
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        let known = migrator.iter().filter(|m| !m.migration_type.is_down_migration()).count();
        let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
            .fetch_one(&self.pool)
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "readiness: cannot read the migrations table");
                "migrations not applied"
            })?;
        if usize::try_from(applied).unwrap_or(0) < known {
            return Err("migrations not applied");
        }
        Ok(())
    }

    pub async fn begin(&self) -> Result<Tx<'static>> {
        Ok(self.pool.begin().await?)
    }

    pub async fn close(&self) {
        self.reader.close().await;
        self.pool.close().await;
    }
}

/// A consistent copy of a SQLite database at `path`, made while it runs (`VACUUM INTO`).
pub async fn backup_sqlite(pool: &AnyPool, path: &str) -> Result<()> {
    sqlx::query("VACUUM INTO $1").bind(path).execute(pool).await?;
    Ok(())
}

/// A URL as a person may see it (in `linkup config`, logs and errors): the password of the
/// user part and every secret-looking query value (`password`, `sslpassword`, `token`, `key`,
/// `secret`, ...) become `***`. The URL is read by its parts; one that cannot be read at all is
/// shown only up to where a secret could start.
pub fn redact(url: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else {
        let cut = url.find("://").map_or_else(|| url.find(['@', '?', ':']).unwrap_or(url.len()), |i| i + 3);
        return format!("{}… (unreadable URL, rest hidden)", &url[..cut]);
    };
    if parsed.password().is_some() {
        let _ = parsed.set_password(Some("***"));
    }
    if parsed.query().is_some() {
        let pairs: Vec<(String, String)> = parsed
            .query_pairs()
            .map(|(k, v)| {
                let v = if secret_looking(&k) { "***".to_string() } else { v.into_owned() };
                (k.into_owned(), v)
            })
            .collect();
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
    }
    if parsed.fragment().is_some() {
        parsed.set_fragment(Some("***"));
    }
    parsed.to_string()
}

/// A query key whose value is likely a credential.
fn secret_looking(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["pass", "pwd", "secret", "token", "key", "auth", "credential", "sig"].iter().any(|word| key.contains(word))
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_passwords() {
        use super::redact;
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite://linkup.db"), "sqlite://linkup.db");
        assert_eq!(redact("sqlite://linkup.db?mode=rwc"), "sqlite://linkup.db?mode=rwc");
        let shown = redact("postgres://u@h:5432/db?sslmode=require&password=hunter2&sslpassword=p%40ss");
        assert_eq!(shown, "postgres://u@h:5432/db?sslmode=require&password=***&sslpassword=***");
        // The at sign inside a password is the URL's business, not a string search's.
        assert_eq!(redact("postgres://u:p%40ss%3Aw@h/db"), "postgres://u:***@h/db");
        assert_eq!(
            redact("https://bot:tok3n@proxy.example/api?api_key=abc"),
            "https://bot:***@proxy.example/api?api_key=***"
        );
        let unreadable = redact("postgres://u:secret@[::1/db");
        assert!(!unreadable.contains("secret"), "{unreadable}");
    }
}

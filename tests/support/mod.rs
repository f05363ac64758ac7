//! Test helpers: a `TestApp` on a fresh database with `say()` and `press()`, and the paths of
//! the real content.

#![allow(dead_code)]

use std::path::PathBuf;

use linkup::config::Config;
use linkup::conversation::{Content, Handled, Linkup, Outgoing, Sender};
use linkup::intent::Incoming;
use linkup::store::Store;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn content() -> Content {
    Content::load(&root().join("flows"), &root().join("locales"))
        .unwrap_or_else(|p| panic!("content has problems: {p:#?}"))
}

/// The databases a story runs against: SQLite always, PostgreSQL when
/// `LINKUP_TEST_POSTGRES` (an admin URL such as postgres://postgres@127.0.0.1:5432/postgres) is set.
pub fn backends() -> Vec<&'static str> {
    let mut out = vec!["sqlite"];
    if std::env::var("LINKUP_TEST_POSTGRES").is_ok_and(|v| !v.is_empty()) {
        out.push("postgres");
    }
    out
}

/// A fresh, empty database; the guard keeps a SQLite file alive for the test.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

pub async fn fresh_db(backend: &str) -> TestDb {
    match backend {
        "sqlite" => {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            TestDb { url, _dir: Some(dir) }
        }
        "postgres" => {
            let admin = std::env::var("LINKUP_TEST_POSTGRES").expect("LINKUP_TEST_POSTGRES");
            let suffix = linkup::conversation::new_reference()[3..].to_lowercase();
            let name = format!("linkup_test_{}_{}_{}", std::process::id(), linkup::time::now_ms(), suffix);
            sqlx::any::install_default_drivers();
            let mut conn =
                <sqlx::AnyConnection as sqlx::Connection>::connect(&admin).await.expect("connect to PostgreSQL");
            // The name is made here from digits and the reference alphabet, never from input.
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut conn).await.unwrap();
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin);
            TestDb { url: format!("{base}/{name}"), _dir: None }
        }
        other => panic!("unknown backend {other}"),
    }
}

/// Drops test databases left by earlier runs (once per test process).
async fn drop_old_test_databases(conn: &mut sqlx::AnyConnection) {
    static DONE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if DONE.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let mine = format!("linkup_test_{}_", std::process::id());
    let names: Vec<String> = sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'linkup_test_%'")
        .fetch_all(&mut *conn)
        .await
        .unwrap_or_default();
    for name in names.into_iter().filter(|n| !n.starts_with(&mine)) {
        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
            .execute(&mut *conn)
            .await;
    }
}

/// A 16–18 referral to be contacted in this chat, as typed after /start: age, name, area,
/// topics, own words, interests, ONS4 (6, 7, 5, 3), no to the safety question, help, "in this
/// chat", evenings, yes to check-ins, send.
pub const fn referral<'a>(name: &'a str, area: &'a str, words: &'a str) -> [&'a str; 21] {
    [
        "1", "4", name, area, "1", "done", words, "2", "done", "6", "7", "5", "3", "2", "1", "done", "1", "3", "done",
        "1", "1",
    ]
}

pub struct TestApp {
    pub linkup: Linkup,
    pub store: Store,
    pub db: TestDb,
    pub user: String,
    pub now: i64,
    /// The replies to the last message.
    pub last: Vec<Outgoing>,
}

impl TestApp {
    pub async fn new(backend: &str) -> TestApp {
        TestApp::with_config(backend, Config::default()).await
    }

    pub async fn with_config(backend: &str, config: Config) -> TestApp {
        TestApp::with_content(backend, config, content()).await
    }

    /// With content changed for the test (safety thresholds, say).
    pub async fn with_content(backend: &str, mut config: Config, content: Content) -> TestApp {
        let db = fresh_db(backend).await;
        config.database_url = db.url.clone();
        let app = linkup::app::App::with_content(config, content).await.expect("the app starts");
        TestApp {
            linkup: app.linkup,
            store: app.store,
            db,
            user: "young-person-1".into(),
            now: 1_795_000_000_000,
            last: vec![],
        }
    }

    async fn send(&mut self, incoming: Incoming) -> Handled {
        self.now += 1000;
        let sender = Sender::new("test", &self.user);
        let handled = self.linkup.receive(&sender, &incoming, self.now).await.expect("receive");
        self.last = handled.replies.clone();
        handled
    }

    pub async fn start(&mut self) -> Handled {
        self.send(Incoming::Start).await
    }

    pub async fn say(&mut self, text: &str) -> Handled {
        self.send(Incoming::Text(text.to_string())).await
    }

    /// Presses the button labelled `label` on the latest bubble that has buttons.
    pub async fn press(&mut self, label: &str) -> Handled {
        let payload = self
            .last
            .iter()
            .rev()
            .flat_map(|r| r.buttons.iter())
            .find(|b| b.label == label)
            .unwrap_or_else(|| panic!("no button {label:?} in {:#?}", self.last))
            .payload
            .clone();
        self.send(Incoming::Press(payload)).await
    }

    /// Sends a button press by its payload (an old button, say).
    pub async fn press_payload(&mut self, payload: &str) -> Handled {
        self.send(Incoming::Press(payload.to_string())).await
    }

    /// Refers themselves with [`referral`]; returns the case reference.
    pub async fn refer(&mut self, name: &str, area: &str, words: &str) -> String {
        self.start().await;
        for line in referral(name, area, words) {
            self.say(line).await;
        }
        self.reference_of(name).await
    }

    /// The reference of the case of the young person called `name`.
    pub async fn reference_of(&self, name: &str) -> String {
        linkup::store::cases::queue(&self.store.pool)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.preferred_name.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no case for {name}: {}", self.text()))
            .reference
    }

    /// All reply text of the last message, joined.
    pub fn text(&self) -> String {
        self.last.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join("\n")
    }

    /// The words of the first bubble of the last replies.
    pub fn first(&self) -> &str {
        self.last.first().map(|r| r.text.as_str()).unwrap_or_default()
    }

    /// Everything stored in the transcript for this young person, in order.
    pub async fn transcript(&self) -> Vec<linkup::store::transcript::Entry> {
        let person: i64 = sqlx::query_scalar("SELECT id FROM people WHERE channel = 'test' AND channel_user = $1")
            .bind(&self.user)
            .fetch_one(&self.store.pool)
            .await
            .unwrap();
        linkup::store::transcript::for_person(&self.store.pool, person).await.unwrap()
    }

    /// Labels of the latest bubble that has buttons.
    pub fn labels(&self) -> Vec<String> {
        self.last
            .iter()
            .rev()
            .find(|r| !r.buttons.is_empty())
            .map(|r| r.buttons.iter().map(|b| b.label.clone()).collect())
            .unwrap_or_default()
    }
}

/// Runs the `linkup` binary with `args` and `stdin` piped, on the database at `url`.
pub fn linkup(url: &str, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"))
        .args(args)
        .current_dir(root())
        .env("LINKUP_DATABASE_URL", url)
        .env_remove("RUST_LOG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run linkup");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

//! The load bench: `linkup serve` (the release binary, as deployed, in its own process) against
//! a lean fake Bot API in this one, young people driven through the whole 16–18 self-referral
//! (24 messages each: taps and typed words). It prints, for the serve process alone: messages a
//! second, messages per CPU-second, reply latency (a young person's message to the first reply
//! of its turn, and to the last), peak RSS and database size. A message is one young person's
//! update, handled, with every reply it caused delivered.
//!
//! ```sh
//! cargo build --release && cargo run --release --example load -- [--steady RATE] [--saturated]
//!     [--people N] [--seconds S] [--stored N] [--database postgres://…/DBNAME]
//! ```
//!
//! `--steady 200` offers 200 messages a second (open loop) for `--seconds`; `--saturated` lets
//! `--people` young people answer as fast as the bot replies. With neither, both run.
//! `--stored N` fills the database with N finished conversations first (copies of a real one,
//! renumbered), to see whether the cost stays flat as data grows. Figures, never asserts.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use tokio::sync::Notify;

const TOKEN: &str = "123456:LOAD-TOKEN";

/// What one chat has been sent, as the driver waits for it.
#[derive(Default)]
struct ChatLog {
    times: Mutex<Vec<Instant>>,
    arrived: Notify,
}

#[derive(Default)]
struct Updates {
    queue: VecDeque<(i64, Value)>,
    next_id: i64,
}

/// A fake Bot API that keeps only what the driver needs: pending updates and when each chat
/// was sent something.
#[derive(Clone, Default)]
struct Fake {
    updates: Arc<Mutex<Updates>>,
    new_updates: Arc<Notify>,
    chats: Arc<Mutex<HashMap<i64, Arc<ChatLog>>>>,
    next_message_id: Arc<AtomicU64>,
    sends: Arc<AtomicU64>,
}

impl Fake {
    async fn start() -> (Fake, String) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let url = format!("http://{}/", listener.local_addr().expect("an address"));
        let fake = Fake::default();
        fake.next_message_id.store(1000, Ordering::Relaxed);
        let app = Router::new().route("/{bot}/{method}", post(handle)).with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (fake, url)
    }

    fn chat(&self, chat: i64) -> Arc<ChatLog> {
        self.chats.lock().expect("not poisoned").entry(chat).or_default().clone()
    }

    fn push(&self, mut update: Value) {
        let mut updates = self.updates.lock().expect("not poisoned");
        updates.next_id += 1;
        let id = updates.next_id;
        update["update_id"] = json!(id);
        updates.queue.push_back((id, update));
        drop(updates);
        self.new_updates.notify_waiters();
    }
}

async fn handle(State(fake): State<Fake>, UrlPath((_bot, method)): UrlPath<(String, String)>, body: Bytes) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let ok = |result: Value| axum::Json(json!({ "ok": true, "result": result })).into_response();
    match method.to_ascii_lowercase().as_str() {
        "getme" => ok(json!({ "id": 999, "is_bot": true, "first_name": "linkup", "username": "linkup_bot",
            "can_join_groups": false, "can_read_all_group_messages": false, "supports_inline_queries": false,
            "can_connect_to_business": false, "has_main_web_app": false })),
        "getupdates" => {
            let offset = body["offset"].as_i64().unwrap_or(0);
            let limit = body["limit"].as_u64().unwrap_or(100) as usize;
            let deadline = tokio::time::Instant::now() + Duration::from_secs(body["timeout"].as_u64().unwrap_or(0));
            loop {
                let notified = fake.new_updates.notified();
                {
                    let mut updates = fake.updates.lock().expect("not poisoned");
                    // An offset confirms every update below it, as Telegram does.
                    while updates.queue.front().is_some_and(|(id, _)| *id < offset) {
                        updates.queue.pop_front();
                    }
                    let batch: Vec<Value> = updates.queue.iter().take(limit).map(|(_, u)| u.clone()).collect();
                    if !batch.is_empty() || tokio::time::Instant::now() >= deadline {
                        return ok(json!(batch));
                    }
                }
                let _ = tokio::time::timeout_at(deadline, notified).await;
            }
        }
        "sendmessage" | "editmessagereplymarkup" | "editmessagetext" | "sendphoto" | "senddocument" => {
            let chat = body["chat_id"].as_i64().unwrap_or(0);
            let log = fake.chat(chat);
            log.times.lock().expect("not poisoned").push(Instant::now());
            log.arrived.notify_waiters();
            fake.sends.fetch_add(1, Ordering::Relaxed);
            let id = match body["message_id"].as_i64() {
                Some(id) => id,
                None => fake.next_message_id.fetch_add(1, Ordering::Relaxed) as i64,
            };
            ok(json!({ "message_id": id, "date": 1_795_000_000, "text": body["text"].as_str().unwrap_or("…"),
                "chat": { "id": chat, "type": "private", "first_name": "Young" },
                "from": { "id": 999, "is_bot": true, "first_name": "linkup", "username": "linkup_bot" } }))
        }
        _ => ok(json!(true)),
    }
}

fn user(chat: i64) -> Value {
    json!({ "id": chat, "is_bot": false, "first_name": "Young", "language_code": "en" })
}

fn text(chat: i64, words: &str) -> Value {
    json!({ "message": { "message_id": 1, "date": 1_795_000_000, "text": words, "from": user(chat),
        "chat": { "id": chat, "type": "private", "first_name": "Young" } } })
}

fn press(chat: i64, data: &str, step: usize) -> Value {
    json!({ "callback_query": { "id": format!("cb-{chat}-{step}"), "from": user(chat), "chat_instance": "ci",
        "data": data, "message": { "message_id": 1000, "date": 1_795_000_000, "text": "question",
            "chat": { "id": chat, "type": "private", "first_name": "Young" },
            "from": { "id": 999, "is_bot": true, "first_name": "linkup", "username": "linkup_bot" } } } })
}

/// The whole 16–18 journey, as a young person answers: taps, and some answers typed.
const JOURNEY: &[(&str, &str)] = &[
    ("t", "/start"),
    ("p", "welcome|yes"),
    ("t", "16"),
    ("t", "Sam"),
    ("t", "M14"),
    ("p", "topics|school"),
    ("p", "topics|family"),
    ("p", "topics|#done"),
    ("t", "I want to make friends and feel less on my own"),
    ("t", "music and football"),
    ("t", "done"),
    ("p", "ons-life|6"),
    ("p", "ons-worthwhile|7"),
    ("t", "5"),
    ("p", "ons-anxious|3"),
    ("p", "safety-screen-older|no"),
    ("p", "help|talk"),
    ("p", "help|#done"),
    ("p", "contact-method|phone"),
    ("t", "07700 900123"),
    ("p", "contact-times|evenings"),
    ("p", "contact-times|#done"),
    ("p", "checkins|yes"),
    ("p", "summary|yes"),
];

fn update(chat: i64, step: usize) -> Value {
    match JOURNEY[step] {
        ("t", words) => text(chat, words),
        (_, data) => press(chat, data, step),
    }
}

struct Args {
    steady: Option<f64>,
    saturated: bool,
    people: usize,
    seconds: f64,
    stored: usize,
    database: Option<String>,
}

fn args() -> anyhow::Result<Args> {
    let mut a = Args { steady: None, saturated: false, people: 1000, seconds: 60.0, stored: 0, database: None };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| anyhow::anyhow!("{flag} needs a value"));
        match flag.as_str() {
            "--steady" => a.steady = Some(value()?.parse()?),
            "--saturated" => a.saturated = true,
            "--people" => a.people = value()?.parse()?,
            "--seconds" => a.seconds = value()?.parse()?,
            "--stored" => a.stored = value()?.parse()?,
            "--database" => a.database = Some(value()?),
            other => anyhow::bail!("unknown option {other}"),
        }
    }
    if a.steady.is_none() && !a.saturated {
        a.steady = Some(200.0);
        a.saturated = true;
    }
    Ok(a)
}

/// The serve process: CPU time (user + system, clock ticks of 10 ms) and memory, from /proc.
struct Serve {
    child: Child,
    dashboard: u16,
}

impl Serve {
    fn cpu_seconds(&self) -> f64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<&str> = after.split_whitespace().collect();
        let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
        (ticks(11) + ticks(12)) / 100.0
    }

    fn memory_kb(&self, key: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap_or(18080)
}

async fn start_serve(binary: &Path, dir: &Path, database: &str, fake_url: &str) -> anyhow::Result<Serve> {
    let dashboard = free_port();
    let config = dir.join("linkup.toml");
    // Pacing off (the fake is not Telegram): what is measured is linkup's own cost.
    std::fs::write(
        &config,
        format!(
            "database_url = {database:?}\n[telegram]\nper_chat_interval_ms = 0\nglobal_per_second = 1000000\n\
             [dashboard]\nlisten = \"127.0.0.1:{dashboard}\"\n"
        ),
    )?;
    let child = Command::new(binary)
        .args(["--config", config.to_str().unwrap_or_default(), "serve"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", fake_url)
        // As docs/deploy.md's unit and the Dockerfile run it.
        .env("MALLOC_ARENA_MAX", std::env::var("MALLOC_ARENA_MAX").unwrap_or_else(|_| "2".into()))
        .env("RUST_LOG", std::env::var("LINKUP_LOAD_LOG").unwrap_or_else(|_| "warn".into()))
        .env_remove("LINKUP_DATABASE_URL")
        .env_remove("LINKUP_DASHBOARD_LISTEN")
        .env_remove("LINKUP_TELEGRAM_MODE")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("serve.log"))?)
        .spawn()?;
    let serve = Serve { child, dashboard };
    let ready = format!("http://127.0.0.1:{}/readyz", serve.dashboard);
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if client.get(&ready).send().await.is_ok_and(|r| r.status().is_success()) {
            return Ok(serve);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    anyhow::bail!("linkup serve did not get ready; see {}", dir.join("serve.log").display())
}

/// Replies per step of the journey, learned from one young person alone (each step's replies
/// counted once the chat has been quiet for 300 ms).
async fn calibrate(fake: &Fake, chat: i64) -> Vec<usize> {
    let log = fake.chat(chat);
    let mut expected = Vec::new();
    let mut seen = 0;
    for step in 0..JOURNEY.len() {
        fake.push(update(chat, step));
        let given_up = Instant::now() + Duration::from_secs(10);
        loop {
            let before = log.times.lock().expect("not poisoned").len();
            tokio::time::sleep(Duration::from_millis(300)).await;
            let after = log.times.lock().expect("not poisoned").len();
            if after == before && (after > seen || Instant::now() > given_up) {
                break;
            }
        }
        let now = log.times.lock().expect("not poisoned").len();
        expected.push(now - seen);
        seen = now;
    }
    expected
}

/// One turn: the message, then every reply it causes. Returns (first reply, last reply) after
/// the message was made available.
async fn turn(fake: &Fake, log: &ChatLog, chat: i64, step: usize, before: usize, replies: usize) -> (f64, f64) {
    let pushed = Instant::now();
    fake.push(update(chat, step));
    if replies == 0 {
        // A step that answers nothing (as the calibration found): nothing to wait for or time.
        return (f64::NAN, f64::NAN);
    }
    loop {
        if pushed.elapsed() > Duration::from_secs(300) {
            eprintln!("chat {chat}: no reply to step {step} in 5 minutes; is linkup serve still running?");
            std::process::exit(1);
        }
        let arrived = log.arrived.notified();
        {
            let times = log.times.lock().expect("not poisoned");
            if times.len() >= before + replies {
                let ms = |t: Instant| t.saturating_duration_since(pushed).as_secs_f64() * 1e3;
                return (ms(times[before]), ms(times[before + replies - 1]));
            }
        }
        let _ = tokio::time::timeout(Duration::from_secs(5), arrived).await;
    }
}

struct Figures {
    messages: usize,
    replies: u64,
    wall: f64,
    cpu: f64,
    first: Vec<f64>,
    last: Vec<f64>,
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

/// What a run is measured from: the serve process's CPU, the replies sent, the time.
struct Window {
    cpu: f64,
    sends: u64,
    start: Instant,
}

impl Window {
    fn open(fake: &Fake, serve: &Serve) -> Window {
        Window { cpu: serve.cpu_seconds(), sends: fake.sends.load(Ordering::Relaxed), start: Instant::now() }
    }

    /// The run's figures, from its turns' latencies.
    fn close(self, fake: &Fake, serve: &Serve, first: Vec<f64>, last: Vec<f64>) -> Figures {
        Figures {
            messages: first.len(),
            replies: fake.sends.load(Ordering::Relaxed) - self.sends,
            wall: self.start.elapsed().as_secs_f64(),
            cpu: serve.cpu_seconds() - self.cpu,
            first,
            last,
        }
    }
}

impl Figures {
    fn print(mut self, label: &str) {
        self.first.retain(|t| t.is_finite());
        self.last.retain(|t| t.is_finite());
        self.first.sort_by(f64::total_cmp);
        self.last.sort_by(f64::total_cmp);
        println!(
            "{label}: {} messages ({} replies) in {:.1} s: {:.0} messages/s, {:.2} CPU-s, {:.0} messages per CPU-second; \
             first reply p50 {:.1} ms, p99 {:.1} ms; whole turn p50 {:.1} ms, p99 {:.1} ms",
            self.messages,
            self.replies,
            self.wall,
            self.messages as f64 / self.wall,
            self.cpu,
            self.messages as f64 / self.cpu.max(0.01),
            quantile(&self.first, 0.5),
            quantile(&self.first, 0.99),
            quantile(&self.last, 0.5),
            quantile(&self.last, 0.99),
        );
    }
}

/// `people` young people at once, each answering as soon as a turn's replies are in.
async fn saturated(fake: &Fake, serve: &Serve, expected: &Arc<Vec<usize>>, first_chat: i64, people: usize) -> Figures {
    let window = Window::open(fake, serve);
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..people {
        let (fake, expected) = (fake.clone(), expected.clone());
        tasks.spawn(async move {
            let chat = first_chat + n as i64;
            let log = fake.chat(chat);
            let mut seen = 0;
            let mut figures = Vec::with_capacity(JOURNEY.len());
            for (step, replies) in expected.iter().enumerate() {
                figures.push(turn(&fake, &log, chat, step, seen, *replies).await);
                seen += replies;
            }
            figures
        });
    }
    let (mut first, mut last) = (Vec::new(), Vec::new());
    while let Some(done) = tasks.join_next().await {
        for (f, l) in done.unwrap_or_default() {
            first.push(f);
            last.push(l);
        }
    }
    window.close(fake, serve, first, last)
}

/// `rate` messages a second offered for `seconds`, whoever is ready next (a young person whose
/// last turn's replies are all in), as an open loop: a late reply does not slow the offer.
async fn steady(
    fake: &Fake,
    serve: &Serve,
    expected: &Arc<Vec<usize>>,
    first_chat: i64,
    rate: f64,
    seconds: f64,
) -> (Figures, usize) {
    let total = (rate * seconds) as usize;
    let people = total.div_ceil(JOURNEY.len()) + (rate as usize).max(10);
    let (ready_tx, mut ready) = tokio::sync::mpsc::unbounded_channel::<(usize, usize, usize)>();
    for n in 0..people {
        let _ = ready_tx.send((n, 0, 0));
    }
    let results = Arc::new(Mutex::new((Vec::new(), Vec::new())));
    let window = Window::open(fake, serve);
    let start = window.start;
    let mut starved = 0;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..total {
        tokio::time::sleep_until((start + Duration::from_secs_f64(i as f64 / rate)).into()).await;
        let Ok((n, step, seen)) = ready.try_recv() else {
            starved += 1;
            continue;
        };
        let (fake, expected, ready_tx, results) = (fake.clone(), expected.clone(), ready_tx.clone(), results.clone());
        tasks.spawn(async move {
            let chat = first_chat + n as i64;
            let log = fake.chat(chat);
            let (f, l) = turn(&fake, &log, chat, step, seen, expected[step]).await;
            let mut r = results.lock().expect("not poisoned");
            r.0.push(f);
            r.1.push(l);
            drop(r);
            if step + 1 < expected.len() {
                let _ = ready_tx.send((n, step + 1, seen + expected[step]));
            }
        });
        while tasks.try_join_next().is_some() {}
    }
    while tasks.join_next().await.is_some() {}
    let (first, last) = std::mem::take(&mut *results.lock().expect("not poisoned"));
    (window.close(fake, serve, first, last), starved)
}

/// The dashboard's queue page as a signed-in admin sees it, `rounds` times one after another
/// while nothing else runs: p50 and p99, milliseconds.
async fn queue_page(serve: &Serve, binary: &Path, dir: &Path, rounds: usize) -> anyhow::Result<(f64, f64, usize)> {
    use std::io::Write as _;
    let mut add = Command::new(binary)
        .args(["--config", dir.join("linkup.toml").to_str().unwrap_or_default(), "worker", "add"])
        .args(["--email", "bench@example.org", "--name", "Bench", "--team", "main", "--role", "admin"])
        .env_remove("LINKUP_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    add.stdin.take().map(|mut i| i.write_all(b"a long bench password 1\n")).transpose()?;
    anyhow::ensure!(add.wait()?.success(), "could not add the bench's link worker");
    let base = format!("http://127.0.0.1:{}", serve.dashboard);
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
    let cookies = |r: &reqwest::Response| -> String {
        r.headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_string))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let form = client.get(format!("{base}/login")).send().await?;
    let login = cookies(&form);
    let body = form.text().await?;
    let csrf = body.split("name=\"csrf\" value=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default();
    let signed = client
        .post(format!("{base}/login"))
        .header("cookie", &login)
        .form(&[("csrf", csrf), ("email", "bench@example.org"), ("password", "a long bench password 1")])
        .send()
        .await?;
    let session = cookies(&signed);
    anyhow::ensure!(signed.status().as_u16() == 303 && !session.is_empty(), "could not sign in");
    let mut each = Vec::with_capacity(rounds);
    let mut bytes = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        let page = client.get(format!("{base}/")).header("cookie", &session).send().await?;
        anyhow::ensure!(page.status().is_success(), "the queue page answered {}", page.status());
        bytes = page.bytes().await?.len();
        each.push(start.elapsed().as_secs_f64() * 1e3);
    }
    each.sort_by(f64::total_cmp);
    Ok((quantile(&each, 0.5), quantile(&each, 0.99), bytes))
}

/// The SQLite file's size with its WAL (a PostgreSQL database is not measured here: 0).
fn database_bytes(dir: &Path) -> u64 {
    ["bench.db", "bench.db-wal"].iter().filter_map(|f| std::fs::metadata(dir.join(f)).ok()).map(|m| m.len()).sum()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = args()?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let binary = root.join("target/release/linkup");
    anyhow::ensure!(binary.exists(), "build the server first: cargo build --release");
    let dir = std::env::temp_dir().join(format!("linkup-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let database = args.database.clone().unwrap_or_else(|| format!("sqlite://{}/bench.db", dir.display()));
    let (fake, url) = Fake::start().await;
    let mut serve = start_serve(&binary, &dir, &database, &url).await?;
    let expected = Arc::new(calibrate(&fake, 1).await);
    println!("journey: {} messages, {} replies ({:?})", JOURNEY.len(), expected.iter().sum::<usize>(), expected);
    if args.stored > 0 {
        drop(serve);
        let started = Instant::now();
        seed::fill(&database, args.stored).await?;
        println!(
            "stored: {} finished conversations copied in {:.0} s{}",
            args.stored,
            started.elapsed().as_secs_f64(),
            match database_bytes(&dir) {
                0 => String::new(),
                bytes => format!("; database {} MB", bytes / 1_000_000),
            }
        );
        serve = start_serve(&binary, &dir, &database, &url).await?;
        // One journey to warm the caches again, as the calibration did.
        for step in 0..JOURNEY.len() {
            let (log, before) = (fake.chat(2), fake.chat(2).times.lock().expect("not poisoned").len());
            turn(&fake, &log, 2, step, before, expected[step]).await;
        }
    }
    println!("serve: RSS {} MB before the runs", serve.memory_kb("VmRSS:") / 1024);
    let mut next_chat = 1_000_000;
    if let Some(rate) = args.steady {
        let (figures, starved) = steady(&fake, &serve, &expected, next_chat, rate, args.seconds).await;
        next_chat += 1_000_000;
        figures.print(&format!("steady {rate:.0} msg/s offered"));
        if starved > 0 {
            println!("  ({starved} offers found nobody ready: the offered rate was not met)");
        }
    }
    if args.saturated {
        let figures = saturated(&fake, &serve, &expected, next_chat, args.people).await;
        figures.print(&format!("saturated, {} people at once", args.people));
    }
    let (p50, p99, bytes) = queue_page(&serve, &binary, &dir, 200).await?;
    println!("queue page (admin, every team): p50 {p50:.1} ms, p99 {p99:.1} ms over 200 loads ({} kB)", bytes / 1024);
    println!(
        "serve: RSS {} MB now, {} MB at peak{}",
        serve.memory_kb("VmRSS:") / 1024,
        serve.memory_kb("VmHWM:") / 1024,
        match database_bytes(&dir) {
            0 => String::new(),
            bytes => format!("; database {} MB", bytes / 1_000_000),
        }
    );
    drop(serve);
    let log = std::fs::read_to_string(dir.join("serve.log")).unwrap_or_default();
    let (warnings, errors) = (log.matches(" WARN ").count(), log.matches(" ERROR ").count());
    if warnings + errors > 0 {
        println!(
            "serve logged {warnings} warnings and {errors} errors, the first: {}",
            log.lines().next().unwrap_or("")
        );
    }
    if std::env::var_os("LINKUP_LOAD_KEEP").is_some() {
        println!("kept {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

mod seed {
    //! Filling the database with finished conversations, fast: the rows of one real journey
    //! (the calibration's) copied N times in SQL with every id moved on, in the shape retention
    //! leaves them (inbox payloads blanked, only each chat's last buttons message kept in the
    //! outbox). 99 in 100 copies are closed cases; the rest wait in the queue.
    use linkup::store::{Backend, Store};

    /// Ids of copy `k` are the template's plus `k * STRIDE`.
    const STRIDE: i64 = 1000;
    /// Per-person tables, parents first.
    const TABLES: &[&str] = &[
        "people",
        "conversations",
        "cases",
        "checkins",
        "case_scores",
        "checkin_schedules",
        "risk_flags",
        "messages",
        "outbox",
        "case_events",
        "case_suggestions",
        "case_referrals",
        "inbox",
    ];

    fn expression(table: &str, column: &str) -> String {
        let moved = |c: &str| format!("CASE WHEN {c} IS NULL THEN NULL ELSE {c} + n.k * {STRIDE} END");
        let tagged = |c: &str| format!("{c} || '-' || CAST(n.k AS TEXT)");
        let open = "n.k % 100 = 0";
        match (table, column) {
            (_, "id" | "person_id" | "case_id" | "checkin_id") => moved(column),
            ("people", "channel_user") | ("cases", "reference") | ("inbox", "external_id" | "chat") => tagged(column),
            ("outbox", "chat") => tagged(column),
            ("inbox", "payload") => "'{}'".into(),
            ("inbox", "seq") => "NULL".into(),
            ("cases", "status") => format!("CASE WHEN {open} THEN status ELSE 'closed' END"),
            ("cases", "closed_at") => format!("CASE WHEN {open} THEN NULL ELSE updated_at END"),
            ("checkin_schedules", "next_at") => "NULL".into(),
            ("checkin_schedules", "stopped_at") => "started_at".into(),
            _ => column.into(),
        }
    }

    async fn columns(store: &Store, table: &str) -> anyhow::Result<Vec<String>> {
        let sql = match store.backend {
            Backend::Sqlite => format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
            Backend::Postgres => format!(
                "SELECT column_name::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY ordinal_position"
            ),
        };
        Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(&store.reader).await?)
    }

    pub async fn fill(database: &str, count: usize) -> anyhow::Result<()> {
        let store = Store::connect(database).await?;
        let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people").fetch_one(&store.pool).await?;
        let biggest: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM messages").fetch_one(&store.pool).await?;
        anyhow::ensure!(people == 1 && biggest < STRIDE, "the template is one young person's journey");
        // Copies in batches, each its own transaction.
        let mut shapes = Vec::new();
        for table in TABLES {
            shapes.push((table, columns(&store, table).await?));
        }
        let batch = 5000;
        let mut from = 1;
        while from <= count {
            let to = (from + batch - 1).min(count);
            let mut tx = store.pool.begin().await?;
            for (table, cols) in &shapes {
                let list = cols.join(", ");
                let exprs: Vec<String> = cols.iter().map(|c| expression(table, c)).collect();
                let mut filter =
                    format!("t.{} < {STRIDE}", if **table == "conversations" { "person_id" } else { "id" });
                if **table == "outbox" {
                    filter.push_str(
                        " AND t.id = (SELECT MAX(o.id) FROM outbox o WHERE o.chat = t.chat \
                         AND o.kind = 'message_with_buttons' AND o.status = 'sent')",
                    );
                }
                let select = exprs.join(", ");
                let sql = format!(
                    "INSERT INTO {table} ({list}) \
                     WITH RECURSIVE n(k) AS (SELECT {from} UNION ALL SELECT k + 1 FROM n WHERE k < {to}) \
                     SELECT {select} FROM (SELECT * FROM {table} t WHERE {filter}) AS t, n"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| anyhow::anyhow!("{table}: {e}"))?;
            }
            tx.commit().await?;
            from = to + 1;
        }
        if store.backend == Backend::Postgres {
            for table in TABLES.iter().filter(|t| **t != "conversations") {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                )))
                .execute(&store.pool)
                .await?;
            }
            // As autovacuum would soon; SQLite gets no ANALYZE, as linkup never runs one.
            sqlx::query("ANALYZE").execute(&store.pool).await?;
        } else {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&store.pool).await?;
        }
        store.close().await;
        Ok(())
    }
}

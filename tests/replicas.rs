//! Several replicas, proven: three `linkup serve` processes (the real binary) on one PostgreSQL
//! database in webhook mode, the fake Bot API posting updates to them in turn and posting again
//! what was not taken, one replica killed -9 mid-run and restarted on the same ports. Then: every
//! update stored and handled once, each chat's replies in the order of its transcript, every
//! journey's case in the queue, each due reminder sent once, and a case claimed through two
//! replicas' dashboards at once taken by exactly one worker. Prints the figures
//! docs/performance.md records.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use linkup::dashboard::auth;
use linkup::store::workers::{self, Role};
use linkup::store::{Store, cases};
use linkup::time::now_ms;
use serde_json::Value;

use crate::dashboard::{Browser, PASSWORD};
use crate::fake_telegram::{FakeTelegram, Faults, TOKEN};
use crate::support::{TestDb, fresh_db};
use crate::telegram::{at_most_one_duplicate, count, journey_16, journey_under_16, sent_and_transcribed, settled};

const REPLICAS: usize = 3;
/// Young people, half 16–18 who say yes to check-ins (24 updates each), half 13–15 who say no
/// (19 each).
const PEOPLE: i64 = 80;
const FIRST_CHAT: i64 = 190_000;
const SECRET: &str = "replicas-webhook-secret";
const REMINDER: &str = "Hi, it's linkup. Have you got a minute for a quick check-in?";
/// The victim: killed once this share of the updates is delivered.
const VICTIM: usize = 1;
const KILL_AT: f64 = 0.4;

/// One `linkup serve` process, its ports and its log; killed (-9) if still running when dropped,
/// so a failing test leaves no process behind.
struct Replica {
    name: String,
    config: PathBuf,
    log: PathBuf,
    webhook: u16,
    dashboard: u16,
    child: Option<Child>,
}

impl Replica {
    fn new(dir: &Path, db: &TestDb, index: usize) -> Replica {
        let (webhook, dashboard) = (free_port(), free_port());
        let name = format!("linkup-replica-{index}");
        let config = dir.join(format!("{name}.toml"));
        // application_name tells the replica's connections apart in pg_stat_activity. No quiet
        // hours, so a reminder goes whatever the time of day the test runs.
        std::fs::write(
            &config,
            format!(
                "database_url = \"{}?application_name={name}\"\nshutdown_grace_seconds = 5\n\
                 [telegram]\nmode = \"webhook\"\nwebhook_listen = \"127.0.0.1:{webhook}\"\n\
                 webhook_secret = \"{SECRET}\"\nper_chat_interval_ms = 5\nglobal_per_second = 100000\nlease_ms = 1500\n\
                 [dashboard]\nlisten = \"127.0.0.1:{dashboard}\"\n\
                 [checkins]\nquiet_from = \"00:00\"\nquiet_until = \"00:00\"\n",
                db.url
            ),
        )
        .unwrap();
        let log = dir.join(format!("{name}.log"));
        Replica { name, config, log, webhook, dashboard, child: None }
    }

    fn start(&mut self, fake: &FakeTelegram) {
        let log = std::fs::OpenOptions::new().create(true).append(true).open(&self.log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_linkup"))
            .args(["--config", self.config.to_str().unwrap(), "serve"])
            .current_dir(crate::support::root())
            .env("TELOXIDE_TOKEN", TOKEN)
            .env("TELOXIDE_API_URL", &fake.url)
            .env("RUST_LOG", "info")
            .env_remove("LINKUP_DATABASE_URL")
            .env_remove("LINKUP_FAILPOINT")
            .env_remove("LINKUP_TELEGRAM_MODE")
            .env_remove("LINKUP_WEBHOOK_SECRET")
            .env_remove("LINKUP_WEBHOOK_LISTEN")
            .env_remove("LINKUP_DASHBOARD_LISTEN")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("linkup serve");
        self.child = Some(child);
    }

    fn webhook_url(&self) -> String {
        format!("http://127.0.0.1:{}{}", self.webhook, linkup::channel::telegram::webhook::PATH)
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.dashboard)
    }

    /// SIGKILL: no chance to finish anything.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    /// SIGTERM, as a service manager stops it; the exit status.
    async fn stop(&mut self) -> std::process::ExitStatus {
        let mut child = self.child.take().expect("running");
        Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "{} did not stop after SIGTERM", self.name);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The end of its log, for a failure message.
    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(15)..].join("\n")
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.kill();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Waits until the replica's `/readyz` answers 200 and its webhook port takes connections; how
/// long that took.
async fn ready(replica: &Replica, since: Instant) -> (Duration, Duration) {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().unwrap();
    let deadline = since + Duration::from_secs(60);
    let (mut readyz, mut webhook) = (None, None);
    while readyz.is_none() || webhook.is_none() {
        assert!(Instant::now() < deadline, "{} not ready in 60 s:\n{}", replica.name, replica.log_tail());
        if readyz.is_none()
            && let Ok(r) = client.get(format!("{}/readyz", replica.base())).send().await
            && r.status() == 200
        {
            readyz = Some(since.elapsed());
        }
        if webhook.is_none() && tokio::net::TcpStream::connect(("127.0.0.1", replica.webhook)).await.is_ok() {
            webhook = Some(since.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    (readyz.unwrap(), webhook.unwrap())
}

/// Whether `chat` is one of the 16–18s who said yes to check-ins.
fn checks_in(chat: i64) -> bool {
    (chat - FIRST_CHAT) % 2 == 0
}

/// Every young person's journey, interleaved step by step as they would arrive together.
fn interleaved() -> Vec<Value> {
    let journeys: Vec<Vec<Value>> = (FIRST_CHAT..FIRST_CHAT + PEOPLE)
        .map(|chat| if checks_in(chat) { journey_16(chat) } else { journey_under_16(chat) })
        .collect();
    let longest = journeys.iter().map(Vec::len).max().unwrap_or(0);
    (0..longest).flat_map(|step| journeys.iter().filter_map(move |j| j.get(step).cloned())).collect()
}

/// Outbox rows being sent right now, by id.
async fn sending(store: &Store) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT id, chat FROM outbox WHERE status = 'sending' ORDER BY id")
        .fetch_all(&store.pool)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "heavy: 3 linkup serve processes on PostgreSQL with one killed -9; run with cargo test -- --ignored (README)"]
async fn three_replicas_one_killed_keep_order_and_do_everything_once() {
    if std::env::var("LINKUP_TEST_POSTGRES").map_or(true, |v| v.is_empty()) {
        println!("skipped: set LINKUP_TEST_POSTGRES (an admin URL) to run three replicas on PostgreSQL");
        return;
    }
    let fake = FakeTelegram::start().await;
    // Sends take a moment, as over the internet, so the victim dies with some in hand.
    fake.set_faults(Faults { slow: Duration::from_millis(30), ..Faults::default() });
    let db = fresh_db("postgres").await;
    let dir = tempfile::tempdir().unwrap();
    let mut replicas: Vec<Replica> = (0..REPLICAS).map(|i| Replica::new(dir.path(), &db, i)).collect();

    // All three at once on the empty database: they migrate it together.
    let booting = Instant::now();
    for r in &mut replicas {
        r.start(&fake);
    }
    let mut boot = Duration::ZERO;
    for r in &replicas {
        boot = boot.max(ready(r, booting).await.0);
    }
    let store = Store::connect(&db.url).await.unwrap();

    let updates = interleaved();
    let total = updates.len();
    for u in updates {
        fake.push(u);
    }
    let started = Instant::now();
    let webhooks = fake.post_webhooks(replicas.iter().map(Replica::webhook_url).collect(), SECRET);

    // Mid-run, kill -9 one replica.
    let kill_at = (total as f64 * KILL_AT) as u64;
    assert!(
        crate::fake_telegram::until(Duration::from_secs(300), || webhooks.stats().delivered >= kill_at).await,
        "{} of {total} delivered: {:?}",
        webhooks.stats().delivered,
        webhooks.stats()
    );
    let open_transactions: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = $1 AND xact_start IS NOT NULL",
    )
    .bind(&replicas[VICTIM].name)
    .fetch_one(&store.pool)
    .await
    .unwrap();
    let sending_at_kill = sending(&store).await;
    let posting_at_kill = webhooks.stats().posting;
    replicas[VICTIM].kill();
    let killed = Instant::now();
    let taken_by_victim = webhooks.stats().taken[VICTIM];
    // What the others were sending is done in milliseconds; what is still being sent a moment
    // on is the victim's, held until its lease runs out.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let held: Vec<(i64, String)> =
        sending(&store).await.into_iter().filter(|row| sending_at_kill.contains(row)).collect();
    let post_in_flight = posting_at_kill.is_some_and(|(to, _)| to == VICTIM);

    tokio::time::sleep(Duration::from_millis(700)).await;
    let restarting = Instant::now();
    replicas[VICTIM].start(&fake);
    let (restart_ready, restart_webhook) = ready(&replicas[VICTIM], restarting).await;
    let down = restarting.duration_since(killed);

    let done = settled(&store, &fake, Duration::from_secs(600)).await;
    let settle = started.elapsed();
    let stats = webhooks.stats();
    assert!(
        done,
        "not settled: {stats:?}\n{}",
        replicas.iter().map(|r| format!("{}:\n{}", r.name, r.log_tail())).collect::<Vec<_>>().join("\n")
    );
    let sends = fake.sent().iter().filter(|s| s.method == "sendmessage").count();

    // Every update stored once and handled once.
    assert_eq!(stats.delivered as usize, total, "{stats:?}");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM inbox").await as usize, total, "each update stored once");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL").await, 0);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM inbox WHERE last_error IS NOT NULL").await, 0, "no update failed");
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM messages WHERE direction = 'in'").await as usize,
        total,
        "each update in the transcript once"
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM outbox WHERE status <> 'sent'").await, 0, "all delivered");
    // Each chat's updates were stored in the order they were posted, and handled in that order.
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM inbox a JOIN inbox b ON b.channel = a.channel AND b.chat = a.chat AND b.id > a.id
             WHERE b.seq < a.seq OR b.processed_at < a.processed_at"
        )
        .await,
        0,
        "per-chat order in the inbox"
    );
    assert_eq!(cases::queue(&store.pool).await.unwrap().len() as i64, PEOPLE, "every journey reached the queue");

    // Each chat got its transcript's replies in order; a reply the victim had handed to
    // Telegram but not yet marked sent goes again after its lease (no Bot API call can be
    // made idempotent): at most once, and only in a chat the victim was sending to.
    let held_chats: Vec<&str> = held.iter().map(|(_, chat)| chat.as_str()).collect();
    let mut repeated = Vec::new();
    for chat in FIRST_CHAT..FIRST_CHAT + PEOPLE {
        let (sent, transcribed) = sent_and_transcribed(&store, &fake, chat).await;
        if sent != transcribed {
            assert!(
                held_chats.contains(&chat.to_string().as_str()) && at_most_one_duplicate(&sent, &transcribed),
                "chat {chat}: sent {sent:#?}\ntranscribed {transcribed:#?}\nheld by the victim: {held:?}"
            );
            repeated.push(chat);
        }
    }

    // Reminders: every schedule due now; each replica looks every minute, so within a minute
    // and a bit each of the three has looked at least once.
    let schedules = count(&store, "SELECT COUNT(*) FROM checkin_schedules").await;
    assert_eq!(schedules, PEOPLE / 2, "the 16–18s said yes to check-ins");
    sqlx::query("UPDATE checkin_schedules SET next_at = $1").bind(now_ms() - 1000).execute(&store.pool).await.unwrap();
    let due_since = Instant::now();
    let reminders = || fake.sent().iter().filter(|s| s.text.as_deref() == Some(REMINDER)).count() as i64;
    assert!(
        crate::fake_telegram::until(Duration::from_secs(75), || reminders() >= schedules).await,
        "{} of {schedules} reminders",
        reminders()
    );
    let reminders_in = due_since.elapsed();
    tokio::time::sleep(Duration::from_secs(62).saturating_sub(due_since.elapsed())).await;
    assert!(settled(&store, &fake, Duration::from_secs(30)).await);
    for chat in FIRST_CHAT..FIRST_CHAT + PEOPLE {
        let got = fake.sent_to(chat).iter().filter(|s| s.text.as_deref() == Some(REMINDER)).count();
        assert_eq!(got, usize::from(checks_in(chat)), "chat {chat}: reminders");
    }
    assert_eq!(
        count(&store, "SELECT CAST(COALESCE(SUM(reminders_sent), 0) AS BIGINT) FROM checkin_schedules").await,
        schedules,
        "each schedule counted one reminder"
    );

    // Claims: two workers, signed in on two different replicas, claim the same case at once.
    let hash = auth::hash_password(PASSWORD).unwrap();
    let ids = [
        workers::upsert(&store.pool, "one@example.org", "Una One", "main", Role::Worker, &hash, now_ms())
            .await
            .unwrap(),
        workers::upsert(&store.pool, "two@example.org", "Tod Two", "main", Role::Worker, &hash, now_ms())
            .await
            .unwrap(),
    ];
    let (mut one, c1) = Browser::signed_in(&replicas[VICTIM].base(), "one@example.org").await;
    let (mut two, c2) = Browser::signed_in(&replicas[(VICTIM + 1) % REPLICAS].base(), "two@example.org").await;
    let references: Vec<String> = cases::queue(&store.pool).await.unwrap().into_iter().map(|c| c.reference).collect();
    let mut wins = [0; 2];
    for reference in references.iter().take(20) {
        let path = format!("/cases/{reference}/claim");
        let (f1, f2) = ([("csrf", c1.as_str())], [("csrf", c2.as_str())]);
        let (a, b) = tokio::join!(one.post(&path, &f1), two.post(&path, &f2));
        let mut saids: Vec<&str> = [&a, &b].iter().map(|p| p.location.rsplit('=').next().unwrap()).collect();
        saids.sort_unstable();
        assert_eq!(saids, ["claimed", "taken"], "{reference}: one wins, the other is told");
        let winner = usize::from(!a.location.ends_with("claimed"));
        let holder = cases::by_reference(&store.pool, reference).await.unwrap().unwrap().claimed_by;
        assert_eq!(holder, Some(ids[winner]), "{reference}");
        wins[winner] += 1;
    }

    // SIGTERM: each stops cleanly.
    let stopping = Instant::now();
    for r in &mut replicas {
        let status = r.stop().await;
        assert!(status.success(), "{} exited with {status}:\n{}", r.name, r.log_tail());
    }
    let stopped = stopping.elapsed();

    let secs = settle.as_secs_f64();
    println!("three replicas, one killed -9 (debug build):");
    println!("  {PEOPLE} young people, {total} updates, {sends} messages sent");
    println!(
        "  webhook posts: {} delivered, {} retried (failed per replica {:?}); taken per replica {:?}",
        stats.delivered, stats.retries, stats.failed, stats.taken
    );
    println!("  all three ready (migrated together) in {boot:.2?}");
    println!("  settled in {settle:.1?}: {:.0} updates/s, {:.0} messages/s", total as f64 / secs, sends as f64 / secs);
    println!(
        "  killed replica {VICTIM} after {taken_by_victim} updates taken; in flight at the kill: \
         webhook post {post_in_flight}, {open_transactions} open transactions, {} outbox messages held; \
         repeated after the restart in chats {repeated:?}",
        held.len()
    );
    println!(
        "  down {down:.2?}; restarted: /readyz 200 in {restart_ready:.2?}, webhook listening in {restart_webhook:.2?}"
    );
    println!("  {schedules} reminders due, all sent within {reminders_in:.1?}, each once after 62 s");
    println!("  20 cases claimed at once through two replicas: one winner each (wins {wins:?})");
    println!("  stopped by SIGTERM in {stopped:.2?}");
}

//! The Telegram channel through the real teloxide client against a fake Bot API server:
//! journeys with buttons, media, deep links, blocking, webhooks, many young people at once
//! with faults, and crash-and-restart guarantees.

use std::time::Duration;

use linkup::app::App;
use linkup::channel::telegram::{self, webhook};
use linkup::config::{Config, ReferralCode};
use linkup::conversation::Linkup;
use linkup::store::inbox::Received;
use linkup::store::{Store, cases};
use serde_json::Value;
use tokio::sync::watch;

use crate::fake_telegram::{self as fake, FakeTelegram, Faults, TOKEN};
use crate::support::{TestDb, backends, fresh_db};

/// A bot running in-process against `fake`.
pub struct RunningBot {
    pub store: Store,
    pub linkup: Linkup,
    pub stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
    _db: TestDb,
}

fn test_config(db: &TestDb, fake: &FakeTelegram) -> Config {
    let mut config = Config { database_url: db.url.clone(), ..Config::default() };
    config.telegram.api_url = Some(fake.url.clone());
    config.telegram.poll_timeout_s = 1;
    // Fast pacing for tests; the pacing itself has its own test.
    config.telegram.per_chat_interval_ms = 5;
    config.telegram.global_per_second = 100_000;
    config
}

/// A bot with the test settings, for other test modules.
pub async fn start_bot(backend: &str, fake: &FakeTelegram) -> RunningBot {
    start(backend, fake, |_| {}).await
}

/// Every pushed update handled and nothing waiting to be sent.
pub async fn settled_for(bot: &RunningBot, fake: &FakeTelegram, limit: Duration) -> bool {
    settled(&bot.store, fake, limit).await
}

async fn start(backend: &str, fake: &FakeTelegram, tweak: impl FnOnce(&mut Config)) -> RunningBot {
    let db = fresh_db(backend).await;
    let mut config = test_config(&db, fake);
    tweak(&mut config);
    let app = App::build(config).await.unwrap();
    let pipe = telegram::pipe(TOKEN, app.linkup.clone()).unwrap();
    let (stop, shutdown) = watch::channel(false);
    let task = tokio::spawn(telegram::run(pipe, shutdown));
    RunningBot { store: app.store, linkup: app.linkup, stop, task, _db: db }
}

impl RunningBot {
    async fn stop(self) -> Store {
        let _ = self.stop.send(true);
        tokio::time::timeout(Duration::from_secs(20), self.task).await.expect("stops in time").unwrap().unwrap();
        self.store
    }
}

pub(crate) async fn count(store: &Store, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_string())).fetch_one(&store.pool).await.unwrap()
}

/// Waits until every pushed update is processed and nothing is waiting to be sent.
pub(crate) async fn settled(store: &Store, fake: &FakeTelegram, limit: Duration) -> bool {
    let deadline = std::time::Instant::now() + limit;
    while std::time::Instant::now() < deadline {
        let stored = count(store, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL").await;
        let waiting = count(store, "SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')").await;
        if stored as usize >= fake.updates_pushed() && waiting == 0 {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// The 16+ journey as a young person would send it: taps and typing.
pub(crate) fn journey_16(chat: i64) -> Vec<Value> {
    let p = |d: &str| fake::press(chat, d, 0);
    let t = |s: &str| fake::text(chat, s);
    vec![
        t("/start"),
        p("welcome|yes"),
        p("age|16-18"),
        t("Sam"),
        t("M14"),
        p("topics|school"),
        p("topics|family"),
        p("topics|#done"),
        t("I want to make friends"),
        p("interests|music"),
        p("interests|#done"),
        p("ons-life|6"),
        p("ons-worthwhile|7"),
        p("ons-happy|5"),
        p("ons-anxious|3"),
        p("safety-screen-older|no"),
        p("help|talk"),
        p("help|#done"),
        p("contact-method|phone"),
        t("07700 900123"),
        p("contact-times|evenings"),
        p("contact-times|#done"),
        p("checkins|yes"),
        p("summary|yes"),
    ]
}

pub(crate) fn journey_under_16(chat: i64) -> Vec<Value> {
    let p = |d: &str| fake::press(chat, d, 0);
    let t = |s: &str| fake::text(chat, s);
    vec![
        t("hi"),
        p("welcome|yes"),
        p("age|13-15"),
        p("name|#skip"),
        t("Oak Hill Academy"),
        p("topics|friends"),
        p("topics|#done"),
        t("people at school leave me out"),
        p("interests|#done"),
        p("young-life|4"),
        p("young-happy|3"),
        p("safety-screen-younger|no"),
        p("help|activities"),
        p("help|#done"),
        p("contact-method|chat"),
        p("contact-times|mornings"),
        p("contact-times|#done"),
        p("checkins|no"),
        p("summary|yes"),
    ]
}

/// The bot's messages to `chat` in the order Telegram got them, and the transcript's.
pub(crate) async fn sent_and_transcribed(store: &Store, fake: &FakeTelegram, chat: i64) -> (Vec<String>, Vec<String>) {
    let sent: Vec<String> =
        fake.sent_to(chat).into_iter().filter(|s| s.method == "sendmessage").filter_map(|s| s.text).collect();
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.body, m.meta FROM messages m JOIN people p ON p.id = m.person_id
         WHERE p.channel = 'telegram' AND p.channel_user = $1 AND m.direction = 'out' ORDER BY m.id",
    )
    .bind(chat.to_string())
    .fetch_all(&store.pool)
    .await
    .unwrap();
    let transcribed =
        rows.into_iter().filter(|(_, meta)| !meta.contains("\"update_previous\":true")).map(|(body, _)| body).collect();
    (sent, transcribed)
}

#[tokio::test]
async fn journeys_with_buttons_through_teloxide() {
    for backend in backends() {
        let fake = FakeTelegram::start().await;
        for u in journey_16(1001).into_iter().chain(journey_under_16(1002)) {
            fake.push(u);
        }
        let bot = start(backend, &fake, |_| {}).await;
        assert!(settled(&bot.store, &fake, Duration::from_secs(60)).await, "{backend}: everything handled and sent");

        // The menu was set, and every press was answered so the phone stops spinning.
        let commands = fake.calls("setmycommands");
        // From the one command list, in the locale's words.
        let english = commands.iter().find(|c| c.get("language_code").is_none()).expect("the default menu");
        let menu = english["commands"].as_array().unwrap();
        assert_eq!(menu.len(), 7);
        assert_eq!(menu[2]["command"], "checkin");
        assert_eq!(menu[2]["description"], "A quick wellbeing check-in");
        let presses = journey_16(1001)
            .iter()
            .chain(journey_under_16(1002).iter())
            .filter(|u| u.get("callback_query").is_some())
            .count();
        assert_eq!(fake.calls("answercallbackquery").len(), presses, "{backend}");

        // What the young person saw, in order, is what the transcript says.
        for chat in [1001, 1002] {
            let (sent, transcribed) = sent_and_transcribed(&bot.store, &fake, chat).await;
            assert_eq!(sent, transcribed, "{backend}: chat {chat} in order");
            assert!(sent[0].starts_with("Hi! 👋"), "{}", sent[0]);
            assert!(sent.iter().any(|s| s.contains("A link worker will get in touch")), "{sent:?}");
            // Activities were asked for with an empty directory: a kind word, last.
            if chat == 1002 {
                assert_eq!(sent.last().unwrap(), "Your link worker will help you find activities near you.");
            }
        }
        let welcome = fake.sent_to(1001).into_iter().find(|s| !s.buttons.is_empty()).unwrap();
        assert_eq!(
            welcome.buttons,
            [("Yes, let's go".to_string(), "welcome|yes".to_string()), ("Not now".into(), "welcome|no".into())]
        );
        // Ticks redraw the buttons in place.
        let edits: Vec<_> = fake.sent_to(1001).into_iter().filter(|s| s.method == "editmessagereplymarkup").collect();
        assert!(edits.iter().any(|e| e.buttons.iter().any(|(label, _)| label == "✓ School or college")), "{edits:?}");
        let topics_message = fake
            .sent_to(1001)
            .into_iter()
            .find(|s| s.text.as_deref().is_some_and(|t| t.starts_with("What's on your mind")))
            .unwrap();
        assert!(edits.iter().all(|e| e.message_id >= topics_message.message_id));

        // The cases.
        assert_eq!(cases::queue(&bot.store.pool).await.unwrap().len(), 2, "{backend}");
        let store = bot.stop().await;
        for (chat, age, phone) in [(1001, "16-18", Some("07700900123")), (1002, "13-15", None)] {
            let reference: String = sqlx::query_scalar(
                "SELECT c.reference FROM cases c JOIN people p ON p.id = c.person_id WHERE p.channel_user = $1",
            )
            .bind(chat.to_string())
            .fetch_one(&store.pool)
            .await
            .unwrap();
            let case = cases::by_reference(&store.pool, &reference).await.unwrap().unwrap();
            assert_eq!((case.age_band.as_deref(), case.phone.as_deref()), (Some(age), phone), "{backend}: chat {chat}");
            assert!(case.consent_at.is_some());
        }
    }
}

#[tokio::test]
async fn media_edits_deep_links_and_menu_commands() {
    let fake = FakeTelegram::start().await;
    fake.push(fake::text(2001, "/start oak-hill"));
    fake.push(fake::sticker(2001));
    fake.push(fake::text(2001, "/mydata"));
    fake.push(fake::text(2001, "/language"));
    fake.push(fake::text(2002, "/start nosuchcode"));
    fake.push(fake::edited(2002, "actually i want to kill myself"));
    let bot = start("sqlite", &fake, |c| {
        c.referral_codes =
            vec![ReferralCode { code: "oak-hill".into(), name: "Oak Hill Academy".into(), team: Some("north".into()) }];
    })
    .await;
    assert!(settled(&bot.store, &fake, Duration::from_secs(60)).await);
    let texts: Vec<String> = fake.sent_to(2001).into_iter().filter_map(|s| s.text).collect();
    assert!(
        texts.iter().any(|t| t == "Sorry, I can only read text and buttons. Can you type it instead?"),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t == "Which language would you like me to use?"), "{texts:?}");
    // /mydata: a summary, then the file as a document holding this chat's own words.
    assert!(texts.iter().any(|t| t.starts_with("So far I only have our chat")), "{texts:?}");
    let file = fake
        .sent_to(2001)
        .into_iter()
        .find_map(|s| s.file)
        .unwrap_or_else(|| panic!("no document: {:?}", fake.calls("senddocument")));
    assert!(file.0.starts_with("linkup-my-data-") && file.0.ends_with(".json"), "{file:?}");
    let data: serde_json::Value = serde_json::from_str(&file.1).expect("the file is JSON");
    let bodies: Vec<&str> =
        data["data"]["messages"].as_array().unwrap().iter().filter_map(|m| m["body"].as_str()).collect();
    assert!(bodies.contains(&"[sticker]") && bodies.contains(&"/mydata"), "{bodies:?}");
    assert!(!file.1.contains("kill myself"), "another young person's words are not in the file");
    let sources: Vec<(String, String)> =
        sqlx::query_as("SELECT channel_user, source FROM people ORDER BY channel_user")
            .fetch_all(&bot.store.pool)
            .await
            .unwrap();
    assert_eq!(
        sources,
        [("2001".into(), "Oak Hill Academy".into()), ("2002".into(), "unknown code: nosuchcode".into())]
    );
    let kinds: Vec<(String, String)> =
        sqlx::query_as("SELECT kind, body FROM messages WHERE direction = 'in' ORDER BY id")
            .fetch_all(&bot.store.pool)
            .await
            .unwrap();
    assert!(kinds.contains(&("media".into(), "[sticker]".into())), "{kinds:?}");
    assert!(kinds.contains(&("edited".into(), "actually i want to kill myself".into())), "{kinds:?}");
    // An edited message is safety-checked too.
    let texts: Vec<String> = fake.sent_to(2002).into_iter().filter_map(|s| s.text).collect();
    assert!(texts.iter().any(|t| t.starts_with("Thank you for telling me. I'm really glad you did.")), "{texts:?}");
    assert_eq!(cases::queue(&bot.store.pool).await.unwrap()[0].urgent, 1);
    bot.stop().await;
}

#[tokio::test]
async fn a_blocked_bot_marks_the_young_person_unreachable_until_they_write_again() {
    let fake = FakeTelegram::start().await;
    let bot = start("sqlite", &fake, |_| {}).await;
    for u in journey_16(3001) {
        fake.push(u);
    }
    assert!(settled(&bot.store, &fake, Duration::from_secs(30)).await);
    // They block the bot: Telegram tells us, and sends to them fail with 403.
    fake.push(fake::blocked(3001));
    assert!(settled(&bot.store, &fake, Duration::from_secs(10)).await);
    assert_eq!(cases::queue(&bot.store.pool).await.unwrap()[0].unreachable, 1);
    // A reply queued meanwhile (here: a 403 on send) is held, not retried forever.
    fake.set_faults(Faults { blocked: [3002].into(), ..Faults::default() });
    fake.push(fake::text(3002, "hello"));
    assert!(settled(&bot.store, &fake, Duration::from_secs(10)).await);
    assert_eq!(count(&bot.store, "SELECT unreachable FROM people WHERE channel_user = '3002'").await, 1);
    assert!(count(&bot.store, "SELECT COUNT(*) FROM outbox WHERE chat = '3002' AND status = 'unreachable'").await > 0);
    assert!(fake.sent_to(3002).is_empty());
    // Writing again makes them reachable.
    fake.set_faults(Faults::default());
    fake.push(fake::text(3001, "hi again"));
    assert!(settled(&bot.store, &fake, Duration::from_secs(10)).await);
    assert_eq!(cases::queue(&bot.store.pool).await.unwrap()[0].unreachable, 0);
    bot.stop().await;
}

#[tokio::test]
async fn webhook_needs_the_secret_and_handles_a_repeat_once() {
    let fake = FakeTelegram::start().await;
    let db = fresh_db("sqlite").await;
    let mut config = test_config(&db, &fake);
    config.telegram.mode = telegram::Mode::Webhook;
    config.telegram.webhook_secret = Some("s3cret-token".into());
    let app = App::build(config).await.unwrap();
    let store = app.store.clone();
    let pipe = telegram::pipe(TOKEN, app.linkup).unwrap();
    let (stop, shutdown) = watch::channel(false);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}{}", listener.local_addr().unwrap(), webhook::PATH);
    let server = tokio::spawn(webhook::serve(listener, pipe.clone(), shutdown.clone()));
    let processor = tokio::spawn(linkup::channel::process::run(pipe.clone(), shutdown.clone()));
    let sender = tokio::spawn(linkup::channel::send::run(pipe.clone(), shutdown.clone()));

    let mut update = fake::text(4001, "/start");
    update["update_id"] = serde_json::json!(77);
    let post = |secret: Option<&str>| {
        let mut request = reqwest_client().post(&url).json(&update);
        if let Some(s) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", s);
        }
        request.send()
    };
    assert_eq!(post(None).await.unwrap().status(), 401);
    assert_eq!(post(Some("wrong")).await.unwrap().status(), 401);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM inbox").await, 0, "nothing stored without the secret");
    assert_eq!(post(Some("s3cret-token")).await.unwrap().status(), 200);
    assert_eq!(post(Some("s3cret-token")).await.unwrap().status(), 200, "Telegram's retry is answered 200 too");
    let delivered = fake::until(Duration::from_secs(10), || fake.sent_to(4001).len() >= 4).await;
    let states: Vec<(String, String)> =
        sqlx::query_as("SELECT status, COALESCE(last_error, '') FROM outbox").fetch_all(&store.pool).await.unwrap();
    let inbox: Vec<(i64, Option<i64>, Option<String>)> =
        sqlx::query_as("SELECT CAST(external_id AS BIGINT), processed_at, last_error FROM inbox")
            .fetch_all(&store.pool)
            .await
            .unwrap();
    assert!(delivered, "outbox {states:?} inbox {inbox:?} sent {:?}", fake.sent());
    // One row for the update, and it is processed: there is nothing left to process twice.
    assert_eq!(count(&store, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL").await, 1);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM inbox").await, 1, "the retry is not stored again");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM messages WHERE direction = 'in'").await, 1, "processed once");
    assert_eq!(fake.sent_to(4001).len(), 4, "one welcome, not two");
    let _ = stop.send(true);
    for task in [server, processor, sender] {
        task.await.unwrap().unwrap();
    }
}

fn reqwest_client() -> reqwest::Client {
    reqwest::Client::new()
}

/// Heavy (minutes in a debug build): not in every CI run. `cargo test -- --ignored` runs it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "heavy: run with `cargo test -- --ignored` (README)"]
async fn a_thousand_young_people_at_once_with_server_errors_and_rate_limits() {
    let fake = FakeTelegram::start().await;
    let people: i64 = 1000;
    for chat in 0..people {
        for u in journey_16(100_000 + chat) {
            fake.push(u);
        }
    }
    // 10% of sends fail with 500; every 400th is refused with 429 retry_after 1.
    fake.set_faults(Faults { server_errors: 0.10, too_many_every: Some((400, 1)), ..Faults::default() });
    let started = std::time::Instant::now();
    let bot = start("sqlite", &fake, |c| {
        c.telegram.max_in_flight = 1000;
    })
    .await;
    assert!(settled(&bot.store, &fake, Duration::from_secs(900)).await, "all handled and delivered");
    let elapsed = started.elapsed();
    let updates = fake.updates_pushed() as i64;
    println!("{people} young people, {updates} updates, {} deliveries in {elapsed:.1?}", fake.sent().len());
    assert_eq!(count(&bot.store, "SELECT COUNT(*) FROM inbox").await, updates, "every update stored once");
    assert_eq!(
        count(&bot.store, "SELECT COUNT(*) FROM messages WHERE direction = 'in'").await,
        updates,
        "and handled once"
    );
    assert_eq!(
        count(&bot.store, "SELECT COUNT(*) FROM outbox WHERE status <> 'sent'").await,
        0,
        "everything delivered"
    );
    assert_eq!(cases::queue(&bot.store.pool).await.unwrap().len() as i64, people);
    for chat in [100_000, 100_000 + people / 2, 100_000 + people - 1] {
        let (sent, transcribed) = sent_and_transcribed(&bot.store, &fake, chat).await;
        assert_eq!(sent, transcribed, "chat {chat}: delivered in order, none twice");
    }
    // Every chat, not only a sample: order per chat.
    let mut bad = 0;
    for chat in 100_000..100_000 + people {
        let (sent, transcribed) = sent_and_transcribed(&bot.store, &fake, chat).await;
        bad += usize::from(sent != transcribed);
    }
    assert_eq!(bad, 0, "chats out of order");
    bot.stop().await;
}

/// A chat's replies are taken together and sent one after another; one that fails stops the
/// rest, which wait behind it and go in order once it is through.
#[tokio::test]
async fn a_failed_send_holds_the_rest_of_its_chat_behind_it() {
    for backend in backends() {
        let fake = FakeTelegram::start().await;
        let chats: Vec<i64> = (0..4).map(|n| 7100 + n).collect();
        for &chat in &chats {
            // The welcome is four messages at once; then the age question, then the name's.
            for u in journey_16(chat).into_iter().take(3) {
                fake.push(u);
            }
        }
        // Every fourth send is refused for a second (a 5xx costs teloxide 10 s before it gives up).
        fake.set_faults(Faults { too_many_every: Some((4, 1)), ..Faults::default() });
        let bot = start(backend, &fake, |c| c.telegram.per_chat_interval_ms = 0).await;
        assert!(settled(&bot.store, &fake, Duration::from_secs(120)).await, "{backend}: all delivered");
        let failed = fake.calls("sendMessage").len() - fake.sent().iter().filter(|s| s.method == "sendmessage").count();
        assert!(failed >= 3, "{backend}: the faults happened ({failed})");
        for &chat in &chats {
            let (sent, transcribed) = sent_and_transcribed(&bot.store, &fake, chat).await;
            assert!(transcribed.len() >= 6, "{backend}: chat {chat}: {transcribed:?}");
            assert_eq!(sent, transcribed, "{backend}: chat {chat}: in order, each once");
        }
        bot.stop().await;
    }
}

#[tokio::test]
async fn sends_are_paced_per_chat() {
    let fake = FakeTelegram::start().await;
    for u in journey_16(6001).into_iter().take(3) {
        fake.push(u);
    }
    let bot = start("sqlite", &fake, |c| c.telegram.per_chat_interval_ms = 400).await;
    assert!(settled(&bot.store, &fake, Duration::from_secs(30)).await);
    let sends: Vec<std::time::Instant> = fake.sent_to(6001).into_iter().map(|s| s.at).collect();
    assert!(sends.len() >= 6, "{}", sends.len());
    // A burst of three, then no faster than one per interval (a lower bound: slowness only
    // widens the gaps).
    for pair in sends[3..].windows(2) {
        assert!(pair[1] - pair[0] >= Duration::from_millis(350), "{:?}", pair[1] - pair[0]);
    }
    bot.stop().await;
}

/// Runs `linkup serve` against `fake`, crashing at `failpoint` if given.
fn serve(fake: &FakeTelegram, config: &std::path::Path, failpoint: Option<&str>) -> std::process::Child {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"));
    command
        .args(["--config", config.to_str().unwrap(), "serve"])
        .current_dir(crate::support::root())
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", &fake.url)
        .env_remove("LINKUP_DATABASE_URL")
        .env_remove("LINKUP_FAILPOINT")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Some(point) = failpoint {
        command.env("LINKUP_FAILPOINT", point);
    }
    command.spawn().expect("linkup serve")
}

fn crash_config(dir: &tempfile::TempDir, db: &TestDb) -> std::path::PathBuf {
    let path = dir.path().join("linkup.toml");
    std::fs::write(
        &path,
        format!(
            "database_url = {:?}\n[telegram]\npoll_timeout_s = 1\nper_chat_interval_ms = 5\nglobal_per_second = 100000\nlease_ms = 1500\n",
            db.url
        ),
    )
    .unwrap();
    path
}

async fn exits(child: &mut std::process::Child, limit: Duration) -> std::process::ExitStatus {
    let deadline = std::time::Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(std::time::Instant::now() < deadline, "did not stop in {limit:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Delivered exactly as transcribed, or with one message sent twice (a crash between sending
/// and marking sent).
pub(crate) fn at_most_one_duplicate(sent: &[String], transcribed: &[String]) -> bool {
    if sent == transcribed {
        return true;
    }
    (1..sent.len()).any(|i| sent[i] == sent[i - 1] && [&sent[..i], &sent[i + 1..]].concat() == transcribed)
}

#[tokio::test]
async fn crash_and_restart_lose_nothing_and_repeat_nothing() {
    for point in ["after-store", "after-commit", "after-send"] {
        let fake = FakeTelegram::start().await;
        let chat = 5000;
        for u in journey_16(chat).into_iter().take(4) {
            fake.push(u);
        }
        let db = fresh_db("sqlite").await;
        let dir = tempfile::tempdir().unwrap();
        let config = crash_config(&dir, &db);

        let mut first = serve(&fake, &config, Some(point));
        let status = exits(&mut first, Duration::from_secs(60)).await;
        assert!(!status.success(), "{point}: the failpoint crashed it");
        let store = Store::connect(&db.url).await.unwrap();
        assert!(count(&store, "SELECT COUNT(*) FROM inbox").await >= 1, "{point}: stored before the crash");
        if point == "after-store" {
            assert_eq!(fake.confirmed(), 0, "the crash came before the offset confirmed anything");
            assert_eq!(count(&store, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL").await, 0);
        }

        let mut second = serve(&fake, &config, None);
        let done = settled(&store, &fake, Duration::from_secs(60)).await;
        second.kill().unwrap();
        let _ = second.wait();
        assert!(done, "{point}: finished after the restart");
        assert_eq!(count(&store, "SELECT COUNT(*) FROM inbox").await, 4, "{point}: each update stored once");
        assert_eq!(
            count(&store, "SELECT COUNT(*) FROM messages WHERE direction = 'in'").await,
            4,
            "{point}: none lost, none twice"
        );
        let (sent, transcribed) = sent_and_transcribed(&store, &fake, chat).await;
        assert!(!transcribed.is_empty());
        assert!(at_most_one_duplicate(&sent, &transcribed), "{point}: sent {sent:#?}\ntranscribed {transcribed:#?}");
        if point == "after-send" {
            assert_ne!(sent, transcribed, "the message sent just before the crash is sent again");
        }
        store.close().await;
    }
}

/// Two replicas (each its own processor and sender) on one database: every update handled once,
/// and each chat's replies in order. Updates arrive as a webhook behind a load balancer would
/// store them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_share_the_work_without_breaking_order() {
    for backend in backends() {
        let fake = FakeTelegram::start().await;
        let db = fresh_db(backend).await;
        let config = test_config(&db, &fake);
        let (stop, shutdown) = watch::channel(false);
        let mut tasks = Vec::new();
        let mut replicas = Vec::new();
        for _ in 0..2 {
            let app = App::build(config.clone()).await.unwrap();
            let pipe = telegram::pipe(TOKEN, app.linkup).unwrap();
            tasks.push(tokio::spawn(linkup::channel::process::run(pipe.clone(), shutdown.clone())));
            tasks.push(tokio::spawn(linkup::channel::send::run(pipe.clone(), shutdown.clone())));
            replicas.push(pipe);
        }
        let chats: Vec<i64> = (7000..7040).collect();
        let mut rows = Vec::new();
        let mut next_id = 0;
        // Interleaved, as Telegram would deliver them.
        let journeys: Vec<Vec<Value>> = chats.iter().map(|c| journey_16(*c)).collect();
        for step in 0..journeys[0].len() {
            for (chat, journey) in chats.iter().zip(&journeys) {
                next_id += 1;
                let mut u = journey[step].clone();
                u["update_id"] = serde_json::json!(next_id);
                rows.push(Received {
                    external_id: next_id.to_string(),
                    seq: Some(next_id),
                    chat: chat.to_string(),
                    payload: u.to_string(),
                });
                fake.push(u);
            }
        }
        replicas[0].accept(&rows).await.unwrap();
        for pipe in &replicas {
            pipe.stored.notify_one();
        }
        let store = replicas[0].linkup.store.clone();
        assert!(settled(&store, &fake, Duration::from_secs(120)).await, "{backend}");
        assert_eq!(
            count(&store, "SELECT COUNT(*) FROM messages WHERE direction = 'in'").await,
            rows.len() as i64,
            "{backend}: once each"
        );
        for chat in &chats {
            let (sent, transcribed) = sent_and_transcribed(&store, &fake, *chat).await;
            assert_eq!(sent, transcribed, "{backend}: chat {chat} in order");
        }
        assert_eq!(cases::queue(&store.pool).await.unwrap().len(), chats.len());
        let _ = stop.send(true);
        for t in tasks {
            t.await.unwrap().unwrap();
        }
    }
}

#[tokio::test]
async fn check_ins_reminders_and_the_chart_over_telegram() {
    let fake = FakeTelegram::start().await;
    // No quiet hours, so the reminder goes whatever the time of day the test runs.
    let bot = start("sqlite", &fake, |c| c.checkins.quiet_until = c.checkins.quiet_from.clone()).await;
    for u in journey_16(4001) {
        fake.push(u);
    }
    assert!(settled(&bot.store, &fake, Duration::from_secs(30)).await);
    // A check-in, typed and pressed, then the chart as a photo.
    for line in ["/checkin", "7", "8", "6"] {
        fake.push(fake::text(4001, line));
    }
    fake.push(fake::press(4001, "#ci|1|anxious|2", 1));
    assert!(settled(&bot.store, &fake, Duration::from_secs(30)).await);
    let texts: Vec<String> = fake.sent_to(4001).into_iter().filter_map(|s| s.text).collect();
    assert!(texts.iter().any(|t| t.starts_with("Question 4 of 4")), "{texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("Thanks! That's your check-in done.")), "{texts:?}");
    fake.push(fake::press(4001, "#checkin|chart", 1));
    assert!(settled(&bot.store, &fake, Duration::from_secs(30)).await);
    let photo = fake.sent_to(4001).into_iter().find(|s| s.method == "sendphoto").expect("a photo");
    assert_eq!(photo.text.as_deref(), Some("Here is how your answers have changed over time."));
    let png = photo.photo.expect("the picture's bytes");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let size = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
    assert_eq!((size(16), size(20)), (1200, 900));
    // Once sent, the picture is not kept in the outbox.
    assert_eq!(count(&bot.store, "SELECT COUNT(*) FROM outbox WHERE kind = 'photo' AND payload LIKE '%png%'").await, 0);

    // Two weeks on (the schedule brought forward to now), the reminder arrives with its buttons.
    let now = linkup::time::now_ms();
    sqlx::query("UPDATE checkin_schedules SET next_at = $1").bind(now - 1000).execute(&bot.store.pool).await.unwrap();
    assert_eq!(bot.linkup.remind(now).await.unwrap().sent, 1);
    assert!(settled(&bot.store, &fake, Duration::from_secs(30)).await);
    let reminder = fake.sent_to(4001).into_iter().rev().find(|s| s.method == "sendmessage").unwrap();
    assert_eq!(reminder.text.as_deref(), Some("Hi, it's linkup. Have you got a minute for a quick check-in?"));
    let payloads: Vec<&str> = reminder.buttons.iter().map(|(_, p)| p.as_str()).collect();
    assert_eq!(payloads, ["#checkin|start", "#checkin|snooze", "#checkin|stop"]);
    fake.push(fake::press(4001, "#checkin|stop", reminder.message_id));
    assert!(settled(&bot.store, &fake, Duration::from_secs(30)).await);
    let last = fake.sent_to(4001).into_iter().rev().find_map(|s| s.text).unwrap();
    assert!(last.starts_with("OK. We won't send check-ins any more."), "{last}");
    bot.stop().await;
}

//! A channel made up for the tests, in this file alone: it proves the channel seam. Its adapter
//! reads its own JSON payloads and records what it is asked to deliver (failing some of it on
//! purpose); the shared inbox, processor, sender, erasure and export do everything else.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use linkup::app::App;
use linkup::channel::{Channel, Delivered, Event, Limits, Pipe};
use linkup::config::{Config, ReferralCode};
use linkup::intent::Incoming;
use linkup::store::inbox::{self, Received};
use linkup::store::outbox::Item;
use linkup::store::{Store, cases};
use serde_json::{Value, json};
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::support::{backends, fresh_db, referral};

const NAME: &str = "fake";

/// What the fake channel was asked to deliver, and how it answered.
#[derive(Default)]
struct Log {
    /// Delivered items per chat, in the order they arrived.
    delivered: HashMap<String, Vec<Item>>,
    /// Delivery attempts so far, for the faults.
    attempts: usize,
}

/// The adapter. Every fifth attempt fails for now, and the seventh asks to wait: the shared
/// sender must still deliver everything, once, in order.
#[derive(Clone, Default)]
struct Fake {
    log: Arc<Mutex<Log>>,
}

impl Fake {
    fn delivered(&self, chat: &str) -> Vec<Item> {
        self.log.lock().unwrap().delivered.get(chat).cloned().unwrap_or_default()
    }

    fn texts(&self, chat: &str) -> Vec<String> {
        self.delivered(chat)
            .into_iter()
            .filter_map(|item| match item {
                Item::Message { text, .. } | Item::Farewell { text } => Some(text),
                Item::Document { caption, .. } | Item::Photo { caption, .. } => Some(caption),
                Item::EditButtons { .. } => None,
            })
            .collect()
    }
}

impl Channel for Fake {
    fn name(&self) -> &'static str {
        NAME
    }

    fn limits(&self) -> Limits {
        Limits {
            burst: 3.0,
            per_chat: Duration::from_millis(2),
            global_per_second: 10_000,
            max_in_flight: 16,
            lease_ms: 10_000,
            max_text: 2000,
            callback_bytes: 64,
        }
    }

    fn event(&self, payload: &str) -> Event {
        let Ok(v) = serde_json::from_str::<Value>(payload) else { return Event::Ignore };
        let Some(chat) = v["chat"].as_str().map(str::to_string) else { return Event::Ignore };
        let (incoming, referral) = if let Some(code) = v.get("start") {
            (Incoming::Start, code.as_str().map(str::to_string))
        } else if let Some(text) = v["text"].as_str() {
            (Incoming::Text(text.to_string()), None)
        } else if let Some(press) = v["press"].as_str() {
            (Incoming::Press(press.to_string()), None)
        } else if v["blocked"].as_bool() == Some(true) {
            return Event::Membership { chat, blocked: true };
        } else {
            return Event::Ignore;
        };
        Event::Message { chat, language: None, referral, incoming, ack: None }
    }

    async fn deliver(&self, chat: &str, item: &Item, _previous: Option<&str>) -> Delivered {
        let mut log = self.log.lock().unwrap();
        log.attempts += 1;
        match log.attempts {
            n if n % 5 == 0 => Delivered::Retry("fake outage".into()),
            7 => Delivered::RetryAfter(Duration::from_millis(300)),
            n => {
                log.delivered.entry(chat.to_string()).or_default().push(item.clone());
                Delivered::Sent(Some(n.to_string()))
            }
        }
    }
}

struct Running {
    app: App,
    pipe: Pipe<Fake>,
    fake: Fake,
    stop: watch::Sender<bool>,
    tasks: JoinSet<anyhow::Result<()>>,
    next: u64,
}

impl Running {
    async fn start(url: &str) -> Running {
        let mut config = Config { database_url: url.to_string(), ..Config::default() };
        config.referral_codes.push(ReferralCode { code: "OAKS".into(), name: "Oaks Academy".into(), team: None });
        let app = App::build(config).await.unwrap();
        let fake = Fake::default();
        let pipe = Pipe::new(app.linkup.clone(), fake.clone());
        let (stop, shutdown) = watch::channel(false);
        let mut tasks = JoinSet::new();
        pipe.spawn(&mut tasks, &shutdown);
        Running { app, pipe, fake, stop, tasks, next: 0 }
    }

    /// Stores payloads as the channel would on receiving them.
    async fn receive(&mut self, chat: &str, payloads: &[Value]) {
        let received: Vec<Received> = payloads
            .iter()
            .map(|p| {
                self.next += 1;
                let mut p = p.clone();
                p["chat"] = json!(chat);
                Received {
                    external_id: format!("m{}", self.next),
                    seq: None,
                    chat: chat.into(),
                    payload: p.to_string(),
                }
            })
            .collect();
        self.pipe.accept(&received).await.unwrap();
    }

    /// Waits until every stored payload is processed and nothing waits to be sent.
    async fn settled(&self) -> bool {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while std::time::Instant::now() < deadline {
            let counts = inbox::counts(&self.app.store.pool, NAME).await.unwrap();
            let waiting: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM outbox WHERE channel = 'fake' AND status IN ('queued', 'sending')",
            )
            .fetch_one(&self.app.store.pool)
            .await
            .unwrap();
            if counts.processed == counts.stored && waiting == 0 {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        false
    }

    async fn stop(mut self) -> Store {
        let _ = self.stop.send(true);
        while let Some(done) = self.tasks.join_next().await {
            done.unwrap().unwrap();
        }
        self.app.store
    }
}

fn text(t: &str) -> Value {
    json!({ "text": t })
}

/// The bot's words to `chat` as the transcript has them, leaving out redrawn buttons.
async fn transcribed(store: &Store, chat: &str) -> Vec<String> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.body, m.meta FROM messages m JOIN people p ON p.id = m.person_id
         WHERE p.channel = 'fake' AND p.channel_user = $1 AND m.direction = 'out' ORDER BY m.id",
    )
    .bind(chat)
    .fetch_all(&store.pool)
    .await
    .unwrap();
    rows.into_iter().filter(|(_, meta)| !meta.contains("\"update_previous\":true")).map(|(body, _)| body).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_made_up_channel_runs_the_whole_self_referral_through_the_shared_pipeline() {
    for backend in backends() {
        let db = fresh_db(backend).await;
        let mut run = Running::start(&db.url).await;
        // Two young people at once, one from a school's link; one payload arrives twice.
        let mut sam: Vec<Value> = vec![json!({ "start": "OAKS" })];
        sam.extend(referral("Sam", "M14", "I want to make friends").iter().map(|l| text(l)));
        let mut ali: Vec<Value> = vec![json!({ "start": null })];
        ali.extend(referral("Ali", "LS6", "more to do after school").iter().map(|l| text(l)));
        for (a, b) in sam.iter().zip(&ali) {
            run.receive("sam", std::slice::from_ref(a)).await;
            run.receive("ali", std::slice::from_ref(b)).await;
        }
        let repeat = Received {
            external_id: "m1".into(),
            seq: None,
            chat: "sam".into(),
            payload: json!({ "chat": "sam", "text": "hello again" }).to_string(),
        };
        assert_eq!(run.pipe.accept(&[repeat]).await.unwrap(), 0, "{backend}: a repeat is not stored");
        assert!(run.settled().await, "{backend}: everything handled and delivered");

        let store = &run.app.store;
        let queue = cases::queue(&store.pool).await.unwrap();
        assert_eq!(queue.len(), 2, "{backend}: both reach the queue");
        for (chat, name, area, source) in [("sam", "Sam", "M14", "Oaks Academy"), ("ali", "Ali", "LS6", "self")] {
            let row = queue.iter().find(|r| r.preferred_name.as_deref() == Some(name)).expect("in the queue");
            let case = cases::by_reference(&store.pool, &row.reference).await.unwrap().unwrap();
            assert_eq!(case.area.as_deref(), Some(area));
            assert_eq!(case.source, source, "{backend}: the referral code came through the channel");
            assert_eq!(case.age_band.as_deref(), Some("16-18"));
            assert!(case.consent_at.is_some());
            // Once each and in order, despite the outages and the wait.
            let delivered = run.fake.texts(chat);
            assert_eq!(delivered, transcribed(store, chat).await, "{backend}: {chat} in order");
            assert!(delivered.iter().any(|t| t.contains(&row.reference)), "{backend}: the reference is told");
        }
        let inbound: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE direction = 'in'")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(inbound as usize, sam.len() + ali.len(), "{backend}: each payload handled once");
        run.stop().await;
    }
}

#[tokio::test]
async fn a_made_up_channels_payloads_are_in_my_data_and_gone_after_delete() {
    let db = fresh_db("sqlite").await;
    let mut run = Running::start(&db.url).await;
    let mut lines: Vec<Value> = vec![json!({ "start": null })];
    lines.extend(referral("Robin", "M14", "my mum is not well and I look after her").iter().map(|l| text(l)));
    lines.push(text("/mydata"));
    run.receive("robin", &lines).await;
    assert!(run.settled().await);
    let copy = run.fake.delivered("robin").into_iter().find_map(|item| match item {
        Item::Document { body, .. } => Some(body),
        _ => None,
    });
    let copy: Value = serde_json::from_str(&copy.expect("a copy of my data")).unwrap();
    let raw = copy["data"]["inbox"].as_array().expect("the channel's raw payloads are in the copy");
    assert_eq!(raw.len(), lines.len(), "every payload up to and including /mydata");
    // The payload is JSON, opened up in the copy so its times read as dates.
    assert!(raw.iter().any(|r| r["payload"].to_string().contains("I look after her")));

    run.receive("robin", &[text("/delete"), text("yes")]).await;
    assert!(run.settled().await);
    let left: Vec<String> = sqlx::query_scalar("SELECT payload FROM inbox WHERE channel = 'fake'")
        .fetch_all(&run.app.store.pool)
        .await
        .unwrap();
    assert!(!left.is_empty());
    assert!(left.iter().all(|p| p == "{}"), "no raw payload outlives /delete: {left:?}");
    let last = run.fake.texts("robin").pop().unwrap();
    assert!(last.contains("deleted"), "{last}");
    run.stop().await;
}

/// The migration to one inbox moves every stored Telegram update across, unprocessed ones
/// still to be processed, so an upgrade in the middle of traffic loses nothing.
#[tokio::test]
async fn upgrading_moves_stored_telegram_updates_into_the_one_inbox() {
    for backend in backends() {
        let db = fresh_db(backend).await;
        let dir = tempfile::tempdir().unwrap();
        let source = crate::support::root().join("migrations").join(backend);
        for entry in std::fs::read_dir(&source).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.as_str() < "20261202000010" {
                std::fs::copy(&path, dir.path().join(&name)).unwrap();
            }
        }
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&format!("{}{}", db.url, if backend == "sqlite" { "?mode=rwc" } else { "" }))
            .await
            .unwrap();
        sqlx::migrate::Migrator::new(dir.path()).await.unwrap().run(&pool).await.unwrap();
        for (id, processed) in [(41_i64, Some(5_i64)), (42, None), (43, None)] {
            sqlx::query(
                "INSERT INTO telegram_inbox (update_id, chat, payload, received_at, processed_at) VALUES ($1, '9', $2, 1, $3)",
            )
            .bind(id)
            .bind(format!("{{\"update_id\":{id}}}"))
            .bind(processed)
            .execute(&pool)
            .await
            .unwrap();
        }
        pool.close().await;
        let store = Store::connect(&db.url).await.unwrap();
        let rows: Vec<(String, String, Option<i64>, Option<i64>)> =
            sqlx::query_as("SELECT channel, external_id, seq, processed_at FROM inbox ORDER BY id")
                .fetch_all(&store.pool)
                .await
                .unwrap();
        let expected = [("41", Some(5)), ("42", None), ("43", None)]
            .map(|(id, p)| ("telegram".to_string(), id.to_string(), Some(id.parse().unwrap()), p));
        assert_eq!(rows, expected, "{backend}");
        assert_eq!(
            inbox::last_seq(&store.pool, "telegram").await.unwrap(),
            Some(43),
            "{backend}: polling resumes after"
        );
        assert_eq!(inbox::pending(&store.pool, "telegram", 10).await.unwrap().len(), 2, "{backend}");
    }
}

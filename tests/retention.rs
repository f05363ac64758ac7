//! Retention on fixture data with injected time: closed cases go a year after closing,
//! conversations that never reached a hand-off after 30 days, and nobody who is still active;
//! delivered messages and processed raw payloads are pruned after `delivered_days`, keeping
//! what repeats, ordering and delivery ticks need.

use linkup::conversation::{Delivery, Sender};
use linkup::intent::Incoming;
use linkup::store::inbox::{self, Received};
use linkup::store::outbox::{self, Item};
use linkup::store::{cases, casework, retention};
use linkup::time::now_ms;
use sqlx::AnyPool;

use crate::dashboard::{Browser, add_worker, serve};
use crate::support::{TestApp, backends, linkup, referral};

const DAY: i64 = 86_400_000;

async fn hand_off(app: &mut TestApp, user: &str, name: &str) -> String {
    app.user = user.into();
    app.refer(name, "M14", "words of my own").await
}

#[tokio::test]
async fn old_data_goes_and_active_young_people_stay() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let t0 = app.now;
        let closed = hand_off(&mut app, "closed-1", "Alfie").await;
        let open = hand_off(&mut app, "open-1", "Bea").await;
        let came_back = hand_off(&mut app, "came-back-1", "Cas").await;
        app.user = "unfinished-1".into();
        app.start().await;
        app.say("1").await;
        let pool = app.store.pool.clone();
        for reference in [&closed, &came_back] {
            let id = cases::by_reference(&pool, reference).await.unwrap().unwrap().id;
            casework::close(&pool, id, None, "connected", "joined a club", app.now).await.unwrap();
        }
        // Cas writes again 200 days later.
        app.user = "came-back-1".into();
        app.now = t0 + 200 * DAY;
        app.say("hi again").await;

        let who = |due: Vec<retention::Due>| {
            let mut v: Vec<(Option<String>, String)> = due.into_iter().map(|d| (d.reference, d.reason)).collect();
            v.sort();
            v
        };
        assert!(retention::due(&pool, t0 + 29 * DAY, 365, 30).await.unwrap().is_empty(), "{backend}: too soon");
        assert_eq!(
            who(retention::due(&pool, t0 + 31 * DAY, 365, 30).await.unwrap()),
            [(None, "abandoned".to_string())]
        );
        let a_year_on = t0 + 366 * DAY;
        assert_eq!(
            who(retention::due(&pool, a_year_on, 365, 30).await.unwrap()),
            [(None, "abandoned".to_string()), (Some(closed.clone()), "closed".to_string())],
            "{backend}: Bea's case is open and Cas wrote since"
        );
        // The dry run from the command line lists the same, and changes nothing.
        let out = linkup(&app.db.url, &["retention", "run", "--dry-run", "--at", &linkup::time::date(a_year_on)], "");
        let printed = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(printed.contains(&format!("would erase case {closed}, closed")), "{printed}");
        assert!(printed.contains("Would erase 2 young people"), "{printed}");
        assert!(cases::by_reference(&pool, &closed).await.unwrap().unwrap().preferred_name.is_some());

        let erased = retention::run(&pool, a_year_on, 365, 30).await.unwrap();
        assert_eq!(erased.len(), 2);
        let gone = cases::by_reference(&pool, &closed).await.unwrap().unwrap();
        assert!(gone.preferred_name.is_none() && gone.what_matters.is_none() && gone.erased_at.is_some());
        let messages: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM messages m JOIN people p ON p.id = m.person_id WHERE p.erased_at IS NOT NULL",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(messages, 0, "{backend}");
        for kept in [&open, &came_back] {
            assert!(
                cases::by_reference(&pool, kept).await.unwrap().unwrap().preferred_name.is_some(),
                "{backend}: {kept}"
            );
        }
        // Running again finds nothing more.
        assert!(retention::run(&pool, a_year_on, 365, 30).await.unwrap().is_empty());
    }
}

/// A text message the way a channel handles it: stored in the inbox with a Telegram-shaped raw
/// update, handled (claimed in the same transaction, replies queued in the outbox), then every
/// reply delivered and marked sent as the sender does.
async fn say_via_pipes(app: &mut TestApp, update: &mut i64, text: &str) {
    app.now += 1000;
    *update += 1;
    let incoming = if text == "/start" { Incoming::Start } else { Incoming::Text(text.to_string()) };
    let payload = serde_json::json!({
        "update_id": *update,
        "message": {
            "message_id": *update,
            "from": { "id": 5_550_000_000_i64, "is_bot": false, "first_name": "Young", "language_code": "en" },
            "chat": { "id": 5_550_000_000_i64, "first_name": "Young", "type": "private" },
            "date": app.now / 1000,
            "text": text,
        }
    })
    .to_string();
    let received = Received { external_id: update.to_string(), seq: Some(*update), chat: app.user.clone(), payload };
    let pool = app.store.pool.clone();
    let stored = inbox::store_one(&pool, "test", &received, app.now).await.unwrap().expect("a new update");
    let sender = Sender::new("test", &app.user);
    let delivery = Delivery { outbox: Some(&app.user), inbox: Some(&stored) };
    let handled = app.linkup.receive_via(&sender, &incoming, app.now, delivery).await.expect("receive");
    assert!(!handled.skipped);
    app.last = handled.replies;
    deliver_all(&pool, app.now).await;
}

/// Everything due in the test channel's outbox, marked delivered as `channel::send` would.
async fn deliver_all(pool: &AnyPool, now: i64) {
    loop {
        let due = outbox::due(pool, "test", now + 1, 1000).await.unwrap();
        if due.is_empty() {
            return;
        }
        for row in due {
            assert!(outbox::claim(pool, row.id, now + 10_000).await.unwrap());
            match row.item() {
                Some(Item::Farewell { .. }) => outbox::forget(pool, row.id).await.unwrap(),
                Some(Item::Document { .. } | Item::Photo { .. }) => {
                    outbox::sent_document(pool, row.id, now).await.unwrap()
                }
                _ => outbox::sent(pool, row.id, Some(&format!("m{}", row.id)), now).await.unwrap(),
            }
        }
    }
}

/// A whole self-referral through the inbox and outbox.
async fn refer_via_pipes(app: &mut TestApp, update: &mut i64, name: &str) {
    say_via_pipes(app, update, "/start").await;
    for line in referral(name, "M14", "I would like to find a football club near me") {
        say_via_pipes(app, update, line).await;
    }
}

async fn count(pool: &AnyPool, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string())).fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn delivered_messages_and_old_payloads_are_pruned_and_repeats_still_recognised() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let pool = app.store.pool.clone();
        let mut update = 1000;
        app.user = "pruned-1".into();
        refer_via_pipes(&mut app, &mut update, "Alfie").await;
        let reference = app.reference_of("Alfie").await;
        let person: i64 = count(&pool, "SELECT id FROM people WHERE channel_user = 'pruned-1'").await;
        let buttons_before = outbox::last_buttons_message(&pool, "test", "pruned-1").await.unwrap();
        assert!(buttons_before.is_some(), "{backend}");
        let processed = count(&pool, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL").await;
        assert_eq!(processed, 22, "{backend}");
        let sent = count(&pool, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await;
        assert!(sent > 10, "{backend}: {sent}");

        // What must stay: an unprocessed payload, and messages not delivered (held for someone
        // who cannot be reached, queued, failed), all as old as the rest.
        let waiting = Received {
            external_id: "waiting-1".into(),
            seq: None,
            chat: "waiting-chat".into(),
            payload: r#"{"text":"not handled yet"}"#.into(),
        };
        inbox::store_one(&pool, "test", &waiting, app.now).await.unwrap().unwrap();
        let mut tx = pool.begin().await.unwrap();
        let plain = |text: &str| Item::Message { text: text.into(), buttons: vec![], columns: 1 };
        let queued = outbox::enqueue(&mut tx, person, "other", "chat-q", &plain("queued"), app.now).await.unwrap();
        let failed = outbox::enqueue(&mut tx, person, "other", "chat-f", &plain("failed"), app.now).await.unwrap();
        let sending = outbox::enqueue(&mut tx, person, "other", "chat-s", &plain("sending"), app.now).await.unwrap();
        tx.commit().await.unwrap();
        outbox::failed(&pool, failed, "refused").await.unwrap();
        assert!(outbox::claim(&pool, sending, app.now + 10_000).await.unwrap());

        // Not yet: everything is younger than delivered_days.
        let not_yet = retention::prune_delivered(&pool, app.now + 6 * DAY, 7, true).await.unwrap();
        assert_eq!(not_yet, retention::Pruned::default(), "{backend}");

        // A link worker's message, delivered: its tick on the case page.
        add_worker(&app, "sam@example.org", "Sam Taylor", "main", linkup::store::workers::Role::Lead).await;
        let base = serve(&app).await;
        let (mut b, csrf) = Browser::signed_in(&base, "sam@example.org").await;
        let path = format!("/cases/{reference}");
        b.post(&format!("{path}/claim"), &[("csrf", &csrf)]).await;
        b.post(&format!("{path}/messages"), &[("csrf", &csrf), ("text", "Hi Alfie, it's Sam.")]).await;
        let worker_row = outbox::due(&pool, "test", now_ms() + 1000, 10).await.unwrap();
        assert_eq!(worker_row.len(), 1, "{backend}");
        let worker_row = worker_row[0].id;
        outbox::sent(&pool, worker_row, Some("w1"), now_ms()).await.unwrap();
        assert!(b.get(&format!("{path}/conversation")).await.body.contains("delivery sent"), "{backend}");

        let latest = app.now.max(now_ms());

        let later = latest + 8 * DAY;
        let would = retention::prune_delivered(&pool, later, 7, true).await.unwrap();
        assert_eq!(would.inbox_blanked, 22, "{backend}: the dry run counts");
        // Every sent row but the chat's latest message with buttons.
        assert_eq!(would.outbox_deleted as i64, sent, "{backend}");
        assert_eq!(count(&pool, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await, sent + 1, "dry run");
        let out = linkup(&app.db.url, &["retention", "run", "--dry-run", "--at", &linkup::time::date(later + DAY)], "");
        let printed = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(
            printed.contains(&format!("Would delete {} delivered messages", would.outbox_deleted))
                && printed.contains("blank 22 processed payloads"),
            "{backend}: {printed}"
        );

        let pruned = retention::prune_delivered(&pool, later, 7, false).await.unwrap();
        assert_eq!(pruned, would, "{backend}");
        assert_eq!(
            count(&pool, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NOT NULL AND payload = '{}'").await,
            22
        );
        assert_eq!(
            count(&pool, "SELECT COUNT(*) FROM inbox WHERE external_id = 'waiting-1' AND payload LIKE '%not handled%'")
                .await,
            1,
            "{backend}"
        );
        assert_eq!(
            count(&pool, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await,
            1,
            "{backend}: only the latest message with buttons"
        );
        assert_eq!(outbox::last_buttons_message(&pool, "test", "pruned-1").await.unwrap(), buttons_before, "{backend}");
        for (id, status) in [(queued, "queued"), (failed, "failed"), (sending, "sending")] {
            assert_eq!(
                casework::delivery_state(&pool, person, id).await.unwrap().as_deref(),
                Some(status),
                "{backend}"
            );
        }

        // The delivered worker message's row is gone, and its tick still says sent.
        assert_eq!(casework::delivery_state(&pool, person, worker_row).await.unwrap(), None, "{backend}");
        let conversation = b.get(&format!("{path}/conversation")).await.body;
        assert!(conversation.contains("delivery sent") && !conversation.contains("delivery queued"), "{backend}");

        // A retried webhook for an old update is still a repeat: not stored, not handled again.
        let messages = count(&pool, "SELECT COUNT(*) FROM messages").await;
        let old =
            Received { external_id: "1001".into(), seq: Some(1001), chat: "pruned-1".into(), payload: "{}".into() };
        assert!(inbox::store_one(&pool, "test", &old, later).await.unwrap().is_none(), "{backend}");
        assert_eq!(inbox::store(&pool, "test", std::slice::from_ref(&old), later).await.unwrap(), 0, "{backend}");
        assert_eq!(inbox::processed(&pool, "test", "1001").await.unwrap(), Some(true));
        assert!(inbox::pending(&pool, "test", 100).await.unwrap().iter().all(|s| s.external_id == "waiting-1"));
        assert_eq!(count(&pool, "SELECT COUNT(*) FROM messages").await, messages, "{backend}: nothing handled twice");
        assert_eq!(inbox::last_seq(&pool, "test").await.unwrap(), Some(update), "{backend}: polling resumes after it");

        // Pruning again removes nothing more; erasure still reaches the pruned rows.
        assert_eq!(retention::prune_delivered(&pool, later, 7, false).await.unwrap(), retention::Pruned::default());
        let mut tx = pool.begin().await.unwrap();
        linkup::store::erase::person(&mut tx, person, later).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(count(&pool, "SELECT COUNT(*) FROM inbox WHERE chat = 'pruned-1'").await, 0, "{backend}");
        assert_eq!(count(&pool, "SELECT COUNT(*) FROM outbox").await, 0, "{backend}");
    }
}

/// Live bytes of the SQLite file (pages in use) and the rows and payload bytes of the tables
/// pruning touches.
async fn storage(pool: &AnyPool, n: i64, label: &str) {
    let page_size = count(pool, "PRAGMA page_size").await;
    let pages = count(pool, "PRAGMA page_count").await;
    let free = count(pool, "PRAGMA freelist_count").await;
    let live = (pages - free) * page_size;
    println!(
        "{label}: file {} bytes, free {} bytes, live {} bytes = {} bytes per conversation",
        pages * page_size,
        free * page_size,
        live,
        live / n
    );
    for (table, bytes) in [
        ("inbox", "SUM(LENGTH(payload))"),
        ("outbox", "SUM(LENGTH(payload))"),
        ("messages", "SUM(LENGTH(body))"),
        ("messages", "SUM(LENGTH(meta))"),
    ] {
        let rows = count(pool, &format!("SELECT COUNT(*) FROM {table}")).await;
        let sum = count(pool, &format!("SELECT COALESCE({bytes}, 0) FROM {table}")).await;
        println!("  {table}: {rows} rows, {sum} bytes of {bytes}");
    }
    // Per-table bytes, where SQLite was built with the dbstat table.
    if let Ok(rows) = sqlx::query_as::<_, (String, i64)>(
        "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY SUM(pgsize) DESC LIMIT 12",
    )
    .fetch_all(pool)
    .await
    {
        for (name, bytes) in rows {
            println!("  dbstat {name}: {bytes} bytes");
        }
    }
}

/// Bytes of database per finished conversation before and after pruning (figures only):
/// `cargo test --test main measure_bytes_per_conversation -- --ignored --nocapture`.
#[tokio::test]
#[ignore = "a measurement that prints figures (200 conversations), not a check; run it by hand"]
async fn measure_bytes_per_conversation() {
    let n: i64 = std::env::var("LINKUP_MEASURE_N").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let mut app = TestApp::new("sqlite").await;
    let pool = app.store.pool.clone();
    let mut update = 0;
    for i in 0..n {
        app.user = format!("measure-{i}");
        refer_via_pipes(&mut app, &mut update, &format!("Young{i}")).await;
    }
    storage(&pool, n, &format!("{n} referrals, before pruning")).await;
    let pruned = retention::prune_delivered(&pool, app.now + 8 * DAY, 7, false).await.unwrap();
    println!("pruned: {pruned:?}");
    storage(&pool, n, &format!("{n} referrals, after pruning")).await;
}

//! Data rights: /delete erases a young person's data from every table (checked generically, so
//! a table added later cannot be forgotten); /stop pauses sending until they write again; and
//! nothing they wrote reaches the logs at info level.

use std::time::Duration;

use linkup::store::workers::{self, Role, Worker};
use linkup::store::{Store, cases, casework, export};

use crate::support::{TestApp, backends, linkup};

/// Every text column of every table, found from the database itself.
async fn text_columns(store: &Store) -> Vec<(String, String)> {
    match store.backend {
        linkup::store::Backend::Sqlite => {
            let tables: Vec<String> =
                sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                    .fetch_all(&store.pool)
                    .await
                    .unwrap();
            let mut out = Vec::new();
            for t in tables {
                let cols: Vec<(String, String)> = sqlx::query_as("SELECT name, type FROM pragma_table_info($1)")
                    .bind(&t)
                    .fetch_all(&store.pool)
                    .await
                    .unwrap();
                out.extend(
                    cols.into_iter().filter(|(_, ty)| ty.to_uppercase().contains("TEXT")).map(|(c, _)| (t.clone(), c)),
                );
            }
            out
        }
        linkup::store::Backend::Postgres => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')",
        )
        .fetch_all(&store.pool)
        .await
        .unwrap(),
    }
}

/// Where `needle` appears in any text column: `table.column` for each.
async fn found_anywhere(store: &Store, needle: &str) -> Vec<String> {
    let mut places = Vec::new();
    for (table, column) in text_columns(store).await {
        // Names come from the database's own catalogue, never from input.
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} LIKE $1");
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(format!("%{needle}%"))
            .fetch_one(&store.pool)
            .await
            .unwrap();
        if n > 0 {
            places.push(format!("{table}.{column}"));
        }
    }
    places
}

/// A link worker in the default team.
async fn worker(app: &TestApp) -> (i64, Worker) {
    let hash = linkup::dashboard::auth::hash_password("a long enough password").unwrap();
    let id = workers::upsert(&app.store.pool, "sam@example.org", "Sam Taylor", "main", Role::Worker, &hash, 0)
        .await
        .unwrap();
    (id, workers::by_id(&app.store.pool, id).await.unwrap().unwrap())
}

/// A 16+ journey with distinctive words, and a disclosure on the way.
async fn refer(app: &mut TestApp, name: &str, area: &str, words: &str, phone: &str, disclosure: &str) {
    app.start().await;
    for line in ["1", "4", name, area, "1", "done", words, "2", "done"] {
        app.say(line).await;
    }
    app.say(disclosure).await;
    app.press("Carry on").await;
    for line in ["6", "7", "5", "3", "2", "1", "done", "2", phone, "3", "done", "1", "1"] {
        app.say(line).await;
    }
}

#[tokio::test]
async fn delete_erases_a_young_person_from_every_table() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        app.user = "keep-me-456".into();
        refer(&mut app, "Keepsie", "SW1A", "learning guitar with mates", "07700 900555", "sometimes i want to die")
            .await;
        app.user = "erase-me-123".into();
        refer(
            &mut app,
            "Zebedee",
            "Quirkly Academy",
            "unicorn painting lessons",
            "07700 900777",
            "some nights i want to die",
        )
        .await;
        let needles =
            ["erase-me-123", "Zebedee", "Quirkly", "unicorn painting", "07700900777", "some nights i want to die"];
        for needle in needles {
            assert!(!found_anywhere(&app.store, needle).await.is_empty(), "{backend}: {needle} stored before");
        }
        let reference = app.reference_of("Zebedee").await;

        // A link worker wrote to them and about them: that goes too.
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        let (worker_id, worker) = worker(&app).await;
        casework::add_note(&app.store.pool, case.id, worker_id, "Zebedee would like an art group", app.now)
            .await
            .unwrap();
        app.linkup.send_from_worker(&case, &worker, "Hi Zebedee, it's Sam.", app.now).await.unwrap();
        casework::close(&app.store.pool, case.id, Some(worker_id), "referred", "Zebedee referred to art club", app.now)
            .await
            .unwrap();
        casework::reopen(&app.store.pool, case.id, worker_id, "Zebedee asked again", app.now).await.unwrap();

        app.say("/delete").await;
        assert!(app.first().starts_with("Do you want me to delete everything"), "{}", app.text());
        assert_eq!(app.labels(), ["Yes, delete it all", "No, keep it"]);
        app.press("Yes, delete it all").await;
        assert!(
            app.first().starts_with("Done. I've deleted what you told linkup. Telegram keeps its own copy"),
            "{}",
            app.text()
        );

        for needle in needles {
            let places = found_anywhere(&app.store, needle).await;
            assert!(places.is_empty(), "{backend}: {needle:?} still in {places:?}");
        }
        // Someone else's data is untouched.
        assert!(!found_anywhere(&app.store, "Keepsie").await.is_empty());
        // The link worker sees the case was deleted, and that it had been flagged.
        let queue = cases::queue(&app.store.pool).await.unwrap();
        let row = queue.iter().find(|r| r.reference == reference).unwrap();
        assert_eq!((row.status.as_str(), row.preferred_name.as_deref()), ("deleted", None));
        let shown = String::from_utf8_lossy(&linkup(&app.db.url, &["case", "show", &reference], "").stdout).to_string();
        assert!(shown.contains("Deleted at the young person's request"), "{shown}");
        assert!(shown.contains("It had an open safeguarding flag when it was deleted"), "{shown}");
        // Writing again starts afresh, as someone new.
        app.say("hi").await;
        assert!(app.first().starts_with("Hi! 👋"), "{}", app.text());
    }
}

#[tokio::test]
async fn keeping_the_data_changes_nothing() {
    let mut app = TestApp::new("sqlite").await;
    refer(&mut app, "Zebedee", "M14", "unicorn painting lessons", "07700 900777", "i want to die").await;
    app.say("/delete").await;
    app.press("No, keep it").await;
    assert_eq!(app.first(), "OK, I won't delete anything.");
    assert!(!found_anywhere(&app.store, "Zebedee").await.is_empty());
}

#[tokio::test]
async fn delete_is_answered_by_typing_as_well_as_tapping() {
    // "nah" keeps everything.
    let mut app = TestApp::new("sqlite").await;
    refer(&mut app, "Zebedee", "M14", "unicorn painting lessons", "07700 900777", "i want to die").await;
    app.say("/delete").await;
    app.say("nah").await;
    assert_eq!(app.first(), "OK, I won't delete anything.");
    assert!(!found_anywhere(&app.store, "Zebedee").await.is_empty());
    // "yeah" deletes, as the button "Yes, delete it all" does.
    app.say("/delete").await;
    app.say("yeah").await;
    assert!(app.first().starts_with("Done. I've deleted what you told linkup."), "{}", app.text());
    assert!(found_anywhere(&app.store, "Zebedee").await.is_empty());
}

#[tokio::test]
async fn nothing_a_young_person_writes_reaches_the_logs_at_info() {
    let db = crate::support::fresh_db("sqlite").await;
    let lines = [
        "1",
        "4",
        "Zebedee",
        "Quirkly Academy",
        "1",
        "done",
        "unicorn painting lessons",
        "2",
        "done",
        "my stepdad hits me",
        "2",
        "6",
        "7",
        "5",
        "3",
        "2",
        "1",
        "done",
        "2",
        "07700 900777",
        "3",
        "done",
        "1",
        "1",
    ];
    let script: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"))
        .arg("demo")
        .current_dir(crate::support::root())
        .env("LINKUP_DATABASE_URL", &db.url)
        .env("RUST_LOG", "info")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(script.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    let logs = String::from_utf8_lossy(&out.stderr);
    assert!(logs.contains("case handed off") && logs.contains("URGENT"), "info logging was on: {logs}");
    for words in ["Zebedee", "Quirkly", "unicorn", "stepdad hits", "07700", "900777"] {
        assert!(!logs.contains(words), "{words:?} in the logs:\n{logs}");
    }
}

/// /stop through Telegram: a message queued later (as a link worker's would be) waits until
/// the young person writes again; /delete leaves nothing behind, the farewell included.
#[tokio::test]
async fn stop_and_delete_through_telegram() {
    use crate::fake_telegram::{self as fake, FakeTelegram};
    for backend in backends() {
        let fake = FakeTelegram::start().await;
        let chat = 987_654_321;
        fake.push(fake::text(chat, "/start"));
        fake.push(fake::text(chat, "/stop"));
        let bot = crate::telegram::start_bot(backend, &fake).await;
        assert!(crate::telegram::settled_for(&bot, &fake, Duration::from_secs(30)).await);
        assert!(
            fake.sent_to(chat)
                .iter()
                .any(|s| s.text.as_deref().is_some_and(|t| t.starts_with("OK, I've paused everything")))
        );
        let person: i64 = sqlx::query_scalar("SELECT id FROM people WHERE channel_user = $1")
            .bind(chat.to_string())
            .fetch_one(&bot.store.pool)
            .await
            .unwrap();
        let mut tx = bot.store.begin().await.unwrap();
        let later = linkup::time::now_ms() + 1;
        let item =
            linkup::store::outbox::Item::Message { text: "A link worker here.".into(), buttons: vec![], columns: 1 };
        linkup::store::outbox::enqueue(&mut tx, person, "telegram", &chat.to_string(), &item, later).await.unwrap();
        tx.commit().await.unwrap();
        // Someone else writes after that was queued: once their replies are sent, the sender
        // has passed over the held message at least once.
        fake.push(fake::text(chat + 1, "/start"));
        assert!(fake::until(Duration::from_secs(10), || !fake.sent_to(chat + 1).is_empty()).await);
        assert!(
            !fake.sent_to(chat).iter().any(|s| s.text.as_deref() == Some("A link worker here.")),
            "{backend}: held while paused"
        );
        fake.push(fake::text(chat, "hi again"));
        assert!(
            fake::until(Duration::from_secs(10), || fake
                .sent_to(chat)
                .iter()
                .any(|s| s.text.as_deref() == Some("A link worker here.")))
            .await,
            "{backend}: sent once they wrote again"
        );

        fake.push(fake::text(chat, "/delete"));
        fake.push(fake::press(chat, "#delete|yes", 0));
        assert!(
            fake::until(Duration::from_secs(10), || fake
                .sent_to(chat)
                .iter()
                .any(|s| s.text.as_deref().is_some_and(|t| t.starts_with("Done. I've deleted"))))
            .await
        );
        assert!(crate::telegram::settled_for(&bot, &fake, Duration::from_secs(10)).await);
        let places = found_anywhere(&bot.store, &chat.to_string()).await;
        assert!(places.is_empty(), "{backend}: the chat id is still in {places:?}");
        bot.stop.send(true).unwrap();
    }
}

#[tokio::test]
async fn my_data_holds_every_row_about_me_and_nothing_about_anyone_else() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        app.user = "someone-else-9".into();
        refer(&mut app, "Keepsie", "SE15", "learning guitar with mates", "07700 900555", "sometimes i want to die")
            .await;
        app.user = "me-123".into();
        refer(
            &mut app,
            "Zebedee",
            "Quirkly Academy",
            "unicorn painting lessons",
            "07700 900777",
            "some nights i want to die",
        )
        .await;
        let reference = app.reference_of("Zebedee").await;
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        let (worker_id, worker) = worker(&app).await;
        casework::add_note(&app.store.pool, case.id, worker_id, "Prefers afternoons", app.now).await.unwrap();
        app.linkup.send_from_worker(&case, &worker, "Hello from Sam", app.now).await.unwrap();

        app.say("{\"created_at\": 5}").await;
        app.say("/mydata").await;
        // The file, then the summary with what they can do about it.
        assert_eq!(app.first(), "Here is all of it in one file.");
        let summary = &app.last.last().unwrap().text;
        assert!(summary.starts_with("Here is what linkup has about you:"), "{}", app.text());
        assert!(summary.contains(&format!("Reference: {reference}")) && summary.contains("Name: Zebedee"));
        // Their answers in words, not ids.
        assert!(!summary.contains("How to contact you: text") && !summary.contains("Age: 16_18"), "{summary}");
        assert_eq!(app.labels(), ["Take back my OK", "Delete my data"]);
        let file = app.last.iter().find_map(|r| r.attachment.clone()).expect("the file");
        assert!(!file.image);
        let text = String::from_utf8(file.body.clone()).expect("JSON is text");
        let data: serde_json::Value = serde_json::from_str(&text).unwrap();
        // Their own words stay as typed, even when they look like JSON.
        let said = data["data"]["messages"].as_array().unwrap().iter().any(|m| m["body"] == "{\"created_at\": 5}");
        assert!(said, "{backend}: their words were changed in the copy");
        // Times as people read them, never milliseconds since 1970.
        let created = &data["data"]["cases"][0]["created_at"];
        assert!(created.as_str().is_some_and(|t| t.ends_with(" UTC") && t.starts_with("20")), "{created}");
        let raw = &app.now.to_string()[..9];
        let at = text.find(raw).map(|i| &text[i.saturating_sub(200)..(i + 50).min(text.len())]);
        assert!(at.is_none(), "{backend}: a raw epoch time is in the export: {at:?}");
        for mine in [
            "Zebedee",
            "Quirkly Academy",
            "unicorn painting lessons",
            "07700900777",
            "some nights i want to die",
            "Prefers afternoons",
            "Hello from Sam",
            "me-123",
            &reference,
        ] {
            assert!(text.contains(mine), "{backend}: {mine} missing from the export");
        }
        for theirs in ["Keepsie", "SE15", "guitar", "07700900555", "sometimes i want to die", "someone-else-9"] {
            let at = text.find(theirs).map(|i| &text[i.saturating_sub(300)..(i + 100).min(text.len())]);
            assert!(at.is_none(), "{backend}: someone else's {theirs} is in the export: {at:?}");
        }
        // Every row that points at me, in every table (read from the catalogue), is there.
        let tables = export::catalogue(&app.store).await.unwrap();
        for (table, columns) in &tables {
            let condition = if table == "people" {
                "id = $1"
            } else if columns.iter().any(|c| c == "person_id") {
                "person_id = $1"
            } else if columns.iter().any(|c| c == "case_id") {
                "case_id IN (SELECT id FROM cases WHERE person_id = $1)"
            } else {
                continue;
            };
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE {condition}");
            let rows: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(case.person_id)
                .fetch_one(&app.store.pool)
                .await
                .unwrap();
            let exported = data["data"][table.as_str()].as_array().map_or(0, Vec::len) as i64;
            // The transcript gains this request's own replies after the copy was made.
            let expected = if table == "messages" || table == "outbox" { exported } else { rows };
            assert!(rows > 0 || exported == 0, "{backend}: {table}");
            assert_eq!(exported, expected, "{backend}: {table} has {rows} rows about me, the export {exported}");
            if rows > 0 && table != "audit" {
                assert!(exported > 0, "{backend}: {table} missing");
            }
        }
        // Each exported row carries every column its table has.
        for (table, columns) in &tables {
            for row in data["data"][table.as_str()].as_array().into_iter().flatten() {
                for column in columns {
                    assert!(row.get(column).is_some(), "{backend}: {table}.{column} missing from the export");
                }
            }
        }
    }
}

#[tokio::test]
async fn taking_back_consent_closes_the_case_and_stops_link_worker_messages() {
    let mut app = TestApp::new("sqlite").await;
    refer(&mut app, "Zebedee", "M14", "unicorn painting lessons", "07700 900777", "some nights i want to die").await;
    let reference = cases::queue(&app.store.pool).await.unwrap()[0].reference.clone();
    let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
    let (_, worker) = worker(&app).await;
    app.linkup.send_from_worker(&case, &worker, "Hello from Sam", app.now).await.unwrap();
    app.say("/mydata").await;
    app.press("Take back my OK").await;
    assert!(app.first().starts_with("Do you want to take back your OK"), "{}", app.text());
    app.press("No, keep it").await;
    assert_eq!(app.first(), "OK, nothing has changed.");
    assert_eq!(cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap().status.as_str(), "in_contact");
    app.say("/mydata").await;
    app.press("Take back my OK").await;
    app.press("Yes, take it back").await;
    assert!(app.first().starts_with("Done. Your case is closed"), "{}", app.text());
    assert_eq!(app.labels(), ["Delete my data"]);
    let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
    assert_eq!((case.status.as_str(), case.outcome.as_deref()), ("closed", Some("consent_withdrawn")));
    assert!(case.consent_withdrawn_at.is_some() && case.consent_at.is_some(), "both times are kept");
    let refused = app.linkup.send_from_worker(&case, &worker, "Are you sure?", app.now).await;
    assert!(matches!(refused, Err(linkup::conversation::SendError::ConsentWithdrawn)), "{refused:?}");
    // The button under the reply leads on to deletion.
    app.press("Delete my data").await;
    assert!(app.first().starts_with("Do you want me to delete everything"), "{}", app.text());
    // Their words go to the bot again, not to a link worker.
    assert!(!app.say("hello?").await.replies.is_empty());
}

#[tokio::test]
async fn data_rights_read_typed_answers_help_back_and_old_buttons() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        app.user = "rights-1".into();
        let reference = app.refer("Indigo", "M14", "more to do after school").await;
        // "help" at the question: its help, then the question again; "back": nothing changes.
        app.say("/delete").await;
        app.say("help").await;
        assert!(app.first().starts_with("Tap a button, or type your answer."), "{backend}: {}", app.text());
        assert!(app.last.last().unwrap().text.starts_with("Do you want me to delete everything"), "{backend}");
        app.say("back").await;
        assert_eq!(app.text(), "OK, I won't delete anything.", "{backend}");
        // A typed "no" at the question is the button, not words for the learned tier.
        app.say("/delete").await;
        app.say("no").await;
        assert_eq!(app.text(), "OK, I won't delete anything.", "{backend}");
        // It cannot be undone, so a loose "ok" is not a yes: the question again.
        app.say("/delete").await;
        app.say("k").await;
        assert!(app.first().starts_with("Sorry, I didn't get that."), "{backend}: {}", app.text());
        assert!(app.last.last().unwrap().text.starts_with("Do you want me to delete everything"), "{backend}");
        app.say("nah").await;
        assert_eq!(app.text(), "OK, I won't delete anything.", "{backend}");
        assert!(!found_anywhere(&app.store, "Indigo").await.is_empty(), "{backend}: nothing erased");
        // The menu, by words: "see my data" is its button.
        app.say("/menu").await;
        assert_eq!(app.labels(), ["Carry on", "See my chart", "See my data", "Pause messages", "Delete my data"]);
        app.say("see my data").await;
        assert_eq!(app.first(), "Here is all of it in one file.", "{backend}");
        assert_eq!(app.labels(), ["Take back my OK", "Delete my data"], "{backend}");
        // Take back the OK, typed.
        app.say("take back my ok").await;
        assert!(app.text().starts_with("Do you want to take back your OK"), "{backend}: {}", app.text());
        app.say("yes").await;
        assert!(app.text().starts_with("Done. Your case is closed"), "{backend}: {}", app.text());
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        assert!(case.consent_withdrawn_at.is_some(), "{backend}");
        // Buttons from before these were flows still do what they say.
        app.press_payload("#menu|mydata").await;
        assert_eq!(app.first(), "Here is all of it in one file.", "{backend}");
        assert_eq!(app.labels(), ["Delete my data"], "{backend}: consent taken back, so only delete");
        app.press_payload("#menu|carry").await;
        assert!(!app.text().is_empty(), "{backend}: the flow picks up");
        // A near miss is asked about; "no" to the guess asks the question again.
        app.say("/delete").await;
        app.say("yes delet it al").await;
        assert!(app.text().starts_with("Did you mean"), "{backend}: {}", app.text());
        app.say("no").await;
        assert!(app.last.last().unwrap().text.starts_with("Do you want me to delete everything"), "{backend}");
        // Safety first, even at the question: words with risk get the crisis reply, and the
        // question is not answered by them.
        let handled = app.say("yes i want to die").await;
        assert_eq!(handled.urgent.as_deref(), Some("suicide"), "{backend}: {}", app.text());
        assert!(!found_anywhere(&app.store, "Indigo").await.is_empty(), "{backend}: nothing erased");
        // And then a plain yes deletes it all.
        app.say("/delete").await;
        app.say("yes delete it").await;
        assert!(app.text().starts_with("Done. I've deleted"), "{backend}: {}", app.text());
        assert!(found_anywhere(&app.store, "Indigo").await.is_empty(), "{backend}: erased");
    }
}

//! Wellbeing check-ins: the questions in the chat, reminders on a schedule with injected time
//! (quiet hours across the clock changes, a restart, two replicas, snooze and stop), the chart,
//! table-based scoring of a licensed instrument, and the outcome report on a hand-worked fixture.

use std::path::Path;

use chrono::DateTime;
use linkup::app::App;
use linkup::config::Config;
use linkup::conversation::Content;
use linkup::measures::Measures;
use linkup::store::{cases, checkins, outbox};

use crate::support::{TestApp, backends, linkup, root};

const DAY: i64 = 86_400_000;
const HOUR: i64 = 3_600_000;

fn at(s: &str) -> i64 {
    DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis()
}

/// Width and height from a PNG's header, if it is one.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let n = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    Some((n(16), n(20)))
}

async fn schedule_of(app: &TestApp, reference: &str) -> checkins::Schedule {
    let case = cases::by_reference(&app.store.pool, reference).await.unwrap().unwrap();
    checkins::schedule_of(&app.store.pool, case.id).await.unwrap().expect("a schedule")
}

/// Reminder texts queued for the young person so far.
async fn reminders(app: &TestApp) -> usize {
    let payloads: Vec<String> =
        sqlx::query_scalar("SELECT payload FROM outbox ORDER BY id").fetch_all(&app.store.pool).await.unwrap();
    payloads.iter().filter(|p| p.contains("quick check-in")).count()
}

/// A referral around `when`, saying yes to check-ins: its reference and the hand-off's time.
async fn referred_at(app: &mut TestApp, when: i64, name: &str) -> (String, i64) {
    app.now = when;
    let reference = app.refer(name, "M14", "I'd like to do more things").await;
    let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
    (reference, case.created_at)
}

#[tokio::test]
async fn a_check_in_asks_the_measure_and_stores_the_answers() {
    let mut app = TestApp::new("sqlite").await;
    // Before any hand-off there is nothing to check in on.
    app.say("/checkin").await;
    assert!(app.text().starts_with("Check-ins start after you send your details"), "{}", app.text());

    let reference = app.refer("Robin", "M14", "I want to get out more").await;
    assert!(app.text().contains(&reference));
    app.say("/checkin").await;
    assert!(
        app.text().starts_with("Question 1 of 4\n\nOverall, how satisfied are you with your life"),
        "{}",
        app.text()
    );
    assert_eq!(app.labels(), (0..=10).map(|n| n.to_string()).collect::<Vec<_>>());
    app.press("7").await;
    assert!(app.text().starts_with("Question 2 of 4\n\nOverall, to what extent"), "{}", app.text());
    let worthwhile = app.last[0].buttons[8].payload.clone();
    app.say("8").await; // typed, not pressed
    // A second tap on the last question's button changes nothing: still on question 3, and
    // it says so.
    app.press_payload(&worthwhile).await;
    assert!(app.first().starts_with("That button is from an earlier question"), "{}", app.text());
    assert!(app.last.last().unwrap().text.starts_with("Question 3 of 4"), "{}", app.text());
    app.say("6").await;
    app.say("2").await;
    assert!(app.text().starts_with("Thanks! That's your check-in done."), "{}", app.text());
    assert_eq!(app.labels(), ["See my chart"]);

    let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
    let history = checkins::history(&app.store.pool, case.id).await.unwrap();
    let scores = |checkin: bool| -> Vec<(String, i64)> {
        history.iter().filter(|p| p.checkin_id.is_some() == checkin).map(|p| (p.item.clone(), p.score)).collect()
    };
    let pairs = |v: &[(&str, i64)]| v.iter().map(|(i, s)| (i.to_string(), *s)).collect::<Vec<_>>();
    assert_eq!(scores(false), pairs(&[("life_satisfaction", 6), ("worthwhile", 7), ("happy", 5), ("anxious", 3)]));
    assert_eq!(scores(true), pairs(&[("life_satisfaction", 7), ("worthwhile", 8), ("happy", 6), ("anxious", 2)]));
    // The referral's own scores on the case page are still the hand-off's.
    let at_referral: Vec<i64> =
        cases::scores(&app.store.pool, case.id).await.unwrap().iter().map(|s| s.score).collect();
    assert_eq!(at_referral, [6, 7, 5, 3]);

    // The chart: a PNG of the advertised size, in the chat.
    app.press("See my chart").await;
    // The transcript holds what was pressed in words, never an internal code.
    let pressed: Vec<String> = sqlx::query_scalar("SELECT body FROM messages WHERE direction = 'in' ORDER BY id")
        .fetch_all(&app.store.pool)
        .await
        .unwrap();
    assert!(pressed.iter().all(|b| !b.starts_with('#')), "{pressed:?}");
    assert!(pressed.iter().any(|b| b == "See my chart"), "{pressed:?}");
    let file = app.last[0].attachment.as_ref().expect("a picture");
    assert!(file.image && file.filename.ends_with(".png"));
    assert_eq!(png_size(&file.body), Some((linkup::chart::WIDTH, linkup::chart::HEIGHT)));
    assert_eq!((linkup::chart::WIDTH, linkup::chart::HEIGHT), (1200, 900));
    assert!(app.text().starts_with("Here is how your answers have changed"), "{}", app.text());

    // A young person under 16 answers the two items worded for their age.
    app.user = "younger-1".into();
    app.start().await;
    for line in
        ["1", "3", "Kit", "M14", "1", "done", "my words", "2", "done", "4", "3", "2", "1", "done", "1", "3", "done"]
    {
        app.say(line).await;
    }
    app.press("No thanks").await;
    app.press("Yes, send it").await;
    app.say("/checkin").await;
    assert!(
        app.text().starts_with("Question 1 of 2\n\nHow do you feel about your life at the moment?"),
        "{}",
        app.text()
    );
    app.say("5").await;
    assert!(app.text().starts_with("Question 2 of 2\n\nHow happy did you feel yesterday?"), "{}", app.text());
    app.say("not a number").await; // goes on as usual; the question stays open
    app.say("9").await;
    assert!(app.text().starts_with("Thanks!"), "{}", app.text());
    // They said no to reminders: there is no schedule for them.
    let kit = app.reference_of("Kit").await;
    let case = cases::by_reference(&app.store.pool, &kit).await.unwrap().unwrap();
    assert!(checkins::schedule_of(&app.store.pool, case.id).await.unwrap().is_none());
}

/// The scores stored for the person's check-ins so far, in order.
async fn checkin_scores(app: &TestApp) -> Vec<(String, i64)> {
    sqlx::query_as("SELECT item, score FROM case_scores WHERE checkin_id IS NOT NULL ORDER BY id")
        .fetch_all(&app.store.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_check_in_takes_typed_answers_back_and_help_as_the_flow_does() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let reference = app.refer("Robin", "M14", "I want to get out more").await;
        app.say("/checkin").await;
        assert!(app.text().starts_with("Question 1 of 4"), "{backend}: {}", app.text());
        let first_question = app.last[0].buttons[3].payload.clone();
        app.say("seven").await;
        assert!(app.text().starts_with("Question 2 of 4"), "{backend}: {}", app.text());
        // "help": the check-in's help, then the same question again.
        app.say("help").await;
        assert!(app.first().starts_with("Tap the answer that fits you"), "{backend}: {}", app.text());
        assert!(app.last.last().unwrap().text.starts_with("Question 2 of 4"), "{backend}: {}", app.text());
        // "back": the last question again, its answer taken back to be changed.
        app.say("back").await;
        assert!(app.text().starts_with("Question 1 of 4"), "{backend}: {}", app.text());
        assert!(checkin_scores(&app).await.is_empty(), "{backend}: the 7 is taken back");
        app.say("8").await;
        // Unsure words are asked about, as at any question.
        app.say("6 cos school was ok").await;
        assert!(app.text().starts_with("Did you mean"), "{backend}: {}", app.text());
        app.say("yes").await;
        assert!(app.text().starts_with("Question 3 of 4"), "{backend}: {}", app.text());
        // Safety first, mid check-in: the crisis reply and an urgent case; the check-in waits.
        let handled = app.say("honestly i want to kill myself").await;
        assert_eq!(handled.urgent.as_deref(), Some("suicide"), "{backend}: {}", app.text());
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        assert_eq!(case.urgent, 1, "{backend}");
        assert!(!checkin_scores(&app).await.iter().any(|(i, _)| i == "happy"), "{backend}: words are never a score");
        app.say("5").await;
        assert!(app.text().starts_with("Question 4 of 4"), "{backend}: {}", app.text());
        app.say("2").await;
        assert!(app.text().starts_with("Thanks! That's your check-in done."), "{backend}: {}", app.text());
        let pairs = |v: &[(&str, i64)]| v.iter().map(|(i, s)| (i.to_string(), *s)).collect::<Vec<_>>();
        assert_eq!(
            checkin_scores(&app).await,
            pairs(&[("life_satisfaction", 8), ("worthwhile", 6), ("happy", 5), ("anxious", 2)]),
            "{backend}"
        );
        // The first question's button, pressed after the check-in is over: the offer of a new one.
        app.press_payload(&first_question).await;
        assert!(app.text().starts_with("That check-in has ended."), "{backend}: {}", app.text());
        assert_eq!(app.labels(), ["Yes, let's do it"], "{backend}");
        // A check-in answer button from before these were flows: the same.
        app.press_payload("#ci|1|life_satisfaction|3").await;
        assert!(app.text().starts_with("That check-in has ended."), "{backend}: {}", app.text());
        app.say("yes").await;
        assert!(app.text().starts_with("Question 1 of 4"), "{backend}: typed, the offer starts one: {}", app.text());
        // Typed, the answers are recorded as typed, with what they chose beside them.
        let typed: Vec<String> =
            sqlx::query_scalar("SELECT meta FROM messages WHERE direction = 'in' AND body = 'seven' ORDER BY id")
                .fetch_all(&app.store.pool)
                .await
                .unwrap();
        assert!(typed.iter().any(|m| m.contains(r#""chosen":"7""#)), "{backend}: {typed:?}");
        assert_eq!(checkin_scores(&app).await.len(), 4, "{backend}: nothing stored by the old buttons");
    }
}

#[tokio::test]
async fn reminders_follow_the_plan_once_across_restarts_and_replicas() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let (reference, t0) = referred_at(&mut app, at("2027-01-04T10:00:00Z"), "Robin").await;
        let s = schedule_of(&app, &reference).await;
        assert_eq!(s.next_at, Some(t0 + 14 * DAY), "{backend}: first after two weeks");
        assert_eq!(s.until_at, t0 + 183 * DAY);

        assert_eq!(app.linkup.remind(t0 + 14 * DAY - 60_000).await.unwrap().sent, 0, "{backend}: not yet");
        assert_eq!(app.linkup.remind(t0 + 14 * DAY).await.unwrap().sent, 1);
        assert_eq!(app.linkup.remind(t0 + 14 * DAY + 60_000).await.unwrap().sent, 0, "{backend}: once");
        assert_eq!(reminders(&app).await, 1);
        // Neutral words on the lock screen, and the three buttons.
        let payload: String = sqlx::query_scalar("SELECT payload FROM outbox ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
        let item: outbox::Item = serde_json::from_str(&payload).unwrap();
        let outbox::Item::Message { text, buttons, .. } = item else { panic!("{payload}") };
        assert_eq!(text, "Hi, it's linkup. Have you got a minute for a quick check-in?");
        let labels: Vec<&str> = buttons.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["Yes, let's do it", "Not now", "Stop check-ins"]);
        assert_eq!(schedule_of(&app, &reference).await.next_at, Some(t0 + 42 * DAY));

        // A restart: a new process (store and service) carries on from the database.
        let url = app.db.url.clone();
        let config = Config { database_url: url.clone(), ..Config::default() };
        let after_restart = App::build(config.clone()).await.unwrap().linkup;
        assert_eq!(after_restart.remind(t0 + 41 * DAY).await.unwrap().sent, 0);
        assert_eq!(after_restart.remind(t0 + 42 * DAY).await.unwrap().sent, 1, "{backend}: after the restart");

        // Two replicas at the same moment: one reminder between them, many times over.
        let replica = App::build(config).await.unwrap().linkup;
        let mut total = 0;
        for k in 0..5 {
            let due = t0 + (70 + 28 * k) * DAY;
            let (a, b) = tokio::join!(after_restart.remind(due), replica.remind(due));
            let (a, b) = (a.unwrap().sent, b.unwrap().sent);
            assert_eq!(a + b, 1, "{backend}: reminder {k} sent {a} + {b} times");
            total += a + b;
        }
        // 14, 42, 70, 98, 126, 154 and 182 days: then six months are up.
        assert_eq!(total, 5);
        assert_eq!(reminders(&app).await, 7, "{backend}");
        let s = schedule_of(&app, &reference).await;
        assert_eq!((s.next_at, s.reminders_sent), (None, 7), "{backend}: finished");
        assert_eq!(app.linkup.remind(t0 + 400 * DAY).await.unwrap().sent, 0);
    }
}

#[tokio::test]
async fn quiet_hours_hold_reminders_by_the_london_clock_across_the_changes() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let (reference, _) = referred_at(&mut app, at("2027-03-01T12:00:00Z"), "Robin").await;
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        let due_at = |when: i64| {
            let pool = app.store.pool.clone();
            async move {
                sqlx::query("UPDATE checkin_schedules SET next_at = $1 WHERE case_id = $2")
                    .bind(when)
                    .bind(case.id)
                    .execute(&pool)
                    .await
                    .unwrap();
            }
        };
        let next = || async { schedule_of(&app, &reference).await.next_at };

        // Saturday 27 March 2027, GMT: 07:30 is quiet; the reminder waits until 08:00.
        due_at(at("2027-03-27T07:30:00Z")).await;
        let r = app.linkup.remind(at("2027-03-27T07:30:00Z")).await.unwrap();
        assert_eq!((r.sent, r.deferred), (0, 1), "{backend}");
        assert_eq!(next().await, Some(at("2027-03-27T08:00:00Z")));
        assert_eq!(app.linkup.remind(at("2027-03-27T07:59:00Z")).await.unwrap().sent, 0);
        assert_eq!(app.linkup.remind(at("2027-03-27T08:00:00Z")).await.unwrap().sent, 1);

        // The clocks go forward at 01:00 GMT on Sunday 28 March: due at 00:30 GMT, it waits
        // until 08:00 BST, which is 07:00 GMT.
        due_at(at("2027-03-28T00:30:00Z")).await;
        app.linkup.remind(at("2027-03-28T00:30:00Z")).await.unwrap();
        assert_eq!(next().await, Some(at("2027-03-28T07:00:00Z")), "{backend}: 08:00 BST");
        assert_eq!(app.linkup.remind(at("2027-03-28T07:00:00Z")).await.unwrap().sent, 1);

        // Summer: 07:30 GMT is 08:30 BST, not quiet.
        due_at(at("2027-06-01T07:30:00Z")).await;
        assert_eq!(app.linkup.remind(at("2027-06-01T07:30:00Z")).await.unwrap().sent, 1, "{backend}");
        // ...and 20:30 GMT is 21:30 BST, quiet.
        due_at(at("2027-06-01T20:30:00Z")).await;
        assert_eq!(app.linkup.remind(at("2027-06-01T20:30:00Z")).await.unwrap().deferred, 1);
        assert_eq!(next().await, Some(at("2027-06-02T07:00:00Z")));

        // The clocks go back at 01:00 GMT on Sunday 31 October: due at 21:30 BST on the 30th,
        // it waits until 08:00 GMT on the 31st.
        due_at(at("2027-10-30T20:30:00Z")).await;
        assert_eq!(app.linkup.remind(at("2027-10-30T20:30:00Z")).await.unwrap().deferred, 1);
        assert_eq!(next().await, Some(at("2027-10-31T08:00:00Z")), "{backend}: 08:00 GMT");
        assert_eq!(app.linkup.remind(at("2027-10-31T07:30:00Z")).await.unwrap().sent, 0);
        assert_eq!(app.linkup.remind(at("2027-10-31T08:00:00Z")).await.unwrap().sent, 1);
        // Winter again: 20:30 GMT is not quiet.
        due_at(at("2027-11-01T20:30:00Z")).await;
        assert_eq!(app.linkup.remind(at("2027-11-01T20:30:00Z")).await.unwrap().sent, 1, "{backend}");
    }
}

#[tokio::test]
async fn not_now_puts_a_reminder_off_a_day_and_stop_ends_them() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let (reference, t0) = referred_at(&mut app, at("2027-01-04T10:00:00Z"), "Robin").await;
        let due = t0 + 14 * DAY;
        assert_eq!(app.linkup.remind(due).await.unwrap().sent, 1);
        // The young person sees the reminder and taps "Not now" two hours later.
        app.now = due + 2 * HOUR - 1000;
        app.press_payload("#checkin|snooze").await;
        assert_eq!(app.text(), "OK. We will ask again tomorrow.");
        let s = schedule_of(&app, &reference).await;
        assert_eq!((s.next_at, s.snoozes), (Some(due + 2 * HOUR + 24 * HOUR), 1), "{backend}");
        assert_eq!(app.linkup.remind(due + 25 * HOUR).await.unwrap().sent, 0);
        assert_eq!(app.linkup.remind(due + 26 * HOUR).await.unwrap().sent, 1, "{backend}: the next day");
        // Then the plan carries on from there.
        assert_eq!(schedule_of(&app, &reference).await.next_at, Some(due + 26 * HOUR + 28 * DAY));

        // "Yes, let's do it" starts the check-in.
        app.now = due + 27 * HOUR;
        app.press_payload("#checkin|start").await;
        assert!(app.text().starts_with("Question 1 of 4"), "{}", app.text());

        // "Stop check-ins": nothing more, ever; /checkin still works.
        app.press_payload("#checkin|stop").await;
        assert!(app.text().starts_with("OK. We won't send check-ins any more."), "{}", app.text());
        let s = schedule_of(&app, &reference).await;
        assert!(s.stopped_at.is_some() && s.next_at.is_none(), "{backend}");
        assert_eq!(app.linkup.remind(due + 100 * DAY).await.unwrap().sent, 0);
        // A late "Not now" on an old reminder does not bring them back.
        app.press_payload("#checkin|snooze").await;
        assert!(schedule_of(&app, &reference).await.next_at.is_none(), "{backend}");
        app.say("/checkin").await;
        assert!(app.text().starts_with("Question"), "{}", app.text());
    }
}

#[tokio::test]
async fn paused_or_deleted_young_people_get_no_reminders() {
    let mut app = TestApp::new("sqlite").await;
    let (reference, t0) = referred_at(&mut app, at("2027-01-04T10:00:00Z"), "Robin").await;
    app.say("/stop").await;
    let r = app.linkup.remind(t0 + 14 * DAY).await.unwrap();
    assert_eq!((r.sent, r.skipped), (0, 1));
    assert_eq!(reminders(&app).await, 0);
    // Skipped, not held back: the next one is on the plan.
    assert_eq!(schedule_of(&app, &reference).await.next_at, Some(t0 + 42 * DAY));
    // Writing again un-pauses; deleting everything ends the schedule (and erases it).
    app.now = t0 + 20 * DAY;
    app.say("/delete").await;
    app.press("Yes, delete it all").await;
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM checkin_schedules").fetch_one(&app.store.pool).await.unwrap();
    assert_eq!(left, 0);
    assert_eq!(app.linkup.remind(t0 + 42 * DAY).await.unwrap().sent, 0);
}

#[test]
fn a_licensed_instrument_is_scored_through_its_conversion_table() {
    let (measures, problems) = Measures::load(&root().join("flows/measures/examples"));
    assert!(problems.is_empty(), "{problems:#?}");
    let swemwbs = &measures.instruments["swemwbs"];
    let answers = |scores: [u8; 7]| {
        let ids = ["item1", "item2", "item3", "item4", "item5", "item6", "item7"];
        ids.into_iter().zip(scores).collect::<Vec<_>>()
    };
    // Worked by hand from the table: raw 7 → 7.00, 21 → 19.25, 25 → 22.35, 35 → 35.00.
    assert_eq!(swemwbs.total(&answers([1; 7])), Some(7.00));
    assert_eq!(swemwbs.total(&answers([3; 7])), Some(19.25));
    assert_eq!(swemwbs.total(&answers([4, 4, 3, 3, 2, 5, 4])), Some(22.35));
    assert_eq!(swemwbs.total(&answers([5; 7])), Some(35.00));
    // Bands of the metric score.
    assert_eq!(swemwbs.total_band(16.88), Some("low"));
    assert_eq!(swemwbs.total_band(19.25), Some("below average"));
    assert_eq!(swemwbs.total_band(22.35), Some("average"));
    assert_eq!(swemwbs.total_band(29.31), Some("high"));
    // An item missing or out of range gives no total.
    assert_eq!(swemwbs.total(&answers([3; 7])[..6]), None);
    assert_eq!(swemwbs.total(&answers([3, 3, 3, 3, 3, 3, 6])), None);
    assert_eq!(swemwbs.total_range(), Some((7.0, 35.0)));

    // A summed scale with no table (as the Stirling scale is scored) totals the raw answers.
    let dir = tempfile::tempdir().unwrap();
    let stirling = r#"
id = "stirling-like"
name = "A summed scale"
licence = "Example"
min = 1
max = 5
bands = [{ upto = 5, band = "answered" }]
[scoring]
method = "sum"
[[item]]
id = "a"
label = "A"
ask = "x-a"
[[item]]
id = "b"
label = "B"
ask = "x-b"
[[item]]
id = "c"
label = "C"
ask = "x-c"
"#;
    std::fs::write(dir.path().join("s.toml"), stirling).unwrap();
    let (m, problems) = Measures::load(dir.path());
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(m.instruments["stirling-like"].total(&[("a", 2), ("b", 5), ("c", 4)]), Some(11.0));

    // A table that skips a raw total is a problem, named.
    std::fs::write(
        dir.path().join("s.toml"),
        stirling.replace(
            "method = \"sum\"",
            "method = \"sum\"\ntable = [{ raw = 3, score = 1.0 }, { raw = 5, score = 2.0 }]",
        ),
    )
    .unwrap();
    let (_, problems) = Measures::load(dir.path());
    assert!(problems.iter().any(|p| p.to_string().contains("every raw total from 3 to 15")), "{problems:#?}");
}

/// flows/ and locales/ copied, with the worked example installed as its README says.
fn with_swemwbs(dir: &Path) {
    let copy = |from: &Path, to: &Path| {
        for entry in walk(from) {
            let target = to.join(entry.strip_prefix(from).unwrap());
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&entry, &target).unwrap();
        }
    };
    copy(&root().join("flows"), &dir.join("flows"));
    copy(&root().join("locales"), &dir.join("locales"));
    let example = root().join("flows/measures/examples");
    std::fs::copy(example.join("swemwbs.toml"), dir.join("flows/measures/swemwbs.toml")).unwrap();
    std::fs::copy(example.join("swemwbs.ftl"), dir.join("locales/en-GB/swemwbs.ftl")).unwrap();
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}

#[tokio::test]
async fn a_service_can_check_in_with_its_own_licensed_instrument() {
    let dir = tempfile::tempdir().unwrap();
    with_swemwbs(dir.path());
    // Without the wording, `flows check` names what is missing.
    std::fs::remove_file(dir.path().join("locales/en-GB/swemwbs.ftl")).unwrap();
    let missing = Content::load(&dir.path().join("flows"), &dir.path().join("locales")).unwrap_err();
    assert!(missing.iter().any(|p| p.to_string().contains("\"swemwbs-1\" (measure swemwbs)")), "{missing:#?}");
    with_swemwbs(dir.path());
    let content = Content::load(&dir.path().join("flows"), &dir.path().join("locales")).unwrap();

    let mut app = TestApp::new("sqlite").await;
    let mut config = Config { database_url: app.db.url.clone(), ..Config::default() };
    config.checkins.measure = "swemwbs".into();
    app.linkup = App::with_content(config, content).await.unwrap().linkup;
    app.refer("Robin", "M14", "more to do").await;
    app.say("/checkin").await;
    assert!(app.text().starts_with("Question 1 of 7\n\n[SWEMWBS item 1:"), "{}", app.text());
    assert_eq!(app.labels(), ["[response 1]", "[response 2]", "[response 3]", "[response 4]", "[response 5]"]);
    app.press("[response 4]").await;
    for typed in ["4", "3", "3", "2", "[response 5]", "4"] {
        app.say(typed).await;
    }
    assert!(app.text().starts_with("Thanks!"), "{}", app.text());
    let scores: Vec<i64> = sqlx::query_scalar("SELECT score FROM case_scores WHERE checkin_id IS NOT NULL ORDER BY id")
        .fetch_all(&app.store.pool)
        .await
        .unwrap();
    assert_eq!(scores, [4, 4, 3, 3, 2, 5, 4]);
    // The chart shows the metric score: raw 25 → 22.35.
    let reference = app.reference_of("Robin").await;
    let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
    let history = checkins::history(&app.store.pool, case.id).await.unwrap();
    let chart = app.linkup.trend(&history, "en-GB").expect("a chart");
    assert_eq!(chart.series.len(), 1);
    assert_eq!(chart.series[0].name, "SWEMWBS metric score");
    assert_eq!(chart.series[0].points.iter().map(|p| p.1).collect::<Vec<_>>(), [22.35]);
    assert_eq!((chart.y_min, chart.y_max), (7.0, 35.0));
}

/// One case of the report's fixture.
struct Fixture {
    reference: &'static str,
    team: &'static str,
    source: &'static str,
    area: Option<&'static str>,
    kind: Option<&'static str>,
    /// Handed off at.
    when: &'static str,
    /// First contact this many hours after the hand-off.
    contact_hours: Option<i64>,
    status: &'static str,
    outcome: Option<&'static str>,
}

/// A case's scores on one occasion: (reference, occasion, [(item, score)]).
type Occasion = (&'static str, i64, &'static [(&'static str, i64)]);

/// The outcome report's fixture: seven cases whose figures are worked out by hand below.
async fn report_fixture(pool: &sqlx::AnyPool) {
    let cases = [
        Fixture {
            reference: "LU-AAAA",
            team: "main",
            source: "self",
            area: Some("LS6"),
            kind: Some("district"),
            when: "2027-01-05T10:00:00Z",
            contact_hours: Some(24),
            status: "closed",
            outcome: Some("connected"),
        },
        Fixture {
            reference: "LU-BBBB",
            team: "main",
            source: "Park School",
            area: Some("LS6"),
            kind: Some("district"),
            // A Friday: contacted on Monday, 72 hours later but within 2 working days.
            when: "2027-01-08T10:00:00Z",
            contact_hours: Some(72),
            status: "closed",
            outcome: Some("referred"),
        },
        Fixture {
            reference: "LU-CCCC",
            team: "main",
            source: "Park School",
            area: Some("hebden  BRIDGE"),
            kind: Some("place"),
            when: "2027-01-15T10:00:00Z",
            contact_hours: Some(12),
            status: "in_contact",
            outcome: None,
        },
        Fixture {
            reference: "LU-DDDD",
            team: "main",
            source: "self",
            area: None,
            kind: None,
            when: "2027-01-20T10:00:00Z",
            contact_hours: None,
            status: "waiting",
            outcome: None,
        },
        Fixture {
            reference: "LU-EEEE",
            team: "main",
            source: "GP surgery",
            area: Some("M14"),
            kind: Some("district"),
            when: "2027-01-31T23:00:00Z",
            contact_hours: Some(48),
            status: "closed",
            outcome: Some("connected"),
        },
        // Outside the period, and another team's.
        Fixture {
            reference: "LU-FFFF",
            team: "main",
            source: "self",
            area: Some("M14"),
            kind: Some("district"),
            when: "2027-02-01T00:00:00Z",
            contact_hours: Some(1),
            status: "closed",
            outcome: Some("connected"),
        },
        Fixture {
            reference: "LU-GGGG",
            team: "north",
            source: "self",
            area: Some("LS6"),
            kind: Some("district"),
            when: "2027-01-10T10:00:00Z",
            contact_hours: Some(1),
            status: "closed",
            outcome: Some("referred"),
        },
    ];
    for (i, f) in cases.iter().enumerate() {
        let created = at(f.when);
        let person: i64 = sqlx::query_scalar(
            "INSERT INTO people (channel, channel_user, locale, source, created_at, last_seen_at)
             VALUES ('test', $1, 'en-GB', $2, $3, $3) RETURNING id",
        )
        .bind(format!("fixture-{i}"))
        .bind(f.source)
        .bind(created)
        .fetch_one(pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO cases (reference, person_id, flow, source, status, locale, area, area_kind, team, created_at,
                 updated_at, first_contact_at, outcome, closed_at, consent_at)
             VALUES ($1, $2, 'self-referral', $3, $4, 'en-GB', $5, $6, $7, $8, $8, $9, $10, $11, $8)",
        )
        .bind(f.reference)
        .bind(person)
        .bind(f.source)
        .bind(f.status)
        .bind(f.area)
        .bind(f.kind)
        .bind(f.team)
        .bind(created)
        .bind(f.contact_hours.map(|h| created + h * HOUR))
        .bind(f.outcome)
        .bind((f.status == "closed").then_some(created + 10 * DAY))
        .execute(pool)
        .await
        .unwrap();
    }
    // Scores: (reference, occasion: 0 the hand-off, n a check-in, -1 an unfinished check-in,
    // [(item, score)]).
    let scores: &[Occasion] = &[
        ("LU-AAAA", 0, &[("life_satisfaction", 4), ("happy", 5), ("anxious", 7)]),
        ("LU-AAAA", 1, &[("life_satisfaction", 6), ("happy", 5), ("anxious", 4)]),
        ("LU-AAAA", 2, &[("life_satisfaction", 7), ("happy", 4), ("anxious", 4)]),
        ("LU-BBBB", 0, &[("life_satisfaction", 6), ("happy", 6), ("anxious", 3)]),
        ("LU-BBBB", 1, &[("life_satisfaction", 6), ("happy", 8), ("anxious", 5)]),
        ("LU-BBBB", -1, &[("life_satisfaction", 1)]),
        ("LU-CCCC", 0, &[("life_satisfaction", 5)]),
        ("LU-EEEE", 0, &[("life_satisfaction", 3)]),
        ("LU-EEEE", 1, &[("life_satisfaction", 5)]),
        ("LU-GGGG", 0, &[("life_satisfaction", 1)]),
        ("LU-GGGG", 1, &[("life_satisfaction", 9)]),
    ];
    for (reference, occasion, items) in scores {
        let (case, person, created): (i64, i64, i64) =
            sqlx::query_as("SELECT id, person_id, created_at FROM cases WHERE reference = $1")
                .bind(*reference)
                .fetch_one(pool)
                .await
                .unwrap();
        let when = created + occasion.abs() * 14 * DAY;
        let checkin: Option<i64> = if *occasion == 0 {
            None
        } else {
            Some(
                sqlx::query_scalar(
                    "INSERT INTO checkins (person_id, case_id, measure, started_by, started_at, completed_at)
                     VALUES ($1, $2, 'ons4', 'asked', $3, $4) RETURNING id",
                )
                .bind(person)
                .bind(case)
                .bind(when)
                .bind((*occasion > 0).then_some(when + 60_000))
                .fetch_one(pool)
                .await
                .unwrap(),
            )
        };
        for (item, score) in *items {
            sqlx::query(
                "INSERT INTO case_scores (case_id, measure, item, score, recorded_at, checkin_id)
                 VALUES ($1, 'ons4', $2, $3, $4, $5)",
            )
            .bind(case)
            .bind(*item)
            .bind(*score)
            .bind(when)
            .bind(checkin)
            .execute(pool)
            .await
            .unwrap();
        }
    }
}

#[tokio::test]
async fn the_outcome_report_gives_the_figures_worked_by_hand() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        report_fixture(&app.store.pool).await;
        let out = linkup(
            &app.db.url,
            &["report", "outcomes", "--from", "2027-01-01", "--to", "2027-01-31", "--team", "main", "--format", "csv"],
            "",
        );
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let csv = String::from_utf8_lossy(&out.stdout).to_string();
        let has = |line: &str| assert!(csv.lines().any(|l| l == line), "{backend}: no line {line:?} in\n{csv}");
        // Five cases in January in team main (not February's, not team north's).
        has("cases,all,handed_off,5");
        // Sources: Park School 2, self 2, GP surgery 1 (most first, then by name).
        has("source,Park School,cases,2");
        has("source,self,cases,2");
        has("source,GP surgery,cases,1");
        let sources: Vec<&str> = csv.lines().filter(|l| l.starts_with("source,")).collect();
        assert_eq!(sources, ["source,Park School,cases,2", "source,self,cases,2", "source,GP surgery,cases,1"]);
        // Areas: LS6 twice; a place name tidied; one not given.
        has("area,LS6,cases,2");
        has("area,Hebden Bridge,cases,1");
        has("area,M14,cases,1");
        has("area,Not given,cases,1");
        // First contact after 24, 72, 12 and 48 hours; one not yet. Sorted 12, 24, 48, 72:
        // median (24 + 48) / 2 = 36, mean 156 / 4 = 39. Within 2 working days: all 4, B's 72
        // hours too (Friday 10:00 to Monday 10:00; due Tuesday 10:00), which 2 calendar days
        // would not count.
        has("first_contact,all,contacted,4");
        has("first_contact,all,not_yet,1");
        has("first_contact,all,median_hours,36.0");
        has("first_contact,all,mean_hours,39.0");
        has("first_contact,all,within_2_days,4");
        has("first_contact,all,within_2_days_pct,100.0");
        // Life satisfaction, first → latest: A 4 → 7, B 6 → 6 (its unfinished check-in does
        // not count), E 3 → 5; C has one score only. Means 13/3 = 4.33 and 18/3 = 6.00.
        has("scores,ons4.life_satisfaction,cases,3");
        has("scores,ons4.life_satisfaction,first_mean,4.33");
        has("scores,ons4.life_satisfaction,latest_mean,6.00");
        has("scores,ons4.life_satisfaction,improved,2");
        has("scores,ons4.life_satisfaction,same,1");
        has("scores,ons4.life_satisfaction,worse,0");
        has("scores,ons4.life_satisfaction,improved_pct,66.7");
        has("scores,ons4.life_satisfaction,same_pct,33.3");
        // Happy: A 5 → 4 worse, B 6 → 8 better.
        has("scores,ons4.happy,cases,2");
        has("scores,ons4.happy,first_mean,5.50");
        has("scores,ons4.happy,latest_mean,6.00");
        has("scores,ons4.happy,improved_pct,50.0");
        has("scores,ons4.happy,worse_pct,50.0");
        // Anxious runs the other way: A 7 → 4 is better, B 3 → 5 is worse.
        has("scores,ons4.anxious,first_mean,5.00");
        has("scores,ons4.anxious,latest_mean,4.50");
        has("scores,ons4.anxious,improved,1");
        has("scores,ons4.anxious,worse,1");
        assert!(!csv.contains("ons4.worthwhile"), "{backend}: nobody answered it twice");
        // Outcomes: A and E connected, B referred, C and D open.
        has("outcome,Connected to an activity or support,cases,2");
        has("outcome,Referred elsewhere,cases,1");
        has("outcome,Still open,cases,2");

        // Every team: Leeds north's case joins (6 cases; its life score 1 → 9 improved).
        let out = linkup(&app.db.url, &["report", "outcomes", "--from", "2027-01-01", "--to", "2027-01-31"], "");
        let md = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(md.starts_with("# Outcomes: 2027-01-01 to 2027-01-31 (all teams)"), "{md}");
        assert!(md.contains("Cases handed off: **6**"), "{md}");
        assert!(md.contains("- Within 2 working days: 5 (100.0% of those contacted)"), "{md}");
        assert!(
            md.contains("| ons4 | Life satisfaction | 4 | 3.50 | 6.75 | 75.0% ███████████████ | 25.0% | 0.0% |"),
            "{md}"
        );
        assert!(md.contains("| ons4 | Anxious yesterday (lower is better) | 2 |"), "{md}");

        // Bad input gets a clear message.
        let out = linkup(&app.db.url, &["report", "outcomes", "--from", "2027-02-30", "--to", "2027-01-31"], "");
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("\"2027-02-30\" is not a date"), "{out:?}");
        let out = linkup(&app.db.url, &["report", "outcomes", "--from", "2027-02-01", "--to", "2027-01-31"], "");
        assert!(String::from_utf8_lossy(&out.stderr).contains("ends (2027-01-31) before it starts"), "{out:?}");
        let out = linkup(
            &app.db.url,
            &["report", "outcomes", "--from", "2027-01-01", "--to", "2027-01-31", "--format", "pdf"],
            "",
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("unknown format \"pdf\""), "{out:?}");
    }
}

#[tokio::test]
async fn the_dashboard_shows_the_report_and_each_case_s_chart() {
    use crate::dashboard::{Browser, add_worker, serve};
    use linkup::store::workers::Role;
    let mut app = TestApp::new("sqlite").await;
    report_fixture(&app.store.pool).await;
    // A real young person in team main with a check-in, for the case page.
    let (reference, _) = referred_at(&mut app, at("2027-01-12T10:00:00Z"), "Robin").await;
    for line in ["/checkin", "7", "8", "6", "2"] {
        app.say(line).await;
    }
    add_worker(&app, "sam@example.org", "Sam Taylor", "main", Role::Worker).await;
    add_worker(&app, "nik@example.org", "Nik North", "north", Role::Worker).await;
    let base = serve(&app).await;
    let (mut sam, _) = Browser::signed_in(&base, "sam@example.org").await;

    // The report: team main's figures, whatever team is asked for; and the same CSV as the CLI.
    let page = sam.get("/reports/outcomes?from=2027-01-01&to=2027-01-31&team=north").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("id=\"cases-total\">6<"), "5 fixture cases and Robin's: {}", page.body);
    assert!(page.body.contains("<td>Park School</td><td>2</td><td>33.3</td>"), "{}", page.body);
    assert!(page.body.contains("<meter min=\"0\" max=\"6\" value=\"2\">"), "{}", page.body);
    assert!(page.body.contains("<dt>Within 2 working days</dt>"), "{}", page.body);
    let csv = sam.get("/reports/outcomes?from=2027-01-01&to=2027-01-31&format=csv").await.body;
    let out = linkup(
        &app.db.url,
        &["report", "outcomes", "--from", "2027-01-01", "--to", "2027-01-31", "--team", "main", "--format", "csv"],
        "",
    );
    assert_eq!(csv, String::from_utf8_lossy(&out.stdout));
    assert!(csv.contains("scores,ons4.worthwhile,cases,1\n"), "Robin's check-in counts: {csv}");
    let bad = sam.get("/reports/outcomes?from=2027-13-01&to=2027-01-31").await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("is not a date"), "{}", bad.body);

    // The case page: the schedule, the scores table and the chart.
    let case = sam.get(&format!("/cases/{reference}")).await.body;
    assert!(case.contains("Next reminder 2027-01-26 10:0"), "{case}");
    assert!(case.contains("<td>Check-in</td><td>Life satisfaction 7 · Things done are worthwhile 8"), "{case}");
    assert!(case.contains(&format!("src=\"/cases/{reference}/chart.png\"")), "{case}");
    let (status, kind, png) = sam.bytes(&format!("/cases/{reference}/chart.png")).await;
    assert_eq!((status, kind.as_str()), (200, "image/png"));
    assert_eq!(png_size(&png), Some((1200, 900)));
    // Another team's worker gets the same "not found" as for no case at all.
    let (mut nik, _) = Browser::signed_in(&base, "nik@example.org").await;
    assert_eq!(nik.bytes(&format!("/cases/{reference}/chart.png")).await.0, 404);
    let north = nik.get("/reports/outcomes?from=2027-01-01&to=2027-01-31").await.body;
    assert!(north.contains("id=\"cases-total\">1<"), "team north has one case: {north}");
}

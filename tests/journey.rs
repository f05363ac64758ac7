//! End to end: the terminal chat scripted on stdin through the whole conversation (under-16
//! and 16+), then the queue and the case as a link worker sees them; and journeys in-process
//! for the exits, "talk to a person", "back" and "start again".

use linkup::config::Config;
use linkup::store::cases;
use serde_json::Value;

use crate::support::{TestApp, backends, fresh_db, linkup};

const UNDER_16: &[&str] = &[
    "1",                // Yes, let's go
    "3",                // 13–15
    "skip",             // no name (the Skip button, typed)
    "Oak Hill Academy", // a school, not a postcode
    "2 10",             // friends, being bullied
    "done",             //
    "people at school are mean to me and I feel left out",
    "1, 4, 6",      // sport, gaming, animals
    "Done",         //
    "4",            // life: 4 → low
    "3",            // happy yesterday: 3 → low
    "No",           // the safety question
    "1 2",          // talk, activities
    "5",            // Done (by number)
    "1",            // in this chat
    "1 2",          // mornings, afternoons
    "done",         //
    "No thanks",    // no check-ins
    "Yes, send it", // the label typed
];

const SIXTEEN_PLUS: &[&str] = &[
    "yes, let's go",
    "4", // 16–18
    "Sam",
    "m14 5ab", // full postcode: only the district is kept
    "1 3 5",   // school, family, worried or low
    "done",
    "I want to make friends and get out more",
    "2, 4", // music, gaming
    "done",
    "6",  // life satisfaction → medium
    "7",  // worthwhile → high
    "5",  // happy → medium
    "3",  // anxious → low
    "no", // the safety question
    "1",  // talk
    "done",
    "2", // phone call
    "+44 7700 900123",
    "3", // evenings
    "done",
    "1", // yes please to check-ins
    "1", // yes, send it
];

fn script(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn json(url: &str, args: &[&str]) -> Value {
    let out = linkup(url, args, "");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// Runs a scripted chat and returns the reference it printed.
fn chat(url: &str, lines: &[&str]) -> String {
    let out = linkup(url, &["demo"], &script(lines));
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let line =
        stdout.lines().find(|l| l.contains("[demo] Case LU-")).unwrap_or_else(|| panic!("no case created:\n{stdout}"));
    line.split_whitespace().find(|w| w.starts_with("LU-")).unwrap().to_string()
}

/// (item, score, band) of each score in `case show --json`.
fn scores_of(shown: &Value) -> Vec<(String, i64, String)> {
    shown["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["item"].as_str().unwrap().into(), s["score"].as_i64().unwrap(), s["band"].as_str().unwrap().into()))
        .collect()
}

/// The scores both under-16 journeys answer: life 4, happy 3.
fn under_16_scores() -> Vec<(String, i64, String)> {
    vec![("life_satisfaction".into(), 4, "low".into()), ("happy".into(), 3, "low".into())]
}

/// The scores both 16+ journeys answer: 6, 7, 5 and 3.
fn sixteen_plus_scores() -> Vec<(String, i64, String)> {
    vec![
        ("life_satisfaction".into(), 6, "medium".into()),
        ("worthwhile".into(), 7, "high".into()),
        ("happy".into(), 5, "medium".into()),
        ("anxious".into(), 3, "low".into()),
    ]
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array().expect("array").iter().map(|s| s.as_str().unwrap()).collect()
}

#[tokio::test]
async fn scripted_terminal_journeys_reach_the_queue_with_every_field() {
    for backend in backends() {
        let db = fresh_db(backend).await;
        let young = chat(&db.url, UNDER_16);
        let older = chat(&db.url, SIXTEEN_PLUS);

        // The queue: oldest waiting first (nothing urgent yet).
        let queue = json(&db.url, &["queue", "--json"]);
        let refs: Vec<&str> = queue.as_array().unwrap().iter().map(|r| r["reference"].as_str().unwrap()).collect();
        assert_eq!(refs, vec![young.as_str(), older.as_str()], "{backend}");
        let text = String::from_utf8_lossy(&linkup(&db.url, &["queue"], "").stdout).to_string();
        assert!(text.contains(&young) && text.contains("Friends, Being bullied"), "{text}");

        // Under 16.
        let shown = json(&db.url, &["case", "show", &young, "--json"]);
        let c = &shown["case"];
        assert_eq!(c["status"], "waiting");
        assert_eq!(c["urgent"], false);
        assert_eq!(c["source"], "self");
        assert_eq!(c["age_band"], "13-15");
        assert_eq!(c["preferred_name"], Value::Null);
        assert_eq!(c["area"], "Oak Hill Academy");
        assert_eq!(c["area_kind"], "place");
        assert_eq!(strings(&c["topics"]), ["friends", "bullied"]);
        assert_eq!(c["what_matters"], "people at school are mean to me and I feel left out");
        assert_eq!(strings(&c["interests"]), ["sport", "gaming", "animals"]);
        assert_eq!(strings(&c["help"]), ["talk", "activities"]);
        assert_eq!(c["contact_method"], "chat");
        assert_eq!(c["phone"], Value::Null);
        assert_eq!(strings(&c["contact_times"]), ["mornings", "afternoons"]);
        assert!(c["consent_at"].as_i64().is_some());
        assert_eq!(c["consent_version"], "2026-11-21");
        assert_eq!(scores_of(&shown), under_16_scores());
        // The transcript holds every line typed, as typed, in order.
        let typed: Vec<&str> = shown["transcript"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["direction"] == "in" && m["kind"] == "text")
            .map(|m| m["body"].as_str().unwrap())
            .collect();
        assert_eq!(typed, UNDER_16);

        // 16 and over.
        let shown = json(&db.url, &["case", "show", &older, "--json"]);
        let c = &shown["case"];
        assert_eq!(c["age_band"], "16-18");
        assert_eq!(c["preferred_name"], "Sam");
        assert_eq!(c["area"], "M14");
        assert_eq!(c["area_kind"], "district");
        assert_eq!(strings(&c["topics"]), ["school", "family", "worried-low"]);
        assert_eq!(strings(&c["interests"]), ["music", "gaming"]);
        assert_eq!(strings(&c["help"]), ["talk"]);
        assert_eq!(c["contact_method"], "phone");
        assert_eq!(c["phone"], "07700900123");
        assert_eq!(strings(&c["contact_times"]), ["evenings"]);
        assert_eq!(scores_of(&shown), sixteen_plus_scores());

        // The readable case view has the hand-off in words.
        let out = linkup(&db.url, &["case", "show", &older.to_lowercase()], "");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Call them:       Sam"), "{text}");
        assert!(text.contains("Contact:         Phone call on 07700900123; Evenings"), "{text}");
        assert!(text.contains("Anxious yesterday"), "{text}");
        let missing = linkup(&db.url, &["case", "show", "LU-NONE"], "");
        assert_eq!(missing.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&missing.stderr).contains("No case with reference LU-NONE"));
    }
}

/// Typed as many young people do: words, slang, typos, no numbers and no buttons.
const UNDER_16_IN_WORDS: &[&str] = &[
    "yeah ok",
    "im 14",
    "id rather not",
    "Oak Hill Academy",
    "frends and bullying",
    "thats it",
    "people at school are mean to me",
    "footbal and gamin and animals",
    "dun",
    "like a 4",
    "three",
    "nope",
    "someone to talk to, and clubs",
    "done",
    "on here",
    "mornings n afternoons",
    "thats all",
    "no thanks",
    "yep",
];

const SIXTEEN_PLUS_IN_WORDS: &[&str] = &[
    "yes",
    "i'm 17",
    "Sam",
    "M14",
    "school, family and worried",
    "done",
    "exams are stressing me out",
    "music n gaming",
    "thats it",
    "6/10",
    "seven",
    "prob a 5",
    "3 out of 10",
    "nah",
    "talk",
    "done",
    "ring me",
    "07700 900123",
    "evenings",
    "done",
    "yeah go on",
    "yes send it",
];

#[tokio::test]
async fn journeys_typed_in_words_reach_the_queue_with_the_right_answers() {
    let db = fresh_db("sqlite").await;
    let young = chat(&db.url, UNDER_16_IN_WORDS);
    let older = chat(&db.url, SIXTEEN_PLUS_IN_WORDS);

    // The transcript shows what each typed line chose, with what was typed beside it.
    let text = String::from_utf8_lossy(&linkup(&db.url, &["case", "show", &young], "").stdout).to_string();
    assert!(text.contains("Friends, Being bullied (typed: frends and bullying)"), "{text}");
    assert!(text.contains("Yes, let's go (typed: yeah ok)") && text.contains("13–15 (typed: im 14)"), "{text}");
    let c = &json(&db.url, &["case", "show", &young, "--json"])["case"];
    assert_eq!(c["age_band"], "13-15");
    assert_eq!(c["preferred_name"], Value::Null);
    assert_eq!(strings(&c["topics"]), ["friends", "bullied"]);
    assert_eq!(strings(&c["interests"]), ["sport", "gaming", "animals"]);
    assert_eq!(strings(&c["help"]), ["talk", "activities"]);
    assert_eq!(c["contact_method"], "chat");
    assert_eq!(strings(&c["contact_times"]), ["mornings", "afternoons"]);
    assert!(c["consent_at"].as_i64().is_some());
    let shown = json(&db.url, &["case", "show", &young, "--json"]);
    assert_eq!(scores_of(&shown), under_16_scores());

    let shown = json(&db.url, &["case", "show", &older, "--json"]);
    let c = &shown["case"];
    assert_eq!(c["age_band"], "16-18");
    assert_eq!(c["preferred_name"], "Sam");
    assert_eq!(strings(&c["topics"]), ["school", "family", "worried-low"]);
    assert_eq!(strings(&c["interests"]), ["music", "gaming"]);
    assert_eq!(strings(&c["help"]), ["talk"]);
    assert_eq!(c["contact_method"], "phone");
    assert_eq!(c["phone"], "07700900123");
    assert_eq!(strings(&c["contact_times"]), ["evenings"]);
    assert_eq!(scores_of(&shown), sixteen_plus_scores());
}

#[tokio::test]
async fn the_summary_reads_answers_back_before_consent() {
    let mut app = TestApp::new("sqlite").await;
    app.start().await;
    for line in &SIXTEEN_PLUS[..SIXTEEN_PLUS.len() - 1] {
        app.say(line).await;
    }
    let summary = app.text();
    assert!(
        summary.starts_with("Thank you. Here is what you told me:\n\n• Name: Sam\n• Age: 16–18\n• Area: M14\n"),
        "{summary}"
    );
    assert!(summary.contains("• On your mind: School or college, Family, Feeling worried or low\n"), "{summary}");
    assert!(
        summary.contains("• Number: 07700900123\n• Good times: Evenings\n• Check-ins: Yes please\n\nCan I send this"),
        "{summary}"
    );
    assert_eq!(app.labels(), ["Yes, send it", "Start again", "Don't send"]);
    // Not sending creates nothing.
    app.press("Don't send").await;
    assert!(cases::queue(&app.store.pool).await.unwrap().is_empty());
}

#[tokio::test]
async fn ages_outside_the_service_get_a_kind_exit_and_no_case() {
    let config = Config { eligible_age_bands: vec!["13-15".into(), "16-18".into()], ..Config::default() };
    let mut app = TestApp::with_config("sqlite", config).await;
    app.start().await;
    app.press("Yes, let's go").await;
    app.press("Under 11").await;
    assert!(app.text().contains("Childline free on 0800 1111"), "{}", app.text());
    app.user = "older".into();
    app.start().await;
    app.press("Yes, let's go").await;
    app.press("19–25").await;
    assert!(app.text().contains("different age group") && app.text().contains("Samaritans"), "{}", app.text());
    assert!(cases::queue(&app.store.pool).await.unwrap().is_empty());
    // Writing again after an exit begins again.
    app.say("hello").await;
    assert!(app.text().starts_with("Hi! 👋"), "{}", app.text());
}

#[tokio::test]
async fn talk_to_a_person_can_hand_off_early_with_what_is_known() {
    let mut app = TestApp::new("sqlite").await;
    app.start().await;
    app.press("Yes, let's go").await;
    app.press("16–18").await;
    app.say("Jo").await;
    app.say("talk to a person").await;
    assert_eq!(app.labels(), ["Send it now", "Keep going"]);
    // "Keep going" returns to the question they were on.
    app.press("Keep going").await;
    assert!(app.text().starts_with("Where do you live"), "{}", app.text());
    app.say("talk to someone").await;
    let handled = app.press("Send it now").await;
    let reference = handled.new_case.expect("a case");
    let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
    assert_eq!(case.partial, 1);
    assert_eq!(case.preferred_name.as_deref(), Some("Jo"));
    assert_eq!(case.age_band.as_deref(), Some("16-18"));
    // No consent question was shown: none is recorded, and why it was shared is.
    assert_eq!(case.consent_at, None);
    assert_eq!(case.shared_without_consent.as_deref(), Some(cases::ASKED_EARLY));
    assert!(case.consent().starts_with("not asked: they asked"), "{}", case.consent());
    assert!(app.text().contains(&reference));
}

#[tokio::test]
async fn talk_to_a_person_at_the_first_question_asks_the_age_band_first() {
    let mut app = TestApp::new("sqlite").await;
    app.start().await;
    app.say("talk to a person").await;
    app.press("Send it now").await;
    assert!(app.text().starts_with("Before I send it, how old are you?"), "{}", app.text());
    // Typed, as at any question; an age the service covers goes to a link worker.
    let handled = app.say("im 15").await;
    let reference = handled.new_case.expect("a case");
    let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
    assert_eq!((case.age_band.as_deref(), case.partial), (Some("13-15"), 1));
    // An age outside it gets the kind exit, and no case.
    let mut app = TestApp::new("sqlite").await;
    app.start().await;
    app.say("talk to a person").await;
    app.press("Send it now").await;
    let handled = app.say("9").await;
    assert!(handled.new_case.is_none());
    assert!(cases::queue(&app.store.pool).await.unwrap().is_empty());
}

#[tokio::test]
async fn going_back_from_phone_to_chat_keeps_no_phone_number() {
    let mut app = TestApp::new("sqlite").await;
    app.start().await;
    for line in &SIXTEEN_PLUS[..17] {
        app.say(line).await;
    }
    app.say("07700 900123").await;
    assert!(app.text().starts_with("When is a good time"), "{}", app.text());
    app.say("back").await; // to the number
    app.say("back").await; // to how to get in touch
    assert!(app.text().starts_with("How would you like"), "{}", app.text());
    app.press("In this chat").await;
    app.say("3").await;
    app.say("done").await;
    app.press("Yes please").await;
    assert!(app.text().contains("• Number: (not given)"), "{}", app.text());
    let reference = app.press("Yes, send it").await.new_case.unwrap();
    let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
    assert_eq!(case.phone, None);
    assert_eq!(case.contact_method.as_deref(), Some("chat"));
    assert!(!case.answers.contains("07700"), "{}", case.answers);
}

#[tokio::test]
async fn start_again_at_the_summary_forgets_the_answers() {
    let mut app = TestApp::new("sqlite").await;
    app.start().await;
    for line in &SIXTEEN_PLUS[..SIXTEEN_PLUS.len() - 1] {
        app.say(line).await;
    }
    app.press("Start again").await;
    assert!(app.first().starts_with("OK, let's start again."), "{}", app.text());
    for line in &SIXTEEN_PLUS[..3] {
        app.say(line).await;
    }
    app.say("SW1A").await;
    for line in &SIXTEEN_PLUS[4..17] {
        app.say(line).await;
    }
    // Chose "phone call" again: now asked for the number again, not remembered.
    assert!(app.text().starts_with("What number should they call?"), "{}", app.text());
}

#[tokio::test]
async fn in_the_terminal_a_number_presses_the_menu_and_data_rights_buttons() {
    let db = crate::support::fresh_db("sqlite").await;
    let mut lines = crate::support::referral("Jess", "LS6", "I'd like to try climbing").to_vec();
    lines.extend(["/menu", "4", "/delete", "1"]);
    let out = linkup(&db.url, &["chat"], &script(&lines));
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("Your reference is LU-"), "{stdout}");
    assert!(stdout.contains("[1] Carry on  [2] See my chart  [3] See my data  [4] Pause messages"), "{stdout}");
    assert!(stdout.contains("OK, I've paused everything."), "{stdout}");
    assert!(stdout.contains("Done. I've deleted what you told linkup."), "{stdout}");
}

#[tokio::test]
async fn in_the_terminal_a_check_in_takes_typed_scores_and_saves_the_chart() {
    let db = crate::support::fresh_db("sqlite").await;
    let mut lines = crate::support::referral("Jess", "LS6", "I'd like to try climbing").to_vec();
    // 7, 8, 6 and 2 are the scores themselves, not the 7th button; then "See my chart".
    lines.extend(["/checkin", "7", "8", "6", "2", "1"]);
    let out = linkup(&db.url, &["chat"], &script(&lines));
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("Question 1 of 4"), "{stdout}");
    assert!(stdout.contains("[0]  [1]  [2]"), "{stdout}");
    assert!(stdout.contains("Thanks! That's your check-in done."), "{stdout}");
    let saved = stdout.split("[saved as ").nth(1).and_then(|r| r.split(']').next()).expect("the chart saved");
    let path = crate::support::root().join(saved);
    let png = std::fs::read(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let store = linkup::store::Store::connect(&db.url).await.unwrap();
    let scores: Vec<i64> = sqlx::query_scalar("SELECT score FROM case_scores WHERE checkin_id IS NOT NULL ORDER BY id")
        .fetch_all(&store.pool)
        .await
        .unwrap();
    assert_eq!(scores, [7, 8, 6, 2]);
}

#[tokio::test]
async fn a_check_in_typed_in_words_keeps_every_score() {
    let db = crate::support::fresh_db("sqlite").await;
    let mut lines = crate::support::referral("Jess", "LS6", "I'd like to try climbing").to_vec();
    lines.extend(["/checkin", "seven", "like an 8", "6/10", "two"]);
    let out = linkup(&db.url, &["chat"], &script(&lines));
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(stdout.contains("Thanks! That's your check-in done."), "{stdout}");
    let store = linkup::store::Store::connect(&db.url).await.unwrap();
    let scores: Vec<i64> = sqlx::query_scalar("SELECT score FROM case_scores WHERE checkin_id IS NOT NULL ORDER BY id")
        .fetch_all(&store.pool)
        .await
        .unwrap();
    assert_eq!(scores, [7, 8, 6, 2]);
}

#[tokio::test]
async fn a_line_that_is_not_utf8_is_read_lossily_and_the_chat_goes_on() {
    use std::io::Write;
    let db = fresh_db("sqlite").await;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"))
        .args(["chat", "--as", "utf8-test"])
        .current_dir(crate::support::root())
        .env("LINKUP_DATABASE_URL", &db.url)
        .env_remove("RUST_LOG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"yes\n\xff\xfe im 14\n14\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    // The line after the bad bytes was still read: the age was taken and the name asked.
    assert!(stdout.contains("What would you like me to call you?"), "{stdout}");
    let pool = sqlx::SqlitePool::connect(&db.url).await.unwrap();
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM messages WHERE direction = 'in' ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(bodies.iter().any(|b| b == "\u{FFFD}\u{FFFD} im 14"), "{bodies:?}");
}

#[tokio::test]
async fn a_message_after_the_case_is_closed_reopens_it_for_a_link_worker() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        app.start().await;
        for line in [
            "1", "4", "Sam", "M14", "1", "done", "friends", "done", "6", "7", "5", "3", "2", "1", "done", "1", "3",
            "done", "1", "1",
        ] {
            app.say(line).await;
        }
        let reference = cases::queue(&app.store.pool).await.unwrap()[0].reference.clone();
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        linkup::store::casework::close(&app.store.pool, case.id, None, "connected", "joined a club", 0).await.unwrap();
        assert!(cases::queue(&app.store.pool).await.unwrap().is_empty());

        app.say("hi its sam again, the club stopped").await;
        assert!(app.text().contains("I've opened it again") && app.text().contains(&reference), "{}", app.text());
        let queue = cases::queue(&app.store.pool).await.unwrap();
        assert_eq!(queue.iter().map(|c| c.reference.as_str()).collect::<Vec<_>>(), [reference.as_str()], "{backend}");
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        assert_eq!((case.status.as_str(), case.outcome.as_deref()), ("waiting", None), "{backend}");

        // Once they take back their consent, nothing is reopened, and the reply says why.
        app.press_payload("#consent|yes").await;
        assert!(cases::queue(&app.store.pool).await.unwrap().is_empty(), "{backend}");
        app.say("hello?").await;
        assert!(app.text().starts_with("You took back your OK to share"), "{}", app.text());
        assert!(cases::queue(&app.store.pool).await.unwrap().is_empty(), "{backend}");
    }
}

/// Help lists the commands from the one command list, before the hand-off and after it.
#[tokio::test]
async fn help_lists_the_commands_in_the_young_persons_words() {
    let mut app = TestApp::new("sqlite").await;
    app.start().await;
    app.say("help").await;
    let text = &app.last[0].text;
    assert!(text.contains("/checkin: A quick wellbeing check-in"), "{text}");
    assert!(text.contains("/delete: Delete what linkup keeps about you"), "{text}");
    assert!(!text.contains("/language"), "not offered until it is built: {text}");
    app.refer("Sam", "M14", "I want to make friends").await;
    app.say("/help@linkup_bot").await;
    let text = &app.last[0].text;
    assert!(text.starts_with("Your link worker has what you told me."), "{text}");
    assert!(text.contains("/mydata: See what linkup keeps about you"), "{text}");
}

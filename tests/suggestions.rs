//! Activities offered to a young person at the hand-off: up to three that fit their age band,
//! area and interests, "Tell me more" and "I'm interested" tapped or typed, what the case keeps,
//! kind answers when nothing fits, and old or foreign buttons, on both backends.

use linkup::conversation::Outgoing;

use crate::support::{TestApp, backends, fixture};

/// Imports the invented sample directory into the app's database.
async fn with_sample(app: &TestApp) {
    let text = std::fs::read_to_string(fixture("directory/oruk-sample.json")).unwrap();
    let services = linkup::directory::parse(&text).unwrap();
    linkup::store::directory::replace_all(&app.store.pool, &services, app.now).await.unwrap();
}

/// A whole self-referral by someone aged 11–12 in `area` who likes `interests` (the flow's
/// button numbers) and asks for `help` (button numbers; 2 is "Find activities near me").
async fn refer(app: &mut TestApp, area: &str, interests: &[&str], help: &[&str]) {
    app.start().await;
    for line in journey(area, interests, help) {
        app.say(line).await;
    }
}

/// The lines of that self-referral, as typed.
fn journey<'a>(area: &'a str, interests: &[&'a str], help: &[&'a str]) -> Vec<&'a str> {
    // On their mind: school (which the mapping leaves to the link worker).
    let mut lines = vec!["1", "2", "Ash", area, "1", "done", "I want to do more after school"];
    lines.extend_from_slice(interests);
    lines.extend_from_slice(&["done", "6", "7", "2"]);
    lines.extend_from_slice(help);
    lines.extend_from_slice(&["done", "1", "3", "done", "2", "1"]);
    lines
}

/// The activity cards among the replies: those with the two buttons.
fn cards(replies: &[Outgoing]) -> Vec<&Outgoing> {
    replies.iter().filter(|r| r.buttons.iter().any(|b| b.payload.starts_with("#activity|more|"))).collect()
}

fn payload<'a>(card: &'a Outgoing, label: &str) -> &'a str {
    &card.buttons.iter().find(|b| b.label == label).unwrap_or_else(|| panic!("no {label} on {card:?}")).payload
}

/// (service id, more_at set, interested_at set) of every suggestion, in order.
async fn suggestions(app: &TestApp) -> Vec<(String, bool, bool)> {
    let rows: Vec<(String, Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT service_id, more_at, interested_at FROM case_suggestions ORDER BY id")
            .fetch_all(&app.store.pool)
            .await
            .unwrap();
    rows.into_iter().map(|(id, more, interested)| (id, more.is_some(), interested.is_some())).collect()
}

#[tokio::test]
async fn asking_for_activities_offers_three_that_fit_and_the_case_keeps_what_was_chosen() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        with_sample(&app).await;
        // Sport, music, art and tech; "Find activities near me".
        refer(&mut app, "M14", &["1", "2", "3", "10"], &["2"]).await;
        let text = app.text();
        assert!(text.contains("I've sent this to a link worker"), "{backend}: {text}");
        assert!(text.contains("Here are 3 that might suit you"), "{backend}: {text}");
        let shown = cards(&app.last);
        assert_eq!(shown.len(), 3, "{backend}: {text}");
        // Best first: music is in M14 itself; the art studio (14–25) is never offered to 11–12s.
        assert!(shown[0].text.starts_with("Rusholme Music Hub"), "{backend}: {}", shown[0].text);
        assert!(!text.contains("Northern Quarter Art Studio"), "{backend}: outside the age range: {text}");
        let labels: Vec<&str> = shown[0].buttons.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["Tell me more", "I'm interested"]);
        let stored = suggestions(&app).await;
        assert_eq!(stored.len(), 3, "{backend}");
        let services = linkup::store::directory::load(&app.store.pool).await.unwrap();
        for (id, _, _) in &stored {
            let s = services.iter().find(|s| &s.id == id).unwrap();
            // For every age of the band, 11 and 12.
            assert!(s.minimum_age.is_none_or(|m| m <= 11) && s.maximum_age.is_none_or(|m| m >= 12), "{id}");
        }
        let (first, second) = (shown[0].clone(), shown[1].clone());

        // "Tell me more" on the second: all the directory says, and I'm interested again.
        app.press_payload(payload(&second, "Tell me more")).await;
        let more = app.text();
        assert!(more.contains("How to go:") && more.contains("Cost:"), "{backend}: {more}");
        assert_eq!(app.labels(), ["I'm interested"]);
        // "I'm interested" on the first: the link worker is told, once.
        app.press_payload(payload(&first, "I'm interested")).await;
        assert!(app.text().contains("told your link worker you're interested in Rusholme Music Hub"), "{}", app.text());
        app.press_payload(payload(&first, "I'm interested")).await;
        assert!(app.text().contains("already knows"), "{}", app.text());
        let stored = suggestions(&app).await;
        assert_eq!((stored[0].1, stored[0].2), (false, true), "{backend}: {stored:?}");
        assert_eq!((stored[1].1, stored[1].2), (true, false), "{backend}: {stored:?}");
        assert!(!stored[2].1 && !stored[2].2);

        // The case shows it as new, and the transcript says which activity in words.
        let (last_inbound,): (Option<i64>,) =
            sqlx::query_as("SELECT last_inbound_message FROM cases").fetch_one(&app.store.pool).await.unwrap();
        let transcript = app.transcript().await;
        let pressed = transcript.iter().find(|e| e.body == "I'm interested: Rusholme Music Hub").expect("in words");
        assert_eq!(last_inbound, Some(pressed.id), "{backend}");
        assert!(
            transcript
                .iter()
                .any(|e| e.body == "Tell me more: Moss Side Youth Football" || e.body.starts_with("Tell me more: "))
        );
    }
}

#[tokio::test]
async fn typed_answers_to_activities_and_safety_first() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        with_sample(&app).await;
        // A place the mapping names, not a postcode: Manchester.
        refer(&mut app, "Manchester", &["1", "2"], &["2"]).await;
        let shown: Vec<Outgoing> = cards(&app.last).into_iter().cloned().collect();
        let names: Vec<String> = shown.iter().map(|c| c.text.lines().next().unwrap().to_string()).collect();
        assert_eq!(names, ["Moss Side Youth Football", "Rusholme Music Hub"], "{backend}: {}", app.text());
        app.say("tell me more about the football one").await;
        assert!(app.text().starts_with("Moss Side Youth Football"), "{backend}: {}", app.text());
        // More typed at once after the details: the details' one button makes "yeah" clear.
        app.say("yeah ok").await;
        assert!(app.text().contains("interested in Moss Side Youth Football"), "{backend}: {}", app.text());
        let stored = suggestions(&app).await;
        assert_eq!(stored[0], ("sample-mcr-football".into(), true, true), "{backend}");
        // Words that say something worrying are never read as a button: the crisis reply comes.
        app.press_payload(payload(&shown[1], "Tell me more")).await;
        assert_eq!(app.labels(), ["I'm interested"], "{backend}");
        let handled = app.say("i want the music one but honestly i want to kill myself").await;
        assert!(handled.urgent.is_some(), "{backend}: {}", app.text());
        assert!(app.text().contains("116 123"), "{backend}: {}", app.text());
        assert!(!suggestions(&app).await[1].2, "{backend}: not taken as interest");
    }
}

#[tokio::test]
async fn kind_answers_when_nothing_fits_and_none_unless_asked() {
    for backend in backends() {
        // An empty directory.
        let mut app = TestApp::new(backend).await;
        refer(&mut app, "M14", &["2"], &["2"]).await;
        assert_eq!(app.last.last().unwrap().text, "Your link worker will help you find activities near you.");
        assert!(cards(&app.last).is_empty());

        // Nothing for music in Leeds.
        let mut app = TestApp::new(backend).await;
        with_sample(&app).await;
        refer(&mut app, "LS6", &["2"], &["2"]).await;
        assert!(app.last.last().unwrap().text.starts_with("I could not find an activity near you"), "{}", app.text());
        assert!(suggestions(&app).await.is_empty());

        // Only talking was asked for: no activities.
        let mut app = TestApp::new(backend).await;
        with_sample(&app).await;
        refer(&mut app, "M14", &["2"], &["1"]).await;
        assert!(app.text().contains("A link worker will get in touch"), "{}", app.text());
        assert!(!app.text().contains("activit"), "{}", app.text());
        assert!(suggestions(&app).await.is_empty());
    }
}

#[tokio::test]
async fn an_old_or_foreign_activity_button_reveals_nothing() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        with_sample(&app).await;
        refer(&mut app, "M14", &["2"], &["2"]).await;
        let theirs = payload(cards(&app.last)[0], "Tell me more").to_string();
        // Someone else presses it (a forged button): nothing about the activity, nothing marked.
        app.user = "young-person-2".into();
        app.press_payload(&theirs).await;
        assert!(app.text().starts_with("Sorry, I can't find that activity"), "{backend}: {}", app.text());
        app.press_payload("#activity|yes|not-a-number").await;
        assert!(app.text().starts_with("Sorry, I can't find that activity"), "{backend}: {}", app.text());
        assert!(suggestions(&app).await.iter().all(|(_, more, yes)| !more && !yes));

        // After a re-import without it, the first young person's button still tells them about it.
        app.user = "young-person-1".into();
        let empty = linkup::directory::parse("[]").unwrap();
        linkup::store::directory::replace_all(&app.store.pool, &empty, app.now).await.unwrap();
        app.press_payload(&theirs).await;
        assert!(app.text().starts_with("Rusholme Music Hub"), "{backend}: {}", app.text());

        // Erasure takes what was suggested with the rest.
        app.say("/delete").await;
        app.press("Yes, delete it all").await;
        assert!(suggestions(&app).await.is_empty(), "{backend}");
    }
}

#[tokio::test]
async fn only_activities_for_every_age_of_the_band_and_kind_words_when_typed() {
    for backend in backends() {
        // 16–18 in M14 who likes sport and music: the club for 8 to 16 is not theirs.
        let mut app = TestApp::new(backend).await;
        with_sample(&app).await;
        app.start().await;
        let mut lines = vec!["1", "4", "Kai", "M14", "1", "done", "something to do", "1", "2", "done"];
        lines.extend_from_slice(&["6", "7", "5", "3", "2", "2", "done", "1", "3", "done", "2", "1"]);
        for line in lines {
            app.say(line).await;
        }
        let names: Vec<String> = cards(&app.last).iter().map(|c| c.text.lines().next().unwrap().to_string()).collect();
        assert_eq!(names, ["Rusholme Music Hub"], "{backend}: {}", app.text());

        // Cooking is a hobby, not a food bank.
        let mut app = TestApp::new(backend).await;
        with_sample(&app).await;
        refer(&mut app, "M13", &["7"], &["2"]).await;
        assert!(!app.text().contains("Food Bank"), "{backend}: {}", app.text());

        // Plain about what but not which: asked which; no thanks: told that is fine.
        let mut app = TestApp::new(backend).await;
        with_sample(&app).await;
        refer(&mut app, "M14", &["1", "2"], &["2"]).await;
        assert_eq!(cards(&app.last).len(), 2, "{}", app.text());
        app.say("yeah").await;
        assert_eq!(app.text(), "Which one are you interested in? Tap it, or type its number, 1 to 2.");
        let labels: Vec<String> = app.labels();
        assert_eq!(labels.len(), 2, "a button for each, by name: {labels:?}");
        // After "Which one are you interested in?", a name or place alone is interest.
        app.say("the 2nd one").await;
        assert!(app.text().contains("interested in Moss Side Youth Football"), "{backend}: {}", app.text());
        // A while after (other replies between), a line that names one is still read.
        app.say("tell me more about 1").await;
        assert!(app.text().starts_with("Rusholme Music Hub"), "{backend}: {}", app.text());
        // Straight after the details, a number still means the list's.
        app.say("2").await;
        assert!(app.text().starts_with("Moss Side Youth Football"), "{backend}: {}", app.text());
        app.say("nah not for me").await;
        assert_eq!(app.text(), "That's OK. Your link worker can look for other things with you.");
        let transcript = app.transcript().await;
        assert!(transcript.iter().any(|e| e.body == "nah not for me" && e.direction == "in"), "kept as typed");
        // Something else in between, then a line that names one: still read, within the hour.
        app.say("whats the weather like").await;
        assert!(app.text().starts_with("Thanks. Your link worker will see this message."), "{}", app.text());
        app.say("can i do the music one").await;
        assert!(app.text().contains("interested in Rusholme Music Hub"), "{backend}: {}", app.text());
        // But not a bare "yeah" by then, nor a name after the hour.
        app.say("whats the weather like").await;
        app.say("yeah").await;
        assert!(app.text().starts_with("Thanks. Your link worker will see this message."), "{}", app.text());
        app.now += 2 * 3_600_000;
        app.say("tell me more about the football one").await;
        assert!(app.text().starts_with("Thanks. Your link worker will see this message."), "{}", app.text());
        let stored = suggestions(&app).await;
        assert!(stored.iter().all(|(_, _, yes)| *yes), "{backend}: both, each when named: {stored:?}");

        // Interests the directory has no terms for get the kind answer, not whatever is near.
        let mut app = TestApp::new(backend).await;
        with_sample(&app).await;
        refer(&mut app, "M14", &["6"], &["2"]).await;
        assert!(app.last.last().unwrap().text.starts_with("I could not find an activity near you"), "{}", app.text());
    }
}

#[tokio::test]
async fn in_the_terminal_activities_are_numbered_across_the_list() {
    let db = crate::support::fresh_db("sqlite").await;
    let out = crate::support::linkup(
        &db.url,
        &["directory", "import", fixture("directory/oruk-sample.json").to_str().unwrap()],
        "",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Sport and music near M14, asking for activities; then 4 and 1 and 2 at the activities.
    let mut lines = journey("M14", &["1", "2"], &["2"]);
    lines.extend(["4", "1", "2"]);
    let script: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let out = crate::support::linkup(&db.url, &["chat"], &script);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("[1] Tell me more  [2] I'm interested"), "{stdout}");
    assert!(stdout.contains("[3] Tell me more  [4] I'm interested"), "{stdout}");
    // 4 is the second activity's "I'm interested"; 1 afterwards is still the first's "Tell me more".
    let told = "I've told your link worker you're interested in Moss Side Youth";
    assert!(stdout.contains(told), "{stdout}");
    let after = &stdout[stdout.find(told).unwrap()..];
    assert!(after.contains("Rusholme Music Hub\n  Drop-in band practice"), "{after}");
    // Under the details, "I'm interested" keeps its number in the list: 2.
    assert!(after.contains("[2] I'm interested"), "{after}");
    assert!(after.contains("I've told your link worker you're interested in Rusholme"), "{after}");
}

#[tokio::test]
async fn a_question_asked_after_the_activities_gets_its_own_answers() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        with_sample(&app).await;
        refer(&mut app, "M14", &["1", "2"], &["2"]).await;
        assert_eq!(cards(&app.last).len(), 2);
        // A check-in straight after: "2" is a score, not the second activity.
        app.say("/checkin").await;
        assert!(!app.labels().is_empty(), "{}", app.text());
        app.say("2").await;
        assert!(!app.text().contains("How to go"), "{backend}: {}", app.text());
        assert!(suggestions(&app).await.iter().all(|(_, more, yes)| !more && !yes), "{backend}");
        let answered: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_scores WHERE checkin_id IS NOT NULL")
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
        assert_eq!(answered, 1, "{backend}: the score was the check-in's");
    }
}

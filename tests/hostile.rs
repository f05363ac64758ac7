//! Hostile and unexpected input: each gets a friendly answer, nothing crashes, and what was
//! sent is stored intact in the transcript.

use linkup::store::cases;

use crate::support::{TestApp, backends};

/// A young person at the "what matters to you" question.
async fn at_what_matters(backend: &str) -> TestApp {
    let mut app = TestApp::new(backend).await;
    app.start().await;
    for line in ["1", "4", "Sam", "M14", "2", "done"] {
        app.say(line).await;
    }
    assert!(app.text().starts_with("What matters to you right now?"), "{}", app.text());
    app
}

#[tokio::test]
async fn hostile_input_gets_a_kind_answer_and_is_stored_intact() {
    for backend in backends() {
        let long = "a".repeat(10_000);
        let cases: Vec<(&str, String, &str)> = vec![
            ("10,000 characters", long.clone(), "That's a bit long for me. Can you say it in 1000 letters or less?"),
            ("emoji only", "😢😢😢".into(), "I can't read emoji very well. Can you tell me in words?"),
            ("empty", "".into(), "I didn't get anything there. Please try again."),
            ("spaces only", "   \t ".into(), "I didn't get anything there. Please try again."),
            ("control characters only", "\u{0}\u{7}\u{1b}".into(), "I didn't get anything there. Please try again."),
            (
                "a command mid-question",
                "/pizza".into(),
                "Sorry, I don't know that command. Type help to see what you can do.",
            ),
        ];
        for (name, input, reply) in cases {
            let mut app = at_what_matters(backend).await;
            app.say(&input).await;
            assert_eq!(app.first(), reply, "{backend}: {name}");
            assert!(app.text().contains("What matters to you right now?"), "{backend}: {name}: asked again");
            let last_in = app.transcript().await.into_iter().rev().find(|m| m.direction == "in").unwrap();
            assert_eq!(last_in.body, input, "{backend}: {name}: stored intact");
        }

        // Accepted as they are: right-to-left text, SQL-looking text, control characters inside.
        for (name, input, kept) in [
            ("right-to-left", "أريد أن أجد أصدقاء", "أريد أن أجد أصدقاء"),
            ("SQL-looking", "Robert'); DROP TABLE cases;--", "Robert'); DROP TABLE cases;--"),
            ("escape codes inside", "I like \u{1b}[31mred\u{7} things", "I like [31mred things"),
            ("mixed bidi", "music \u{202E}cisum", "music cisum"),
        ] {
            let mut app = at_what_matters(backend).await;
            app.say(input).await;
            assert!(app.text().starts_with("What do you like doing"), "{backend}: {name}: {}", app.text());
            let last_in = app.transcript().await.into_iter().rev().find(|m| m.direction == "in").unwrap();
            assert_eq!(last_in.body, input, "{backend}: {name}: transcript intact");
            let state: String =
                sqlx::query_scalar("SELECT state FROM conversations").fetch_one(&app.store.pool).await.unwrap();
            let state: serde_json::Value = serde_json::from_str(&state).unwrap();
            assert_eq!(state["answers"]["what_matters"]["value"], kept, "{backend}: {name}: answer cleaned");
        }
        // The tables are all still there after the SQL-looking text.
        let app = at_what_matters(backend).await;
        assert!(cases::queue(&app.store.pool).await.is_ok());
    }
}

#[tokio::test]
async fn unexpected_answers_to_buttons_are_re_asked_kindly() {
    let mut app = TestApp::new("sqlite").await;
    app.start().await;
    for (input, reply) in [
        ("what is this for?", "Sorry, I didn't get that. Tap a button, or type your answer a different way."),
        ("7", "Sorry, I didn't get that. Tap a button, or type your answer a different way."),
        ("🙂", "Sorry, I didn't get that. Tap a button, or type your answer a different way."),
        ("", "Sorry, I didn't get that. Tap a button, or type your answer a different way."),
    ] {
        app.say(input).await;
        assert_eq!(app.first(), reply, "{input:?}");
        assert_eq!(app.labels(), ["Yes, let's go", "Not now"], "{input:?}: buttons shown again");
    }
    // A label in the wrong case works.
    app.say("YES, LET'S GO").await;
    assert_eq!(app.first(), "How old are you?");
    // A number out of range on a scale.
    for line in ["4", "Sam", "M14", "2", "done", "to see my mates more", "done"] {
        app.say(line).await;
    }
    app.say("11").await;
    assert_eq!(app.first(), "Please pick a number from 0 to 10.");
    app.say("-3").await;
    assert_eq!(app.first(), "Please pick a number from 0 to 10.");
    // An old button pressed again is answered gently and changes nothing.
    let before: String =
        sqlx::query_scalar("SELECT state FROM conversations").fetch_one(&app.store.pool).await.unwrap();
    let handled = app.press_payload("welcome|no").await;
    assert_eq!(handled.replies[0].text, "That button is from an earlier question. Here's where we are now.");
    let after: String = sqlx::query_scalar("SELECT state FROM conversations").fetch_one(&app.store.pool).await.unwrap();
    let (b, a): (serde_json::Value, serde_json::Value) =
        (serde_json::from_str(&before).unwrap(), serde_json::from_str(&after).unwrap());
    assert_eq!(b["step"], a["step"]);
    assert_eq!(b["answers"], a["answers"]);
}

#[tokio::test]
async fn full_addresses_are_never_kept() {
    let mut app = TestApp::new("sqlite").await;
    app.start().await;
    for line in ["1", "4", "Sam"] {
        app.say(line).await;
    }
    app.say("14 Acacia Avenue, Manchester").await;
    assert!(app.first().starts_with("Please don't send your home address."), "{}", app.text());
    app.say("m14 5ab").await;
    assert_eq!(app.first(), "Thanks. I only need M14, so that's all I have kept.");
    let state: String = sqlx::query_scalar("SELECT state FROM conversations").fetch_one(&app.store.pool).await.unwrap();
    assert!(!state.contains("5AB") && !state.contains("5ab"), "{state}");
}

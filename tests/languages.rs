//! Languages: Welsh, Polish, Ukrainian and Arabic from the phone's language or `/language`,
//! kept across restarts and used for reminders; a Welsh service's offer side by side; crisis
//! replies in the young person's language; right-to-left words kept intact.

use std::time::Duration;

use linkup::app::App;
use linkup::config::Config;
use linkup::message::Text;
use linkup::store::outbox;
use linkup::store::workers::Role;

use crate::dashboard::{Browser, add_worker, serve};
use crate::fake_telegram::{self as fake, FakeTelegram};
use crate::support::{TestApp, backends, content};
use crate::telegram::{settled_for, start_bot};

/// A message in `locale`'s words, as linkup renders it.
fn words(locale: &str, id: &str) -> String {
    content().locales.render(locale, &Text::new(id))
}

/// A text message from a phone set to `language`.
fn text_in(chat: i64, text: &str, language: &str) -> serde_json::Value {
    let mut update = fake::text(chat, text);
    update["message"]["from"]["language_code"] = serde_json::json!(language);
    update
}

#[test]
fn the_translations_are_translations() {
    // Each locale's words differ from English, so a missing folder or a copy would show.
    for locale in ["cy", "pl", "uk", "ar"] {
        for id in ["welcome-hello", "age-ask", "safety-suicide", "language-set", "checkin-reminder"] {
            assert_ne!(words(locale, id), words("en-GB", id), "{locale}: {id}");
        }
    }
    assert_eq!(words("cy", "language-name"), "Cymraeg");
    assert_eq!(words("ar", "language-name"), "العربية");
}

#[tokio::test]
async fn a_welsh_phone_gets_welsh_and_a_welsh_disclosure_gets_the_crisis_reply_in_welsh() {
    let fake = FakeTelegram::start().await;
    fake.push(text_in(5001, "/start", "cy"));
    fake.push(text_in(5001, "ie", "cy"));
    let bot = start_bot("sqlite", &fake).await;
    assert!(settled_for(&bot, &fake, Duration::from_secs(30)).await);
    let texts: Vec<String> = fake.sent_to(5001).into_iter().filter_map(|s| s.text).collect();
    assert_eq!(texts[0], words("cy", "welcome-hello"), "{texts:?}");
    // "ie" is yes in Welsh: the age question comes next, in Welsh, with Welsh buttons.
    let age = fake.sent_to(5001).into_iter().last().unwrap();
    assert_eq!(age.text.as_deref(), Some(words("cy", "age-ask").as_str()));
    let labels: Vec<&str> = age.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert!(labels.contains(&words("cy", "age-under-11").as_str()), "{labels:?}");

    fake.push(text_in(5001, "Dw i eisiau lladd fy hun", "cy"));
    assert!(settled_for(&bot, &fake, Duration::from_secs(30)).await);
    let crisis = fake.sent_to(5001).into_iter().filter_map(|s| s.text).find(|t| t.contains("0808 164 0123"));
    let crisis = crisis.unwrap_or_else(|| panic!("no crisis reply: {:?}", fake.sent_to(5001)));
    assert!(crisis.starts_with(&words("cy", "safety-suicide")), "{crisis}");
    assert!(crisis.contains(&words("cy", "contacts-in-english")), "{crisis}");
    let queue = linkup::store::cases::queue(&bot.store.pool).await.unwrap();
    assert_eq!(queue[0].urgent, 1, "the case is urgent");

    // The command menu in each language, for phones set to it.
    let menus = fake.calls("setmycommands");
    for (code, locale) in [("cy", "cy"), ("pl", "pl"), ("uk", "uk"), ("ar", "ar")] {
        let menu = menus.iter().find(|m| m["language_code"] == code).unwrap_or_else(|| panic!("{code}: {menus:?}"));
        let start = menu["commands"].as_array().unwrap().iter().find(|c| c["command"] == "start").unwrap();
        assert_eq!(start["description"], words(locale, "cmd-start"), "{code}");
    }
    let _ = bot.stop.send(true);
}

#[tokio::test]
async fn an_arabic_journey_through_slash_language_keeps_right_to_left_words_intact() {
    let fake = FakeTelegram::start().await;
    fake.push(fake::text(5002, "/start"));
    fake.push(fake::text(5002, "/language"));
    let bot = start_bot("sqlite", &fake).await;
    assert!(settled_for(&bot, &fake, Duration::from_secs(30)).await);
    let question = fake.sent_to(5002).into_iter().last().unwrap();
    assert_eq!(question.text.as_deref(), Some("Which language would you like me to use?"));
    let labels: Vec<&str> = question.buttons.iter().map(|(l, _)| l.as_str()).collect();
    for name in ["English", "Cymraeg", "Polski", "Українська", "العربية"] {
        assert!(labels.contains(&name), "each language in its own name: {labels:?}");
    }
    fake.push(fake::press(5002, "#language|ar", question.message_id));
    assert!(settled_for(&bot, &fake, Duration::from_secs(30)).await);
    let texts: Vec<String> = fake.sent_to(5002).into_iter().filter_map(|s| s.text).collect();
    assert!(texts.contains(&words("ar", "language-set")), "{texts:?}");
    // The welcome goes on in Arabic.
    assert!(texts.iter().any(|t| *t == words("ar", "welcome-ready")), "{texts:?}");

    let disclosure = "أُريد أن أقتل نفسي، ما عاد فيني أتحمل";
    fake.push(fake::text(5002, disclosure));
    assert!(settled_for(&bot, &fake, Duration::from_secs(30)).await);
    let texts: Vec<String> = fake.sent_to(5002).into_iter().filter_map(|s| s.text).collect();
    let crisis = texts.iter().find(|t| t.starts_with(&words("ar", "safety-suicide")));
    let crisis = crisis.unwrap_or_else(|| panic!("no Arabic crisis reply: {texts:?}"));
    // Phone numbers keep their groups together in right-to-left text.
    assert!(crisis.contains("0800\u{a0}1111"), "{crisis}");
    // The words are kept exactly as typed, and shown so to a link worker.
    let body: String = sqlx::query_scalar(
        "SELECT body FROM messages WHERE direction = 'in' AND kind = 'text' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&bot.store.pool)
    .await
    .unwrap();
    assert_eq!(body, disclosure);
    let queue = linkup::store::cases::queue(&bot.store.pool).await.unwrap();
    assert_eq!(queue[0].urgent, 1);
    let _ = bot.stop.send(true);
}

#[tokio::test]
async fn right_to_left_words_are_shown_intact_on_the_dashboard() {
    let mut app = TestApp::new("sqlite").await;
    app.start().await;
    app.say("/language").await;
    app.press("العربية").await;
    let name = "ليلى";
    for line in ["1", "4", name, "M14", "1", "تم", "أحب الرسم وكرة القدم", "2", "تم"] {
        app.say(line).await;
    }
    for line in ["6", "7", "5", "3", "2", "1", "تم", "1", "3", "تم", "1", "1"] {
        app.say(line).await;
    }
    let reference = app.reference_of(name).await;
    add_worker(&app, "w@example.org", "Wren Smith", "main", Role::Lead).await;
    let base = serve(&app).await;
    let (mut b, _) = Browser::signed_in(&base, "w@example.org").await;
    let case = b.get(&format!("/cases/{reference}")).await.body;
    assert!(case.contains("<dd dir=\"auto\">أحب الرسم وكرة القدم</dd>"), "{case}");
    // The link worker sees which language they use linkup in.
    assert!(case.contains("<dt>Their language</dt><dd dir=\"auto\">العربية (ar)</dd>"), "{case}");
    let conversation = b.get(&format!("/cases/{reference}/conversation")).await.body;
    assert!(conversation.contains("<p dir=\"auto\">أحب الرسم وكرة القدم</p>"), "{conversation}");
    let queue = b.get("/").await.body;
    assert!(queue.contains(&format!("<bdi>{name}</bdi>")), "{queue}");
}

#[tokio::test]
async fn the_language_chosen_survives_a_restart_and_reminders_use_it() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        app.start().await;
        app.say("/language").await;
        // Typed in words rather than tapped, with a capital and no diacritics needed.
        app.say("Polski").await;
        assert_eq!(app.first(), words("pl", "language-set"), "{backend}");
        let reference = app.refer("Ola", "M14", "chce grac na gitarze").await;
        let case = linkup::store::cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        // A new process on the same database sends the reminder in Polish.
        let config = Config { database_url: app.db.url.clone(), ..Config::default() };
        let after_restart = App::build(config).await.unwrap().linkup;
        let due = case.created_at + 14 * 86_400_000;
        assert_eq!(after_restart.remind(due).await.unwrap().sent, 1, "{backend}");
        let payload: String = sqlx::query_scalar("SELECT payload FROM outbox ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
        let outbox::Item::Message { text, buttons, .. } = serde_json::from_str(&payload).unwrap() else {
            panic!("{payload}")
        };
        assert_eq!(text, words("pl", "checkin-reminder"), "{backend}");
        assert_eq!(buttons[0].label, words("pl", "btn-checkin-now"), "{backend}");
        // And the chat goes on in Polish: "help" at the reminder is the check-in's help.
        app.say("pomoc").await;
        assert_eq!(app.first(), words("pl", "checkin-help"), "{backend}");
    }
}

#[tokio::test]
async fn a_welsh_service_offers_welsh_and_english_side_by_side() {
    let config = Config { offer_languages: vec!["cy".into(), "en-GB".into()], ..Config::default() };
    let mut app = TestApp::with_config("sqlite", config.clone()).await;
    app.start().await;
    assert!(app.first().contains(&words("cy", "language-ask")), "{}", app.first());
    assert!(app.first().contains(&words("en-GB", "language-ask")), "{}", app.first());
    assert_eq!(app.labels(), ["Cymraeg", "English"]);
    app.press("Cymraeg").await;
    assert_eq!(app.first(), words("cy", "language-set"));
    assert!(app.text().contains(&words("cy", "welcome-hello")), "{}", app.text());

    // Someone else types "hi", then "english": the welcome in English.
    let mut other = TestApp::with_config("sqlite", config.clone()).await;
    other.say("hi").await;
    assert_eq!(other.labels(), ["Cymraeg", "English"]);
    other.say("what").await;
    assert!(other.first().starts_with(&words("en-GB", "language-help")), "asked again: {}", other.first());
    other.say("english").await;
    assert!(other.text().contains(&words("en-GB", "welcome-hello")), "{}", other.text());

    // A first message that discloses gets the crisis reply, not the offer.
    let mut third = TestApp::with_config("sqlite", config).await;
    third.say("i want to kill myself").await;
    assert!(third.text().contains("Samaritans"), "{}", third.text());
    assert!(!third.labels().contains(&"Cymraeg".to_string()), "{:?}", third.labels());
}

#[tokio::test]
async fn typed_answers_work_in_each_language_and_in_english_too() {
    for (language, yes) in [("cy", "ie"), ("pl", "tak"), ("uk", "так"), ("ar", "نعم"), ("cy", "yeah ok")] {
        let mut app = TestApp::new("sqlite").await;
        app.start().await;
        app.say(&format!("/language {language}")).await;
        assert_eq!(app.first(), words(language, "language-set"), "/language {language}");
        app.say(yes).await;
        assert_eq!(app.first(), words(language, "age-ask"), "{language}: {yes}");
        // An age typed in digits, Arabic-Indic ones too.
        app.say(if language == "ar" { "عمري ١٤" } else { "14" }).await;
        assert_eq!(app.first(), words(language, "name-ask"), "{language}: the age was read");
    }
}

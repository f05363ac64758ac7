//! The link-worker dashboard over HTTP: sign-in, CSRF, rate limits, team scoping (guessed
//! references included), the atomic claim, escaping of everything a young person types, and
//! casework through to messages that reach the young person and their replies.

use std::collections::HashMap;

use linkup::config::Config;
use linkup::dashboard::auth;
use linkup::store::workers::{self, Role};
use linkup::store::{cases, casework, outbox};
use linkup::time::now_ms;

use crate::support::{TestApp, backends};

pub const PASSWORD: &str = "correct horse battery";

/// A browser without JavaScript: keeps cookies, does not follow redirects.
pub struct Browser {
    pub base: String,
    client: reqwest::Client,
    pub cookies: HashMap<String, String>,
}

pub struct Page {
    pub status: u16,
    pub location: String,
    pub body: String,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Browser { base: base.to_string(), client, cookies: HashMap::new() }
    }

    async fn keep(&mut self, response: reqwest::Response) -> Page {
        for value in response.headers().get_all("set-cookie") {
            let value = value.to_str().unwrap();
            let pair = value.split(';').next().unwrap();
            let (k, v) = pair.split_once('=').unwrap();
            if v.is_empty() {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), v.to_string());
            }
        }
        let status = response.status().as_u16();
        let location = response.headers().get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
        Page { status, location, body: response.text().await.unwrap() }
    }

    pub fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let r = self.client.get(format!("{}{path}", self.base)).header("cookie", self.cookie_header()).send().await;
        self.keep(r.unwrap()).await
    }

    /// A GET whose body is not text (a picture): status, content type and bytes.
    pub async fn bytes(&mut self, path: &str) -> (u16, String, Vec<u8>) {
        let r = self.client.get(format!("{}{path}", self.base)).header("cookie", self.cookie_header()).send().await;
        let r = r.unwrap();
        let kind = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        (r.status().as_u16(), kind, r.bytes().await.unwrap().to_vec())
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .form(form)
            .send()
            .await;
        self.keep(r.unwrap()).await
    }

    /// A POST with extra headers (what another site's form would send, say).
    pub async fn post_with(&mut self, path: &str, form: &[(&str, &str)], headers: &[(&str, &str)]) -> Page {
        let mut request =
            self.client.post(format!("{}{path}", self.base)).header("cookie", self.cookie_header()).form(form);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        self.keep(request.send().await.unwrap()).await
    }

    /// The CSRF token on the latest page.
    pub fn csrf(body: &str) -> String {
        let at = body.find("name=\"csrf\" value=\"").unwrap_or_else(|| panic!("no CSRF token in {body}"));
        body[at + 19..].split('"').next().unwrap().to_string()
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> Page {
        let form = self.get("/login").await;
        let csrf = Browser::csrf(&form.body);
        self.post("/login", &[("csrf", &csrf), ("email", email), ("password", password)]).await
    }

    /// Signs in and returns the session's CSRF token.
    pub async fn signed_in(base: &str, email: &str) -> (Browser, String) {
        let mut b = Browser::new(base);
        let page = b.sign_in(email, PASSWORD).await;
        assert_eq!((page.status, page.location.as_str()), (303, "/"), "{}", page.body);
        let queue = b.get("/").await;
        let csrf = Browser::csrf(&queue.body);
        (b, csrf)
    }
}

/// Serves the dashboard of `app` on 127.0.0.1:0; returns its base URL.
pub async fn serve(app: &TestApp) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    std::mem::forget(stop);
    tokio::spawn(linkup::dashboard::serve(listener, linkup::dashboard::router(app.linkup.clone()), shutdown));
    base
}

pub async fn add_worker(app: &TestApp, email: &str, name: &str, team: &str, role: Role) -> i64 {
    let hash = auth::hash_password(PASSWORD).unwrap();
    workers::upsert(&app.store.pool, email, name, team, role, &hash, now_ms()).await.unwrap()
}

pub fn teams() -> Config {
    let mut config = Config::default();
    config.area_teams.insert("LS".into(), "leeds".into());
    config.area_teams.insert("M".into(), "manchester".into());
    config
}

/// Every POST a case page's actions make (`/cases/{reference}/...`).
const CASE_ACTIONS: [&str; 10] =
    ["claim", "release", "assign", "messages", "notes", "close", "reopen", "clear-urgent", "activities", "referrals"];
#[tokio::test]
async fn every_page_needs_a_signed_in_worker() {
    let mut app = TestApp::new("sqlite").await;
    let reference = app.refer("Robin", "M14", "football with friends").await;
    let base = serve(&app).await;
    let mut anon = Browser::new(&base);
    for path in
        ["/", "/queue/rows", "/audit", &format!("/cases/{reference}"), &format!("/cases/{reference}/conversation")]
    {
        let page = anon.get(path).await;
        assert_eq!((page.status, page.location.as_str()), (303, "/login"), "GET {path}");
    }
    for action in CASE_ACTIONS {
        let page = anon.post(&format!("/cases/{reference}/{action}"), &[("csrf", "x"), ("text", "hi")]).await;
        assert_eq!((page.status, page.location.as_str()), (303, "/login"), "POST {action}");
    }
    assert_eq!(anon.post("/logout", &[]).await.location, "/login");
    // A made-up session cookie is no better.
    anon.cookies.insert(auth::SESSION_COOKIE.into(), "0".repeat(64));
    assert_eq!(anon.get("/").await.location, "/login");
    let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
    assert!(case.claimed_by.is_none() && case.status.as_str() == "waiting");
}

#[tokio::test]
async fn sign_in_sets_a_strict_http_only_cookie_and_sign_out_ends_the_session() {
    let app = TestApp::new("sqlite").await;
    add_worker(&app, "ash@example.org", "Ash Jones", "main", Role::Worker).await;
    let base = serve(&app).await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let form = client.get(format!("{base}/login")).send().await.unwrap();
    let login_cookie = form.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let csrf = Browser::csrf(&form.text().await.unwrap());
    let signed = client
        .post(format!("{base}/login"))
        .header("cookie", &login_cookie)
        .header("x-forwarded-proto", "https")
        .form(&[("csrf", csrf.as_str()), ("email", "ASH@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status().as_u16(), 303);
    let cookie = signed
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("linkup_session="))
        .unwrap()
        .to_string();
    for part in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    // Only a hash of the token is stored.
    let token = cookie.split(';').next().unwrap().split_once('=').unwrap().1.to_string();
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT token_hash FROM sessions").fetch_all(&app.store.pool).await.unwrap();
    assert_eq!(stored, vec![auth::token_hash(&token)]);

    let mut b = Browser::new(&base);
    b.cookies.insert(auth::SESSION_COOKIE.into(), token.clone());
    let queue = b.get("/").await;
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("Ash Jones"));
    // Sign-out needs the CSRF token too.
    assert_eq!(b.post("/logout", &[("csrf", "wrong")]).await.status, 403);
    let csrf = Browser::csrf(&queue.body);
    assert_eq!(b.post("/logout", &[("csrf", &csrf)]).await.location, "/login");
    b.cookies.insert(auth::SESSION_COOKIE.into(), token);
    assert_eq!(b.get("/").await.location, "/login", "the old token no longer works");

    // A wrong password, and an unknown email, get the same kind words.
    let mut b = Browser::new(&base);
    let wrong = b.sign_in("ash@example.org", "not the password").await;
    let unknown = b.sign_in("nobody@example.org", PASSWORD).await;
    assert_eq!((wrong.status, unknown.status), (401, 401));
    assert!(wrong.body.contains("That email and password do not match"));
    assert!(unknown.body.contains("That email and password do not match"));
    // A login form without its cookie (a cross-site post) is refused.
    let mut fresh = Browser::new(&base);
    let page = fresh.post("/login", &[("csrf", &csrf), ("email", "ash@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(page.status, 403);
}

#[tokio::test]
async fn sign_in_is_rate_limited() {
    let app = TestApp::new("sqlite").await;
    add_worker(&app, "kim@example.org", "Kim Lee", "main", Role::Worker).await;
    let base = serve(&app).await;
    let mut b = Browser::new(&base);
    for _ in 0..auth::MAX_FAILURES_PER_EMAIL {
        assert_eq!(b.sign_in("kim@example.org", "guess guess guess").await.status, 401);
    }
    // Now even the right password waits.
    let page = b.sign_in("kim@example.org", PASSWORD).await;
    assert_eq!(page.status, 429, "{}", page.body);
    assert!(page.body.contains("Too many attempts"));
    // Other accounts are not locked by it.
    add_worker(&app, "lou@example.org", "Lou Park", "main", Role::Worker).await;
    assert_eq!(b.sign_in("lou@example.org", PASSWORD).await.status, 303);
}

#[tokio::test]
async fn workers_see_only_their_teams_cases_even_by_guessing() {
    for backend in backends() {
        let mut app = TestApp::with_config(backend, teams()).await;
        app.user = "leeds-1".into();
        let leeds = app.refer("Lee", "LS6", "skateboarding").await;
        app.user = "manc-1".into();
        let manc = app.refer("Mo", "M14", "drawing comics").await;
        let case = cases::by_reference(&app.store.pool, &manc).await.unwrap().unwrap();
        assert_eq!(case.team, "manchester", "{backend}");
        add_worker(&app, "l@example.org", "Lena Leeds", "leeds", Role::Worker).await;
        add_worker(&app, "a@example.org", "Ada Admin", "hq", Role::Admin).await;
        let base = serve(&app).await;
        let (mut b, csrf) = Browser::signed_in(&base, "l@example.org").await;
        let queue = b.get("/?status=all").await.body;
        assert!(queue.contains(&leeds) && !queue.contains(&manc), "{backend}");
        // Asking for another team's queue does nothing for a worker.
        let rows = b.get("/queue/rows?status=all&team=manchester").await.body;
        assert!(rows.contains(&leeds) && !rows.contains(&manc) && !rows.contains("Mo"), "{backend}");
        for path in
            [format!("/cases/{manc}"), format!("/cases/{manc}/conversation"), format!("/cases/{}", manc.to_lowercase())]
        {
            let page = b.get(&path).await;
            assert_eq!(page.status, 404, "{backend}: {path}");
            assert!(!page.body.contains("drawing comics"));
        }
        for action in CASE_ACTIONS {
            let page = b
                .post(
                    &format!("/cases/{manc}/{action}"),
                    &[
                        ("csrf", &csrf),
                        ("text", "hello"),
                        ("body", "note"),
                        ("note", "a note here"),
                        ("outcome", "referred"),
                    ],
                )
                .await;
            assert_eq!(page.status, 404, "{backend}: POST {action}");
        }
        let untouched = cases::by_reference(&app.store.pool, &manc).await.unwrap().unwrap();
        assert_eq!((untouched.status.as_str(), untouched.claimed_by), ("waiting", None), "{backend}");
        let notes = casework::notes(&app.store.pool, untouched.id).await.unwrap();
        assert!(notes.is_empty(), "{backend}");
        // An admin sees every team.
        let (mut admin, _) = Browser::signed_in(&base, "a@example.org").await;
        let all = admin.get("/").await.body;
        assert!(all.contains(&leeds) && all.contains(&manc), "{backend}");
        assert_eq!(admin.get(&format!("/cases/{manc}")).await.status, 200);
    }
}

#[tokio::test]
async fn forms_without_the_right_csrf_token_change_nothing() {
    let mut app = TestApp::new("sqlite").await;
    let reference = app.refer("Robin", "M14", "football").await;
    add_worker(&app, "w@example.org", "Wren Smith", "main", Role::Lead).await;
    let base = serve(&app).await;
    let (mut b, csrf) = Browser::signed_in(&base, "w@example.org").await;
    for token in ["", "not-the-token", &csrf[..csrf.len() - 1]] {
        for action in ["claim", "messages", "notes", "close", "activities", "referrals"] {
            let page = b
                .post(
                    &format!("/cases/{reference}/{action}"),
                    &[("csrf", token), ("text", "hi"), ("body", "n"), ("note", "n")],
                )
                .await;
            assert_eq!(page.status, 403, "{action} with {token:?}");
            assert!(page.body.contains("This form has expired"));
        }
    }
    let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
    assert_eq!((case.status.as_str(), case.claimed_by), ("waiting", None));
    assert!(casework::notes(&app.store.pool, case.id).await.unwrap().is_empty());
    // With the token it works.
    let page = b.post(&format!("/cases/{reference}/claim"), &[("csrf", &csrf)]).await;
    assert_eq!(page.location, format!("/cases/{reference}?said=claimed"));
}

#[tokio::test]
async fn two_workers_claiming_at_once_one_wins_and_the_other_is_told_who() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let reference = app.refer("Robin", "M14", "football").await;
        let ids = [
            add_worker(&app, "one@example.org", "Una One", "main", Role::Worker).await,
            add_worker(&app, "two@example.org", "Tod Two", "main", Role::Worker).await,
        ];
        let base = serve(&app).await;
        for round in 0..5 {
            let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
            sqlx::query("UPDATE cases SET claimed_by = NULL, status = 'waiting' WHERE id = $1")
                .bind(case.id)
                .execute(&app.store.pool)
                .await
                .unwrap();
            let (mut one, c1) = Browser::signed_in(&base, "one@example.org").await;
            let (mut two, c2) = Browser::signed_in(&base, "two@example.org").await;
            let path = format!("/cases/{reference}/claim");
            let (f1, f2) = ([("csrf", c1.as_str())], [("csrf", c2.as_str())]);
            let (a, b) = tokio::join!(one.post(&path, &f1), two.post(&path, &f2));
            let mut saids: Vec<String> =
                [&a, &b].iter().map(|p| p.location.rsplit('=').next().unwrap().to_string()).collect();
            saids.sort();
            assert_eq!(saids, ["claimed", "taken"], "{backend} round {round}");
            let holder = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap().claimed_by.unwrap();
            let winner = if a.location.ends_with("claimed") { 0 } else { 1 };
            assert_eq!(holder, ids[winner], "{backend} round {round}");
            let loser = if winner == 0 { &mut two } else { &mut one };
            let page = loser.get(&format!("/cases/{reference}?said=taken")).await.body;
            let name = if winner == 0 { "Una One" } else { "Tod Two" };
            assert!(page.contains(&format!("Someone got there first: {name} has this case.")), "{backend}");
        }
    }
}

#[tokio::test]
async fn whatever_a_young_person_types_is_shown_escaped() {
    let mut app = TestApp::new("sqlite").await;
    let evil = "<script>alert(1)</script>";
    app.start().await;
    for line in ["1", "4", "<b>Ro</b>", "<img src=x onerror=alert(1)> School", "1", "done", evil, "2", "done"] {
        app.say(line).await;
    }
    app.say("i'm being bullied <script>x()</script>").await;
    for line in ["6", "7", "5", "3", "2", "1", "done", "1", "3", "done", "1", "1"] {
        app.say(line).await;
    }
    let reference = cases::queue(&app.store.pool).await.unwrap()[0].reference.clone();
    add_worker(&app, "w@example.org", "Wren Smith", "main", Role::Lead).await;
    let base = serve(&app).await;
    let (mut b, _) = Browser::signed_in(&base, "w@example.org").await;
    for path in [
        "/".to_string(),
        "/queue/rows".into(),
        format!("/cases/{reference}"),
        format!("/cases/{reference}/conversation"),
    ] {
        let body = b.get(&path).await.body;
        for raw in ["<script>alert", "<script>x()", "<b>Ro</b>", "<img src=x"] {
            assert!(!body.contains(raw), "{path} shows {raw} unescaped");
        }
    }
    let case = b.get(&format!("/cases/{reference}")).await.body;
    assert!(case.contains("&#60;script&#62;alert(1)&#60;/script&#62;"), "the words are shown, escaped");
    assert!(case.contains("&#60;b&#62;Ro&#60;/b&#62;"), "the name is shown, escaped");
}

#[tokio::test]
async fn a_worker_claims_messages_and_closes_and_the_young_person_replies_to_the_case() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let reference = app.refer("Robin", "M14", "football").await;
        let sam = add_worker(&app, "sam@example.org", "Sam Taylor", "main", Role::Lead).await;
        let base = serve(&app).await;
        let (mut b, csrf) = Browser::signed_in(&base, "sam@example.org").await;
        let queue = b.get("/").await.body;
        assert!(queue.contains(&reference) && queue.contains("Robin"), "{backend}");
        let path = format!("/cases/{reference}");
        b.post(&format!("{path}/claim"), &[("csrf", &csrf)]).await;
        let page = b
            .post(
                &format!("{path}/messages"),
                &[("csrf", &csrf), ("text", "Hi Robin, it's Sam. Shall we talk about football clubs?")],
            )
            .await;
        assert_eq!(page.location, format!("{path}?said=sent"), "{backend}");
        // The message waits in the outbox for the young person's channel, with the first name.
        let queued = outbox::due(&app.store.pool, "test", now_ms() + 1000, 10).await.unwrap();
        assert_eq!(queued.len(), 1, "{backend}");
        let item = queued[0].item().unwrap();
        assert_eq!(
            item,
            outbox::Item::Message {
                text: "Sam (your link worker):\nHi Robin, it's Sam. Shall we talk about football clubs?".into(),
                buttons: vec![],
                columns: 1
            }
        );
        let view = b.get(&path).await.body;
        assert!(view.contains("In contact") && view.contains("delivery queued"), "{backend}: {view}");
        outbox::sent(&app.store.pool, queued[0].id, Some("1"), now_ms()).await.unwrap();
        assert!(b.get(&format!("{path}/conversation")).await.body.contains("delivery sent"), "{backend}");

        // The young person's reply goes to the case, not the flow: no bot answer.
        let handled = app.say("yes please, saturdays are best").await;
        assert!(handled.replies.is_empty(), "{backend}: {:?}", app.text());
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        assert_eq!(case.status.as_str(), "in_contact");
        let rows = b.get("/queue/rows").await.body;
        assert!(rows.contains("New message"), "{backend}");
        assert!(b.get(&path).await.body.contains("yes please, saturdays are best"));
        assert!(!b.get("/queue/rows").await.body.contains("New message"), "{backend}: seen once opened");
        // Crisis words still get crisis contacts at once, and the case goes urgent.
        app.say("i want to kill myself").await;
        assert!(app.text().contains("116 123"), "{backend}: {}", app.text());
        assert!(cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap().urgent != 0);
        // /menu gives the bot back; a button returns them to Sam.
        app.say("/menu").await;
        assert_eq!(
            app.labels(),
            ["Talk to my link worker", "See my chart", "See my data", "Pause messages", "Delete my data"]
        );
        let handled = app.say("hello bot").await;
        assert!(!handled.replies.is_empty(), "{backend}: the bot answers again");
        app.say("/menu").await;
        app.press("Talk to my link worker").await;
        assert_eq!(app.first(), "OK. Your messages go to Sam again.");
        assert!(app.say("thanks").await.replies.is_empty());

        // Clearing urgent and closing both need a note.
        let page = b.post(&format!("{path}/clear-urgent"), &[("csrf", &csrf), ("note", "")]).await;
        assert!(page.location.ends_with("said=note-needed"));
        b.post(&format!("{path}/clear-urgent"), &[("csrf", &csrf), ("note", "Spoke to Robin, safety plan agreed")])
            .await;
        assert_eq!(cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap().urgent, 0);
        let page = b.post(&format!("{path}/close"), &[("csrf", &csrf), ("outcome", "connected"), ("note", "  ")]).await;
        assert!(page.location.ends_with("said=note-needed"), "{backend}");
        let page = b.post(&format!("{path}/close"), &[("csrf", &csrf), ("outcome", "made-up"), ("note", "x")]).await;
        assert_eq!(page.status, 400);
        b.post(
            &format!("{path}/close"),
            &[("csrf", &csrf), ("outcome", "connected"), ("note", "Joined Saturday club")],
        )
        .await;
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        assert_eq!((case.status.as_str(), case.outcome.as_deref()), ("closed", Some("connected")), "{backend}");
        // Closed: messages are refused until it is reopened; then words go back to the bot.
        let page = b.post(&format!("{path}/messages"), &[("csrf", &csrf), ("text", "one more thing")]).await;
        assert!(page.location.ends_with("said=message-refused"), "{backend}");
        let page = b.post(&format!("{path}/reopen"), &[("csrf", &csrf), ("note", "")]).await;
        assert!(page.location.ends_with("said=note-needed"), "{backend}: reopening needs a note");
        b.post(&format!("{path}/reopen"), &[("csrf", &csrf), ("note", "Robin asked about swimming too")]).await;
        assert_eq!(cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap().status.as_str(), "claimed");
        assert!(!app.say("hi again").await.replies.is_empty());

        // History and audit: every view and change, with who.
        let view = b.get(&path).await.body;
        for line in [
            "Claimed",
            "In contact (first message sent)",
            "Urgent mark cleared",
            "Closed: Connected to an activity",
            "Reopened",
        ] {
            assert!(view.contains(line), "{backend}: history lacks {line}");
        }
        let audit: Vec<String> =
            sqlx::query_scalar("SELECT action FROM audit WHERE case_id = $1 AND worker_id = $2 ORDER BY id")
                .bind(case.id)
                .bind(sam)
                .fetch_all(&app.store.pool)
                .await
                .unwrap();
        for action in ["viewed", "claimed", "messaged", "cleared urgent", "closed", "reopened"] {
            assert!(audit.iter().any(|a| a == action), "{backend}: audit lacks {action}: {audit:?}");
        }
        assert!(b.get("/audit").await.body.contains("cleared urgent"));
    }
}

#[tokio::test]
async fn releasing_reassigning_and_the_audit_are_for_the_holder_or_a_lead() {
    let mut app = TestApp::new("sqlite").await;
    let reference = app.refer("Robin", "M14", "football").await;
    add_worker(&app, "one@example.org", "Una One", "main", Role::Worker).await;
    let two = add_worker(&app, "two@example.org", "Tod Two", "main", Role::Worker).await;
    add_worker(&app, "lead@example.org", "Lea Lead", "main", Role::Lead).await;
    let base = serve(&app).await;
    let path = format!("/cases/{reference}");
    let (mut one, c1) = Browser::signed_in(&base, "one@example.org").await;
    let (mut other, c2) = Browser::signed_in(&base, "two@example.org").await;
    one.post(&format!("{path}/claim"), &[("csrf", &c1)]).await;
    assert!(other.post(&format!("{path}/release"), &[("csrf", &c2)]).await.location.ends_with("said=not-yours"));
    assert_eq!(other.post(&format!("{path}/assign"), &[("csrf", &c2), ("worker", &two.to_string())]).await.status, 403);
    assert_eq!(other.get("/audit").await.status, 403);
    let (mut lead, c3) = Browser::signed_in(&base, "lead@example.org").await;
    let page = lead.post(&format!("{path}/assign"), &[("csrf", &c3), ("worker", &two.to_string())]).await;
    assert!(page.location.ends_with("said=assigned"));
    assert_eq!(cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap().claimed_by, Some(two));
    other.post(&format!("{path}/release"), &[("csrf", &c2)]).await;
    let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
    assert_eq!((case.status.as_str(), case.claimed_by), ("waiting", None));
    let audit = lead.get(&path).await.body;
    assert!(audit.contains("Audit") && audit.contains("reassigned") && audit.contains("Una One"));
    assert!(!one.get(&path).await.body.contains("<h2>Audit</h2>"), "workers do not see the audit");
}

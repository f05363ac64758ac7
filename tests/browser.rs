//! The dashboard in a real browser (headless Chromium through chromedriver's WebDriver API):
//! a link worker signs in, sees a new case appear without reloading, claims it, replies, sees
//! the reply delivered through the fake Bot API, and closes the case; and at a phone's width,
//! the queue as cards, an urgent case arriving (title, announcement, focus kept), the reply box
//! on the first screen, the case's activities (search results included), and no page scrolling
//! sideways. Screenshots are saved under
//! `target/screenshots/`.
//!
//! Needs Debian's `chromium` and `chromium-driver`. `.ci/run` installs them; run as root with
//! apt-get, this test installs them itself if they are missing.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use linkup::store::cases;
use linkup::store::workers::Role;
use serde_json::{Value, json};

use crate::dashboard::PASSWORD;
use crate::fake_telegram::{self as fake, FakeTelegram, until};
use crate::support::{referral, root};
use crate::telegram::start_bot;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// chromedriver and chromium, installed if they are missing and we may.
fn browser_binaries() -> (PathBuf, PathBuf) {
    let driver = PathBuf::from("/usr/bin/chromedriver");
    let chromium = PathBuf::from("/usr/bin/chromium");
    // The browser tests run at once: one installs while the others wait (apt has one lock).
    static INSTALLING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = INSTALLING.lock().unwrap_or_else(|e| e.into_inner());
    if !(driver.exists() && chromium.exists()) {
        let root_user =
            Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
        assert!(
            root_user && Path::new("/usr/bin/apt-get").exists(),
            "the browser test needs Chromium: sudo apt-get install -y chromium chromium-driver (or run .ci/run)"
        );
        eprintln!("installing chromium and chromium-driver for the browser test (once)");
        let install = || {
            Command::new("apt-get")
                .args(["install", "-y", "--no-install-recommends", "chromium", "chromium-driver"])
                .env("DEBIAN_FRONTEND", "noninteractive")
                .status()
                .is_ok_and(|s| s.success())
        };
        if !install() {
            let _ = Command::new("apt-get").arg("update").status();
            assert!(install(), "could not install chromium and chromium-driver");
        }
    }
    (driver, chromium)
}

/// A chromedriver process and one browser session, both ended on drop.
struct WebDriver {
    http: reqwest::Client,
    base: String,
    session: String,
    process: Child,
}

impl Drop for WebDriver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl WebDriver {
    async fn start() -> WebDriver {
        let (driver, chromium) = browser_binaries();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let process = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let http = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        loop {
            let ready = http.get(format!("{base}/status")).send().await;
            if let Ok(r) = ready
                && r.json::<Value>().await.is_ok_and(|v| v["value"]["ready"] == true)
            {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut wd = WebDriver { http, base, session: String::new(), process };
        let caps = json!({ "capabilities": { "alwaysMatch": { "browserName": "chrome", "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1100,1400"]
        } } } });
        let created = wd.call("POST", "/session", caps).await;
        wd.session = created["sessionId"].as_str().expect("a WebDriver session").to_string();
        wd
    }

    async fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let request = match method {
            "GET" => self.http.get(url),
            "DELETE" => self.http.delete(url),
            _ => self.http.post(url).json(&body),
        };
        let value: Value = request.send().await.expect("chromedriver answers").json().await.unwrap();
        assert!(value["value"]["error"].is_null(), "{method} {path}: {value}");
        value["value"].clone()
    }

    async fn session(&self, method: &str, path: &str, body: Value) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body).await
    }

    async fn go(&self, url: &str) {
        self.session("POST", "/url", json!({ "url": url })).await;
    }

    async fn find_all(&self, css: &str) -> Vec<String> {
        let found = self.session("POST", "/elements", json!({ "using": "css selector", "value": css })).await;
        found.as_array().unwrap().iter().map(|e| e[ELEMENT].as_str().unwrap().to_string()).collect()
    }

    /// Waits for an element (the page's JavaScript may add it).
    async fn wait_for(&self, css: &str, limit: Duration) -> String {
        let started = Instant::now();
        loop {
            if let Some(e) = self.find_all(css).await.into_iter().next() {
                return e;
            }
            assert!(started.elapsed() < limit, "no {css} after {limit:?}; page: {}", self.source().await);
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn click(&self, element: &str) {
        self.session("POST", &format!("/element/{element}/click"), json!({})).await;
    }

    async fn type_into(&self, element: &str, text: &str) {
        self.session("POST", &format!("/element/{element}/value"), json!({ "text": text })).await;
    }

    async fn source(&self) -> String {
        self.session("GET", "/source", Value::Null).await.as_str().unwrap_or_default().to_string()
    }

    /// Sets the window's size, for screenshots at a phone's width (390) and a laptop's (1280).
    async fn resize(&self, width: u32, height: u32) {
        self.session("POST", "/window/rect", json!({ "width": width, "height": height })).await;
    }

    async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.session("GET", "/screenshot", Value::Null).await;
        let bytes = base64::engine::general_purpose::STANDARD.decode(png.as_str().unwrap()).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
        let dir = root().join("target").join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// Sam Taylor (with `role`) and the dashboard on 127.0.0.1: its address, and the sender that
/// keeps it running.
async fn dashboard_of(linkup: &linkup::conversation::Linkup, role: Role) -> (String, tokio::sync::watch::Sender<bool>) {
    let hash = linkup::dashboard::auth::hash_password(PASSWORD).unwrap();
    let pool = &linkup.store.pool;
    linkup::store::workers::upsert(pool, "sam@example.org", "Sam Taylor", "main", role, &hash, 0).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let site = format!("http://{}", listener.local_addr().unwrap());
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    tokio::spawn(linkup::dashboard::serve(listener, linkup::dashboard::router(linkup.clone()), shutdown));
    (site, stop)
}

/// Signs Sam in through the form, and waits for the queue.
async fn sign_in(wd: &WebDriver, site: &str) {
    wd.go(&format!("{site}/login")).await;
    wd.type_into(&wd.wait_for("#email", Duration::from_secs(10)).await, "sam@example.org").await;
    wd.type_into(&wd.wait_for("#password", Duration::from_secs(5)).await, PASSWORD).await;
    wd.click(&wd.wait_for("#sign-in", Duration::from_secs(5)).await).await;
    wd.wait_for("#queue", Duration::from_secs(10)).await;
}

#[tokio::test]
async fn a_link_worker_picks_up_a_case_in_a_real_browser() {
    let fake = FakeTelegram::start().await;
    let bot = start_bot("sqlite", &fake).await;
    let (site, _stop) = dashboard_of(&bot.linkup, Role::Worker).await;
    let wd = WebDriver::start().await;

    sign_in(&wd, &site).await;
    assert!(wd.source().await.contains("No cases here."));

    // A young person refers themselves on Telegram; the case appears without a reload.
    let chat = 4242;
    fake.push(fake::text(chat, "/start"));
    for line in referral("Robin", "M14", "football with my mates") {
        fake.push(fake::text(chat, line));
    }
    let row = wd.wait_for("li[data-reference]", Duration::from_secs(60)).await;
    let reference = cases::queue(&bot.store.pool).await.unwrap()[0].reference.clone();
    assert!(wd.source().await.contains(&reference));
    let queue_png = wd.screenshot("dashboard-queue.png").await;

    // Claim it from the queue, then reply in the case view.
    let claim = wd.find_all(&format!("li[data-reference='{reference}'] button.claim")).await;
    assert_eq!(claim.len(), 1, "{row}");
    wd.click(&claim[0]).await;
    wd.wait_for("#flash", Duration::from_secs(10)).await;
    assert!(wd.source().await.contains("You have claimed this case."));
    let reply = wd.wait_for("#reply", Duration::from_secs(5)).await;
    wd.type_into(&reply, "Hi Robin, I'm Sam. There's a Saturday football club near you. Want to hear more?").await;
    wd.click(&wd.wait_for("#send", Duration::from_secs(5)).await).await;
    wd.wait_for("#flash", Duration::from_secs(10)).await;

    // The reply reaches the young person through the Bot API, and the page says it was sent.
    let delivered = until(Duration::from_secs(30), || {
        fake.sent_to(chat)
            .iter()
            .any(|s| s.text.as_deref().is_some_and(|t| t.starts_with("Sam (your link worker):\nHi Robin")))
    })
    .await;
    assert!(delivered, "the reply was not delivered");
    wd.wait_for(".delivery.sent", Duration::from_secs(20)).await;
    // Their answer arrives in the case, still without a reload.
    fake.push(fake::text(chat, "yes please!"));
    let started = Instant::now();
    while !wd.source().await.contains("yes please!") {
        assert!(started.elapsed() < Duration::from_secs(30), "the young person's reply did not appear");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let case_png = wd.screenshot("dashboard-case.png").await;

    // A safeguarding flag on the case, read as a link worker would: on a phone and a laptop.
    fake.push(fake::text(chat, "my dad hits me and im scared to go home tonight"));
    let flagged = until(Duration::from_secs(30), || {
        fake.sent_to(chat).iter().any(|s| s.text.as_deref().is_some_and(|t| t.contains("Thank you for telling me")))
    })
    .await;
    assert!(flagged, "no crisis reply");
    let page = wd.session("GET", "/url", Value::Null).await.as_str().unwrap_or_default().to_string();
    let mut flag_pngs = Vec::new();
    for (width, name) in [(390, "dashboard-case-flag-390.png"), (1280, "dashboard-case-flag-1280.png")] {
        wd.resize(width, 1600).await;
        wd.go(&page).await;
        wd.wait_for("#reply", Duration::from_secs(10)).await;
        let source = wd.source().await;
        assert!(source.contains("my dad hits me") && source.contains("abuse"), "the flag shows");
        flag_pngs.push(wd.screenshot(name).await);
    }
    wd.resize(1100, 1400).await;
    wd.go(&page).await;
    wd.wait_for("#close-note", Duration::from_secs(10)).await;

    // Close with an outcome (none is chosen for them) and a note.
    wd.click(&wd.wait_for("#outcome-select option[value='connected']", Duration::from_secs(5)).await).await;
    wd.type_into(&wd.wait_for("#close-note", Duration::from_secs(5)).await, "Joined the Saturday club").await;
    wd.click(&wd.wait_for("#close", Duration::from_secs(5)).await).await;
    wd.wait_for("#reopen", Duration::from_secs(10)).await;
    let case = cases::by_reference(&bot.store.pool, &reference).await.unwrap().unwrap();
    assert_eq!((case.status.as_str(), case.outcome.as_deref()), ("closed", Some("connected")));
    for png in [queue_png, case_png].into_iter().chain(flag_pngs) {
        assert!(std::fs::metadata(&png).unwrap().len() > 10_000, "{} is a real screenshot", png.display());
    }
    wd.session("DELETE", "", Value::Null).await;
}

impl WebDriver {
    /// The `.part`'s `data-last`: the latest message the page shows.
    async fn last_shown(&self) -> String {
        // Read in one script: the part may be replaced between finding it and reading it.
        let value =
            self.script("var p = document.querySelector('.part'); return p ? p.getAttribute('data-last') : '';").await;
        value.as_str().unwrap_or_default().to_string()
    }

    /// Waits until the page shows a newer message than `before` (the reply to what was sent).
    async fn answered(&self, before: &str) {
        let started = Instant::now();
        while self.last_shown().await == before {
            assert!(started.elapsed() < Duration::from_secs(20), "no reply; page: {}", self.source().await);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Taps the button whose payload is `payload`, and waits for the reply.
    async fn tap(&self, payload: &str) {
        let before = self.last_shown().await;
        let button = self.wait_for(&format!("button[name=press][value=\"{payload}\"]"), Duration::from_secs(10)).await;
        self.click(&button).await;
        self.answered(&before).await;
    }

    /// Types a line in the box and sends it, and waits for the reply.
    async fn say(&self, line: &str) {
        let before = self.last_shown().await;
        let text = self.wait_for("#text", Duration::from_secs(10)).await;
        self.type_into(&text, line).await;
        self.click(&self.wait_for("#say button[type=submit]", Duration::from_secs(5)).await).await;
        self.answered(&before).await;
        let left = self.script("return document.getElementById('text').value;").await;
        assert_eq!(left, Value::String(String::new()), "the box is empty once {line:?} is sent");
    }

    async fn script(&self, script: &str) -> Value {
        self.session("POST", "/execute/sync", json!({ "script": script, "args": [] })).await
    }

    async fn url(&self) -> String {
        self.session("GET", "/url", Value::Null).await.as_str().unwrap_or_default().to_string()
    }
}

/// A young person on a 390-pixel phone: the self-referral by tapping, a link worker's reply
/// appearing without a reload, "Leave quickly"; then, in a fresh browser session, the
/// self-referral by typing and Esc three times. Screenshots under `target/screenshots/`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_young_person_uses_the_web_chat_on_a_phone() {
    let server = crate::web::serve(|c| c.web.exit_url = "about:blank".into()).await;
    let wd = WebDriver::start().await;
    wd.resize(390, 844).await;
    wd.go(&format!("{}/chat", server.base)).await;
    let start = wd.wait_for("form.start button", Duration::from_secs(10)).await;
    let start_png = wd.screenshot("web-chat-start-390.png").await;
    wd.click(&start).await;
    wd.wait_for("button[value=\"welcome|yes\"]", Duration::from_secs(20)).await;

    // By tapping (and typing only where a question asks for words).
    wd.tap("welcome|yes").await;
    wd.tap("age|13-15").await;
    wd.say("Mia").await;
    wd.say("LS6").await;
    wd.tap("topics|friends").await;
    wd.tap("topics|#done").await;
    let middle_png = wd.screenshot("web-chat-question-390.png").await;
    wd.say("I want to find something to do after school").await;
    wd.tap("interests|art").await;
    wd.tap("interests|#done").await;
    // Under 16: two wellbeing questions in their own words, and their screening question.
    wd.tap("young-life|4").await;
    wd.tap("young-happy|3").await;
    wd.tap("safety-screen-younger|no").await;
    wd.tap("help|talk").await;
    wd.tap("help|#done").await;
    wd.tap("contact-method|chat").await;
    wd.tap("contact-times|evenings").await;
    wd.tap("contact-times|#done").await;
    wd.tap("checkins|no").await;
    wd.tap("summary|yes").await;
    let queue = cases::queue(&server.app.store.pool).await.unwrap();
    assert_eq!(queue.len(), 1, "{}", wd.source().await);
    let case = cases::by_reference(&server.app.store.pool, &queue[0].reference).await.unwrap().unwrap();
    assert_eq!((case.source.as_str(), case.age_band.as_deref()), ("web", Some("13-15")));
    assert_eq!((case.preferred_name.as_deref(), case.area.as_deref()), (Some("Mia"), Some("LS6")));
    assert!(wd.source().await.contains(&case.reference), "the reference is on the page");
    let code_element = wd.wait_for("#come-back-code", Duration::from_secs(10)).await;
    let code = wd.session("GET", &format!("/element/{code_element}/text"), Value::Null).await;
    let code = code.as_str().unwrap().to_string();
    assert_eq!(code.len(), 9, "{code}");
    let done_png = wd.screenshot("web-chat-handed-off-390.png").await;

    // A link worker's reply appears in the open chat, without a reload.
    wd.script("window.stillHere = true;").await;
    let hash = linkup::dashboard::auth::hash_password(PASSWORD).unwrap();
    let worker = linkup::store::workers::upsert(
        &server.app.store.pool,
        "ana@example.org",
        "Ana Lee",
        "main",
        Role::Worker,
        &hash,
        0,
    )
    .await
    .unwrap();
    let worker = linkup::store::workers::by_id(&server.app.store.pool, worker).await.unwrap().unwrap();
    server
        .app
        .linkup
        .send_from_worker(&case, &worker, "Hi Mia, I'm Ana. There's an art club near you.", 0)
        .await
        .unwrap();
    let started = Instant::now();
    while !wd.source().await.contains("There&#39;s an art club near you.")
        && !wd.source().await.contains("There's an art club near you.")
    {
        assert!(started.elapsed() < Duration::from_secs(20), "the reply did not appear: {}", wd.source().await);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(wd.script("return window.stillHere === true;").await, Value::Bool(true), "no reload");
    let read_out = wd.script("return document.getElementById('said').textContent;").await;
    let read_out = read_out.as_str().unwrap_or_default();
    assert!(read_out.contains("art club near you") && !read_out.contains("How old are you"), "{read_out}");

    // Leave quickly: the chat is gone from the screen and from Back.
    wd.click(&wd.wait_for("#quick-exit", Duration::from_secs(5)).await).await;
    let started = Instant::now();
    while wd.url().await.contains("/chat") {
        assert!(started.elapsed() < Duration::from_secs(10), "still on the chat");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!wd.source().await.contains("Mia"));
    wd.session("POST", "/back", json!({})).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!wd.url().await.contains("/chat"), "Back returns to the chat: {}", wd.url().await);

    // A fresh browser (no cookies; they are deleted for the page's own site, so from the chat's
    // address): the come back code shows the conversation, the link worker's reply included.
    wd.go(&format!("{}/chat", server.base)).await;
    wd.session("DELETE", "/cookie", Value::Null).await;
    wd.go(&format!("{}/chat", server.base)).await;
    wd.type_into(&wd.wait_for("#code", Duration::from_secs(10)).await, &code.to_lowercase()).await;
    wd.click(&wd.wait_for("form.return button", Duration::from_secs(5)).await).await;
    wd.wait_for("#say", Duration::from_secs(10)).await;
    let source = wd.source().await;
    assert!(source.contains("art club near you") && source.contains("Mia"), "{source}");

    // Someone else, by typing every answer, then Esc three times.
    wd.session("DELETE", "/cookie", Value::Null).await;
    wd.go(&format!("{}/chat", server.base)).await;
    wd.click(&wd.wait_for("form.start button", Duration::from_secs(10)).await).await;
    wd.wait_for("button[value=\"welcome|yes\"]", Duration::from_secs(20)).await;
    for line in referral("Sam", "M14", "I'd like to play football") {
        wd.say(line).await;
    }
    assert_eq!(cases::queue(&server.app.store.pool).await.unwrap().len(), 2, "{}", wd.source().await);
    wd.script("for (let i = 0; i < 3; i++) document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));")
        .await;
    let started = Instant::now();
    while wd.url().await.contains("/chat") {
        assert!(started.elapsed() < Duration::from_secs(10), "Esc three times did not leave");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for png in [start_png, middle_png, done_png] {
        assert!(std::fs::metadata(&png).unwrap().len() > 10_000, "{} is a real screenshot", png.display());
    }
    wd.session("DELETE", "", Value::Null).await;
}

/// Does the page fit the window's width (nothing to scroll sideways)?
async fn fits_width(wd: &WebDriver) -> bool {
    wd.script("return document.documentElement.scrollWidth <= window.innerWidth + 1;").await == Value::Bool(true)
}

#[tokio::test]
async fn on_a_phone_the_queue_is_cards_and_an_urgent_case_is_not_missed() {
    let fake = FakeTelegram::start().await;
    let bot = start_bot("sqlite", &fake).await;
    let (site, _stop) = dashboard_of(&bot.linkup, Role::Lead).await;
    let wd = WebDriver::start().await;
    wd.resize(390, 844).await;

    sign_in(&wd, &site).await;

    // A referral arrives: one compact card with what a worker needs to choose.
    fake.push(fake::text(5150, "/start"));
    for line in referral("Robin", "M14", "football with my mates") {
        fake.push(fake::text(5150, line));
    }
    wd.wait_for("li.case[data-reference] button.claim", Duration::from_secs(60)).await;
    let robin = cases::queue(&bot.store.pool).await.unwrap()[0].reference.clone();
    let card = wd
        .script(&format!("return document.querySelector(\"li[data-reference='{robin}']\").innerText;"))
        .await
        .as_str()
        .unwrap_or_default()
        .to_string();
    for part in [robin.as_str(), "Robin", "16", "M14", "waited", "Waiting", "Claim"] {
        assert!(card.contains(part), "{part} missing from the card: {card}");
    }
    assert!(fits_width(&wd).await, "the queue scrolls sideways at 390 px");
    let queue_png = wd.screenshot("dashboard-queue-390.png").await;

    // The worker is on Robin's claim button when an urgent case arrives.
    wd.script(&format!("document.querySelector(\"li[data-reference='{robin}'] button.claim\").focus();")).await;
    let title = wd.script("return document.title;").await.as_str().unwrap_or_default().to_string();
    fake.push(fake::text(5151, "/start"));
    fake.push(fake::text(5151, "i want to kill myself tonight"));
    let started = Instant::now();
    loop {
        let now = wd.script("return document.title;").await.as_str().unwrap_or_default().to_string();
        if now != title {
            assert!(now.starts_with("(1) URGENT"), "the title says so: {now}");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the title never changed; {}", wd.source().await);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let focused = wd
        .script("var a = document.activeElement; var li = a && a.closest('li'); return li ? li.dataset.reference + ' ' + a.className : '';")
        .await;
    assert_eq!(focused, Value::String(format!("{robin} claim")), "keyboard focus stays where it was");
    let news = wd.script("return document.getElementById('queue-news').textContent;").await;
    assert!(news.as_str().is_some_and(|t| t.starts_with("New urgent case: LU-")), "announced: {news}");
    let first = wd.script("return document.querySelector('li.case').dataset.reference;").await;
    assert_ne!(first, Value::String(robin.clone()), "the urgent case is on top");
    assert!(wd.source().await.contains("URGENT"));
    let urgent_png = wd.screenshot("dashboard-queue-urgent-390.png").await;

    // The case page: the actions and the reply box on the first screen.
    wd.go(&format!("{site}/cases/{robin}")).await;
    wd.wait_for("#reply", Duration::from_secs(10)).await;
    let reply_top = wd.script("return document.getElementById('reply').getBoundingClientRect().bottom;").await;
    assert!(reply_top.as_f64().is_some_and(|y| y < 844.0), "the reply box is below the first screen: {reply_top}");
    assert!(fits_width(&wd).await, "the case page scrolls sideways at 390 px");
    let case_png = wd.screenshot("dashboard-case-390.png").await;

    // Its activities: one sent, a referral's form open, and the search's results, all within
    // the phone's width.
    let sample = std::fs::read_to_string(root().join("tests/fixtures/directory/oruk-sample.json")).unwrap();
    let services = linkup::directory::parse(&sample).unwrap();
    linkup::store::directory::replace_all(&bot.store.pool, &services, 0).await.unwrap();
    let case = cases::by_reference(&bot.store.pool, &robin).await.unwrap().unwrap();
    let sam = linkup::store::workers::by_email(&bot.store.pool, "sam@example.org").await.unwrap().unwrap();
    bot.linkup.send_activity_from_worker(&case, &sam, "sample-mcr-music", linkup::time::now_ms()).await.unwrap();
    wd.resize(390, 2200).await;
    wd.go(&format!("{site}/cases/{robin}?activities=1&interests=music&interests=sport&age=14&area=M14#activities"))
        .await;
    wd.wait_for("#results li.card", Duration::from_secs(10)).await;
    wd.click(&wd.wait_for("#results details.refer summary", Duration::from_secs(5)).await).await;
    wd.script("document.getElementById('activities').scrollIntoView();").await;
    let source = wd.source().await;
    assert!(source.contains("Rusholme Music Hub") && source.contains("Moss Side Youth Football"), "results show");
    assert!(fits_width(&wd).await, "the case page's activities scroll sideways at 390 px");
    let activities_png = wd.screenshot("dashboard-case-activities-390.png").await;
    wd.resize(390, 844).await;

    // The outcomes page and the workers page fit too.
    for (path, png) in [("/reports/outcomes", "dashboard-outcomes-390.png"), ("/workers", "dashboard-workers-390.png")]
    {
        wd.go(&format!("{site}{path}")).await;
        wd.wait_for("main h1", Duration::from_secs(10)).await;
        assert!(fits_width(&wd).await, "{path} scrolls sideways at 390 px");
        let shot = wd.screenshot(png).await;
        assert!(std::fs::metadata(&shot).unwrap().len() > 10_000, "{} is a real screenshot", shot.display());
    }
    // The same pages on a laptop: the cards in columns, nothing sideways either.
    wd.resize(1280, 900).await;
    let mut wide = Vec::new();
    for (path, png) in
        [("/".to_string(), "dashboard-queue-1280.png"), (format!("/cases/{robin}"), "dashboard-case-1280.png")]
    {
        wd.go(&format!("{site}{path}")).await;
        wd.wait_for("main h1", Duration::from_secs(10)).await;
        assert!(fits_width(&wd).await, "{path} scrolls sideways at 1280 px");
        wide.push(wd.screenshot(png).await);
    }
    for png in [queue_png, urgent_png, case_png, activities_png].into_iter().chain(wide) {
        assert!(std::fs::metadata(&png).unwrap().len() > 10_000, "{} is a real screenshot", png.display());
    }
    wd.session("DELETE", "", Value::Null).await;
}

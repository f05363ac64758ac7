//! The web chat over HTTP, as a browser without JavaScript uses it: a whole self-referral,
//! sessions that cannot see each other, a repeated post handled once, kind answers to
//! oversize, too-fast and cross-site posts, and /delete ending the session.

use std::time::Duration;

use linkup::app::{App, Jobs};
use linkup::config::Config;
use linkup::store::cases;
use regex::Regex;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::support::{TestDb, fresh_db, referral};

pub struct Server {
    pub app: App,
    pub base: String,
    _stop: watch::Sender<bool>,
    _tasks: JoinSet<anyhow::Result<()>>,
    _db: TestDb,
}

pub async fn serve(tweak: impl FnOnce(&mut Config)) -> Server {
    let db = fresh_db("sqlite").await;
    let mut config = Config { database_url: db.url.clone(), ..Config::default() };
    tweak(&mut config);
    let app = App::build(config).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, shutdown) = watch::channel(false);
    let mut tasks = JoinSet::new();
    app.spawn_jobs(&mut tasks, Jobs { dashboard: Some(listener), ..Jobs::default() }, &shutdown);
    Server { app, base, _stop: stop, _tasks: tasks, _db: db }
}

/// A browser without JavaScript: one cookie, the last page, its forms.
struct Browser {
    client: reqwest::Client,
    base: String,
    cookie: Option<String>,
    page: String,
    status: u16,
}

fn field(page: &str, name: &str) -> String {
    let re = Regex::new(&format!(r#"name="{name}" value="([^"]*)""#)).unwrap();
    re.captures_iter(page).last().map(|c| c[1].to_string()).unwrap_or_default()
}

fn unescape(s: &str) -> String {
    s.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

impl Browser {
    fn new(base: &str) -> Browser {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Browser { client, base: base.to_string(), cookie: None, page: String::new(), status: 0 }
    }

    async fn open(&mut self, path: &str) {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(c) = &self.cookie {
            request = request.header("cookie", c);
        }
        let response = request.send().await.unwrap();
        self.status = response.status().as_u16();
        self.page = response.text().await.unwrap();
    }

    /// Posts a form from the current page (its csrf and message id) with `fields`.
    async fn post(&mut self, fields: &[(&str, &str)]) {
        let (csrf, id) = (field(&self.page, "csrf"), field(&self.page, "id"));
        self.post_as(&csrf, &id, fields, &self.base.clone()).await;
    }

    async fn post_as(&mut self, csrf: &str, id: &str, fields: &[(&str, &str)], origin: &str) {
        let mut form: Vec<(&str, &str)> = vec![("csrf", csrf), ("id", id)];
        form.extend_from_slice(fields);
        let mut request = self.client.post(format!("{}/chat/send", self.base)).form(&form).header("origin", origin);
        if let Some(c) = &self.cookie {
            request = request.header("cookie", c);
        }
        let response = request.send().await.unwrap();
        if let Some(set) = response.headers().get("set-cookie").and_then(|v| v.to_str().ok()) {
            let pair = set.split(';').next().unwrap().to_string();
            self.cookie = if pair.ends_with('=') { None } else { Some(pair) };
        }
        self.status = response.status().as_u16();
        if self.status == 303 {
            self.open("/chat").await;
        } else {
            self.page = response.text().await.unwrap();
        }
    }

    async fn start(&mut self, path: &str) {
        self.open(path).await;
        let code = field(&self.page, "start");
        self.post(&[("start", &code)]).await;
    }

    async fn say(&mut self, text: &str) {
        self.post(&[("text", text)]).await;
    }

    async fn press(&mut self, label: &str) {
        let re = Regex::new(r#"name="press" value="([^"]*)">([^<]*)</button>"#).unwrap();
        let payload = re
            .captures_iter(&self.page)
            .find(|c| unescape(&c[2]) == label)
            .map(|c| unescape(&c[1]))
            .unwrap_or_else(|| panic!("no button {label:?} on {}", self.page));
        self.post(&[("press", &payload)]).await;
    }

    fn says(&self, words: &str) -> bool {
        unescape(&self.page).contains(words)
    }
}

/// A link worker, Ana Lee, in the main team.
async fn ana(server: &Server) -> linkup::store::workers::Worker {
    let pool = &server.app.store.pool;
    let id =
        linkup::store::workers::upsert(pool, "w@x", "Ana Lee", "main", linkup::store::workers::Role::Worker, "x", 0)
            .await
            .unwrap();
    linkup::store::workers::by_id(pool, id).await.unwrap().unwrap()
}

async fn count(app: &App, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_string())).fetch_one(&app.store.pool).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_young_person_refers_themselves_in_the_web_chat() {
    let server = serve(|_| {}).await;
    let mut b = Browser::new(&server.base);
    b.open("/chat").await;
    assert_eq!(b.status, 200);
    assert!(b.says("Leave quickly"), "quick exit on the start page");
    b.start("/chat").await;
    assert!(b.says("Shall we start?"), "{}", b.page);
    // Tapping the first buttons, then typing the rest as a young person would.
    b.press("Yes, let's go").await;
    b.say("im 17").await;
    // Their own words, as they typed them (link workers see what it chose beside them).
    assert!(b.page.contains("<p dir=\"auto\">im 17</p>"), "{}", b.page);
    for line in &referral("Jo", "LS6", "I'd like to meet people who like drawing")[2..] {
        b.say(line).await;
        assert_eq!(b.status, 200, "after {line:?}: {}", b.page);
    }
    let queue = cases::queue(&server.app.store.pool).await.unwrap();
    assert_eq!(queue.len(), 1, "{}", b.page);
    let case = cases::by_reference(&server.app.store.pool, &queue[0].reference).await.unwrap().unwrap();
    assert_eq!(case.source, "web");
    assert_eq!(case.preferred_name.as_deref(), Some("Jo"));
    assert_eq!(case.area.as_deref(), Some("LS6"));
    assert!(b.says(&queue[0].reference), "the reference is on the page");
    // A link worker's reply shows in the chat.
    let worker = ana(&server).await;
    server.app.linkup.send_from_worker(&case, &worker, "Hi Jo, I'm Ana.", linkup::time::now_ms()).await.unwrap();
    b.open("/chat/part").await;
    assert!(b.says("Hi Jo, I'm Ana."), "{}", b.page);
}

#[tokio::test]
async fn sessions_never_see_each_other_and_guesses_find_nothing() {
    let server = serve(|_| {}).await;
    let mut a = Browser::new(&server.base);
    a.start("/chat").await;
    a.press("Yes, let's go").await;
    a.press("16–18").await;
    a.say("Secretname").await;
    assert!(a.says("Secretname"));
    let mut other = Browser::new(&server.base);
    other.start("/chat").await;
    assert!(!other.says("Secretname"), "another session's words");
    // Made-up cookies are nobody's session.
    let mut guess = Browser::new(&server.base);
    guess.cookie = Some(format!("linkup_chat={}", "0".repeat(64)));
    guess.open("/chat/part").await;
    assert_eq!(guess.status, 404);
    guess.open("/chat").await;
    assert!(!guess.says("Secretname") && guess.says("Start"));
}

#[tokio::test]
async fn a_repeated_post_counts_once_and_bad_posts_get_kind_answers() {
    let server = serve(|c| c.web.per_chat_per_minute = 8).await;
    let mut b = Browser::new(&server.base);
    b.start("/chat").await;
    b.press("Yes, let's go").await;
    b.press("16–18").await;
    let (csrf, id) = (field(&b.page, "csrf"), field(&b.page, "id"));
    let base = b.base.clone();
    b.post_as(&csrf, &id, &[("text", "Robin")], &base).await;
    b.post_as(&csrf, &id, &[("text", "Robin")], &base).await;
    let robins = count(&server.app, "SELECT COUNT(*) FROM messages WHERE body = 'Robin'").await;
    assert_eq!(robins, 1, "the same form posted twice is one message");

    let long = "a".repeat(2001);
    b.say(&long).await;
    assert_eq!(b.status, 413);
    assert!(b.says("That message is too long") && b.page.contains(&long), "kept in the box");

    let before = count(&server.app, "SELECT COUNT(*) FROM inbox").await;
    let id = field(&b.page, "id");
    b.post_as(&field(&b.page, "csrf"), &id, &[("text", "hello")], "https://evil.example").await;
    assert_eq!(b.status, 403);
    assert!(b.says("did not come from the linkup page"));
    b.post_as("wrong-token", "abcdefgh12", &[("text", "hello")], &base).await;
    assert_eq!(b.status, 403);
    assert_eq!(count(&server.app, "SELECT COUNT(*) FROM inbox").await, before, "nothing stored");

    let mut limited = false;
    for n in 0..10 {
        b.say(&format!("M{n}4")).await;
        if b.status == 429 {
            assert!(b.says("sending messages very fast") && b.page.contains(&format!("M{n}4")));
            limited = true;
            break;
        }
    }
    assert!(limited, "the per-chat limit applies");
}

#[tokio::test]
async fn delete_in_the_web_chat_ends_the_session_and_leaves_nothing() {
    let server = serve(|_| {}).await;
    let mut b = Browser::new(&server.base);
    b.start("/chat?start=OAKS").await;
    b.press("Yes, let's go").await;
    b.say("/delete").await;
    b.press("Yes, delete it all").await;
    assert!(b.says("Everything linkup had about you is deleted"), "{}", b.page);
    assert!(b.cookie.is_none(), "the cookie is cleared");
    assert_eq!(count(&server.app, "SELECT COUNT(*) FROM channel_sessions").await, 0);
    let left: Vec<String> =
        sqlx::query_scalar("SELECT payload FROM inbox").fetch_all(&server.app.store.pool).await.unwrap();
    assert!(left.iter().all(|p| p == "{}"), "{left:?}");
    b.open("/chat").await;
    assert!(b.says("Start"));
}

#[tokio::test]
async fn pages_carry_a_strict_policy_and_cannot_be_framed_by_default() {
    let server = serve(|_| {}).await;
    let response = reqwest::get(format!("{}/chat", server.base)).await.unwrap();
    let csp = response.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(response.headers()["x-frame-options"], "DENY");
    let framed = serve(|c| c.web.frame_ancestors = vec!["https://youth.example.org".into()]).await;
    let response = reqwest::get(format!("{}/chat", framed.base)).await.unwrap();
    let csp = response.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors https://youth.example.org"), "{csp}");
    assert!(response.headers().get("x-frame-options").is_none());
    // Framed, the session cookie is a third-party one: it must say so to be sent at all.
    let started = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/chat/send", framed.base))
        .header("origin", &framed.base)
        .form(&[("id", "abcdefgh1234"), ("start", "")])
        .send()
        .await
        .unwrap();
    let cookie = started.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("SameSite=None; Secure") && cookie.contains("HttpOnly"), "{cookie}");
    let _ = Duration::ZERO;
}

#[tokio::test]
async fn a_browsers_own_word_on_where_a_post_came_from_decides() {
    let server = serve(|_| {}).await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let post = |site: &'static str, origin: &'static str| {
        client
            .post(format!("{}/chat/send", server.base))
            .header("sec-fetch-site", site)
            .header("origin", origin)
            .form(&[("id", "abcdefgh1234"), ("start", "")])
            .send()
    };
    // Chromium sends `Origin: null` for the chat's own form under no-referrer.
    assert_eq!(post("same-origin", "null").await.unwrap().status(), 303);
    assert_eq!(post("cross-site", "https://evil.example").await.unwrap().status(), 403);
    assert_eq!(post("same-site", "https://other.example.org").await.unwrap().status(), 403);
}

#[tokio::test]
async fn nothing_typed_is_ever_rendered_as_html() {
    let server = serve(|_| {}).await;
    let mut b = Browser::new(&server.base);
    b.start("/chat").await;
    b.press("Yes, let's go").await;
    b.press("16–18").await;
    b.say("<script>alert(1)</script><img src=x onerror=alert(2)>").await;
    assert!(!b.page.contains("<script>alert") && !b.page.contains("<img src=x"), "{}", b.page);
    assert!(b.page.contains("&#60;script&#62;alert(1)"), "shown as typed, as text: {}", b.page);
}

/// `linkup serve` (the web chat alone: no Telegram token) on a free port, crashing at
/// `failpoint` if given.
fn serve_binary(config: &std::path::Path, port: u16, failpoint: Option<&str>) -> std::process::Child {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"));
    command
        .args(["--config", config.to_str().unwrap(), "serve"])
        .current_dir(crate::support::root())
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("LINKUP_DATABASE_URL")
        .env_remove("LINKUP_FAILPOINT")
        .env("LINKUP_DASHBOARD_LISTEN", format!("127.0.0.1:{port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Some(point) = failpoint {
        command.env("LINKUP_FAILPOINT", point);
    }
    command.spawn().expect("linkup serve")
}

async fn up(base: &str) {
    for _ in 0..600 {
        if reqwest::get(format!("{base}/chat")).await.is_ok_and(|r| r.status() == 200) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("linkup serve did not start");
}

/// A crash after a message is committed and before the page is answered: after the restart
/// the message is there once, with its reply.
#[tokio::test]
async fn a_crash_before_the_page_is_answered_loses_nothing() {
    let db = fresh_db("sqlite").await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("linkup.toml");
    std::fs::write(&config, format!("database_url = {:?}\n", db.url)).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");

    let mut first = serve_binary(&config, port, None);
    up(&base).await;
    let mut b = Browser::new(&base);
    b.start("/chat").await;
    b.press("Yes, let's go").await;
    first.kill().unwrap();
    let _ = first.wait();

    let mut crashing = serve_binary(&config, port, Some("after-commit"));
    up(&base).await;
    let form = [("csrf", field(&b.page, "csrf")), ("id", field(&b.page, "id")), ("press", "age|16-18".to_string())];
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let answered = client
        .post(format!("{base}/chat/send"))
        .header("cookie", b.cookie.clone().unwrap())
        .header("origin", &base)
        .form(&form)
        .send()
        .await;
    assert!(answered.is_err(), "the page got no answer: the process died first");
    let status = crashing.wait().unwrap();
    assert!(!status.success(), "the failpoint crashed it");

    let mut second = serve_binary(&config, port, None);
    up(&base).await;
    b.open("/chat").await;
    second.kill().unwrap();
    let _ = second.wait();
    assert!(b.says("16–18") && b.says("What would you like me to call you?"), "{}", b.page);
    let store = linkup::store::Store::connect(&db.url).await.unwrap();
    let pressed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE direction = 'in' AND body = '16–18'")
        .fetch_one(&store.pool)
        .await
        .unwrap();
    assert_eq!(pressed, 1, "handled once");
}

#[tokio::test]
async fn a_come_back_code_opens_the_chat_in_another_browser() {
    let server = serve(|_| {}).await;
    let mut phone = Browser::new(&server.base);
    phone.start("/chat").await;
    phone.press("Yes, let's go").await;
    assert!(!phone.says("Your come back code"), "only once they have handed off");
    phone.press("16–18").await;
    for line in &referral("Jo", "LS6", "drawing")[2..] {
        phone.say(line).await;
    }
    assert!(phone.says("Your come back code"), "{}", phone.page);
    let code = Regex::new(r#"id="come-back-code">([A-Z2-9]{4}-[A-Z2-9]{4})<"#).unwrap().captures(&phone.page).unwrap()
        [1]
    .to_string();

    let mut laptop = Browser::new(&server.base);
    laptop.open("/chat").await;
    // Wrong codes get a kind answer and keep what was typed; typed in any case and spacing, the
    // right one opens the same chat.
    let (client, base) = (laptop.client.clone(), laptop.base.clone());
    let try_code = |typed: String| {
        let (client, base) = (client.clone(), base.clone());
        async move {
            client
                .post(format!("{base}/chat/return"))
                .header("origin", &base)
                .form(&[("code", typed)])
                .send()
                .await
                .unwrap()
        }
    };
    let wrong = try_code("AAAA-AAAA".into()).await;
    assert_eq!(wrong.status(), 200);
    let page = wrong.text().await.unwrap();
    assert!(page.contains("That code did not work") && page.contains("AAAA-AAAA"));
    let right = try_code(code.to_lowercase().replace('-', " ")).await;
    assert_eq!(right.status(), 303);
    let cookie = right.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    laptop.cookie = Some(cookie);
    laptop.open("/chat").await;
    assert!(laptop.says("drawing") && laptop.says("Jo"), "the same conversation: {}", laptop.page);
    // Both devices carry on in the one chat; the phone's session still works.
    laptop.say("hi from my laptop").await;
    phone.open("/chat").await;
    assert!(phone.says("hi from my laptop"));
    // Guessing is slow: ten tries an hour from one address.
    let mut limited = false;
    for _ in 0..12 {
        if try_code("BBBB-BBBB".into()).await.status() == 429 {
            limited = true;
            break;
        }
    }
    assert!(limited, "codes cannot be tried without limit");
}

#[tokio::test]
async fn my_data_in_the_web_chat_is_a_download_of_my_own_rows() {
    let server = serve(|_| {}).await;
    let mut b = Browser::new(&server.base);
    b.start("/chat").await;
    b.press("Yes, let's go").await;
    b.press("16–18").await;
    b.say("Kit").await;
    b.say("/mydata").await;
    assert!(b.page.contains(r#"href="/chat/mydata""#), "{}", b.page);
    let download = |cookie: Option<String>| {
        let mut request = reqwest::Client::new().get(format!("{}/chat/mydata", server.base));
        if let Some(c) = cookie {
            request = request.header("cookie", c);
        }
        request.send()
    };
    let file = download(b.cookie.clone()).await.unwrap();
    assert_eq!(file.status(), 200);
    assert!(
        file.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"linkup-my-data-")
    );
    let file: serde_json::Value = file.json().await.unwrap();
    let raw = file["data"]["inbox"].as_array().expect("the raw posts are in it");
    assert!(raw.iter().any(|r| r["payload"].to_string().contains("Kit")));
    assert!(file["data"]["messages"].as_array().unwrap().iter().any(|m| m["body"] == "Kit"));
    assert!(file["data"].get("channel_sessions").is_none(), "no secrets in a copy");
    let mut other = Browser::new(&server.base);
    other.start("/chat").await;
    let theirs: serde_json::Value = download(other.cookie.clone()).await.unwrap().json().await.unwrap();
    assert!(!theirs.to_string().contains("Kit"), "someone else's copy holds only their own rows");
    assert_eq!(download(None).await.unwrap().status(), 404);
}

#[tokio::test]
async fn behind_a_proxy_the_limit_counts_each_young_persons_address() {
    let server = serve(|c| {
        c.web.behind_proxy = true;
        c.web.per_address_per_minute = 2;
    })
    .await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let start = |from: &'static str, n: u32| {
        client
            .post(format!("{}/chat/send", server.base))
            .header("origin", &server.base)
            .header("x-forwarded-for", format!("203.0.113.9, {from}"))
            .form(&[("id", format!("abcdefgh{n:04}")), ("start", String::new())])
            .send()
    };
    // All through one proxy (127.0.0.1): two from one address, then that address must wait
    // while another still gets in.
    assert_eq!(start("198.51.100.1", 1).await.unwrap().status(), 303);
    assert_eq!(start("198.51.100.1", 2).await.unwrap().status(), 303);
    assert_eq!(start("198.51.100.1", 3).await.unwrap().status(), 429);
    assert_eq!(start("198.51.100.2", 4).await.unwrap().status(), 303);
}

#[tokio::test]
async fn the_web_chat_speaks_the_browsers_language_and_changes_with_slash_language() {
    let server = serve(|_| {}).await;
    let client = reqwest::Client::new();
    let page = client
        .get(format!("{}/chat", server.base))
        .header("accept-language", "fr-FR,ar-SA;q=0.9,en;q=0.8")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"<html lang="ar" dir="rtl">"#), "{page}");
    let intro = server.app.linkup.content.locales.render("ar", &linkup::message::Text::new("web-intro"));
    assert!(unescape(&page).contains(&intro), "{page}");

    // An English browser, then /language: the chat and the page's own words go Welsh.
    let mut b = Browser::new(&server.base);
    b.start("/chat").await;
    assert!(b.page.contains(r#"<html lang="en-GB" dir="ltr">"#));
    b.say("/language").await;
    b.press("Cymraeg").await;
    let words = |id: &str| server.app.linkup.content.locales.render("cy", &linkup::message::Text::new(id));
    assert!(b.says(&words("language-set")), "{}", b.page);
    assert!(b.page.contains(r#"<html lang="cy" dir="ltr">"#), "{}", b.page);
    assert!(b.says(&words("web-send")), "the page's own words are Welsh: {}", b.page);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activities_keep_their_buttons_in_the_web_chat() {
    let server = serve(|_| {}).await;
    let sample = std::fs::read_to_string(crate::support::fixture("directory/oruk-sample.json")).unwrap();
    let services = linkup::directory::parse(&sample).unwrap();
    linkup::store::directory::replace_all(&server.app.store.pool, &services, 0).await.unwrap();
    let mut b = Browser::new(&server.base);
    b.start("/chat").await;
    b.press("Yes, let's go").await;
    b.say("im 14").await;
    // Music and sport near M14; "Find activities near me".
    let lines = [
        "Sam",
        "M14",
        "1",
        "done",
        "I want to get out more",
        "2",
        "1",
        "done",
        "6",
        "7",
        "2",
        "2",
        "done",
        "1",
        "3",
        "done",
        "2",
        "1",
    ];
    for line in lines {
        b.say(line).await;
        assert_eq!(b.status, 200, "after {line:?}: {}", b.page);
    }
    assert!(b.says("Rusholme Music Hub") && b.says("Moss Side Youth Football"), "{}", b.page);
    // Each activity has its own two buttons, under it, with a form id of its own.
    assert_eq!(unescape(&b.page).matches(">Tell me more</button>").count(), 2, "{}", b.page);
    assert_eq!(unescape(&b.page).matches(">I'm interested</button>").count(), 2, "{}", b.page);
    // A later message does not take them away: the first one can still be chosen.
    b.say("thanks").await;
    assert_eq!(unescape(&b.page).matches(">I'm interested</button>").count(), 2, "{}", b.page);
    b.press("I'm interested").await;
    assert!(b.says("told your link worker you're interested in Rusholme Music Hub"), "{}", b.page);
    let interested = count(&server.app, "SELECT COUNT(*) FROM case_suggestions WHERE interested_at IS NOT NULL").await;
    assert_eq!(interested, 1);

    // One a link worker sends has its buttons in the chat too.
    let queue = cases::queue(&server.app.store.pool).await.unwrap();
    let case = cases::by_reference(&server.app.store.pool, &queue[0].reference).await.unwrap().unwrap();
    let worker = ana(&server).await;
    let now = linkup::time::now_ms();
    server.app.linkup.send_activity_from_worker(&case, &worker, "sample-mcr-coding", now).await.unwrap();
    b.open("/chat").await;
    assert!(
        b.says("Ana from the link team thought you might like this") && b.says("Levenshulme Code Club"),
        "{}",
        b.page
    );
    assert_eq!(unescape(&b.page).matches(">Tell me more</button>").count(), 3, "{}", b.page);
}

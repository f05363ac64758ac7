//! The web chat's pages, on the dashboard's listener:
//!
//! - `GET /chat[?start=CODE]`: the chat, or a start page for someone new;
//! - `POST /chat/send`: a message or a tapped button, stored in the inbox and handled before
//!   the page is answered (a form posted twice, with the same message id, counts once);
//! - `GET /chat/part`: the messages and buttons alone, which the page's small script fetches
//!   every few seconds so a link worker's reply appears without reloading;
//! - `POST /chat/return`: a "come back code" (shown once they have handed off) opens the same
//!   chat in another browser, to read a link worker's replies there.
//!
//! Pages work without JavaScript. Nothing typed is rendered as HTML (askama escapes it); a
//! strict CSP allows no inline script; posts must come from the chat's own origin and, once
//! a session exists, carry its CSRF token; messages are limited in size and in rate, per
//! chat and per address. "Leave quickly" is on every screen.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use askama::Template;
use axum::Router;
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::Deserialize;

use super::{MAX_MESSAGE, NAME, Posted, Web};
use crate::channel::Pipe;
use crate::dashboard::auth::{cookie, random_token, same, set_cookie, token_hash};
use crate::intent::Incoming;
use crate::message::Text;
use crate::store::inbox::{self, Received};
use crate::store::sessions::{self, Session};
use crate::store::{people, transcript};
use crate::time::now_ms;

/// The session cookie.
pub const COOKIE: &str = "linkup_chat";
/// How long a session lasts in the browser.
const SESSION_DAYS: i64 = 180;
/// Come back codes one address may try in an hour.
const RETURNS_PER_HOUR: u32 = 10;
/// How long a post waits for its message to be handled before answering anyway (the reply
/// then appears when the page next looks).
const WAIT: Duration = Duration::from_secs(10);

/// Message ids of the page's own words; every locale has them.
pub const MESSAGES: &[&str] = &[
    "web-title",
    "web-intro",
    "web-start",
    "web-exit",
    "web-exit-hint",
    "web-type",
    "web-send",
    "web-you",
    "web-bot",
    "web-worker",
    "web-too-long",
    "web-too-fast",
    "web-expired",
    "web-wrong-site",
    "web-deleted",
    "web-code-title",
    "web-code-text",
    "web-return-label",
    "web-return-button",
    "web-code-wrong",
    "web-download",
];

/// Letters and digits that cannot be mistaken for each other (as in case references).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A session's come back code, made from its cookie token: `K7QM-3XPA` (31^8 of them). The
/// server never stores it, only its hash, and can show it again whenever the cookie comes back.
pub fn come_back_code(token: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("come-back:{token}").as_bytes());
    let chars: Vec<char> =
        digest.iter().take(8).map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char).collect();
    format!("{}-{}", chars[..4].iter().collect::<String>(), chars[4..].iter().collect::<String>())
}

/// A typed code as stored: capitals and digits only, so "k7qm 3xpa" is K7QM-3XPA.
fn code_hash(typed: &str) -> String {
    let plain: String = typed.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
    token_hash(&plain)
}

#[derive(Clone)]
struct WebState {
    pipe: Pipe<Web>,
    per_chat: Arc<DefaultKeyedRateLimiter<String>>,
    per_address: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// Come back codes tried, per address: a few an hour, so none can be guessed.
    returns: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    frame_ancestors: Arc<String>,
}

/// The web chat's routes, for the dashboard's listener.
pub fn router(pipe: Pipe<Web>) -> Router {
    let settings = &pipe.linkup.config.web;
    let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN));
    let state = WebState {
        per_chat: Arc::new(RateLimiter::keyed(quota(settings.per_chat_per_minute))),
        per_address: Arc::new(RateLimiter::keyed(quota(settings.per_address_per_minute))),
        returns: Arc::new(RateLimiter::keyed(Quota::per_hour(
            NonZeroU32::new(RETURNS_PER_HOUR).unwrap_or(NonZeroU32::MIN),
        ))),
        frame_ancestors: Arc::new(settings.frame_ancestors()),
        pipe,
    };
    Router::new()
        .route("/chat", get(page))
        .route("/chat/part", get(part))
        .route("/chat/send", post(send))
        .route("/chat/return", post(come_back))
        .route("/chat/mydata", get(my_data))
        .route("/static/chat.js", get(|| async { asset("text/javascript", include_str!("../../../static/chat.js")) }))
        .route("/static/chat.css", get(|| async { asset("text/css", include_str!("../../../static/chat.css")) }))
        .layer(axum::middleware::map_response_with_state(state.clone(), security_headers))
        .with_state(state)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "max-age=300")], body).into_response()
}

/// A strict CSP; framing only by the configured sites; nothing cached (the pages hold a young
/// person's words).
async fn security_headers(State(state): State<WebState>, mut response: Response) -> Response {
    let csp = format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors {}",
        state.frame_ancestors
    );
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    if state.frame_ancestors.as_str() == "'none'" {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A bubble as the page shows it.
struct Bubble {
    /// `you`, `bot` or `worker`: the bubble's class.
    class: &'static str,
    who: String,
    lines: Vec<String>,
    /// The words of a link to download their data, on the bubble that offered the file.
    download: Option<String>,
    /// Buttons that stay under this bubble (an activity's), with their form's own id.
    buttons: Vec<ButtonView>,
    form_id: String,
}

impl Bubble {
    fn new(class: &'static str, who: &str, lines: Vec<String>) -> Bubble {
        Bubble { class, who: who.to_string(), lines, download: None, buttons: vec![], form_id: String::new() }
    }
}

/// A button under the latest question.
struct ButtonView {
    label: String,
    payload: String,
}

#[derive(Template)]
#[template(path = "chat_part.html")]
struct Part {
    bubbles: Vec<Bubble>,
    buttons: Vec<ButtonView>,
    /// The latest transcript id shown, so the page's script knows when there is more.
    last: i64,
    csrf: String,
    /// A fresh id for the next message: a form posted twice counts once.
    id: String,
    /// Once they have handed off: the come back code, with its title and how to use it.
    code: Option<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "chat.html")]
struct ChatPage {
    lang: String,
    /// "rtl" for a language written right to left (Arabic), else "ltr".
    dir: &'static str,
    title: String,
    exit: String,
    exit_hint: String,
    exit_url: String,
    /// The conversation so far; `None` on the start page.
    part: Option<String>,
    intro: String,
    start_label: String,
    code: String,
    type_label: String,
    send_label: String,
    csrf: String,
    id: String,
    notice: Option<String>,
    /// What was typed, kept when it could not be sent.
    draft: String,
    return_label: String,
    return_button: String,
    /// A come back code typed that did not work, kept in its box.
    return_draft: String,
}

#[derive(Debug, Deserialize, Default)]
struct PageQuery {
    #[serde(default)]
    start: String,
}

#[derive(Debug, Deserialize, Default)]
struct SendForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    press: Option<String>,
    /// Present on the start page's button: the referral code, or empty.
    #[serde(default)]
    start: Option<String>,
}

/// The session this browser's cookie names, if it is live.
async fn session_of(state: &WebState, headers: &HeaderMap) -> Option<Session> {
    let token = cookie(headers, COOKIE)?;
    match sessions::by_token(&state.pipe.linkup.store.pool, NAME, &token_hash(&token), now_ms()).await {
        Ok(s) => s.map(|s| Session { code: Some(come_back_code(&token)), ..s }),
        Err(e) => {
            tracing::error!(error = %e, "could not read a web chat session");
            None
        }
    }
}

/// The browser's languages, most wanted first (`Accept-Language: fr,cy-GB;q=0.9,en;q=0.8` →
/// `fr`, `cy-GB`, `en`), as sent: browsers list them in order.
fn accept_languages(headers: &HeaderMap) -> Vec<String> {
    let Some(value) = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) else { return vec![] };
    value
        .split(',')
        .filter_map(|part| part.split(';').next())
        .map(str::trim)
        .filter(|tag| !tag.is_empty() && *tag != "*" && tag.len() <= 35)
        .take(8)
        .map(String::from)
        .collect()
}

/// The first of the browser's languages linkup has words for (French, then Welsh: Welsh).
fn accept_language(headers: &HeaderMap, locales: &crate::i18n::Locales) -> Option<String> {
    let language = |l: &str| l.split(['-', '_']).next().unwrap_or_default().to_lowercase();
    accept_languages(headers).into_iter().find(|tag| language(&locales.pick(Some(tag))) == language(tag))
}

/// The locale for the page's words: the person's, or the browser's for someone new.
async fn locale_of(state: &WebState, session: Option<&Session>, headers: &HeaderMap) -> String {
    let locales = &state.pipe.linkup.content.locales;
    if let Some(s) = session
        && let Ok(Some(person)) = people::find(&state.pipe.linkup.store.pool, NAME, &s.chat).await
        && let Ok(Some(locale)) = people::locale(&state.pipe.linkup.store.pool, person).await
    {
        return locales.known(&locale);
    }
    locales.pick(accept_language(headers, locales).as_deref())
}

/// A form's message id: letters, digits and dashes, 8 to 64 of them; anything else gets a
/// fresh one (a retry of it is then not recognised, but nothing is lost).
fn message_id(given: &str) -> String {
    let ok = (8..=64).contains(&given.len()) && given.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok { given.to_string() } else { random_token()[..24].to_string() }
}

impl WebState {
    fn words(&self, locale: &str, id: &str) -> String {
        self.pipe.linkup.content.locales.render(locale, &Text::new(id))
    }

    /// The conversation so far, for `session`.
    async fn part(&self, session: &Session, locale: &str) -> Result<Part, crate::store::Error> {
        let pool = &self.pipe.linkup.store.pool;
        let entries = match people::find(pool, NAME, &session.chat).await? {
            Some(person) => transcript::for_person(pool, person).await?,
            None => vec![],
        };
        let (you, bot, worker) =
            (self.words(locale, "web-you"), self.words(locale, "web-bot"), self.words(locale, "web-worker"));
        let download = self.words(locale, "web-download");
        let mut bubbles = Vec::new();
        let mut buttons = Vec::new();
        let mut last = 0;
        for e in &entries {
            last = e.id;
            let meta: serde_json::Value = serde_json::from_str(&e.meta).unwrap_or_default();
            let lines = |text: &str| text.lines().map(crate::display::visible).collect::<Vec<_>>();
            let shown = |meta: &serde_json::Value| -> Vec<ButtonView> {
                meta["buttons"]
                    .as_array()
                    .map(|list| {
                        list.iter()
                            .filter_map(|b| {
                                let label = b["label"].as_str()?;
                                let tick = if b["selected"].as_bool() == Some(true) { "✓ " } else { "" };
                                Some(ButtonView {
                                    label: format!("{tick}{label}"),
                                    payload: b["payload"].as_str()?.into(),
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            };
            // An activity's buttons stay under it; the latest question's go when it is answered.
            let lasting = meta[transcript::LASTING].as_bool() == Some(true);
            let with_lasting = |mut bubble: Bubble| {
                if lasting {
                    bubble.buttons = shown(&meta);
                    bubble.form_id = message_id("");
                }
                bubble
            };
            match (e.direction.as_str(), e.kind.as_str()) {
                ("in", "start") => buttons.clear(),
                ("in", _) => {
                    buttons.clear();
                    bubbles.push(Bubble::new("you", &you, lines(&e.body)));
                }
                ("out", "worker") => bubbles.push(with_lasting(Bubble::new("worker", &worker, lines(&e.body)))),
                (_, _) => {
                    buttons = if lasting { vec![] } else { shown(&meta) };
                    // A redrawn set of buttons (a tick) is not a new bubble.
                    if meta["update_previous"].as_bool() != Some(true) && !e.body.is_empty() {
                        let mut bubble = with_lasting(Bubble::new("bot", &bot, lines(&e.body)));
                        // A file is written in the transcript as "[file: name]" after its caption.
                        bubble.download = e.body.contains("[file: linkup-my-data-").then(|| download.clone());
                        bubbles.push(bubble);
                    }
                }
            }
        }
        let handed_off = match people::find(pool, NAME, &session.chat).await? {
            Some(person) => crate::store::cases::latest_reference(pool, person).await?.is_some(),
            None => false,
        };
        let code = match (&session.code, handed_off) {
            (Some(code), true) => {
                Some((self.words(locale, "web-code-title"), self.words(locale, "web-code-text"), code.clone()))
            }
            _ => None,
        };
        Ok(Part { bubbles, buttons, last, csrf: session.csrf.clone(), id: message_id(""), code })
    }

    /// The whole page: the chat for a session, the start page without one.
    async fn page(
        &self,
        session: Option<&Session>,
        locale: &str,
        code: &str,
        notice: Option<String>,
        draft: String,
    ) -> Result<ChatPage, crate::store::Error> {
        let w = |id: &str| self.words(locale, id);
        let part = match session {
            Some(s) => Some(self.part(s, locale).await?.render().unwrap_or_default()),
            None => None,
        };
        // A referral code as given in the link, kept only if it looks like one.
        let code: String =
            code.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').take(64).collect();
        let locales = &self.pipe.linkup.content.locales;
        Ok(ChatPage {
            lang: locale.to_string(),
            dir: if locales.is_rtl(locale) { "rtl" } else { "ltr" },
            title: w("web-title"),
            exit: w("web-exit"),
            exit_hint: w("web-exit-hint"),
            exit_url: self.pipe.linkup.config.web.exit_url.clone(),
            part,
            intro: w("web-intro"),
            start_label: w("web-start"),
            code,
            type_label: w("web-type"),
            send_label: w("web-send"),
            csrf: session.map(|s| s.csrf.clone()).unwrap_or_default(),
            id: message_id(""),
            notice,
            draft,
            return_label: w("web-return-label"),
            return_button: w("web-return-button"),
            return_draft: String::new(),
        })
    }
}

fn html(template: &impl Template, status: StatusCode) -> Response {
    match template.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "could not render a chat page");
            (StatusCode::INTERNAL_SERVER_ERROR, "Sorry, this page could not be shown. Please try again.")
                .into_response()
        }
    }
}

fn unavailable(e: crate::store::Error) -> Response {
    tracing::error!(error = %e, "web chat database error");
    (StatusCode::SERVICE_UNAVAILABLE, "Sorry, linkup is not answering just now. Please try again in a minute.")
        .into_response()
}

async fn page(State(state): State<WebState>, headers: HeaderMap, Query(q): Query<PageQuery>) -> Response {
    let session = session_of(&state, &headers).await;
    let locale = locale_of(&state, session.as_ref(), &headers).await;
    match state.page(session.as_ref(), &locale, &q.start, None, String::new()).await {
        Ok(p) => html(&p, StatusCode::OK),
        Err(e) => unavailable(e),
    }
}

async fn part(State(state): State<WebState>, headers: HeaderMap) -> Response {
    let Some(session) = session_of(&state, &headers).await else { return StatusCode::NOT_FOUND.into_response() };
    let locale = locale_of(&state, Some(&session), &headers).await;
    match state.part(&session, &locale).await {
        Ok(p) => html(&p, StatusCode::OK),
        Err(e) => unavailable(e),
    }
}

/// A post from another site is refused. Browsers say where a request came from in
/// `Sec-Fetch-Site` (only `same-origin` passes); older ones only in `Origin`, which must then
/// name this host. (With no referrer sent, a browser may send `Origin: null` for the chat's own
/// forms, so `Sec-Fetch-Site` is read first.)
fn same_site(headers: &HeaderMap) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return site == "same-origin";
    }
    match (header("origin"), header("host")) {
        (Some("null"), _) => false,
        (Some(origin), Some(host)) => url::Url::parse(origin).ok().is_some_and(|u| {
            let port = u.port().map(|p| format!(":{p}")).unwrap_or_default();
            u.host_str().is_some_and(|h| format!("{h}{port}").eq_ignore_ascii_case(host))
        }),
        _ => true,
    }
}

/// The session cookie: HttpOnly, and `SameSite=Strict` unless other sites may frame the chat.
/// Inside their page the cookie is a third-party one, so it must be `SameSite=None; Secure`
/// (served over HTTPS), and browsers that block third-party cookies still refuse it: linking
/// to the chat works everywhere, framing only where the browser allows.
fn session_cookie(state: &WebState, headers: &HeaderMap, token: &str, max_age_s: i64) -> String {
    if state.frame_ancestors.as_str() == "'none'" {
        set_cookie(COOKIE, token, max_age_s, secure(state, headers))
    } else {
        format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=None; Secure; Max-Age={max_age_s}")
    }
}

/// Where a request came from, for the limits (the dashboard's sign-in uses the same rule).
fn client_address(state: &WebState, headers: &HeaderMap, connection: SocketAddr) -> IpAddr {
    crate::dashboard::auth::client_address(connection.ip(), headers, state.pipe.linkup.config.web.behind_proxy)
}

fn secure(state: &WebState, headers: &HeaderMap) -> bool {
    state.pipe.linkup.config.dashboard.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

async fn send(
    State(state): State<WebState>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<SendForm>,
) -> Response {
    let now = now_ms();
    let pool = state.pipe.linkup.store.pool.clone();
    let existing = session_of(&state, &headers).await;
    let locale = locale_of(&state, existing.as_ref(), &headers).await;
    let draft = form.text.clone().unwrap_or_default();
    let again = |notice: &str, status: StatusCode, session: Option<Session>, draft: String| {
        let state = state.clone();
        let locale = locale.clone();
        let notice = state.words(&locale, notice);
        async move {
            match state.page(session.as_ref(), &locale, "", Some(notice), draft).await {
                Ok(p) => html(&p, status),
                Err(e) => unavailable(e),
            }
        }
    };
    if !same_site(&headers) {
        return again("web-wrong-site", StatusCode::FORBIDDEN, existing, draft).await;
    }
    if let Some(s) = &existing
        && !same(&form.csrf, &s.csrf)
    {
        // A page open from before its session changed (or a forged form): shown again, kept.
        return again("web-expired", StatusCode::FORBIDDEN, existing, draft).await;
    }
    let incoming = match (&form.start, &form.press, &form.text) {
        (Some(_), _, _) => Incoming::Start,
        (None, Some(p), _) if !p.is_empty() && p.len() <= super::CALLBACK_BYTES => Incoming::Press(p.clone()),
        (None, _, Some(t)) if t.chars().count() > MAX_MESSAGE => {
            return again("web-too-long", StatusCode::PAYLOAD_TOO_LARGE, existing, draft).await;
        }
        (None, _, Some(t)) if !t.trim().is_empty() => Incoming::Text(t.clone()),
        _ => return Redirect::to("/chat").into_response(),
    };
    // Forget addresses and chats that have been quiet, now and then, so the limits stay small.
    if state.per_address.len() + state.per_chat.len() > 20_000 {
        state.per_address.retain_recent();
        state.per_chat.retain_recent();
    }
    if state.per_address.check_key(&client_address(&state, &headers, address)).is_err()
        || existing.as_ref().is_some_and(|s| state.per_chat.check_key(&s.chat).is_err())
    {
        return again("web-too-fast", StatusCode::TOO_MANY_REQUESTS, existing, draft).await;
    }
    // Someone new: an anonymous session, its token only in their cookie.
    let mut set = None;
    let session = match existing {
        Some(s) => s,
        None => {
            let (token, chat, csrf) = (random_token(), random_token(), random_token());
            if token.is_empty() {
                return unavailable(crate::store::Error::Corrupt("no randomness for a session".into()));
            }
            let code = come_back_code(&token);
            let hashes = sessions::Hashes { token: &token_hash(&token), code: &code_hash(&code) };
            if let Err(e) = sessions::create(&pool, NAME, &chat, hashes, &csrf, now).await {
                return unavailable(e);
            }
            set = Some(session_cookie(&state, &headers, &token, SESSION_DAYS * 86_400));
            Session { channel: NAME.into(), chat, csrf, code: Some(code) }
        }
    };
    let referral = match (&incoming, form.start.as_deref()) {
        (Incoming::Start, Some(code)) => {
            let code: String =
                code.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').take(64).collect();
            (!code.is_empty()).then_some(code)
        }
        _ => None,
    };
    let posted = Posted {
        chat: session.chat.clone(),
        incoming,
        referral,
        language: accept_language(&headers, &state.pipe.linkup.content.locales),
    };
    let external_id = format!("{}:{}", session.chat, message_id(&form.id));
    let received = Received {
        external_id: external_id.clone(),
        seq: None,
        chat: session.chat.clone(),
        payload: serde_json::to_string(&posted).unwrap_or_default(),
    };
    // Stored before the page is answered: from here on nothing is lost.
    if let Err(e) = state.pipe.accept(&[received]).await {
        return unavailable(e);
    }
    let deadline = std::time::Instant::now() + WAIT;
    while std::time::Instant::now() < deadline {
        match inbox::processed(&pool, NAME, &external_id).await {
            Ok(Some(true)) => break,
            Ok(_) => tokio::time::sleep(Duration::from_millis(30)).await,
            Err(e) => return unavailable(e),
        }
    }
    // After /delete the session is gone with the rest: the page says so and forgets it.
    let token_live = match &set {
        Some(_) => true,
        None => session_of(&state, &headers).await.is_some(),
    };
    if !token_live {
        let cleared = session_cookie(&state, &headers, "", 0);
        let notice = state.words(&locale, "web-deleted");
        return match state.page(None, &locale, "", Some(notice), String::new()).await {
            Ok(p) => ([(header::SET_COOKIE, cleared)], html(&p, StatusCode::OK)).into_response(),
            Err(e) => unavailable(e),
        };
    }
    let redirect = Redirect::to("/chat#end").into_response();
    match set {
        Some(cookie) => ([(header::SET_COOKIE, cookie)], redirect).into_response(),
        None => redirect,
    }
}

#[derive(Debug, Deserialize, Default)]
struct ReturnForm {
    #[serde(default)]
    code: String,
}

/// A come back code typed in another browser: a new session for the same chat.
async fn come_back(
    State(state): State<WebState>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<ReturnForm>,
) -> Response {
    let pool = state.pipe.linkup.store.pool.clone();
    let locale = locale_of(&state, None, &headers).await;
    let refuse = |notice: &str, status: StatusCode| {
        let (state, locale, typed) = (state.clone(), locale.clone(), form.code.chars().take(20).collect::<String>());
        let notice = state.words(&locale, notice);
        async move {
            match state.page(None, &locale, "", Some(notice), String::new()).await {
                Ok(mut p) => {
                    p.return_draft = typed;
                    html(&p, status)
                }
                Err(e) => unavailable(e),
            }
        }
    };
    if !same_site(&headers) {
        return refuse("web-wrong-site", StatusCode::FORBIDDEN).await;
    }
    if state.returns.check_key(&client_address(&state, &headers, address)).is_err() {
        return refuse("web-too-fast", StatusCode::TOO_MANY_REQUESTS).await;
    }
    let chat = match sessions::chat_by_code(&pool, NAME, &code_hash(&form.code)).await {
        Ok(Some(chat)) => chat,
        Ok(None) => return refuse("web-code-wrong", StatusCode::OK).await,
        Err(e) => return unavailable(e),
    };
    let (token, csrf) = (random_token(), random_token());
    if token.is_empty() {
        return unavailable(crate::store::Error::Corrupt("no randomness for a session".into()));
    }
    let code = come_back_code(&token);
    let hashes = sessions::Hashes { token: &token_hash(&token), code: &code_hash(&code) };
    if let Err(e) = sessions::create(&pool, NAME, &chat, hashes, &csrf, now_ms()).await {
        return unavailable(e);
    }
    tracing::info!("web chat opened again with a come back code");
    let cookie = session_cookie(&state, &headers, &token, SESSION_DAYS * 86_400);
    ([(header::SET_COOKIE, cookie)], Redirect::to("/chat#end")).into_response()
}

/// `/mydata`'s file, read at the moment it is downloaded: the web chat cannot send a file, so
/// the bubble that offers it links here. Only the session's own data, and never cached.
async fn my_data(State(state): State<WebState>, headers: HeaderMap) -> Response {
    let Some(session) = session_of(&state, &headers).await else { return StatusCode::NOT_FOUND.into_response() };
    let linkup = &state.pipe.linkup;
    let person = match people::find(&linkup.store.pool, NAME, &session.chat).await {
        Ok(Some(person)) => person,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return unavailable(e),
    };
    match linkup.my_data_now(person, now_ms()).await {
        Ok((filename, body)) => {
            tracing::info!(person, "young person downloaded their data");
            let disposition = format!("attachment; filename=\"{filename}\"");
            ([(header::CONTENT_TYPE, "application/json".to_string()), (header::CONTENT_DISPOSITION, disposition)], body)
                .into_response()
        }
        Err(e) => unavailable(e),
    }
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue, header};

    #[test]
    fn the_browsers_languages_are_read_in_order() {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("fr-FR, cy-GB;q=0.9,en;q=0.8"));
        assert_eq!(super::accept_languages(&h), ["fr-FR", "cy-GB", "en"]);
        h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("*"));
        assert!(super::accept_languages(&h).is_empty());
        assert!(super::accept_languages(&HeaderMap::new()).is_empty());
    }

    #[test]
    fn come_back_codes_are_read_however_they_are_typed() {
        let code = super::come_back_code("some-token");
        assert_eq!(code.len(), 9);
        assert!(code.chars().all(|c| c == '-' || super::CODE_ALPHABET.contains(&(c as u8))), "{code}");
        let typed = code.to_lowercase().replace('-', "  ");
        assert_eq!(super::code_hash(&typed), super::code_hash(&code));
        assert_ne!(super::come_back_code("another-token"), code);
    }
}

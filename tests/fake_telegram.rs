//! A fake Telegram Bot API server on 127.0.0.1:0 that speaks the real JSON: getMe, getUpdates
//! (with offset semantics and long polling), sendMessage, editMessageText,
//! editMessageReplyMarkup, answerCallbackQuery, setMyCommands, deleteWebhook, setWebhook,
//! sendPhoto, sendDocument; with fault injection: 5xx, 429 with retry_after, 403, slow replies.
//! In webhook mode it posts the pushed updates to the bot's replicas itself ([`Webhooks`]).

#![allow(dead_code)]

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use tokio::sync::Notify;

/// A message the bot sent (or an edit it made).
#[derive(Debug, Clone)]
pub struct Sent {
    pub method: String,
    pub chat: i64,
    pub text: Option<String>,
    pub buttons: Vec<(String, String)>,
    pub message_id: i64,
    pub at: std::time::Instant,
    /// sendDocument: the file's name and contents.
    pub file: Option<(String, String)>,
    /// sendPhoto: the picture's bytes, exactly as sent.
    pub photo: Option<Vec<u8>>,
}

#[derive(Debug, Default, Clone)]
pub struct Faults {
    /// Share of send/edit calls answered with HTTP 500.
    pub server_errors: f64,
    /// Every Nth send/edit call is answered 429 with this retry_after (seconds).
    pub too_many_every: Option<(u64, u64)>,
    /// Chats whose sends are answered 403 (the young person blocked the bot).
    pub blocked: HashSet<i64>,
    /// Delay before answering send/edit calls.
    pub slow: Duration,
}

#[derive(Default)]
struct Inner {
    updates: Vec<Value>,
    confirmed: i64,
    sent: Vec<Sent>,
    calls: Vec<(String, Value)>,
    next_message_id: i64,
    send_calls: u64,
    faults: Faults,
    rng: u64,
}

#[derive(Clone, Default)]
pub struct FakeTelegram {
    inner: Arc<Mutex<Inner>>,
    new_updates: Arc<Notify>,
    pub url: String,
}

pub const TOKEN: &str = "123456:TEST-TOKEN";

impl FakeTelegram {
    /// Starts the server on 127.0.0.1:0.
    pub async fn start() -> FakeTelegram {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let fake =
            FakeTelegram { url: format!("http://{}/", listener.local_addr().unwrap()), ..FakeTelegram::default() };
        fake.inner.lock().unwrap().rng = 0x2545_F491_4F6C_DD1D;
        fake.inner.lock().unwrap().next_message_id = 1000;
        let app = Router::new().route("/{bot}/{method}", post(handle)).with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        fake
    }

    pub fn set_faults(&self, faults: Faults) {
        self.inner.lock().unwrap().faults = faults;
    }

    /// Queues an update (its update_id is assigned here) and returns the id.
    pub fn push(&self, mut update: Value) -> i64 {
        let mut inner = self.inner.lock().unwrap();
        let id = 1 + inner.updates.len() as i64;
        update["update_id"] = json!(id);
        inner.updates.push(update);
        drop(inner);
        self.new_updates.notify_waiters();
        id
    }

    pub fn sent(&self) -> Vec<Sent> {
        self.inner.lock().unwrap().sent.clone()
    }

    pub fn sent_to(&self, chat: i64) -> Vec<Sent> {
        self.sent().into_iter().filter(|s| s.chat == chat).collect()
    }

    pub fn calls(&self, method: &str) -> Vec<Value> {
        let inner = self.inner.lock().unwrap();
        inner.calls.iter().filter(|(m, _)| m.eq_ignore_ascii_case(method)).map(|(_, v)| v.clone()).collect()
    }

    /// The highest offset the bot has confirmed with getUpdates.
    pub fn confirmed(&self) -> i64 {
        self.inner.lock().unwrap().confirmed
    }

    pub fn updates_pushed(&self) -> usize {
        self.inner.lock().unwrap().updates.len()
    }
}

fn ok(result: Value) -> Response {
    (StatusCode::OK, axum::Json(json!({ "ok": true, "result": result }))).into_response()
}

fn error(status: StatusCode, description: &str, parameters: Option<Value>) -> Response {
    let mut body = json!({ "ok": false, "error_code": status.as_u16(), "description": description });
    if let Some(p) = parameters {
        body["parameters"] = p;
    }
    (status, axum::Json(body)).into_response()
}

pub fn user(id: i64, language: &str) -> Value {
    json!({ "id": id, "is_bot": false, "first_name": "Young", "language_code": language })
}

pub fn chat(id: i64) -> Value {
    json!({ "id": id, "type": "private", "first_name": "Young" })
}

fn message(id: i64, chat_id: i64, text: Option<&str>) -> Value {
    let mut m = json!({ "message_id": id, "date": 1_795_000_000, "chat": chat(chat_id),
        "from": { "id": 999, "is_bot": true, "first_name": "linkup", "username": "linkup_bot" } });
    if let Some(t) = text {
        m["text"] = json!(t);
    }
    m
}

/// A text message from a young person.
pub fn text(chat_id: i64, text: &str) -> Value {
    json!({ "message": { "message_id": 1, "date": 1_795_000_000, "chat": chat(chat_id), "from": user(chat_id, "en"), "text": text } })
}

/// A button press on the bot's message `message_id`.
pub fn press(chat_id: i64, data: &str, message_id: i64) -> Value {
    json!({ "callback_query": { "id": format!("cb-{chat_id}-{data}"), "from": user(chat_id, "en"),
        "message": message(message_id, chat_id, Some("question")), "chat_instance": "ci", "data": data } })
}

pub fn sticker(chat_id: i64) -> Value {
    json!({ "message": { "message_id": 1, "date": 1_795_000_000, "chat": chat(chat_id), "from": user(chat_id, "en"),
        "sticker": { "file_id": "f", "file_unique_id": "u", "type": "regular", "width": 512, "height": 512,
                     "is_animated": false, "is_video": false } } })
}

pub fn edited(chat_id: i64, text: &str) -> Value {
    json!({ "edited_message": { "message_id": 1, "date": 1_795_000_000, "edit_date": 1_795_000_100,
        "chat": chat(chat_id), "from": user(chat_id, "en"), "text": text } })
}

pub fn blocked(chat_id: i64) -> Value {
    let bot = json!({ "id": 999, "is_bot": true, "first_name": "linkup", "username": "linkup_bot" });
    json!({ "my_chat_member": { "chat": chat(chat_id), "from": user(chat_id, "en"), "date": 1_795_000_000,
        "old_chat_member": { "user": bot, "status": "member" },
        "new_chat_member": { "user": bot, "status": "kicked", "until_date": 0 } } })
}

/// A multipart/form-data body (sendDocument) as JSON: each field's text; a file field as
/// `{ "filename", "content" }`. Numbers stay numbers, as Telegram reads them.
fn multipart(body: &[u8]) -> Value {
    let text = String::from_utf8_lossy(body);
    let Some(boundary) = text.lines().next().map(str::trim) else { return json!({}) };
    let mut fields = serde_json::Map::new();
    for part in text.split(boundary) {
        let Some((head, content)) = part.split_once("\r\n\r\n") else { continue };
        let content = content.strip_suffix("\r\n").unwrap_or(content);
        let name = head.split("name=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default();
        let value = match head.split("filename=\"").nth(1).and_then(|r| r.split('"').next()) {
            Some(filename) => json!({ "filename": filename, "content": content }),
            None => content.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::from(content)),
        };
        if !name.is_empty() {
            fields.insert(name.to_string(), value);
        }
    }
    // A file may be sent under its own part name, referred to as `attach://NAME`.
    for key in fields.keys().cloned().collect::<Vec<_>>() {
        let attached = fields[&key].as_str().and_then(|v| v.strip_prefix("attach://")).map(str::to_string);
        if let Some(part) = attached.and_then(|name| fields.get(&name).cloned()) {
            fields.insert(key, part);
        }
    }
    Value::Object(fields)
}

/// The file parts of a multipart body, byte for byte (a picture is not text): (file name, bytes).
fn file_parts(body: &[u8]) -> Vec<(String, Vec<u8>)> {
    let find = |hay: &[u8], needle: &[u8], from: usize| {
        hay.get(from..).and_then(|h| h.windows(needle.len()).position(|w| w == needle)).map(|p| p + from)
    };
    let Some(end) = find(body, b"\r\n", 0) else { return vec![] };
    let boundary = &body[..end];
    let mut out = Vec::new();
    let mut at = end;
    while let Some(next) = find(body, boundary, at) {
        let part = &body[at..next];
        if let Some(split) = find(part, b"\r\n\r\n", 0) {
            let head = String::from_utf8_lossy(&part[..split]);
            let content = &part[split + 4..];
            let content = content.strip_suffix(b"\r\n").unwrap_or(content);
            if let Some(filename) = head.split("filename=\"").nth(1).and_then(|r| r.split('"').next()) {
                out.push((filename.to_string(), content.to_vec()));
            }
        }
        at = next + boundary.len();
    }
    out
}

fn buttons_of(body: &Value) -> Vec<(String, String)> {
    body["reply_markup"]["inline_keyboard"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .flat_map(|r| r.as_array().cloned().unwrap_or_default())
                .map(|b| {
                    (
                        b["text"].as_str().unwrap_or_default().to_string(),
                        b["callback_data"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn handle(
    State(fake): State<FakeTelegram>,
    Path((bot, method)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if bot != format!("bot{TOKEN}") {
        return error(StatusCode::UNAUTHORIZED, "Unauthorized", None);
    }
    let files = if serde_json::from_slice::<Value>(&body).is_ok() { vec![] } else { file_parts(&body) };
    let body: Value = serde_json::from_slice(&body).unwrap_or_else(|_| multipart(&body));
    let method = method.to_ascii_lowercase();
    fake.inner.lock().unwrap().calls.push((method.clone(), body.clone()));
    match method.as_str() {
        "getme" => ok(json!({ "id": 999, "is_bot": true, "first_name": "linkup", "username": "linkup_bot",
            "can_join_groups": false, "can_read_all_group_messages": false, "supports_inline_queries": false,
            "can_connect_to_business": false, "has_main_web_app": false })),
        "getupdates" => {
            let offset = body["offset"].as_i64().unwrap_or(0);
            let limit = body["limit"].as_u64().unwrap_or(100) as usize;
            let timeout = body["timeout"].as_u64().unwrap_or(0).min(2);
            let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
            loop {
                let notified = fake.new_updates.notified();
                {
                    let mut inner = fake.inner.lock().unwrap();
                    // An offset confirms every update below it, as Telegram does.
                    inner.confirmed = inner.confirmed.max(offset);
                    let confirmed = inner.confirmed;
                    let batch: Vec<Value> = inner
                        .updates
                        .iter()
                        .filter(|u| u["update_id"].as_i64().unwrap_or(0) >= confirmed.max(1))
                        .take(limit)
                        .cloned()
                        .collect();
                    if !batch.is_empty() || tokio::time::Instant::now() >= deadline {
                        return ok(json!(batch));
                    }
                }
                let _ = tokio::time::timeout_at(deadline, notified).await;
            }
        }
        "sendmessage" | "editmessagetext" | "editmessagereplymarkup" | "sendphoto" | "senddocument" => {
            let chat_id = body["chat_id"].as_i64().unwrap_or(0);
            let (slow, fault) = {
                let mut inner = fake.inner.lock().unwrap();
                inner.send_calls += 1;
                // xorshift: repeatable faults.
                inner.rng ^= inner.rng << 13;
                inner.rng ^= inner.rng >> 7;
                inner.rng ^= inner.rng << 17;
                let roll = (inner.rng % 10_000) as f64 / 10_000.0;
                let f = &inner.faults;
                let fault = if f.blocked.contains(&chat_id) {
                    Some(error(StatusCode::FORBIDDEN, "Forbidden: bot was blocked by the user", None))
                } else if f.too_many_every.is_some_and(|(n, _)| inner.send_calls % n == 0) {
                    let secs = f.too_many_every.unwrap().1;
                    Some(error(
                        StatusCode::TOO_MANY_REQUESTS,
                        &format!("Too Many Requests: retry after {secs}"),
                        Some(json!({ "retry_after": secs })),
                    ))
                } else if roll < f.server_errors {
                    Some(error(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error", None))
                } else {
                    None
                };
                (f.slow, fault)
            };
            if !slow.is_zero() {
                tokio::time::sleep(slow).await;
            }
            if let Some(response) = fault {
                return response;
            }
            let mut inner = fake.inner.lock().unwrap();
            let message_id = if method == "sendmessage" || method == "sendphoto" || method == "senddocument" {
                inner.next_message_id += 1;
                inner.next_message_id
            } else {
                body["message_id"].as_i64().unwrap_or(0)
            };
            let text = body["text"].as_str().or(body["caption"].as_str()).map(str::to_string);
            let file = body["document"]["filename"]
                .as_str()
                .map(|name| (name.to_string(), body["document"]["content"].as_str().unwrap_or_default().to_string()));
            let photo = (method == "sendphoto").then(|| files.first().map(|(_, bytes)| bytes.clone())).flatten();
            inner.sent.push(Sent {
                file,
                photo,
                method: method.clone(),
                chat: chat_id,
                text: text.clone(),
                buttons: buttons_of(&body),
                message_id,
                at: std::time::Instant::now(),
            });
            ok(message(message_id, chat_id, text.as_deref().or(Some("…"))))
        }
        "answercallbackquery" | "setmycommands" | "deletewebhook" | "setwebhook" => ok(json!(true)),
        _ => error(StatusCode::NOT_FOUND, "Not Found: method not found", None),
    }
}

/// What the webhook poster has done so far.
#[derive(Debug, Default, Clone)]
pub struct WebhookStats {
    /// Updates answered 2xx.
    pub delivered: u64,
    /// Posts that were not (an error status, a refused or dropped connection), each followed by
    /// the same update posted to the next replica.
    pub retries: u64,
    /// Updates answered 2xx by each replica.
    pub taken: Vec<u64>,
    /// Posts that failed against each replica.
    pub failed: Vec<u64>,
    /// While a post is under way: the replica it went to and the update's id.
    pub posting: Option<(usize, i64)>,
}

/// Telegram's side of webhook mode, as the bot's replicas behind a load balancer see it: the
/// pushed updates posted one at a time, in order, to the replicas in turn, each with the secret
/// header; an update not answered 2xx is posted again, to the next replica, after a short
/// pause, until one takes it. (Telegram waits for an answer before the next update, and
/// retries what was not answered 2xx.) Stops when dropped.
pub struct Webhooks {
    pub stats: Arc<Mutex<WebhookStats>>,
    task: tokio::task::JoinHandle<()>,
}

impl Webhooks {
    pub fn stats(&self) -> WebhookStats {
        self.stats.lock().unwrap().clone()
    }
}

impl Drop for Webhooks {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The pause before an update that was not taken is posted again.
const REPOST_AFTER: Duration = Duration::from_millis(100);

impl FakeTelegram {
    /// Starts posting every update pushed (before or after this call) to `urls` in turn.
    pub fn post_webhooks(&self, urls: Vec<String>, secret: &str) -> Webhooks {
        let stats = Arc::new(Mutex::new(WebhookStats {
            taken: vec![0; urls.len()],
            failed: vec![0; urls.len()],
            ..WebhookStats::default()
        }));
        let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
        let (fake, secret, shared) = (self.clone(), secret.to_string(), stats.clone());
        let task = tokio::spawn(async move {
            let (mut next, mut turn) = (0, 0);
            loop {
                let pushed = fake.new_updates.notified();
                let Some(update) = fake.inner.lock().unwrap().updates.get(next).cloned() else {
                    let _ = tokio::time::timeout(Duration::from_millis(200), pushed).await;
                    continue;
                };
                let to = turn % urls.len();
                turn += 1;
                shared.lock().unwrap().posting = Some((to, update["update_id"].as_i64().unwrap_or(0)));
                let answer = client
                    .post(&urls[to])
                    .header("X-Telegram-Bot-Api-Secret-Token", &secret)
                    .json(&update)
                    .send()
                    .await;
                let taken = answer.is_ok_and(|r| r.status().is_success());
                {
                    let mut stats = shared.lock().unwrap();
                    stats.posting = None;
                    if taken {
                        stats.delivered += 1;
                        stats.taken[to] += 1;
                    } else {
                        stats.retries += 1;
                        stats.failed[to] += 1;
                    }
                }
                if taken {
                    next += 1;
                } else {
                    tokio::time::sleep(REPOST_AFTER).await;
                }
            }
        });
        Webhooks { stats, task }
    }
}

/// Waits until `check` holds, up to `limit`.
pub async fn until<F: FnMut() -> bool>(limit: Duration, mut check: F) -> bool {
    let deadline = std::time::Instant::now() + limit;
    while std::time::Instant::now() < deadline {
        if check() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    check()
}

//! Operations: `/healthz`, `/readyz`, `/metrics` (names, counters that move, the token, no
//! young person's words) and `linkup serve` stopping cleanly on SIGTERM, with JSON logs.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use linkup::channel::{Channel, Delivered, Event, Limits, Pipe};
use linkup::config::Config;
use linkup::intent::Incoming;
use linkup::store::inbox::Received;
use linkup::store::outbox::Item;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::dashboard::serve;
use crate::support::{TestApp, backends, root};

/// The value of one series (`name{labels}` exactly as rendered), 0 if it is not there yet.
fn value(body: &str, series: &str) -> f64 {
    body.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.strip_prefix(series).and_then(|rest| rest.strip_prefix(' ')))
        .map_or(0.0, |v| v.trim().parse().unwrap_or_else(|_| panic!("{series}: {v}")))
}

/// The sum of every series of a metric whose labels contain `with`.
fn sum(body: &str, name: &str, with: &str) -> f64 {
    body.lines()
        .filter(|l| l.starts_with(&format!("{name}{{")) && l.contains(with))
        .filter_map(|l| l.rsplit_once(' ').and_then(|(_, v)| v.parse::<f64>().ok()))
        .sum()
}

async fn get(url: &str, token: Option<&str>) -> (u16, String) {
    let mut request = reqwest::Client::new().get(url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn ops_health_and_readiness() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        let base = serve(&app).await;
        assert_eq!(get(&format!("{base}/healthz"), None).await, (200, "ok".into()), "{backend}");
        assert_eq!(get(&format!("{base}/readyz"), None).await, (200, "ready".into()), "{backend}");
        // No sign-in needed, and nothing else said.
        let response = reqwest::get(format!("{base}/readyz")).await.unwrap();
        assert!(response.headers().get("server").is_none());
        app.store.pool.close().await;
        let started = Instant::now();
        let (status, body) = get(&format!("{base}/readyz"), None).await;
        assert_eq!(status, 503, "{backend}: {body}");
        assert_eq!(body, "database not answering");
        assert!(started.elapsed() < Duration::from_secs(3), "{backend}: within the 2 s limit");
        // Alive all the same.
        assert_eq!(get(&format!("{base}/healthz"), None).await.0, 200);
    }
}

#[tokio::test]
async fn ops_metrics_count_a_journey_behind_the_token_without_words() {
    const TOKEN: &str = "metrics-t0ken-for-the-test";
    let mut config = Config::default();
    config.dashboard.metrics_token = Some(TOKEN.into());
    let mut app = TestApp::with_config("sqlite", config).await;
    app.user = "chat-id-4815162342".into();
    let base = serve(&app).await;
    let url = format!("{base}/metrics");

    assert_eq!(get(&url, None).await.0, 401);
    assert_eq!(get(&url, Some("wrong")).await.0, 401);
    assert_eq!(get(&url, Some(&TOKEN[..TOKEN.len() - 1])).await.0, 401);
    let (status, before) = get(&url, Some(TOKEN)).await;
    assert_eq!(status, 200);
    for name in [
        "linkup_messages_in_total",
        "linkup_messages_out_total",
        "linkup_send_retries_total",
        "linkup_send_rate_limited_total",
        "linkup_reminders_sent_total",
        "linkup_queue_open_cases",
        "linkup_urgent_cases_waiting",
        "linkup_oldest_urgent_wait_seconds",
    ] {
        assert!(before.contains(name), "{name} missing:\n{before}");
    }
    assert_eq!(value(&before, "linkup_queue_open_cases"), 0.0);

    let reference = app.refer("Zephyrina", "LS6", "quokkas and marmalade on tuesdays").await;
    app.say("i want to die").await;

    let (_, after) = get(&url, Some(TOKEN)).await;
    let series = r#"linkup_messages_in_total{channel="test"}"#;
    assert!(value(&after, series) >= value(&before, series) + 22.0, "{after}");
    let count = "linkup_processing_seconds_count";
    assert!(value(&after, count) >= value(&before, count) + 22.0, "{after}");
    assert!(after.contains(r#"linkup_processing_seconds_bucket{le="0.005"}"#), "a histogram:\n{after}");
    assert!(sum(&after, "linkup_safety_flags_total", "tier=") >= 1.0, "{after}");
    assert_eq!(value(&after, "linkup_queue_open_cases"), 1.0, "{after}");
    assert_eq!(value(&after, "linkup_urgent_cases_waiting"), 1.0, "{after}");
    assert!(value(&after, "linkup_oldest_urgent_wait_seconds") >= 0.0);
    for secret in ["Zephyrina", "quokka", "marmalade", "want to die", "4815162342", reference.as_str(), "LS6", TOKEN] {
        assert!(!after.contains(secret), "{secret:?} is in /metrics");
    }
}

/// A channel for the counters of the shared sender: the first delivery fails for now, the
/// second is asked to wait (429), the rest go.
#[derive(Clone, Default)]
struct Flaky {
    attempts: Arc<Mutex<usize>>,
    sent: Arc<Mutex<usize>>,
}

impl Channel for Flaky {
    fn name(&self) -> &'static str {
        "ops-flaky"
    }

    fn limits(&self) -> Limits {
        Limits {
            burst: 10.0,
            per_chat: Duration::from_millis(1),
            global_per_second: 10_000,
            max_in_flight: 4,
            lease_ms: 10_000,
            max_text: 2000,
            callback_bytes: 64,
        }
    }

    fn event(&self, payload: &str) -> Event {
        let incoming = if payload == "/start" { Incoming::Start } else { Incoming::Text(payload.into()) };
        Event::Message { chat: "c1".into(), language: None, referral: None, incoming, ack: None }
    }

    async fn deliver(&self, _chat: &str, _item: &Item, _previous: Option<&str>) -> Delivered {
        let attempt = {
            let mut attempts = self.attempts.lock().unwrap();
            *attempts += 1;
            *attempts
        };
        match attempt {
            1 => Delivered::Retry("flaky".into()),
            2 => Delivered::RetryAfter(Duration::from_millis(50)),
            _ => {
                *self.sent.lock().unwrap() += 1;
                Delivered::Sent(None)
            }
        }
    }
}

#[tokio::test]
async fn ops_metrics_count_sends_retries_and_429s() {
    let app = TestApp::new("sqlite").await;
    let handle = linkup::metrics::install();
    let flaky = Flaky::default();
    let pipe = Pipe::new(app.linkup.clone(), flaky.clone());
    let (stop, shutdown) = watch::channel(false);
    let mut tasks = JoinSet::new();
    pipe.spawn(&mut tasks, &shutdown);
    let received = Received { external_id: "u1".into(), seq: None, chat: "c1".into(), payload: "/start".into() };
    pipe.accept(&[received]).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while *flaky.sent.lock().unwrap() == 0 {
        assert!(Instant::now() < deadline, "nothing was delivered");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = stop.send(true);
    while tasks.join_next().await.is_some() {}
    let body = handle.render();
    let label = r#"{channel="ops-flaky"}"#;
    assert_eq!(value(&body, &format!("linkup_messages_in_total{label}")), 1.0, "{body}");
    assert!(value(&body, &format!("linkup_messages_out_total{label}")) >= 1.0, "{body}");
    assert_eq!(value(&body, &format!("linkup_send_retries_total{label}")), 1.0, "{body}");
    assert_eq!(value(&body, &format!("linkup_send_rate_limited_total{label}")), 1.0, "{body}");
}

/// `linkup serve` stops on SIGTERM with status 0, well within its grace period; its logs are
/// JSON lines when asked.
#[tokio::test]
async fn ops_sigterm_stops_serve_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"))
        .arg("serve")
        .current_dir(root())
        .env("LINKUP_DATABASE_URL", format!("sqlite://{}", dir.path().join("t.db").display()))
        .env("LINKUP_DASHBOARD_LISTEN", format!("127.0.0.1:{port}"))
        .env("LINKUP_SHUTDOWN_GRACE_SECONDS", "5")
        .env("LINKUP_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .env_remove("TELOXIDE_TOKEN")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run linkup serve");
    let healthz = format!("http://127.0.0.1:{port}/healthz");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(r) = reqwest::get(&healthz).await
            && r.status() == 200
        {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("linkup serve ended early: {status}");
        }
        assert!(Instant::now() < deadline, "linkup serve did not come up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let status = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let stopped = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(stopped.elapsed() < Duration::from_secs(10), "linkup serve did not stop on SIGTERM");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(status.code(), Some(0), "exit status");
    let mut logs = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut logs).unwrap();
    let lines: Vec<serde_json::Value> = logs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect();
    assert!(lines.iter().any(|l| l["fields"]["signal"] == "SIGTERM"), "the stop is logged with its signal:\n{logs}");
}

//! Prometheus metrics: the names, the one recorder per process ([`install`]), the helpers the
//! channels and the conversation call, and the queue gauges read from the database when
//! `/metrics` is scraped ([`render`]).
//!
//! Labels are only ever fixed, small sets: a channel's name, a safety category and tier from
//! the safety rules. Never a young person's words, names, chat ids or case references.

use std::sync::OnceLock;
use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sqlx::AnyPool;

/// Inbound messages handled by the conversation, by channel.
pub const MESSAGES_IN: &str = "linkup_messages_in_total";
/// Outbox messages the channel accepted, by channel.
pub const MESSAGES_OUT: &str = "linkup_messages_out_total";
/// Deliveries that failed for now and were scheduled again (with backoff), by channel.
pub const SEND_RETRIES: &str = "linkup_send_retries_total";
/// Deliveries the channel asked us to wait for (HTTP 429, `retry_after`), by channel.
pub const SEND_RATE_LIMITED: &str = "linkup_send_rate_limited_total";
/// Safeguarding flags raised, by category and tier.
pub const SAFETY_FLAGS: &str = "linkup_safety_flags_total";
/// Seconds to handle one inbound message (one transaction through the conversation).
pub const PROCESSING_SECONDS: &str = "linkup_processing_seconds";
/// Check-in reminders queued for sending.
pub const REMINDERS_SENT: &str = "linkup_reminders_sent_total";
/// Cases neither closed nor deleted (read at scrape time).
pub const QUEUE_OPEN_CASES: &str = "linkup_queue_open_cases";
/// Urgent cases nobody has claimed yet (read at scrape time).
pub const URGENT_CASES_WAITING: &str = "linkup_urgent_cases_waiting";
/// How long the oldest of those has been waiting since its case opened, in seconds; 0 when
/// there is none (read at scrape time).
pub const OLDEST_URGENT_WAIT_SECONDS: &str = "linkup_oldest_urgent_wait_seconds";

/// The channels whose counters are shown (at zero) before their first message.
const CHANNELS: [&str; 3] = [crate::channel::telegram::NAME, crate::channel::web::NAME, crate::channel::terminal::NAME];

/// Buckets of [`PROCESSING_SECONDS`]: a message usually takes milliseconds; seconds mean a
/// slow or locked database.
const PROCESSING_BUCKETS: [f64; 12] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

/// Installs the process's recorder the first time, and returns its handle. Idempotent: the
/// tests build many apps in one process.
pub fn install() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(PROCESSING_SECONDS.into()), &PROCESSING_BUCKETS)
            .expect("the buckets are not empty");
        let handle = match builder.install_recorder() {
            Ok(handle) => handle,
            Err(e) => {
                // Another recorder holds the global slot: /metrics shows only the gauges.
                tracing::warn!(error = %e, "could not install the metrics recorder");
                PrometheusBuilder::new().build_recorder().handle()
            }
        };
        describe();
        handle
    })
}

fn describe() {
    metrics::describe_counter!(MESSAGES_IN, "Inbound messages handled, by channel.");
    metrics::describe_counter!(MESSAGES_OUT, "Messages delivered to the channel, by channel.");
    metrics::describe_counter!(SEND_RETRIES, "Deliveries that failed for now and were scheduled again.");
    metrics::describe_counter!(SEND_RATE_LIMITED, "Deliveries the channel asked to wait for (429).");
    metrics::describe_counter!(SAFETY_FLAGS, "Safeguarding flags raised, by category and tier.");
    metrics::describe_histogram!(PROCESSING_SECONDS, metrics::Unit::Seconds, "Time to handle one inbound message.");
    metrics::describe_counter!(REMINDERS_SENT, "Check-in reminders queued for sending.");
    metrics::describe_gauge!(QUEUE_OPEN_CASES, "Cases neither closed nor deleted.");
    metrics::describe_gauge!(URGENT_CASES_WAITING, "Urgent cases nobody has claimed yet.");
    metrics::describe_gauge!(OLDEST_URGENT_WAIT_SECONDS, "Seconds the oldest unclaimed urgent case has waited.");
    // Shown at zero from the start, so a dashboard's rate() has a series to read.
    for channel in CHANNELS {
        for name in [MESSAGES_IN, MESSAGES_OUT, SEND_RETRIES, SEND_RATE_LIMITED] {
            metrics::counter!(name, "channel" => channel).absolute(0);
        }
    }
    metrics::counter!(REMINDERS_SENT).absolute(0);
}

/// One inbound message handled on `channel`, in `took`.
pub fn message_in(channel: &str, took: Duration) {
    metrics::counter!(MESSAGES_IN, "channel" => channel.to_string()).increment(1);
    metrics::histogram!(PROCESSING_SECONDS).record(took.as_secs_f64());
}

/// One message the channel accepted.
pub fn message_out(channel: &str) {
    metrics::counter!(MESSAGES_OUT, "channel" => channel.to_string()).increment(1);
}

/// One delivery to be tried again after a failure.
pub fn send_retry(channel: &str) {
    metrics::counter!(SEND_RETRIES, "channel" => channel.to_string()).increment(1);
}

/// One delivery the channel asked us to wait for.
pub fn send_rate_limited(channel: &str) {
    metrics::counter!(SEND_RATE_LIMITED, "channel" => channel.to_string()).increment(1);
}

/// One safeguarding flag raised. `category` comes from the safety rules or a flow's question,
/// never from what the young person wrote.
pub fn safety_flag(category: &str, tier: crate::safety::Tier) {
    metrics::counter!(SAFETY_FLAGS, "category" => category.to_string(), "tier" => tier.as_str()).increment(1);
}

/// Check-in reminders queued.
pub fn reminders_sent(n: u32) {
    if n > 0 {
        metrics::counter!(REMINDERS_SENT).increment(u64::from(n));
    }
}

/// The text exposition of every metric, with the queue gauges read from `pool` now. A database
/// that does not answer leaves the gauges as they were last read (the scrape still works; see
/// `/readyz` for the database's health).
pub async fn render(pool: &AnyPool, now_ms: i64) -> String {
    let handle = install();
    match crate::store::casework::queue_figures(pool, now_ms).await {
        Ok((open, urgent, oldest)) => {
            metrics::gauge!(QUEUE_OPEN_CASES).set(open as f64);
            metrics::gauge!(URGENT_CASES_WAITING).set(urgent as f64);
            metrics::gauge!(OLDEST_URGENT_WAIT_SECONDS).set(oldest as f64);
        }
        Err(e) => tracing::warn!(error = %e, "could not read the queue for /metrics"),
    }
    // Without the exporter's own listener, nobody else drains the histograms' windows.
    handle.run_upkeep();
    handle.render()
}

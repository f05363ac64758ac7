//! The outbox sender, one for any channel: delivers queued replies in order per chat within
//! the channel's [`Limits`](super::Limits) (a short burst then a steady pace per chat, a cap on
//! all chats together), backing off on failures, waiting when the channel asks, and holding a
//! young person's messages when they cannot be reached. Replicas share the outbox through
//! leases.
//!
//! A crash between the channel accepting a message and it being marked sent means it is sent
//! again after the restart: at most one duplicate per crash.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::watch;
use tokio::task::JoinSet;

use super::{Channel, Delivered, Pipe, failpoint};
use crate::store::outbox::{self, Item, Queued};
use crate::time::now_ms;

/// Attempts before a message that keeps failing for now is given up.
const GIVE_UP_AFTER: i64 = 12;

/// Per-chat token buckets.
struct Pace {
    burst: f64,
    per_chat: Duration,
    buckets: HashMap<String, (f64, Instant)>,
}

impl Pace {
    fn take(&mut self, chat: &str) -> bool {
        let now = Instant::now();
        let (tokens, since) = self.buckets.entry(chat.to_string()).or_insert((self.burst, now));
        let refill = if self.per_chat.is_zero() {
            self.burst
        } else {
            since.elapsed().as_secs_f64() / self.per_chat.as_secs_f64()
        };
        *tokens = (*tokens + refill).min(self.burst);
        *since = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

pub async fn run<C: Channel>(pipe: Pipe<C>, mut shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    let pool = pipe.linkup.store.pool.clone();
    let limits = pipe.channel.limits();
    let name = pipe.channel.name();
    let global_gap = Duration::from_secs_f64(1.0 / f64::from(limits.global_per_second.max(1)));
    let mut pace = Pace { burst: limits.burst.max(1.0), per_chat: limits.per_chat, buckets: HashMap::new() };
    let mut next_global = Instant::now();
    let flying: Arc<Mutex<HashSet<String>>> = Arc::default();
    let mut tasks = JoinSet::new();
    // Leases of a dead sender are released now and then, not on every pass: it is a write.
    let mut next_release = Instant::now();
    loop {
        while tasks.try_join_next().is_some() {}
        if *shutdown.borrow() {
            while tasks.join_next().await.is_some() {}
            break;
        }
        let now = now_ms();
        if Instant::now() >= next_release {
            next_release = Instant::now() + Duration::from_secs(1);
            if let Err(e) = outbox::release_expired(&pool, name, now).await {
                tracing::warn!(channel = name, error = %e, "could not release expired leases");
            }
        }
        let due = outbox::due(&pool, name, now, 1000).await.unwrap_or_else(|e| {
            tracing::error!(channel = name, error = %e, "could not read the outbox");
            Vec::new()
        });
        let mut started = 0;
        for row in due.into_iter().filter(|row| pipe.channel.serves(&row.chat)) {
            if flying.lock().expect("not poisoned").contains(&row.chat) || !pace.take(&row.chat) {
                continue;
            }
            let wait = next_global.saturating_duration_since(Instant::now());
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            next_global = next_global.max(Instant::now()) + global_gap;
            match outbox::claim(&pool, row.id, now_ms() + limits.lease_ms).await {
                Ok(true) => {}
                Ok(false) => continue,
                Err(e) => {
                    tracing::warn!(channel = name, error = %e, "could not claim a message");
                    continue;
                }
            }
            flying.lock().expect("not poisoned").insert(row.chat.clone());
            let (pipe, flying) = (pipe.clone(), flying.clone());
            tasks.spawn(async move {
                let chat = row.chat.clone();
                if let Err(e) = deliver(&pipe, row).await {
                    tracing::error!(error = %e, "could not record a delivery");
                }
                flying.lock().expect("not poisoned").remove(&chat);
                pipe.queued.notify_one();
            });
            started += 1;
            if tasks.len() >= limits.max_in_flight.max(1) {
                tasks.join_next().await;
            }
        }
        if started == 0 {
            tokio::select! {
                _ = pipe.queued.notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(100)) => {}
                _ = shutdown.changed() => {}
            }
        }
    }
    Ok(())
}

/// Delivers one message through the channel and records what happened.
async fn deliver<C: Channel>(pipe: &Pipe<C>, row: Queued) -> Result<(), crate::store::Error> {
    let pool = &pipe.linkup.store.pool;
    let limits = pipe.channel.limits();
    let Some(mut item) = row.item() else { return outbox::failed(pool, row.id, "unreadable outbox payload").await };
    if let Item::Message { text, .. } = &mut item {
        if text.is_empty() {
            *text = "…".into();
        } else if text.chars().count() > limits.max_text {
            *text = text.chars().take(limits.max_text).collect();
        }
    }
    let previous = match item {
        Item::EditButtons { .. } => outbox::last_buttons_message(pool, pipe.channel.name(), &row.chat).await?,
        _ => None,
    };
    let result = pipe.channel.deliver(&row.chat, &item, previous.as_deref()).await;
    let now = now_ms();
    match result {
        Delivered::Sent(_) if matches!(item, Item::Farewell { .. }) => {
            crate::metrics::message_out(pipe.channel.name());
            outbox::forget(pool, row.id).await
        }
        Delivered::Sent(_) if matches!(item, Item::Document { .. } | Item::Photo { .. }) => {
            crate::metrics::message_out(pipe.channel.name());
            outbox::sent_document(pool, row.id, now).await
        }
        Delivered::Sent(message_id) => {
            crate::metrics::message_out(pipe.channel.name());
            failpoint("after-send");
            outbox::sent(pool, row.id, message_id.as_deref(), now).await
        }
        Delivered::RetryAfter(wait) => {
            crate::metrics::send_rate_limited(pipe.channel.name());
            tracing::info!(seconds = wait.as_secs(), "the channel asked us to wait");
            outbox::retry_at(pool, row.id, now + wait.as_millis() as i64, "asked to wait (429)").await
        }
        Delivered::Unreachable => {
            tracing::info!(person = row.person_id, "the young person cannot be reached on this channel");
            outbox::unreachable(pool, row.person_id).await
        }
        Delivered::Retry(error) if row.attempts + 1 < GIVE_UP_AFTER => {
            crate::metrics::send_retry(pipe.channel.name());
            let backoff = (500_i64 << row.attempts.min(7)).min(60_000);
            outbox::retry_at(pool, row.id, now + backoff, &error).await
        }
        Delivered::Retry(error) | Delivered::Rejected(error) => {
            tracing::error!(error = %error, "the channel refused a message; giving up on it");
            outbox::failed(pool, row.id, &error).await
        }
    }
}

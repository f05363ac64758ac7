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
    /// Takes up to `wanted` tokens of `chat`'s bucket; how many it got.
    fn take(&mut self, chat: &str, wanted: usize) -> usize {
        if self.per_chat.is_zero() {
            return wanted;
        }
        let now = Instant::now();
        let (tokens, since) = self.buckets.entry(chat.to_string()).or_insert((self.burst, now));
        let refill = since.elapsed().as_secs_f64() / self.per_chat.as_secs_f64();
        *tokens = (*tokens + refill).min(self.burst);
        *since = now;
        let got = (tokens.floor() as usize).min(wanted);
        *tokens -= got as f64;
        got
    }

    /// How long until `chat` has a token again.
    fn wait(&self, chat: &str) -> Duration {
        match self.buckets.get(chat) {
            Some((tokens, since)) if *tokens < 1.0 => {
                self.per_chat.mul_f64(1.0 - tokens).saturating_sub(since.elapsed())
            }
            _ => Duration::ZERO,
        }
    }
}

/// A chat's due messages taken together: sent one after another by one task, in order.
struct Run {
    chat: String,
    rows: Vec<(Queued, Instant)>,
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
        let due = outbox::due_runs(&pipe.linkup.store.reader, name, now, 1000).await.unwrap_or_else(|e| {
            tracing::error!(channel = name, error = %e, "could not read the outbox");
            Vec::new()
        });
        // Each chat's run, in the order its first message was queued.
        let mut runs: Vec<Run> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for row in due.into_iter().filter(|row| pipe.channel.serves(&row.chat)) {
            match index.get(&row.chat) {
                Some(&i) => runs[i].rows.push((row, Instant::now())),
                None => {
                    index.insert(row.chat.clone(), runs.len());
                    runs.push(Run { chat: row.chat.clone(), rows: vec![(row, Instant::now())] });
                }
            }
        }
        // What the pace allows now, each message given its place under the global limit.
        let mut soonest: Option<Duration> = None;
        let room = limits.max_in_flight.max(1).saturating_sub(tasks.len());
        {
            let busy = flying.lock().expect("not poisoned");
            runs.retain(|run| !busy.contains(&run.chat));
        }
        runs.truncate(room);
        for run in &mut runs {
            let got = pace.take(&run.chat, run.rows.len());
            run.rows.truncate(got);
            if got == 0 {
                let wait = pace.wait(&run.chat);
                soonest = Some(soonest.map_or(wait, |s| s.min(wait)));
            }
            for (_, slot) in &mut run.rows {
                next_global = next_global.max(Instant::now());
                *slot = next_global;
                next_global += global_gap;
            }
        }
        runs.retain(|run| !run.rows.is_empty());
        let ids: Vec<i64> = runs.iter().flat_map(|r| r.rows.iter().map(|(q, _)| q.id)).collect();
        let claimed: HashSet<i64> = match outbox::claim_many(&pool, &ids, now_ms() + limits.lease_ms).await {
            Ok(c) => c.into_iter().collect(),
            Err(e) => {
                tracing::warn!(channel = name, error = %e, "could not claim messages");
                HashSet::new()
            }
        };
        let mut started = 0;
        for mut run in runs {
            // Only the run from its first message on: a message taken after one that another
            // sender holds would overtake it, so it goes back.
            let kept = run.rows.iter().take_while(|(q, _)| claimed.contains(&q.id)).count();
            let back: Vec<i64> = run.rows[kept..].iter().map(|(q, _)| q.id).filter(|id| claimed.contains(id)).collect();
            if let Err(e) = outbox::release(&pool, &back).await {
                tracing::warn!(channel = name, error = %e, "could not give messages back");
            }
            run.rows.truncate(kept);
            if run.rows.is_empty() {
                continue;
            }
            flying.lock().expect("not poisoned").insert(run.chat.clone());
            let (pipe, flying, stop) = (pipe.clone(), flying.clone(), shutdown.clone());
            tasks.spawn(async move {
                let chat = run.chat.clone();
                deliver_run(&pipe, run, stop).await;
                flying.lock().expect("not poisoned").remove(&chat);
                pipe.queued.notify_one();
            });
            started += 1;
        }
        if started == 0 {
            let idle = soonest
                .map_or(Duration::from_millis(100), |s| s.clamp(Duration::from_millis(5), Duration::from_millis(100)));
            tokio::select! {
                _ = pipe.queued.notified() => {}
                _ = tokio::time::sleep(idle) => {}
                _ = shutdown.changed() => {}
            }
        } else if tasks.len() >= limits.max_in_flight.max(1) {
            tasks.join_next().await;
        }
    }
    Ok(())
}

/// A chat's run, in order, each at its place under the global limit. A message that is not
/// delivered stops the run, and so does shutting down: the rest go back to the queue.
async fn deliver_run<C: Channel>(pipe: &Pipe<C>, run: Run, mut shutdown: watch::Receiver<bool>) {
    let mut rows = run.rows.into_iter().peekable();
    while let Some((_, slot)) = rows.peek() {
        let stopping = tokio::select! {
            _ = tokio::time::sleep_until((*slot).into()) => false,
            // A dropped signal never stops us.
            Ok(_) = shutdown.wait_for(|stop| *stop) => true,
        };
        if !stopping && let Some((row, _)) = rows.next() {
            match deliver(pipe, row).await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => tracing::error!(error = %e, "could not record a delivery"),
            }
        }
        let rest: Vec<i64> = rows.map(|(q, _)| q.id).collect();
        if let Err(e) = outbox::release(&pipe.linkup.store.pool, &rest).await {
            tracing::warn!(error = %e, "could not give messages back; their leases will run out");
        }
        break;
    }
}

/// Delivers one message through the channel and records what happened.
/// `true` if it was delivered (and the chat's next message may follow).
async fn deliver<C: Channel>(pipe: &Pipe<C>, row: Queued) -> Result<bool, crate::store::Error> {
    let pool = &pipe.linkup.store.pool;
    let limits = pipe.channel.limits();
    let Some(mut item) = row.item() else {
        return outbox::failed(pool, row.id, "unreadable outbox payload").await.map(|()| true);
    };
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
            outbox::forget(pool, row.id).await.map(|()| true)
        }
        Delivered::Sent(_) if matches!(item, Item::Document { .. } | Item::Photo { .. }) => {
            crate::metrics::message_out(pipe.channel.name());
            outbox::sent_document(pool, row.id, now).await.map(|()| true)
        }
        Delivered::Sent(message_id) => {
            crate::metrics::message_out(pipe.channel.name());
            failpoint("after-send");
            outbox::sent(pool, row.id, message_id.as_deref(), now).await.map(|()| true)
        }
        Delivered::RetryAfter(wait) => {
            crate::metrics::send_rate_limited(pipe.channel.name());
            tracing::info!(seconds = wait.as_secs(), "the channel asked us to wait");
            outbox::retry_at(pool, row.id, now + wait.as_millis() as i64, "asked to wait (429)").await.map(|()| false)
        }
        Delivered::Unreachable => {
            tracing::info!(person = row.person_id, "the young person cannot be reached on this channel");
            outbox::unreachable(pool, row.person_id).await.map(|()| false)
        }
        Delivered::Retry(error) if row.attempts + 1 < GIVE_UP_AFTER => {
            crate::metrics::send_retry(pipe.channel.name());
            let backoff = (500_i64 << row.attempts.min(7)).min(60_000);
            outbox::retry_at(pool, row.id, now + backoff, &error).await.map(|()| false)
        }
        Delivered::Retry(error) | Delivered::Rejected(error) => {
            tracing::error!(error = %error, "the channel refused a message; giving up on it");
            outbox::failed(pool, row.id, &error).await.map(|()| true)
        }
    }
}

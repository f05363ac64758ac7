//! The inbox processor, one for any channel: stored payloads through the conversation, each
//! once, in order per chat; different chats in parallel. Replicas share the work: a payload is
//! claimed in the transaction that handles it. A failing payload is retried, then set aside; it
//! never stops the chat.

use std::collections::HashMap;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinSet;

use super::{Channel, Event, Pipe, failpoint};
use crate::conversation::{Delivery, Sender};
use crate::intent::Incoming;
use crate::store::{inbox, people};
use crate::time::now_ms;

/// Chats handled at once.
const PARALLEL_CHATS: usize = 64;
/// Attempts before a payload that keeps failing is set aside.
const GIVE_UP_AFTER: i64 = 5;

pub async fn run<C: Channel>(pipe: Pipe<C>, mut shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    let name = pipe.channel.name();
    while !*shutdown.borrow() {
        let pending = match inbox::pending(&pipe.linkup.store.reader, name, 5000).await {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(channel = name, error = %e, "could not read the inbox");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if pending.is_empty() {
            tokio::select! {
                _ = pipe.stored.notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                _ = shutdown.changed() => {}
            }
            continue;
        }
        // Group by chat, keeping each chat's order.
        let mut order: Vec<String> = Vec::new();
        let mut by_chat: HashMap<String, Vec<inbox::Stored>> = HashMap::new();
        for u in pending {
            if !by_chat.contains_key(&u.chat) {
                order.push(u.chat.clone());
            }
            by_chat.entry(u.chat.clone()).or_default().push(u);
        }
        let mut set = JoinSet::new();
        for chat in order {
            if set.len() >= PARALLEL_CHATS {
                set.join_next().await;
            }
            let stored = by_chat.remove(&chat).unwrap_or_default();
            set.spawn(handle_chat(pipe.clone(), stored));
        }
        while set.join_next().await.is_some() {}
        pipe.queued.notify_one();
    }
    Ok(())
}

async fn handle_chat<C: Channel>(pipe: Pipe<C>, stored: Vec<inbox::Stored>) {
    for s in stored {
        match handle(&pipe, &s).await {
            Ok(true) => pipe.queued.notify_one(),
            // Done elsewhere, or an earlier payload of this chat is not done: look again later.
            Ok(false) => break,
            Err(e) => {
                tracing::warn!(channel = s.channel, inbox = s.id, error = %e, "payload failed");
                match inbox::failed(&pipe.linkup.store.pool, s.id, &e.to_string(), GIVE_UP_AFTER, now_ms()).await {
                    Ok(true) => tracing::error!(inbox = s.id, "payload set aside after repeated failures"),
                    Ok(false) | Err(_) => break,
                }
            }
        }
    }
}

/// Handles one stored payload; `false` if it was skipped.
async fn handle<C: Channel>(pipe: &Pipe<C>, stored: &inbox::Stored) -> anyhow::Result<bool> {
    let pool = &pipe.linkup.store.pool;
    let name = pipe.channel.name();
    match pipe.channel.event(&stored.payload) {
        Event::Message { chat, language, referral, incoming, ack } => {
            let source = match (referral, &incoming) {
                (Some(code), _) => Some(pipe.linkup.config.referral_source(&code)),
                (None, Incoming::Start) => pipe.channel.default_source().map(str::to_string),
                (None, _) => None,
            };
            let sender =
                Sender { channel: name, user: &chat, language: language.as_deref(), source: source.as_deref() };
            let delivery = Delivery { outbox: Some(&chat), inbox: Some(stored) };
            let handled = pipe.linkup.receive_via(&sender, &incoming, now_ms(), delivery).await?;
            if handled.skipped {
                return Ok(false);
            }
            failpoint("after-commit");
            if let Some(ack) = ack {
                pipe.channel.acknowledge(&ack).await;
            }
            Ok(true)
        }
        Event::Membership { chat, blocked } => {
            let mut tx = pool.begin().await?;
            if !inbox::claim(&mut tx, stored, now_ms()).await? {
                return Ok(false);
            }
            // Marked in the same transaction as the claim: a crash cannot lose the block.
            if blocked && let Some(person) = people::unreachable_by_chat(&mut tx, name, &chat).await? {
                tracing::info!(person, channel = name, "young person blocked linkup; marked unreachable");
            }
            tx.commit().await?;
            Ok(true)
        }
        Event::Ignore => {
            let mut tx = pool.begin().await?;
            let claimed = inbox::claim(&mut tx, stored, now_ms()).await?;
            tx.commit().await?;
            Ok(claimed)
        }
    }
}

//! The inbox processor: stored updates through the conversation, each once, in order per chat;
//! different chats in parallel. A failing update is retried, then set aside; it never stops
//! the bot.

use std::collections::HashMap;
use std::time::Duration;

use teloxide::prelude::Requester;
use teloxide::types::{CallbackQueryId, Update};
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::{CHANNEL, Event, Telegram, event_of, failpoint};
use crate::conversation::{Delivery, Sender};
use crate::store::{inbox, now_ms, outbox};

/// Chats handled at once.
const PARALLEL_CHATS: usize = 64;
/// Attempts before an update that keeps failing is set aside.
const GIVE_UP_AFTER: i64 = 5;

pub async fn run(tg: Telegram, mut shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    let pool = tg.linkup.store.pool.clone();
    while !*shutdown.borrow() {
        let pending = match inbox::pending(&pool, 5000).await {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, "could not read the inbox");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if pending.is_empty() {
            tokio::select! {
                _ = tg.stored.notified() => {}
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
            let updates = by_chat.remove(&chat).unwrap_or_default();
            set.spawn(handle_chat(tg.clone(), updates));
        }
        while set.join_next().await.is_some() {}
        tg.queued.notify_one();
    }
    Ok(())
}

async fn handle_chat(tg: Telegram, updates: Vec<inbox::Stored>) {
    for u in updates {
        match handle(&tg, &u).await {
            Ok(true) => tg.queued.notify_one(),
            // Done elsewhere, or an earlier update of this chat is not done: look again later.
            Ok(false) => break,
            Err(e) => {
                tracing::warn!(update_id = u.update_id, error = %e, "update failed");
                match inbox::failed(&tg.linkup.store.pool, u.update_id, &e.to_string(), GIVE_UP_AFTER, now_ms()).await {
                    Ok(true) => tracing::error!(update_id = u.update_id, "update set aside after repeated failures"),
                    Ok(false) | Err(_) => break,
                }
            }
        }
    }
}

/// Handles one stored update; `false` if it was skipped.
async fn handle(tg: &Telegram, stored: &inbox::Stored) -> anyhow::Result<bool> {
    let pool = &tg.linkup.store.pool;
    let update: Option<Update> = serde_json::from_str(&stored.payload).ok();
    let event = update.as_ref().map_or(Event::Ignore, event_of);
    match event {
        Event::Message { chat, language, referral, incoming, callback } => {
            let source = referral.map(|code| tg.config.referral_source(&code));
            let sender =
                Sender { channel: CHANNEL, user: &chat, language: language.as_deref(), source: source.as_deref() };
            let delivery = Delivery::Outbox { chat: &chat, update: Some((stored.update_id, &stored.chat)) };
            let handled = tg.linkup.receive_via(&sender, &incoming, now_ms(), delivery).await?;
            if handled.skipped {
                return Ok(false);
            }
            failpoint("after-commit");
            if let Some(id) = callback {
                // Best effort: it only stops the spinner on the phone.
                if let Err(e) = tg.bot.answer_callback_query(CallbackQueryId(id)).await {
                    tracing::debug!(error = %e, "answerCallbackQuery failed");
                }
            }
            Ok(true)
        }
        Event::Membership { chat, blocked } => {
            let mut tx = pool.begin().await?;
            if !inbox::claim(&mut tx, stored.update_id, &stored.chat, now_ms()).await? {
                return Ok(false);
            }
            // Marked in the same transaction as the claim: a crash cannot lose the block.
            let person: Option<i64> =
                sqlx::query_scalar("SELECT id FROM people WHERE channel = $1 AND channel_user = $2")
                    .bind(CHANNEL)
                    .bind(&chat)
                    .fetch_optional(&mut *tx)
                    .await?;
            if let (Some(person), true) = (person, blocked) {
                outbox::unreachable_in(&mut tx, person).await?;
                tracing::info!(person, "young person blocked the bot; marked unreachable");
            }
            tx.commit().await?;
            Ok(true)
        }
        Event::Ignore => {
            let mut tx = pool.begin().await?;
            let claimed = inbox::claim(&mut tx, stored.update_id, &stored.chat, now_ms()).await?;
            tx.commit().await?;
            Ok(claimed)
        }
    }
}

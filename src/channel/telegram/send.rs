//! The outbox sender: delivers queued replies in order per chat, within Telegram's limits
//! (a short burst then about one a second per chat, about 30 a second in all), backing off on
//! 5xx and network errors, honouring `retry_after` on 429, and stopping on 403.
//!
//! A crash between Telegram accepting a message and it being marked sent means it is sent
//! again after the restart: at most one duplicate per crash.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use teloxide::ApiError;
use teloxide::RequestError;
use teloxide::payloads::{EditMessageReplyMarkupSetters, SendDocumentSetters, SendMessageSetters, SendPhotoSetters};
use teloxide::prelude::Requester;
use teloxide::types::{ChatId, InputFile, MessageId};
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::{CHANNEL, Telegram, failpoint, keyboard};
use crate::store::now_ms;
use crate::store::outbox::{self, Item, Queued};

/// Messages a chat may get at once before the per-chat pace applies.
const BURST: f64 = 3.0;
/// Attempts before a message that keeps failing with a server or network error is given up.
const GIVE_UP_AFTER: i64 = 12;
/// Telegram's limit on a message's length.
const MAX_TEXT: usize = 4096;

/// Per-chat token buckets.
struct Pace {
    per_chat: Duration,
    buckets: HashMap<String, (f64, Instant)>,
}

impl Pace {
    fn take(&mut self, chat: &str) -> bool {
        let now = Instant::now();
        let (tokens, since) = self.buckets.entry(chat.to_string()).or_insert((BURST, now));
        let refill =
            if self.per_chat.is_zero() { BURST } else { since.elapsed().as_secs_f64() / self.per_chat.as_secs_f64() };
        *tokens = (*tokens + refill).min(BURST);
        *since = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

pub async fn run(tg: Telegram, mut shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    let pool = tg.linkup.store.pool.clone();
    let limits = &tg.config.telegram;
    let global_gap = Duration::from_secs_f64(1.0 / f64::from(limits.global_per_second.max(1)));
    let mut pace = Pace { per_chat: Duration::from_millis(limits.per_chat_interval_ms), buckets: HashMap::new() };
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
            if let Err(e) = outbox::release_expired(&pool, now).await {
                tracing::warn!(error = %e, "could not release expired leases");
            }
        }
        let due = outbox::due(&pool, CHANNEL, now, 1000).await.unwrap_or_else(|e| {
            tracing::error!(error = %e, "could not read the outbox");
            Vec::new()
        });
        let mut started = 0;
        for row in due {
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
                    tracing::warn!(error = %e, "could not claim a message");
                    continue;
                }
            }
            flying.lock().expect("not poisoned").insert(row.chat.clone());
            let (tg, flying) = (tg.clone(), flying.clone());
            tasks.spawn(async move {
                let chat = row.chat.clone();
                if let Err(e) = deliver(&tg, row).await {
                    tracing::error!(error = %e, "could not record a delivery");
                }
                flying.lock().expect("not poisoned").remove(&chat);
                tg.queued.notify_one();
            });
            started += 1;
            if tasks.len() >= limits.max_in_flight.max(1) {
                tasks.join_next().await;
            }
        }
        if started == 0 {
            tokio::select! {
                _ = tg.queued.notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(100)) => {}
                _ = shutdown.changed() => {}
            }
        }
    }
    Ok(())
}

/// Sends one message and records what happened.
async fn deliver(tg: &Telegram, row: Queued) -> Result<(), crate::store::Error> {
    let pool = &tg.linkup.store.pool;
    let Some(item) = row.item() else { return outbox::failed(pool, row.id, "unreadable outbox payload").await };
    let Ok(chat) = row.chat.parse::<i64>().map(ChatId) else {
        return outbox::failed(pool, row.id, "not a Telegram chat id").await;
    };
    let result: Result<Option<String>, RequestError> = match &item {
        Item::Farewell { text } => tg.bot.send_message(chat, text.clone()).await.map(|_| None),
        Item::Message { text, buttons, columns } => {
            let text: String = if text.is_empty() { "…".into() } else { text.chars().take(MAX_TEXT).collect() };
            let mut request = tg.bot.send_message(chat, text);
            if !buttons.is_empty() {
                request = request.reply_markup(keyboard(buttons, *columns));
            }
            request.await.map(|m| Some(m.id.0.to_string()))
        }
        Item::Document { filename, caption, body } => tg
            .bot
            .send_document(chat, InputFile::memory(body.clone().into_bytes()).file_name(filename.clone()))
            .caption(caption.chars().take(1024).collect::<String>())
            .await
            .map(|_| None),
        Item::Photo { filename, caption, png } => match outbox::decode(png) {
            Some(bytes) => tg
                .bot
                .send_photo(chat, InputFile::memory(bytes).file_name(filename.clone()))
                .caption(caption.chars().take(1024).collect::<String>())
                .await
                .map(|_| None),
            None => return outbox::failed(pool, row.id, "unreadable picture").await,
        },
        Item::EditButtons { buttons, columns } => {
            match outbox::last_buttons_message(pool, CHANNEL, &row.chat).await?.and_then(|id| id.parse::<i32>().ok()) {
                Some(id) => tg
                    .bot
                    .edit_message_reply_markup(chat, MessageId(id))
                    .reply_markup(keyboard(buttons, *columns))
                    .await
                    .map(|_| None),
                // Nothing to redraw (the message was never delivered): nothing to do.
                None => Ok(None),
            }
        }
    };
    let now = now_ms();
    match result {
        Ok(_) if matches!(item, Item::Farewell { .. }) => outbox::forget(pool, row.id).await,
        Ok(_) if matches!(item, Item::Document { .. } | Item::Photo { .. }) => {
            outbox::sent_document(pool, row.id, now).await
        }
        Ok(message_id) => {
            failpoint("after-send");
            outbox::sent(pool, row.id, message_id.as_deref(), now).await
        }
        Err(RequestError::RetryAfter(wait)) => {
            tracing::info!(seconds = wait.seconds(), "Telegram asked us to wait");
            outbox::retry_at(pool, row.id, now + i64::from(wait.seconds()) * 1000, "429 retry_after").await
        }
        Err(RequestError::Api(
            ApiError::BotBlocked
            | ApiError::UserDeactivated
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::CantInitiateConversation
            | ApiError::CantTalkWithBots,
        )) => {
            tracing::info!(person = row.person_id, "Telegram says the young person cannot be reached (403)");
            outbox::unreachable(pool, row.person_id).await
        }
        Err(RequestError::Api(ApiError::MessageNotModified)) => outbox::sent(pool, row.id, None, now).await,
        Err(
            e @ (RequestError::Network(_)
            | RequestError::InvalidJson { .. }
            | RequestError::Io(_)
            | RequestError::Api(ApiError::Unknown(_))),
        ) if row.attempts + 1 < GIVE_UP_AFTER => {
            let backoff = (500_i64 << row.attempts.min(7)).min(60_000);
            outbox::retry_at(pool, row.id, now + backoff, &e.to_string()).await
        }
        Err(e) => {
            tracing::error!(error = %e, "Telegram refused a message; giving up on it");
            outbox::failed(pool, row.id, &e.to_string()).await
        }
    }
}

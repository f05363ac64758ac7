//! Long polling that loses nothing: each batch from getUpdates is stored and committed before
//! the next getUpdates (whose offset confirms the batch to Telegram) is sent.

use std::time::Duration;

use teloxide::payloads::GetUpdatesSetters;
use teloxide::prelude::Requester;
use tokio::sync::watch;

use super::{NAME, Telegram, chat_of};
use crate::channel::{Pipe, failpoint};
use crate::store::inbox::{self, Received};

pub async fn run(pipe: Pipe<Telegram>, mut shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    let tg = &pipe.channel;
    // Polling and a webhook exclude each other.
    if let Err(e) = tg.bot.delete_webhook().await {
        tracing::warn!(error = %e, "could not delete the webhook; polling may fail");
    }
    let mut offset: i32 = inbox::last_seq(&pipe.linkup.store.pool, NAME).await?.map_or(0, |id| id as i32 + 1);
    let mut backoff = Duration::from_millis(500);
    tracing::info!(offset, "polling Telegram for updates");
    while !*shutdown.borrow() {
        let request = tg.bot.get_updates().offset(offset).timeout(tg.settings.poll_timeout_s).limit(100);
        let result = tokio::select! {
            r = request => r,
            _ = shutdown.changed() => break,
        };
        let updates = match result {
            Ok(u) => u,
            Err(e) => {
                tracing::warn!(error = %e, "getUpdates failed; trying again");
                tokio::select! {
                    _ = tokio::time::sleep(backoff) => {}
                    _ = shutdown.changed() => break,
                }
                backoff = (backoff * 2).min(Duration::from_secs(30));
                continue;
            }
        };
        backoff = Duration::from_millis(500);
        if updates.is_empty() {
            continue;
        }
        let rows: Vec<Received> = updates
            .iter()
            .map(|u| Received {
                external_id: u.id.0.to_string(),
                seq: Some(i64::from(u.id.0)),
                chat: chat_of(u).unwrap_or_default(),
                payload: serde_json::to_string(u).unwrap_or_default(),
            })
            .collect();
        // Until this commits, the offset stays where it was: Telegram sends the batch again.
        if let Err(e) = pipe.accept(&rows).await {
            tracing::error!(error = %e, "could not store updates; they will be fetched again");
            tokio::time::sleep(backoff).await;
            continue;
        }
        failpoint("after-store");
        offset = updates.iter().map(|u| u.id.0 as i32).max().unwrap_or(offset - 1) + 1;
        tracing::debug!(count = rows.len(), offset, "updates stored");
    }
    Ok(())
}

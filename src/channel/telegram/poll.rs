//! Long polling that loses nothing: each batch from getUpdates is stored and committed before
//! the next getUpdates (whose offset confirms the batch to Telegram) is sent.

use std::time::Duration;

use teloxide::payloads::GetUpdatesSetters;
use teloxide::prelude::Requester;
use tokio::sync::watch;

use super::{Telegram, chat_of, failpoint};
use crate::store::{inbox, now_ms};

pub async fn run(tg: Telegram, mut shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    // Polling and a webhook exclude each other.
    if let Err(e) = tg.bot.delete_webhook().await {
        tracing::warn!(error = %e, "could not delete the webhook; polling may fail");
    }
    let pool = tg.linkup.store.pool.clone();
    let mut offset: i32 = inbox::last_update_id(&pool).await?.map_or(0, |id| id as i32 + 1);
    let mut backoff = Duration::from_millis(500);
    tracing::info!(offset, "polling Telegram for updates");
    while !*shutdown.borrow() {
        let request = tg.bot.get_updates().offset(offset).timeout(tg.config.telegram.poll_timeout_s).limit(100);
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
        let rows: Vec<(i64, String, String)> = updates
            .iter()
            .map(|u| (i64::from(u.id.0), chat_of(u).unwrap_or_default(), serde_json::to_string(u).unwrap_or_default()))
            .collect();
        // Until this commits, the offset stays where it was: Telegram sends the batch again.
        if let Err(e) = inbox::store(&pool, &rows, now_ms()).await {
            tracing::error!(error = %e, "could not store updates; they will be fetched again");
            tokio::time::sleep(backoff).await;
            continue;
        }
        failpoint("after-store");
        offset = updates.iter().map(|u| u.id.0 as i32).max().unwrap_or(offset - 1) + 1;
        tracing::debug!(count = rows.len(), offset, "updates stored");
        tg.stored.notify_one();
    }
    Ok(())
}

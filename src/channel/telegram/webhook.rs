//! Webhook mode, behind a reverse proxy: a request needs the secret Telegram sends in
//! `X-Telegram-Bot-Api-Secret-Token` (401 without it), and is answered 200 only once its
//! update is committed to the inbox. Telegram's retries of the same update are ignored there.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use teloxide::payloads::SetWebhookSetters;
use teloxide::prelude::Requester;
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::Telegram;
use crate::store::{inbox, now_ms};

pub const PATH: &str = "/telegram";
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

pub async fn run(tg: Telegram, shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    let Some(secret) = tg.config.telegram.webhook_secret.clone() else {
        anyhow::bail!("webhook mode needs a secret: set LINKUP_WEBHOOK_SECRET (letters, digits, _ and -)");
    };
    let listen = &tg.config.telegram.webhook_listen;
    let listener = TcpListener::bind(listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {listen} (LINKUP_WEBHOOK_LISTEN): {e}"))?;
    match &tg.config.telegram.webhook_url {
        Some(url) => {
            let url: url::Url = url.parse().map_err(|e| anyhow::anyhow!("LINKUP_WEBHOOK_URL {url:?}: {e}"))?;
            if let Err(e) = tg.bot.set_webhook(url).secret_token(secret).await {
                tracing::warn!(error = %e, "setWebhook failed; Telegram may not be sending updates here");
            }
        }
        None => tracing::warn!("LINKUP_WEBHOOK_URL is not set: register the webhook with Telegram yourself"),
    }
    tracing::info!(listen = %tg.config.telegram.webhook_listen, path = PATH, "webhook listening");
    serve(listener, tg, shutdown).await
}

/// Serves the webhook on `listener` until `shutdown` (tests spawn this on port 0).
pub async fn serve(listener: TcpListener, tg: Telegram, mut shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    axum::serve(listener, router(tg))
        .with_graceful_shutdown(async move {
            let _ = shutdown.wait_for(|stop| *stop).await;
        })
        .await?;
    Ok(())
}

pub fn router(tg: Telegram) -> Router {
    Router::new().route(PATH, post(receive)).with_state(tg)
}

async fn receive(State(tg): State<Telegram>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let expected = tg.config.telegram.webhook_secret.as_deref().unwrap_or_default();
    let given = headers.get(SECRET_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
    if expected.is_empty() || !same(given, expected.as_bytes()) {
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(&body) else { return StatusCode::BAD_REQUEST };
    let Some(update_id) = value.get("update_id").and_then(serde_json::Value::as_i64) else {
        return StatusCode::BAD_REQUEST;
    };
    // From the bytes: teloxide's update parser does not work through `serde_json::Value`.
    let chat = serde_json::from_slice::<teloxide::types::Update>(&body)
        .ok()
        .and_then(|u| super::chat_of(&u))
        .unwrap_or_default();
    match inbox::store(&tg.linkup.store.pool, &[(update_id, chat, value.to_string())], now_ms()).await {
        Ok(_) => {
            tg.stored.notify_one();
            StatusCode::OK
        }
        // Telegram retries on errors: nothing is lost.
        Err(e) => {
            tracing::error!(error = %e, "could not store a webhook update");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// Compares without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

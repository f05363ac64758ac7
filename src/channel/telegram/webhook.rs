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
use crate::channel::Pipe;
use crate::store::inbox::Received;

pub const PATH: &str = "/telegram";
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

pub async fn run(pipe: Pipe<Telegram>, shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    let settings = &pipe.channel.settings;
    let Some(secret) = settings.webhook_secret.clone() else {
        anyhow::bail!("webhook mode needs a secret: set LINKUP_WEBHOOK_SECRET (letters, digits, _ and -)");
    };
    let listen = &settings.webhook_listen;
    let listener = TcpListener::bind(listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {listen} (LINKUP_WEBHOOK_LISTEN): {e}"))?;
    match &settings.webhook_url {
        Some(url) => {
            let url: url::Url = url.parse().map_err(|e| anyhow::anyhow!("LINKUP_WEBHOOK_URL {url:?}: {e}"))?;
            if let Err(e) = pipe.channel.bot.set_webhook(url).secret_token(secret).await {
                tracing::warn!(error = %e, "setWebhook failed; Telegram may not be sending updates here");
            }
        }
        None => tracing::warn!("LINKUP_WEBHOOK_URL is not set: register the webhook with Telegram yourself"),
    }
    tracing::info!(listen = %settings.webhook_listen, path = PATH, "webhook listening");
    serve(listener, pipe.clone(), shutdown).await
}

/// Serves the webhook on `listener` until `shutdown` (tests spawn this on port 0).
pub async fn serve(
    listener: TcpListener,
    pipe: Pipe<Telegram>,
    mut shutdown: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    axum::serve(listener, router(pipe))
        .with_graceful_shutdown(async move {
            let _ = shutdown.wait_for(|stop| *stop).await;
        })
        .await?;
    Ok(())
}

pub fn router(pipe: Pipe<Telegram>) -> Router {
    Router::new().route(PATH, post(receive)).with_state(pipe)
}

async fn receive(State(pipe): State<Pipe<Telegram>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let expected = pipe.channel.settings.webhook_secret.as_deref().unwrap_or_default();
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
    let received =
        Received { external_id: update_id.to_string(), seq: Some(update_id), chat, payload: value.to_string() };
    match pipe.accept(&[received]).await {
        Ok(_) => StatusCode::OK,
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

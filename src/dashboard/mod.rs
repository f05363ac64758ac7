//! The link-worker dashboard: axum routes serving server-rendered HTML (askama templates in
//! `templates/`, escaped by default), sign-in, the queue, the case view and casework, and the
//! case's activities (suggested, sent, searched, referred: [`activities`]).
//!
//! Every case route checks the worker's team: another team's case is "not found", whatever its
//! reference. Every form carries the session's CSRF token, and every POST must come from our own
//! pages ([`origin`]).
//!
//! Beside them, without sign-in, the operations endpoints: `/healthz`, `/readyz`, `/metrics`
//! ([`health`]).

// Handlers refuse with a ready `Response` (axum's own rejection style); boxing it gains nothing.
#![allow(clippy::result_large_err)]

mod accounts;
mod actions;
mod activities;
pub mod auth;
pub mod health;
pub mod origin;
mod pages;
mod views;

use std::net::SocketAddr;
use std::sync::Arc;

use askama::Template;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::config::Config;
use crate::conversation::Linkup;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub linkup: Linkup,
    pub config: Arc<Config>,
}

/// The dashboard's routes.
pub fn router(linkup: Linkup) -> Router {
    let state = AppState { config: linkup.config.clone(), linkup };
    crate::metrics::install();
    Router::new()
        .route("/", get(pages::queue))
        .route("/queue/rows", get(pages::queue_rows))
        .route("/login", get(pages::login_form).post(actions::login))
        .route("/logout", post(actions::logout))
        .route("/audit", get(pages::audit))
        .route("/workers", get(accounts::list))
        .route("/workers/{id}/disable", post(accounts::disable))
        .route("/workers/{id}/enable", post(accounts::enable))
        .route("/workers/{id}/password", post(accounts::password))
        .route("/cases/{reference}", get(pages::case))
        .route("/cases/{reference}/conversation", get(pages::conversation))
        .route("/cases/{reference}/chart.png", get(pages::chart))
        .route("/reports/outcomes", get(pages::report))
        .route("/cases/{reference}/claim", post(actions::claim))
        .route("/cases/{reference}/release", post(actions::release))
        .route("/cases/{reference}/assign", post(actions::assign))
        .route("/cases/{reference}/messages", post(actions::message))
        .route("/cases/{reference}/activities", post(activities::send))
        .route("/cases/{reference}/referrals", post(activities::refer))
        .route("/cases/{reference}/notes", post(actions::note))
        .route("/cases/{reference}/close", post(actions::close))
        .route("/cases/{reference}/reopen", post(actions::reopen))
        .route("/cases/{reference}/clear-urgent", post(actions::clear_urgent))
        .route("/static/app.js", get(|| async { asset("text/javascript", include_str!("../../static/app.js")) }))
        // At the root, so its notifications may open the dashboard (phones show notifications
        // only through a service worker).
        .route("/sw.js", get(|| async { asset("text/javascript", include_str!("../../static/sw.js")) }))
        .route("/static/app.css", get(|| async { asset("text/css", include_str!("../../static/app.css")) }))
        .merge(health::routes())
        .fallback(|| async { Page::error(StatusCode::NOT_FOUND, "There is no page here.") })
        .layer(axum::middleware::from_fn(origin::same_origin))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "max-age=300")], body).into_response()
}

/// No framing, no inline scripts, no sniffing, no referrer, and pages are not cached (they
/// hold young people's words).
async fn security_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Serves `routes` (the dashboard's [`router`], and the web chat's beside it) on `listener`
/// until `shutdown` turns true.
pub async fn serve(listener: TcpListener, routes: Router, mut shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    let app = routes.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            while !*shutdown.borrow() {
                if shutdown.changed().await.is_err() {
                    break;
                }
            }
        })
        .await?;
    Ok(())
}

/// Rendering pages.
pub struct Page;

impl Page {
    /// A rendered template, or a plain error if the template fails.
    pub fn html(template: &impl Template) -> Response {
        match template.render() {
            Ok(body) => Html(body).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "could not render a page");
                (StatusCode::INTERNAL_SERVER_ERROR, "Sorry, this page could not be shown.").into_response()
            }
        }
    }

    /// A kind error page.
    pub fn error(status: StatusCode, message: &str) -> Response {
        let page = views::ErrorPage { nav: None, message: message.to_string() };
        (status, Page::html(&page)).into_response()
    }

    /// The database failed: logged, and a page saying so.
    pub fn store_error(e: impl std::fmt::Display) -> Response {
        tracing::error!(error = %e, "dashboard database error");
        Page::error(StatusCode::SERVICE_UNAVAILABLE, "The database is not answering. Try again in a minute.")
    }
}

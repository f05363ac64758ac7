//! Leads and admins looking after link-worker accounts from the dashboard: the list, disabling
//! (their open cases go back to the queue) and enabling, and a new password. Each change ends
//! the worker's sessions where it should and is audited.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::auth::{self, Signed};
use super::views::{self, Nav};
use super::{AppState, Page};
use crate::store::casework;
use crate::store::workers::{self, Role, Worker};
use crate::time::{Zone, now_ms};

#[derive(Debug, Deserialize, Default)]
pub struct Said {
    #[serde(default)]
    said: String,
    /// How many open cases went back to the queue with a disabling.
    #[serde(default)]
    released: u32,
}

/// The team whose accounts this worker looks after: a lead's own, every team for an admin.
fn scope(signed: &Signed) -> Result<Option<String>, Response> {
    match signed.worker.role {
        Role::Admin => Ok(None),
        Role::Lead => Ok(Some(signed.worker.team.clone())),
        Role::Worker => Err(Page::error(StatusCode::FORBIDDEN, "Only leads and admins can look after accounts.")),
    }
}

pub async fn list(State(state): State<AppState>, signed: Signed, Query(said): Query<Said>) -> Response {
    let team = match scope(&signed) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let all = match workers::list(&state.linkup.store.pool, team.as_deref()).await {
        Ok(all) => all,
        Err(e) => return Page::store_error(e),
    };
    let released = match said.released {
        0 => String::new(),
        1 => " Their 1 open case is back in the queue.".to_string(),
        n => format!(" Their {n} open cases are back in the queue."),
    };
    let disabled = format!("Disabled: they are signed out everywhere and cannot sign in.{released}");
    let flash = match said.said.as_str() {
        "disabled" => Some(disabled.as_str()),
        "enabled" => Some("Enabled: they can sign in again."),
        "password" => Some("New password set: every session of theirs has ended. Tell them the new password yourself."),
        "short" => Some("Not changed: a password needs at least 10 characters."),
        "different" => Some("Not changed: the two passwords were different."),
        "yourself" => Some("You cannot disable your own account. Ask another lead or an admin."),
        _ => None,
    };
    let page = views::WorkersPage {
        nav: Some(Nav::of(&signed)),
        csrf: signed.csrf.clone(),
        team: team.unwrap_or_default(),
        flash: flash.map(str::to_string),
        workers: all
            .iter()
            .map(|w| views::WorkerView {
                id: w.id,
                email: w.email.clone(),
                name: w.name.clone(),
                team: w.team.clone(),
                role: w.role.as_str().to_string(),
                disabled: w.disabled_at.map(|at| Zone(state.linkup.duty.zone).at(at)).unwrap_or_default(),
                manageable: may_manage(&signed, w),
                me: w.id == signed.worker.id,
            })
            .collect(),
    };
    Page::html(&page)
}

/// A lead looks after the workers (not the leads) of their own team; an admin after everyone.
/// So no lead can take over another lead's account by setting its password.
fn may_manage(signed: &Signed, target: &Worker) -> bool {
    match signed.worker.role {
        Role::Admin => true,
        Role::Lead => target.team == signed.worker.team && target.role == Role::Worker,
        Role::Worker => false,
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct AccountForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    again: String,
}

/// The CSRF check and the worker to change, or the response that refuses.
async fn target(state: &AppState, signed: &Signed, id: i64, csrf: &str) -> Result<Worker, Response> {
    signed.check_csrf(csrf)?;
    scope(signed)?;
    match workers::by_id(&state.linkup.store.pool, id).await {
        Ok(Some(w)) if may_manage(signed, &w) => Ok(w),
        Ok(_) => Err(Page::error(StatusCode::NOT_FOUND, "There is no worker with that number in your team.")),
        Err(e) => Err(Page::store_error(e)),
    }
}

fn back(said: &str) -> Response {
    Redirect::to(&format!("/workers?said={said}")).into_response()
}

async fn set_disabled(state: &AppState, signed: &Signed, id: i64, form: &AccountForm, disabled: bool) -> Response {
    let worker = match target(state, signed, id, &form.csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    if disabled && worker.id == signed.worker.id {
        return back("yourself");
    }
    let pool = &state.linkup.store.pool;
    let now = now_ms();
    let changed = match workers::set_disabled(pool, worker.id, disabled, now).await {
        Ok(c) => c,
        Err(e) => return Page::store_error(e),
    };
    if changed {
        let action = if disabled { "disabled worker" } else { "enabled worker" };
        if let Err(e) = casework::audit_alone(pool, Some(signed.worker.id), None, action, &worker.email, now).await {
            return Page::store_error(e);
        }
        tracing::info!(worker = worker.id, by = signed.worker.id, action, "account changed in the dashboard");
    }
    if disabled {
        match casework::release_all_of(pool, worker.id, Some(signed.worker.id), now).await {
            Ok(0) => {}
            Ok(n) => return Redirect::to(&format!("/workers?said=disabled&released={n}")).into_response(),
            Err(e) => return Page::store_error(e),
        }
    }
    back(if disabled { "disabled" } else { "enabled" })
}

pub async fn disable(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(form): Form<AccountForm>,
) -> Response {
    set_disabled(&state, &signed, id, &form, true).await
}

pub async fn enable(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(form): Form<AccountForm>,
) -> Response {
    set_disabled(&state, &signed, id, &form, false).await
}

pub async fn password(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(form): Form<AccountForm>,
) -> Response {
    let worker = match target(&state, &signed, id, &form.csrf).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    if form.password != form.again {
        return back("different");
    }
    let typed = form.password.clone();
    let hash = match tokio::task::spawn_blocking(move || auth::hash_password(&typed)).await {
        Ok(Ok(h)) => h,
        Ok(Err(auth::PasswordError::TooShort)) => return back("short"),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "could not hash a password");
            return Page::error(StatusCode::INTERNAL_SERVER_ERROR, "The password could not be set. Try again.");
        }
        Err(_) => return Page::error(StatusCode::INTERNAL_SERVER_ERROR, "The password could not be set. Try again."),
    };
    let pool = &state.linkup.store.pool;
    let now = now_ms();
    let done = async {
        workers::set_password(pool, worker.id, &hash).await?;
        casework::audit_alone(pool, Some(signed.worker.id), None, "changed a password", &worker.email, now).await
    }
    .await;
    if let Err(e) = done {
        return Page::store_error(e);
    }
    tracing::info!(worker = worker.id, by = signed.worker.id, "password changed in the dashboard");
    // Their own new password signs them out too: the next page asks them to sign in again.
    back("password")
}

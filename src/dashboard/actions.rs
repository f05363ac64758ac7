//! What link workers do (POST): sign in and out, claim, release, reassign, message the young
//! person, add notes, close and reopen, clear an urgent mark. Each checks the CSRF token and
//! the worker's team, then redirects back with a fixed message (the activities' two, sending
//! one and recording a referral, are in `activities`).

use std::net::SocketAddr;

use axum::Form;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::auth::{self, Signed};
use super::pages::{login_page, visible_case};
use super::{AppState, Page};
use crate::conversation::SendError;
use crate::store::cases::CaseRecord;
use crate::store::casework::{self, Claim};
use crate::store::workers;
use crate::time::now_ms;

#[derive(Debug, Deserialize, Default)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let expected = auth::cookie(&headers, auth::LOGIN_COOKIE).unwrap_or_default();
    if !auth::same(&expected, &form.csrf) {
        let error = "That form had expired. Please sign in again.";
        return login_page(&state, &headers, &form.email, Some(error), StatusCode::FORBIDDEN);
    }
    let pool = &state.linkup.store.pool;
    let now = now_ms();
    let ip = auth::client_address(peer.ip(), &headers, state.config.web.behind_proxy).to_string();
    // An email address is at most 254 characters; longer input is cut, never stored whole.
    let email: String = form.email.trim().to_lowercase().chars().take(254).collect();
    // The attempt is counted before the password is checked, so a burst in parallel cannot have
    // more than the limit checked.
    let attempt = match workers::reserve_attempt(pool, &email, &ip, now, now - auth::FAILURE_WINDOW_MS).await {
        Ok(a) => a,
        Err(e) => return Page::store_error(e),
    };
    if attempt.by_email > auth::MAX_FAILURES_PER_EMAIL || attempt.by_ip > auth::MAX_FAILURES_PER_ADDRESS {
        // The refused attempt still counts: the lock lasts until the guessing has stopped for
        // the whole window.
        tracing::warn!(%ip, "sign-in refused: too many failed attempts");
        let error = "Too many attempts. Please wait 15 minutes and try again, or ask an admin to reset your password.";
        return login_page(&state, &headers, &form.email, Some(error), StatusCode::TOO_MANY_REQUESTS);
    }
    let worker = match workers::by_email(pool, &email).await {
        Ok(w) => w,
        Err(e) => return Page::store_error(e),
    };
    // The hash is checked even for an unknown email, so timing does not tell who has an account.
    let hash = worker.as_ref().map_or(auth::dummy_hash(), |w| w.password_hash.as_str()).to_string();
    let password = form.password.clone();
    let checking = hash.clone();
    let matches =
        tokio::task::spawn_blocking(move || auth::verify_password(&password, &checking)).await.unwrap_or(false);
    let Some(worker) = worker.filter(|_| matches) else {
        // The reserved attempt stays, as a failure.
        let error = "That email and password do not match. Please try again.";
        return login_page(&state, &headers, &form.email, Some(error), StatusCode::UNAUTHORIZED);
    };
    let token = auth::random_token();
    let csrf = auth::random_token();
    if token.is_empty() || csrf.is_empty() {
        return Page::error(StatusCode::SERVICE_UNAVAILABLE, "Could not start a session. Try again.");
    }
    let d = &state.config.dashboard;
    let expires = now + d.idle_minutes.max(1) * 60_000;
    let started = async {
        let new = workers::NewSession {
            token_hash: &auth::token_hash(&token),
            worker: worker.id,
            csrf: &csrf,
            checked_hash: &hash,
        };
        if !workers::create_session(pool, new, now, expires).await? {
            return Ok(false);
        }
        workers::clear_failures(pool, &email).await?;
        workers::tidy(pool, now, now - auth::FAILURE_WINDOW_MS).await?;
        casework::audit_alone(pool, Some(worker.id), None, "signed in", "", now).await?;
        Ok::<_, crate::store::Error>(true)
    }
    .await;
    match started {
        Ok(true) => {}
        // The password changed (or the account was disabled) while this one was checked.
        Ok(false) => {
            let error = "That email and password do not match. Please try again.";
            return login_page(&state, &headers, &form.email, Some(error), StatusCode::UNAUTHORIZED);
        }
        Err(e) => return Page::store_error(e),
    }
    tracing::info!(worker = worker.id, "link worker signed in");
    let secure = auth::secure(&state, &headers);
    let session = auth::set_cookie(auth::SESSION_COOKIE, &token, d.session_hours.max(1) * 3600, secure);
    let clear = auth::set_cookie(auth::LOGIN_COOKIE, "", 0, secure);
    (AppendHeaders([(header::SET_COOKIE, session), (header::SET_COOKIE, clear)]), Redirect::to("/")).into_response()
}

#[derive(Debug, Deserialize, Default)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

pub async fn logout(
    State(state): State<AppState>,
    signed: Signed,
    headers: HeaderMap,
    Form(form): Form<CsrfOnly>,
) -> Response {
    if let Err(r) = signed.check_csrf(&form.csrf) {
        return r;
    }
    if let Err(e) = workers::end_session(&state.linkup.store.pool, &signed.token_hash).await {
        return Page::store_error(e);
    }
    let clear = auth::set_cookie(auth::SESSION_COOKIE, "", 0, auth::secure(&state, &headers));
    ([(header::SET_COOKIE, clear)], Redirect::to("/login")).into_response()
}

/// Back to the case page, with a fixed message.
pub(super) fn back(case: &CaseRecord, said: &str) -> Result<Response, Response> {
    Ok(to_case(case, said))
}

fn to_case(case: &CaseRecord, said: &str) -> Response {
    Redirect::to(&format!("/cases/{}?said={said}", case.reference)).into_response()
}

/// The CSRF check and the case, or the response that refuses.
pub(super) async fn checked(
    state: &AppState,
    signed: &Signed,
    reference: &str,
    csrf: &str,
) -> Result<CaseRecord, Response> {
    signed.check_csrf(csrf)?;
    visible_case(state, signed, reference).await
}

/// Holds the case, or leads the team.
fn may_act(signed: &Signed, case: &CaseRecord) -> bool {
    case.claimed_by == Some(signed.worker.id) || signed.worker.role.leads()
}

/// Before writing to (or for) the young person: a waiting case is claimed by whoever first
/// does; a held one is for its holder or a lead. Otherwise the way back, with why.
pub(super) async fn hold(state: &AppState, signed: &Signed, case: &CaseRecord) -> Result<(), Response> {
    if case.claimed_by.is_some() {
        return if may_act(signed, case) { Ok(()) } else { Err(to_case(case, "not-yours")) };
    }
    match casework::claim(&state.linkup.store.pool, case.id, signed.worker.id, now_ms()).await {
        Ok(Claim::Won) => Ok(()),
        Ok(Claim::Taken(_)) => Err(to_case(case, "taken")),
        Ok(Claim::NotOpen) => Err(to_case(case, "not-open")),
        Err(e) => Err(Page::store_error(e)),
    }
}

pub async fn claim(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, Response> {
    let case = checked(&state, &signed, &reference, &form.csrf).await?;
    match casework::claim(&state.linkup.store.pool, case.id, signed.worker.id, now_ms()).await {
        Ok(Claim::Won) => back(&case, "claimed"),
        Ok(Claim::Taken(_)) => back(&case, "taken"),
        Ok(Claim::NotOpen) => back(&case, "not-open"),
        Err(e) => Err(Page::store_error(e)),
    }
}

pub async fn release(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, Response> {
    let case = checked(&state, &signed, &reference, &form.csrf).await?;
    if !may_act(&signed, &case) {
        return back(&case, "not-yours");
    }
    casework::release(&state.linkup.store.pool, case.id, signed.worker.id, now_ms())
        .await
        .map_err(Page::store_error)?;
    back(&case, "released")
}

#[derive(Debug, Deserialize, Default)]
pub struct AssignForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    worker: String,
}

pub async fn assign(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
    Form(form): Form<AssignForm>,
) -> Result<Response, Response> {
    let case = checked(&state, &signed, &reference, &form.csrf).await?;
    if !signed.worker.role.leads() {
        return Err(Page::error(StatusCode::FORBIDDEN, "Only a lead can reassign a case."));
    }
    let pool = &state.linkup.store.pool;
    let to = match form.worker.trim().parse::<i64>() {
        Ok(id) => workers::by_id(pool, id).await.map_err(Page::store_error)?,
        Err(_) => None,
    };
    let Some(to) = to.filter(|w| w.team == case.team && w.disabled_at.is_none()) else {
        return Err(Page::error(StatusCode::BAD_REQUEST, "Pick someone in the case's team."));
    };
    casework::assign(pool, case.id, to.id, signed.worker.id, now_ms()).await.map_err(Page::store_error)?;
    back(&case, "assigned")
}

#[derive(Debug, Deserialize, Default)]
pub struct MessageForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
}

pub async fn message(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
    Form(form): Form<MessageForm>,
) -> Result<Response, Response> {
    let case = checked(&state, &signed, &reference, &form.csrf).await?;
    hold(&state, &signed, &case).await?;
    match state.linkup.send_from_worker(&case, &signed.worker, &form.text, now_ms()).await {
        Ok(_) => back(&case, "sent"),
        Err(SendError::Empty) => back(&case, "message-empty"),
        Err(SendError::TooLong(_)) => back(&case, "message-long"),
        Err(SendError::Closed | SendError::Erased | SendError::ConsentWithdrawn | SendError::NoActivity) => {
            back(&case, "message-refused")
        }
        Err(SendError::Store(e)) => Err(Page::store_error(e)),
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct NoteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
}

pub async fn note(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
    Form(form): Form<NoteForm>,
) -> Result<Response, Response> {
    let case = checked(&state, &signed, &reference, &form.csrf).await?;
    if form.body.trim().is_empty() {
        return back(&case, "note-needed");
    }
    if case.erased_at.is_some() {
        return Err(Page::error(
            StatusCode::BAD_REQUEST,
            "This case was deleted at the young person's request: no notes can be added.",
        ));
    }
    casework::add_note(&state.linkup.store.pool, case.id, signed.worker.id, form.body.trim(), now_ms())
        .await
        .map_err(Page::store_error)?;
    back(&case, "noted")
}

#[derive(Debug, Deserialize, Default)]
pub struct CloseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    note: String,
}

pub async fn close(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
    Form(form): Form<CloseForm>,
) -> Result<Response, Response> {
    let case = checked(&state, &signed, &reference, &form.csrf).await?;
    if case.claimed_by.is_some() && !may_act(&signed, &case) {
        return back(&case, "not-yours");
    }
    if form.note.trim().is_empty() {
        return back(&case, "note-needed");
    }
    if form.outcome.trim().is_empty() {
        return back(&case, "outcome-needed");
    }
    let Some((outcome, _)) = casework::worker_outcomes().find(|(id, _)| *id == form.outcome) else {
        return Err(Page::error(StatusCode::BAD_REQUEST, "Pick one of the outcomes in the list."));
    };
    let pool = &state.linkup.store.pool;
    casework::close(pool, case.id, Some(signed.worker.id), outcome, form.note.trim(), now_ms())
        .await
        .map_err(Page::store_error)?;
    back(&case, "closed")
}

#[derive(Debug, Deserialize, Default)]
pub struct ReopenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    note: String,
}

pub async fn reopen(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
    Form(form): Form<ReopenForm>,
) -> Result<Response, Response> {
    let case = checked(&state, &signed, &reference, &form.csrf).await?;
    if !may_act(&signed, &case) {
        return back(&case, "not-yours");
    }
    if form.note.trim().chars().count() < 5 {
        return back(&case, "note-needed");
    }
    casework::reopen(&state.linkup.store.pool, case.id, signed.worker.id, form.note.trim(), now_ms())
        .await
        .map_err(Page::store_error)?;
    back(&case, "reopened")
}

pub async fn clear_urgent(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
    Form(form): Form<ReopenForm>,
) -> Result<Response, Response> {
    let case = checked(&state, &signed, &reference, &form.csrf).await?;
    // A safeguarding decision: the worker holding the case, or a lead, with a note.
    if !may_act(&signed, &case) {
        return back(&case, "not-yours");
    }
    let note = form.note.trim();
    if note.chars().count() < 5 {
        return back(&case, "note-needed");
    }
    casework::clear_urgent(&state.linkup.store.pool, case.id, &signed.worker, note, now_ms())
        .await
        .map_err(Page::store_error)?;
    tracing::info!(reference = %case.reference, worker = signed.worker.id, "urgent mark cleared in the dashboard");
    back(&case, "cleared")
}

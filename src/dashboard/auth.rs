//! Signing link workers in and out: argon2 password hashes, random session tokens (only their
//! SHA-256 is stored), HttpOnly SameSite=Strict cookies, a CSRF token per session, and failed
//! logins counted in the store so the limit holds across replicas.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use sha2::{Digest, Sha256};

use super::{AppState, Page};
use crate::store::workers;
use crate::time::now_ms;

pub const SESSION_COOKIE: &str = "linkup_session";
pub const LOGIN_COOKIE: &str = "linkup_login";
/// Failed logins in this window count towards the limits below.
pub const FAILURE_WINDOW_MS: i64 = 15 * 60 * 1000;
pub const MAX_FAILURES_PER_EMAIL: i64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("a password needs at least 10 characters")]
    TooShort,
    #[error("could not hash the password: {0}")]
    Hash(String),
}

/// An argon2id hash of a new password (PHC string).
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    if password.chars().count() < 10 {
        return Err(PasswordError::TooShort);
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| PasswordError::Hash(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| PasswordError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

/// Does `password` match the stored hash? A malformed hash never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash to check against when the email is unknown, so both cases take as long.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not a real password, ever").unwrap_or_default())
}

/// 32 random bytes as hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    if getrandom::fill(&mut bytes).is_err() {
        // Without OS randomness no safe token can be made; an empty one never matches.
        return String::new();
    }
    hex(&bytes)
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, Secure when served over HTTPS.
pub fn set_cookie(name: &str, value: &str, max_age_s: i64, secure: bool) -> String {
    format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_s}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Is this request over HTTPS (directly configured, or said by the reverse proxy)?
pub fn secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.dashboard.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// Where a request came from, for the limits per address (sign-in, the web chat): the
/// connection's address, or behind a reverse proxy (`web.behind_proxy`, which the dashboard and
/// the web chat share with their listener) the last address the proxy added to
/// `X-Forwarded-For`. Without the setting the header is ignored: anyone can write one.
pub fn client_address(peer: std::net::IpAddr, headers: &HeaderMap, behind_proxy: bool) -> std::net::IpAddr {
    if !behind_proxy {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|hop| hop.trim().parse::<std::net::IpAddr>().ok())
        .next_back()
        .unwrap_or(peer)
}

/// Constant-time comparison of two tokens.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0 && !a.is_empty()
}

/// A signed-in link worker. Handlers that take this are only reached with a live session;
/// anyone else is sent to the login page.
#[derive(Debug, Clone)]
pub struct Signed {
    pub worker: workers::Worker,
    pub csrf: String,
    pub token_hash: String,
}

impl Signed {
    /// Checks a form's CSRF token.
    pub fn check_csrf(&self, token: &str) -> Result<(), Response> {
        if same(&self.csrf, token) {
            Ok(())
        } else {
            Err(Page::error(
                axum::http::StatusCode::FORBIDDEN,
                "This form has expired. Go back, reload the page and try again.",
            ))
        }
    }
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Signed, Response> {
        signed_in(state, &parts.headers, true).await?.ok_or_else(|| Redirect::to("/login").into_response())
    }
}

/// A signed-in worker's page refreshing itself (the queue's rows, a conversation): the same
/// checks as [`Signed`], but it does not count as activity, so an open tab nobody is at still
/// signs out after `idle_minutes`.
#[derive(Debug, Clone)]
pub struct Watching(pub Signed);

impl FromRequestParts<AppState> for Watching {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Watching, Response> {
        signed_in(state, &parts.headers, false)
            .await?
            .map(Watching)
            .ok_or_else(|| Redirect::to("/login").into_response())
    }
}

/// The live session of this request, if any, ended once it is older than `session_hours`. When
/// `active` (a person loaded a page or sent a form), its idle expiry is pushed on.
pub async fn signed_in(state: &AppState, headers: &HeaderMap, active: bool) -> Result<Option<Signed>, Response> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else { return Ok(None) };
    let hash = token_hash(&token);
    let now = now_ms();
    let d = &state.config.dashboard;
    let pool = &state.linkup.store.pool;
    let slide_to = active.then(|| now + d.idle_minutes.max(1) * 60_000);
    let session = workers::session(pool, &hash, now, slide_to).await.map_err(|e| {
        tracing::error!(error = %e, "could not read a session");
        Page::error(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "The database is not answering. Try again in a minute.",
        )
    })?;
    let Some(session) = session else { return Ok(None) };
    if now - session.created_at > d.session_hours.max(1) * 3_600_000 {
        let _ = workers::end_session(pool, &hash).await;
        return Ok(None);
    }
    Ok(Some(Signed { worker: session.worker, csrf: session.csrf, token_hash: hash }))
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderMap;

    use super::client_address;

    #[test]
    fn behind_a_proxy_the_address_is_the_last_one_it_added() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "198.51.100.7, 203.0.113.5".parse().unwrap());
        assert_eq!(client_address(ip("127.0.0.1"), &headers, true), ip("203.0.113.5"));
        // Not behind a proxy: the header could say anything, and is ignored.
        assert_eq!(client_address(ip("192.0.2.9"), &headers, false), ip("192.0.2.9"));
        // No header, or nonsense in it: the peer.
        assert_eq!(client_address(ip("127.0.0.1"), &HeaderMap::new(), true), ip("127.0.0.1"));
        headers.insert("x-forwarded-for", "not an address".parse().unwrap());
        assert_eq!(client_address(ip("::1"), &headers, true), ip("::1"));
    }
}

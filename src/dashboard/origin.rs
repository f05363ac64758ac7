//! Cross-site forms refused: every POST to the dashboard must come from its own pages, by the
//! browser's `Sec-Fetch-Site` or `Origin`, as well as carry its CSRF token. A request with
//! neither header (not a browser, or a very old one) still needs the token. (The web chat makes
//! the same check itself, so a young person is told in their own words and keeps what they
//! typed.)

use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use super::Page;

/// Refuses a POST (or any unsafe method) that a browser says came from another site.
pub async fn same_origin(request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !from_here(request.headers()) {
        tracing::warn!(path = %request.uri().path(), "a form from another site was refused");
        return Page::error(
            StatusCode::FORBIDDEN,
            "This form came from another website, so it was not accepted. Open linkup yourself and try again.",
        );
    }
    next.run(request).await
}

/// Did the browser send this from one of our own pages?
fn from_here(headers: &HeaderMap) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(site) = text("sec-fetch-site") {
        // "none": typed or bookmarked by the person themselves.
        return site.eq_ignore_ascii_case("same-origin") || site.eq_ignore_ascii_case("none");
    }
    let Some(origin) = text(header::ORIGIN.as_str()) else { return true };
    let Ok(origin) = url::Url::parse(origin) else { return false };
    let Some(origin_host) = origin.host_str() else { return false };
    let origin_port = origin.port_or_known_default();
    // Behind a reverse proxy the host the browser used is in X-Forwarded-Host.
    let host = text("x-forwarded-host").or_else(|| text(header::HOST.as_str()));
    let Some(host) = host.and_then(|h| h.split(',').next()).map(str::trim) else { return false };
    let Ok(ours) = url::Url::parse(&format!("{}://{host}", origin.scheme())) else { return false };
    ours.host_str().is_some_and(|h| h.eq_ignore_ascii_case(origin_host)) && ours.port_or_known_default() == origin_port
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderMap;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_our_own_pages_may_post() {
        use super::from_here;
        assert!(from_here(&headers(&[("host", "127.0.0.1:8080")])), "no browser headers: the token decides");
        assert!(from_here(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!from_here(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!from_here(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(from_here(&headers(&[("host", "127.0.0.1:8080"), ("origin", "http://127.0.0.1:8080")])));
        assert!(!from_here(&headers(&[("host", "127.0.0.1:8080"), ("origin", "http://127.0.0.1:8081")])));
        assert!(!from_here(&headers(&[("host", "linkup.example"), ("origin", "https://evil.example")])));
        assert!(!from_here(&headers(&[("host", "linkup.example"), ("origin", "null")])));
        assert!(from_here(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("x-forwarded-host", "linkup.example"),
            ("origin", "https://linkup.example")
        ])));
    }
}

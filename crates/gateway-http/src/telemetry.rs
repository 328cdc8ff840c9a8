//! Request ids and the one log line per request.
//!
//! The line names the method, the matched route (never the raw URI), the status, the
//! latency and the request id; for failures also the error code and, for upstream
//! failures, the classified cause. Headers and bodies are never logged: they carry
//! passwords, codes, sessions and tokens.

use std::time::Duration;

use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::{HeaderName, HeaderValue, Request, Response};
use tower_http::request_id::RequestId;
use tracing::{Span, field};

use crate::error::ErrorReport;

/// The header carrying the request id, kept from the client when it sends one.
pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Drops a client-sent request id that is too long or oddly shaped to be trusted in logs,
/// so that a fresh one is generated instead. Ids of up to 64 characters from
/// `[A-Za-z0-9._-]` (UUIDs, trace ids) pass through, for correlation with the caller.
pub(crate) async fn drop_unusable_request_id(mut request: Request<Body>) -> Request<Body> {
    let usable = |value: &HeaderValue| {
        let bytes = value.as_bytes();
        (1..=64).contains(&bytes.len())
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    };
    let ids = request.headers().get_all(&REQUEST_ID);
    let single_usable = ids.iter().count() == 1 && ids.iter().all(usable);
    if !single_usable {
        request.headers_mut().remove(&REQUEST_ID);
    }
    request
}

/// Opens the span every log line of the request is recorded in.
pub(crate) fn request_span<B>(request: &Request<B>) -> Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("<unmatched>", MatchedPath::as_str);
    let request_id = request
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %request.method(),
        route,
        request_id,
    )
}

/// Logs the request's outcome once, at a level that matches its severity.
pub(crate) fn log_response<B>(response: &Response<B>, latency: Duration, _span: &Span) {
    let status = response.status().as_u16();
    let latency_ms = latency.as_millis();
    let report = response.extensions().get::<ErrorReport>();
    let code = report.map(|report| report.code.as_str());
    let cause = report.and_then(|report| report.cause.as_deref());
    if response.status().is_server_error() {
        tracing::error!(status, latency_ms, code, cause, "request failed");
    } else if let Some(code) = code {
        tracing::info!(
            status,
            latency_ms,
            code,
            cause = cause.map(field::display),
            "request refused"
        );
    } else {
        tracing::info!(status, latency_ms, "request done");
    }
}

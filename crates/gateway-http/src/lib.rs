//! The gateway's HTTP layer: routes, request extraction, problem+json errors, and the
//! flows behind them.
//!
//! - [`app`] builds the whole service (routes plus middleware) from a [`Gateway`];
//!   the binary serves it, and tests drive it in-process or over a real socket.
//! - [`flows`] holds the product's rules; handlers in `routes` only unpack and wrap.
//! - [`ApiError`] is the single mapping from failures to status and `code`.

pub mod enrolment;
pub mod error;
pub mod extract;
pub mod flows;
pub mod openapi;

mod routes;
mod telemetry;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use error::ApiError;
pub use flows::{FlowSettings, Gateway};

/// Largest request body accepted; the biggest legitimate one (a session plus a new
/// password) is a few kilobytes.
const BODY_LIMIT_BYTES: usize = 16 * 1024;

/// The complete service: routes, request ids, request logging, panic safety, and
/// `Cache-Control: no-store` on every answer (they all carry tokens, sessions or secrets).
pub fn app(gateway: Gateway) -> Router {
    let middleware = ServiceBuilder::new()
        .layer(axum::middleware::map_request(
            telemetry::drop_unusable_request_id,
        ))
        .layer(SetRequestIdLayer::new(
            telemetry::REQUEST_ID,
            MakeRequestUuid,
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(telemetry::request_span)
                .on_request(())
                .on_response(telemetry::log_response)
                .on_failure(()),
        )
        .layer(PropagateRequestIdLayer::new(telemetry::REQUEST_ID))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(CatchPanicLayer::custom(|_panic| {
            // The panic payload may quote request data, so it is dropped unread.
            ApiError::Internal("a handler panicked").into_response()
        }));
    routes::routes(gateway)
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(middleware)
}

//! The OpenAPI 3.1 description of the API, generated from the handlers and wire types.
//!
//! `openapi/openapi.json` at the top of the repository is this document, committed; a
//! test fails when the two differ (`UPDATE_OPENAPI=1 cargo test -p gateway-http
//! committed_spec` rewrites the file). The gateway also serves it at `/openapi.json`,
//! and renders it at `/docs` with Redoc, whose script it serves itself
//! (`assets/redoc/`), so the page needs nothing from the internet.

use std::sync::OnceLock;

use axum::http::header;
use axum::response::IntoResponse;
use gateway_api::{ErrorCode, Problem};
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, RefOr, ResponseBuilder};
use utoipa_redoc::{Redoc, Servable};

use crate::routes;

/// The API's description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "cognito-mfa-gateway",
        description = "Two-factor sign-in on an AWS Cognito user pool, as a small JSON API. \
            Errors are RFC 9457 `application/problem+json` with a stable `code`."
    ),
    paths(
        routes::login,
        routes::respond,
        routes::associate,
        routes::verify,
        routes::mfa_preference,
        routes::set_mfa_preference,
        routes::refresh,
        routes::logout,
        routes::healthz,
    ),
    // Problem is listed because SharedErrors refers to it by name.
    components(schemas(ErrorCode, Problem)),
    modifiers(&BearerScheme, &SharedErrors),
    tags(
        (name = "sign-in", description = "Password sign-in and its challenges."),
        (name = "authenticator app", description = "Turning on TOTP and choosing the preferred factor."),
        (name = "tokens", description = "Refreshing tokens and signing out."),
        (name = "operations", description = "For load balancers and monitoring."),
    )
)]
pub struct ApiDoc;

/// Declares the `bearer` scheme the operations refer to.
struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("JWT")
            .description(Some("A Cognito access token from a sign-in answer."))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// Adds the failures any operation that reads a body or calls Cognito can answer with,
/// so each handler's annotation lists only its own.
struct SharedErrors;

/// Status and description of each failure every operation that takes a body can have.
const BODY_ERRORS: [(&str, &str); 2] = [
    ("413", "`payload_too_large`: the body is over 16 KiB."),
    (
        "415",
        "`unsupported_media_type`: the body is not `application/json`.",
    ),
];

/// Status and description of each failure every operation that calls Cognito can have.
const SHARED_ERRORS: [(&str, &str); 4] = [
    (
        "429",
        "`too_many_requests`: Cognito is throttling; see `Retry-After`.",
    ),
    (
        "500",
        "`server_misconfigured` or `internal_error`; the gateway's log has the cause.",
    ),
    (
        "502",
        "`upstream_unavailable`: Cognito could not be reached or failed.",
    ),
    ("504", "`upstream_timeout`: Cognito did not answer in time."),
];

impl utoipa::Modify for SharedErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let problem = || {
            ContentBuilder::new()
                .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    "Problem",
                ))))
                .build()
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            if path == "/healthz" {
                continue;
            }
            let operations = [item.get.as_mut(), item.put.as_mut(), item.post.as_mut()];
            for operation in operations.into_iter().flatten() {
                let body_errors = match operation.request_body {
                    Some(_) => &BODY_ERRORS[..],
                    None => &[],
                };
                for (status, description) in body_errors.iter().chain(&SHARED_ERRORS) {
                    let response = ResponseBuilder::new()
                        .description(*description)
                        .content("application/problem+json", problem())
                        .build();
                    operation
                        .responses
                        .responses
                        .entry((*status).to_owned())
                        .or_insert(RefOr::T(response));
                }
            }
        }
    }
}

/// The document as pretty-printed JSON, built once.
pub fn openapi_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        // The document is plain data built from literals; failing to print it is a bug
        // the tests meet before any release does.
        #[allow(clippy::expect_used)]
        let json = ApiDoc::openapi()
            .to_pretty_json()
            .expect("the OpenAPI document serialises");
        json + "\n"
    })
}

/// The `/docs` page and the Redoc script it loads from the gateway.
pub(crate) fn docs_routes<S: Clone + Send + Sync + 'static>() -> axum::Router<S> {
    let page = Redoc::with_url("/docs", ApiDoc::openapi()).custom_html(DOCS_HTML);
    axum::Router::from(page).route(
        "/docs/redoc.standalone.js",
        axum::routing::get(redoc_script),
    )
}

/// Redoc's page template, loading the script from `/docs` instead of a CDN.
const DOCS_HTML: &str = include_str!("../assets/redoc/docs.html");

/// Redoc's standalone bundle (npm `redoc` 2.5.4, MIT).
const REDOC_SCRIPT: &str = include_str!("../assets/redoc/redoc.standalone.js");

async fn redoc_script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        REDOC_SCRIPT,
    )
}

/// `GET /openapi.json`.
pub(crate) async fn serve_openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], openapi_json())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn committed_path() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json")
    }

    /// The committed `openapi/openapi.json` is exactly what the code generates.
    #[test]
    fn committed_spec_matches_the_code() {
        let generated = openapi_json();
        if std::env::var_os("UPDATE_OPENAPI").is_some() {
            std::fs::write(committed_path(), generated).expect("write openapi/openapi.json");
        }
        let committed = std::fs::read_to_string(committed_path()).unwrap_or_default();
        assert!(
            committed == generated,
            "openapi/openapi.json differs from the code; regenerate it with \
             `UPDATE_OPENAPI=1 cargo test -p gateway-http committed_spec` and commit it"
        );
    }

    /// Every route is described, every error code is an enum value, and the answers of
    /// sign-in steps are a union told apart by `status`.
    #[test]
    fn spec_covers_the_api() {
        let spec: serde_json::Value = serde_json::from_str(openapi_json()).expect("JSON");
        assert_eq!(spec["openapi"], "3.1.0");
        for path in [
            "/login",
            "/mfa/respond",
            "/totp/associate",
            "/totp/verify",
            "/mfa/preference",
            "/token/refresh",
            "/logout",
            "/healthz",
        ] {
            assert!(spec["paths"][path].is_object(), "{path} missing");
        }
        let codes = &spec["components"]["schemas"]["ErrorCode"]["enum"];
        assert_eq!(
            codes.as_array().map(Vec::len),
            Some(gateway_api::ALL_CODES.len())
        );
        let union = &spec["components"]["schemas"]["SignInResponse"]["oneOf"];
        assert_eq!(union.as_array().map(Vec::len), Some(2));
        assert!(spec["components"]["securitySchemes"]["bearer"].is_object());
        assert!(spec["paths"]["/login"]["post"]["responses"]["504"].is_object());
    }
}

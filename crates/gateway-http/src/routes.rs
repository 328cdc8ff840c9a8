//! The endpoints: each handler unpacks the request, calls [`Gateway`], and wraps the answer.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use gateway_api::Problem;
use gateway_api::{
    AssociateSessionRequest, LoginRequest, LogoutRequest, MfaPreference, MfaPreferenceUpdate,
    RefreshRequest, RespondRequest, SignInResponse, TotpEnrolment, VerifyRequest,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::ApiError;
use crate::extract::{Bearer, JsonBody, MaybeBearer, OptionalJsonBody};
use crate::flows::{Enrollee, Gateway, SignOut, VerifyOutcome};

/// The API's routes, before middleware.
pub(crate) fn routes(gateway: Gateway) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(crate::openapi::serve_openapi))
        .route("/login", post(login))
        .route("/mfa/respond", post(respond))
        .route("/totp/associate", post(associate))
        .route("/totp/verify", post(verify))
        .route(
            "/mfa/preference",
            get(mfa_preference).put(set_mfa_preference),
        )
        .route("/token/refresh", post(refresh))
        .route("/logout", post(logout))
        .merge(crate::openapi::docs_routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(gateway)
}

/// The answer of `/healthz`.
#[derive(Serialize, ToSchema)]
pub(crate) struct Health {
    /// Always `ok` while the gateway serves requests.
    #[schema(example = "ok")]
    status: &'static str,
}

/// Liveness: answers as soon as the gateway serves requests (it does not call Cognito).
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "The gateway is serving.", body = Health)))]
pub(crate) async fn healthz() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// Sign in with username and password: tokens, or the first challenge.
#[utoipa::path(post, path = "/login", tag = "sign-in", request_body = LoginRequest,
    responses(
        (status = 200, description = "Tokens, or a challenge to answer with `/mfa/respond` (or `/totp/*` for `MFA_SETUP`).", body = SignInResponse),
        (status = 400, description = "`invalid_request`: malformed body or field.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_credentials` (wrong password or unknown user, alike) or `temporary_password_expired`.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`user_not_confirmed` or `password_reset_required`.", body = Problem, content_type = "application/problem+json"),
        (status = 501, description = "`unsupported_challenge`: Cognito asked for a challenge the gateway cannot handle.", body = Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn login(
    State(gateway): State<Gateway>,
    JsonBody(request): JsonBody<LoginRequest>,
) -> Result<Json<SignInResponse>, ApiError> {
    gateway.login(request).await.map(Json)
}

/// Answer the challenge a previous step returned; Cognito is called exactly once.
#[utoipa::path(post, path = "/mfa/respond", tag = "sign-in", request_body = RespondRequest,
    responses(
        (status = 200, description = "Tokens, or the next challenge.", body = SignInResponse),
        (status = 400, description = "`invalid_request`, `invalid_code_format` (not six digits; Cognito is not called) or `invalid_password` (the policy rule is in `detail`).", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`code_mismatch`, `session_expired` (expired, spent or unknown session).", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`user_not_confirmed` or `password_reset_required`.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`totp_not_associated`.", body = Problem, content_type = "application/problem+json"),
        (status = 501, description = "`unsupported_challenge`.", body = Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn respond(
    State(gateway): State<Gateway>,
    JsonBody(request): JsonBody<RespondRequest>,
) -> Result<Json<SignInResponse>, ApiError> {
    gateway.respond(request).await.map(Json)
}

/// Start authenticator-app set-up: a new secret, its `otpauth://` URI and a QR code.
///
/// Send exactly one of a Bearer token (a signed-in user turning 2FA on) and a body with
/// the `session` and `username` of an `MFA_SETUP` challenge.
#[utoipa::path(post, path = "/totp/associate", tag = "authenticator app",
    request_body(content = Option<AssociateSessionRequest>, description = "Only during sign-in, instead of a Bearer token."),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The secret as text, URI and QR code; `session` for the next step during sign-in.", body = TotpEnrolment),
        (status = 400, description = "`invalid_request`, e.g. both or neither of Bearer token and session.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_token` or `session_expired`.", body = Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn associate(
    State(gateway): State<Gateway>,
    MaybeBearer(token): MaybeBearer,
    OptionalJsonBody(body): OptionalJsonBody<AssociateSessionRequest>,
) -> Result<Json<TotpEnrolment>, ApiError> {
    let enrollee = match (token, body) {
        (Some(token), None) => Enrollee::SignedIn(token),
        (None, Some(AssociateSessionRequest { session, username })) => {
            Enrollee::SigningIn { session, username }
        }
        _ => return Err(exactly_one_credential()),
    };
    gateway.associate(enrollee).await.map(Json)
}

/// Verify the new app's first code. With a Bearer token the app becomes usable; during
/// sign-in (`session` and `username` in the body) this also completes `MFA_SETUP`.
#[utoipa::path(post, path = "/totp/verify", tag = "authenticator app", request_body = VerifyRequest,
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "`{\"status\": \"verified\"}` with a Bearer token; a sign-in answer during sign-in.", body = VerifyOutcome),
        (status = 400, description = "`invalid_request` or `invalid_code_format`.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`code_mismatch`, `invalid_token` or `session_expired`.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`totp_not_associated`: call `/totp/associate` first.", body = Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn verify(
    State(gateway): State<Gateway>,
    MaybeBearer(token): MaybeBearer,
    JsonBody(request): JsonBody<VerifyRequest>,
) -> Result<Json<VerifyOutcome>, ApiError> {
    let enrollee = match (token, request.session, request.username) {
        (Some(token), None, None) => Enrollee::SignedIn(token),
        (None, Some(session), Some(username)) => Enrollee::SigningIn { session, username },
        (None, Some(_), None) => {
            return Err(ApiError::InvalidRequest(
                "`username` is required with `session`.".into(),
            ));
        }
        _ => return Err(exactly_one_credential()),
    };
    let device_name = request.device_name.as_deref();
    gateway
        .verify(enrollee, &request.code, device_name)
        .await
        .map(Json)
}

/// The signed-in user's MFA state.
#[utoipa::path(get, path = "/mfa/preference", tag = "authenticator app",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The factors that are on, and the preferred one.", body = MfaPreference),
        (status = 401, description = "`invalid_token`.", body = Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn mfa_preference(
    State(gateway): State<Gateway>,
    Bearer(token): Bearer,
) -> Result<Json<MfaPreference>, ApiError> {
    gateway.mfa_preference(&token).await.map(Json)
}

/// Turn factors on or off and choose the preferred one; only the blocks given change.
#[utoipa::path(put, path = "/mfa/preference", tag = "authenticator app", request_body = MfaPreferenceUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The resulting state.", body = MfaPreference),
        (status = 400, description = "`invalid_request`, e.g. preferring a disabled factor.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_token`.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`totp_not_verified`: verify an app with `/totp/verify` first.", body = Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn set_mfa_preference(
    State(gateway): State<Gateway>,
    Bearer(token): Bearer,
    JsonBody(update): JsonBody<MfaPreferenceUpdate>,
) -> Result<Json<MfaPreference>, ApiError> {
    gateway.set_mfa_preference(&token, update).await.map(Json)
}

/// New access and ID tokens for a refresh token.
#[utoipa::path(post, path = "/token/refresh", tag = "tokens", request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens (`status` is always `authenticated`).", body = SignInResponse),
        (status = 400, description = "`invalid_request`, e.g. no `username` for an app client with a secret.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_token`: the refresh token is invalid, expired or revoked.", body = Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn refresh(
    State(gateway): State<Gateway>,
    JsonBody(request): JsonBody<RefreshRequest>,
) -> Result<Json<SignInResponse>, ApiError> {
    gateway.refresh(request).await.map(Json)
}

/// Sign out: with a Bearer token everywhere (every token of the user stops working); with a
/// `refresh_token` body, that token and the access tokens issued from it.
#[utoipa::path(post, path = "/logout", tag = "tokens",
    request_body(content = Option<LogoutRequest>, description = "Only without a Bearer token."),
    security((), ("bearer" = [])),
    responses(
        (status = 204, description = "Signed out."),
        (status = 400, description = "`invalid_request`: both or neither of Bearer token and body.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_token`.", body = Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn logout(
    State(gateway): State<Gateway>,
    MaybeBearer(token): MaybeBearer,
    OptionalJsonBody(body): OptionalJsonBody<LogoutRequest>,
) -> Result<StatusCode, ApiError> {
    let scope = match (token, body) {
        (Some(token), None) => SignOut::Everywhere(token),
        (None, Some(LogoutRequest { refresh_token })) => SignOut::RefreshToken(refresh_token),
        _ => {
            return Err(ApiError::InvalidRequest(
                "Send either `Authorization: Bearer <access token>` (sign out everywhere) or a \
                 body with `refresh_token` (revoke it), not both and not neither."
                    .into(),
            ));
        }
    };
    gateway.logout(scope).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn exactly_one_credential() -> ApiError {
    ApiError::InvalidRequest(
        "Send either `Authorization: Bearer <access token>` or a body with `session` and \
         `username`, not both and not neither."
            .into(),
    )
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

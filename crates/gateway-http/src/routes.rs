//! The endpoints: each handler unpacks the request, calls [`Gateway`], and wraps the answer.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use gateway_api::{
    AssociateSessionRequest, LoginRequest, LogoutRequest, MfaPreference, MfaPreferenceUpdate,
    RefreshRequest, RespondRequest, SignInResponse, TotpEnrolment, VerifyRequest,
};
use serde_json::{Value, json};

use crate::ApiError;
use crate::extract::{Bearer, JsonBody, MaybeBearer, OptionalJsonBody};
use crate::flows::{Enrollee, Gateway, SignOut, VerifyOutcome};

/// The API's routes, before middleware.
pub(crate) fn routes(gateway: Gateway) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
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
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(gateway)
}

async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

async fn login(
    State(gateway): State<Gateway>,
    JsonBody(request): JsonBody<LoginRequest>,
) -> Result<Json<SignInResponse>, ApiError> {
    gateway.login(request).await.map(Json)
}

async fn respond(
    State(gateway): State<Gateway>,
    JsonBody(request): JsonBody<RespondRequest>,
) -> Result<Json<SignInResponse>, ApiError> {
    gateway.respond(request).await.map(Json)
}

async fn associate(
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

async fn verify(
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

async fn mfa_preference(
    State(gateway): State<Gateway>,
    Bearer(token): Bearer,
) -> Result<Json<MfaPreference>, ApiError> {
    gateway.mfa_preference(&token).await.map(Json)
}

async fn set_mfa_preference(
    State(gateway): State<Gateway>,
    Bearer(token): Bearer,
    JsonBody(update): JsonBody<MfaPreferenceUpdate>,
) -> Result<Json<MfaPreference>, ApiError> {
    gateway.set_mfa_preference(&token, update).await.map(Json)
}

async fn refresh(
    State(gateway): State<Gateway>,
    JsonBody(request): JsonBody<RefreshRequest>,
) -> Result<Json<SignInResponse>, ApiError> {
    gateway.refresh(request).await.map(Json)
}

async fn logout(
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

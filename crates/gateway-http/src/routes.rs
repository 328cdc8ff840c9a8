//! The endpoints: each handler unpacks the request, calls [`Gateway`], and wraps the answer.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::routing::{get, post};
use gateway_api::{
    AssociateSessionRequest, LoginRequest, MfaPreference, MfaPreferenceUpdate, RespondRequest,
    SignInResponse, TotpEnrolment, VerifyRequest,
};
use serde_json::{Value, json};

use crate::ApiError;
use crate::extract::{Bearer, JsonBody, MaybeBearer, OptionalJsonBody};
use crate::flows::{Enrollee, Gateway, VerifyOutcome};

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

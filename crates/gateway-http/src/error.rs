//! [`ApiError`]: every way a request can fail, and the one mapping to problem+json.

use std::borrow::Cow;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gateway_api::{ErrorCode, Problem};
use gateway_cognito::{CognitoError, ErrorKind};

/// How long clients are told to wait after Cognito throttled them.
const RETRY_AFTER_SECS: &str = "30";

/// A failed request. Its [`IntoResponse`] is the only place statuses and codes are chosen.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed; `detail` says how, without echoing any value.
    #[error("invalid request: {0}")]
    InvalidRequest(Cow<'static, str>),
    /// A one-time code that cannot be valid.
    #[error("code is not six digits")]
    InvalidCodeFormat,
    /// The endpoint needs `Authorization: Bearer <token>` and did not get it.
    #[error("missing or malformed Bearer token")]
    BearerRequired,
    /// The body is not declared as JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// The body exceeds the size limit.
    #[error("payload too large")]
    PayloadTooLarge,
    /// No route has this path.
    #[error("not found")]
    NotFound,
    /// The route exists but not with this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A failure inside the gateway.
    #[error("internal error: {0}")]
    Internal(&'static str),
    /// A classified Cognito failure.
    #[error(transparent)]
    Cognito(#[from] CognitoError),
}

/// What the request log records about a failed request; attached to the response so the
/// trace layer can log each failure once, with its cause, after the response is built.
#[derive(Debug, Clone)]
pub struct ErrorReport {
    /// The code the client received.
    pub code: ErrorCode,
    /// The Cognito operation, exception and classification reason, when upstream failed.
    pub cause: Option<String>,
}

impl ApiError {
    /// The error code and a client-safe detail.
    fn code_and_detail(&self) -> (ErrorCode, Cow<'static, str>) {
        use ErrorCode as C;
        match self {
            Self::InvalidRequest(detail) => (C::InvalidRequest, detail.clone()),
            Self::InvalidCodeFormat => (
                C::InvalidCodeFormat,
                "A code is exactly six digits (spaces are ignored).".into(),
            ),
            Self::BearerRequired => (
                C::InvalidToken,
                "Send the access token as `Authorization: Bearer <access token>`.".into(),
            ),
            Self::UnsupportedMediaType => (
                C::UnsupportedMediaType,
                "Send the body as JSON with `Content-Type: application/json`.".into(),
            ),
            Self::PayloadTooLarge => (C::PayloadTooLarge, "The body is too large.".into()),
            Self::NotFound => (C::NotFound, "No endpoint has this path.".into()),
            Self::MethodNotAllowed => (
                C::MethodNotAllowed,
                "This endpoint does not accept this method.".into(),
            ),
            Self::Internal(_) => (
                C::InternalError,
                "The gateway failed unexpectedly; the request id identifies it in the log.".into(),
            ),
            Self::Cognito(err) => cognito_code_and_detail(err),
        }
    }
}

/// The client's view of a Cognito failure: a code and a fixed detail, never Cognito's text
/// (except the password-policy rule, which the error keeps only in Cognito's fixed form).
fn cognito_code_and_detail(err: &CognitoError) -> (ErrorCode, Cow<'static, str>) {
    use ErrorCode as C;
    match err.kind {
        ErrorKind::InvalidCredentials => (
            C::InvalidCredentials,
            "Incorrect username or password.".into(),
        ),
        ErrorKind::CodeMismatch => (C::CodeMismatch, "The code is wrong or has expired.".into()),
        ErrorKind::SessionExpired => (
            C::SessionExpired,
            "The sign-in session has expired or was already used; sign in again.".into(),
        ),
        ErrorKind::InvalidToken => (
            C::InvalidToken,
            "The access token is invalid, expired or revoked.".into(),
        ),
        ErrorKind::TemporaryPasswordExpired => (
            C::TemporaryPasswordExpired,
            "The temporary password has expired; an administrator must issue a new one.".into(),
        ),
        ErrorKind::UserNotConfirmed => (
            C::UserNotConfirmed,
            "The account has not been confirmed yet.".into(),
        ),
        ErrorKind::PasswordResetRequired => (
            C::PasswordResetRequired,
            "The password must be reset before signing in.".into(),
        ),
        ErrorKind::InvalidPassword => match &err.policy {
            Some(rule) => (
                C::InvalidPassword,
                format!("Password rejected: {rule}.").into(),
            ),
            None => (
                C::InvalidPassword,
                "The new password does not meet the user pool's password policy.".into(),
            ),
        },
        // The reason is this gateway's own wording, never Cognito's message.
        ErrorKind::InvalidParameter => (C::InvalidRequest, format!("{}.", err.reason).into()),
        ErrorKind::TotpNotVerified => (
            C::TotpNotVerified,
            "Verify an authenticator app with /totp/verify before enabling or preferring TOTP."
                .into(),
        ),
        ErrorKind::TotpNotAssociated => (
            C::TotpNotAssociated,
            "No authenticator app is set up; start with /totp/associate.".into(),
        ),
        ErrorKind::TooManyRequests => (
            C::TooManyRequests,
            "Too many attempts; wait before trying again.".into(),
        ),
        // The exception field holds the challenge's name here, which is not a secret.
        ErrorKind::UnsupportedChallenge => (
            C::UnsupportedChallenge,
            format!(
                "Cognito asked for the {} challenge, which this gateway does not support.",
                err.exception
            )
            .into(),
        ),
        ErrorKind::Misconfigured => (
            C::ServerMisconfigured,
            "The gateway or its user pool is misconfigured; the gateway's log says how.".into(),
        ),
        ErrorKind::Unavailable => (
            C::UpstreamUnavailable,
            "Cognito could not be reached or failed.".into(),
        ),
        ErrorKind::Timeout => (C::UpstreamTimeout, "Cognito did not answer in time.".into()),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (code, detail) = self.code_and_detail();
        let status =
            StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(Problem::new(code, detail))).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if code == ErrorCode::InvalidToken {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(r#"Bearer error="invalid_token""#),
            );
        }
        if code == ErrorCode::TooManyRequests {
            headers.insert(
                header::RETRY_AFTER,
                HeaderValue::from_static(RETRY_AFTER_SECS),
            );
        }
        let cause = match &self {
            Self::Cognito(err) => Some(err.to_string()),
            Self::Internal(what) => Some((*what).to_owned()),
            _ => None,
        };
        response
            .extensions_mut()
            .insert(ErrorReport { code, cause });
        response
    }
}

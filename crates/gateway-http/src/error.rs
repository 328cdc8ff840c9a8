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
/// (only the error's `client_detail`, which the adapter fills with safe text).
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
        ErrorKind::InvalidPassword => match &err.client_detail {
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
        ErrorKind::UnsupportedChallenge => (
            C::UnsupportedChallenge,
            format!(
                "Cognito asked for the {} challenge, which this gateway does not support.",
                err.client_detail.as_deref().unwrap_or("unknown")
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

#[cfg(test)]
mod tests {
    use gateway_cognito::Operation;
    use http_body_util::BodyExt;

    use super::*;

    fn cognito(kind: ErrorKind) -> ApiError {
        ApiError::Cognito(CognitoError {
            kind,
            operation: Operation::InitiateAuth,
            exception: "SomeException".to_owned(),
            reason: "a reason",
            client_detail: None,
        })
    }

    /// Every failure maps to its status and code, in the problem+json shape, with the
    /// headers its status promises and a report for the request log.
    #[tokio::test]
    async fn maps_each_failure_to_status_code_and_headers() {
        let cases = [
            (ApiError::InvalidRequest("x".into()), 400, "invalid_request"),
            (ApiError::InvalidCodeFormat, 400, "invalid_code_format"),
            (ApiError::BearerRequired, 401, "invalid_token"),
            (
                ApiError::UnsupportedMediaType,
                415,
                "unsupported_media_type",
            ),
            (ApiError::PayloadTooLarge, 413, "payload_too_large"),
            (ApiError::NotFound, 404, "not_found"),
            (ApiError::MethodNotAllowed, 405, "method_not_allowed"),
            (ApiError::Internal("bug"), 500, "internal_error"),
            (
                cognito(ErrorKind::InvalidCredentials),
                401,
                "invalid_credentials",
            ),
            (cognito(ErrorKind::CodeMismatch), 401, "code_mismatch"),
            (cognito(ErrorKind::SessionExpired), 401, "session_expired"),
            (cognito(ErrorKind::InvalidToken), 401, "invalid_token"),
            (
                cognito(ErrorKind::TemporaryPasswordExpired),
                401,
                "temporary_password_expired",
            ),
            (
                cognito(ErrorKind::UserNotConfirmed),
                403,
                "user_not_confirmed",
            ),
            (
                cognito(ErrorKind::PasswordResetRequired),
                403,
                "password_reset_required",
            ),
            (cognito(ErrorKind::InvalidPassword), 400, "invalid_password"),
            (cognito(ErrorKind::InvalidParameter), 400, "invalid_request"),
            (
                cognito(ErrorKind::TotpNotVerified),
                409,
                "totp_not_verified",
            ),
            (
                cognito(ErrorKind::TotpNotAssociated),
                409,
                "totp_not_associated",
            ),
            (
                cognito(ErrorKind::TooManyRequests),
                429,
                "too_many_requests",
            ),
            (
                cognito(ErrorKind::UnsupportedChallenge),
                501,
                "unsupported_challenge",
            ),
            (
                cognito(ErrorKind::Misconfigured),
                500,
                "server_misconfigured",
            ),
            (cognito(ErrorKind::Unavailable), 502, "upstream_unavailable"),
            (cognito(ErrorKind::Timeout), 504, "upstream_timeout"),
        ];
        for (error, status, code) in cases {
            let upstream = matches!(error, ApiError::Cognito(_));
            let response = error.into_response();
            assert_eq!(response.status().as_u16(), status, "{code}");
            let headers = response.headers().clone();
            assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
            assert_eq!(
                headers.contains_key(header::WWW_AUTHENTICATE),
                code == "invalid_token"
            );
            assert_eq!(
                headers.contains_key(header::RETRY_AFTER),
                code == "too_many_requests"
            );
            let report = response
                .extensions()
                .get::<ErrorReport>()
                .cloned()
                .expect("report");
            assert_eq!(report.code.as_str(), code);
            assert_eq!(report.cause.is_some(), upstream || code == "internal_error");
            let bytes = response
                .into_body()
                .collect()
                .await
                .expect("body")
                .to_bytes();
            let body: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
            assert_eq!(
                (body["status"].as_u64(), body["code"].as_str()),
                (Some(status.into()), Some(code))
            );
            assert!(
                !body.to_string().contains("SomeException"),
                "no upstream names"
            );
        }
    }
}

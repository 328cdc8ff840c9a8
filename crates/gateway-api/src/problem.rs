//! The RFC 9457 `application/problem+json` body and the stable error codes it carries.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every error the gateway reports. The snake_case name is the `code` clients match on,
/// so a variant is never renamed once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body or headers are malformed, or a field is missing or of the wrong type.
    InvalidRequest,
    /// A one-time code is not exactly six digits.
    InvalidCodeFormat,
    /// Cognito refused the new password (too weak, reused, ...).
    InvalidPassword,
    /// Wrong username or password (unknown users look the same).
    InvalidCredentials,
    /// The one-time code was wrong or has expired.
    CodeMismatch,
    /// The sign-in session expired, was already used, or never existed.
    SessionExpired,
    /// The Bearer access token is missing, invalid, expired or revoked.
    InvalidToken,
    /// The temporary password of an admin-created user has expired.
    TemporaryPasswordExpired,
    /// The user has not confirmed their account yet.
    UserNotConfirmed,
    /// An administrator requires the user to reset their password.
    PasswordResetRequired,
    /// TOTP cannot be enabled or preferred before an app has been verified.
    TotpNotVerified,
    /// `/totp/verify` was called before `/totp/associate`.
    TotpNotAssociated,
    /// Cognito is throttling this user or the whole pool.
    TooManyRequests,
    /// No such route.
    NotFound,
    /// The route exists but not with this method.
    MethodNotAllowed,
    /// The body is not JSON (`Content-Type` must be `application/json`).
    UnsupportedMediaType,
    /// The body is larger than the gateway accepts.
    PayloadTooLarge,
    /// The gateway does not support the challenge Cognito issued.
    UnsupportedChallenge,
    /// The gateway or the user pool is misconfigured; the log says how.
    ServerMisconfigured,
    /// An unexpected failure inside the gateway.
    InternalError,
    /// Cognito could not be reached or answered with an error of its own.
    UpstreamUnavailable,
    /// Cognito did not answer in time.
    UpstreamTimeout,
}

/// Every code, for tests and documentation that must cover them all.
pub const ALL_CODES: [ErrorCode; 22] = [
    ErrorCode::InvalidRequest,
    ErrorCode::InvalidCodeFormat,
    ErrorCode::InvalidPassword,
    ErrorCode::InvalidCredentials,
    ErrorCode::CodeMismatch,
    ErrorCode::SessionExpired,
    ErrorCode::InvalidToken,
    ErrorCode::TemporaryPasswordExpired,
    ErrorCode::UserNotConfirmed,
    ErrorCode::PasswordResetRequired,
    ErrorCode::TotpNotVerified,
    ErrorCode::TotpNotAssociated,
    ErrorCode::TooManyRequests,
    ErrorCode::NotFound,
    ErrorCode::MethodNotAllowed,
    ErrorCode::UnsupportedMediaType,
    ErrorCode::PayloadTooLarge,
    ErrorCode::UnsupportedChallenge,
    ErrorCode::ServerMisconfigured,
    ErrorCode::InternalError,
    ErrorCode::UpstreamUnavailable,
    ErrorCode::UpstreamTimeout,
];

impl ErrorCode {
    /// The HTTP status this error is always reported with.
    pub fn status(self) -> u16 {
        match self {
            Self::InvalidRequest | Self::InvalidCodeFormat | Self::InvalidPassword => 400,
            Self::InvalidCredentials
            | Self::CodeMismatch
            | Self::SessionExpired
            | Self::InvalidToken
            | Self::TemporaryPasswordExpired => 401,
            Self::UserNotConfirmed | Self::PasswordResetRequired => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::TotpNotVerified | Self::TotpNotAssociated => 409,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::TooManyRequests => 429,
            Self::ServerMisconfigured | Self::InternalError => 500,
            Self::UnsupportedChallenge => 501,
            Self::UpstreamUnavailable => 502,
            Self::UpstreamTimeout => 504,
        }
    }

    /// A short, fixed, human-readable summary of the error.
    pub fn title(self) -> &'static str {
        match self {
            Self::InvalidRequest => "Invalid request",
            Self::InvalidCodeFormat => "Invalid code format",
            Self::InvalidPassword => "Password not accepted",
            Self::InvalidCredentials => "Incorrect username or password",
            Self::CodeMismatch => "Incorrect code",
            Self::SessionExpired => "Sign-in session expired",
            Self::InvalidToken => "Invalid access token",
            Self::TemporaryPasswordExpired => "Temporary password expired",
            Self::UserNotConfirmed => "User not confirmed",
            Self::PasswordResetRequired => "Password reset required",
            Self::TotpNotVerified => "Authenticator app not verified",
            Self::TotpNotAssociated => "No authenticator app set up",
            Self::TooManyRequests => "Too many requests",
            Self::NotFound => "Not found",
            Self::MethodNotAllowed => "Method not allowed",
            Self::UnsupportedMediaType => "Unsupported media type",
            Self::PayloadTooLarge => "Payload too large",
            Self::UnsupportedChallenge => "Unsupported challenge",
            Self::ServerMisconfigured => "Server misconfigured",
            Self::InternalError => "Internal error",
            Self::UpstreamUnavailable => "Identity provider unavailable",
            Self::UpstreamTimeout => "Identity provider timed out",
        }
    }

    /// The snake_case name, as it appears in `code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidRequest => "invalid_request",
            Self::InvalidCodeFormat => "invalid_code_format",
            Self::InvalidPassword => "invalid_password",
            Self::InvalidCredentials => "invalid_credentials",
            Self::CodeMismatch => "code_mismatch",
            Self::SessionExpired => "session_expired",
            Self::InvalidToken => "invalid_token",
            Self::TemporaryPasswordExpired => "temporary_password_expired",
            Self::UserNotConfirmed => "user_not_confirmed",
            Self::PasswordResetRequired => "password_reset_required",
            Self::TotpNotVerified => "totp_not_verified",
            Self::TotpNotAssociated => "totp_not_associated",
            Self::TooManyRequests => "too_many_requests",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedChallenge => "unsupported_challenge",
            Self::ServerMisconfigured => "server_misconfigured",
            Self::InternalError => "internal_error",
            Self::UpstreamUnavailable => "upstream_unavailable",
            Self::UpstreamTimeout => "upstream_timeout",
        }
    }
}

/// An RFC 9457 problem details body, extended with the stable `code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:problem:cognito-mfa-gateway:code_mismatch",
    "title": "Incorrect code",
    "status": 401,
    "detail": "The code is wrong or has expired.",
    "code": "code_mismatch"
}))]
pub struct Problem {
    /// A URI naming the problem type (`urn:problem:cognito-mfa-gateway:<code>`).
    #[serde(rename = "type")]
    pub problem_type: String,
    /// The fixed summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong with this request, safe to show to the user.
    pub detail: String,
    /// The stable, machine-readable error code.
    pub code: ErrorCode,
}

impl Problem {
    /// Builds the body for `code`, with a request-specific `detail`.
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            problem_type: format!("urn:problem:cognito-mfa-gateway:{}", code.as_str()),
            title: code.title().to_owned(),
            status: code.status(),
            detail: detail.into(),
            code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `as_str` and the serde name never drift apart, and every code has a 4xx/5xx status.
    #[test]
    fn codes_are_consistent() -> Result<(), serde_json::Error> {
        for code in ALL_CODES {
            assert_eq!(serde_json::to_value(code)?, code.as_str());
            assert!((400..600).contains(&code.status()), "{code:?}");
        }
        Ok(())
    }

    /// The body has the RFC 9457 members plus `code`.
    #[test]
    fn problem_shape() -> Result<(), serde_json::Error> {
        let body = serde_json::to_value(Problem::new(ErrorCode::CodeMismatch, "try again"))?;
        assert_eq!(
            body,
            serde_json::json!({
                "type": "urn:problem:cognito-mfa-gateway:code_mismatch",
                "title": "Incorrect code",
                "status": 401,
                "detail": "try again",
                "code": "code_mismatch",
            })
        );
        Ok(())
    }
}

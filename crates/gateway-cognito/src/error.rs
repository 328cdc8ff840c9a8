//! What a failed Cognito call means for the client, decided in one place.
//!
//! Cognito reports failures as an exception name plus a free-text message, and the same
//! name can mean different things depending on the operation and the message (a
//! `NotAuthorizedException` is a wrong password at sign-in, a dead session while answering
//! a challenge, and a bad token on `GetUser`). [`classify`] turns that triple into an
//! [`ErrorKind`]. The local stand-in (moto) names some failures differently from Cognito;
//! both forms are accepted here, and the tests list each one.
//!
//! Upstream messages are never kept: moto echoes sessions and tokens in them. Only the
//! exception name (safe to log) and a fixed reason written here leave this module.

use std::fmt;

use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};

/// The Cognito operations the gateway calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// `InitiateAuth`.
    InitiateAuth,
    /// `RespondToAuthChallenge`.
    RespondToAuthChallenge,
    /// `AssociateSoftwareToken`, by access token or by session.
    AssociateSoftwareToken {
        /// Whether the call carried a session (else an access token).
        by_session: bool,
    },
    /// `VerifySoftwareToken`, by access token or by session.
    VerifySoftwareToken {
        /// Whether the call carried a session (else an access token).
        by_session: bool,
    },
    /// `SetUserMFAPreference`.
    SetUserMfaPreference,
    /// `GetUser`.
    GetUser,
    /// `RespondToAuthChallenge` with `PASSWORD_VERIFIER`: the second half of an SRP
    /// sign-in, which the gateway answers itself.
    PasswordVerifier,
    /// `InitiateAuth` with `REFRESH_TOKEN_AUTH`.
    RefreshTokens,
    /// `GlobalSignOut`.
    GlobalSignOut,
    /// `RevokeToken`.
    RevokeToken,
}

impl Operation {
    /// Whether the call checks the user's password (where a refusal means wrong
    /// credentials, whichever half of the sign-in it came from).
    fn checks_password(self) -> bool {
        matches!(self, Self::InitiateAuth | Self::PasswordVerifier)
    }

    /// Whether the call was authorised by a sign-in session rather than a token.
    fn by_session(self) -> bool {
        match self {
            Self::RespondToAuthChallenge => true,
            Self::AssociateSoftwareToken { by_session }
            | Self::VerifySoftwareToken { by_session } => by_session,
            Self::InitiateAuth
            | Self::PasswordVerifier
            | Self::SetUserMfaPreference
            | Self::GetUser
            | Self::RefreshTokens
            | Self::GlobalSignOut
            | Self::RevokeToken => false,
        }
    }

    /// Cognito's name for the operation.
    pub fn name(self) -> &'static str {
        match self {
            Self::InitiateAuth => "InitiateAuth",
            Self::RespondToAuthChallenge => "RespondToAuthChallenge",
            Self::AssociateSoftwareToken { .. } => "AssociateSoftwareToken",
            Self::VerifySoftwareToken { .. } => "VerifySoftwareToken",
            Self::SetUserMfaPreference => "SetUserMFAPreference",
            Self::GetUser => "GetUser",
            Self::PasswordVerifier => "RespondToAuthChallenge(PASSWORD_VERIFIER)",
            Self::RefreshTokens => "InitiateAuth(REFRESH_TOKEN_AUTH)",
            Self::GlobalSignOut => "GlobalSignOut",
            Self::RevokeToken => "RevokeToken",
        }
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a failure means, independent of how Cognito spelled it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Wrong password, unknown or disabled user.
    InvalidCredentials,
    /// Wrong or expired one-time code.
    CodeMismatch,
    /// The sign-in session is expired, spent, unknown, or not this user's.
    SessionExpired,
    /// The access token is invalid, expired or revoked.
    InvalidToken,
    /// The temporary password of an admin-created user has expired.
    TemporaryPasswordExpired,
    /// The account is not confirmed.
    UserNotConfirmed,
    /// An administrator requires a password reset.
    PasswordResetRequired,
    /// The new password breaks the pool's password policy.
    InvalidPassword,
    /// Cognito rejected a parameter that came from the client.
    InvalidParameter,
    /// TOTP was enabled or preferred before an app was verified.
    TotpNotVerified,
    /// A TOTP code was sent for a user with no authenticator app associated.
    TotpNotAssociated,
    /// Throttled, or too many failed attempts.
    TooManyRequests,
    /// Cognito issued a challenge the gateway does not handle.
    UnsupportedChallenge,
    /// The pool, the app client or the gateway's settings are wrong.
    Misconfigured,
    /// Cognito failed, could not be reached, or answered something unusable.
    Unavailable,
    /// Cognito did not answer within the configured time.
    Timeout,
}

/// A failed Cognito call, classified.
#[derive(Debug, thiserror::Error)]
#[error("{operation} failed ({exception}): {reason}")]
pub struct CognitoError {
    /// What it means.
    pub kind: ErrorKind,
    /// The call that failed.
    pub operation: Operation,
    /// Cognito's exception name, or the transport failure (`timeout`, `dispatch`, ...).
    /// Safe to log; never shown to clients.
    pub exception: String,
    /// Why it was classified so, in words written here (never upstream text), so safe
    /// for logs and for clients alike.
    pub reason: &'static str,
    /// What the client may be told beyond the kind: the password-policy rule Cognito
    /// quoted (in its fixed form only), or the name of an unsupported challenge.
    pub client_detail: Option<String>,
}

impl CognitoError {
    /// An error found by the adapter itself rather than reported by Cognito.
    pub(crate) fn local(
        kind: ErrorKind,
        operation: Operation,
        exception: impl Into<String>,
        reason: &'static str,
    ) -> Self {
        Self {
            kind,
            operation,
            exception: exception.into(),
            reason,
            client_detail: None,
        }
    }

    /// Classifies an SDK failure of `operation`.
    pub fn from_sdk<E, R>(operation: Operation, error: SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata,
    {
        match error {
            SdkError::TimeoutError(_) => Self::local(
                ErrorKind::Timeout,
                operation,
                "timeout",
                "no answer within the call timeout",
            ),
            SdkError::DispatchFailure(failure) if failure.is_timeout() => Self::local(
                ErrorKind::Timeout,
                operation,
                "connect timeout",
                "could not connect within the connect timeout",
            ),
            SdkError::DispatchFailure(_) => Self::local(
                ErrorKind::Unavailable,
                operation,
                "dispatch failure",
                "could not send the request (connection refused, DNS or TLS failure)",
            ),
            SdkError::ResponseError(_) => Self::local(
                ErrorKind::Unavailable,
                operation,
                "response error",
                "the answer could not be read",
            ),
            SdkError::ConstructionFailure(_) => Self::local(
                ErrorKind::Misconfigured,
                operation,
                "construction failure",
                "the SDK could not build the request (region or endpoint settings?)",
            ),
            SdkError::ServiceError(service) => {
                let err = service.err();
                Self::from_exception(operation, err.code().unwrap_or("unknown"), err.message())
            }
            _ => Self::local(
                ErrorKind::Unavailable,
                operation,
                "unknown",
                "an SDK failure of an unknown kind",
            ),
        }
    }

    /// Classifies Cognito exception `code` with its `message`, returned by `operation`.
    pub fn from_exception(operation: Operation, code: &str, message: Option<&str>) -> Self {
        let message = message.unwrap_or_default();
        let (kind, reason) = classify(operation, code, message);
        let client_detail = (kind == ErrorKind::InvalidPassword)
            .then(|| password_policy_rule(message))
            .flatten();
        Self {
            kind,
            operation,
            exception: code.to_owned(),
            reason,
            client_detail,
        }
    }
}

/// Cognito's password-policy explanation, kept only when it has the fixed form Cognito
/// uses ("Password does not conform to policy: ..."), which holds no user data.
fn password_policy_rule(message: &str) -> Option<String> {
    let rule = message.strip_prefix("Password does not conform to policy: ")?;
    let printable = rule.len() <= 200 && rule.chars().all(|c| c.is_ascii_graphic() || c == ' ');
    printable.then(|| rule.to_owned())
}

/// Whether `haystack` contains `needle`, ignoring ASCII case.
fn mentions(haystack: &str, needle: &str) -> bool {
    haystack.to_ascii_lowercase().contains(needle)
}

/// The meaning of exception `code` with `message` from `operation`.
pub fn classify(operation: Operation, code: &str, message: &str) -> (ErrorKind, &'static str) {
    use ErrorKind::*;

    // Meanings carried by the message, whatever the exception name.
    if mentions(message, "password attempts exceeded") {
        return (TooManyRequests, "too many failed password attempts");
    }
    let secret_hash_refused = mentions(message, "secret hash") || mentions(message, "secret_hash");
    if secret_hash_refused && operation.by_session() {
        // The hash is over the username the client sent with the session; at sign-in it
        // was over what the user typed, which is consistent, so here a mismatch means
        // the client sent another name than the challenge's `username`.
        return (
            SessionExpired,
            "SECRET_HASH refused: username does not match the session",
        );
    }
    if secret_hash_refused && operation == Operation::RefreshTokens {
        // The hash is over the username the client sent with its refresh token; a wrong
        // name is the client's mistake (a wrong secret would also break every sign-in).
        return (
            InvalidToken,
            "SECRET_HASH refused: username does not match the refresh token",
        );
    }
    if secret_hash_refused {
        return (
            Misconfigured,
            "SECRET_HASH rejected: check COGNITO_CLIENT_SECRET",
        );
    }
    if mentions(message, "flow not enabled") {
        return (
            Misconfigured,
            "the auth flow is not enabled for this app client",
        );
    }
    if mentions(message, "temporary password has expired") {
        return (
            TemporaryPasswordExpired,
            "the temporary password has expired",
        );
    }

    match code {
        "NotAuthorizedException" if operation.checks_password() => (
            InvalidCredentials,
            "wrong password, or unknown or disabled user",
        ),
        "NotAuthorizedException" if operation.by_session() => {
            (SessionExpired, "the session is expired, spent or unknown")
        }
        "NotAuthorizedException" => (InvalidToken, "the access token was refused"),

        // Cognito with user-existence errors revealed, and moto, report unknown users so.
        "UserNotFoundException" if operation.checks_password() => {
            (InvalidCredentials, "unknown user")
        }
        "UserNotFoundException" if operation.by_session() => (
            SessionExpired,
            "the session does not belong to this username",
        ),
        "UserNotFoundException" => (InvalidToken, "the token's user no longer exists"),

        // moto reports a spent or unknown session as a missing resource.
        "ResourceNotFoundException" if operation.by_session() => {
            (SessionExpired, "the session is unknown (moto's spelling)")
        }
        "ResourceNotFoundException" => {
            (Misconfigured, "the user pool or app client does not exist")
        }

        // Cognito says EnableSoftwareTokenMFAException for a wrong first code; moto says
        // CodeMismatchException.
        "CodeMismatchException" | "EnableSoftwareTokenMFAException" => {
            (CodeMismatch, "the code does not match")
        }
        "ExpiredCodeException" => (CodeMismatch, "the code has expired"),

        "InvalidPasswordException" => (InvalidPassword, "the password breaks the pool's policy"),
        "PasswordHistoryPolicyViolationException" => {
            (InvalidPassword, "the password was used before")
        }

        "InvalidParameterException"
            if operation == Operation::SetUserMfaPreference
                && mentions(message, "not verified") =>
        {
            (TotpNotVerified, "TOTP preferred before an app was verified")
        }
        "InvalidParameterException" => (InvalidParameter, "Cognito rejected a parameter"),
        "AliasExistsException" => (InvalidParameter, "another account already uses this alias"),

        "SoftwareTokenMFANotFoundException" | "MFAMethodNotFoundException" => (
            TotpNotAssociated,
            "no authenticator app is associated with the user",
        ),

        "UserNotConfirmedException" => (UserNotConfirmed, "the account is not confirmed"),
        "PasswordResetRequiredException" => (
            PasswordResetRequired,
            "an administrator requires a password reset",
        ),

        "TooManyRequestsException"
        | "LimitExceededException"
        | "TooManyFailedAttemptsException" => (TooManyRequests, "Cognito is throttling"),

        "InvalidUserPoolConfigurationException" => (
            Misconfigured,
            "the user pool configuration does not allow this",
        ),
        "OperationNotEnabledException"
        | "FeatureUnavailableInTierException"
        | "UnsupportedOperationException" => (
            Misconfigured,
            "the operation or feature is not enabled for this pool",
        ),
        "InvalidLambdaResponseException"
        | "UnexpectedLambdaException"
        | "UserLambdaValidationException" => (Misconfigured, "a Lambda trigger of the pool failed"),
        "InvalidSmsRoleAccessPolicyException" | "InvalidSmsRoleTrustRelationshipException" => {
            (Misconfigured, "the pool's SMS role is not usable")
        }
        // RevokeToken: the client secret does not match the app client.
        "UnauthorizedException" => (Misconfigured, "the app client's secret was refused"),
        "UnsupportedTokenTypeException" => (InvalidToken, "that is not a refresh token"),
        "InvalidEmailRoleAccessPolicyException" => (
            Misconfigured,
            "the pool's email configuration is not usable",
        ),
        "ForbiddenException" => (
            Misconfigured,
            "the pool's AWS WAF web ACL blocked the request",
        ),

        "ConcurrentModificationException" => (
            Unavailable,
            "the user was being changed concurrently; retry",
        ),
        "InternalErrorException" => (Unavailable, "Cognito reported an internal error"),
        _ => (Unavailable, "an exception the gateway does not know"),
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorKind::*;
    use super::*;

    const SIGN_IN: Operation = Operation::InitiateAuth;
    const RESPOND: Operation = Operation::RespondToAuthChallenge;
    const ASSOCIATE_TOKEN: Operation = Operation::AssociateSoftwareToken { by_session: false };
    const ASSOCIATE_SESSION: Operation = Operation::AssociateSoftwareToken { by_session: true };
    const VERIFY_TOKEN: Operation = Operation::VerifySoftwareToken { by_session: false };
    const VERIFY_SESSION: Operation = Operation::VerifySoftwareToken { by_session: true };
    const PREFERENCE: Operation = Operation::SetUserMfaPreference;
    const GET_USER: Operation = Operation::GetUser;

    fn kind(operation: Operation, code: &str, message: &str) -> ErrorKind {
        classify(operation, code, message).0
    }

    /// Checks every exception an operation's API model declares, with a plain message.
    fn assert_table(operation: Operation, table: &[(&str, ErrorKind)]) {
        for (code, expected) in table {
            assert_eq!(kind(operation, code, "x"), *expected, "{operation} {code}");
        }
    }

    /// The exceptions every operation below declares, and what they mean everywhere.
    const SHARED: [(&str, ErrorKind); 4] = [
        ("ForbiddenException", Misconfigured),
        ("InternalErrorException", Unavailable),
        ("OperationNotEnabledException", Misconfigured),
        ("InvalidParameterException", InvalidParameter),
    ];

    /// Every exception of InitiateAuth, as listed in the SDK's `InitiateAuthError`.
    #[test]
    fn initiate_auth_exceptions() {
        assert_table(SIGN_IN, &SHARED);
        assert_table(
            SIGN_IN,
            &[
                ("FeatureUnavailableInTierException", Misconfigured),
                ("InvalidEmailRoleAccessPolicyException", Misconfigured),
                ("InvalidLambdaResponseException", Misconfigured),
                ("InvalidSmsRoleAccessPolicyException", Misconfigured),
                ("InvalidSmsRoleTrustRelationshipException", Misconfigured),
                ("InvalidUserPoolConfigurationException", Misconfigured),
                ("NotAuthorizedException", InvalidCredentials),
                ("PasswordResetRequiredException", PasswordResetRequired),
                ("ResourceNotFoundException", Misconfigured),
                ("TooManyRequestsException", TooManyRequests),
                ("UnexpectedLambdaException", Misconfigured),
                ("UnsupportedOperationException", Misconfigured),
                ("UserLambdaValidationException", Misconfigured),
                ("UserNotConfirmedException", UserNotConfirmed),
                ("UserNotFoundException", InvalidCredentials),
            ],
        );
    }

    /// Every exception of RespondToAuthChallenge.
    #[test]
    fn respond_to_auth_challenge_exceptions() {
        assert_table(RESPOND, &SHARED);
        assert_table(
            RESPOND,
            &[
                ("AliasExistsException", InvalidParameter),
                ("CodeMismatchException", CodeMismatch),
                ("ExpiredCodeException", CodeMismatch),
                ("InvalidEmailRoleAccessPolicyException", Misconfigured),
                ("InvalidLambdaResponseException", Misconfigured),
                ("InvalidPasswordException", InvalidPassword),
                ("InvalidSmsRoleAccessPolicyException", Misconfigured),
                ("InvalidSmsRoleTrustRelationshipException", Misconfigured),
                ("InvalidUserPoolConfigurationException", Misconfigured),
                ("MFAMethodNotFoundException", TotpNotAssociated),
                ("NotAuthorizedException", SessionExpired),
                ("PasswordHistoryPolicyViolationException", InvalidPassword),
                ("PasswordResetRequiredException", PasswordResetRequired),
                ("ResourceNotFoundException", SessionExpired),
                ("SoftwareTokenMFANotFoundException", TotpNotAssociated),
                ("TooManyRequestsException", TooManyRequests),
                ("UnexpectedLambdaException", Misconfigured),
                ("UserLambdaValidationException", Misconfigured),
                ("UserNotConfirmedException", UserNotConfirmed),
                ("UserNotFoundException", SessionExpired),
            ],
        );
    }

    /// Every exception of AssociateSoftwareToken, by token and by session.
    #[test]
    fn associate_software_token_exceptions() {
        assert_table(ASSOCIATE_TOKEN, &SHARED);
        assert_table(
            ASSOCIATE_TOKEN,
            &[
                ("ConcurrentModificationException", Unavailable),
                ("NotAuthorizedException", InvalidToken),
                ("ResourceNotFoundException", Misconfigured),
                ("SoftwareTokenMFANotFoundException", TotpNotAssociated),
            ],
        );
        // moto answers an unknown session with NotAuthorizedException.
        assert_table(
            ASSOCIATE_SESSION,
            &[
                ("NotAuthorizedException", SessionExpired),
                ("ResourceNotFoundException", SessionExpired),
            ],
        );
    }

    /// Every exception of VerifySoftwareToken, by token and by session.
    #[test]
    fn verify_software_token_exceptions() {
        let table = [
            ("CodeMismatchException", CodeMismatch),
            ("EnableSoftwareTokenMFAException", CodeMismatch),
            ("InvalidUserPoolConfigurationException", Misconfigured),
            ("PasswordResetRequiredException", PasswordResetRequired),
            ("SoftwareTokenMFANotFoundException", TotpNotAssociated),
            ("TooManyRequestsException", TooManyRequests),
            ("UserNotConfirmedException", UserNotConfirmed),
        ];
        for operation in [VERIFY_TOKEN, VERIFY_SESSION] {
            assert_table(operation, &SHARED);
            assert_table(operation, &table);
        }
        assert_table(
            VERIFY_TOKEN,
            &[
                ("NotAuthorizedException", InvalidToken),
                ("ResourceNotFoundException", Misconfigured),
                ("UserNotFoundException", InvalidToken),
            ],
        );
        assert_table(
            VERIFY_SESSION,
            &[
                ("NotAuthorizedException", SessionExpired),
                ("ResourceNotFoundException", SessionExpired),
                ("UserNotFoundException", SessionExpired),
            ],
        );
    }

    /// Every exception of SetUserMFAPreference and GetUser.
    #[test]
    fn token_operation_exceptions() {
        for operation in [PREFERENCE, GET_USER] {
            assert_table(operation, &SHARED);
            assert_table(
                operation,
                &[
                    ("NotAuthorizedException", InvalidToken),
                    ("PasswordResetRequiredException", PasswordResetRequired),
                    ("ResourceNotFoundException", Misconfigured),
                    ("UserNotConfirmedException", UserNotConfirmed),
                    ("UserNotFoundException", InvalidToken),
                ],
            );
        }
        assert_eq!(
            kind(GET_USER, "TooManyRequestsException", ""),
            TooManyRequests
        );
    }

    /// A refused SRP proof is a wrong password, like a refused InitiateAuth.
    #[test]
    fn password_verifier_exceptions() {
        const VERIFIER: Operation = Operation::PasswordVerifier;
        assert_table(VERIFIER, &SHARED);
        assert_table(
            VERIFIER,
            &[
                ("NotAuthorizedException", InvalidCredentials),
                ("UserNotFoundException", InvalidCredentials),
                ("ResourceNotFoundException", Misconfigured),
                ("CodeMismatchException", CodeMismatch),
                ("TooManyRequestsException", TooManyRequests),
            ],
        );
        assert_eq!(
            kind(
                VERIFIER,
                "NotAuthorizedException",
                "Password attempts exceeded"
            ),
            TooManyRequests
        );
    }

    /// Every exception of the token life-cycle calls.
    #[test]
    fn token_lifecycle_exceptions() {
        const REFRESH: Operation = Operation::RefreshTokens;
        assert_table(REFRESH, &SHARED);
        assert_table(
            REFRESH,
            &[
                ("NotAuthorizedException", InvalidToken),
                ("UserNotFoundException", InvalidToken),
                ("ResourceNotFoundException", Misconfigured),
                ("TooManyRequestsException", TooManyRequests),
            ],
        );
        assert_eq!(
            kind(
                REFRESH,
                "NotAuthorizedException",
                "Refresh Token has been revoked"
            ),
            InvalidToken
        );
        const SIGN_OUT: Operation = Operation::GlobalSignOut;
        assert_table(SIGN_OUT, &SHARED);
        assert_table(
            SIGN_OUT,
            &[
                ("NotAuthorizedException", InvalidToken),
                ("PasswordResetRequiredException", PasswordResetRequired),
                ("ResourceNotFoundException", Misconfigured),
                ("TooManyRequestsException", TooManyRequests),
                ("UserNotConfirmedException", UserNotConfirmed),
            ],
        );
        const REVOKE: Operation = Operation::RevokeToken;
        assert_table(REVOKE, &SHARED);
        assert_table(
            REVOKE,
            &[
                ("TooManyRequestsException", TooManyRequests),
                ("UnauthorizedException", Misconfigured),
                ("UnsupportedOperationException", Misconfigured),
                ("UnsupportedTokenTypeException", InvalidToken),
            ],
        );
    }

    /// Messages that change an exception's meaning, in Cognito's and moto's wording.
    #[test]
    fn message_content_overrides_the_name() {
        let not_auth = "NotAuthorizedException";
        assert_eq!(
            kind(SIGN_IN, not_auth, "Password attempts exceeded"),
            TooManyRequests
        );
        assert_eq!(
            kind(
                SIGN_IN,
                not_auth,
                "Unable to verify secret hash for client abc"
            ),
            Misconfigured
        );
        assert_eq!(
            kind(
                SIGN_IN,
                "InvalidParameterException",
                "USER_PASSWORD_AUTH flow not enabled for this client"
            ),
            Misconfigured
        );
        assert_eq!(
            kind(
                SIGN_IN,
                not_auth,
                "Temporary password has expired and must be reset by an administrator."
            ),
            TemporaryPasswordExpired
        );
        assert_eq!(
            kind(
                RESPOND,
                not_auth,
                "Invalid session for the user, session is expired."
            ),
            SessionExpired
        );
        // Preferring TOTP before verifying it, in both moto's and Cognito's wording.
        for message in [
            "User has not verified software token mfa",
            "User has not verified software token MFA",
        ] {
            assert_eq!(
                kind(PREFERENCE, "InvalidParameterException", message),
                TotpNotVerified
            );
        }
        assert_eq!(
            kind(PREFERENCE, "InvalidParameterException", "other"),
            InvalidParameter
        );
    }

    /// Only Cognito's fixed policy wording is passed on to clients.
    #[test]
    fn password_policy_detail_is_filtered() {
        let err = CognitoError::from_exception(
            RESPOND,
            "InvalidPasswordException",
            Some("Password does not conform to policy: Password not long enough"),
        );
        assert_eq!(err.kind, InvalidPassword);
        assert_eq!(
            err.client_detail.as_deref(),
            Some("Password not long enough")
        );

        let moto = CognitoError::from_exception(
            RESPOND,
            "InvalidPasswordException",
            Some("The provided password does not confirm to the configured password policy"),
        );
        assert_eq!(moto.client_detail, None);
    }

    /// An exception nobody has seen yet is an upstream failure, not a client error.
    #[test]
    fn unknown_exceptions_are_upstream_failures() {
        assert_eq!(kind(SIGN_IN, "BrandNewException", "x"), Unavailable);
    }
}

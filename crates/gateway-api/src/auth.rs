//! Sign-in bodies: `/login`, `/mfa/respond`, and the tokens-or-challenge answer they share.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{AccessToken, IdToken, MfaCode, MfaMethod, Password, RefreshToken, Session};

/// `POST /login`: username and password.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({ "username": "demo", "password": "Demo-Passw0rd!" }))]
pub struct LoginRequest {
    /// The name, alias or email the user signs in with.
    #[schema(min_length = 1, max_length = 128)]
    pub username: String,
    /// The user's password.
    pub password: Password,
}

/// The Cognito challenges the gateway can hand to a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ChallengeName {
    /// A code from the user's authenticator app.
    SoftwareTokenMfa,
    /// A code Cognito sent by SMS.
    SmsMfa,
    /// A code Cognito sent by email.
    EmailOtp,
    /// The user has several second factors and must pick one.
    SelectMfaType,
    /// The pool requires MFA and the user has none yet: set one up.
    MfaSetup,
    /// An administrator created the user with a temporary password.
    NewPasswordRequired,
}

impl ChallengeName {
    /// The name Cognito uses on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA",
            Self::SmsMfa => "SMS_MFA",
            Self::EmailOtp => "EMAIL_OTP",
            Self::SelectMfaType => "SELECT_MFA_TYPE",
            Self::MfaSetup => "MFA_SETUP",
            Self::NewPasswordRequired => "NEW_PASSWORD_REQUIRED",
        }
    }

    /// Parses Cognito's wire name; `None` for challenges the gateway does not support.
    pub fn from_cognito(name: &str) -> Option<Self> {
        [
            Self::SoftwareTokenMfa,
            Self::SmsMfa,
            Self::EmailOtp,
            Self::SelectMfaType,
            Self::MfaSetup,
            Self::NewPasswordRequired,
        ]
        .into_iter()
        .find(|known| known.as_str() == name)
    }
}

/// `POST /mfa/respond`: the answer to the challenge a previous step returned.
///
/// Which answer field is needed depends on `challenge`: `code` for the one-time-code
/// challenges (`SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `EMAIL_OTP`), `answer` for
/// `SELECT_MFA_TYPE`, `new_password` (and `attributes` where the challenge asked for them)
/// for `NEW_PASSWORD_REQUIRED`. Fields another challenge needs are ignored.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({
    "username": "demo",
    "session": "AYABeC0k...",
    "challenge": "SOFTWARE_TOKEN_MFA",
    "code": "123456"
}))]
pub struct RespondRequest {
    /// The `username` the challenge response carried.
    pub username: String,
    /// The `session` the challenge response carried.
    pub session: Session,
    /// The challenge being answered.
    pub challenge: ChallengeName,
    /// The one-time code, for the code challenges (spaces are ignored).
    #[serde(default)]
    pub code: Option<MfaCode>,
    /// The chosen factor, for `SELECT_MFA_TYPE`: one of the challenge's `options`.
    #[serde(default)]
    pub answer: Option<MfaMethod>,
    /// The user's new password, for `NEW_PASSWORD_REQUIRED`.
    #[serde(default)]
    pub new_password: Option<Password>,
    /// Values for the challenge's `required_attributes`, for `NEW_PASSWORD_REQUIRED`.
    #[serde(default)]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// The answer of every step that can end a sign-in: tokens, or the next challenge.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SignInResponse {
    /// Sign-in is complete.
    Authenticated {
        /// The user's new tokens.
        tokens: Tokens,
    },
    /// Cognito wants one more step; send it to `/mfa/respond` (or `/totp/*` for `MFA_SETUP`).
    Challenge(SignInChallenge),
}

/// A challenge to answer, with what the next step must send back.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "challenge": "SOFTWARE_TOKEN_MFA",
    "session": "AYABeC0k...",
    "username": "demo",
    "expires_in": 180
}))]
pub struct SignInChallenge {
    /// Which challenge Cognito issued.
    pub challenge: ChallengeName,
    /// Cognito's session token; send it back unchanged with the answer.
    pub session: Session,
    /// The username the next step must send (Cognito's own name for the user, which can
    /// differ from the alias or email typed at sign-in).
    pub username: String,
    /// Seconds the session stays valid.
    pub expires_in: u64,
    /// The second factors on offer, for `MFA_SETUP` and `SELECT_MFA_TYPE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<MfaMethod>>,
    /// Where the code was sent, masked (`+*******1234`), for `SMS_MFA` and `EMAIL_OTP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// How the code was sent (`SMS` or `EMAIL`), for `SMS_MFA` and `EMAIL_OTP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_medium: Option<String>,
    /// Attributes to send with the new password, for `NEW_PASSWORD_REQUIRED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_attributes: Option<Vec<String>>,
    /// For `MFA_SETUP` offering only SMS or email: the attribute (`phone_number` or
    /// `email`) the user's account must have before that factor can be set up. The
    /// gateway cannot set it during sign-in; an administrator or the app must.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setup_requires_attribute: Option<String>,
}

/// Tokens issued at the end of a sign-in.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "access_token": "eyJraWQiOiJ...",
    "id_token": "eyJraWQiOiJ...",
    "refresh_token": "eyJjdHkiOiJKV1Qi...",
    "expires_in": 3600,
    "token_type": "Bearer"
}))]
pub struct Tokens {
    /// The access token, for `Authorization: Bearer`.
    pub access_token: AccessToken,
    /// The ID token with the user's claims.
    pub id_token: IdToken,
    /// The refresh token (absent when Cognito issues none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<RefreshToken>,
    /// Seconds until the access and ID tokens expire.
    pub expires_in: i32,
    /// Always `Bearer`.
    pub token_type: String,
}

/// `POST /token/refresh`: new access and ID tokens for a refresh token.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({ "refresh_token": "eyJjdHkiOiJKV1Qi..." }))]
pub struct RefreshRequest {
    /// The refresh token from an earlier sign-in.
    pub refresh_token: RefreshToken,
    /// Cognito's username for the user; needed only when the app client has a secret
    /// (SECRET_HASH is computed over it).
    #[serde(default)]
    pub username: Option<String>,
}

/// `POST /logout` without a Bearer token: revokes one refresh token.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({ "refresh_token": "eyJjdHkiOiJKV1Qi..." }))]
pub struct LogoutRequest {
    /// The refresh token to revoke, with the access tokens issued from it.
    pub refresh_token: RefreshToken,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every supported challenge round-trips between Cognito's name and the enum, and
    /// the serde name is the same string.
    #[test]
    fn challenge_names_match_cognito() -> Result<(), serde_json::Error> {
        for name in [
            "SOFTWARE_TOKEN_MFA",
            "SMS_MFA",
            "EMAIL_OTP",
            "SELECT_MFA_TYPE",
        ]
        .into_iter()
        .chain(["MFA_SETUP", "NEW_PASSWORD_REQUIRED"])
        {
            let parsed = ChallengeName::from_cognito(name);
            assert_eq!(parsed.map(ChallengeName::as_str), Some(name));
            let json: ChallengeName = serde_json::from_str(&format!("\"{name}\""))?;
            assert_eq!(Some(json), parsed);
        }
        assert_eq!(ChallengeName::from_cognito("CUSTOM_CHALLENGE"), None);
        Ok(())
    }

    /// The two answers are told apart by `status`.
    #[test]
    fn sign_in_response_is_tagged_by_status() -> Result<(), serde_json::Error> {
        let challenge = SignInResponse::Challenge(SignInChallenge {
            challenge: ChallengeName::MfaSetup,
            session: Session::new("s"),
            username: "u".into(),
            expires_in: 180,
            options: Some(vec![MfaMethod::SoftwareTokenMfa]),
            destination: None,
            delivery_medium: None,
            required_attributes: None,
            setup_requires_attribute: None,
        });
        let json = serde_json::to_value(&challenge)?;
        assert_eq!(json["status"], "challenge");
        assert_eq!(json["challenge"], "MFA_SETUP");
        assert_eq!(json["options"][0], "SOFTWARE_TOKEN_MFA");
        assert!(
            json.get("destination").is_none(),
            "absent fields are left out"
        );
        Ok(())
    }
}

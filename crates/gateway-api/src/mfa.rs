//! Authenticator-app enrolment and MFA preference bodies: `/totp/*` and `/mfa/preference`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{MfaCode, Session, TotpSecret, TotpUri};

/// A second factor Cognito knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MfaMethod {
    /// An authenticator app (TOTP).
    SoftwareTokenMfa,
    /// A code by SMS.
    SmsMfa,
    /// A code by email.
    EmailOtp,
}

impl MfaMethod {
    /// The name Cognito uses on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA",
            Self::SmsMfa => "SMS_MFA",
            Self::EmailOtp => "EMAIL_OTP",
        }
    }

    /// Parses Cognito's wire name; `None` for a method this gateway does not know.
    pub fn from_cognito(name: &str) -> Option<Self> {
        [Self::SoftwareTokenMfa, Self::SmsMfa, Self::EmailOtp]
            .into_iter()
            .find(|known| known.as_str() == name)
    }
}

/// `POST /totp/associate` during sign-in (an `MFA_SETUP` challenge), instead of a Bearer token.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({ "session": "AYABeC0k...", "username": "demo" }))]
pub struct AssociateSessionRequest {
    /// The `session` of the `MFA_SETUP` challenge.
    pub session: Session,
    /// The `username` of the `MFA_SETUP` challenge.
    pub username: String,
}

/// What an authenticator app needs: the secret, as text, as a URI and as a QR code.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "secret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    "otpauth_uri": "otpauth://totp/Acme%20Corp:demo%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme%20Corp&algorithm=SHA1&digits=6&period=30",
    "qr_png": "data:image/png;base64,iVBORw0KGgo..."
}))]
pub struct TotpEnrolment {
    /// The base32 secret, for typing into an app by hand.
    pub secret: TotpSecret,
    /// The `otpauth://totp/...` URI that apps import.
    pub otpauth_uri: TotpUri,
    /// A `data:image/png;base64,...` QR code of `otpauth_uri`.
    pub qr_png: TotpUri,
    /// The session for the next step, when enrolling during sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Session>,
}

/// `POST /totp/verify`: the first code from the newly set-up app.
///
/// With a Bearer token only `code` (and optionally `device_name`) is sent; during sign-in
/// `session` and `username` come from the `MFA_SETUP` challenge (or `/totp/associate`).
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({ "code": "123 456", "device_name": "My phone" }))]
pub struct VerifyRequest {
    /// The current code shown by the app.
    pub code: MfaCode,
    /// A name for the device, shown in Cognito.
    #[serde(default)]
    pub device_name: Option<String>,
    /// The session, when verifying during sign-in.
    #[serde(default)]
    pub session: Option<Session>,
    /// The username, when verifying during sign-in.
    #[serde(default)]
    pub username: Option<String>,
}

/// The answer of `/totp/verify` with a Bearer token.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct VerifiedResponse {
    /// Always `verified`: the app is now a usable second factor.
    pub status: VerifiedStatus,
}

/// The single state `/totp/verify` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerifiedStatus {
    /// The code matched.
    Verified,
}

impl VerifiedResponse {
    /// The one possible answer.
    pub fn verified() -> Self {
        Self {
            status: VerifiedStatus::Verified,
        }
    }
}

/// One factor's setting in `PUT /mfa/preference`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaSetting {
    /// Whether the factor may be used at sign-in.
    pub enabled: bool,
    /// Whether it is the one Cognito asks for first.
    #[serde(default)]
    pub preferred: bool,
}

/// `PUT /mfa/preference`: only the blocks given are changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({ "totp": { "enabled": true, "preferred": true } }))]
#[serde(deny_unknown_fields)]
pub struct MfaPreferenceUpdate {
    /// The authenticator app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp: Option<MfaSetting>,
    /// SMS codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<MfaSetting>,
}

/// A user's MFA state, as Cognito reports it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "enabled": ["SOFTWARE_TOKEN_MFA"], "preferred": "SOFTWARE_TOKEN_MFA" }))]
pub struct MfaPreference {
    /// The factors that are on.
    pub enabled: Vec<MfaMethod>,
    /// The factor asked for first, if the user chose one.
    pub preferred: Option<MfaMethod>,
}

//! The operations the gateway needs from a user pool, in the gateway's own types.

use std::collections::BTreeMap;

use async_trait::async_trait;
use gateway_api::{
    AccessToken, ChallengeName, MfaCode, MfaMethod, MfaPreference, MfaPreferenceUpdate, Password,
    RefreshToken, Session, Tokens, TotpSecret,
};

use crate::CognitoError;

/// Where a sign-in stands after a call.
#[derive(Debug)]
pub enum AuthStep {
    /// The user is signed in.
    Authenticated(Tokens),
    /// Cognito asks for another step.
    Challenge(IssuedChallenge),
}

/// A challenge Cognito issued, already parsed out of its string map.
#[derive(Debug)]
pub struct IssuedChallenge {
    /// The challenge.
    pub name: ChallengeName,
    /// The session token for answering it.
    pub session: Session,
    /// Cognito's name for the user, when the challenge carried one (`USER_ID_FOR_SRP`,
    /// else `USERNAME`). The answer must be sent with this name, not the alias typed.
    pub username: Option<String>,
    /// The factors on offer (`MFAS_CAN_SETUP` or `MFAS_CAN_CHOOSE`).
    pub mfa_options: Vec<MfaMethod>,
    /// Where a code was sent, masked (`CODE_DELIVERY_DESTINATION`).
    pub destination: Option<String>,
    /// How a code was sent (`CODE_DELIVERY_DELIVERY_MEDIUM`).
    pub delivery_medium: Option<String>,
    /// Attributes the user must supply with a new password, without the ones no user
    /// may write.
    pub required_attributes: Vec<String>,
}

/// An answer to a challenge; each carries exactly what its challenge needs.
#[derive(Debug)]
pub enum ChallengeAnswer {
    /// A one-time code, already normalised, for `SOFTWARE_TOKEN_MFA`, `SMS_MFA` or
    /// `EMAIL_OTP`.
    Code {
        /// The factor the code is for.
        method: MfaMethod,
        /// The code.
        code: MfaCode,
    },
    /// The factor chosen at `SELECT_MFA_TYPE`.
    SelectedMfa(MfaMethod),
    /// The user's new password, with the attributes the challenge required.
    NewPassword {
        /// The new password.
        password: Password,
        /// Attribute names (without Cognito's `userAttributes.` prefix) and values.
        attributes: BTreeMap<String, String>,
    },
    /// Completes `MFA_SETUP` after the new app was verified with the session.
    MfaSetupVerified,
}

/// Who an authenticator-app call is for: a signed-in user or a sign-in in progress.
#[derive(Debug, Clone, Copy)]
pub enum Principal<'a> {
    /// A signed-in user, by access token.
    AccessToken(&'a AccessToken),
    /// A sign-in at its `MFA_SETUP` challenge, by session.
    Session(&'a Session),
}

/// The secret of a new authenticator app.
#[derive(Debug)]
pub struct SoftwareToken {
    /// The base32 secret.
    pub secret: TotpSecret,
    /// The next session, when associating during sign-in.
    pub session: Option<Session>,
}

/// What the gateway needs to know about a signed-in user.
#[derive(Debug)]
pub struct UserProfile {
    /// Cognito's username.
    pub username: String,
    /// The `email` attribute, if the user has one.
    pub email: Option<String>,
    /// The user's MFA state.
    pub mfa: MfaPreference,
}

/// The user-pool operations behind the gateway's endpoints.
///
/// None of them needs AWS credentials: they are the calls a user makes for themselves,
/// authorised by their password, session or access token.
#[async_trait]
pub trait IdentityProvider: Send + Sync {
    /// Starts a sign-in with username and password.
    async fn sign_in(&self, username: &str, password: &Password) -> Result<AuthStep, CognitoError>;

    /// Answers the challenge `session` was issued for.
    async fn respond(
        &self,
        username: &str,
        session: &Session,
        answer: ChallengeAnswer,
    ) -> Result<AuthStep, CognitoError>;

    /// Asks Cognito for a new authenticator-app secret.
    async fn associate_software_token(
        &self,
        principal: Principal<'_>,
    ) -> Result<SoftwareToken, CognitoError>;

    /// Checks the first code of a new authenticator app. Returns the next session when
    /// called with one.
    async fn verify_software_token(
        &self,
        principal: Principal<'_>,
        code: &MfaCode,
        device_name: Option<&str>,
    ) -> Result<Option<Session>, CognitoError>;

    /// Reads the signed-in user.
    async fn get_user(&self, access_token: &AccessToken) -> Result<UserProfile, CognitoError>;

    /// New access and ID tokens for a refresh token. `username` is Cognito's name for
    /// the user, needed for SECRET_HASH when the app client has a secret.
    async fn refresh(
        &self,
        refresh_token: &RefreshToken,
        username: Option<&str>,
    ) -> Result<Tokens, CognitoError>;

    /// Signs the user out of every device: all their tokens stop working.
    async fn sign_out_everywhere(&self, access_token: &AccessToken) -> Result<(), CognitoError>;

    /// Revokes one refresh token and the access tokens issued from it.
    async fn revoke(&self, refresh_token: &RefreshToken) -> Result<(), CognitoError>;

    /// Changes the MFA settings given, leaving the others as they are.
    async fn set_mfa_preference(
        &self,
        access_token: &AccessToken,
        update: MfaPreferenceUpdate,
    ) -> Result<(), CognitoError>;
}

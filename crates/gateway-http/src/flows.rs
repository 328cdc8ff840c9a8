//! The product's flows: sign-in, challenges, authenticator enrolment and MFA preference.
//!
//! Handlers hand their decoded requests to [`Gateway`], which validates what it can
//! locally (so bad input never reaches Cognito), calls the [`IdentityProvider`], and
//! shapes the answer. Nothing is stored between requests: every step carries what the
//! next one needs.

use std::sync::Arc;
use std::time::Duration;

use gateway_api::{
    AccessToken, ChallengeName, LoginRequest, MfaCode, MfaMethod, MfaPreference,
    MfaPreferenceUpdate, MfaSetting, RefreshRequest, RefreshToken, RespondRequest, Session,
    SignInChallenge, SignInResponse, TotpEnrolment, TotpSecret, TotpUri, VerifiedResponse,
};
use gateway_cognito::{
    AuthStep, ChallengeAnswer, IdentityProvider, Principal, is_user_writable_attribute,
};
use serde::Serialize;

use crate::ApiError;
use crate::enrolment::{otpauth_uri, qr_png_data_url};
use crate::extract::MAX_TOKEN_BYTES;

/// Cognito's limit on usernames.
const MAX_USERNAME_CHARS: usize = 128;
/// Cognito's limit on passwords.
const MAX_PASSWORD_CHARS: usize = 256;
/// Characters of the account label kept when the full one does not fit a QR code.
const MAX_LABEL_FALLBACK_CHARS: usize = 64;
/// Cognito's limit on device names.
const MAX_DEVICE_NAME_CHARS: usize = 64;

/// Settings of the flows that do not concern Cognito's connection.
#[derive(Debug, Clone)]
pub struct FlowSettings {
    /// The issuer name authenticator apps show next to the code.
    pub totp_issuer: String,
    /// How long Cognito keeps a sign-in session (the pool's app-client setting).
    pub session_ttl: Duration,
}

/// Who is enrolling an authenticator app.
#[derive(Debug)]
pub enum Enrollee {
    /// A signed-in user, turning 2FA on.
    SignedIn(AccessToken),
    /// A user in the middle of signing in, at an `MFA_SETUP` challenge.
    SigningIn {
        /// The challenge's session.
        session: Session,
        /// The challenge's username.
        username: String,
    },
}

impl Enrollee {
    fn principal(&self) -> Principal<'_> {
        match self {
            Self::SignedIn(token) => Principal::AccessToken(token),
            Self::SigningIn { session, .. } => Principal::Session(session),
        }
    }
}

/// What `/logout` ends.
#[derive(Debug)]
pub enum SignOut {
    /// Every session of the user whose access token this is.
    Everywhere(AccessToken),
    /// One refresh token and the access tokens issued from it.
    RefreshToken(RefreshToken),
}

/// The answer of `/totp/verify`, which depends on who verified.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum VerifyOutcome {
    /// A signed-in user's app is verified.
    Verified(VerifiedResponse),
    /// The sign-in that was waiting for MFA set-up moved on (normally to tokens).
    SignIn(SignInResponse),
}

/// The flows, over one identity provider.
#[derive(Clone)]
pub struct Gateway {
    idp: Arc<dyn IdentityProvider>,
    settings: FlowSettings,
}

impl Gateway {
    /// Runs the flows against `idp`.
    pub fn new(idp: Arc<dyn IdentityProvider>, settings: FlowSettings) -> Self {
        Self { idp, settings }
    }

    /// `POST /login`.
    pub async fn login(&self, request: LoginRequest) -> Result<SignInResponse, ApiError> {
        check_username(&request.username)?;
        check_password(request.password.expose(), "password")?;
        let step = self
            .idp
            .sign_in(&request.username, &request.password)
            .await?;
        Ok(self.sign_in_response(step, request.username))
    }

    /// `POST /mfa/respond`: answers the challenge exactly once (a retry could spend the
    /// single-use session, or send another SMS).
    pub async fn respond(&self, request: RespondRequest) -> Result<SignInResponse, ApiError> {
        check_username(&request.username)?;
        check_session(&request.session)?;
        let (username, session) = (request.username.clone(), request.session.clone());
        let answer = challenge_answer(request)?;
        let step = self.idp.respond(&username, &session, answer).await?;
        Ok(self.sign_in_response(step, username))
    }

    /// `POST /totp/associate`: a new secret, as text, URI and QR code.
    pub async fn associate(&self, enrollee: Enrollee) -> Result<TotpEnrolment, ApiError> {
        let (token, account) = match &enrollee {
            Enrollee::SignedIn(access_token) => {
                // The label comes from Cognito, never from the request. GetUser goes first:
                // it is cheap and retried, and failing before AssociateSoftwareToken means
                // no new secret is issued for an answer the client never gets.
                let user = self.idp.get_user(access_token).await?;
                let token = self
                    .idp
                    .associate_software_token(enrollee.principal())
                    .await?;
                (token, user.email.unwrap_or(user.username))
            }
            Enrollee::SigningIn { session, username } => {
                check_session(session)?;
                check_username(username)?;
                // TODO(no user-facing Cognito call reads attributes by session; the email
                // would need admin credentials): label with the challenge's username.
                let token = self
                    .idp
                    .associate_software_token(enrollee.principal())
                    .await?;
                (token, username.clone())
            }
        };
        let (otpauth_uri, qr_png) = self.enrolment_artefacts(&account, &token.secret)?;
        Ok(TotpEnrolment {
            secret: token.secret,
            otpauth_uri,
            qr_png,
            session: token.session,
        })
    }

    /// The URI and QR code labelled with `account`.
    ///
    /// A user can make their email long enough (hundreds of `+` signs percent-encode to
    /// three bytes each) that the URI no longer fits a QR code; the label then falls back
    /// to a short form rather than failing after Cognito has issued the secret.
    fn enrolment_artefacts(
        &self,
        account: &str,
        secret: &TotpSecret,
    ) -> Result<(TotpUri, TotpUri), ApiError> {
        let issuer = &self.settings.totp_issuer;
        let short: String = account.chars().take(MAX_LABEL_FALLBACK_CHARS).collect();
        [account, short.as_str()]
            .into_iter()
            .find_map(|label| {
                let uri = otpauth_uri(issuer, label, secret);
                qr_png_data_url(&uri).ok().map(|qr| (uri, qr))
            })
            .ok_or(ApiError::Internal("QR rendering of the otpauth URI failed"))
    }

    /// `POST /totp/verify`: checks the first code; during sign-in, completes `MFA_SETUP`.
    pub async fn verify(
        &self,
        enrollee: Enrollee,
        code: &MfaCode,
        device_name: Option<&str>,
    ) -> Result<VerifyOutcome, ApiError> {
        let code = code.normalised().ok_or(ApiError::InvalidCodeFormat)?;
        let device_name = device_name.map(str::trim).filter(|name| !name.is_empty());
        if device_name.is_some_and(|name| name.chars().count() > MAX_DEVICE_NAME_CHARS) {
            return Err(ApiError::InvalidRequest(
                format!("`device_name` is at most {MAX_DEVICE_NAME_CHARS} characters.").into(),
            ));
        }
        if let Enrollee::SigningIn { session, username } = &enrollee {
            check_session(session)?;
            check_username(username)?;
        }
        let next_session = self
            .idp
            .verify_software_token(enrollee.principal(), &code, device_name)
            .await?;
        match enrollee {
            Enrollee::SignedIn(_) => Ok(VerifyOutcome::Verified(VerifiedResponse::verified())),
            Enrollee::SigningIn { session, username } => {
                let session = next_session.unwrap_or(session);
                let step = self
                    .idp
                    .respond(&username, &session, ChallengeAnswer::MfaSetupVerified)
                    .await?;
                Ok(VerifyOutcome::SignIn(self.sign_in_response(step, username)))
            }
        }
    }

    /// `POST /token/refresh`.
    pub async fn refresh(&self, request: RefreshRequest) -> Result<SignInResponse, ApiError> {
        check_token(request.refresh_token.expose(), "refresh_token")?;
        if let Some(username) = &request.username {
            check_username(username)?;
        }
        let tokens = self
            .idp
            .refresh(&request.refresh_token, request.username.as_deref())
            .await?;
        Ok(SignInResponse::Authenticated { tokens })
    }

    /// `POST /logout`: ends every session of the user, or just one refresh token's.
    pub async fn logout(&self, scope: SignOut) -> Result<(), ApiError> {
        match scope {
            SignOut::Everywhere(token) => Ok(self.idp.sign_out_everywhere(&token).await?),
            SignOut::RefreshToken(token) => {
                check_token(token.expose(), "refresh_token")?;
                Ok(self.idp.revoke(&token).await?)
            }
        }
    }

    /// `GET /mfa/preference`.
    pub async fn mfa_preference(&self, token: &AccessToken) -> Result<MfaPreference, ApiError> {
        Ok(self.idp.get_user(token).await?.mfa)
    }

    /// `PUT /mfa/preference`: changes the factors given and answers the resulting state.
    pub async fn set_mfa_preference(
        &self,
        token: &AccessToken,
        update: MfaPreferenceUpdate,
    ) -> Result<MfaPreference, ApiError> {
        check_preference_update(&update)?;
        self.idp.set_mfa_preference(token, update).await?;
        self.mfa_preference(token).await
    }

    fn sign_in_response(&self, step: AuthStep, typed_username: String) -> SignInResponse {
        match step {
            AuthStep::Authenticated(tokens) => SignInResponse::Authenticated { tokens },
            AuthStep::Challenge(challenge) => {
                let offers_options = matches!(
                    challenge.name,
                    ChallengeName::MfaSetup | ChallengeName::SelectMfaType
                );
                let asks_attributes = challenge.name == ChallengeName::NewPasswordRequired
                    && !challenge.required_attributes.is_empty();
                let setup_requires_attribute = (challenge.name == ChallengeName::MfaSetup)
                    .then(|| setup_requires_attribute(&challenge.mfa_options))
                    .flatten();
                SignInResponse::Challenge(SignInChallenge {
                    challenge: challenge.name,
                    session: challenge.session,
                    username: challenge.username.unwrap_or(typed_username),
                    expires_in: self.settings.session_ttl.as_secs(),
                    options: offers_options.then_some(challenge.mfa_options),
                    destination: challenge.destination,
                    delivery_medium: challenge.delivery_medium,
                    required_attributes: asks_attributes.then_some(challenge.required_attributes),
                    setup_requires_attribute,
                })
            }
        }
    }
}

/// The answer to send for the request's challenge, built from the fields it needs.
fn challenge_answer(request: RespondRequest) -> Result<ChallengeAnswer, ApiError> {
    let challenge = request.challenge;
    let required = |field: &str| {
        ApiError::InvalidRequest(
            format!("`{field}` is required for {}.", challenge.as_str()).into(),
        )
    };
    let code_for = |method| -> Result<ChallengeAnswer, ApiError> {
        let code = request.code.as_ref().ok_or_else(|| required("code"))?;
        let code = code.normalised().ok_or(ApiError::InvalidCodeFormat)?;
        Ok(ChallengeAnswer::Code { method, code })
    };
    match challenge {
        ChallengeName::SoftwareTokenMfa => code_for(MfaMethod::SoftwareTokenMfa),
        ChallengeName::SmsMfa => code_for(MfaMethod::SmsMfa),
        ChallengeName::EmailOtp => code_for(MfaMethod::EmailOtp),
        ChallengeName::SelectMfaType => {
            let method = request.answer.ok_or_else(|| required("answer"))?;
            Ok(ChallengeAnswer::SelectedMfa(method))
        }
        ChallengeName::NewPasswordRequired => {
            let password = request
                .new_password
                .ok_or_else(|| required("new_password"))?;
            check_password(password.expose(), "new_password")?;
            let attributes = request.attributes.unwrap_or_default();
            if let Some(name) = attributes
                .keys()
                .find(|name| !is_user_writable_attribute(name))
            {
                return Err(ApiError::InvalidRequest(
                    format!("Attribute `{name}` cannot be set by the user.").into(),
                ));
            }
            Ok(ChallengeAnswer::NewPassword {
                password,
                attributes,
            })
        }
        ChallengeName::MfaSetup => Err(ApiError::InvalidRequest(
            "Answer MFA_SETUP with /totp/associate and /totp/verify.".into(),
        )),
    }
}

/// For an `MFA_SETUP` that offers no authenticator app, the attribute the offered
/// factor needs: Cognito sets up SMS and email factors from the user's attributes, and
/// no user-facing call can add them in the middle of a sign-in.
fn setup_requires_attribute(options: &[MfaMethod]) -> Option<String> {
    if options.contains(&MfaMethod::SoftwareTokenMfa) {
        return None;
    }
    // With both SMS and email on offer, either attribute would do; name the first.
    options.iter().find_map(|method| match method {
        MfaMethod::SmsMfa => Some("phone_number".to_owned()),
        MfaMethod::EmailOtp => Some("email".to_owned()),
        MfaMethod::SoftwareTokenMfa => None,
    })
}

fn check_username(username: &str) -> Result<(), ApiError> {
    let length = username.chars().count();
    if username.trim().is_empty() || length > MAX_USERNAME_CHARS {
        return Err(ApiError::InvalidRequest(
            format!("`username` must be 1 to {MAX_USERNAME_CHARS} characters.").into(),
        ));
    }
    Ok(())
}

fn check_password(password: &str, field: &str) -> Result<(), ApiError> {
    if password.is_empty() || password.chars().count() > MAX_PASSWORD_CHARS {
        return Err(ApiError::InvalidRequest(
            format!("`{field}` must be 1 to {MAX_PASSWORD_CHARS} characters.").into(),
        ));
    }
    Ok(())
}

fn check_token(token: &str, field: &str) -> Result<(), ApiError> {
    if token.trim().is_empty() || token.len() > MAX_TOKEN_BYTES {
        return Err(ApiError::InvalidRequest(
            format!("`{field}` must be a token as Cognito issued it.").into(),
        ));
    }
    Ok(())
}

fn check_session(session: &Session) -> Result<(), ApiError> {
    if session.expose().trim().is_empty() {
        return Err(ApiError::InvalidRequest(
            "`session` must not be empty.".into(),
        ));
    }
    Ok(())
}

/// Refuses updates Cognito would reject or silently misread, before calling it.
fn check_preference_update(update: &MfaPreferenceUpdate) -> Result<(), ApiError> {
    let settings: Vec<MfaSetting> = [update.totp, update.sms].into_iter().flatten().collect();
    if settings.is_empty() {
        return Err(ApiError::InvalidRequest(
            "Give at least one of `totp` and `sms`.".into(),
        ));
    }
    if settings.iter().any(|s| s.preferred && !s.enabled) {
        return Err(ApiError::InvalidRequest(
            "A factor cannot be preferred while it is disabled.".into(),
        ));
    }
    if settings.iter().filter(|s| s.preferred).count() > 1 {
        return Err(ApiError::InvalidRequest(
            "Only one factor can be preferred.".into(),
        ));
    }
    Ok(())
}

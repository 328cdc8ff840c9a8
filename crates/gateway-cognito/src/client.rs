//! [`CognitoIdp`]: the [`IdentityProvider`] backed by the official AWS SDK.

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput;
use aws_sdk_cognitoidentityprovider::types::{
    AuthFlowType, AuthenticationResultType, ChallengeNameType, SmsMfaSettingsType,
    SoftwareTokenMfaSettingsType, VerifySoftwareTokenResponseType,
};
use gateway_api::{
    AccessToken, ChallengeName, ClientSecret, IdToken, MfaCode, MfaMethod, MfaPreference,
    MfaPreferenceUpdate, Password, RefreshToken, Session, Tokens, TotpSecret,
};

use crate::challenge::{
    USER_ATTRIBUTE_PREFIX, challenge_username, delivery, mfa_options, required_attributes,
};
use crate::error::{CognitoError, ErrorKind, Operation};
use crate::provider::{
    AuthStep, ChallengeAnswer, IdentityProvider, IssuedChallenge, Principal, SoftwareToken,
    UserProfile,
};
use crate::secret_hash;

/// How the gateway proves a user's password to Cognito.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PasswordFlow {
    /// `USER_PASSWORD_AUTH`: the password goes to Cognito over TLS.
    #[default]
    UserPassword,
    /// `USER_SRP_AUTH`: the gateway proves the password without sending it.
    Srp,
}

/// Where the user pool is and how to talk to it.
#[derive(Debug, Clone)]
pub struct CognitoSettings {
    /// The user pool (`<region>_<id>`); SRP needs its name.
    pub user_pool_id: String,
    /// How passwords are checked at sign-in.
    pub password_flow: PasswordFlow,
    /// The app client every call is made as.
    pub client_id: String,
    /// The app client's secret, for clients created with one.
    pub client_secret: Option<ClientSecret>,
    /// The AWS region of the pool.
    pub region: String,
    /// Another endpoint than AWS's, such as the local stand-in.
    pub endpoint_url: Option<String>,
    /// How long to wait for a connection to Cognito.
    pub connect_timeout: Duration,
    /// How long one call may take in all.
    pub call_timeout: Duration,
}

/// The user pool, reached through the AWS SDK.
#[derive(Debug, Clone)]
pub struct CognitoIdp {
    pub(crate) client: Client,
    pub(crate) user_pool_id: String,
    pub(crate) client_id: String,
    pub(crate) client_secret: Option<ClientSecret>,
    password_flow: PasswordFlow,
}

impl CognitoIdp {
    /// Builds the SDK client from `settings`.
    ///
    /// No AWS credentials are loaded: every call here is one a user makes for themselves,
    /// which Cognito accepts unsigned.
    ///
    /// Retries are off. A retried `InitiateAuth` can send the user a second SMS, and a
    /// retried `RespondToAuthChallenge` or `VerifySoftwareToken` can spend a single-use
    /// session or code and turn a success into an error; only calls that are safe to
    /// repeat (`GetUser` and the two sign-outs) turn them back on, through [`retrying`].
    pub async fn connect(settings: &CognitoSettings) -> Self {
        let timeouts = TimeoutConfig::builder()
            .connect_timeout(settings.connect_timeout)
            .operation_timeout(settings.call_timeout)
            .build();
        let shared = aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new(settings.region.clone()))
            .no_credentials()
            .timeout_config(timeouts)
            .retry_config(RetryConfig::disabled())
            .load()
            .await;
        // The endpoint is COGNITO_ENDPOINT_URL or AWS's, never one picked up from
        // AWS_ENDPOINT_URL* variables or profiles meant for other programs: a stray one
        // would send users' passwords somewhere else.
        let mut config = aws_sdk_cognitoidentityprovider::config::Builder::from(&shared);
        config.set_endpoint_url(settings.endpoint_url.clone());
        Self::from_client(Client::from_conf(config.build()), settings)
    }

    /// Wraps an SDK client built elsewhere.
    pub fn from_client(client: Client, settings: &CognitoSettings) -> Self {
        Self {
            client,
            user_pool_id: settings.user_pool_id.clone(),
            client_id: settings.client_id.clone(),
            client_secret: settings.client_secret.clone(),
            password_flow: settings.password_flow,
        }
    }

    /// SECRET_HASH for `username`, when the app client has a secret.
    fn secret_hash_for(&self, username: &str) -> Option<String> {
        self.client_secret
            .as_ref()
            .map(|secret| secret_hash(secret, username, &self.client_id))
    }

    /// USERNAME plus, for secret clients, the SECRET_HASH computed over it.
    pub(crate) fn user_parameters(&self, username: &str) -> HashMap<String, String> {
        let mut parameters = HashMap::from([("USERNAME".to_owned(), username.to_owned())]);
        if let Some(hash) = self.secret_hash_for(username) {
            parameters.insert("SECRET_HASH".to_owned(), hash);
        }
        parameters
    }
}

/// Retries for the calls that are safe to repeat: reads, and sign-outs that end in the
/// same state however often they run.
fn retrying() -> aws_sdk_cognitoidentityprovider::config::Builder {
    aws_sdk_cognitoidentityprovider::config::Builder::default()
        .retry_config(RetryConfig::standard().with_max_attempts(3))
}

/// The answer of `InitiateAuth` or `RespondToAuthChallenge`, which share one shape:
/// tokens, or a challenge with its session and parameters.
pub(crate) struct AuthAnswer {
    pub(crate) challenge_name: Option<ChallengeNameType>,
    pub(crate) session: Option<String>,
    pub(crate) parameters: HashMap<String, String>,
    pub(crate) result: Option<AuthenticationResultType>,
}

impl From<InitiateAuthOutput> for AuthAnswer {
    fn from(output: InitiateAuthOutput) -> Self {
        Self {
            challenge_name: output.challenge_name,
            session: output.session,
            parameters: output.challenge_parameters.unwrap_or_default(),
            result: output.authentication_result,
        }
    }
}

impl From<RespondToAuthChallengeOutput> for AuthAnswer {
    fn from(output: RespondToAuthChallengeOutput) -> Self {
        Self {
            challenge_name: output.challenge_name,
            session: output.session,
            parameters: output.challenge_parameters.unwrap_or_default(),
            result: output.authentication_result,
        }
    }
}

impl AuthAnswer {
    /// The next step of the sign-in this answer belongs to.
    pub(crate) fn into_step(self, operation: Operation) -> Result<AuthStep, CognitoError> {
        let malformed = |reason| {
            CognitoError::local(
                ErrorKind::Unavailable,
                operation,
                "malformed answer",
                reason,
            )
        };
        if let Some(result) = &self.result {
            return tokens(result)
                .map(AuthStep::Authenticated)
                .ok_or_else(|| malformed("tokens missing"));
        }
        let name = self
            .challenge_name
            .ok_or_else(|| malformed("neither tokens nor a challenge"))?;
        let Some(challenge) = ChallengeName::from_cognito(name.as_str()) else {
            let mut error = CognitoError::local(
                ErrorKind::UnsupportedChallenge,
                operation,
                "unsupported challenge",
                "Cognito issued a challenge the gateway does not handle",
            );
            // A challenge name is Cognito's fixed vocabulary, not user data.
            error.client_detail = Some(name.as_str().to_owned());
            return Err(error);
        };
        let session = self
            .session
            .ok_or_else(|| malformed("challenge without a session"))?;
        let parameters = &self.parameters;
        let (destination, delivery_medium) = delivery(parameters);
        Ok(AuthStep::Challenge(IssuedChallenge {
            name: challenge,
            session: Session::new(session),
            username: challenge_username(parameters),
            mfa_options: mfa_options(parameters),
            destination,
            delivery_medium,
            required_attributes: required_attributes(parameters),
        }))
    }
}

impl CognitoIdp {
    /// `InitiateAuth` with `flow`. Never retried (see [`CognitoIdp::connect`]).
    pub(crate) async fn initiate_auth(
        &self,
        operation: Operation,
        flow: AuthFlowType,
        parameters: HashMap<String, String>,
    ) -> Result<AuthAnswer, CognitoError> {
        self.client
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(flow)
            .set_auth_parameters(Some(parameters))
            .send()
            .await
            .map(AuthAnswer::from)
            .map_err(|err| CognitoError::from_sdk(operation, err))
    }

    /// `RespondToAuthChallenge` for `challenge`. Never retried: the session is single-use.
    pub(crate) async fn answer_challenge(
        &self,
        operation: Operation,
        challenge: ChallengeNameType,
        session: Option<String>,
        responses: HashMap<String, String>,
    ) -> Result<AuthAnswer, CognitoError> {
        self.client
            .respond_to_auth_challenge()
            .client_id(&self.client_id)
            .challenge_name(challenge)
            .set_session(session)
            .set_challenge_responses(Some(responses))
            .send()
            .await
            .map(AuthAnswer::from)
            .map_err(|err| CognitoError::from_sdk(operation, err))
    }
}

/// The gateway's tokens, if Cognito sent the two it must.
fn tokens(result: &AuthenticationResultType) -> Option<Tokens> {
    Some(Tokens {
        access_token: AccessToken::new(result.access_token()?),
        id_token: IdToken::new(result.id_token()?),
        refresh_token: result.refresh_token().map(RefreshToken::new),
        expires_in: result.expires_in(),
        token_type: result.token_type().unwrap_or("Bearer").to_owned(),
    })
}

#[async_trait]
impl IdentityProvider for CognitoIdp {
    async fn sign_in(&self, username: &str, password: &Password) -> Result<AuthStep, CognitoError> {
        if self.password_flow == PasswordFlow::Srp {
            return self.sign_in_with_srp(username, password).await;
        }
        let operation = Operation::InitiateAuth;
        let mut parameters = self.user_parameters(username);
        parameters.insert("PASSWORD".to_owned(), password.expose().to_owned());
        self.initiate_auth(operation, AuthFlowType::UserPasswordAuth, parameters)
            .await?
            .into_step(operation)
    }

    async fn respond(
        &self,
        username: &str,
        session: &Session,
        answer: ChallengeAnswer,
    ) -> Result<AuthStep, CognitoError> {
        let operation = Operation::RespondToAuthChallenge;
        let mut responses = self.user_parameters(username);
        let challenge = match answer {
            ChallengeAnswer::Code { method, code } => {
                // The code's key is the challenge's name plus `_CODE` for all three.
                responses.insert(format!("{}_CODE", method.as_str()), code.into_inner());
                ChallengeNameType::from(method.as_str())
            }
            ChallengeAnswer::SelectedMfa(method) => {
                responses.insert("ANSWER".to_owned(), method.as_str().to_owned());
                ChallengeNameType::SelectMfaType
            }
            ChallengeAnswer::NewPassword {
                password,
                attributes,
            } => {
                responses.insert("NEW_PASSWORD".to_owned(), password.into_inner());
                for (name, value) in attributes {
                    responses.insert(format!("{USER_ATTRIBUTE_PREFIX}{name}"), value);
                }
                ChallengeNameType::NewPasswordRequired
            }
            ChallengeAnswer::MfaSetupVerified => ChallengeNameType::MfaSetup,
        };
        let session = Some(session.expose().to_owned());
        self.answer_challenge(operation, challenge, session, responses)
            .await?
            .into_step(operation)
    }

    async fn associate_software_token(
        &self,
        principal: Principal<'_>,
    ) -> Result<SoftwareToken, CognitoError> {
        let (request, by_session) = match principal {
            Principal::AccessToken(token) => (
                self.client
                    .associate_software_token()
                    .access_token(token.expose()),
                false,
            ),
            Principal::Session(session) => (
                self.client
                    .associate_software_token()
                    .session(session.expose()),
                true,
            ),
        };
        let operation = Operation::AssociateSoftwareToken { by_session };
        let output = request
            .send()
            .await
            .map_err(|err| CognitoError::from_sdk(operation, err))?;
        let secret = output
            .secret_code()
            .filter(|code| !code.is_empty())
            .ok_or_else(|| {
                CognitoError::local(
                    ErrorKind::Unavailable,
                    operation,
                    "malformed answer",
                    "no secret",
                )
            })?;
        Ok(SoftwareToken {
            secret: TotpSecret::new(secret),
            session: output.session().map(Session::new),
        })
    }

    async fn verify_software_token(
        &self,
        principal: Principal<'_>,
        code: &MfaCode,
        device_name: Option<&str>,
    ) -> Result<Option<Session>, CognitoError> {
        let request = self
            .client
            .verify_software_token()
            .user_code(code.expose())
            .set_friendly_device_name(device_name.map(str::to_owned));
        let (request, by_session) = match principal {
            Principal::AccessToken(token) => (request.access_token(token.expose()), false),
            Principal::Session(session) => (request.session(session.expose()), true),
        };
        let operation = Operation::VerifySoftwareToken { by_session };
        let output = request
            .send()
            .await
            .map_err(|err| CognitoError::from_sdk(operation, err))?;
        match output.status() {
            Some(VerifySoftwareTokenResponseType::Success) => {
                Ok(output.session().map(Session::new))
            }
            _ => Err(CognitoError::local(
                ErrorKind::CodeMismatch,
                operation,
                "status ERROR",
                "Cognito did not accept the code",
            )),
        }
    }

    /// `GetUser` is a read, so unlike the sign-in calls it may be retried.
    async fn get_user(&self, access_token: &AccessToken) -> Result<UserProfile, CognitoError> {
        let operation = Operation::GetUser;
        let output = self
            .client
            .get_user()
            .access_token(access_token.expose())
            .customize()
            .config_override(retrying())
            .send()
            .await
            .map_err(|err| CognitoError::from_sdk(operation, err))?;
        let email = output
            .user_attributes()
            .iter()
            .find(|attribute| attribute.name() == "email")
            .and_then(|attribute| attribute.value())
            .filter(|email| !email.is_empty())
            .map(str::to_owned);
        let enabled = output
            .user_mfa_setting_list()
            .iter()
            .filter_map(|name| MfaMethod::from_cognito(name))
            .collect();
        let preferred = output
            .preferred_mfa_setting()
            .and_then(MfaMethod::from_cognito);
        Ok(UserProfile {
            username: output.username().to_owned(),
            email,
            mfa: MfaPreference { enabled, preferred },
        })
    }

    /// Not retried: with a secret client, a wrong username fails the same way each time,
    /// and a retried success only wastes a call; the client can simply ask again.
    async fn refresh(
        &self,
        refresh_token: &RefreshToken,
        username: Option<&str>,
    ) -> Result<Tokens, CognitoError> {
        let operation = Operation::RefreshTokens;
        let mut parameters = HashMap::from([(
            "REFRESH_TOKEN".to_owned(),
            refresh_token.expose().to_owned(),
        )]);
        if self.client_secret.is_some() {
            let username = username.ok_or_else(|| {
                CognitoError::local(
                    ErrorKind::InvalidParameter,
                    operation,
                    "missing username",
                    "`username` is required to refresh tokens with this app client",
                )
            })?;
            parameters.extend(
                self.secret_hash_for(username)
                    .map(|h| ("SECRET_HASH".to_owned(), h)),
            );
        }
        let answer = self
            .initiate_auth(operation, AuthFlowType::RefreshTokenAuth, parameters)
            .await?;
        answer.result.as_ref().and_then(tokens).ok_or_else(|| {
            CognitoError::local(
                ErrorKind::Unavailable,
                operation,
                "malformed answer",
                "tokens missing",
            )
        })
    }

    async fn sign_out_everywhere(&self, access_token: &AccessToken) -> Result<(), CognitoError> {
        let operation = Operation::GlobalSignOut;
        self.client
            .global_sign_out()
            .access_token(access_token.expose())
            .customize()
            .config_override(retrying())
            .send()
            .await
            .map_err(|err| CognitoError::from_sdk(operation, err))?;
        Ok(())
    }

    async fn revoke(&self, refresh_token: &RefreshToken) -> Result<(), CognitoError> {
        let operation = Operation::RevokeToken;
        self.client
            .revoke_token()
            .token(refresh_token.expose())
            .client_id(&self.client_id)
            .set_client_secret(self.client_secret.as_ref().map(|s| s.expose().to_owned()))
            .customize()
            .config_override(retrying())
            .send()
            .await
            .map_err(|err| CognitoError::from_sdk(operation, err))?;
        Ok(())
    }

    async fn set_mfa_preference(
        &self,
        access_token: &AccessToken,
        update: MfaPreferenceUpdate,
    ) -> Result<(), CognitoError> {
        let operation = Operation::SetUserMfaPreference;
        let totp = update.totp.map(|setting| {
            SoftwareTokenMfaSettingsType::builder()
                .enabled(setting.enabled)
                .preferred_mfa(setting.preferred)
                .build()
        });
        let sms = update.sms.map(|setting| {
            SmsMfaSettingsType::builder()
                .enabled(setting.enabled)
                .preferred_mfa(setting.preferred)
                .build()
        });
        self.client
            .set_user_mfa_preference()
            .access_token(access_token.expose())
            .set_software_token_mfa_settings(totp)
            .set_sms_mfa_settings(sms)
            .send()
            .await
            .map_err(|err| CognitoError::from_sdk(operation, err))?;
        Ok(())
    }
}

//! Sign-in by `USER_SRP_AUTH`, for pools that do not allow USER_PASSWORD_AUTH.
//!
//! The password never leaves the gateway: it proves knowledge of it with the Secure
//! Remote Password protocol, answering Cognito's `PASSWORD_VERIFIER` challenge itself,
//! so clients see the same `/login` whichever flow the pool allows. The SRP arithmetic
//! is the `aws-cognito-srp` crate's; this module only carries its values to and from
//! Cognito.

use std::collections::HashMap;

use aws_cognito_srp::{SrpClient, User, VerificationParameters};
use aws_sdk_cognitoidentityprovider::types::{AuthFlowType, ChallengeNameType};
use gateway_api::Password;

use crate::CognitoIdp;
use crate::error::{CognitoError, ErrorKind, Operation};
use crate::provider::AuthStep;

impl CognitoIdp {
    /// Signs in with SRP: InitiateAuth(USER_SRP_AUTH), then the PASSWORD_VERIFIER answer.
    pub(crate) async fn sign_in_with_srp(
        &self,
        username: &str,
        password: &Password,
    ) -> Result<AuthStep, CognitoError> {
        // No client secret for the crate: the gateway computes SECRET_HASH itself, and
        // the crate would keep the secret in a type that derives Debug.
        let srp = SrpClient::new(
            User::new(&self.user_pool_id, username, password.expose()),
            &self.client_id,
            None,
        );
        let mut parameters = self.user_parameters(username);
        parameters.insert("SRP_A".to_owned(), srp.get_auth_parameters().a);
        let operation = Operation::InitiateAuth;
        let started = self
            .initiate_auth(operation, AuthFlowType::UserSrpAuth, parameters)
            .await?;
        if started.challenge_name != Some(ChallengeNameType::PasswordVerifier) {
            // Cognito can sign in without a password check (e.g. a custom auth trigger).
            return started.into_step(operation);
        }
        let (user_id, proof) = prove_password(&srp, &started.parameters)?;

        let operation = Operation::PasswordVerifier;
        // The answer's USERNAME, and so its SECRET_HASH, is Cognito's id for the user.
        let mut responses = self.user_parameters(&user_id);
        responses.extend([
            (
                "PASSWORD_CLAIM_SECRET_BLOCK".to_owned(),
                proof.password_claim_secret_block,
            ),
            (
                "PASSWORD_CLAIM_SIGNATURE".to_owned(),
                proof.password_claim_signature,
            ),
            ("TIMESTAMP".to_owned(), proof.timestamp),
        ]);
        let challenge = ChallengeNameType::PasswordVerifier;
        self.answer_challenge(operation, challenge, started.session, responses)
            .await?
            .into_step(operation)
    }
}

/// Cognito's id for the user, and the password proof for its PASSWORD_VERIFIER challenge.
fn prove_password(
    srp: &SrpClient<User>,
    challenge: &HashMap<String, String>,
) -> Result<(String, VerificationParameters), CognitoError> {
    let operation = Operation::InitiateAuth;
    let malformed = |reason| {
        CognitoError::local(
            ErrorKind::Unavailable,
            operation,
            "malformed challenge",
            reason,
        )
    };
    let get = |key: &str| {
        challenge
            .get(key)
            .filter(|value| !value.is_empty())
            .ok_or_else(|| malformed("PASSWORD_VERIFIER lacks a parameter"))
    };
    let user_id = get("USER_ID_FOR_SRP")?;
    let proof = srp
        .verify(get("SECRET_BLOCK")?, user_id, get("SALT")?, get("SRP_B")?)
        .map_err(|_| malformed("PASSWORD_VERIFIER parameters are not valid SRP values"))?;
    Ok((user_id.clone(), proof))
}

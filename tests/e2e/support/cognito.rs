//! The local Cognito stand-in (moto), reached with admin credentials that only tests use.

use aws_config::{BehaviorVersion, Region};
use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::Credentials;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, ExplicitAuthFlowsType, SoftwareTokenMfaConfigType, UserPoolMfaType,
};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::Value;

/// Set by `scripts/test`, which starts moto before running the tests.
const ENDPOINT_VARIABLE: &str = "LOCAL_COGNITO_ENDPOINT";

/// Whether a pool asks for MFA.
#[derive(Debug, Clone, Copy)]
pub enum MfaMode {
    /// Users may turn TOTP on.
    Optional,
    /// Every user must have TOTP.
    Required,
}

/// moto, with an admin client for setting up pools and users.
pub struct LocalCognito {
    /// moto's base URL.
    pub endpoint: String,
    admin: Client,
}

/// A user pool with one app client (USER_PASSWORD_AUTH allowed).
#[derive(Debug, Clone)]
pub struct Pool {
    pub id: String,
    pub client_id: String,
}

/// Whether the app client has a client secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientKind {
    /// A public client, as single-page apps use.
    Public,
    /// A confidential client: every call needs SECRET_HASH.
    WithSecret,
}

impl LocalCognito {
    /// Connects to the stand-in named by `LOCAL_COGNITO_ENDPOINT`.
    pub async fn connect() -> Self {
        let endpoint = std::env::var(ENDPOINT_VARIABLE).unwrap_or_else(|_| {
            panic!("{ENDPOINT_VARIABLE} is not set: run the tests with scripts/test, which starts the local Cognito stand-in")
        });
        let config = aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(&endpoint)
            .credentials_provider(Credentials::new("testing", "testing", None, None, "e2e"))
            .load()
            .await;
        Self {
            endpoint,
            admin: Client::new(&config),
        }
    }

    /// A fresh pool with TOTP enabled and a public app client, so that tests never share
    /// users.
    pub async fn create_pool(&self, mfa: MfaMode) -> Pool {
        self.create_pool_with(mfa, ClientKind::Public).await.0
    }

    /// A fresh pool whose app client is of `kind`; also returns the client secret.
    pub async fn create_pool_with(&self, mfa: MfaMode, kind: ClientKind) -> (Pool, Option<String>) {
        let name = format!("e2e-{}", unique_suffix());
        let pool = self
            .admin
            .create_user_pool()
            .pool_name(name)
            .send()
            .await
            .expect("create pool");
        let id = pool
            .user_pool()
            .and_then(|p| p.id())
            .expect("pool id")
            .to_owned();
        let configuration = match mfa {
            MfaMode::Optional => UserPoolMfaType::Optional,
            MfaMode::Required => UserPoolMfaType::On,
        };
        self.admin
            .set_user_pool_mfa_config()
            .user_pool_id(&id)
            .software_token_mfa_configuration(
                SoftwareTokenMfaConfigType::builder().enabled(true).build(),
            )
            .mfa_configuration(configuration)
            .send()
            .await
            .expect("MFA config");
        let client = self
            .admin
            .create_user_pool_client()
            .user_pool_id(&id)
            .client_name("gateway")
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
            .generate_secret(kind == ClientKind::WithSecret)
            .send()
            .await
            .expect("create client");
        let client = client.user_pool_client().expect("client");
        let client_id = client.client_id().expect("client id").to_owned();
        let secret = client.client_secret().map(str::to_owned);
        assert_eq!(secret.is_some(), kind == ClientKind::WithSecret);
        (Pool { id, client_id }, secret)
    }

    /// An admin-created user with an email. With `permanent` the password is final;
    /// otherwise it is temporary and sign-in answers NEW_PASSWORD_REQUIRED.
    pub async fn create_user(&self, pool: &Pool, username: &str, password: &str, permanent: bool) {
        self.admin
            .admin_create_user()
            .user_pool_id(&pool.id)
            .username(username)
            .temporary_password(password)
            .user_attributes(attribute("email", &format!("{username}@example.com")))
            .user_attributes(attribute("email_verified", "true"))
            .send()
            .await
            .expect("create user");
        if permanent {
            self.admin
                .admin_set_user_password()
                .user_pool_id(&pool.id)
                .username(username)
                .password(password)
                .permanent(true)
                .send()
                .await
                .expect("set password");
        }
    }

    /// A self-registered user who has not confirmed the account.
    pub async fn sign_up_unconfirmed(&self, pool: &Pool, username: &str, password: &str) {
        self.admin
            .sign_up()
            .client_id(&pool.client_id)
            .username(username)
            .password(password)
            .send()
            .await
            .expect("sign up");
    }

    /// Verifies `token` against the pool's published keys and returns its claims.
    pub async fn verify_jwt(&self, pool: &Pool, token: &str, token_use: &str) -> Value {
        let url = format!("{}/{}/.well-known/jwks.json", self.endpoint, pool.id);
        // moto only routes this URL to Cognito when the request looks signed for it.
        let jwks: JwkSet = reqwest::Client::new()
            .get(url)
            .header(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/cognito-idp/aws4_request, \
                 SignedHeaders=host, Signature=test",
            )
            .send()
            .await
            .expect("JWKS")
            .json()
            .await
            .expect("JWKS JSON");
        let header = jsonwebtoken::decode_header(token).expect("JWT header");
        let kid = header.kid.expect("kid");
        let jwk = jwks.find(&kid).expect("key in JWKS");
        let key = DecodingKey::from_jwk(jwk).expect("RSA key");
        let mut validation = Validation::new(Algorithm::RS256);
        // moto names the issuer after AWS's host whatever endpoint it serves on.
        validation.set_issuer(&[format!(
            "https://cognito-idp.us-east-1.amazonaws.com/{}",
            pool.id
        )]);
        validation.validate_aud = false;
        let claims = jsonwebtoken::decode::<Value>(token, &key, &validation)
            .expect("token verifies")
            .claims;
        assert_eq!(claims["token_use"], token_use);
        claims
    }
}

fn attribute(name: &str, value: &str) -> AttributeType {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .expect("attribute")
}

/// A suffix unique within this test run, for pool and user names.
pub fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{}-{}", NEXT.fetch_add(1, Ordering::Relaxed), nanos)
}

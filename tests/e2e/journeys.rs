//! The two ways a user turns on an authenticator app, end to end.

use reqwest::Method;
use serde_json::{Value, json};

use crate::support::totp::{current_code, decode_qr, parse_otpauth};
use crate::support::{ClientKind, LocalCognito, MfaMode, TestGateway, logs};

/// Everything secret a journey handled, for the log-safety test.
#[derive(Debug, Default)]
pub struct Secrets {
    pub values: Vec<String>,
}

impl Secrets {
    fn keep(&mut self, value: &Value) {
        let value = value.as_str().expect("secret is a string");
        assert!(!value.is_empty());
        self.values.push(value.to_owned());
    }
}

/// A signed-in user enrols an authenticator app: the QR code decodes to the URI, codes
/// computed from its secret verify, TOTP becomes the preferred factor, and the next
/// sign-in needs and accepts a fresh code, ending with tokens that verify and work.
#[tokio::test]
async fn authenticator_app_journey() {
    run_authenticator_app_journey().await;
}

/// The journey above; returns every secret it saw.
pub async fn run_authenticator_app_journey() -> Secrets {
    logs::capture();
    let mut secrets = Secrets::default();
    let cognito = LocalCognito::connect().await;
    let pool = cognito.create_pool(MfaMode::Optional).await;
    let password = "Journey-Passw0rd!";
    cognito.create_user(&pool, "ada", password, true).await;
    secrets.values.push(password.to_owned());
    let gateway = TestGateway::start(&cognito.endpoint, &pool, "Acme Corp").await;

    // Sign in without 2FA: tokens straight away, marked not cacheable.
    let first = gateway.login("ada", password).await;
    assert_eq!(first.ok()["status"], "authenticated");
    assert_eq!(first.headers["cache-control"], "no-store");
    let tokens = &first.body["tokens"];
    assert_eq!(tokens["token_type"], "Bearer");
    assert!(tokens["expires_in"].as_i64().expect("expires_in") > 0);
    for name in ["access_token", "id_token", "refresh_token"] {
        secrets.keep(&tokens[name]);
    }
    let access = tokens["access_token"].as_str().expect("access token");
    let claims = cognito.verify_jwt(&pool, access, "access").await;
    assert_eq!(claims["username"], "ada");

    // Enrol: the secret comes back as text, as a URI and as a QR code of that URI.
    let enrolment = gateway
        .call(Method::POST, "/totp/associate", Some(access), None)
        .await;
    let enrolment = enrolment.ok();
    secrets.keep(&enrolment["secret"]);
    secrets.keep(&enrolment["otpauth_uri"]);
    let uri = enrolment["otpauth_uri"].as_str().expect("uri");
    let secret = enrolment["secret"].as_str().expect("secret");
    assert_eq!(
        uri,
        format!(
            "otpauth://totp/Acme%20Corp:ada%40example.com?secret={secret}\
             &issuer=Acme%20Corp&algorithm=SHA1&digits=6&period=30"
        )
    );
    assert_eq!(decode_qr(enrolment["qr_png"].as_str().expect("qr")), uri);
    let parsed = parse_otpauth(uri);
    assert_eq!(parsed.label, "Acme Corp:ada@example.com");
    assert_eq!(parsed.issuer, "Acme Corp");
    assert_eq!(parsed.secret, secret);
    assert_eq!(
        (parsed.algorithm.as_str(), parsed.digits.as_str()),
        ("SHA1", "6")
    );
    assert_eq!(parsed.period, "30");
    assert!(
        enrolment.get("session").is_none(),
        "no session outside sign-in"
    );

    // Verify with a code computed from the URI's secret, typed with a space.
    let code = current_code(&parsed.secret).await;
    secrets.values.push(code.clone());
    let spaced = format!("{} {}", &code[..3], &code[3..]);
    let verified = gateway
        .call(
            Method::POST,
            "/totp/verify",
            Some(access),
            Some(json!({ "code": spaced, "device_name": "phone" })),
        )
        .await;
    assert_eq!(verified.ok(), &json!({ "status": "verified" }));

    // Make TOTP the preferred factor; the answer is the resulting state.
    let preference = gateway
        .call(
            Method::PUT,
            "/mfa/preference",
            Some(access),
            Some(json!({ "totp": { "enabled": true, "preferred": true } })),
        )
        .await;
    assert_eq!(
        preference.ok(),
        &json!({ "enabled": ["SOFTWARE_TOKEN_MFA"], "preferred": "SOFTWARE_TOKEN_MFA" })
    );

    // Signing in now stops at a TOTP challenge...
    let challenge = gateway.login("ada", password).await;
    let challenge = challenge.ok();
    assert_eq!(challenge["status"], "challenge");
    assert_eq!(challenge["challenge"], "SOFTWARE_TOKEN_MFA");
    assert_eq!(challenge["username"], "ada");
    assert_eq!(challenge["expires_in"], 180);
    assert!(challenge.get("tokens").is_none());
    secrets.keep(&challenge["session"]);

    // ...which a fresh code answers with tokens.
    let code = current_code(&parsed.secret).await;
    secrets.values.push(code.clone());
    let signed_in = gateway
        .post(
            "/mfa/respond",
            json!({
                "username": challenge["username"],
                "session": challenge["session"],
                "challenge": "SOFTWARE_TOKEN_MFA",
                "code": code,
            }),
        )
        .await;
    assert_eq!(signed_in.ok()["status"], "authenticated");
    assert_eq!(signed_in.headers["cache-control"], "no-store");
    let tokens = &signed_in.body["tokens"];
    for name in ["access_token", "id_token", "refresh_token"] {
        secrets.keep(&tokens[name]);
    }
    let access = tokens["access_token"].as_str().expect("access token");
    cognito.verify_jwt(&pool, access, "access").await;
    let id_claims = cognito
        .verify_jwt(&pool, tokens["id_token"].as_str().expect("id token"), "id")
        .await;
    assert_eq!(id_claims["aud"], pool.client_id);
    assert_eq!(id_claims["cognito:username"], "ada");

    // The new access token works on the gateway.
    let state = gateway
        .call(Method::GET, "/mfa/preference", Some(access), None)
        .await;
    assert_eq!(state.ok()["preferred"], "SOFTWARE_TOKEN_MFA");
    secrets
}

/// In a pool that requires MFA, an admin-created user sets a new password, is asked to
/// set up MFA, and enrols an authenticator app by session to finish signing in.
#[tokio::test]
async fn mfa_setup_during_sign_in() {
    logs::capture();
    let cognito = LocalCognito::connect().await;
    let pool = cognito.create_pool(MfaMode::Required).await;
    let temporary = "Temp-Passw0rd!";
    cognito.create_user(&pool, "grace", temporary, false).await;
    let gateway = TestGateway::start(&cognito.endpoint, &pool, "Acme Corp").await;

    let first = gateway.login("grace", temporary).await;
    let first = first.ok();
    assert_eq!(first["status"], "challenge");
    assert_eq!(first["challenge"], "NEW_PASSWORD_REQUIRED");
    assert_eq!(first["username"], "grace");

    let setup = gateway
        .post(
            "/mfa/respond",
            json!({
                "username": first["username"],
                "session": first["session"],
                "challenge": "NEW_PASSWORD_REQUIRED",
                "new_password": "Final-Passw0rd!",
            }),
        )
        .await;
    let setup = setup.ok();
    assert_eq!(setup["status"], "challenge");
    assert_eq!(setup["challenge"], "MFA_SETUP");
    assert_eq!(setup["options"], json!(["SOFTWARE_TOKEN_MFA"]));

    let enrolment = gateway
        .post(
            "/totp/associate",
            json!({ "session": setup["session"], "username": setup["username"] }),
        )
        .await;
    let enrolment = enrolment.ok();
    let uri = enrolment["otpauth_uri"].as_str().expect("uri");
    assert_eq!(decode_qr(enrolment["qr_png"].as_str().expect("qr")), uri);
    let parsed = parse_otpauth(uri);
    assert_eq!(parsed.label, "Acme Corp:grace");
    let session = enrolment["session"]
        .as_str()
        .expect("a session for the next step");

    let done = gateway
        .post(
            "/totp/verify",
            json!({
                "session": session,
                "username": setup["username"],
                "code": current_code(&parsed.secret).await,
            }),
        )
        .await;
    let done = done.ok();
    assert_eq!(done["status"], "authenticated", "{done}");
    let access = done["tokens"]["access_token"]
        .as_str()
        .expect("access token");
    let claims = cognito.verify_jwt(&pool, access, "access").await;
    assert_eq!(claims["username"], "grace");

    // The new password is the one that works from now on, and it asks for TOTP.
    let again = gateway.login("grace", "Final-Passw0rd!").await;
    assert_eq!(again.ok()["challenge"], "SOFTWARE_TOKEN_MFA");
}

/// The authenticator journey through an app client with a secret: the stand-in checks
/// SECRET_HASH on the TOTP answer and on refresh, so both must carry the right one.
#[tokio::test]
async fn secret_client_journey() {
    logs::capture();
    let cognito = LocalCognito::connect().await;
    let (pool, secret) = cognito
        .create_pool_with(MfaMode::Optional, ClientKind::WithSecret)
        .await;
    let secret = secret.expect("client secret");
    cognito
        .create_user(&pool, "lin", "Secret-Passw0rd!", true)
        .await;
    let gateway = TestGateway::start_with(
        &cognito.endpoint,
        &pool,
        "Acme",
        &["--client-secret", &secret],
    )
    .await;

    let first = gateway.login("lin", "Secret-Passw0rd!").await;
    let access = first.ok()["tokens"]["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let totp_secret = gateway.enrol_totp(&access).await;

    let challenge = gateway.login("lin", "Secret-Passw0rd!").await;
    let challenge = challenge.ok();
    assert_eq!(challenge["challenge"], "SOFTWARE_TOKEN_MFA");
    let done = gateway
        .post(
            "/mfa/respond",
            json!({
                "username": challenge["username"],
                "session": challenge["session"],
                "challenge": "SOFTWARE_TOKEN_MFA",
                "code": current_code(&totp_secret).await,
            }),
        )
        .await;
    let tokens = &done.ok()["tokens"];
    cognito
        .verify_jwt(
            &pool,
            tokens["access_token"].as_str().expect("token"),
            "access",
        )
        .await;

    let refreshed = gateway
        .post(
            "/token/refresh",
            json!({ "refresh_token": tokens["refresh_token"], "username": "lin" }),
        )
        .await;
    assert_eq!(refreshed.ok()["status"], "authenticated");
    // Refresh with someone else's name: SECRET_HASH no longer matches.
    gateway
        .post(
            "/token/refresh",
            json!({ "refresh_token": tokens["refresh_token"], "username": "somebody-else" }),
        )
        .await
        .assert_problem(401, "invalid_token");
}

//! Each error the local stand-in can produce, over real HTTP: status, `code`, and that
//! nothing secret comes back in the body.

use reqwest::Method;
use serde_json::json;

use crate::support::totp::{current_code, wrong_code};
use crate::support::{LocalCognito, MfaMode, Pool, TestGateway, logs};

const PASSWORD: &str = "Errors-Passw0rd!";

/// A fresh pool with one user, `ada`, whose password is [`PASSWORD`], and a gateway.
async fn pool_with_ada() -> (LocalCognito, Pool, TestGateway) {
    logs::capture();
    let cognito = LocalCognito::connect().await;
    let pool = cognito.create_pool(MfaMode::Optional).await;
    cognito.create_user(&pool, "ada", PASSWORD, true).await;
    let gateway = TestGateway::start(&cognito.endpoint, &pool, "Acme").await;
    (cognito, pool, gateway)
}

/// A pool with one user, `ada`, who has TOTP enrolled and preferred, and a gateway.
async fn enrolled_user() -> (LocalCognito, Pool, TestGateway, String) {
    let (cognito, pool, gateway) = pool_with_ada().await;
    let access = access_token(&gateway).await;
    let secret = gateway.enrol_totp(&access).await;
    (cognito, pool, gateway, secret)
}

async fn access_token(gateway: &TestGateway) -> String {
    let reply = gateway.login("ada", PASSWORD).await;
    reply.ok()["tokens"]["access_token"]
        .as_str()
        .expect("tokens")
        .to_owned()
}

/// A wrong password and an unknown user get the same 401 body, so callers cannot probe
/// which usernames exist.
#[tokio::test]
async fn wrong_password_and_unknown_user_look_the_same() {
    let (_cognito, _pool, gateway) = pool_with_ada().await;

    let wrong = gateway.login("ada", "Not-The-Passw0rd!").await;
    let unknown = gateway.login("nobody", "Not-The-Passw0rd!").await;
    wrong.assert_problem(401, "invalid_credentials");
    assert_eq!(wrong.body, unknown.body);
    assert_eq!(wrong.status, unknown.status);
    assert!(!wrong.body.to_string().contains("Not-The-Passw0rd!"));
}

/// A wrong TOTP code is 401 `code_mismatch`; the right code then still works, and the
/// spent session is refused with 401 `session_expired`.
#[tokio::test]
async fn wrong_code_then_spent_session() {
    let (_cognito, _pool, gateway, secret) = enrolled_user().await;
    let challenge = gateway.login("ada", PASSWORD).await;
    let session = challenge.ok()["session"].clone();
    let answer = |code: String| json!({ "username": "ada", "session": session, "challenge": "SOFTWARE_TOKEN_MFA", "code": code });

    let wrong = wrong_code(&secret);
    let refused = gateway.post("/mfa/respond", answer(wrong.clone())).await;
    refused.assert_problem(401, "code_mismatch");
    assert!(!refused.body.to_string().contains(&wrong));

    let accepted = gateway
        .post("/mfa/respond", answer(current_code(&secret).await))
        .await;
    assert_eq!(accepted.ok()["status"], "authenticated");

    let replayed = gateway
        .post("/mfa/respond", answer(current_code(&secret).await))
        .await;
    replayed.assert_problem(401, "session_expired");
    assert!(
        !replayed
            .body
            .to_string()
            .contains(session.as_str().expect("session"))
    );
}

/// Codes that are not six digits are refused as 400 `invalid_code_format`, and the
/// session is untouched: the right code still works afterwards.
#[tokio::test]
async fn bad_code_format() {
    let (_cognito, _pool, gateway, secret) = enrolled_user().await;
    let challenge = gateway.login("ada", PASSWORD).await;
    let session = challenge.ok()["session"].clone();
    for code in ["12345", "1234567", "12a456", "", "１２３４５６"] {
        let reply = gateway
            .post(
                "/mfa/respond",
                json!({ "username": "ada", "session": session, "challenge": "SOFTWARE_TOKEN_MFA", "code": code }),
            )
            .await;
        reply.assert_problem(400, "invalid_code_format");
    }
    let reply = gateway
        .post(
            "/mfa/respond",
            json!({ "username": "ada", "session": session, "challenge": "SOFTWARE_TOKEN_MFA", "code": current_code(&secret).await }),
        )
        .await;
    assert_eq!(reply.ok()["status"], "authenticated");
}

/// `/totp/associate` takes a Bearer token or a session body, exactly one of them.
#[tokio::test]
async fn associate_needs_exactly_one_credential() {
    let (_cognito, _pool, gateway) = pool_with_ada().await;
    let access = access_token(&gateway).await;

    let neither = gateway
        .call(Method::POST, "/totp/associate", None, None)
        .await;
    neither.assert_problem(400, "invalid_request");
    let both = gateway
        .call(
            Method::POST,
            "/totp/associate",
            Some(&access),
            Some(json!({ "session": "s", "username": "ada" })),
        )
        .await;
    both.assert_problem(400, "invalid_request");
    let verify_both = gateway
        .call(
            Method::POST,
            "/totp/verify",
            Some(&access),
            Some(json!({ "session": "s", "username": "ada", "code": "123456" })),
        )
        .await;
    verify_both.assert_problem(400, "invalid_request");
}

/// Preferring TOTP before an app is verified is 409 `totp_not_verified`, and changes
/// nothing.
#[tokio::test]
async fn preference_before_verification() {
    let (_cognito, _pool, gateway) = pool_with_ada().await;
    let access = access_token(&gateway).await;

    let reply = gateway
        .call(
            Method::PUT,
            "/mfa/preference",
            Some(&access),
            Some(json!({ "totp": { "enabled": true, "preferred": true } })),
        )
        .await;
    reply.assert_problem(409, "totp_not_verified");
    let state = gateway
        .call(Method::GET, "/mfa/preference", Some(&access), None)
        .await;
    assert_eq!(state.ok(), &json!({ "enabled": [], "preferred": null }));
    assert_eq!(
        gateway.login("ada", PASSWORD).await.ok()["status"],
        "authenticated"
    );
}

/// A missing, malformed or unknown access token is 401 `invalid_token` with a
/// `WWW-Authenticate: Bearer` challenge.
#[tokio::test]
async fn invalid_access_tokens() {
    logs::capture();
    let cognito = LocalCognito::connect().await;
    let pool = cognito.create_pool(MfaMode::Optional).await;
    let gateway = TestGateway::start(&cognito.endpoint, &pool, "Acme").await;

    let missing = gateway
        .call(Method::GET, "/mfa/preference", None, None)
        .await;
    let unknown = gateway
        .call(Method::GET, "/mfa/preference", Some("not-a-token"), None)
        .await;
    let associate = gateway
        .call(Method::POST, "/totp/associate", Some("not-a-token"), None)
        .await;
    for reply in [missing, unknown, associate] {
        reply.assert_problem(401, "invalid_token");
        let challenge = reply.headers["www-authenticate"].to_str().expect("header");
        assert!(challenge.starts_with("Bearer"), "{challenge}");
    }
}

/// An unconfirmed account is 403 `user_not_confirmed`.
#[tokio::test]
async fn unconfirmed_user() {
    logs::capture();
    let cognito = LocalCognito::connect().await;
    let pool = cognito.create_pool(MfaMode::Optional).await;
    cognito.sign_up_unconfirmed(&pool, "newbie", PASSWORD).await;
    let gateway = TestGateway::start(&cognito.endpoint, &pool, "Acme").await;
    gateway
        .login("newbie", PASSWORD)
        .await
        .assert_problem(403, "user_not_confirmed");
}

/// An app client the pool does not have is the operator's mistake: 500
/// `server_misconfigured`, with no upstream text in the body.
#[tokio::test]
async fn unknown_app_client() {
    logs::capture();
    let cognito = LocalCognito::connect().await;
    let mut pool = cognito.create_pool(MfaMode::Optional).await;
    pool.client_id = "no-such-client".to_owned();
    let gateway = TestGateway::start(&cognito.endpoint, &pool, "Acme").await;
    let reply = gateway.login("ada", PASSWORD).await;
    reply.assert_problem(500, "server_misconfigured");
    assert!(!reply.body.to_string().contains("no-such-client"));
}

/// Malformed bodies, wrong types, unknown challenges and unknown routes all answer in
/// the problem+json shape, naming the field but never quoting its value.
#[tokio::test]
async fn malformed_requests() {
    logs::capture();
    let cognito = LocalCognito::connect().await;
    let pool = cognito.create_pool(MfaMode::Optional).await;
    let gateway = TestGateway::start(&cognito.endpoint, &pool, "Acme").await;

    gateway
        .post_raw("/login", "application/json", "{not json")
        .await
        .assert_problem(400, "invalid_request");
    let missing = gateway.post("/login", json!({ "username": "ada" })).await;
    assert_eq!(
        missing.assert_problem(400, "invalid_request")["detail"],
        "Missing field `password`"
    );
    let wrong_type = gateway
        .post("/login", json!({ "username": "ada", "password": 424242 }))
        .await;
    wrong_type.assert_problem(400, "invalid_request");
    assert!(!wrong_type.body.to_string().contains("424242"));
    let unknown_challenge = gateway
        .post(
            "/mfa/respond",
            json!({ "username": "ada", "session": "s", "challenge": "PIGEON_POST", "code": "123456" }),
        )
        .await;
    unknown_challenge.assert_problem(400, "invalid_request");
    gateway
        .post_raw("/login", "text/plain", r#"{"username":"a","password":"b"}"#)
        .await
        .assert_problem(415, "unsupported_media_type");
    gateway
        .call(Method::GET, "/no/such/route", None, None)
        .await
        .assert_problem(404, "not_found");
    gateway
        .call(Method::DELETE, "/login", None, None)
        .await
        .assert_problem(405, "method_not_allowed");
}

//! Refreshing tokens and signing out, against the local stand-in.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{LocalCognito, MfaMode, TestGateway, logs};

/// A refresh token yields new tokens that work; signing out everywhere then makes the
/// old access and refresh tokens useless.
#[tokio::test]
async fn refresh_then_sign_out_everywhere() {
    logs::capture();
    let cognito = LocalCognito::connect().await;
    let pool = cognito.create_pool(MfaMode::Optional).await;
    cognito
        .create_user(&pool, "ada", "Refresh-Passw0rd!", true)
        .await;
    let gateway = TestGateway::start(&cognito.endpoint, &pool, "Acme").await;
    let signed_in = gateway.login("ada", "Refresh-Passw0rd!").await;
    let refresh_token = signed_in.ok()["tokens"]["refresh_token"].clone();

    let refreshed = gateway
        .post("/token/refresh", json!({ "refresh_token": refresh_token }))
        .await;
    let refreshed = refreshed.ok();
    assert_eq!(refreshed["status"], "authenticated");
    assert_eq!(refreshed["tokens"]["token_type"], "Bearer");
    let access = refreshed["tokens"]["access_token"]
        .as_str()
        .expect("access token");
    let claims = cognito.verify_jwt(&pool, access, "access").await;
    assert_eq!(claims["username"], "ada");
    gateway
        .call(Method::GET, "/mfa/preference", Some(access), None)
        .await
        .ok();

    let signed_out = gateway
        .call(Method::POST, "/logout", Some(access), None)
        .await;
    assert_eq!(signed_out.status, StatusCode::NO_CONTENT);
    assert_eq!(signed_out.body, serde_json::Value::Null);

    gateway
        .call(Method::GET, "/mfa/preference", Some(access), None)
        .await
        .assert_problem(401, "invalid_token");
    gateway
        .post("/token/refresh", json!({ "refresh_token": refresh_token }))
        .await
        .assert_problem(401, "invalid_token");
    gateway
        .call(Method::POST, "/logout", Some(access), None)
        .await
        .assert_problem(401, "invalid_token");
}

/// A refresh token Cognito never issued is 401 `invalid_token`.
#[tokio::test]
async fn unknown_refresh_token() {
    logs::capture();
    let cognito = LocalCognito::connect().await;
    let pool = cognito.create_pool(MfaMode::Optional).await;
    let gateway = TestGateway::start(&cognito.endpoint, &pool, "Acme").await;
    gateway
        .post(
            "/token/refresh",
            json!({ "refresh_token": "not-a-refresh-token" }),
        )
        .await
        .assert_problem(401, "invalid_token");
}

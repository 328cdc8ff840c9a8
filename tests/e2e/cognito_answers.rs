//! What the gateway makes of Cognito's own answers, which the local stand-in never
//! gives: Cognito's error wording, challenges moto does not issue, and the exact
//! parameters the gateway sends. Served by a scripted stand-in over real HTTP.

use gateway_api::ClientSecret;
use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{Answer, Pool, ScriptedCognito, TestGateway, logs};

const CLIENT_ID: &str = "scriptedclient";

fn pool() -> Pool {
    Pool {
        id: "eu-west-1_Scripted1".to_owned(),
        client_id: CLIENT_ID.to_owned(),
    }
}

fn login_body() -> Value {
    json!({ "username": "ada", "password": "Any-Passw0rd!" })
}

fn respond_body(challenge: &str, answer: (&str, &str)) -> Value {
    let mut body = json!({ "username": "ada", "session": "sess-1", "challenge": challenge });
    body[answer.0] = json!(answer.1);
    body
}

/// One request against a stand-in that gives one scripted answer.
async fn answer_of(
    scripted: Answer,
    method: Method,
    path: &str,
    bearer: Option<&str>,
    body: Option<Value>,
) -> crate::support::gateway::Reply {
    logs::capture();
    let cognito = ScriptedCognito::start(vec![scripted]).await;
    let gateway = TestGateway::start(&cognito.endpoint, &pool(), "Acme").await;
    gateway.call(method, path, bearer, body).await
}

/// Each Cognito failure whose meaning the local stand-in cannot show maps to its status
/// and code, and Cognito's message never reaches the client.
#[tokio::test]
async fn cognito_error_wording() {
    let login = || (Method::POST, "/login", None, Some(login_body()));
    let cases = [
        (
            "InitiateAuth",
            "NotAuthorizedException",
            "Incorrect username or password.",
            login(),
            401,
            "invalid_credentials",
        ),
        (
            "InitiateAuth",
            "NotAuthorizedException",
            "Password attempts exceeded",
            login(),
            429,
            "too_many_requests",
        ),
        (
            "InitiateAuth",
            "NotAuthorizedException",
            "Temporary password has expired and must be reset by an administrator.",
            login(),
            401,
            "temporary_password_expired",
        ),
        (
            "InitiateAuth",
            "InvalidParameterException",
            "USER_PASSWORD_AUTH flow not enabled for this client",
            login(),
            500,
            "server_misconfigured",
        ),
        (
            "InitiateAuth",
            "NotAuthorizedException",
            "Unable to verify secret hash for client scriptedclient",
            login(),
            500,
            "server_misconfigured",
        ),
        (
            "InitiateAuth",
            "PasswordResetRequiredException",
            "Password reset required for the user",
            login(),
            403,
            "password_reset_required",
        ),
        (
            "InitiateAuth",
            "TooManyRequestsException",
            "Rate exceeded",
            login(),
            429,
            "too_many_requests",
        ),
        (
            "InitiateAuth",
            "InternalErrorException",
            "Internal error",
            login(),
            502,
            "upstream_unavailable",
        ),
        (
            "RespondToAuthChallenge",
            "NotAuthorizedException",
            "Invalid session for the user, session is expired.",
            (
                Method::POST,
                "/mfa/respond",
                None,
                Some(respond_body("SOFTWARE_TOKEN_MFA", ("code", "123456"))),
            ),
            401,
            "session_expired",
        ),
        (
            "VerifySoftwareToken",
            "EnableSoftwareTokenMFAException",
            "Code mismatch",
            (
                Method::POST,
                "/totp/verify",
                Some("token"),
                Some(json!({ "code": "123456" })),
            ),
            401,
            "code_mismatch",
        ),
        (
            "SetUserMFAPreference",
            "InvalidParameterException",
            "User has not verified software token mfa",
            (
                Method::PUT,
                "/mfa/preference",
                Some("token"),
                Some(json!({ "totp": { "enabled": true } })),
            ),
            409,
            "totp_not_verified",
        ),
    ];
    for (operation, exception, message, (method, path, bearer, body), status, code) in cases {
        let reply = answer_of(
            Answer::error(operation, exception, message),
            method,
            path,
            bearer,
            body,
        )
        .await;
        reply.assert_problem(status, code);
        // The gateway's own detail for wrong credentials happens to be Cognito's wording.
        if code != "invalid_credentials" {
            assert!(
                !reply.body.to_string().contains(message),
                "{message} leaked"
            );
        }
        if code == "too_many_requests" {
            assert!(reply.headers.contains_key("retry-after"));
        }
    }
}

/// Cognito's policy rule for a rejected new password is passed on in `detail`.
#[tokio::test]
async fn rejected_new_password_explains_the_policy() {
    let reply = answer_of(
        Answer::error(
            "RespondToAuthChallenge",
            "InvalidPasswordException",
            "Password does not conform to policy: Password must have symbol characters",
        ),
        Method::POST,
        "/mfa/respond",
        None,
        Some(respond_body(
            "NEW_PASSWORD_REQUIRED",
            ("new_password", "weakpassword1"),
        )),
    )
    .await;
    let body = reply.assert_problem(400, "invalid_password");
    assert_eq!(
        body["detail"],
        "Password rejected: Password must have symbol characters."
    );
}

/// A challenge the gateway cannot handle is 501 naming it, never a silent pass.
#[tokio::test]
async fn unsupported_challenge_is_501() {
    let reply = answer_of(
        Answer::ok(
            "InitiateAuth",
            json!({ "ChallengeName": "CUSTOM_CHALLENGE", "Session": "sess-1", "ChallengeParameters": {} }),
        ),
        Method::POST,
        "/login",
        None,
        Some(login_body()),
    )
    .await;
    let body = reply.assert_problem(501, "unsupported_challenge");
    assert!(
        body["detail"]
            .as_str()
            .expect("detail")
            .contains("CUSTOM_CHALLENGE")
    );
}

/// Cognito's JSON list of set-up options is read, and the next step is told Cognito's
/// own name for the user (`USER_ID_FOR_SRP`), not the email typed at sign-in.
#[tokio::test]
async fn mfa_setup_in_cognitos_spelling() {
    let reply = answer_of(
        Answer::ok(
            "InitiateAuth",
            json!({
                "ChallengeName": "MFA_SETUP",
                "Session": "sess-1",
                "ChallengeParameters": {
                    "MFAS_CAN_SETUP": "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]",
                    "USER_ID_FOR_SRP": "0a1b2c3d-user-id",
                },
            }),
        ),
        Method::POST,
        "/login",
        None,
        Some(json!({ "username": "ada@example.com", "password": "Any-Passw0rd!" })),
    )
    .await;
    let body = reply.ok();
    assert_eq!(body["challenge"], "MFA_SETUP");
    assert_eq!(body["options"], json!(["SMS_MFA", "SOFTWARE_TOKEN_MFA"]));
    assert_eq!(body["username"], "0a1b2c3d-user-id");
    assert_eq!(body["session"], "sess-1");
}

/// With a client secret, each call carries SECRET_HASH over the USERNAME that call
/// sends (the typed email at sign-in, Cognito's user id after it), and the challenge
/// answer sends exactly the keys its challenge needs.
#[tokio::test]
async fn secret_hash_follows_the_username_of_each_call() {
    logs::capture();
    let secret = "client-secret-for-tests";
    let cognito = ScriptedCognito::start(vec![
        Answer::ok(
            "InitiateAuth",
            json!({
                "ChallengeName": "SOFTWARE_TOKEN_MFA",
                "Session": "sess-1",
                "ChallengeParameters": { "USER_ID_FOR_SRP": "0a1b2c3d-user-id" },
            }),
        ),
        Answer::ok(
            "RespondToAuthChallenge",
            json!({
                "AuthenticationResult": {
                    "AccessToken": "a.b.c", "IdToken": "d.e.f", "RefreshToken": "r",
                    "ExpiresIn": 3600, "TokenType": "Bearer",
                },
                "ChallengeParameters": {},
            }),
        ),
    ])
    .await;
    let gateway = TestGateway::start_with(
        &cognito.endpoint,
        &pool(),
        "Acme",
        &["--client-secret", secret],
    )
    .await;

    let challenge = gateway
        .post(
            "/login",
            json!({ "username": "ada@example.com", "password": "Any-Passw0rd!" }),
        )
        .await;
    let challenge = challenge.ok();
    let done = gateway
        .post(
            "/mfa/respond",
            json!({
                "username": challenge["username"],
                "session": challenge["session"],
                "challenge": "SOFTWARE_TOKEN_MFA",
                "code": "012 345",
            }),
        )
        .await;
    assert_eq!(done.ok()["tokens"]["access_token"], "a.b.c");

    let hash = |username: &str| {
        gateway_cognito::secret_hash(&ClientSecret::new(secret), username, CLIENT_ID)
    };
    let recorded = cognito.recorded();
    assert_eq!(recorded.len(), 2, "exactly two calls, no retries");
    let operations: Vec<&str> = recorded.iter().map(|r| r.operation.as_str()).collect();
    assert_eq!(operations, ["InitiateAuth", "RespondToAuthChallenge"]);
    let sign_in = &recorded[0].body;
    assert_eq!(sign_in["AuthFlow"], "USER_PASSWORD_AUTH");
    assert_eq!(sign_in["ClientId"], CLIENT_ID);
    assert_eq!(
        sign_in["AuthParameters"],
        json!({
            "USERNAME": "ada@example.com",
            "PASSWORD": "Any-Passw0rd!",
            "SECRET_HASH": hash("ada@example.com"),
        })
    );
    let respond = &recorded[1].body;
    assert_eq!(respond["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    assert_eq!(respond["Session"], "sess-1");
    assert_eq!(
        respond["ChallengeResponses"],
        json!({
            "USERNAME": "0a1b2c3d-user-id",
            "SOFTWARE_TOKEN_MFA_CODE": "012345",
            "SECRET_HASH": hash("0a1b2c3d-user-id"),
        })
    );
}

/// Tokens as Cognito returns them at the end of a sign-in.
fn authenticated() -> Value {
    json!({
        "AuthenticationResult": {
            "AccessToken": "a.b.c", "IdToken": "d.e.f", "RefreshToken": "r",
            "ExpiresIn": 3600, "TokenType": "Bearer",
        },
        "ChallengeParameters": {},
    })
}

/// A user with several factors picks SMS, is told where the code went, and answers it;
/// each answer sends Cognito exactly the keys its challenge needs.
#[tokio::test]
async fn select_mfa_type_then_sms() {
    logs::capture();
    let cognito = ScriptedCognito::start(vec![
        Answer::ok(
            "InitiateAuth",
            json!({
                "ChallengeName": "SELECT_MFA_TYPE",
                "Session": "sess-1",
                "ChallengeParameters": {
                    "MFAS_CAN_CHOOSE": "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]",
                    "USER_ID_FOR_SRP": "ada",
                },
            }),
        ),
        Answer::ok(
            "RespondToAuthChallenge",
            json!({
                "ChallengeName": "SMS_MFA",
                "Session": "sess-2",
                "ChallengeParameters": {
                    "CODE_DELIVERY_DESTINATION": "+*******0100",
                    "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
                    "USER_ID_FOR_SRP": "ada",
                },
            }),
        ),
        Answer::ok("RespondToAuthChallenge", authenticated()),
    ])
    .await;
    let gateway = TestGateway::start(&cognito.endpoint, &pool(), "Acme").await;

    let select = gateway.post("/login", login_body()).await;
    let select = select.ok();
    assert_eq!(select["challenge"], "SELECT_MFA_TYPE");
    assert_eq!(select["options"], json!(["SMS_MFA", "SOFTWARE_TOKEN_MFA"]));

    let sms = gateway
        .post(
            "/mfa/respond",
            json!({ "username": "ada", "session": "sess-1", "challenge": "SELECT_MFA_TYPE", "answer": "SMS_MFA" }),
        )
        .await;
    let sms = sms.ok();
    assert_eq!(sms["challenge"], "SMS_MFA");
    assert_eq!(sms["session"], "sess-2");
    assert_eq!(sms["destination"], "+*******0100");
    assert_eq!(sms["delivery_medium"], "SMS");
    assert!(sms.get("options").is_none());

    let done = gateway
        .post(
            "/mfa/respond",
            json!({ "username": "ada", "session": "sess-2", "challenge": "SMS_MFA", "code": "246810" }),
        )
        .await;
    assert_eq!(done.ok()["status"], "authenticated");

    let recorded = cognito.recorded();
    assert_eq!(recorded[1].body["ChallengeName"], "SELECT_MFA_TYPE");
    assert_eq!(
        recorded[1].body["ChallengeResponses"],
        json!({ "USERNAME": "ada", "ANSWER": "SMS_MFA" })
    );
    assert_eq!(recorded[2].body["ChallengeName"], "SMS_MFA");
    assert_eq!(
        recorded[2].body["ChallengeResponses"],
        json!({ "USERNAME": "ada", "SMS_MFA_CODE": "246810" })
    );
}

/// An email code is answered with EMAIL_OTP_CODE.
#[tokio::test]
async fn email_otp() {
    logs::capture();
    let cognito = ScriptedCognito::start(vec![
        Answer::ok(
            "InitiateAuth",
            json!({
                "ChallengeName": "EMAIL_OTP",
                "Session": "sess-1",
                "ChallengeParameters": {
                    "CODE_DELIVERY_DESTINATION": "a***@e***",
                    "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL",
                },
            }),
        ),
        Answer::ok("RespondToAuthChallenge", authenticated()),
    ])
    .await;
    let gateway = TestGateway::start(&cognito.endpoint, &pool(), "Acme").await;
    let challenge = gateway.post("/login", login_body()).await;
    assert_eq!(challenge.ok()["delivery_medium"], "EMAIL");
    assert_eq!(
        challenge.body["username"], "ada",
        "falls back to the name typed"
    );
    let done = gateway
        .post(
            "/mfa/respond",
            respond_body("EMAIL_OTP", ("code", "13579 2")),
        )
        .await;
    assert_eq!(done.ok()["status"], "authenticated");
    assert_eq!(
        cognito.recorded()[1].body["ChallengeResponses"],
        json!({ "USERNAME": "ada", "EMAIL_OTP_CODE": "135792" })
    );
}

/// A new password goes with the attributes Cognito asked for (unwritable ones are not
/// asked), and an MFA set-up that offers only SMS says which attribute is missing.
#[tokio::test]
async fn new_password_with_attributes_then_sms_only_setup() {
    logs::capture();
    let cognito = ScriptedCognito::start(vec![
        Answer::ok(
            "InitiateAuth",
            json!({
                "ChallengeName": "NEW_PASSWORD_REQUIRED",
                "Session": "sess-1",
                "ChallengeParameters": {
                    "USER_ID_FOR_SRP": "ada",
                    "requiredAttributes": "[\"userAttributes.given_name\",\"userAttributes.email_verified\"]",
                    "userAttributes": "{\"email\":\"ada@example.com\"}",
                },
            }),
        ),
        Answer::ok(
            "RespondToAuthChallenge",
            json!({
                "ChallengeName": "MFA_SETUP",
                "Session": "sess-2",
                "ChallengeParameters": { "MFAS_CAN_SETUP": "[\"SMS_MFA\"]" },
            }),
        ),
    ])
    .await;
    let gateway = TestGateway::start(&cognito.endpoint, &pool(), "Acme").await;

    let challenge = gateway.post("/login", login_body()).await;
    let challenge = challenge.ok();
    assert_eq!(challenge["challenge"], "NEW_PASSWORD_REQUIRED");
    assert_eq!(challenge["required_attributes"], json!(["given_name"]));

    let refused = gateway
        .post(
            "/mfa/respond",
            json!({
                "username": "ada", "session": "sess-1", "challenge": "NEW_PASSWORD_REQUIRED",
                "new_password": "New-Passw0rd!", "attributes": { "email_verified": "true" },
            }),
        )
        .await;
    refused.assert_problem(400, "invalid_request");

    let setup = gateway
        .post(
            "/mfa/respond",
            json!({
                "username": "ada", "session": "sess-1", "challenge": "NEW_PASSWORD_REQUIRED",
                "new_password": "New-Passw0rd!", "attributes": { "given_name": "Ada" },
            }),
        )
        .await;
    let setup = setup.ok();
    assert_eq!(setup["challenge"], "MFA_SETUP");
    assert_eq!(setup["options"], json!(["SMS_MFA"]));
    assert_eq!(setup["setup_requires_attribute"], "phone_number");

    let recorded = cognito.recorded();
    assert_eq!(
        recorded.len(),
        2,
        "the refused answer never reached Cognito"
    );
    assert_eq!(
        recorded[1].body["ChallengeResponses"],
        json!({
            "USERNAME": "ada",
            "NEW_PASSWORD": "New-Passw0rd!",
            "userAttributes.given_name": "Ada",
        })
    );
}

/// Answering a challenge the session was not issued for is Cognito's
/// InvalidParameterException, which reaches the client as a 400, never a 5xx.
#[tokio::test]
async fn mismatched_challenge_is_400() {
    let reply = answer_of(
        Answer::error(
            "RespondToAuthChallenge",
            "InvalidParameterException",
            "Invalid challenge name for the session",
        ),
        Method::POST,
        "/mfa/respond",
        None,
        Some(respond_body("SMS_MFA", ("code", "123456"))),
    )
    .await;
    reply.assert_problem(400, "invalid_request");
}

/// An answer naming a factor the gateway does not know is refused before Cognito.
#[tokio::test]
async fn unknown_factor_never_reaches_cognito() {
    logs::capture();
    let cognito = ScriptedCognito::start(vec![]).await;
    let gateway = TestGateway::start(&cognito.endpoint, &pool(), "Acme").await;
    gateway
        .post(
            "/mfa/respond",
            respond_body("SELECT_MFA_TYPE", ("answer", "CARRIER_PIGEON")),
        )
        .await
        .assert_problem(400, "invalid_request");
    assert!(cognito.recorded().is_empty());
}

/// With a client secret, refreshing needs the username (SECRET_HASH is computed over
/// it) and revoking sends the secret itself, as RevokeToken requires.
#[tokio::test]
async fn secret_client_refresh_and_revoke() {
    logs::capture();
    let secret = "client-secret-for-tests";
    let cognito = ScriptedCognito::start(vec![
        Answer::ok("InitiateAuth", authenticated()),
        Answer::ok("RevokeToken", json!({})),
    ])
    .await;
    let gateway = TestGateway::start_with(
        &cognito.endpoint,
        &pool(),
        "Acme",
        &["--client-secret", secret],
    )
    .await;

    gateway
        .post("/token/refresh", json!({ "refresh_token": "refresh-1" }))
        .await
        .assert_problem(400, "invalid_request");
    let refreshed = gateway
        .post(
            "/token/refresh",
            json!({ "refresh_token": "refresh-1", "username": "0a1b-user" }),
        )
        .await;
    assert_eq!(refreshed.ok()["tokens"]["access_token"], "a.b.c");
    let revoked = gateway
        .post("/logout", json!({ "refresh_token": "refresh-1" }))
        .await;
    assert_eq!(revoked.status.as_u16(), 204);

    let recorded = cognito.recorded();
    assert_eq!(
        recorded.len(),
        2,
        "the refused refresh never reached Cognito"
    );
    assert_eq!(recorded[0].body["AuthFlow"], "REFRESH_TOKEN_AUTH");
    assert_eq!(
        recorded[0].body["AuthParameters"],
        json!({
            "REFRESH_TOKEN": "refresh-1",
            "SECRET_HASH": gateway_cognito::secret_hash(&ClientSecret::new(secret), "0a1b-user", CLIENT_ID),
        })
    );
    assert_eq!(recorded[1].operation, "RevokeToken");
    assert_eq!(
        recorded[1].body,
        json!({ "Token": "refresh-1", "ClientId": CLIENT_ID, "ClientSecret": secret })
    );
}

/// Runs the independent SRP server-side computation (pycognito's arithmetic) in the
/// project's virtualenv.
fn srp_check(args: &[&str]) -> String {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = std::process::Command::new(repo.join(".venv/bin/python"))
        .arg(repo.join("tests/local-cognito/srp_check.py"))
        .args(args)
        .output()
        .expect("the venv's python (scripts/test creates it)");
    assert!(
        output.status.success(),
        "srp_check.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

/// With COGNITO_AUTH_FLOW=srp the gateway signs in by SRP and its PASSWORD_VERIFIER
/// proof is exactly what an independent implementation expects from a client holding
/// the right password, for the client's own A and timestamp and a fixed server secret.
#[tokio::test]
async fn srp_sign_in_proves_the_password() {
    logs::capture();
    let (pool_id, user_id, password) = ("eu-west-1_Scripted1", "0a1b2c3d-user-id", "Srp-Passw0rd!");
    let salt = "3a1f5c7e9b2d4f6081a3c5e7f9b1d3e5";
    let server_secret = "7d1e0c5a9f3b2d4e6a8c0b1d3f5e7a9c2b4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a3";
    let fixed = [
        "--pool-id",
        pool_id,
        "--user-id",
        user_id,
        "--password",
        password,
        "--salt",
        salt,
        "--b",
        server_secret,
    ];
    let srp_b = srp_check(&[&["server-b"][..], &fixed].concat());
    let secret_block = "U2VjcmV0QmxvY2tGcm9tQ29nbml0bw==";

    let cognito = ScriptedCognito::start(vec![
        Answer::ok(
            "InitiateAuth",
            json!({
                "ChallengeName": "PASSWORD_VERIFIER",
                "ChallengeParameters": {
                    "SALT": salt, "SRP_B": srp_b, "SECRET_BLOCK": secret_block,
                    "USER_ID_FOR_SRP": user_id, "USERNAME": user_id,
                },
            }),
        ),
        Answer::ok("RespondToAuthChallenge", authenticated()),
    ])
    .await;
    let pool = Pool {
        id: pool_id.to_owned(),
        client_id: CLIENT_ID.to_owned(),
    };
    let gateway =
        TestGateway::start_with(&cognito.endpoint, &pool, "Acme", &["--auth-flow", "srp"]).await;
    let reply = gateway
        .post(
            "/login",
            json!({ "username": "ada@example.com", "password": password }),
        )
        .await;
    assert_eq!(reply.ok()["status"], "authenticated");

    let recorded = cognito.recorded();
    let start = &recorded[0].body;
    assert_eq!(start["AuthFlow"], "USER_SRP_AUTH");
    assert_eq!(start["AuthParameters"]["USERNAME"], "ada@example.com");
    assert!(
        start["AuthParameters"].get("PASSWORD").is_none(),
        "the password stays here"
    );
    let srp_a = start["AuthParameters"]["SRP_A"].as_str().expect("SRP_A");

    let answer = &recorded[1].body;
    assert_eq!(answer["ChallengeName"], "PASSWORD_VERIFIER");
    let responses = &answer["ChallengeResponses"];
    assert_eq!(responses["USERNAME"], user_id);
    assert_eq!(responses["PASSWORD_CLAIM_SECRET_BLOCK"], secret_block);
    let timestamp = responses["TIMESTAMP"].as_str().expect("TIMESTAMP");
    let expected = |password: &str| {
        let fixed = [
            "--pool-id",
            pool_id,
            "--user-id",
            user_id,
            "--password",
            password,
            "--salt",
            salt,
            "--b",
            server_secret,
        ];
        srp_check(
            &[
                &["signature"][..],
                &fixed,
                &[
                    "--srp-a",
                    srp_a,
                    "--secret-block",
                    secret_block,
                    "--timestamp",
                    timestamp,
                ],
            ]
            .concat(),
        )
    };
    assert_eq!(responses["PASSWORD_CLAIM_SIGNATURE"], expected(password));
    assert_ne!(
        responses["PASSWORD_CLAIM_SIGNATURE"],
        expected("Wrong-Passw0rd!")
    );
}

/// A PASSWORD_VERIFIER refusal is a wrong password, answered like one.
#[tokio::test]
async fn srp_wrong_password_is_invalid_credentials() {
    logs::capture();
    let cognito = ScriptedCognito::start(vec![
        Answer::ok(
            "InitiateAuth",
            json!({
                "ChallengeName": "PASSWORD_VERIFIER",
                "ChallengeParameters": {
                    "SALT": "ab12", "SRP_B": "c0ffee", "SECRET_BLOCK": "c2VjcmV0",
                    "USER_ID_FOR_SRP": "u-1", "USERNAME": "u-1",
                },
            }),
        ),
        Answer::error(
            "RespondToAuthChallenge",
            "NotAuthorizedException",
            "Incorrect username or password.",
        ),
    ])
    .await;
    let gateway =
        TestGateway::start_with(&cognito.endpoint, &pool(), "Acme", &["--auth-flow", "srp"]).await;
    gateway
        .post("/login", login_body())
        .await
        .assert_problem(401, "invalid_credentials");
}

/// An SRP sign-in through a secret client, for the log-safety test: returns the secrets
/// it handled (password, client secret, SECRET_HASH, tokens).
pub async fn srp_sign_in_with_secret_client() -> Vec<String> {
    logs::capture();
    let (password, secret) = ("Log-Srp-Passw0rd!", "srp-client-secret-for-logs");
    let cognito = ScriptedCognito::start(vec![
        Answer::ok(
            "InitiateAuth",
            json!({
                "ChallengeName": "PASSWORD_VERIFIER",
                "ChallengeParameters": {
                    "SALT": "ab12", "SRP_B": "c0ffee", "SECRET_BLOCK": "c2VjcmV0",
                    "USER_ID_FOR_SRP": "u-1", "USERNAME": "u-1",
                },
            }),
        ),
        Answer::ok("RespondToAuthChallenge", authenticated()),
    ])
    .await;
    let args = ["--auth-flow", "srp", "--client-secret", secret];
    let gateway = TestGateway::start_with(&cognito.endpoint, &pool(), "Acme", &args).await;
    let reply = gateway
        .post("/login", json!({ "username": "ada", "password": password }))
        .await;
    assert_eq!(reply.ok()["status"], "authenticated");
    let recorded = cognito.recorded();
    let responses = &recorded[1].body["ChallengeResponses"];
    let mut secrets = vec![password.to_owned(), secret.to_owned()];
    for value in [
        &recorded[0].body["AuthParameters"]["SECRET_HASH"],
        &responses["SECRET_HASH"],
        &responses["PASSWORD_CLAIM_SIGNATURE"],
    ] {
        secrets.push(value.as_str().expect("sent").to_owned());
    }
    secrets
}

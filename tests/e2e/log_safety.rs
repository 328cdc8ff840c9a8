//! The logs never hold a secret, at any level.

use crate::cognito_answers::srp_sign_in_with_secret_client;
use crate::journeys::run_authenticator_app_journey;
use crate::support::logs;

/// Runs the whole authenticator journey with every target logging at `trace`, and with
/// the AWS SDK told to log the bodies it would otherwise redact, then searches the
/// captured log for each password, code, session, token, secret and URI the journey
/// handled. Without the gateway's cap on dependency logging this fails.
#[tokio::test]
async fn logs_never_contain_secrets() {
    assert_eq!(
        std::env::var("LOG_SENSITIVE_BODIES").as_deref(),
        Ok("true"),
        "run with LOG_SENSITIVE_BODIES=true (scripts/test does) to test the worst case"
    );
    let capture = logs::capture();
    let mut secrets = run_authenticator_app_journey().await;
    secrets
        .values
        .extend(srp_sign_in_with_secret_client().await);
    let log = capture.text();

    // The capture really holds the journey: one line per request, with its route.
    for route in ["/login", "/totp/associate", "/totp/verify", "/mfa/respond"] {
        assert!(
            log.contains(&format!("route=\"{route}\"")),
            "no log line for {route}"
        );
    }
    assert!(log.contains("request_id="));
    assert!(log.contains("status=200"));

    // Each line starts with a timestamp whose microseconds could pass for a code.
    let without_timestamps: String = log
        .lines()
        .map(|line| line.split_once(' ').map_or(line, |(_, rest)| rest))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        secrets.values.len() >= 12,
        "the journey handed over its secrets"
    );
    for secret in &secrets.values {
        assert!(
            !without_timestamps.contains(secret.as_str()),
            "a secret ({} characters) appears in the log",
            secret.len()
        );
    }
}

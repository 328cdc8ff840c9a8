//! The gateway under test, served on a real socket at 127.0.0.1 with a JSON client.

use std::time::Duration;

use gateway_server::Config;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio::net::TcpListener;

use super::Pool;

/// A running gateway and a client for it.
pub struct TestGateway {
    base: String,
    http: reqwest::Client,
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// Asserts an RFC 9457 problem with `status` and `code`, and returns its body.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, code: &str) -> &Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert_eq!(self.body["code"], code, "body: {}", self.body);
        assert_eq!(self.body["status"], status);
        assert_eq!(
            self.headers["content-type"], "application/problem+json",
            "problem content type"
        );
        for member in ["type", "title", "detail"] {
            assert!(self.body[member].is_string(), "{member} in {}", self.body);
        }
        &self.body
    }

    /// Asserts 200 and returns the body.
    #[track_caller]
    pub fn ok(&self) -> &Value {
        assert_eq!(self.status, StatusCode::OK, "body: {}", self.body);
        &self.body
    }
}

impl TestGateway {
    /// A gateway on `pool` of the stand-in at `endpoint`, naming itself `issuer` in
    /// authenticator apps.
    pub async fn start(endpoint: &str, pool: &Pool, issuer: &str) -> Self {
        Self::start_with(endpoint, pool, issuer, &[]).await
    }

    /// Like [`TestGateway::start`], with extra command-line settings.
    pub async fn start_with(endpoint: &str, pool: &Pool, issuer: &str, extra: &[&str]) -> Self {
        let mut args = vec![
            "cognito-mfa-gateway",
            "--user-pool-id",
            &pool.id,
            "--client-id",
            &pool.client_id,
            "--endpoint-url",
            endpoint,
            "--region",
            "us-east-1",
            "--totp-issuer",
            issuer,
        ];
        args.extend_from_slice(extra);
        let config = <Config as clap::Parser>::try_parse_from(args).expect("config");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let gateway = gateway_server::gateway(&config).await;
        tokio::spawn(gateway_server::serve(
            gateway,
            listener,
            std::future::pending(),
        ));
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client");
        Self { base, http }
    }

    /// Sends `body` (if any) with an optional Bearer token.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        bearer: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("gateway answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("body");
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                panic!(
                    "{status}: body is not JSON: {}",
                    String::from_utf8_lossy(&bytes)
                )
            })
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    /// POSTs a JSON body.
    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, None, Some(body)).await
    }

    /// Sends raw bytes with the given content type, for malformed-input tests.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: &'static str) -> Reply {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("gateway answers");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.json().await.expect("JSON body");
        Reply {
            status,
            headers,
            body,
        }
    }

    /// Turns TOTP on for the signed-in user: associates an app, verifies a code computed
    /// from its secret, and makes it the preferred factor. Returns the secret.
    pub async fn enrol_totp(&self, access_token: &str) -> String {
        let enrolment = self
            .call(Method::POST, "/totp/associate", Some(access_token), None)
            .await;
        let secret = enrolment.ok()["secret"]
            .as_str()
            .expect("secret")
            .to_owned();
        let code = super::totp::current_code(&secret).await;
        let verified = self
            .call(
                Method::POST,
                "/totp/verify",
                Some(access_token),
                Some(serde_json::json!({ "code": code })),
            )
            .await;
        assert_eq!(verified.ok()["status"], "verified");
        let preference = self
            .call(
                Method::PUT,
                "/mfa/preference",
                Some(access_token),
                Some(serde_json::json!({ "totp": { "enabled": true, "preferred": true } })),
            )
            .await;
        assert_eq!(preference.ok()["preferred"], "SOFTWARE_TOKEN_MFA");
        secret
    }

    /// Signs in and returns the answer.
    pub async fn login(&self, username: &str, password: &str) -> Reply {
        self.post(
            "/login",
            serde_json::json!({ "username": username, "password": password }),
        )
        .await
    }
}

//! The HTTP layer driven in-process over a fake identity provider, for what the stand-in
//! cannot show: that refused input never reaches Cognito.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use gateway_api::{
    AccessToken, MfaCode, MfaPreference, MfaPreferenceUpdate, Password, RefreshToken, Session,
    Tokens, TotpSecret,
};
use gateway_cognito::{
    AuthStep, ChallengeAnswer, CognitoError, IdentityProvider, Principal, SoftwareToken,
    UserProfile,
};
use gateway_http::{FlowSettings, Gateway};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// A provider that counts calls and fails the test if any is made.
#[derive(Default)]
struct MustNotBeCalled {
    calls: AtomicUsize,
}

impl MustNotBeCalled {
    fn called(&self) -> ! {
        self.calls.fetch_add(1, Ordering::SeqCst);
        panic!("the identity provider was called");
    }
}

#[async_trait]
impl IdentityProvider for MustNotBeCalled {
    async fn sign_in(&self, _: &str, _: &Password) -> Result<AuthStep, CognitoError> {
        self.called()
    }
    async fn respond(
        &self,
        _: &str,
        _: &Session,
        _: ChallengeAnswer,
    ) -> Result<AuthStep, CognitoError> {
        self.called()
    }
    async fn associate_software_token(
        &self,
        _: Principal<'_>,
    ) -> Result<SoftwareToken, CognitoError> {
        self.called()
    }
    async fn verify_software_token(
        &self,
        _: Principal<'_>,
        _: &MfaCode,
        _: Option<&str>,
    ) -> Result<Option<Session>, CognitoError> {
        self.called()
    }
    async fn get_user(&self, _: &AccessToken) -> Result<UserProfile, CognitoError> {
        self.called()
    }
    async fn refresh(&self, _: &RefreshToken, _: Option<&str>) -> Result<Tokens, CognitoError> {
        self.called()
    }
    async fn sign_out_everywhere(&self, _: &AccessToken) -> Result<(), CognitoError> {
        self.called()
    }
    async fn revoke(&self, _: &RefreshToken) -> Result<(), CognitoError> {
        self.called()
    }
    async fn set_mfa_preference(
        &self,
        _: &AccessToken,
        _: MfaPreferenceUpdate,
    ) -> Result<(), CognitoError> {
        self.called()
    }
}

async fn send(idp: Arc<dyn IdentityProvider>, request: Request<Body>) -> (StatusCode, Value) {
    let (status, _, body) = send_full(idp, request).await;
    (status, body)
}

async fn send_full(
    idp: Arc<dyn IdentityProvider>,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let settings = FlowSettings {
        totp_issuer: "Acme".to_owned(),
        session_ttl: Duration::from_secs(180),
    };
    let app = gateway_http::app(Gateway::new(idp, settings));
    let response = app.oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        headers,
        serde_json::from_slice(&bytes).expect("JSON"),
    )
}

fn post(path: &str, body: Value, bearer: Option<&str>) -> Request<Body> {
    let mut builder = Request::post(path).header("content-type", "application/json");
    if let Some(token) = bearer {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    builder.body(Body::from(body.to_string())).expect("request")
}

/// Every request here is refused before the gateway would call Cognito, with the
/// status and code given.
#[tokio::test]
async fn refused_input_makes_no_upstream_call() {
    let idp = Arc::new(MustNotBeCalled::default());
    let respond = |code: &str| json!({ "username": "ada", "session": "s", "challenge": "SOFTWARE_TOKEN_MFA", "code": code });
    let cases = [
        (
            post("/mfa/respond", respond("12345"), None),
            400,
            "invalid_code_format",
        ),
        (
            post("/mfa/respond", respond("abcdef"), None),
            400,
            "invalid_code_format",
        ),
        (
            post("/totp/verify", json!({ "code": "1" }), Some("t")),
            400,
            "invalid_code_format",
        ),
        (
            post(
                "/mfa/respond",
                json!({ "username": "ada", "session": "s", "challenge": "SOFTWARE_TOKEN_MFA" }),
                None,
            ),
            400,
            "invalid_request",
        ),
        (
            post(
                "/mfa/respond",
                json!({ "username": "ada", "session": "s", "challenge": "NEW_PASSWORD_REQUIRED" }),
                None,
            ),
            400,
            "invalid_request",
        ),
        (
            post("/login", json!({ "username": "", "password": "p" }), None),
            400,
            "invalid_request",
        ),
        (
            post("/login", json!({ "username": "ada", "password": "" }), None),
            400,
            "invalid_request",
        ),
        (
            Request::put("/mfa/preference")
                .header("content-type", "application/json")
                .header("authorization", "Bearer t")
                .body(Body::from(r#"{"totp":{"enabled":false,"preferred":true}}"#))
                .expect("request"),
            400,
            "invalid_request",
        ),
        (
            Request::put("/mfa/preference")
                .header("content-type", "application/json")
                .header("authorization", "Bearer t")
                .body(Body::from("{}"))
                .expect("request"),
            400,
            "invalid_request",
        ),
        (
            Request::get("/mfa/preference")
                .header("authorization", "Basic dXNlcjpwYXNz")
                .body(Body::empty())
                .expect("request"),
            401,
            "invalid_token",
        ),
        (
            Request::get("/mfa/preference")
                .header("authorization", format!("Bearer {}", "A".repeat(20_000)))
                .body(Body::empty())
                .expect("request"),
            401,
            "invalid_token",
        ),
        (
            Request::get("/mfa/preference")
                .header("authorization", "Bearer abc\tdef")
                .body(Body::empty())
                .expect("request"),
            401,
            "invalid_token",
        ),
        (
            Request::post("/login")
                .header("content-type", "application/json")
                .body(Body::from(r#"{"username":"a","password":"b"} {"x":1}"#))
                .expect("request"),
            400,
            "invalid_request",
        ),
        (
            post("/login", json!(["ada", "pw"]), None),
            400,
            "invalid_request",
        ),
        (
            Request::post("/login")
                .header("content-type", "application/json")
                .body(Body::from(vec![b' '; 64 * 1024]))
                .expect("request"),
            413,
            "payload_too_large",
        ),
    ];
    for (request, status, code) in cases {
        let what = format!("{} {}", request.method(), request.uri());
        let (got_status, body) = send(idp.clone(), request).await;
        assert_eq!(
            (got_status.as_u16(), body["code"].as_str()),
            (status, Some(code)),
            "{what}: {body}"
        );
    }
    assert_eq!(idp.calls.load(Ordering::SeqCst), 0);
}

/// A client's request id is kept when it is a sane token, and replaced with a fresh one
/// when it is too long or oddly shaped to be trusted in the log.
#[tokio::test]
async fn request_ids() {
    let idp = Arc::new(MustNotBeCalled::default());
    let with_id = |id: &str| {
        Request::get("/healthz")
            .header("x-request-id", id)
            .body(Body::empty())
            .expect("request")
    };
    let (_, headers, _) = send_full(idp.clone(), with_id("trace-0af7651916cd43dd")).await;
    assert_eq!(headers["x-request-id"], "trace-0af7651916cd43dd");
    for unusable in ["x".repeat(65), "a b".to_owned(), "quote\"d".to_owned()] {
        let (_, headers, _) = send_full(idp.clone(), with_id(&unusable)).await;
        let id = headers["x-request-id"].to_str().expect("ASCII");
        assert_ne!(id, unusable);
        assert_eq!(id.len(), 36, "a fresh UUID: {id}");
    }
}

/// A provider for one signed-in user whose email is too long for a QR code.
struct LongEmailUser;

#[async_trait]
impl IdentityProvider for LongEmailUser {
    async fn sign_in(&self, _: &str, _: &Password) -> Result<AuthStep, CognitoError> {
        unreachable!("not used")
    }
    async fn respond(
        &self,
        _: &str,
        _: &Session,
        _: ChallengeAnswer,
    ) -> Result<AuthStep, CognitoError> {
        unreachable!("not used")
    }
    async fn associate_software_token(
        &self,
        _: Principal<'_>,
    ) -> Result<SoftwareToken, CognitoError> {
        Ok(SoftwareToken {
            secret: TotpSecret::new("JBSWY3DPEHPK3PXP"),
            session: None,
        })
    }
    async fn verify_software_token(
        &self,
        _: Principal<'_>,
        _: &MfaCode,
        _: Option<&str>,
    ) -> Result<Option<Session>, CognitoError> {
        unreachable!("not used")
    }
    async fn get_user(&self, _: &AccessToken) -> Result<UserProfile, CognitoError> {
        Ok(UserProfile {
            username: "ada".to_owned(),
            email: Some(format!("{}@example.com", "+".repeat(800))),
            mfa: MfaPreference::default(),
        })
    }
    async fn refresh(&self, _: &RefreshToken, _: Option<&str>) -> Result<Tokens, CognitoError> {
        unreachable!("not used")
    }
    async fn sign_out_everywhere(&self, _: &AccessToken) -> Result<(), CognitoError> {
        unreachable!("not used")
    }
    async fn revoke(&self, _: &RefreshToken) -> Result<(), CognitoError> {
        unreachable!("not used")
    }
    async fn set_mfa_preference(
        &self,
        _: &AccessToken,
        _: MfaPreferenceUpdate,
    ) -> Result<(), CognitoError> {
        unreachable!("not used")
    }
}

/// An email too long for a QR code shortens the label instead of failing the enrolment.
#[tokio::test]
async fn overlong_email_shortens_the_label() {
    let request = Request::post("/totp/associate")
        .header("authorization", "Bearer t")
        .body(Body::empty())
        .expect("request");
    let (status, body) = send(Arc::new(LongEmailUser), request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let uri = body["otpauth_uri"].as_str().expect("uri");
    let label = format!("otpauth://totp/Acme:{}?", "%2B".repeat(64));
    assert!(uri.starts_with(&label), "{uri}");
    assert_eq!(
        crate::support::totp::decode_qr(body["qr_png"].as_str().expect("qr")),
        uri
    );
}

/// The gateway serves the committed OpenAPI document at `/openapi.json`.
#[tokio::test]
async fn serves_the_committed_spec() {
    let request = Request::get("/openapi.json")
        .body(Body::empty())
        .expect("request");
    let (status, headers, body) = send_full(Arc::new(MustNotBeCalled::default()), request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/json");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json");
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("committed spec"))
            .expect("JSON");
    assert_eq!(body, committed);
    assert_eq!(body["info"]["title"], "cognito-mfa-gateway");
}

/// `/docs` renders the spec with Redoc, loading its script from the gateway itself.
#[tokio::test]
async fn docs_page_needs_nothing_from_the_internet() {
    let app = |path: &str| {
        let request = Request::get(path).body(Body::empty()).expect("request");
        let settings = FlowSettings {
            totp_issuer: "Acme".to_owned(),
            session_ttl: Duration::from_secs(180),
        };
        let idp: Arc<dyn IdentityProvider> = Arc::new(MustNotBeCalled::default());
        gateway_http::app(Gateway::new(idp, settings)).oneshot(request)
    };
    let page = app("/docs").await.expect("infallible");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.into_body().collect().await.expect("body").to_bytes();
    let html = String::from_utf8(html.to_vec()).expect("UTF-8");
    assert!(html.contains(r#"<script src="/docs/redoc.standalone.js"></script>"#));
    assert!(!html.contains("https://"), "no external resource");
    assert!(html.contains("/totp/associate"), "the spec is embedded");
    let script = app("/docs/redoc.standalone.js").await.expect("infallible");
    assert_eq!(script.status(), StatusCode::OK);
    assert_eq!(
        script.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    let script = script.into_body().collect().await.expect("body").to_bytes();
    assert!(script.len() > 1_000_000, "the whole bundle");
}

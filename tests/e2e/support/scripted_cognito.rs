//! A scripted stand-in for Cognito's JSON API on 127.0.0.1, for answers the local
//! stand-in (moto) never gives: Cognito's own error wording, other challenges, and a
//! record of exactly what the gateway sent.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// One scripted answer: the operation it expects, and the status and body it returns.
pub struct Answer {
    operation: &'static str,
    status: u16,
    body: Value,
}

impl Answer {
    /// A successful answer to `operation`.
    pub fn ok(operation: &'static str, body: Value) -> Self {
        Self {
            operation,
            status: 200,
            body,
        }
    }

    /// Cognito's error `exception` with `message`, as `operation` would return it.
    pub fn error(operation: &'static str, exception: &str, message: &str) -> Self {
        Self {
            operation,
            status: 400,
            body: json!({ "__type": exception, "message": message }),
        }
    }
}

/// A request the gateway made: the operation and its JSON body.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub operation: String,
    pub body: Value,
}

#[derive(Clone, Default)]
struct Script {
    answers: Arc<Mutex<VecDeque<Answer>>>,
    recorded: Arc<Mutex<Vec<Recorded>>>,
}

/// The running stand-in.
pub struct ScriptedCognito {
    pub endpoint: String,
    script: Script,
}

impl ScriptedCognito {
    /// Serves `answers` in order, one per request.
    pub async fn start(answers: Vec<Answer>) -> Self {
        let script = Script::default();
        script.answers.lock().expect("lock").extend(answers);
        let app = Router::new().fallback(answer).with_state(script.clone());
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let endpoint = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { endpoint, script }
    }

    /// What the gateway sent so far, in order.
    pub fn recorded(&self) -> Vec<Recorded> {
        self.script.recorded.lock().expect("lock").clone()
    }
}

async fn answer(State(script): State<Script>, headers: HeaderMap, body: Bytes) -> Response {
    // The JSON protocol names the operation in X-Amz-Target: "<Service>.<Operation>".
    let operation = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .and_then(|target| target.rsplit('.').next())
        .unwrap_or("")
        .to_owned();
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    script.recorded.lock().expect("lock").push(Recorded {
        operation: operation.clone(),
        body,
    });
    let next = script.answers.lock().expect("lock").pop_front();
    let Some(next) = next.filter(|next| next.operation == operation) else {
        let body = json!({ "__type": "UnscriptedCall", "message": operation });
        return (StatusCode::IM_A_TEAPOT, body.to_string()).into_response();
    };
    let status = StatusCode::from_u16(next.status).expect("status");
    (
        status,
        [(header::CONTENT_TYPE, "application/x-amz-json-1.1")],
        next.body.to_string(),
    )
        .into_response()
}

//! Cognito unreachable or silent: a clear 5xx, within the configured time.

use std::time::{Duration, Instant};

use tokio::net::TcpListener;

use crate::support::{Pool, TestGateway, logs};

fn pool() -> Pool {
    Pool {
        id: "us-east-1_Unreachable".to_owned(),
        client_id: "client".to_owned(),
    }
}

/// Nothing listens at the endpoint: 502 `upstream_unavailable`.
#[tokio::test]
async fn refused_connection_is_502() {
    logs::capture();
    // Bind and drop a listener to get a loopback port with nobody on it.
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind")
        .local_addr()
        .expect("address")
        .port();
    let endpoint = format!("http://127.0.0.1:{port}");
    let gateway = TestGateway::start(&endpoint, &pool(), "Acme").await;
    gateway
        .login("ada", "Any-Passw0rd!")
        .await
        .assert_problem(502, "upstream_unavailable");
}

/// The endpoint accepts connections but never answers: 504 `upstream_timeout`, after
/// the call timeout rather than never.
#[tokio::test]
async fn silent_upstream_is_504() {
    logs::capture();
    let silent = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let endpoint = format!("http://{}", silent.local_addr().expect("address"));
    // Accept and hold connections without ever writing a byte.
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let gateway =
        TestGateway::start_with(&endpoint, &pool(), "Acme", &["--call-timeout-ms", "300"]).await;
    let started = Instant::now();
    let reply = gateway.login("ada", "Any-Passw0rd!").await;
    reply.assert_problem(504, "upstream_timeout");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "bounded by the timeout"
    );
}

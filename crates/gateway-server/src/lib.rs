//! The `cognito-mfa-gateway` server: settings, logging, and serving the HTTP app.
//!
//! The binary (`main.rs`) only parses [`Config`], installs [`logging`], binds and calls
//! [`serve`]; tests call the same [`serve`] on a port of their own.

pub mod config;
pub mod logging;

use std::future::Future;
use std::io;
use std::sync::Arc;

use gateway_cognito::CognitoIdp;
use gateway_http::Gateway;
use tokio::net::TcpListener;

pub use config::Config;

/// The gateway for `config`, talking to Cognito through the AWS SDK.
pub async fn gateway(config: &Config) -> Gateway {
    let idp = CognitoIdp::connect(&config.cognito()).await;
    Gateway::new(Arc::new(idp), config.flows())
}

/// Serves `gateway` on `listener` until `shutdown` completes, then lets in-flight
/// requests finish.
pub async fn serve(
    gateway: Gateway,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    axum::serve(listener, gateway_http::app(gateway))
        .with_graceful_shutdown(shutdown)
        .await
}

//! Entry point: read the settings, start logging, serve until Ctrl-C or SIGTERM.

use clap::Parser;
use gateway_server::{Config, logging};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let config = Config::parse();
    if let Err(problem) = logging::init() {
        eprintln!("error: {problem}");
        std::process::exit(2);
    }
    // The default hook prints a panic's message, which could quote request data, to
    // stderr past the log filters; log only where it happened.
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(ToString::to_string);
        tracing::error!(location = location.as_deref().unwrap_or("unknown"), "panic");
    }));
    let listener = TcpListener::bind(config.addr).await?;
    tracing::info!(
        addr = %listener.local_addr()?,
        user_pool = %config.user_pool_id,
        endpoint = config.endpoint_url.as_deref().unwrap_or("AWS"),
        "gateway listening"
    );
    let gateway = gateway_server::gateway(&config).await;
    gateway_server::serve(gateway, listener, shutdown_signal()).await?;
    tracing::info!("gateway stopped");
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM (the signal container runtimes send).
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

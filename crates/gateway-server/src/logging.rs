//! Log output: human-readable lines on stderr, filtered by `RUST_LOG`, with the AWS SDK
//! and HTTP client internals capped so that no level can make them print secrets.
//!
//! At `trace` the AWS SDK logs whole responses (tokens, sessions and secrets in the clear)
//! as soon as `LOG_SENSITIVE_BODIES=true` is set, and its and hyper's `debug`/`trace`
//! output is not reviewed for secrets release by release. Those targets are therefore
//! capped at `info` whatever `RUST_LOG` says; the gateway itself never logs a secret at
//! any level. The end-to-end log test runs with that variable set to prove the cap holds.

use std::io::IsTerminal;

use tracing::Metadata;
use tracing::level_filters::LevelFilter;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::Layer;
use tracing_subscriber::filter::FilterFn;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Dependencies whose verbose output can hold secrets, and the most verbose level let
/// through from each: the SDK and HTTP stack print requests and responses below `info`,
/// and the SRP crate logs usernames and SECRET_HASH values at `info`.
const CAPPED_TARGETS: [(&str, LevelFilter); 7] = [
    ("aws_smithy", LevelFilter::INFO),
    ("aws_sdk", LevelFilter::INFO),
    ("aws_config", LevelFilter::INFO),
    ("aws_runtime", LevelFilter::INFO),
    ("hyper", LevelFilter::INFO),
    ("h2", LevelFilter::INFO),
    ("aws_cognito_srp", LevelFilter::WARN),
];

/// Whether an event or span may be recorded, whatever `RUST_LOG` allows.
pub fn is_safe_to_record(metadata: &Metadata<'_>) -> bool {
    CAPPED_TARGETS
        .iter()
        .find(|(prefix, _)| metadata.target().starts_with(prefix))
        .is_none_or(|(_, cap)| metadata.level() <= cap)
}

/// The formatting layer with `filter` and the secret-safety cap. `ansi` colours the
/// output for terminals.
pub fn layer<S, W>(writer: W, filter: EnvFilter, ansi: bool) -> impl Layer<S>
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt::layer()
        .with_writer(writer)
        .with_ansi(ansi)
        .with_filter(filter)
        .with_filter(FilterFn::new(is_safe_to_record))
}

/// Installs logging to stderr for the process.
///
/// `RUST_LOG` (default `info`) must parse: a typo would otherwise silently change what
/// the operator sees.
pub fn init() -> Result<(), String> {
    let filter = match std::env::var("RUST_LOG") {
        Ok(directives) => {
            EnvFilter::try_new(&directives).map_err(|err| format!("invalid RUST_LOG ({err})"))?
        }
        Err(_) => EnvFilter::new("info"),
    };
    tracing_subscriber::registry()
        .with(layer(
            std::io::stderr,
            filter,
            std::io::stderr().is_terminal(),
        ))
        .init();
    Ok(())
}

//! Log output: human-readable lines on stderr, filtered by `RUST_LOG`, with the AWS SDK
//! and HTTP client internals capped so that no level can make them print secrets.
//!
//! At `debug` and `trace` the SDK and hyper log whole requests and responses (passwords,
//! codes, sessions and tokens in the clear). Those targets are therefore capped at `info`
//! whatever `RUST_LOG` says; the gateway itself never logs a secret at any level.

use tracing::level_filters::LevelFilter;
use tracing::Metadata;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::FilterFn;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer;

/// Target prefixes of dependencies that may log request or response bodies.
const PAYLOAD_LOGGING_TARGETS: [&str; 6] = [
    "aws_smithy",
    "aws_sdk",
    "aws_config",
    "aws_runtime",
    "hyper",
    "h2",
];

/// Whether an event or span may be recorded, whatever `RUST_LOG` allows.
pub fn is_safe_to_record(metadata: &Metadata<'_>) -> bool {
    let from_payload_logger = PAYLOAD_LOGGING_TARGETS
        .iter()
        .any(|prefix| metadata.target().starts_with(prefix));
    !from_payload_logger || *metadata.level() <= LevelFilter::INFO
}

/// The formatting layer with `RUST_LOG` (default `info`) and the secret-safety cap.
pub fn layer<S, W>(writer: W, filter: EnvFilter) -> impl Layer<S>
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt::layer()
        .with_writer(writer)
        .with_filter(filter)
        .with_filter(FilterFn::new(is_safe_to_record))
}

/// Installs logging to stderr for the process.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::registry()
        .with(layer(std::io::stderr, filter))
        .init();
}

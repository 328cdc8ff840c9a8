//! Captures every log line of this test binary, at every level, for the log-safety test.
//!
//! One global subscriber serves all tests (the gateway's tasks run on runtime threads
//! that a thread-local subscriber would miss), so the capture holds the logs of every
//! test that ran so far, which only widens what the safety test examines.

use std::io;
use std::sync::{Arc, Mutex, OnceLock};

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;

/// The shared log buffer.
#[derive(Clone, Default)]
pub struct Capture(Arc<Mutex<Vec<u8>>>);

impl Capture {
    /// Everything logged so far.
    pub fn text(&self) -> String {
        let bytes = self.0.lock().map(|b| b.clone()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Ok(mut bytes) = self.0.lock() {
            bytes.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Installs the capture once, with the gateway's own log layer opened up to `trace`
/// for every target, and returns it.
pub fn capture() -> Capture {
    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    CAPTURE
        .get_or_init(|| {
            let capture = Capture::default();
            let subscriber = tracing_subscriber::registry().with(gateway_server::logging::layer(
                capture.clone(),
                EnvFilter::new("trace"),
                false,
            ));
            tracing::subscriber::set_global_default(subscriber).expect("one global subscriber");
            // As the binary does (through `init`): crates that log with `log` (the SRP
            // crate) reach the same filters.
            tracing_log::LogTracer::init().expect("one log bridge");
            capture
        })
        .clone()
}

//! End-to-end tests: the gateway over real HTTP against the local Cognito stand-in, plus
//! in-process tests of the HTTP layer over a fake identity provider.
//!
//! One test binary on purpose: each extra one is another link of the AWS SDK.
//! `scripts/test` starts the stand-in and sets `LOCAL_COGNITO_ENDPOINT`.

// Test helpers are `pub` for the modules of this binary, not for export.
#![allow(unreachable_pub)]
// In this binary a failed expectation is a failed test, which is what `expect` reports.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

mod cognito_answers;
mod errors;
mod in_process;
mod journeys;
mod log_safety;
mod token_lifecycle;
mod upstream_failures;

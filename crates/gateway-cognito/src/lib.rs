//! The Cognito user-pool adapter.
//!
//! [`IdentityProvider`] is the small set of user-pool operations the gateway's flows need,
//! in the gateway's own types. [`CognitoIdp`] implements it with the official AWS SDK, and
//! is the only place that knows Cognito's parameter names, its quirks, and what each of its
//! exceptions means ([`error`]). Tests and benchmarks can substitute their own provider.

pub mod error;

mod challenge;
mod client;
mod provider;
mod secret_hash;
mod srp;

pub use challenge::is_user_writable_attribute;
pub use client::{CognitoIdp, CognitoSettings, PasswordFlow};
pub use error::{CognitoError, ErrorKind, Operation};
pub use provider::{
    AuthStep, ChallengeAnswer, IdentityProvider, IssuedChallenge, Principal, SoftwareToken,
    UserProfile,
};
pub use secret_hash::secret_hash;

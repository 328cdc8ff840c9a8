//! The gateway's JSON vocabulary: request and response bodies, the problem+json error
//! shape, and the newtypes that keep secrets out of `Debug` output.
//!
//! Everything a client sends or receives is declared here, so the HTTP layer, the Cognito
//! adapter and the tests all speak the same types. Nothing in this crate does I/O.

mod auth;
mod mfa;
mod problem;
mod secret;

pub use auth::{
    ChallengeName, LoginRequest, LogoutRequest, RefreshRequest, RespondRequest, SignInChallenge,
    SignInResponse, Tokens,
};
pub use mfa::{
    AssociateSessionRequest, MfaMethod, MfaPreference, MfaPreferenceUpdate, MfaSetting,
    TotpEnrolment, VerifiedResponse, VerifiedStatus, VerifyRequest,
};
pub use problem::{ALL_CODES, ErrorCode, Problem};
pub use secret::{
    AccessToken, ClientSecret, IdToken, MfaCode, Password, RefreshToken, Session, TotpSecret,
    TotpUri,
};

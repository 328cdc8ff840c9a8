//! What the end-to-end tests share: the local Cognito stand-in, a gateway on a real
//! socket, and independent checks of what the gateway returns (TOTP codes computed from
//! the secret, QR codes decoded from the PNG, JWTs verified against the pool's keys).

pub mod cognito;
pub mod gateway;
pub mod logs;
pub mod scripted_cognito;
pub mod totp;

pub use cognito::{ClientKind, LocalCognito, MfaMode, Pool};
pub use gateway::TestGateway;
pub use scripted_cognito::{Answer, ScriptedCognito};

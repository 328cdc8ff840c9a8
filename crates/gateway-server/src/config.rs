//! The gateway's settings, from environment variables or the matching `--flags`.

use std::net::SocketAddr;
use std::time::Duration;

use clap::Parser;
use gateway_api::ClientSecret;
use gateway_cognito::{CognitoSettings, PasswordFlow};
use gateway_http::FlowSettings;

/// Every setting of the gateway. Each flag reads the environment variable it is named
/// after, so a bad value is reported with that variable's name.
#[derive(Debug, Clone, Parser)]
#[command(name = "cognito-mfa-gateway", version, about)]
pub struct Config {
    /// The user pool, e.g. `eu-west-1_AbC123`.
    #[arg(long, env = "COGNITO_USER_POOL_ID", value_name = "COGNITO_USER_POOL_ID", value_parser = parse_pool_id)]
    pub user_pool_id: String,

    /// The app client the gateway signs users in as.
    #[arg(long, env = "COGNITO_CLIENT_ID", value_name = "COGNITO_CLIENT_ID", value_parser = parse_non_empty)]
    pub client_id: String,

    /// How passwords are checked: `password` (USER_PASSWORD_AUTH) or `srp` (USER_SRP_AUTH,
    /// for pools that disallow the former; the password then never leaves the gateway).
    #[arg(long, env = "COGNITO_AUTH_FLOW", value_name = "COGNITO_AUTH_FLOW", value_enum, default_value_t = AuthFlow::Password)]
    pub auth_flow: AuthFlow,

    /// The app client's secret, for clients created with one.
    #[arg(long, env = "COGNITO_CLIENT_SECRET", value_name = "COGNITO_CLIENT_SECRET", hide_env_values = true, value_parser = parse_client_secret)]
    pub client_secret: Option<ClientSecret>,

    /// The pool's AWS region; by default the prefix of the pool id.
    #[arg(long, env = "AWS_REGION", value_name = "AWS_REGION", value_parser = parse_non_empty)]
    pub region: Option<String>,

    /// Another Cognito endpoint, such as the local stand-in (`http://127.0.0.1:5000`).
    #[arg(long, env = "COGNITO_ENDPOINT_URL", value_name = "COGNITO_ENDPOINT_URL", value_parser = parse_endpoint)]
    pub endpoint_url: Option<String>,

    /// The address to listen on.
    #[arg(
        long,
        env = "GATEWAY_ADDR",
        value_name = "GATEWAY_ADDR",
        default_value = "127.0.0.1:8080"
    )]
    pub addr: SocketAddr,

    /// The issuer name authenticator apps show.
    #[arg(long, env = "TOTP_ISSUER", value_name = "TOTP_ISSUER", default_value = "Cognito MFA Gateway", value_parser = parse_issuer)]
    pub totp_issuer: String,

    /// Lifetime of a sign-in session in seconds, as set on the app client (3 to 15 minutes).
    #[arg(long, env = "COGNITO_SESSION_TTL_SECS", value_name = "COGNITO_SESSION_TTL_SECS", default_value_t = 180, value_parser = clap::value_parser!(u64).range(180..=900))]
    pub session_ttl_secs: u64,

    /// How long to wait for a connection to Cognito, in milliseconds.
    #[arg(long, env = "COGNITO_CONNECT_TIMEOUT_MS", value_name = "COGNITO_CONNECT_TIMEOUT_MS", default_value_t = 3_000, value_parser = clap::value_parser!(u64).range(1..=60_000))]
    pub connect_timeout_ms: u64,

    /// How long one Cognito call may take in all, in milliseconds.
    #[arg(long, env = "COGNITO_TIMEOUT_MS", value_name = "COGNITO_TIMEOUT_MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=120_000))]
    pub call_timeout_ms: u64,
}

/// The `COGNITO_AUTH_FLOW` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuthFlow {
    /// USER_PASSWORD_AUTH.
    Password,
    /// USER_SRP_AUTH.
    Srp,
}

impl Config {
    /// The Cognito connection settings.
    pub fn cognito(&self) -> CognitoSettings {
        CognitoSettings {
            user_pool_id: self.user_pool_id.clone(),
            password_flow: match self.auth_flow {
                AuthFlow::Password => PasswordFlow::UserPassword,
                AuthFlow::Srp => PasswordFlow::Srp,
            },
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.clone(),
            region: self
                .region
                .clone()
                .unwrap_or_else(|| region_of(&self.user_pool_id)),
            endpoint_url: self.endpoint_url.clone(),
            connect_timeout: Duration::from_millis(self.connect_timeout_ms),
            call_timeout: Duration::from_millis(self.call_timeout_ms),
        }
    }

    /// The settings of the flows.
    pub fn flows(&self) -> FlowSettings {
        FlowSettings {
            totp_issuer: self.totp_issuer.clone(),
            session_ttl: Duration::from_secs(self.session_ttl_secs),
        }
    }
}

/// The region a pool id starts with (`eu-west-1_AbC123` is in `eu-west-1`).
fn region_of(pool_id: &str) -> String {
    pool_id
        .split_once('_')
        .map_or(pool_id, |(region, _)| region)
        .to_owned()
}

fn parse_pool_id(value: &str) -> Result<String, String> {
    let valid = value.split_once('_').is_some_and(|(region, id)| {
        !region.is_empty()
            && region
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !id.is_empty()
            && id.chars().all(|c| c.is_ascii_alphanumeric())
    });
    if valid {
        Ok(value.to_owned())
    } else {
        Err("expected <region>_<id>, e.g. eu-west-1_AbC123".to_owned())
    }
}

fn parse_non_empty(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err("must not be empty".to_owned());
    }
    Ok(value.to_owned())
}

fn parse_client_secret(value: &str) -> Result<ClientSecret, String> {
    parse_non_empty(value).map(ClientSecret::new)
}

fn parse_endpoint(value: &str) -> Result<String, String> {
    let has_scheme = value.starts_with("http://") || value.starts_with("https://");
    let has_host = value
        .split_once("://")
        .is_some_and(|(_, rest)| !rest.is_empty());
    if has_scheme && has_host {
        Ok(value.trim_end_matches('/').to_owned())
    } else {
        Err("expected an http:// or https:// URL".to_owned())
    }
}

/// Issuers are shown in small print by authenticator apps and take room in the QR code.
fn parse_issuer(value: &str) -> Result<String, String> {
    let value = parse_non_empty(value)?;
    if value.chars().count() > 64 {
        return Err("at most 64 characters".to_owned());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQUIRED: [&str; 5] = [
        "gateway",
        "--user-pool-id",
        "eu-west-1_AbC123",
        "--client-id",
        "client",
    ];

    /// The default region is the pool id's prefix. (Tested on the function: clap also
    /// reads AWS_REGION from the environment, which the test scripts set.)
    #[test]
    fn region_follows_the_pool_id() {
        assert_eq!(region_of("eu-west-1_AbC123"), "eu-west-1");
        assert_eq!(region_of("us-gov-west-1_x"), "us-gov-west-1");
    }

    /// The documented defaults. Read from the command definition rather than a parse,
    /// which would also read the environment (the test scripts export AWS_REGION, and a
    /// developer's shell may set any of these).
    #[test]
    fn defaults() {
        let command = <Config as clap::CommandFactory>::command();
        let default_of = |id: &str| {
            let argument = command.get_arguments().find(|a| a.get_id() == id);
            let values = argument
                .map(|a| a.get_default_values().to_vec())
                .unwrap_or_default();
            values
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(default_of("addr"), ["127.0.0.1:8080"]);
        assert_eq!(default_of("session_ttl_secs"), ["180"]);
        assert_eq!(default_of("auth_flow"), ["password"]);
        assert_eq!(default_of("connect_timeout_ms"), ["3000"]);
        assert_eq!(default_of("call_timeout_ms"), ["10000"]);
        assert_eq!(default_of("totp_issuer"), ["Cognito MFA Gateway"]);
        assert_eq!(
            default_of("region"),
            Vec::<String>::new(),
            "derived from the pool id"
        );
    }

    /// A bad value is reported with the variable's name.
    #[test]
    fn errors_name_the_variable() {
        let bad_pool = ["gateway", "--user-pool-id", "nope", "--client-id", "c"];
        let err = Config::try_parse_from(bad_pool)
            .expect_err("invalid")
            .to_string();
        assert!(err.contains("COGNITO_USER_POOL_ID"), "{err}");

        let mut short_ttl = REQUIRED.to_vec();
        short_ttl.extend(["--session-ttl-secs", "5"]);
        let err = Config::try_parse_from(short_ttl)
            .expect_err("invalid")
            .to_string();
        assert!(err.contains("COGNITO_SESSION_TTL_SECS"), "{err}");
    }

    /// The client secret never shows in the config's Debug output.
    #[test]
    fn client_secret_is_redacted() {
        let mut args = REQUIRED.to_vec();
        args.extend(["--client-secret", "s3cr3t-value"]);
        let config = Config::try_parse_from(args).expect("valid");
        assert!(!format!("{config:?}").contains("s3cr3t-value"));
    }
}

//! Cognito's SECRET_HASH for app clients that have a client secret.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use gateway_api::ClientSecret;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// `Base64(HMAC-SHA256(key = client secret, message = username + client id))`.
///
/// `username` must be the USERNAME sent in the same call: after an alias or email
/// sign-in that is Cognito's internal name, not what the user typed.
pub fn secret_hash(client_secret: &ClientSecret, username: &str, client_id: &str) -> String {
    // HMAC takes keys of any length, so this cannot fail.
    #[allow(clippy::expect_used)]
    let mut mac = Hmac::<Sha256>::new_from_slice(client_secret.expose().as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed vector computed independently with Python's `hmac` and `base64` modules.
    #[test]
    fn matches_independent_computation() {
        let secret = ClientSecret::new("1example23456789abcdefghijklmnopqrstuvwxyz0123456789");
        assert_eq!(
            secret_hash(&secret, "demo", "4exampleclientid5678"),
            "wbgz6fY/lJjlCZm1UczVpcrRy7W5xTCOCEpdAPQIU6E="
        );
    }
}

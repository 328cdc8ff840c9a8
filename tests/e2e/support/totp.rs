//! Independent checks of an enrolment: TOTP codes from the secret (totp-rs), the
//! otpauth URI's parts (url), and the QR code's content (rqrr).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use totp_rs::{Algorithm, Secret, TOTP};

const PERIOD: u64 = 30;

/// The code an authenticator app shows now for `secret` (base32, any case).
///
/// Waits for the next period when fewer than three seconds are left, so that the code
/// is still current when the stand-in checks it (it accepts only the current period).
pub async fn current_code(secret: &str) -> String {
    let left = PERIOD - unix_now().as_secs() % PERIOD;
    if left < 3 {
        tokio::time::sleep(Duration::from_secs(left)).await;
    }
    code_at(secret, unix_now().as_secs())
}

/// A six-digit code that is not valid now or in the neighbouring periods.
pub fn wrong_code(secret: &str) -> String {
    let now = unix_now().as_secs();
    let valid: Vec<String> = [now - PERIOD, now, now + PERIOD]
        .iter()
        .map(|t| code_at(secret, *t))
        .collect();
    (0..)
        .map(|n: u32| format!("{:06}", (n * 7919) % 1_000_000))
        .find(|candidate| !valid.contains(candidate))
        .expect("a wrong code exists")
}

fn code_at(secret: &str, unix_secs: u64) -> String {
    // The stand-in's shared secret is 60 bits, below RFC 4226's recommended minimum,
    // which `TOTP::new` enforces; real Cognito secrets pass either way.
    let bytes = Secret::Encoded(secret.to_uppercase())
        .to_bytes()
        .expect("base32 secret");
    TOTP::new_unchecked(Algorithm::SHA1, 6, 1, PERIOD, bytes, None, String::new())
        .generate(unix_secs)
}

fn unix_now() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
}

/// The text in the QR code of a `data:image/png;base64,...` URL.
pub fn decode_qr(data_url: &str) -> String {
    let png = data_url
        .strip_prefix("data:image/png;base64,")
        .expect("PNG data URL");
    let bytes = STANDARD.decode(png).expect("base64");
    let image = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .expect("PNG")
        .to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().expect("QR decodes").1
}

/// The parts of an otpauth URI an authenticator app reads.
#[derive(Debug)]
pub struct OtpauthUri {
    pub label: String,
    pub secret: String,
    pub issuer: String,
    pub algorithm: String,
    pub digits: String,
    pub period: String,
}

/// Parses `uri` as an app would.
pub fn parse_otpauth(uri: &str) -> OtpauthUri {
    let url = url::Url::parse(uri).expect("URI");
    assert_eq!(url.scheme(), "otpauth");
    assert_eq!(url.host_str(), Some("totp"));
    let query = |name: &str| {
        url.query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
            .unwrap_or_else(|| panic!("{name} in {uri}"))
    };
    let label = url.path().trim_start_matches('/');
    OtpauthUri {
        label: percent_encoding::percent_decode_str(label)
            .decode_utf8()
            .expect("UTF-8 label")
            .into_owned(),
        secret: query("secret"),
        issuer: query("issuer"),
        algorithm: query("algorithm"),
        digits: query("digits"),
        period: query("period"),
    }
}

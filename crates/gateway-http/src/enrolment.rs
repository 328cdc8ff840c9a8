//! What an authenticator app scans: the `otpauth://` URI and its QR code.

use std::io::Cursor;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use gateway_api::{TotpSecret, TotpUri};
use image::{ImageFormat, Luma};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use qrcode::QrCode;

/// RFC 3986 leaves only the unreserved characters unencoded; everything else, the space
/// included, becomes `%XX` (never `+`, which some apps would show literally).
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Edge length of the QR image; large enough for phone cameras at arm's length.
const QR_MIN_PIXELS: u32 = 256;

/// The Key URI for `secret`, labelled `issuer:account`, with Cognito's fixed parameters
/// (SHA1, six digits, 30-second period) spelled out for apps that do not assume them.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &TotpSecret) -> TotpUri {
    let issuer = utf8_percent_encode(issuer, URI_COMPONENT);
    let account = utf8_percent_encode(account, URI_COMPONENT);
    let secret = utf8_percent_encode(secret.expose(), URI_COMPONENT);
    TotpUri::new(format!(
        "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}\
         &algorithm=SHA1&digits=6&period=30"
    ))
}

/// A `data:image/png;base64,...` URL of a QR code holding `uri`.
pub fn qr_png_data_url(uri: &TotpUri) -> Result<TotpUri, QrError> {
    let code = QrCode::new(uri.expose().as_bytes()).map_err(|_| QrError)?;
    let image = code
        .render::<Luma<u8>>()
        .min_dimensions(QR_MIN_PIXELS, QR_MIN_PIXELS)
        .build();
    let mut png = Cursor::new(Vec::new());
    image
        .write_to(&mut png, ImageFormat::Png)
        .map_err(|_| QrError)?;
    let encoded = STANDARD.encode(png.into_inner());
    Ok(TotpUri::new(format!("data:image/png;base64,{encoded}")))
}

/// The QR code could not be made (the URI is too long for a QR code, or PNG encoding
/// failed). Carries no detail on purpose: the underlying errors can quote the URI.
#[derive(Debug, thiserror::Error)]
#[error("the QR code could not be rendered")]
pub struct QrError;

#[cfg(test)]
mod tests {
    use super::*;

    /// Spaces become `%20` in the label and in the issuer parameter; `@` is encoded.
    #[test]
    fn encodes_issuer_and_account() {
        let uri = otpauth_uri(
            "Acme Corp",
            "jo smith@example.com",
            &TotpSecret::new("JBSWY3DP"),
        );
        assert_eq!(
            uri.expose(),
            "otpauth://totp/Acme%20Corp:jo%20smith%40example.com?secret=JBSWY3DP\
             &issuer=Acme%20Corp&algorithm=SHA1&digits=6&period=30"
        );
        assert!(!uri.expose().contains('+'));
    }

    /// Non-ASCII names are UTF-8 percent-encoded.
    #[test]
    fn encodes_unicode() {
        let uri = otpauth_uri("Zoë & Co", "ü", &TotpSecret::new("A"));
        assert!(
            uri.expose()
                .starts_with("otpauth://totp/Zo%C3%AB%20%26%20Co:%C3%BC?")
        );
    }

    /// The PNG decodes, and the QR code in it holds exactly the URI.
    #[test]
    fn qr_code_decodes_to_the_uri() {
        let uri = otpauth_uri("Acme Corp", "alice", &TotpSecret::new("JBSWY3DPEHPK3PXP"));
        let data_url = qr_png_data_url(&uri).expect("renders");
        let png = data_url
            .expose()
            .strip_prefix("data:image/png;base64,")
            .expect("a PNG data URL");
        let bytes = STANDARD.decode(png).expect("valid base64");
        let image = image::load_from_memory_with_format(&bytes, ImageFormat::Png)
            .expect("a PNG")
            .to_luma8();
        assert!(image.width() >= QR_MIN_PIXELS);
        let mut prepared = rqrr::PreparedImage::prepare(image);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, content) = grids[0].decode().expect("decodes");
        assert_eq!(content, uri.expose());
    }
}

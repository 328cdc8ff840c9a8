//! Newtypes for every secret the gateway handles, so that none can reach a log by accident.
//!
//! Each type serialises and deserialises as a plain JSON string (clients need the values),
//! but its `Debug` prints only the type name. Reading the value takes an explicit
//! `expose()` call, which makes every place that handles the raw secret easy to find.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! secret_string {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a raw value.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The raw value, for the one place that must send or render it.
            pub fn expose(&self) -> &str {
                &self.0
            }

            /// Consumes the wrapper and returns the raw value.
            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(<redacted>)"))
            }
        }
    };
}

secret_string!(
    /// A user's password, current or new.
    Password
);
secret_string!(
    /// A one-time code from an authenticator app, SMS or email, exactly as the client typed it.
    MfaCode
);
secret_string!(
    /// Cognito's opaque `Session` token linking the steps of one sign-in.
    Session
);
secret_string!(
    /// A Cognito access token (a JWT), used as `Authorization: Bearer`.
    AccessToken
);
secret_string!(
    /// A Cognito ID token (a JWT with the user's claims).
    IdToken
);
secret_string!(
    /// A Cognito refresh token.
    RefreshToken
);
secret_string!(
    /// The base32 shared secret of an authenticator app.
    TotpSecret
);
secret_string!(
    /// An `otpauth://` URI, or a rendering of one (it embeds the TOTP secret).
    TotpUri
);
secret_string!(
    /// The app client secret that SECRET_HASH is computed with.
    ClientSecret
);

impl MfaCode {
    /// The code as Cognito expects it: spaces removed, exactly six ASCII digits.
    ///
    /// Authenticator apps often show codes as `123 456`, and users paste them that way.
    /// Anything else cannot be a valid code, so it is refused before any upstream call.
    pub fn normalised(&self) -> Option<MfaCode> {
        let digits: String = self.0.chars().filter(|c| !c.is_whitespace()).collect();
        let valid = digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit());
        valid.then_some(MfaCode(digits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Debug output names the type but never the value.
    #[test]
    fn debug_hides_the_value() {
        let password = Password::new("hunter2-secret");
        let printed = format!("{password:?} {:?}", Session::new("AYABeabc"));
        assert_eq!(printed, "Password(<redacted>) Session(<redacted>)");
    }

    /// Secrets travel over the wire as plain strings.
    #[test]
    fn serialises_transparently() -> Result<(), serde_json::Error> {
        let token: AccessToken = serde_json::from_str("\"eyJ.a.b\"")?;
        assert_eq!(token.expose(), "eyJ.a.b");
        assert_eq!(serde_json::to_string(&token)?, "\"eyJ.a.b\"");
        Ok(())
    }

    /// Spaces are dropped, leading zeros survive, and only six ASCII digits pass.
    #[test]
    fn code_normalisation() {
        let norm = |raw: &str| MfaCode::new(raw).normalised().map(MfaCode::into_inner);
        assert_eq!(norm("012 345").as_deref(), Some("012345"));
        assert_eq!(norm(" 000000 ").as_deref(), Some("000000"));
        assert_eq!(norm("12345"), None);
        assert_eq!(norm("1234567"), None);
        assert_eq!(norm("12a456"), None);
        assert_eq!(
            norm("１２３４５６"),
            None,
            "full-width digits are not ASCII"
        );
        assert_eq!(norm(""), None);
    }
}

//! Reading requests: JSON bodies and Bearer tokens, with every failure as an [`ApiError`].
//!
//! axum's own extractors answer malformed input in plain text and quote the offending
//! value; these answer in problem+json and name only the field, since the value may be a
//! password or a code.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use gateway_api::AccessToken;
use serde::de::DeserializeOwned;

use crate::ApiError;

/// A JSON body of type `T`.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        match OptionalJsonBody::from_request(request, state).await? {
            OptionalJsonBody(Some(body)) => Ok(Self(body)),
            OptionalJsonBody(None) => {
                Err(ApiError::InvalidRequest("A JSON body is required.".into()))
            }
        }
    }
}

/// A JSON body of type `T`, or `None` when the request has no body at all.
#[derive(Debug)]
pub struct OptionalJsonBody<T>(pub Option<T>);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for OptionalJsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let declared_json = is_json(request.headers());
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(body_rejection)?;
        if bytes.is_empty() {
            return Ok(Self(None));
        }
        if !declared_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        parse_json(&bytes).map(|body| Self(Some(body)))
    }
}

/// Whether `Content-Type` is `application/json` or another `+json` type.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn body_rejection(rejection: BytesRejection) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge
    } else {
        ApiError::InvalidRequest("The body could not be read.".into())
    }
}

/// Deserialises `bytes`, describing a failure by field path, never by value.
///
/// Stricter than serde's defaults in two ways: nothing may follow the JSON value, and no
/// request body holds an array, so an array anywhere is refused (serde would otherwise
/// read `["ada","pw"]` as a struct, field by position).
pub(crate) fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let shape: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|_| ApiError::InvalidRequest("The body is not valid JSON.".into()))?;
    if let Some(path) = array_path(&shape, "") {
        return Err(ApiError::InvalidRequest(match path.as_str() {
            "" => "The body must be a JSON object with the documented fields.".into(),
            _ => format!("Field `{path}` has the wrong type or an unsupported value.").into(),
        }));
    }
    // Deserialised from the bytes rather than `shape`, so duplicate keys are still caught.
    let deserializer = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        ApiError::InvalidRequest(describe_json_error(&path, &inner).into())
    })
}

/// The dotted path of the first array in `value`, if any.
fn array_path(value: &serde_json::Value, at: &str) -> Option<String> {
    match value {
        serde_json::Value::Array(_) => Some(at.to_owned()),
        serde_json::Value::Object(fields) => fields.iter().find_map(|(name, field)| {
            let path = if at.is_empty() {
                name.clone()
            } else {
                format!("{at}.{name}")
            };
            array_path(field, &path)
        }),
        _ => None,
    }
}

fn describe_json_error(path: &str, err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    if matches!(
        err.classify(),
        Category::Syntax | Category::Eof | Category::Io
    ) {
        return "The body is not valid JSON.".to_owned();
    }
    // serde's messages for these two quote only field names, never values.
    let message = err.to_string();
    let within = |what: &str| match path {
        "." => what.to_owned(),
        _ => format!("{what} in `{path}`"),
    };
    if let Some(field) = quoted_name_after(&message, "missing field ") {
        return within(&format!("Missing field `{field}`"));
    }
    if let Some(field) = quoted_name_after(&message, "duplicate field ") {
        return within(&format!("Field `{field}` appears twice"));
    }
    // For unknown fields the path already ends with the field's own name.
    if quoted_name_after(&message, "unknown field ").is_some() {
        return format!("Unknown field `{path}`");
    }
    match path {
        "." => "The body must be a JSON object with the documented fields.".to_owned(),
        _ => format!("Field `{path}` has the wrong type or an unsupported value."),
    }
}

/// The backquoted name following `prefix` at the start of `message`.
fn quoted_name_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = message.strip_prefix(prefix)?.strip_prefix('`')?;
    rest.split('`').next()
}

/// The longest token (access or refresh) passed on to Cognito: its tokens are a few
/// kilobytes at most, so anything far larger is not one.
pub(crate) const MAX_TOKEN_BYTES: usize = 16 * 1024;

/// The access token from `Authorization: Bearer`, if the header is present.
///
/// A header that is present but not a well-formed Bearer token is an error rather than
/// `None`, so a typo never silently switches an endpoint to its session flow.
#[derive(Debug)]
pub struct MaybeBearer(pub Option<AccessToken>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeBearer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let mut values = parts.headers.get_all(header::AUTHORIZATION).iter();
        let Some(value) = values.next() else {
            return Ok(Self(None));
        };
        if values.next().is_some() {
            return Err(ApiError::BearerRequired);
        }
        let value = value.to_str().map_err(|_| ApiError::BearerRequired)?;
        let (scheme, token) = value.split_once(' ').ok_or(ApiError::BearerRequired)?;
        let token = token.trim_matches(' ');
        // Cognito's tokens are printable ASCII of a few kilobytes; anything else is not
        // worth a call to Cognito.
        let plausible = !token.is_empty()
            && token.len() <= MAX_TOKEN_BYTES
            && token.bytes().all(|b| b.is_ascii_graphic());
        if !scheme.eq_ignore_ascii_case("bearer") || !plausible {
            return Err(ApiError::BearerRequired);
        }
        Ok(Self(Some(AccessToken::new(token))))
    }
}

/// The access token from `Authorization: Bearer`, required.
#[derive(Debug)]
pub struct Bearer(pub AccessToken);

impl<S: Send + Sync> FromRequestParts<S> for Bearer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match MaybeBearer::from_request_parts(parts, state).await? {
            MaybeBearer(Some(token)) => Ok(Self(token)),
            MaybeBearer(None) => Err(ApiError::BearerRequired),
        }
    }
}

#[cfg(test)]
mod tests {
    use gateway_api::{LoginRequest, MfaPreferenceUpdate};

    use super::*;

    fn detail<T: DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        match parse_json::<T>(json.as_bytes()) {
            Err(ApiError::InvalidRequest(detail)) => detail.into_owned(),
            other => panic!("expected InvalidRequest, got {other:?}"),
        }
    }

    /// Each kind of bad body gets a detail naming the field, and none quotes a value.
    #[test]
    fn describes_bad_bodies_without_values() {
        assert_eq!(detail::<LoginRequest>("{"), "The body is not valid JSON.");
        assert_eq!(
            detail::<LoginRequest>(r#"{"username":"a"}"#),
            "Missing field `password`"
        );
        let wrong_type = detail::<LoginRequest>(r#"{"username":"a","password":987654}"#);
        assert_eq!(
            wrong_type,
            "Field `password` has the wrong type or an unsupported value."
        );
        assert!(!wrong_type.contains("987654"));
        assert_eq!(
            detail::<MfaPreferenceUpdate>(r#"{"totp":{"enabled":true,"x":1}}"#),
            "Unknown field `totp.x`"
        );
        assert_eq!(
            detail::<LoginRequest>("[]"),
            "The body must be a JSON object with the documented fields."
        );
        assert_eq!(
            detail::<LoginRequest>(r#"["ada","pw"]"#),
            "The body must be a JSON object with the documented fields."
        );
        assert_eq!(
            detail::<MfaPreferenceUpdate>(r#"{"totp":[true]}"#),
            "Field `totp` has the wrong type or an unsupported value."
        );
        assert_eq!(
            detail::<LoginRequest>(r#"{"username":"a","username":"b","password":"c"}"#),
            "Field `username` appears twice"
        );
        assert_eq!(
            detail::<LoginRequest>(r#"{"username":"a","password":"b"} trailing"#),
            "The body is not valid JSON."
        );
    }
}

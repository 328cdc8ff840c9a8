//! Reading Cognito's challenge parameters, which arrive as a map of strings.

use std::collections::HashMap;

use gateway_api::MfaMethod;

/// Cognito's name for the user in a challenge: `USER_ID_FOR_SRP` (the internal name after
/// an alias or email sign-in), else `USERNAME`.
pub(crate) fn challenge_username(parameters: &HashMap<String, String>) -> Option<String> {
    ["USER_ID_FOR_SRP", "USERNAME"]
        .into_iter()
        .filter_map(|key| parameters.get(key))
        .find(|name| !name.is_empty())
        .cloned()
}

/// The factors a challenge offers (`MFAS_CAN_SETUP` or `MFAS_CAN_CHOOSE`).
pub(crate) fn mfa_options(parameters: &HashMap<String, String>) -> Vec<MfaMethod> {
    ["MFAS_CAN_SETUP", "MFAS_CAN_CHOOSE"]
        .into_iter()
        .filter_map(|key| parameters.get(key))
        .flat_map(|list| parse_name_list(list))
        .filter_map(|name| MfaMethod::from_cognito(&name))
        .collect()
}

/// Where and how a one-time code was sent, from `CODE_DELIVERY_*`.
pub(crate) fn delivery(parameters: &HashMap<String, String>) -> (Option<String>, Option<String>) {
    let get = |key: &str| parameters.get(key).filter(|v| !v.is_empty()).cloned();
    (
        get("CODE_DELIVERY_DESTINATION"),
        get("CODE_DELIVERY_DELIVERY_MEDIUM"),
    )
}

/// The attributes `NEW_PASSWORD_REQUIRED` wants with the new password, by plain name.
///
/// Cognito lists them as `userAttributes.<name>` in `requiredAttributes`, and may include
/// ones the user cannot write; those are left out, since asking for them would only lead
/// to a rejected answer.
pub(crate) fn required_attributes(parameters: &HashMap<String, String>) -> Vec<String> {
    parameters
        .get("requiredAttributes")
        .map(|list| parse_name_list(list))
        .unwrap_or_default()
        .into_iter()
        .map(|name| {
            name.strip_prefix(USER_ATTRIBUTE_PREFIX)
                .map_or(name.clone(), str::to_owned)
        })
        .filter(|name| is_user_writable_attribute(name))
        .collect()
}

/// The prefix Cognito puts before attribute names in challenge parameters and answers.
pub(crate) const USER_ATTRIBUTE_PREFIX: &str = "userAttributes.";

/// Whether a user may set this attribute themselves: not the immutable `sub`, not the
/// `*_verified` flags, and not Cognito's own `cognito:*` or `identities`.
pub fn is_user_writable_attribute(name: &str) -> bool {
    let valid_name = !name.is_empty()
        && name.len() <= 128
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '-'));
    valid_name
        && name != "sub"
        && name != "identities"
        && !name.ends_with("_verified")
        && !name.starts_with("cognito:")
}

/// Splits a list of names held in one string.
///
/// Cognito writes it as JSON (`["SOFTWARE_TOKEN_MFA","SMS_MFA"]`) and moto as a Python
/// list (`['SOFTWARE_TOKEN_MFA', 'SMS_MFA']`). The names themselves never contain quotes,
/// commas or brackets, so stripping those reads both.
fn parse_name_list(list: &str) -> Vec<String> {
    list.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|item| item.trim().trim_matches(|c| c == '"' || c == '\''))
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    /// Both spellings of `MFAS_CAN_SETUP` give the same options; unknown names are dropped.
    #[test]
    fn reads_json_and_python_lists() {
        let both = [MfaMethod::SoftwareTokenMfa, MfaMethod::SmsMfa];
        let cognito = params(&[("MFAS_CAN_SETUP", r#"["SOFTWARE_TOKEN_MFA","SMS_MFA"]"#)]);
        let moto = params(&[("MFAS_CAN_SETUP", "['SOFTWARE_TOKEN_MFA', 'SMS_MFA']")]);
        assert_eq!(mfa_options(&cognito), both);
        assert_eq!(mfa_options(&moto), both);
        let odd = params(&[("MFAS_CAN_CHOOSE", r#"["EMAIL_OTP","WEB_AUTHN"]"#)]);
        assert_eq!(mfa_options(&odd), [MfaMethod::EmailOtp]);
        assert_eq!(mfa_options(&params(&[("MFAS_CAN_SETUP", "[]")])), []);
    }

    /// Required attributes lose their prefix, and unwritable ones are dropped.
    #[test]
    fn required_attributes_are_writable_names() {
        let listed = params(&[(
            "requiredAttributes",
            r#"["userAttributes.given_name","userAttributes.email_verified","userAttributes.sub","userAttributes.custom:team"]"#,
        )]);
        assert_eq!(required_attributes(&listed), ["given_name", "custom:team"]);
        assert_eq!(required_attributes(&params(&[])), Vec::<String>::new());
    }

    /// The SRP user id wins over USERNAME, which wins over nothing.
    #[test]
    fn picks_cognitos_name_for_the_user() {
        let srp = params(&[("USER_ID_FOR_SRP", "a1b2-uuid"), ("USERNAME", "a@b.c")]);
        assert_eq!(challenge_username(&srp).as_deref(), Some("a1b2-uuid"));
        let plain = params(&[("USERNAME", "alice")]);
        assert_eq!(challenge_username(&plain).as_deref(), Some("alice"));
        assert_eq!(challenge_username(&params(&[("USERNAME", "")])), None);
    }
}

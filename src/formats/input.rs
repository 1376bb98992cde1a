//! Parsing what users type as values: booleans (`--sign false`) and attribute changes
//! (`--set NAME=VALUE`), with the policy that refuses weakening ones. Pure: the token side
//! (which object gets which change) is `hsm`'s.

/// Parses a PKCS#11-style boolean: true/false, t/f, 1/0, yes/no, on/off.
pub fn parse_bool(s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "t" | "1" | "yes" | "y" | "on" => Ok(true),
        "false" | "f" | "0" | "no" | "n" | "off" => Ok(false),
        _ => Err(format!("'{s}' is not a boolean; use true or false")),
    }
}

/// Which halves of a key pair an attribute is set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// Both (and any other object).
    Both,
    /// The private key only.
    PrivateOnly,
    /// The public key only.
    PublicOnly,
}

/// Settable attributes: (short name, CKA_ name, applies to). `label` is text, `id` hex, the
/// rest booleans.
pub const SETTABLE: &[(&str, &str, Applies)] = &[
    ("label", "CKA_LABEL", Applies::Both),
    ("id", "CKA_ID", Applies::Both),
    ("private", "CKA_PRIVATE", Applies::Both),
    ("copyable", "CKA_COPYABLE", Applies::Both),
    ("destroyable", "CKA_DESTROYABLE", Applies::Both),
    ("sign", "CKA_SIGN", Applies::PrivateOnly),
    ("sign_recover", "CKA_SIGN_RECOVER", Applies::PrivateOnly),
    ("decrypt", "CKA_DECRYPT", Applies::PrivateOnly),
    ("unwrap", "CKA_UNWRAP", Applies::PrivateOnly),
    ("derive", "CKA_DERIVE", Applies::PrivateOnly),
    ("sensitive", "CKA_SENSITIVE", Applies::PrivateOnly),
    ("extractable", "CKA_EXTRACTABLE", Applies::PrivateOnly),
    ("verify", "CKA_VERIFY", Applies::PublicOnly),
    ("verify_recover", "CKA_VERIFY_RECOVER", Applies::PublicOnly),
    ("encrypt", "CKA_ENCRYPT", Applies::PublicOnly),
    ("wrap", "CKA_WRAP", Applies::PublicOnly),
];

/// Booleans that may only move in the safe direction: (name, the value that is refused).
const ONE_WAY: &[(&str, bool, &str)] = &[
    (
        "sensitive",
        false,
        "a sensitive key cannot be made readable",
    ),
    (
        "extractable",
        true,
        "a non-extractable key cannot be made extractable",
    ),
    ("private", false, "a private object cannot be made public"),
    ("copyable", true, "CKA_COPYABLE cannot be set back to true"),
    (
        "destroyable",
        true,
        "CKA_DESTROYABLE cannot be set back to true",
    ),
];

/// One requested change, parsed.
#[derive(Debug, Clone)]
pub struct AttrChange {
    /// The short name (`label`, `sign`, ...).
    pub name: &'static str,
    /// The CKA_ name.
    pub cka: &'static str,
    /// The value as PKCS#11 stores it (CK_BBOOL, UTF-8 or the id's bytes).
    pub value: Vec<u8>,
    /// The boolean value, for boolean attributes.
    pub flag: Option<bool>,
    /// Which halves of a key pair it is set on.
    pub applies: Applies,
    /// The value as the user will read it back.
    pub shown: String,
}

/// Why a change is refused: (exit-worthy category, message).
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeError {
    /// Unknown name or malformed value (usage).
    Usage(String),
    /// The change would weaken a key (refused by policy).
    Weakening(String),
}

/// Parses `NAME=VALUE`.
pub fn parse_change(text: &str) -> Result<AttrChange, ChangeError> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| ChangeError::Usage(format!("--set '{text}' is not NAME=VALUE")))?;
    let short = name
        .trim()
        .to_ascii_lowercase()
        .trim_start_matches("cka_")
        .replace('-', "_");
    let (short, cka, applies) = SETTABLE
        .iter()
        .copied()
        .find(|(n, _, _)| *n == short)
        .ok_or_else(|| {
            let names: Vec<&str> = SETTABLE.iter().map(|(n, _, _)| *n).collect();
            ChangeError::Usage(format!(
                "'{name}' cannot be set; settable: {}",
                names.join(", ")
            ))
        })?;
    let (bytes, flag, shown) = match short {
        "id" => {
            let id = super::parse_hex_id(value).ok_or_else(|| {
                ChangeError::Usage(format!("id '{value}' is not a hex byte string"))
            })?;
            let shown = hex::encode(&id);
            (id, None, shown)
        }
        "label" => {
            if value.is_empty() || value.chars().any(char::is_control) || value.len() > 255 {
                return Err(ChangeError::Usage(format!(
                    "{short} must be 1 to 255 bytes without control characters"
                )));
            }
            (value.as_bytes().to_vec(), None, value.to_string())
        }
        _ => {
            let b = parse_bool(value).map_err(ChangeError::Usage)?;
            (vec![b as u8], Some(b), b.to_string())
        }
    };
    if let Some(b) = flag
        && let Some((_, _, why)) = ONE_WAY.iter().find(|(n, bad, _)| *n == short && *bad == b)
    {
        return Err(ChangeError::Weakening(format!(
            "{short}={b} refused: {why}"
        )));
    }
    Ok(AttrChange {
        name: short,
        cka,
        value: bytes,
        flag,
        applies,
        shown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_booleans() {
        assert_eq!(parse_bool("Yes"), Ok(true));
        assert_eq!(parse_bool("0"), Ok(false));
        assert!(parse_bool("maybe").is_err());
    }

    #[test]
    fn parses_and_refuses() {
        let c = parse_change("label=new name").unwrap();
        assert_eq!(
            (c.name, c.cka, c.shown.as_str()),
            ("label", "CKA_LABEL", "new name")
        );
        assert_eq!(parse_change("CKA_SIGN=F").unwrap().flag, Some(false));
        assert_eq!(parse_change("id=0A:0b").unwrap().shown, "0a0b");
        assert!(matches!(
            parse_change("sensitive=false"),
            Err(ChangeError::Weakening(_))
        ));
        assert!(matches!(
            parse_change("extractable=true"),
            Err(ChangeError::Weakening(_))
        ));
        assert!(parse_change("sensitive=true").is_ok());
        assert!(matches!(
            parse_change("colour=red"),
            Err(ChangeError::Usage(_))
        ));
        assert!(matches!(
            parse_change("sign=maybe"),
            Err(ChangeError::Usage(_))
        ));
        assert!(matches!(parse_change("label"), Err(ChangeError::Usage(_))));
        assert!(matches!(parse_change("id=xyz"), Err(ChangeError::Usage(_))));
    }
}

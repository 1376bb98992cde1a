//! Attribute changes: what may be set, on which class, and never in the weakening direction.
//! Changes to a key pair are undone on the first half if the second half refuses them.

use super::attributes::{Kind, by_name, hex};
use super::error::{HsmError, HsmResult};
use super::objects::ObjectInfo;
use super::raw::{AttrBuf, Template};
use super::session::HsmSession;
use cryptoki_sys::*;

/// Which classes an attribute is set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Applies {
    Both,
    PrivateOnly,
    PublicOnly,
}

/// Settable attributes: (short name, applies to).
const SETTABLE: &[(&str, Applies)] = &[
    ("label", Applies::Both),
    ("id", Applies::Both),
    ("private", Applies::Both),
    ("copyable", Applies::Both),
    ("destroyable", Applies::Both),
    ("sign", Applies::PrivateOnly),
    ("sign_recover", Applies::PrivateOnly),
    ("decrypt", Applies::PrivateOnly),
    ("unwrap", Applies::PrivateOnly),
    ("derive", Applies::PrivateOnly),
    ("sensitive", Applies::PrivateOnly),
    ("extractable", Applies::PrivateOnly),
    ("verify", Applies::PublicOnly),
    ("verify_recover", Applies::PublicOnly),
    ("encrypt", Applies::PublicOnly),
    ("wrap", Applies::PublicOnly),
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
    kind: CK_ATTRIBUTE_TYPE,
    value: Vec<u8>,
    /// The boolean value, for boolean attributes.
    pub flag: Option<bool>,
    applies: Applies,
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
    let (short, applies) = SETTABLE
        .iter()
        .copied()
        .find(|(n, _)| *n == short)
        .ok_or_else(|| {
            let names: Vec<&str> = SETTABLE.iter().map(|(n, _)| *n).collect();
            ChangeError::Usage(format!(
                "'{name}' cannot be set; settable: {}",
                names.join(", ")
            ))
        })?;
    let (kind, cka, decode_as) =
        by_name(short).expect("every settable attribute is in the catalog");
    let (bytes, flag, shown) = match (short, decode_as) {
        ("id", _) => {
            let id = crate::formats::parse_hex_id(value).ok_or_else(|| {
                ChangeError::Usage(format!("id '{value}' is not a hex byte string"))
            })?;
            let shown = hex(&id);
            (id, None, shown)
        }
        (_, Kind::Text) => {
            if value.is_empty() || value.chars().any(char::is_control) || value.len() > 255 {
                return Err(ChangeError::Usage(format!(
                    "{short} must be 1 to 255 bytes without control characters"
                )));
            }
            (value.as_bytes().to_vec(), None, value.to_string())
        }
        (_, Kind::Bool) => {
            let b = crate::cli::args::parse_bool(value).map_err(ChangeError::Usage)?;
            (vec![b as u8], Some(b), b.to_string())
        }
        _ => unreachable!("settable attributes are text, id or boolean"),
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
        kind,
        value: bytes,
        flag,
        applies,
        shown,
    })
}

fn applies_to(change: &AttrChange, class: CK_OBJECT_CLASS) -> bool {
    match change.applies {
        Applies::Both => true,
        Applies::PrivateOnly => class == CKO_PRIVATE_KEY,
        Applies::PublicOnly => class == CKO_PUBLIC_KEY,
    }
}

/// The subset of `changes` that applies to an object of this class.
pub fn applicable<'c>(changes: &'c [AttrChange], object: &ObjectInfo) -> Vec<&'c AttrChange> {
    changes
        .iter()
        .filter(|c| applies_to(c, object.class_code))
        .collect()
}

impl HsmSession<'_> {
    /// Applies the applicable changes to each object, in order; if one object refuses, the
    /// objects already changed get their old values back before the error is returned.
    pub fn apply_changes(&self, objects: &[ObjectInfo], changes: &[AttrChange]) -> HsmResult<()> {
        let mut done: Vec<(u64, Template)> = Vec::new();
        for o in objects {
            let mine = applicable(changes, o);
            if mine.is_empty() {
                continue;
            }
            let mut old_values: Vec<AttrBuf> =
                mine.iter().map(|c| AttrBuf::new(c.kind, 256)).collect();
            self.raw
                .read_attributes(self.handle(), o.handle, &mut old_values)?;
            let mut old = Template::default();
            for a in &old_values {
                if let Some(v) = a.value() {
                    old.push(a.kind, v.to_vec());
                }
            }
            let mut new = Template::default();
            for c in &mine {
                new.push(c.kind, c.value.clone());
            }
            if let Err(e) = self.set_raw(o.handle, &mut new) {
                let undo = done
                    .iter_mut()
                    .map(|(h, t)| self.set_raw(*h, t))
                    .find_map(Result::err);
                return Err(match undo {
                    None if done.is_empty() => e,
                    None => HsmError::Other(format!("{e}; the other half was restored")),
                    Some(u) => {
                        HsmError::Other(format!("{e}; restoring the other half failed too: {u}"))
                    }
                });
            }
            done.push((o.handle, old));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

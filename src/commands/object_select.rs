//! Object selection: the filter from `--label/--id/--class/--handle` and a URI, and the
//! objects, key pairs and public keys it picks (none or several is exit 6).

use crate::cli::args::ObjectArgs;
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::pkcs11_uri::Pkcs11Uri;
use crate::formats::pubkey::PublicKeyMaterial;
use crate::hsm::{HsmSession, ObjClass, ObjectFilter, ObjectInfo, TokenEntry, TokenPublicKey};
use anyhow::Result;

use super::context::shell_word;

/// Parses a hex CKA_ID (an optional 0x prefix and ':' separators are accepted).
pub fn parse_id(text: &str) -> Result<Vec<u8>> {
    crate::formats::parse_hex_id(text).ok_or_else(|| {
        fail_hint(
            Exit::Usage,
            format!("--id '{text}' is not a hex byte string"),
            "give an even number of hex digits, as --id 0a1b2c",
        )
    })
}

/// The object filter from `--label/--id/--class/--handle` and the URI's object, id and type.
pub fn object_filter(args: &ObjectArgs, uri: Option<&Pkcs11Uri>) -> Result<ObjectFilter> {
    let mut f = ObjectFilter {
        class: args.class.map(Into::into),
        key_type: None,
        label: args.label.clone(),
        id: args.id.as_deref().map(parse_id).transpose()?,
        handle: args.handle,
    };
    if let Some(u) = uri {
        let conflict =
            |what: &str| fail(Exit::Usage, format!("--{what} and the URI's {what} differ"));
        if let Some(o) = &u.object {
            if f.label.as_ref().is_some_and(|l| l != o) {
                return Err(conflict("label"));
            }
            f.label = Some(o.clone());
        }
        if let Some(id) = &u.id {
            if f.id.as_ref().is_some_and(|i| i != id) {
                return Err(conflict("id"));
            }
            f.id = Some(id.clone());
        }
        if let Some(t) = &u.object_type {
            let c = ObjClass::from_uri_type(t);
            if f.class.is_some() && f.class != c {
                return Err(conflict("class"));
            }
            f.class = c;
        }
    }
    Ok(f)
}

/// The objects matching `filter`, decoded; none is "not found" (exit 6).
pub fn matching(
    session: &HsmSession,
    filter: &ObjectFilter,
    token: &TokenEntry,
) -> Result<Vec<ObjectInfo>> {
    let found = session.list(filter, token)?;
    if found.is_empty() {
        return Err(fail_hint(
            Exit::NotFound,
            format!(
                "no object matches {} on token '{}'",
                filter.describe(),
                token.label
            ),
            format!(
                "`hsmctl list --token {} --login` shows the objects, private ones included",
                shell_word(&token.label)
            ),
        ));
    }
    Ok(found)
}

/// Exactly one object, or exit 6 naming what matched.
pub fn exactly_one(
    session: &HsmSession,
    filter: &ObjectFilter,
    token: &TokenEntry,
) -> Result<ObjectInfo> {
    if filter.is_empty() {
        return Err(fail(
            Exit::Usage,
            "select the object with --label, --id, --class or --uri",
        ));
    }
    let mut found = matching(session, filter, token)?;
    if found.len() > 1 {
        return Err(too_many(
            filter,
            &found,
            "narrow the selection with --class private|public|cert, --id, or --uri with an \
             object's URI from `hsmctl list --json`",
        ));
    }
    Ok(found.remove(0))
}

/// A selector that matched more than one object (exit 6), naming them all.
pub fn too_many(filter: &ObjectFilter, found: &[ObjectInfo], hint: &str) -> anyhow::Error {
    let names: Vec<String> = found.iter().map(describe_object).collect();
    fail_hint(
        Exit::NotFound,
        format!(
            "{} matches {} objects: {}",
            filter.describe(),
            found.len(),
            names.join("; ")
        ),
        hint,
    )
}

/// "private key 'label' (id 0a0b, handle 7)" for messages.
pub fn describe_object(o: &ObjectInfo) -> String {
    let class = o
        .class
        .trim_start_matches("CKO_")
        .replace('_', " ")
        .to_lowercase();
    format!(
        "{class} '{}' (id {}, handle {})",
        o.label,
        if o.id.is_empty() { "none" } else { &o.id },
        o.handle
    )
}

/// The key pair a filter selects: its public key (decoded) and the handle of the private key
/// that signs. One search finds both halves when they share the selector (label, id); else the
/// private half is looked up by CKA_ID.
pub fn signing_pair(
    session: &HsmSession,
    filter: &ObjectFilter,
    token: &TokenEntry,
) -> Result<(TokenPublicKey, u64)> {
    if filter.is_empty() {
        return Err(fail(
            Exit::Usage,
            "select the key with --label, --id or --uri",
        ));
    }
    let (publics, privates) = session.key_halves(filter, token)?;
    let public = one_public_key(publics, filter, token)?;
    let same_id: Vec<_> = privates
        .iter()
        .filter(|p| p.id == public.id_bytes)
        .collect();
    let handle = match same_id.as_slice() {
        [p] if p.can_sign => p.handle,
        _ => session.signing_key(&public.id_bytes)?,
    };
    Ok((public, handle))
}

/// Exactly one public key out of what `filter` matched, or exit 6 naming the matches.
pub fn one_public_key(
    mut found: Vec<TokenPublicKey>,
    filter: &ObjectFilter,
    token: &TokenEntry,
) -> Result<TokenPublicKey> {
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(fail_hint(
            Exit::NotFound,
            format!(
                "no public key matches {} on token '{}'",
                filter.describe(),
                token.label
            ),
            format!(
                "`hsmctl list --token {} --class public` shows them (with --login, also keys \
                 whose public half is private)",
                shell_word(&token.label)
            ),
        )),
        n => {
            let names: Vec<String> = found
                .iter()
                .map(|k| format!("'{}' (id {})", k.label, k.id))
                .collect();
            Err(fail_hint(
                Exit::NotFound,
                format!(
                    "{} matches {n} public keys: {}",
                    filter.describe(),
                    names.join(", ")
                ),
                "select one with --id or --uri",
            ))
        }
    }
}

/// A token public key's material, or exit 8 when hsmctl cannot use it (an unsupported curve).
pub fn usable(k: &TokenPublicKey) -> Result<PublicKeyMaterial> {
    k.material.clone().map_err(|e| {
        fail(
            Exit::Unsupported,
            format!("key '{}' (id {}): {e}", k.label, k.id),
        )
    })
}

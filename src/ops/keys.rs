//! What every command that puts a key on the token checks first: labels, usages, extractability
//! and duplicates (generatekeypair, generatekey, import-key).

use crate::cli::args::UsageArgs;
use crate::exit::{Exit, fail, fail_hint};
use crate::hsm::{HsmSession, KeySpec, Usage, hex};
use anyhow::Result;

/// Usage flags with the key-pair defaults (sign and verify); nonsense for the key type is
/// refused. Shared by generatekeypair and import-key.
/// `wrap_flags` names the options that set CKA_WRAP and CKA_UNWRAP in this command, for
/// messages (generatekeypair: --wrap, --unwrap; import-key: --wrapping for both).
pub fn pair_usage(
    args: &UsageArgs,
    (wrap, unwrap): (Option<bool>, Option<bool>),
    wrap_flags: [&str; 2],
    spec: KeySpec,
) -> Result<Usage> {
    let u = Usage {
        sign: args.sign.unwrap_or(true),
        verify: args.verify.unwrap_or(true),
        encrypt: args.encrypt.unwrap_or(false),
        decrypt: args.decrypt.unwrap_or(false),
        wrap: wrap.unwrap_or(false),
        unwrap: unwrap.unwrap_or(false),
        derive: args.derive.unwrap_or(false),
    };
    let rsa_only = [
        ("--encrypt", u.encrypt),
        ("--decrypt", u.decrypt),
        (wrap_flags[0], u.wrap),
        (wrap_flags[1], u.unwrap),
    ];
    let mut refused: Vec<&str> = match spec {
        KeySpec::Rsa(_) => [("--derive", u.derive)]
            .iter()
            .filter(|f| f.1)
            .map(|f| f.0)
            .collect(),
        KeySpec::Ec(_) => rsa_only.iter().filter(|f| f.1).map(|f| f.0).collect(),
        KeySpec::Ed25519 => rsa_only
            .iter()
            .chain(&[("--derive", u.derive)])
            .filter(|f| f.1)
            .map(|f| f.0)
            .collect(),
    };
    refused.dedup();
    if !refused.is_empty() {
        return Err(fail_hint(
            Exit::Usage,
            format!(
                "{} {} no sense for a {} key",
                refused.join(", "),
                if refused.len() == 1 { "makes" } else { "make" },
                spec.name()
            ),
            "EC keys sign, verify and derive (ECDH); Ed25519 keys sign and verify; RSA keys \
             sign, verify, encrypt, decrypt, wrap and unwrap",
        ));
    }
    // Each half must be able to do something: a private key that may not sign, decrypt,
    // unwrap or derive is dead weight on the token (and a public key likewise).
    if !(u.sign || u.decrypt || u.unwrap || u.derive) {
        return Err(fail_hint(
            Exit::Usage,
            "the private key would have no usage (sign, decrypt, unwrap and derive all false)",
            format!(
                "leave --sign on, or give the private key another usage (--decrypt, {}, --derive)",
                wrap_flags[1]
            ),
        ));
    }
    if !(u.verify || u.encrypt || u.wrap || u.derive) {
        return Err(fail_hint(
            Exit::Usage,
            "the public key would have no usage (verify, encrypt, wrap and derive all false)",
            format!(
                "leave --verify on, or give the public key another usage (--encrypt, {}, --derive)",
                wrap_flags[0]
            ),
        ));
    }
    Ok(u)
}

/// `--extractable`, which only counts with `--allow-extractable` beside it (exit 2 without).
pub fn extractable(asked: Option<bool>, confirmed: bool, what: &str) -> Result<bool> {
    let extractable = asked.unwrap_or(false);
    if extractable && !confirmed {
        return Err(fail_hint(
            Exit::Usage,
            format!("--extractable lets the {what} leave the token"),
            "add --allow-extractable to confirm that this is intended",
        ));
    }
    Ok(extractable)
}

/// Refuses an empty label, one over 255 bytes, or one with control characters (exit 2).
pub fn check_label(label: &str, flag: &str) -> Result<()> {
    if label.is_empty() || label.chars().any(char::is_control) || label.len() > 255 {
        return Err(fail(
            Exit::Usage,
            format!("{flag} must be 1 to 255 bytes without control characters"),
        ));
    }
    Ok(())
}

/// Refuses a CKA_ID any object already has, or a label any key already has (exit 7).
pub fn refuse_duplicates(
    session: &HsmSession,
    token: &str,
    id: &[u8],
    labels: &[&str],
) -> Result<()> {
    let used = session.with_id(id)?.len();
    if used > 0 {
        return Err(fail_hint(
            Exit::Conflict,
            format!(
                "CKA_ID {} is already used by {used} object(s) on {}",
                hex(id),
                token
            ),
            "choose another --id, or pass --allow-duplicate",
        ));
    }
    let mut seen = Vec::new();
    for l in labels {
        if seen.contains(l) {
            continue;
        }
        seen.push(*l);
        let used = session.keys_with_label(l)?.len();
        if used > 0 {
            return Err(fail_hint(
                Exit::Conflict,
                format!("label '{l}' is already used by {used} key(s) on {}", token),
                "choose another label, or pass --allow-duplicate",
            ));
        }
    }
    Ok(())
}

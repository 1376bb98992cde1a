//! `hsmctl generatekey`: a secret key (AES or generic) on the token, sensitive and
//! non-extractable unless confirmed, read back.

use super::Ctx;
use super::object_select::parse_id;
use super::token_select::Login;
use crate::cli::keys::GenerateKeyArgs;
use crate::exit::{Exit, fail, fail_hint};
use crate::hsm::{ObjectInfo, SecretKeyRequest, SecretSpec, Usage, Want, hex};
use crate::ops::keys::{check_label, extractable, refuse_duplicates};
use crate::output::Report;
use anyhow::Result;
use serde::Serialize;

/// What was generated.
#[derive(Serialize)]
pub struct SecretKeyReport {
    /// aes:256, generic:256.
    pub key_type: String,
    /// The generation mechanism.
    pub mechanism: &'static str,
    /// CKA_ID, hex.
    pub id: String,
    /// The key as read back.
    pub key: ObjectInfo,
}

impl Report for SecretKeyReport {
    fn human(&self) -> String {
        let o = &self.key;
        let f = &o.flags;
        let yes = |b: Option<bool>| b == Some(true);
        format!(
            "Generated {} secret key with {}, id {}\n  handle {:<6} label '{}'  {}\n  usage: {}\n  \
             sensitive={} always_sensitive={} extractable={} never_extractable={} local={}\n",
            self.key_type,
            self.mechanism,
            self.id,
            o.handle,
            o.label,
            o.uri,
            o.usage.join(", "),
            yes(f.sensitive),
            yes(f.always_sensitive),
            yes(f.extractable),
            yes(f.never_extractable),
            yes(f.local)
        )
    }
}

/// Usage defaults: AES keys encrypt and decrypt, generic secrets sign and verify (HMAC).
fn usage(args: &GenerateKeyArgs, spec: SecretSpec) -> Result<Usage> {
    let (u, w) = (&args.usage, &args.wrapping);
    let aes = spec.is_aes();
    let usage = Usage {
        sign: u.sign.unwrap_or(!aes),
        verify: u.verify.unwrap_or(!aes),
        encrypt: u.encrypt.unwrap_or(aes),
        decrypt: u.decrypt.unwrap_or(aes),
        wrap: w.wrap.unwrap_or(false),
        unwrap: w.unwrap.unwrap_or(false),
        derive: u.derive.unwrap_or(false),
    };
    if !aes && (usage.encrypt || usage.decrypt || usage.wrap || usage.unwrap) {
        return Err(fail_hint(
            Exit::Usage,
            "generic secrets sign, verify (HMAC) and derive; they do not encrypt or wrap",
            "use an aes: key type for encryption and key wrapping",
        ));
    }
    let Usage {
        sign,
        verify,
        encrypt,
        decrypt,
        wrap,
        unwrap,
        derive,
    } = usage;
    if !(sign || verify || encrypt || decrypt || wrap || unwrap || derive) {
        return Err(fail(
            Exit::Usage,
            "every usage flag is false: the key could do nothing",
        ));
    }
    Ok(usage)
}

/// Validates, then generates under the token lock.
pub fn run(ctx: &Ctx, args: &GenerateKeyArgs) -> Result<SecretKeyReport> {
    let spec = SecretSpec::parse(&args.key_type).map_err(|e| {
        fail_hint(
            Exit::Usage,
            e,
            "key pairs are made by `hsmctl generatekeypair`",
        )
    })?;
    let usage = usage(args, spec)?;
    check_label(&args.label, "--label")?;
    let extractable = extractable(args.extractable, args.allow_extractable, "key")?;
    let id = args.id.as_deref().map(parse_id).transpose()?;
    let (mechanism, mech_name) = spec.mechanism();
    let sel = ctx.select(&args.token, Want::Initialized)?;
    if !sel.hsm.has_mechanism(sel.slot.slot_id, mechanism)? {
        return Err(fail_hint(
            Exit::Unsupported,
            format!("{} does not offer {mech_name}", sel.name()),
            "`hsmctl slot show --mechanisms` lists what it offers",
        ));
    }
    let token = sel.initialized()?.clone();
    let session = sel.session(true, Login::Required, &args.pin)?;
    ctx.lock(&sel)?;
    let id = match id {
        Some(id) => id,
        None => session.random(16)?,
    };
    if !args.allow_duplicate {
        refuse_duplicates(&session, &sel.name(), &id, &[&args.label])?;
    }
    let req = SecretKeyRequest {
        spec,
        label: args.label.clone(),
        id: id.clone(),
        usage,
        extractable,
        modifiable: args.modifiable,
    };
    ctx.verbose(|| format!("C_GenerateKey {mech_name} {}", spec.name()));
    let key = session.generate_secret(&req, &token)?;
    Ok(SecretKeyReport {
        key_type: spec.name(),
        mechanism: mech_name,
        id: hex(&id),
        key,
    })
}

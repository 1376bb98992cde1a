//! The identities the agent offers: the key pairs given, in order, each with its OpenSSH
//! certificates.

use crate::cli::agent::{AgentArgs, KeyRef};
use crate::commands::object_select::{object_filter, parse_id, signing_pair, usable};
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::pkcs11_uri::Pkcs11Uri;
use crate::formats::pubkey::PublicKeyMaterial;
use crate::formats::ssh_cert::key_blob;
use crate::hsm::{HsmError, HsmResult, HsmSession, ObjectFilter, TokenEntry};
use anyhow::Result;
use ssh_encoding::Decode;
use ssh_key::Certificate;
use ssh_key::public::KeyData;
use std::sync::Mutex;

/// One key pair on offer.
pub struct Offered {
    /// CKA_LABEL: the identity's comment, as export-ssh-pubkey writes it.
    pub label: String,
    /// CKA_ID.
    pub id: Vec<u8>,
    /// The public key.
    pub material: PublicKeyMaterial,
    /// The public key, to match certificates with.
    pub key_data: KeyData,
    /// The public key's wire blob, as the protocol carries it.
    pub key_blob: Vec<u8>,
    /// SHA256:..., for the log.
    pub fingerprint: String,
    /// Certificates for this key (`--cert`), offered after it: their wire blobs.
    pub certs: Vec<Vec<u8>>,
    /// CKA_ALWAYS_AUTHENTICATE: a context-specific login before each signature.
    pub always_authenticate: bool,
    // The private key's handle; looked up again after the token lost its sessions (a
    // restarted HSM may hand out new handles).
    handle: Mutex<u64>,
}

impl Offered {
    /// The private key's handle on `session`: the cached one, or after a fault (`again`) the
    /// one found anew by CKA_ID.
    pub fn handle(&self, session: &HsmSession, again: bool) -> HsmResult<u64> {
        let mut h = self.handle.lock().unwrap_or_else(|p| p.into_inner());
        if again {
            *h = session.signing_key(&self.id).map_err(|e| match e {
                // Not found (or no longer allowed to sign): the agent is logged in, so it is gone.
                HsmError::Other(_) => HsmError::Other(format!(
                    "key '{}' (id {}) is no longer on the token, or may no longer sign",
                    self.label,
                    hex::encode(&self.id)
                )),
                other => other,
            })?;
        }
        Ok(*h)
    }
}

/// The token selector of one `--uri` (also names the token), parsed.
pub fn parse_uri(text: &str) -> Result<Pkcs11Uri> {
    text.parse::<Pkcs11Uri>().map_err(|e| {
        fail_hint(
            Exit::Usage,
            format!("--uri {text}: {e}"),
            "give a pkcs11: URI as `hsmctl list` prints it",
        )
    })
}

/// Finds every key given, in order, with its certificates. Each must be a key pair that can
/// sign and that OpenSSH can use; the same key given twice is offered once, with a warning.
pub fn resolve(
    ctx: &crate::commands::Ctx,
    session: &HsmSession,
    token: &TokenEntry,
    args: &AgentArgs,
) -> Result<Vec<Offered>> {
    let mut offered: Vec<Offered> = Vec::new();
    for key in &args.order {
        let filter = match key {
            KeyRef::Label(l) => ObjectFilter {
                label: Some(l.clone()),
                ..Default::default()
            },
            KeyRef::Id(hex) => ObjectFilter {
                id: Some(parse_id(hex)?),
                ..Default::default()
            },
            KeyRef::Uri(u) => object_filter(&no_object_args(), Some(&parse_uri(u)?))?,
        };
        let (public, handle) = signing_pair(session, &filter, token).map_err(|e| {
            // No private half that may sign: the agent is logged in, so it is not there.
            if e.downcast_ref::<HsmError>().is_some() {
                fail_hint(
                    Exit::NotFound,
                    format!(
                        "{} has a public key but no private key that may sign (CKA_SIGN) on \
                         token '{}'",
                        filter.describe(),
                        token.label
                    ),
                    "the agent needs both halves of a key pair; `hsmctl list --login` shows \
                     what the token holds",
                )
            } else {
                e
            }
        })?;
        let material = usable(&public)?;
        let blob = key_blob(&material).map_err(|e| {
            fail(
                Exit::Unsupported,
                format!("key '{}' (id {}): {e}", public.label, public.id),
            )
        })?;
        let key_data = KeyData::decode(&mut blob.as_slice()).map_err(|e| {
            fail(
                Exit::Unsupported,
                format!(
                    "key '{}' (id {}): OpenSSH cannot use it: {e}",
                    public.label, public.id
                ),
            )
        })?;
        if offered.iter().any(|o| o.key_data == key_data) {
            ctx.warn(format!(
                "key '{}' (id {}) was given twice; it is offered once",
                public.label, public.id
            ));
            continue;
        }
        offered.push(Offered {
            fingerprint: material.ssh_fingerprint()?,
            always_authenticate: session.always_authenticate(handle)?,
            label: public.label,
            id: public.id_bytes,
            material,
            key_data,
            key_blob: blob,
            certs: Vec::new(),
            handle: Mutex::new(handle),
        });
    }
    for path in &args.cert {
        let shown = path.display().to_string();
        let bytes = crate::store::input::read_input(path, "certificate")?;
        let cert = parse_cert(&shown, &bytes)?;
        attach_cert(ctx, &mut offered, &shown, cert)?;
    }
    if args.token_certs {
        attach_token_certs(ctx, session, &mut offered)?;
    }
    Ok(offered)
}

/// The certificates stored on the token: every data object whose value is an OpenSSH
/// certificate (a -cert.pub line, or its wire form) for an offered key goes with that key.
/// The key inside the certificate is the binding (`pkcs11-tool --write-object` sets no
/// CKA_ID on data objects); other data objects are left alone.
fn attach_token_certs(
    ctx: &crate::commands::Ctx,
    session: &HsmSession,
    offered: &mut [Offered],
) -> Result<()> {
    let filter = ObjectFilter {
        class: Some(crate::hsm::ObjClass::Data),
        ..Default::default()
    };
    for h in session.find(&filter)? {
        let Some(value) = session.value(h)? else {
            continue;
        };
        let shown = format!("the data object with handle {h}");
        let Ok(cert) = parse_cert(&shown, &value) else {
            continue;
        };
        if offered.iter().any(|o| &o.key_data == cert.public_key()) {
            attach_cert(ctx, offered, &shown, cert)?;
        }
    }
    Ok(())
}

/// An OpenSSH certificate: a -cert.pub line, or its wire form (as a data object may hold it).
fn parse_cert(shown: &str, bytes: &[u8]) -> Result<Certificate> {
    let text = String::from_utf8_lossy(bytes);
    let line = text.trim();
    if let Ok(c) = Certificate::from_openssh(line) {
        return Ok(c);
    }
    if let Ok(c) = Certificate::decode(&mut &bytes[..]) {
        return Ok(c);
    }
    let e = Certificate::from_openssh(line)
        .err()
        .map_or_else(String::new, |e| e.to_string());
    let first = line.split_whitespace().next().unwrap_or("");
    let why = if line.is_empty() {
        "it is empty".to_string()
    } else if ssh_key::PublicKey::from_openssh(line).is_ok() {
        format!("it is a public key ({first}), not a certificate")
    } else {
        format!("it does not parse ({e})")
    };
    Err(fail_hint(
        Exit::BadInput,
        format!("{shown} is not an OpenSSH certificate: {why}"),
        "give the -cert.pub file that `hsmctl sign-ssh-cert` or `ssh-keygen -s` wrote",
    ))
}

/// Gives a certificate to the offered key it certifies (warning
/// when it has expired or is not valid yet: sshd will refuse it then).
fn attach_cert(
    ctx: &crate::commands::Ctx,
    offered: &mut [Offered],
    shown: &str,
    cert: Certificate,
) -> Result<()> {
    let Some(key) = offered
        .iter_mut()
        .find(|o| &o.key_data == cert.public_key())
    else {
        let fp = cert
            .public_key()
            .fingerprint(ssh_key::HashAlg::Sha256)
            .to_string();
        return Err(fail_hint(
            Exit::NotFound,
            format!("{shown} certifies key {fp}, which is not among the keys offered"),
            "offer that key too (--label, --id or --uri), or leave the certificate out",
        ));
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    if cert.valid_before() <= now {
        ctx.warn(format!(
            "{shown} has expired: sshd will refuse it (it is offered all the same)"
        ));
    } else if cert.valid_after() > now {
        ctx.warn(format!(
            "{shown} is not valid yet: sshd will refuse it until then"
        ));
    }
    let mut blob = Vec::new();
    ssh_encoding::Encode::encode(&cert, &mut blob)
        .map_err(|e| fail(Exit::BadInput, format!("{shown}: {e}")))?;
    if !key.certs.contains(&blob) {
        key.certs.push(blob);
    }
    Ok(())
}

/// Object options with nothing set (the URI alone selects).
fn no_object_args() -> crate::cli::args::ObjectArgs {
    crate::cli::args::ObjectArgs {
        label: None,
        id: None,
        class: None,
        handle: None,
    }
}

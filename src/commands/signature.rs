//! `hsmctl sign` and `hsmctl verify-signature`: signatures over files as `openssl dgst -sign`
//! makes and checks them, made and verified inside the token.

use super::Ctx;
use super::object_select::{object_filter, one_public_key, signing_pair, usable};
use super::token_select::Login;
use crate::cli::args::Digest;
use crate::cli::keys::{SignArgs, SignatureArgs, VerifySignatureArgs};
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::pubkey::{PublicKeyMaterial, parse_public_key};
use crate::hsm::{Hash, SigScheme, Want, spec_of};
use crate::output::{Format, Report, deliver};
use crate::store::input::read_input;
use anyhow::Result;
use serde::Serialize;
use std::io::Read;
use std::path::Path;

/// A signature made.
#[derive(Serialize)]
pub struct SignReport {
    /// The key's type (rsa:2048, ec:p256, ed25519).
    pub key_type: String,
    /// rsa-pkcs1-sha256, rsa-pss-sha256, ecdsa-sha384, ecdsa-sha256-raw, ed25519.
    pub scheme: String,
    /// The URI of the private key that signed.
    pub uri: String,
    /// The signature's length in bytes.
    pub signature_len: usize,
    /// Where it was written, when not to stdout.
    pub written_to: Option<String>,
    /// The signature in hex, with --json and no -o.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

impl Report for SignReport {
    fn human(&self) -> String {
        match &self.written_to {
            Some(p) => format!(
                "Signed with {} ({}), {} bytes written to {p}\n",
                self.uri, self.scheme, self.signature_len
            ),
            // The signature itself went to stdout.
            None => String::new(),
        }
    }
}

/// A signature checked.
#[derive(Serialize)]
pub struct VerifyReport {
    /// Whether the signature is good.
    pub valid: bool,
    /// The key's type.
    pub key_type: String,
    /// The scheme checked.
    pub scheme: String,
    /// The token key's URI, or the public key file.
    pub key: String,
}

impl Report for VerifyReport {
    fn human(&self) -> String {
        if self.valid {
            format!("Verified OK ({}, {})\n", self.scheme, self.key)
        } else {
            format!("Verification failure ({}, {})\n", self.scheme, self.key)
        }
    }
}

impl VerifyReport {
    /// Exit 1 for a bad signature, after the report is printed.
    pub fn outcome(&self) -> Result<()> {
        if self.valid {
            Ok(())
        } else {
            Err(fail(Exit::Failed, "the signature does not verify"))
        }
    }
}

/// The data to sign or verify, whole: a file of any size, or stdin.
fn read_data(path: &Path) -> Result<Vec<u8>> {
    let io = |e: std::io::Error| fail(Exit::Io, format!("cannot read {}: {e}", path.display()));
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).map_err(io)?;
        return Ok(buf);
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(fail(
            Exit::BadInput,
            format!("{} is a directory", path.display()),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(fail(
            Exit::BadInput,
            format!("cannot read {}: {e}", path.display()),
        )),
        _ => std::fs::read(path).map_err(io),
    }
}

fn scheme(k: &PublicKeyMaterial, a: &SignatureArgs) -> Result<SigScheme> {
    let digest = a.digest.map(|d| match d {
        Digest::Sha256 => Hash::Sha256,
        Digest::Sha384 => Hash::Sha384,
        Digest::Sha512 => Hash::Sha512,
    });
    SigScheme::for_key(spec_of(k), digest, a.pss, a.raw).map_err(|e| fail(Exit::Usage, e))
}

/// `sign`: the private half of the selected key pair signs the file.
pub fn run_sign(ctx: &Ctx, args: &SignArgs) -> Result<SignReport> {
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let filter = object_filter(&args.object, sel.uri.as_ref())?;
    let data = read_data(&args.input)?;
    crate::store::atomic::check_output(args.file.out.as_deref(), args.file.force)?;
    let token = sel.initialized()?.clone();
    let session = sel.session(false, Login::Required, &args.pin)?;
    let (public, key) = signing_pair(&session, &filter, &token)?;
    let material = usable(&public)?;
    let scheme = scheme(&material, &args.scheme)?;
    ctx.verbose(|| format!("signing with {} ({})", public.uri, scheme.name()));
    let sig = session.sign_data(key, scheme, &data)?;
    let json = args.output.format() == Format::Json;
    let (written_to, hex) = deliver(args.file.out.as_deref(), &sig, args.file.force, true, json)?;
    Ok(SignReport {
        key_type: crate::formats::private_key::key_type_name(&material),
        scheme: scheme.name(),
        // The key that signed: the private half (same CKA_ID as the public key found).
        uri: public.uri.replace(";type=public", ";type=private"),
        signature_len: sig.len(),
        written_to,
        signature: hex,
    })
}

/// `verify-signature`: the token verifies, with its own public key or one from a file
/// (stored as a session object for the check).
pub fn run_verify(ctx: &Ctx, args: &VerifySignatureArgs) -> Result<VerifyReport> {
    let data = read_data(&args.input)?;
    let signature = read_input(&args.signature, "signature file")?;
    let file_key = match &args.pubkey {
        Some(p) => {
            let bytes = read_input(p, "public key file")?;
            let (k, _, _) = parse_public_key(&bytes).map_err(|e| {
                fail_hint(
                    Exit::BadInput,
                    format!("{}: {e}", p.display()),
                    "expected an OpenSSH public key, a PEM/DER PUBLIC KEY or RSA PUBLIC KEY",
                )
            })?;
            Some(k)
        }
        None => None,
    };
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let token = sel.initialized()?.clone();
    let filter = object_filter(&args.object, sel.uri.as_ref())?;
    if file_key.is_some() && !filter.is_empty() {
        return Err(fail(
            Exit::Usage,
            "give --pubkey or a token key (--label, --id, --uri), not both",
        ));
    }
    let session = sel.session(false, Login::IfAvailable(args.auth.login), &args.auth.pin)?;
    let (material, handle, key) = match (file_key, &args.pubkey) {
        (Some(k), Some(p)) => {
            let h = session.session_public_key(&k)?;
            (k, h, p.display().to_string())
        }
        _ => {
            if filter.is_empty() {
                return Err(fail(
                    Exit::Usage,
                    "select the key with --label, --id, --handle or --uri, or give --pubkey",
                ));
            }
            let k = one_public_key(session.public_keys(&filter, &token)?, &filter, &token)?;
            (usable(&k)?, k.handle, k.uri)
        }
    };
    let scheme = scheme(&material, &args.scheme)?;
    let valid = session.verify_data(handle, scheme, &data, &signature)?;
    Ok(VerifyReport {
        valid,
        key_type: crate::formats::private_key::key_type_name(&material),
        scheme: scheme.name(),
        key,
    })
}

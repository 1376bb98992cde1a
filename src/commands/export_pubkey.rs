//! `hsmctl export-pubkey` and `hsmctl convert-pubkey`: one public key in the format asked for.

use super::Ctx;
use super::object_select::{object_filter, one_public_key, usable};
use super::token_select::Login;
use crate::cli::{ConvertPubkeyArgs, ExportPubkeyArgs, KeyFormat};
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::pem;
use crate::formats::pubkey::{PublicKeyMaterial, parse_public_key};
use crate::hsm::Want;
use crate::output::{Report, deliver};
use crate::store::input::read_input;
use anyhow::Result;
use serde::Serialize;

/// One public key, as written.
#[derive(Serialize)]
pub struct PubkeyReport {
    /// rsa:BITS, ec:P-256, Ed25519.
    pub key_type: String,
    /// The format written.
    pub format: &'static str,
    /// SHA-256 of the DER SubjectPublicKeyInfo, hex.
    pub spki_sha256: String,
    /// SHA256:... as ssh-keygen -l prints it.
    pub ssh_fingerprint: String,
    /// The key object's URI (export-pubkey).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// The input format detected (convert-pubkey).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_format: Option<String>,
    /// Where the key was written, when not to stdout.
    pub written_to: Option<String>,
    /// The key itself (text, or hex for DER), with --json and no -o.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    #[serde(skip)]
    text: String,
}

impl Report for PubkeyReport {
    fn human(&self) -> String {
        self.text.clone()
    }
}

/// Encodes a key in a format: (bytes, binary?, format name).
fn encode(
    k: &PublicKeyMaterial,
    format: KeyFormat,
    comment: &str,
) -> Result<(Vec<u8>, bool, &'static str)> {
    let pem_bytes = |label: &str, der: Vec<u8>| pem::encode(label, &der).into_bytes();
    let rsa_only = || {
        fail_hint(
            Exit::Usage,
            format!(
                "PKCS#1 holds RSA keys only; this is an {} key",
                k.describe()
            ),
            "use --format pem or der",
        )
    };
    Ok(match format {
        KeyFormat::Openssh => {
            let mut line = k.to_openssh_line(comment)?;
            line.push('\n');
            (line.into_bytes(), false, "openssh")
        }
        KeyFormat::Pem => (pem_bytes("PUBLIC KEY", k.to_spki_der()?), false, "pem"),
        KeyFormat::Der => (k.to_spki_der()?, true, "der"),
        KeyFormat::Pkcs1 => (
            pem_bytes("RSA PUBLIC KEY", k.to_pkcs1_der().map_err(|_| rsa_only())?),
            false,
            "pkcs1",
        ),
        KeyFormat::Pkcs1Der => (k.to_pkcs1_der().map_err(|_| rsa_only())?, true, "pkcs1-der"),
    })
}

fn report(
    k: &PublicKeyMaterial,
    format: KeyFormat,
    comment: &str,
    fingerprint: bool,
    out: Option<&std::path::Path>,
    force: bool,
    json: bool,
) -> Result<PubkeyReport> {
    let spki_sha256 = crate::formats::sha256_hex(&k.to_spki_der()?);
    let ssh_fingerprint = k.ssh_fingerprint()?;
    let (bytes, binary, name) = encode(k, format, comment)?;
    let (text, (written_to, data)) = if fingerprint {
        (
            format!("SPKI SHA-256: {spki_sha256}\nOpenSSH: {ssh_fingerprint}\n"),
            (None, None),
        )
    } else {
        (String::new(), deliver(out, &bytes, force, binary, json)?)
    };
    Ok(PubkeyReport {
        key_type: k.describe(),
        format: name,
        spki_sha256,
        ssh_fingerprint,
        uri: None,
        input_format: None,
        written_to,
        data,
        text,
    })
}

/// Exactly one token public key, in the format asked for.
pub fn run_export(ctx: &Ctx, args: &ExportPubkeyArgs) -> Result<PubkeyReport> {
    crate::store::atomic::check_output(args.file.out.as_deref(), args.file.force)?;
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let filter = object_filter(&args.object, sel.uri.as_ref())?;
    if filter.is_empty() {
        return Err(fail(
            Exit::Usage,
            "select the key with --label, --id or --uri",
        ));
    }
    let token = sel.initialized()?.clone();
    let session = sel.session(false, Login::IfAvailable(args.auth.login), &args.auth.pin)?;
    let k = one_public_key(session.public_keys(&filter, &token)?, &filter, &token)?;
    let m = usable(&k)?;
    let mut r = report(
        &m,
        args.format,
        &k.label,
        args.fingerprint,
        args.file.out.as_deref(),
        args.file.force,
        args.output.format() == crate::output::Format::Json,
    )?;
    r.uri = Some(k.uri);
    Ok(r)
}

/// A public key file converted to another format.
pub fn run_convert(args: &ConvertPubkeyArgs) -> Result<PubkeyReport> {
    crate::store::atomic::check_output(args.file.out.as_deref(), args.file.force)?;
    let bytes = read_input(&args.input, "public key file")?;
    let (k, fmt, comment) = parse_public_key(&bytes).map_err(|e| {
        fail_hint(
            Exit::BadInput,
            format!("{}: {e}", args.input.display()),
            "expected an OpenSSH public key line, a PEM PUBLIC KEY or RSA PUBLIC KEY, or their DER",
        )
    })?;
    let comment = args.comment.clone().or(comment).unwrap_or_default();
    let mut r = report(
        &k,
        args.format,
        &comment,
        false,
        args.file.out.as_deref(),
        args.file.force,
        args.output.format() == crate::output::Format::Json,
    )?;
    r.input_format = Some(format!("{fmt:?}").to_lowercase());
    Ok(r)
}

//! `hsmctl export-ssh-pubkey`: authorized_keys lines for token keys, Ed25519 included.

use super::Ctx;
use super::object_select::{object_filter, one_public_key, usable};
use super::token_select::Login;
use crate::cli::ExportSshArgs;
use crate::formats::pubkey::PublicKeyMaterial;
use crate::hsm::{TokenPublicKey, Want};
use crate::output::{Report, artifact};
use anyhow::Result;
use serde::Serialize;

/// One exported key.
#[derive(Serialize)]
pub struct ExportedKey {
    /// CKA_LABEL.
    pub label: String,
    /// CKA_ID, hex.
    pub id: String,
    /// The key object's URI.
    pub uri: String,
    /// rsa:BITS, ec:P-256, Ed25519.
    pub key_type: String,
    /// SHA256:... as ssh-keygen -l prints it.
    pub fingerprint: String,
    /// The authorized_keys line (with --options, if given).
    pub line: String,
}

/// The exported keys; the text went to stdout or to --out.
#[derive(Serialize)]
pub struct ExportSshReport {
    /// Every key exported.
    pub keys: Vec<ExportedKey>,
    /// Where the lines were written, when not to stdout.
    pub written_to: Option<String>,
    #[serde(skip)]
    text: String,
}

impl Report for ExportSshReport {
    fn human(&self) -> String {
        self.text.clone()
    }

    fn summary(&self) -> Option<String> {
        let to = self.written_to.as_ref()?;
        Some(format!("Wrote {} key(s) to {to}", self.keys.len()))
    }
}

/// `ssh-keygen -l` style: "256 SHA256:... comment (ECDSA)".
pub fn fingerprint_line(k: &PublicKeyMaterial, comment: &str) -> Result<String> {
    let (bits, kind) = match k {
        PublicKeyMaterial::Rsa { .. } => {
            (k.describe().trim_start_matches("rsa:").to_string(), "RSA")
        }
        PublicKeyMaterial::Ec { curve, .. } => (curve.bits().to_string(), "ECDSA"),
        PublicKeyMaterial::Ed25519(_) => ("256".to_string(), "ED25519"),
    };
    Ok(format!(
        "{bits} {} {comment} ({kind})",
        k.ssh_fingerprint()?
    ))
}

/// Public keys as OpenSSH lines: every key, or exactly the one selected.
pub fn run(ctx: &Ctx, args: &ExportSshArgs) -> Result<ExportSshReport> {
    crate::store::atomic::check_output(args.file.out.as_deref(), args.file.force)?;
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let filter = object_filter(&args.object, sel.uri.as_ref())?;
    let token = sel.initialized()?.clone();
    let session = sel.session(false, Login::IfAvailable(args.auth.login), &args.auth.pin)?;
    let found = session.public_keys(&filter, &token)?;
    let chosen: Vec<(TokenPublicKey, PublicKeyMaterial)> = if filter.is_empty() {
        found
            .into_iter()
            .filter_map(|k| match k.material.clone() {
                Ok(m) => Some((k, m)),
                Err(e) => {
                    ctx.warn(format!("skipping key '{}' (id {}): {e}", k.label, k.id));
                    None
                }
            })
            .collect()
    } else {
        let k = one_public_key(found, &filter, &token)?;
        let m = usable(&k)?;
        vec![(k, m)]
    };
    let mut keys = Vec::new();
    let mut text = String::new();
    for (k, m) in chosen {
        let comment = args.comment.clone().unwrap_or_else(|| k.label.clone());
        let mut line = m.to_openssh_line(&comment)?;
        if let Some(opts) = &args.options {
            line = format!("{opts} {line}");
        }
        text.push_str(&if args.fingerprint {
            fingerprint_line(&m, &comment)?
        } else {
            line.clone()
        });
        text.push('\n');
        keys.push(ExportedKey {
            label: k.label,
            id: k.id,
            uri: k.uri,
            key_type: m.describe(),
            fingerprint: m.ssh_fingerprint()?,
            line,
        });
    }
    // `-o -` is stdout: the same as no -o.
    let written_to = match args.file.out.as_ref().filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            artifact(Some(path), text.as_bytes(), args.file.force, false)?;
            text.clear();
            Some(path.display().to_string())
        }
        None => None,
    };
    Ok(ExportSshReport {
        keys,
        written_to,
        text,
    })
}

//! `hsmctl import-key`: a private key file onto the token as a key pair, by C_CreateObject or
//! C_UnwrapKey, read back; the file's secret bytes stay in zeroizing buffers throughout.

use super::Ctx;
use super::object_select::parse_id;
use super::token_select::Login;
use crate::cli::keys::ImportKeyArgs;
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::cert::certificate_key;
use crate::formats::private_key::{
    KeyFileError, KeyFileFormat, PrivateKey, default_id, key_type_name, needs_passphrase,
    read_private_key,
};
use crate::formats::pubkey::PublicKeyMaterial;
use crate::hsm::{
    HsmSession, ImportMethod, ImportRequest, ObjectInfo, TokenEntry, UNWRAP_MECHANISMS, Want, hex,
    spec_of,
};
use crate::ops::certs::names_of;
use crate::ops::keys::{check_label, pair_usage, refuse_duplicates};
use crate::output::Report;
use crate::pin::{PinSpec, obtain};
use crate::store::input::read_secret_input;
use anyhow::Result;
use secrecy::ExposeSecret;
use serde::Serialize;

/// What was imported.
#[derive(Serialize)]
pub struct ImportReport {
    /// Always "imported": the key was made elsewhere (CKA_LOCAL is false).
    pub origin: &'static str,
    /// rsa:2048, ec:p256, ed25519.
    pub key_type: String,
    /// The key file's format.
    pub source_format: KeyFileFormat,
    /// create_object or unwrap.
    pub method: ImportMethod,
    /// Why C_CreateObject was not used, when the module refused it.
    pub fallback_reason: Option<String>,
    /// CKA_ID, hex.
    pub id: String,
    /// The public key as read back.
    pub public: ObjectInfo,
    /// The private key as read back.
    pub private: ObjectInfo,
    /// Certificates from a PKCS#12 file as stored: the key's own (same CKA_ID and label)
    /// first, then the chain (each with the CKA_ID of its own public key).
    pub certificates: Vec<ObjectInfo>,
    /// The key file, when --shred removed it.
    pub shredded: Option<String>,
    /// Things to know.
    pub warnings: Vec<String>,
}

impl Report for ImportReport {
    fn human(&self) -> String {
        let how = match self.method {
            ImportMethod::CreateObject => "C_CreateObject",
            ImportMethod::Unwrap => "C_UnwrapKey (CKM_AES_KEY_WRAP_PAD)",
        };
        let mut out = format!(
            "Imported {} key pair ({} file) with {how}, id {}\n",
            self.key_type,
            self.source_format.name(),
            self.id
        );
        if let Some(r) = &self.fallback_reason {
            out.push_str(&format!(
                "  C_CreateObject was refused ({r}), so it was unwrapped\n"
            ));
        }
        for (half, o) in [("public ", &self.public), ("private", &self.private)] {
            out.push_str(&format!(
                "  {half}  handle {:<6} label '{}'  {}\n",
                o.handle, o.label, o.uri
            ));
        }
        for c in &self.certificates {
            out.push_str(&format!(
                "  cert     handle {:<6} label '{}'  {}\n",
                c.handle, c.label, c.uri
            ));
        }
        let f = &self.private.flags;
        let yes = |b: Option<bool>| b == Some(true);
        out.push_str(&format!(
            "  private key: imported (local={}), sensitive={} extractable={} never_extractable={}\n",
            yes(f.local),
            yes(f.sensitive),
            yes(f.extractable),
            yes(f.never_extractable)
        ));
        if let Some(p) = &self.shredded {
            out.push_str(&format!("  {p} was overwritten and removed\n"));
        }
        out
    }

    fn warnings(&self) -> &[String] {
        &self.warnings
    }

    fn warnings_mut(&mut self) -> Option<&mut Vec<String>> {
        Some(&mut self.warnings)
    }
}

fn passphrase_spec(a: &crate::cli::client::PassphraseArgs) -> PinSpec<'_> {
    PinSpec {
        what: "key passphrase",
        flag: "--passphrase",
        file: a.passphrase_file.as_deref(),
        env: a.passphrase_env.as_deref(),
        fd: a.passphrase_fd,
        default_env: "HSMCTL_KEY_PASSPHRASE",
        uri_source: None,
        uri_value: None,
        confirm: false,
        held: None,
    }
}

/// A key file problem as the user's error: what, the exit code, and the fix.
fn file_error(path: &std::path::Path, e: KeyFileError) -> anyhow::Error {
    let shown = path.display();
    match e {
        KeyFileError::Malformed(m) => fail_hint(
            Exit::BadInput,
            format!("{shown}: {m}"),
            "give a PEM or DER private key (PKCS#8, PKCS#1, SEC1), a PKCS#12 file or an OpenSSH \
             private key",
        ),
        KeyFileError::NeedsPassphrase | KeyFileError::WrongPassphrase => fail_hint(
            Exit::Auth,
            format!("{shown}: {e}"),
            "give the key's passphrase with --passphrase-file, --passphrase-env or \
             --passphrase-fd (or HSMCTL_KEY_PASSPHRASE)",
        ),
        KeyFileError::Convert(m) => fail_hint(
            Exit::BadInput,
            format!("{shown}: {m}"),
            "convert the file as the message says, then import the result",
        ),
        KeyFileError::Refused(m) => fail_hint(
            Exit::BadInput,
            format!("{shown}: {m}"),
            "import RSA keys of 2048 to 16384 bits, EC P-256/P-384/P-521 keys or Ed25519 keys",
        ),
    }
}

/// Stores a PKCS#12 file's certificates: the key's own with its CKA_ID and label, the others
/// (the chain) as `LABEL-chain-N` with the CKA_ID of their own public key. On a failure the
/// ones stored so far are destroyed.
fn store_certificates(
    session: &HsmSession,
    key: &PrivateKey,
    req: &ImportRequest,
    token: &TokenEntry,
) -> Result<Vec<ObjectInfo>> {
    let mut stored: Vec<ObjectInfo> = Vec::new();
    let mut chain = 0;
    let result = (|| {
        // The key's own certificate first.
        let mut certs: Vec<(&Vec<u8>, Option<PublicKeyMaterial>)> = key
            .certificates
            .iter()
            .map(|c| (c, certificate_key(c).ok()))
            .collect();
        certs.sort_by_key(|(_, m)| m.as_ref() != Some(&key.public));
        for (der, material) in certs {
            let names = names_of(der)?;
            let (label, id) = if material.as_ref() == Some(&key.public) {
                (req.label.clone(), req.id.clone())
            } else {
                chain += 1;
                let id = match &material {
                    Some(m) => default_id(m),
                    None => crate::formats::private_key::sha1(der),
                };
                (format!("{}-chain-{chain}", req.label), id)
            };
            let h = session.store_certificate(
                der,
                &label,
                &id,
                &names.subject_der,
                &names.issuer_der,
                &names.serial_der,
            )?;
            stored.push(session.object(h, token)?);
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(stored),
        Err(e) => {
            for o in &stored {
                let _ = session.destroy(o.handle);
            }
            Err(e)
        }
    }
}

/// Decodes and validates the file, then imports under the token lock; nothing touches the
/// token before the key, its policy and the arguments are known good.
pub fn run(ctx: &Ctx, args: &ImportKeyArgs) -> Result<ImportReport> {
    check_label(&args.label, "--label")?;
    let stdin = args.input.as_os_str() == "-";
    if args.shred && stdin {
        return Err(fail(Exit::Usage, "--shred needs a key file, not stdin"));
    }
    let bytes = read_secret_input(&args.input, "key file")?;
    let key = if needs_passphrase(&bytes) {
        let pass = obtain(
            &passphrase_spec(&args.passphrase),
            &format!("the key in {}", args.input.display()),
        )?;
        read_private_key(&bytes, Some(pass.expose_secret().as_bytes()))
    } else {
        read_private_key(&bytes, None)
    }
    .map_err(|e| file_error(&args.input, e))?;
    drop(bytes);
    let spec = spec_of(&key.public);
    let usage = pair_usage(
        &args.usage,
        (args.wrapping, args.wrapping),
        ["--wrapping", "--wrapping"],
        spec,
    )?;
    let id = match &args.id {
        Some(text) => parse_id(text)?,
        None => default_id(&key.public),
    };
    if args.shred {
        ctx.confirm(
            args.yes,
            "--shred",
            &format!(
                "Overwrite and remove {} after the import?",
                args.input.display()
            ),
        )?;
    }

    let sel = ctx.select(&args.token, Want::Initialized)?;
    if args.unwrap {
        for (code, name) in UNWRAP_MECHANISMS {
            if !sel.hsm.has_mechanism(sel.slot.slot_id, code)? {
                return Err(fail_hint(
                    Exit::Unsupported,
                    format!("{} does not offer {name}, which --unwrap needs", sel.name()),
                    "import without --unwrap (C_CreateObject)",
                ));
            }
        }
    }
    let token = sel.initialized()?.clone();
    let session = sel.session(true, Login::Required, &args.pin)?;
    ctx.lock(&sel)?;
    if !args.allow_duplicate {
        refuse_duplicates(&session, &sel.name(), &id, &[&args.label])?;
    }
    let req = ImportRequest {
        label: args.label.clone(),
        id: id.clone(),
        usage,
        modifiable: args.modifiable,
        unwrap: args.unwrap,
    };
    ctx.verbose(|| {
        format!(
            "importing {} by {}",
            key_type_name(&key.public),
            if args.unwrap {
                "C_UnwrapKey"
            } else {
                "C_CreateObject"
            }
        )
    });
    let result = session.import_key(&key, &req, &token)?;
    let certificates = match store_certificates(&session, &key, &req, &token) {
        Ok(c) => c,
        Err(e) => {
            // All or nothing: the pair goes too.
            let _ = session.destroy(result.private.handle);
            let _ = session.destroy(result.public.handle);
            return Err(e);
        }
    };
    let mut warnings = Vec::new();
    if result.private.flags.local == Some(true) {
        warnings.push("the token marks the imported key CKA_LOCAL, which it is not".into());
    }
    let shredded = if args.shred {
        crate::store::shred::shred(&args.input)?;
        warnings.push(format!(
            "{} was overwritten once and removed; copies on backups, snapshots, SSD spare \
             blocks or copy-on-write filesystems are beyond reach",
            args.input.display()
        ));
        Some(args.input.display().to_string())
    } else {
        None
    };
    Ok(ImportReport {
        origin: "imported",
        key_type: key_type_name(&key.public),
        source_format: key.format,
        method: result.method,
        fallback_reason: result.fallback_reason,
        id: hex(&id),
        public: result.public,
        private: result.private,
        certificates,
        shredded,
        warnings,
    })
}

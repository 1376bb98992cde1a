//! `hsmctl import-cert` and `hsmctl export-cert`: certificate objects beside their keys.

use super::Ctx;
use super::object_select::{describe_object, object_filter, parse_id};
use super::token_select::Login;
use crate::cli::{ExportCertArgs, ImportCertArgs};
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::cert::{certificate_key, parse_one_certificate};
use crate::formats::pem;
use crate::hsm::{ObjClass, ObjectFilter, Want};
use crate::ops::certs::{CertNames, names_of};
use crate::output::{Report, deliver};
use crate::store::input::read_input;
use anyhow::Result;
use serde::Serialize;

/// A certificate object.
#[derive(Serialize)]
pub struct CertReport {
    /// The object handle.
    pub handle: u64,
    /// CKA_LABEL.
    pub label: String,
    /// CKA_ID, hex.
    pub id: String,
    /// The certificate's subject.
    pub subject: String,
    /// The object's URI.
    pub uri: String,
    /// Whether a key on the token has the certificate's public key.
    pub key_on_token: bool,
    /// Where the certificate was written (export-cert), when not to stdout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written_to: Option<String>,
    /// The certificate (PEM, or hex DER), with --json and no -o (export-cert).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    #[serde(skip)]
    text: String,
}

impl Report for CertReport {
    fn human(&self) -> String {
        self.text.clone()
    }
}

/// Stores a certificate with the CKA_ID and label of the key it certifies.
pub fn run_import(ctx: &Ctx, args: &ImportCertArgs) -> Result<CertReport> {
    let bytes = read_input(&args.input, "certificate")?;
    let der = parse_one_certificate(&bytes)
        .map_err(|e| fail(Exit::BadInput, format!("{}: {e}", args.input.display())))?;
    let material = certificate_key(&der)
        .map_err(|e| fail(Exit::BadInput, format!("{}: {e}", args.input.display())))?;
    let CertNames {
        subject,
        subject_der,
        issuer_der,
        serial_der,
    } = names_of(&der)?;
    let orphan_id = args.id.as_deref().map(parse_id).transpose()?;
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let token = sel.initialized()?.clone();
    let session = sel.session(true, Login::Required, &args.pin)?;
    ctx.lock(&sel)?;
    let keys: Vec<_> = session
        .public_keys(&ObjectFilter::default(), &token)?
        .into_iter()
        .filter(|k| k.material.as_ref().ok() == Some(&material))
        .collect();
    let mut ids: Vec<&Vec<u8>> = keys.iter().map(|k| &k.id_bytes).collect();
    ids.dedup();
    let (id, key_label) = match (ids.as_slice(), args.allow_orphan) {
        ([id], _) => ((*id).clone(), keys[0].label.clone()),
        ([], true) => (
            match orphan_id {
                Some(id) => id,
                None => session.random(16)?,
            },
            String::new(),
        ),
        ([], false) => {
            return Err(fail_hint(
                Exit::NotFound,
                format!(
                    "the certificate's public key ({}) matches no key on token '{}'",
                    material.describe(),
                    token.label
                ),
                "import it anyway with --allow-orphan",
            ));
        }
        (_, _) => {
            return Err(fail_hint(
                Exit::NotFound,
                format!(
                    "{} keys with different CKA_IDs have the certificate's public key",
                    ids.len()
                ),
                "run `hsmctl doctor` to find and fix the duplicates",
            ));
        }
    };
    for c in session.list(
        &ObjectFilter {
            class: Some(ObjClass::Cert),
            ..Default::default()
        },
        &token,
    )? {
        if session.value(c.handle)?.as_deref() == Some(der.as_slice()) {
            return Err(fail(
                Exit::Conflict,
                format!(
                    "this certificate is already on the token: {}",
                    describe_object(&c)
                ),
            ));
        }
    }
    let label = args
        .label
        .clone()
        .filter(|l| !l.is_empty())
        .unwrap_or(if key_label.is_empty() {
            subject.clone()
        } else {
            key_label
        });
    let handle =
        session.store_certificate(&der, &label, &id, &subject_der, &issuer_der, &serial_der)?;
    let obj = session.object(handle, &token)?;
    Ok(CertReport {
        handle,
        label: obj.label.clone(),
        id: obj.id.clone(),
        text: format!(
            "Imported certificate '{}' (id {}) for {subject}\n{}\n",
            obj.label, obj.id, obj.uri
        ),
        subject,
        uri: obj.uri,
        key_on_token: !keys.is_empty(),
        written_to: None,
        data: None,
    })
}

/// One certificate object as PEM or DER.
pub fn run_export(ctx: &Ctx, args: &ExportCertArgs) -> Result<CertReport> {
    crate::store::atomic::check_output(args.file.out.as_deref(), args.file.force)?;
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let mut filter = object_filter(&args.object, sel.uri.as_ref())?;
    if filter.is_empty() {
        return Err(fail(
            Exit::Usage,
            "select the certificate with --label, --id or --uri",
        ));
    }
    filter.class = Some(ObjClass::Cert);
    let token = sel.initialized()?.clone();
    let session = sel.session(false, Login::IfAvailable(args.auth.login), &args.auth.pin)?;
    let mut found = session.list(&filter, &token)?;
    let c = match found.len() {
        1 => found.remove(0),
        0 => {
            return Err(fail(
                Exit::NotFound,
                format!("no certificate matches {}", filter.describe()),
            ));
        }
        n => {
            return Err(fail_hint(
                Exit::NotFound,
                format!("{} matches {n} certificates", filter.describe()),
                "select one with --id or --uri",
            ));
        }
    };
    let der = session
        .value(c.handle)?
        .ok_or_else(|| fail(Exit::Failed, "the certificate's CKA_VALUE is not readable"))?;
    let subject = names_of(&der)?.subject;
    let key_on_token = certificate_key(&der)
        .map(|m| {
            session
                .public_keys(&ObjectFilter::default(), &token)
                .map(|ks| ks.iter().any(|k| k.material.as_ref().ok() == Some(&m)))
        })
        .unwrap_or(Ok(false))?;
    let json = args.output.format() == crate::output::Format::Json;
    let bytes = if args.der {
        der.clone()
    } else {
        pem::encode("CERTIFICATE", &der).into_bytes()
    };
    let (written_to, data) = deliver(
        args.file.out.as_deref(),
        &bytes,
        args.file.force,
        args.der,
        json,
    )?;
    Ok(CertReport {
        handle: c.handle,
        label: c.label,
        id: c.id,
        subject,
        uri: c.uri,
        key_on_token,
        written_to,
        data,
        text: String::new(),
    })
}

//! `hsmctl createcert`: the client's key and self-signed certificate in the client directory
//! (Luna's `vtl createCert`), the key written first and never readable by others.

use super::Ctx;
use crate::cli::client::CreateCertArgs;
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::client_identity::generate;
use crate::formats::host::Host;
use crate::ops::identity::{checked_client_name, write_identity_with};
use crate::ops::servers::sync_chrystoki;
use crate::output::Report;
use anyhow::Result;
use serde::Serialize;

/// What createcert wrote.
#[derive(Serialize)]
pub struct CreateCertReport {
    /// The client name (CN).
    pub name: String,
    /// The private key file (0600).
    pub key_file: String,
    /// The certificate file.
    pub cert_file: String,
    /// SHA-256 of the certificate, lowercase hex.
    pub fingerprint: String,
    /// The PKCS#12 file (--pkcs12).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pkcs12_file: Option<String>,
}

impl Report for CreateCertReport {
    fn human(&self) -> String {
        let mut s = format!(
            "Private Key created and written to: {}\nCertificate created and written to: {}\n",
            self.key_file, self.cert_file
        );
        if let Some(p) = &self.pkcs12_file {
            s.push_str(&format!("PKCS#12 file written to: {p}\n"));
        }
        s
    }
}

fn warn_about_name(ctx: &Ctx, name: &str, host: &Host) {
    match host {
        Host::Ip(std::net::IpAddr::V6(_)) if host.canonical() != name => ctx.warn(format!(
            "Luna compares IPv6 addresses as text; hsmctl writes server names as {} \
             (RFC 5952), so register this client on the appliance with exactly '{name}'",
            host.canonical()
        )),
        Host::Ip(_) => {}
        Host::Dns(_) => {
            if let Some(h) = crate::sys::hostname().filter(|h| h != name) {
                ctx.warn(format!(
                    "'{name}' is not this machine's host name ('{h}'); Luna requires the \
                     client certificate's name to match it exactly, letter case included"
                ));
            }
        }
    }
}

/// `createcert`.
pub fn run(ctx: &Ctx, a: &CreateCertArgs) -> Result<CreateCertReport> {
    let host = checked_client_name(&a.name)?;
    warn_about_name(ctx, &a.name, &host);
    let dir = ctx.client_dir_locked()?;
    let (key_path, cert_path) = (dir.client_key(&a.name), dir.client_cert(&a.name));
    if !a.force {
        for p in [&key_path, &cert_path] {
            if p.symlink_metadata().is_ok() {
                return Err(fail_hint(
                    Exit::Conflict,
                    format!("{} already exists", p.display()),
                    "pass --force to replace the client key and certificate",
                ));
            }
        }
    }
    let p12 = super::client_key::Pkcs12Plan::new(&a.pkcs12, a.force)?;
    let id = generate(a.key_type.into(), &a.name, a.days).map_err(|e| fail(Exit::Failed, e))?;
    let p12_bytes = match &p12 {
        Some(p) => Some(p.bytes(&a.name, &id.key_pkcs8, &id.cert)?),
        None => None,
    };
    let p12_out = p12.as_ref().zip(p12_bytes.as_deref());
    // A regular file goes into the identity's batch; a FIFO or device is written in place
    // after it, never replaced.
    let in_batch = match p12_out {
        Some((p, _)) => {
            crate::store::atomic::destination(&p.path)? == crate::store::atomic::Destination::File
        }
        None => false,
    };
    write_identity_with(
        &dir,
        &a.name,
        &id,
        false,
        p12_out
            .filter(|_| in_batch)
            .map(|(p, b)| (p.path.as_path(), b.as_slice())),
    )?;
    if let Some((p, b)) = p12_out.filter(|_| !in_batch) {
        crate::store::atomic::write_output(&p.path, b, 0o600, a.force)?;
    }
    let mut cfg = dir.config()?;
    cfg.client = Some(a.name.clone());
    dir.write_registry(&cfg.server, cfg.client.as_deref())?;
    sync_chrystoki(&dir, &a.chrystoki, &cfg)?;
    Ok(CreateCertReport {
        name: a.name.clone(),
        key_file: key_path.display().to_string(),
        cert_file: cert_path.display().to_string(),
        fingerprint: crate::formats::sha256_hex(&id.cert),
        pkcs12_file: p12.map(|p| p.path.display().to_string()),
    })
}

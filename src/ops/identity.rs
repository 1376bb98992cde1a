//! The client identity: its name checked, its key (0600) and certificate written together
//! (createcert, client-key roll and restore).

use crate::exit::{Exit, fail_hint};
use crate::formats::client_identity::Identity;
use crate::formats::host::{Host, check_safe, parse_host};
use crate::formats::pem;
use crate::store::atomic::{Batch, write_file};
use crate::store::client_dir::ClientDir;
use anyhow::Result;

/// A client name: safe for a file name and a valid host name or address, kept as written
/// (Luna compares it with the host name letter for letter).
pub fn checked_client_name(name: &str) -> Result<Host> {
    check_safe(name)
        .and_then(|()| parse_host(name))
        .map_err(|e| {
            fail_hint(
                Exit::BadInput,
                e,
                "give this machine's host name or IP address",
            )
        })
}

/// Writes a client identity: the key (0600) first, then the certificate, each atomic. With
/// `keep_old`, the pair in place is kept as `.old` first.
pub fn write_identity(dir: &ClientDir, name: &str, id: &Identity, keep_old: bool) -> Result<()> {
    write_identity_with(dir, name, id, keep_old, None)
}

/// [`write_identity`], with one more secret file (a PKCS#12 copy, 0600) staged in the same
/// batch, so that all are in place or none is.
pub fn write_identity_with(
    dir: &ClientDir,
    name: &str,
    id: &Identity,
    keep_old: bool,
    extra: Option<(&std::path::Path, &[u8])>,
) -> Result<()> {
    dir.ensure_layout()?;
    let (key_path, cert_path) = (dir.client_key(name), dir.client_cert(name));
    if keep_old {
        for (path, mode) in [(&key_path, 0o600), (&cert_path, 0o644)] {
            if let Some(old) = crate::store::client_dir::read_regular(path)? {
                let mut dot_old = path.clone().into_os_string();
                dot_old.push(".old");
                write_file(std::path::Path::new(&dot_old), &old, mode, true)?;
            }
        }
    }
    // Both staged (written, synced) before either is put in place, so a full disk or a failing
    // sync leaves the old pair whole; the key goes first.
    let key_pem = zeroize::Zeroizing::new(pem::encode("PRIVATE KEY", &id.key_pkcs8));
    let mut batch = Batch::new(true);
    batch.stage(&key_path, key_pem.as_bytes(), 0o600)?;
    batch.stage(
        &cert_path,
        pem::encode("CERTIFICATE", &id.cert).as_bytes(),
        0o644,
    )?;
    if let Some((path, bytes)) = extra {
        batch.stage(path, bytes, 0o600)?;
    }
    batch.commit().map(|_| ())
}

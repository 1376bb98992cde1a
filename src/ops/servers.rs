//! Servers in the client directory: the host names they are registered by, and the
//! Chrystoki.conf kept in step with the registry (addserver, deleteserver, createcert, htl, verify).

use crate::cli::client::ChrystokiArgs;
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::host::{Host, parse_host};
use crate::store::atomic::write_file;
use crate::store::chrystoki;
use crate::store::client_dir::{ClientDir, read_regular};
use crate::store::config::Config;
use anyhow::Result;
use std::path::PathBuf;

/// How soon an expiry is worth a warning (addserver and verify).
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// A host name from the command line, refused (exit 3) before any file is touched.
pub fn checked_host(name: &str) -> Result<Host> {
    parse_host(name).map_err(|e| {
        fail_hint(
            Exit::BadInput,
            e,
            "give the server's DNS name or IP address, as in its certificate",
        )
    })
}

/// The Chrystoki.conf to keep in step: the flag, else ChrystokiConfigurationPath (a
/// directory), else the config file's `chrystoki_conf`.
pub fn chrystoki_path(args: &ChrystokiArgs, cfg: &Config) -> Option<PathBuf> {
    args.chrystoki_conf
        .clone()
        .or_else(|| {
            std::env::var_os("ChrystokiConfigurationPath")
                .filter(|v| !v.is_empty())
                .map(|d| PathBuf::from(d).join("Chrystoki.conf"))
        })
        .or_else(|| cfg.chrystoki_conf.clone())
}

/// Brings Chrystoki.conf (when one is in use) in line with the registry and client identity.
pub fn sync_chrystoki(dir: &ClientDir, args: &ChrystokiArgs, cfg: &Config) -> Result<()> {
    let Some(path) = chrystoki_path(args, cfg) else {
        return Ok(());
    };
    let home = std::fs::canonicalize(dir.home()).unwrap_or_else(|_| dir.home().to_path_buf());
    let abs = |p: PathBuf| home.join(p.strip_prefix(dir.home()).unwrap_or(&p));
    let mut files = vec![("ServerCAFile", abs(dir.ca_file()).display().to_string())];
    if let Some(c) = &cfg.client {
        files.push((
            "ClientCertFile",
            abs(dir.client_cert(c)).display().to_string(),
        ));
        files.push((
            "ClientPrivKeyFile",
            abs(dir.client_key(c)).display().to_string(),
        ));
    }
    let old = read_regular(&path)?;
    let text = match &old {
        Some(b) => String::from_utf8(b.clone()).map_err(|_| {
            fail(
                Exit::BadInput,
                format!("{} is not a text file", path.display()),
            )
        })?,
        None => String::new(),
    };
    let want = chrystoki::Wanted {
        servers: &cfg.server,
        files,
    };
    if let Some(new) = chrystoki::update(&text, &want) {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644);
        write_file(&path, new.as_bytes(), mode, true)?;
    }
    Ok(())
}

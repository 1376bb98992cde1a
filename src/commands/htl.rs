//! `hsmctl htl install` and `htl show`: Host Trust Link one-time tokens, kept as
//! `htl/<server>.ott` (0600) for servers registered with `--htl`.

use super::Ctx;
use crate::cli::client::{HtlInstallArgs, HtlShowArgs};
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::host::same_host;
use crate::ops::servers::checked_host;
use crate::output::Report;
use crate::store::atomic::write_file;
use crate::store::config::ServerEntry;
use crate::store::input::read_input;
use anyhow::Result;
use serde::Serialize;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// One HTL server.
#[derive(Serialize)]
pub struct HtlEntry {
    /// The server.
    pub server: String,
    /// Its token file.
    pub token_file: String,
    /// Whether a token is installed.
    pub installed: bool,
}

/// The HTL servers.
#[derive(Serialize)]
pub struct HtlReport {
    /// One entry per server registered with --htl.
    pub servers: Vec<HtlEntry>,
}

impl Report for HtlReport {
    fn human(&self) -> String {
        if self.servers.is_empty() {
            return "No registered server requires HTL.\n".into();
        }
        self.servers
            .iter()
            .map(|s| {
                format!(
                    "Server: {}  One-time token: {}\n",
                    s.server,
                    if s.installed {
                        s.token_file.as_str()
                    } else {
                        "not installed"
                    }
                )
            })
            .collect()
    }
}

/// `htl install`.
pub fn run_install(ctx: &Ctx, a: &HtlInstallArgs) -> Result<HtlReport> {
    checked_host(&a.name)?;
    let typed = crate::formats::host::as_typed(&a.name);
    let token = Zeroizing::new(read_input(&a.file, "one-time token file")?);
    if token.iter().all(u8::is_ascii_whitespace) {
        return Err(fail(
            Exit::BadInput,
            format!("{} is empty", a.file.display()),
        ));
    }
    let dir = ctx.client_dir_locked()?;
    let cfg = dir.config()?;
    let Some(server) = cfg
        .server
        .iter()
        .find(|s| crate::formats::host::same_host(&s.name, typed))
    else {
        return Err(fail_hint(
            Exit::NotFound,
            format!("server {typed} is not registered"),
            "register it first: hsmctl addserver -n NAME -c CERT --htl",
        ));
    };
    // The token file carries the registered spelling, as the NTL guide's `mv` names it.
    let name = server.name.clone();
    if !server.htl {
        return Err(fail_hint(
            Exit::Usage,
            format!("server {name} is registered without HTL"),
            "register it again with --htl (hsmctl addserver -n NAME -c CERT --htl)",
        ));
    }
    let path = dir.htl_token(&name);
    dir.ensure_layout()?;
    write_file(&path, &token, 0o600, a.force)?;
    Ok(HtlReport {
        servers: vec![HtlEntry {
            server: name,
            token_file: path.display().to_string(),
            installed: true,
        }],
    })
}

/// The one-time token of a registered server: `htl/<name>.ott` in the registered spelling,
/// else one renamed by hand (the NTL guide's `mv myLunaClient.ott ./htl/myLunaSA.ott`) to
/// another spelling of the name, or to a name the server's certificate gives (an appliance
/// registered by IP address, its token named by host name).
pub fn token_of(
    dir: &crate::store::client_dir::ClientDir,
    server: &ServerEntry,
) -> Option<PathBuf> {
    let exact = dir.htl_token(&server.name);
    if exact.is_file() {
        return Some(exact);
    }
    let cert_names: Vec<String> =
        crate::store::client_dir::read_regular(&dir.server_cert(&server.name))
            .ok()
            .flatten()
            .and_then(|b| crate::formats::cert::parse_certificates(&b).ok())
            .and_then(|c| crate::formats::cert::CertSummary::of(&c[0]).ok())
            .map(|s| s.names)
            .unwrap_or_default();
    let htl_dir = exact.parent()?.to_path_buf();
    let mut found: Vec<PathBuf> = std::fs::read_dir(&htl_dir)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            let Some(stem) = p
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".ott"))
            else {
                return false;
            };
            same_host(stem, &server.name) || cert_names.iter().any(|n| same_host(stem, n))
        })
        .collect();
    found.sort();
    found.into_iter().next()
}

/// `htl show`.
pub fn run_show(ctx: &Ctx, _a: &HtlShowArgs) -> Result<HtlReport> {
    let dir = ctx.client_dir()?;
    let cfg = dir.config()?;
    Ok(HtlReport {
        servers: cfg
            .server
            .iter()
            .filter(|s| s.htl)
            .map(|s| {
                let found = token_of(&dir, s);
                HtlEntry {
                    server: s.name.clone(),
                    installed: found.is_some(),
                    token_file: found
                        .unwrap_or_else(|| dir.htl_token(&s.name))
                        .display()
                        .to_string(),
                }
            })
            .collect(),
    })
}

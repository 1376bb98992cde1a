//! `hsmctl htl install` and `htl show`: Host Trust Link one-time tokens, kept as
//! `htl/<server>.ott` (0600) for servers registered with `--htl`.

use super::Ctx;
use super::servers::checked_host;
use crate::cli::client::{HtlInstallArgs, HtlShowArgs};
use crate::exit::{Exit, fail, fail_hint};
use crate::output::Report;
use crate::store::atomic::write_file;
use crate::store::input::read_input;
use anyhow::Result;
use serde::Serialize;
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
    let name = checked_host(&a.name)?.canonical();
    let token = Zeroizing::new(read_input(&a.file, "one-time token file")?);
    if token.iter().all(u8::is_ascii_whitespace) {
        return Err(fail(
            Exit::BadInput,
            format!("{} is empty", a.file.display()),
        ));
    }
    let dir = ctx.client_dir_locked()?;
    let cfg = dir.config()?;
    let Some(server) = cfg.server.iter().find(|s| s.name == name) else {
        return Err(fail_hint(
            Exit::NotFound,
            format!("server {name} is not registered"),
            "register it first: hsmctl addserver -n NAME -c CERT --htl",
        ));
    };
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
                let path = dir.htl_token(&s.name);
                HtlEntry {
                    server: s.name.clone(),
                    installed: path.is_file(),
                    token_file: path.display().to_string(),
                }
            })
            .collect(),
    })
}

//! The home directory (`--home`, `HSMCTL_HOME`, XDG) and `hsmctl.toml`.

use crate::exit::{Exit, fail_hint};
use anyhow::Result;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The settings `hsmctl.toml` may hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The PKCS#11 module to load when neither `--module` nor `HSMCTL_MODULE` is given.
    pub module: Option<PathBuf>,
    /// The client identity `createcert` made (`cert/client/<client>.pem`).
    pub client: Option<String>,
    /// A Luna client configuration to keep in step (Chrystoki.conf).
    pub chrystoki_conf: Option<PathBuf>,
    /// The registered servers, in registration order.
    #[serde(default)]
    pub server: Vec<ServerEntry>,
}

/// One registered server.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServerEntry {
    /// The canonical host name or IP address.
    pub name: String,
    /// The NTLS port.
    #[serde(default = "default_port")]
    pub port: u16,
    /// Whether the server requires a Host Trust Link one-time token.
    #[serde(default)]
    pub htl: bool,
    /// SHA-256 of the server certificate, lowercase hex.
    pub fingerprint: String,
    /// SHA-256 of the further certificates registered with `--chain`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chain: Vec<String>,
}

/// Luna's NTLS port.
pub const DEFAULT_PORT: u16 = 1792;

fn default_port() -> u16 {
    DEFAULT_PORT
}

/// The home directory: `--home`, else `HSMCTL_HOME`, else `$XDG_CONFIG_HOME/hsmctl`,
/// else `~/.config/hsmctl`.
pub fn home_dir(flag: Option<&Path>) -> Option<PathBuf> {
    let nonempty = |v: std::ffi::OsString| (!v.is_empty()).then(|| PathBuf::from(v));
    flag.map(Path::to_path_buf)
        .or_else(|| std::env::var_os("HSMCTL_HOME").and_then(nonempty))
        .or_else(|| {
            std::env::var_os("XDG_CONFIG_HOME")
                .and_then(nonempty)
                .map(|d| d.join("hsmctl"))
        })
        .or_else(|| {
            std::env::var_os("HOME")
                .and_then(nonempty)
                .map(|h| h.join(".config/hsmctl"))
        })
}

/// Reads `hsmctl.toml` from the home directory; a missing file is an empty config.
pub fn load(home: Option<&Path>) -> Result<(Config, Option<PathBuf>)> {
    let Some(path) = home.map(|h| h.join("hsmctl.toml")) else {
        return Ok((Config::default(), None));
    };
    let Some(text) = read_text(&path)? else {
        return Ok((Config::default(), None));
    };
    Ok((parse(&text, &path)?, Some(path)))
}

/// A config file's text; None when it does not exist. A symlink is refused, never followed,
/// like every other file of the home.
pub fn read_text(path: &Path) -> Result<Option<String>> {
    let Some(bytes) = super::client_dir::read_regular(path)? else {
        return Ok(None);
    };
    String::from_utf8(bytes).map(Some).map_err(|_| {
        fail_hint(
            Exit::BadInput,
            format!("{} is not UTF-8 text", path.display()),
            "hsmctl.toml is TOML text; fix or remove it",
        )
    })
}

/// Parses config text read from `path`, with the same checks on the names it holds as on
/// names from the command line: a client or server name becomes a file name in the home.
pub fn parse(text: &str, path: &Path) -> Result<Config> {
    let config = parse_toml(text, path)?;
    let bad = |what: String| {
        fail_hint(
            Exit::BadInput,
            format!("{}: {what}", path.display()),
            "edit hsmctl.toml and fix or remove that entry (hsmctl refuses to work from a registry it \
             cannot trust, so its own commands cannot rewrite it)",
        )
    };
    if let Some(c) = &config.client {
        crate::formats::host::parse_host(c).map_err(|e| bad(format!("client: {e}")))?;
    }
    for s in &config.server {
        let host = crate::formats::host::parse_host(&s.name)
            .map_err(|e| bad(format!("[[server]] name: {e}")))?;
        if host.canonical() != s.name {
            return Err(bad(format!(
                "[[server]] name '{}' is not in canonical form ('{}')",
                s.name,
                host.canonical()
            )));
        }
        if s.port == 0 {
            return Err(bad(format!("[[server]] '{}' has port 0", s.name)));
        }
        let hex64 = |f: &str| f.len() == 64 && f.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex64(&s.fingerprint) || !s.chain.iter().all(|f| hex64(f)) {
            return Err(bad(format!(
                "[[server]] '{}' has a fingerprint that is not 64 hex digits",
                s.name
            )));
        }
    }
    Ok(config)
}

fn parse_toml(text: &str, path: &Path) -> Result<Config> {
    toml::from_str(text).map_err(|e| {
        fail_hint(
            Exit::BadInput,
            format!(
                "{} is not a valid hsmctl config: {}",
                path.display(),
                e.message()
            ),
            "the file takes `module = \"/path/to/module.so\"`, `client = \"NAME\"`, \
             `chrystoki_conf = \"PATH\"` and [[server]] tables",
        )
    })
}

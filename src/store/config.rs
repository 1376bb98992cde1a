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
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Config::default(), None)),
        Err(e) => {
            return Err(fail_hint(
                Exit::Io,
                format!("cannot read {}: {e}", path.display()),
                "fix its permissions, or point --home elsewhere",
            ));
        }
    };
    let config = toml::from_str(&text).map_err(|e| {
        fail_hint(
            Exit::BadInput,
            format!(
                "{} is not a valid hsmctl config: {}",
                path.display(),
                e.message()
            ),
            "the file takes `module = \"/path/to/module.so\"`",
        )
    })?;
    Ok((config, Some(path)))
}

//! Which PKCS#11 module to load: flag, URI, environment, config file, then the system defaults.

use super::error::{HsmError, HsmResult};
use std::fmt;
use std::path::{Path, PathBuf};

/// p11-kit's proxy, which loads every module registered with p11-kit.
const P11KIT_PROXY: &[&str] = &[
    "/usr/lib/x86_64-linux-gnu/p11-kit-proxy.so",
    "/usr/lib/aarch64-linux-gnu/p11-kit-proxy.so",
    "/usr/lib64/p11-kit-proxy.so",
    "/usr/lib/p11-kit-proxy.so",
];

/// Where SoftHSM2 installs its module on the common distributions.
const SOFTHSM2: &[&str] = &[
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib64/pkcs11/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
];

/// Where the module path came from; `-v` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModuleSource {
    /// `--module PATH`.
    Flag,
    /// `module-path` in a `pkcs11:` URI.
    Uri,
    /// The `HSMCTL_MODULE` environment variable.
    Env,
    /// `module = ...` in the config file at this path.
    Config(PathBuf),
    /// The p11-kit proxy found at a default location.
    P11KitProxy,
    /// The SoftHSM2 library found at a default location.
    SoftHsm2,
}

impl fmt::Display for ModuleSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModuleSource::Flag => f.write_str("--module"),
            ModuleSource::Uri => f.write_str("module-path in the pkcs11: URI"),
            ModuleSource::Env => f.write_str("HSMCTL_MODULE"),
            ModuleSource::Config(p) => write!(f, "module in {}", p.display()),
            ModuleSource::P11KitProxy => f.write_str("default: p11-kit proxy"),
            ModuleSource::SoftHsm2 => f.write_str("default: SoftHSM2"),
        }
    }
}

/// The candidates, in order of precedence; the first one present wins.
#[derive(Debug, Default)]
pub struct ModuleChoice {
    /// `--module`.
    pub flag: Option<PathBuf>,
    /// `module-path` from `--uri`.
    pub uri: Option<PathBuf>,
    /// `HSMCTL_MODULE` (empty counts as unset).
    pub env: Option<PathBuf>,
    /// The config file's `module`, with the config file's path.
    pub config: Option<(PathBuf, PathBuf)>,
}

/// Picks the module file and checks that it is a file that can be given to `dlopen`.
///
/// Paths are always made absolute: a bare name would make `dlopen` search the library path,
/// loading something other than what the user named.
pub fn resolve_module(choice: ModuleChoice) -> HsmResult<(PathBuf, ModuleSource)> {
    let explicit = [
        (choice.flag, ModuleSource::Flag),
        (choice.uri, ModuleSource::Uri),
        (choice.env, ModuleSource::Env),
    ]
    .into_iter()
    .filter_map(|(p, s)| p.map(|p| (p, s)))
    .chain(choice.config.map(|(m, cfg)| (m, ModuleSource::Config(cfg))))
    .next();
    if let Some((path, source)) = explicit {
        return Ok((check_file(&path)?, source));
    }
    let defaults = P11KIT_PROXY
        .iter()
        .map(|p| (p, ModuleSource::P11KitProxy))
        .chain(SOFTHSM2.iter().map(|p| (p, ModuleSource::SoftHsm2)));
    for (path, source) in defaults {
        if Path::new(path).is_file() {
            return Ok((PathBuf::from(path), source));
        }
    }
    Err(HsmError::NoModule {
        searched: P11KIT_PROXY
            .iter()
            .chain(SOFTHSM2)
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
    })
}

fn check_file(path: &Path) -> HsmResult<PathBuf> {
    let load_err = |reason: String| HsmError::Load {
        path: path.to_path_buf(),
        reason,
    };
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| load_err(format!("cannot read the current directory: {e}")))?
            .join(path)
    };
    let meta = std::fs::metadata(&absolute).map_err(|e| {
        load_err(if path.is_absolute() {
            format!("{e}")
        } else {
            format!(
                "{e} (relative paths resolve against the current directory, not the library path)"
            )
        })
    })?;
    if !meta.is_file() {
        return Err(load_err("not a regular file".into()));
    }
    Ok(absolute)
}

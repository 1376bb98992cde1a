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
        return Ok((check_file(&by_name(&path).unwrap_or(path))?, source));
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

/// Where p11-kit keeps module configurations (pkcs11.conf(5)), the user's first.
fn p11kit_module_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        dirs.push(PathBuf::from(home).join(".config/pkcs11/modules"));
    }
    dirs.push(PathBuf::from("/etc/pkcs11/modules"));
    dirs.push(PathBuf::from("/usr/share/p11-kit/modules"));
    dirs
}

/// The directory p11-kit resolves relative `module:` paths in.
const P11KIT_MODULE_PATH: &str = "/usr/lib/x86_64-linux-gnu/pkcs11";

/// A p11-kit module name (`softhsm2`, `opensc-pkcs11`: a word with no `/` and no `.so`)
/// resolved through the `module:` line of its `<name>.module` file; None for a path.
pub fn by_name(name: &Path) -> Option<PathBuf> {
    let text = name.to_str()?;
    if text.is_empty() || text.contains('/') || text.contains(".so") || text.starts_with('.') {
        return None;
    }
    for dir in p11kit_module_dirs() {
        let Ok(conf) = std::fs::read_to_string(dir.join(format!("{text}.module"))) else {
            continue;
        };
        let module = conf.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            (k.trim() == "module").then(|| PathBuf::from(v.trim()))
        })?;
        return Some(if module.is_absolute() {
            module
        } else {
            Path::new(P11KIT_MODULE_PATH).join(module)
        });
    }
    None
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

//! The client directory (the home, in the Luna client's layout): server certificates and their
//! bundle, the client identity, HTL tokens, and the server registry in `hsmctl.toml`. Every
//! change happens under one lock on a sidecar lock file, re-reads what it changes under that
//! lock, and writes each file atomically, in an order that a rerun completes after a crash.

use super::atomic::write_file;
use super::config::{self, Config, ServerEntry};
use super::lock::StoreLock;
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::bundle::Bundle;
use anyhow::Result;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The home directory, locked for changes.
pub struct ClientDir {
    home: PathBuf,
    // Held for the life of the value; released when it is dropped or the process dies.
    _lock: Option<StoreLock>,
}

fn io(what: &str, p: &Path, e: std::io::Error) -> anyhow::Error {
    fail(Exit::Io, format!("cannot {what} {}: {e}", p.display()))
}

fn home_or_fail(flag: Option<&Path>) -> Result<PathBuf> {
    config::home_dir(flag).ok_or_else(|| {
        fail_hint(
            Exit::Usage,
            "no home directory",
            "give --home DIR or set HSMCTL_HOME",
        )
    })
}

impl ClientDir {
    /// The directory for reading only: no lock, nothing created.
    pub fn read_only(flag: Option<&Path>) -> Result<ClientDir> {
        Ok(ClientDir {
            home: home_or_fail(flag)?,
            _lock: None,
        })
    }

    /// The directory locked for a change (stale temp files of a crashed run removed). Nothing
    /// is created in the home until something is written ([`ClientDir::ensure_layout`]), so a
    /// refused change leaves it as it was: the lock lives in the per-user runtime directory,
    /// keyed by the home's path. Exit 10 when another process holds it longer than `timeout`.
    pub fn lock(flag: Option<&Path>, timeout: Duration) -> Result<ClientDir> {
        let home = home_or_fail(flag)?;
        if home.exists() && !home.is_dir() {
            return Err(fail_hint(
                Exit::Usage,
                format!("the home {} is not a directory", home.display()),
                "give --home (or HSMCTL_HOME) a directory, or a path that does not exist yet",
            ));
        }
        let abs = std::path::absolute(&home).unwrap_or_else(|_| home.clone());
        let abs = std::fs::canonicalize(&abs).unwrap_or(abs);
        let key: String = abs
            .to_string_lossy()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let key = format!("client-dir{}", &key[key.len().saturating_sub(180)..]);
        let lock = StoreLock::open_runtime(&key, timeout)?;
        lock.acquire()?;
        let dir = ClientDir {
            home,
            _lock: Some(lock),
        };
        dir.remove_stale_temps();
        Ok(dir)
    }

    /// Creates the home's folders (Luna's layout) before the first write of a change.
    pub fn ensure_layout(&self) -> Result<()> {
        for (dir, mode) in [
            (self.home.clone(), 0o700),
            (self.home.join("cert/server"), 0o755),
            (self.home.join("cert/client"), 0o700),
            (self.home.join("htl"), 0o700),
        ] {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(mode)
                .create(&dir)
                .map_err(|e| io("create", &dir, e))?;
        }
        Ok(())
    }

    /// The home directory.
    pub fn home(&self) -> &Path {
        &self.home
    }

    /// `cert/server/<name>Cert.pem`.
    pub fn server_cert(&self, name: &str) -> PathBuf {
        self.home.join(format!("cert/server/{name}Cert.pem"))
    }

    /// `cert/server/CAFile.pem`.
    pub fn ca_file(&self) -> PathBuf {
        self.home.join("cert/server/CAFile.pem")
    }

    /// `cert/client/<name>.pem`.
    pub fn client_cert(&self, name: &str) -> PathBuf {
        self.home.join(format!("cert/client/{name}.pem"))
    }

    /// `cert/client/<name>Key.pem`.
    pub fn client_key(&self, name: &str) -> PathBuf {
        self.home.join(format!("cert/client/{name}Key.pem"))
    }

    /// `htl/<server>.ott`.
    pub fn htl_token(&self, server: &str) -> PathBuf {
        self.home.join(format!("htl/{server}.ott"))
    }

    /// `hsmctl.toml`.
    pub fn config_path(&self) -> PathBuf {
        self.home.join("hsmctl.toml")
    }

    /// The registry and settings (empty when there is no config file).
    pub fn config(&self) -> Result<Config> {
        match config::read_text(&self.config_path())? {
            Some(t) => config::parse(&t, &self.config_path()),
            None => Ok(Config::default()),
        }
    }

    /// Writes the registry and the client name into `hsmctl.toml`, keeping every other line of
    /// the file (comments, `module = ...`) as it was.
    pub fn write_registry(&self, servers: &[ServerEntry], client: Option<&str>) -> Result<()> {
        self.ensure_layout()?;
        let path = self.config_path();
        let text = config::read_text(&path)?.unwrap_or_default();
        let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| {
            fail(
                Exit::BadInput,
                format!("{} is not valid TOML: {e}", path.display()),
            )
        })?;
        match client {
            Some(c) => doc["client"] = toml_edit::value(c),
            None => {
                doc.remove("client");
            }
        }
        let mut tables = toml_edit::ArrayOfTables::new();
        for s in servers {
            let mut t = toml_edit::Table::new();
            t["name"] = toml_edit::value(s.name.as_str());
            t["port"] = toml_edit::value(i64::from(s.port));
            t["htl"] = toml_edit::value(s.htl);
            t["fingerprint"] = toml_edit::value(s.fingerprint.as_str());
            if !s.chain.is_empty() {
                t["chain"] = toml_edit::value(s.chain.iter().collect::<toml_edit::Array>());
            }
            tables.push(t);
        }
        if tables.is_empty() {
            doc.remove("server");
        } else {
            doc["server"] = toml_edit::Item::ArrayOfTables(tables);
        }
        let out = doc.to_string();
        // What is written must read back as a valid config.
        config::parse(&out, &path)?;
        if out != text {
            write_file(&path, out.as_bytes(), 0o600, true)?;
        }
        Ok(())
    }

    /// The bundle as it is on disk (an empty one when there is no file).
    pub fn read_bundle(&self) -> Result<Bundle> {
        Ok(match read_regular(&self.ca_file())? {
            Some(b) => Bundle::parse(&b),
            None => Bundle::default(),
        })
    }

    /// Writes the bundle as canonical PEM (also repairing a missing final newline).
    pub fn write_bundle(&self, bundle: &Bundle) -> Result<()> {
        self.ensure_layout()?;
        let out = bundle.render();
        if read_regular(&self.ca_file())?.as_deref() != Some(out.as_bytes()) {
            write_file(&self.ca_file(), out.as_bytes(), 0o644, true)?;
        }
        Ok(())
    }

    /// Temp files left by a run that was killed mid-write (`.<name>.tmp-<pid>-<n>`). Safe to
    /// remove: only lock holders write in these folders.
    fn remove_stale_temps(&self) {
        for dir in [
            self.home.clone(),
            self.home.join("cert/server"),
            self.home.join("cert/client"),
            self.home.join("htl"),
        ] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name();
                let name = name.to_string_lossy();
                if name.starts_with('.') && name.contains(".tmp-") {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
}

/// A file's bytes when it is a regular file; None when it does not exist. A symlink or other
/// non-regular file planted at a path hsmctl owns is refused, never followed.
pub fn read_regular(path: &Path) -> Result<Option<Vec<u8>>> {
    use std::io::Read;
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path);
    let mut f = match f {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(fail_hint(
                Exit::BadInput,
                format!("{} is a symbolic link", path.display()),
                "hsmctl does not follow links in its home; remove it",
            ));
        }
        Err(e) => return Err(io("read", path, e)),
    };
    let meta = f.metadata().map_err(|e| io("read", path, e))?;
    if !meta.is_file() {
        return Err(fail(
            Exit::BadInput,
            format!("{} is not a regular file", path.display()),
        ));
    }
    let mut buf = Vec::new();
    f.by_ref()
        .take(super::input::MAX_INPUT * 16 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| io("read", path, e))?;
    Ok(Some(buf))
}

/// Removes a file if it is there.
pub fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => {
            if let Some(d) = path.parent().and_then(|d| std::fs::File::open(d).ok()) {
                let _ = d.sync_all();
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io("remove", path, e)),
    }
}

//! The token-store lock. SoftHSM2's file store breaks under concurrent processes, and not only
//! with writers: measured here, 3 of 40 keygens from 8 processes failed in C_GetSlotList,
//! C_GetTokenInfo or C_Login, and 18 of 80 `list` runs from 8 processes failed with no writer
//! at all. So every command that loads a module holds this lock exclusively from before
//! C_Initialize to after C_Finalize (runs take milliseconds), letting go only while it waits
//! for a person at a PIN prompt. The key is the store (for SoftHSM2 its token directory,
//! whichever module path reaches it): a token's serial is not known before the module is read.

use crate::exit::{Exit, fail, fail_hint};
use anyhow::Result;
use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A lock file held exclusively (see the header); let go by `release`, when dropped, or when
/// the process dies.
pub struct StoreLock {
    file: File,
    path: PathBuf,
    timeout: Duration,
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Where store locks live: a per-user runtime directory, the same whatever the home, so that
/// runs with different homes (or a read-only one) still exclude each other on one store:
/// `$XDG_RUNTIME_DIR/hsmctl-locks`, else `/tmp/hsmctl-locks-<uid>`.
fn runtime_lock_dir() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        Some(d) => PathBuf::from(d).join("hsmctl-locks"),
        // /tmp itself, not TMPDIR: processes with different TMPDIRs must still share one lock.
        None => PathBuf::from(format!("/tmp/hsmctl-locks-{}", crate::sys::uid())),
    }
}

/// The token directory a SoftHSM2 configuration names (`directories.tokendir`), resolved.
fn softhsm_token_dir() -> Option<PathBuf> {
    let conf = std::env::var_os("SOFTHSM2_CONF")
        .filter(|c| !c.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/etc/softhsm/softhsm2.conf"));
    let text = std::fs::read_to_string(&conf).ok()?;
    let dir = text.lines().find_map(|l| {
        let (k, v) = l.split_once('=')?;
        (k.trim() == "directories.tokendir").then(|| PathBuf::from(v.trim()))
    })?;
    Some(std::fs::canonicalize(&dir).unwrap_or(dir))
}

/// What a module's lock protects: for SoftHSM2, and for p11-kit's proxy (which loads the
/// registered SoftHSM2 with the same environment), SoftHSM2's token directory, so that two
/// runs reaching one store through different module paths share one lock; for any other
/// module, the module file itself.
fn store_key(module: &Path) -> String {
    // The same module reached by two paths (symlinks) must share one lock.
    let given = module;
    let module = std::fs::canonicalize(module).unwrap_or_else(|_| module.to_path_buf());
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default()
    };
    // p11-kit-proxy.so is a link to libp11-kit.so: either name counts.
    let reaches_softhsm = [name(given), name(&module)]
        .iter()
        .any(|n| n.contains("softhsm") || n.contains("p11-kit"));
    match softhsm_token_dir().filter(|_| reaches_softhsm) {
        Some(dir) => format!("softhsm2{}", sanitize(&dir.to_string_lossy())),
        None => sanitize(&module.to_string_lossy()),
    }
}

impl StoreLock {
    /// Opens the lock file of the token store a module reaches (creating it) without locking
    /// it yet.
    pub fn open(module: &Path, timeout: Duration) -> Result<StoreLock> {
        let mut key = store_key(module);
        // Long paths would exceed NAME_MAX: keep the readable tail.
        if key.len() > 200 {
            key = key[key.len() - 200..].to_string();
        }
        Self::open_runtime(&key, timeout)
    }

    /// Opens (creating) the lock file `<key>.lock` in the per-user runtime lock directory.
    pub fn open_runtime(key: &str, timeout: Duration) -> Result<StoreLock> {
        let dir = runtime_lock_dir();
        let lock = Self::open_file(&dir, key, timeout)?;
        // A directory in /tmp could have been made by another user to watch or block us.
        crate::sys::owned_private_dir(&dir).map_err(|why| {
            fail_hint(
                Exit::Io,
                format!("the lock directory {} {why}", dir.display()),
                "remove it, or set XDG_RUNTIME_DIR to a private directory",
            )
        })?;
        Ok(lock)
    }

    /// Opens (creating) the lock file `<dir>/<key>.lock` without locking it yet.
    pub fn open_file(dir: &Path, key: &str, timeout: Duration) -> Result<StoreLock> {
        let io = |what: &str, p: &Path, e: std::io::Error| {
            fail_hint(
                Exit::Io,
                format!("cannot {what} {}: {e}", p.display()),
                "check --home (or HSMCTL_HOME)",
            )
        };
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| io("create the lock directory", dir, e))?;
        let path = dir.join(format!("{key}.lock"));
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(&path)
            .map_err(|e| io("open the lock file", &path, e))?;
        Ok(StoreLock {
            file,
            path,
            timeout,
        })
    }

    /// Waits for the lock (exit 10 after the timeout).
    pub fn acquire(&self) -> Result<()> {
        let deadline = Instant::now() + self.timeout;
        loop {
            match self.file.try_lock() {
                Ok(()) => return Ok(()),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(fail_hint(
                        Exit::Lock,
                        format!(
                            "another hsmctl process has held {} for {}s",
                            self.path.display(),
                            self.timeout.as_secs()
                        ),
                        "wait for it to finish, or raise --lock-timeout",
                    ));
                }
                Err(TryLockError::Error(e)) => {
                    return Err(fail(
                        Exit::Io,
                        format!("cannot lock {}: {e}", self.path.display()),
                    ));
                }
            }
        }
    }

    /// Lets go while this process waits for a person (a PIN prompt, a confirmation).
    pub fn release(&self) {
        let _ = self.file.unlock();
    }
}

//! The token-store lock. SoftHSM2's file store breaks under concurrent processes, and not only
//! with writers: measured here, 3 of 40 keygens from 8 processes failed in C_GetSlotList,
//! C_GetTokenInfo or C_Login, and 18 of 80 `list` runs from 8 processes failed with no writer
//! at all. So every command that loads a module holds this lock exclusively from before
//! C_Initialize to after C_Finalize (runs take milliseconds), letting go only while it waits
//! for a person at a PIN prompt. The key is the module and, for SoftHSM2, the store it is
//! configured with (SOFTHSM2_CONF): a token's serial is not known before the module is read.

use crate::exit::{Exit, fail, fail_hint};
use anyhow::Result;
use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A lock file held shared or exclusive; released when dropped or when the process dies.
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

/// Where lock files live: `<home>/locks`, else a per-user directory under the temp dir.
fn lock_dir(home: Option<&Path>) -> PathBuf {
    match home {
        Some(h) => h.join("locks"),
        // SAFETY: getuid cannot fail.
        None => std::env::temp_dir().join(format!("hsmctl-locks-{}", unsafe { libc::getuid() })),
    }
}

impl StoreLock {
    /// Opens the lock file of a module's token store (creating it) without locking it yet.
    pub fn open(home: Option<&Path>, module: &Path, timeout: Duration) -> Result<StoreLock> {
        // The same module reached by two paths (symlinks) must share one lock.
        let module = std::fs::canonicalize(module).unwrap_or_else(|_| module.to_path_buf());
        let mut key = sanitize(&module.to_string_lossy());
        if let Some(conf) = std::env::var_os("SOFTHSM2_CONF") {
            key.push('+');
            key.push_str(&sanitize(&conf.to_string_lossy()));
        }
        // Long paths would exceed NAME_MAX: keep the readable tail.
        if key.len() > 200 {
            key = key[key.len() - 200..].to_string();
        }
        Self::open_file(&lock_dir(home), &key, timeout)
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

//! Per-token advisory locks: SoftHSM2's file store loses concurrent writers, so every token
//! mutation (keygen, delete, setattribute) holds an exclusive lock keyed by module and serial.

use crate::exit::{Exit, fail, fail_hint};
use anyhow::Result;
use std::fs::{File, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Held while a token is being changed; released on drop (or when the process dies).
pub struct TokenLock {
    _file: File,
}

fn sanitize(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect()
}

/// Where lock files live: `<home>/locks`, else a per-user directory under the temp dir.
fn lock_dir(home: Option<&Path>) -> PathBuf {
    match home {
        Some(h) => h.join("locks"),
        None => std::env::temp_dir().join(format!("hsmctl-locks-{}", unsafe { libc::getuid() })),
    }
}

/// Takes the lock of one token, waiting at most `timeout` (exit 10 after that).
pub fn lock_token(home: Option<&Path>, module: &Path, serial: &str, timeout: Duration) -> Result<TokenLock> {
    let dir = lock_dir(home);
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(&dir).map_err(|e| {
        fail_hint(Exit::Io, format!("cannot create the lock directory {}: {e}", dir.display()), "check --home")
    })?;
    // The same module reached by two paths (symlinks) must share one lock.
    let module = std::fs::canonicalize(module).unwrap_or_else(|_| module.to_path_buf());
    let path = dir.join(format!("{}-{}.lock", sanitize(&module.to_string_lossy()), sanitize(serial)));
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&path)
        .map_err(|e| fail_hint(Exit::Io, format!("cannot open the lock file {}: {e}", path.display()), "check --home"))?;
    let deadline = Instant::now() + timeout;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(TokenLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(fail_hint(
                    Exit::Lock,
                    format!("token {serial} is locked by another hsmctl process (waited {}s)", timeout.as_secs()),
                    format!("wait for it to finish, or raise --lock-timeout; lock file {}", path.display()),
                ));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(fail(Exit::Io, format!("cannot lock {}: {e}", path.display())));
            }
        }
    }
}

//! Atomic file writes: a temp file in the same directory (mode set explicitly, never from the
//! umask), written and synced, then linked into place (no overwrite: an existing file, or a
//! symlink planted there, is a conflict) or renamed over the target with `--force`; then the
//! directory is synced. A batch syncs once for all its files. Readers see the old file or the
//! new one, never a part.

use crate::exit::{Exit, Failure, fail_hint};
use anyhow::Result;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Temp files (staged files and kept old versions) that exist right now: removed by the
/// interrupt handler, so that SIGINT or SIGTERM mid-batch leaves none behind.
static LIVE: std::sync::LazyLock<std::sync::Mutex<std::collections::HashSet<PathBuf>>> =
    std::sync::LazyLock::new(Default::default);

fn live_add(p: &Path) {
    guard_interrupts();
    if let Ok(mut l) = LIVE.lock() {
        l.insert(p.to_path_buf());
    }
}

fn live_remove(p: &Path) {
    if let Ok(mut l) = LIVE.lock() {
        l.remove(p);
    }
}

/// Set in the signal handler itself: the sweeping thread may not have run yet when a batch is
/// about to put its files in place (on a busy machine it had not, and the batch finished).
static INTERRUPTED: std::sync::LazyLock<std::sync::Arc<std::sync::atomic::AtomicBool>> =
    std::sync::LazyLock::new(Default::default);

/// Waits for the sweeping thread's exit once a signal has come: nothing more is put in place.
fn stop_if_interrupted() {
    if INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst) {
        loop {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

/// On the first temp file, a thread waits for SIGINT, SIGTERM and SIGHUP; on one, it removes
/// the live temp files and exits 128 + the signal (130 for SIGINT, 143 for SIGTERM), as the
/// shell would report the signal. (Started lazily: by then PINs have been read, and the
/// environment is no longer changed.)
fn guard_interrupts() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        // Only with the sweeping thread there: a batch that stops waits for its exit.
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            let _ = signal_hook::flag::register(sig, INTERRUPTED.clone());
        }
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                // The lock is held by the main thread only for a push or a removal; once taken
                // here it is kept, so no new temp file is recorded after the sweep.
                let live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
                for p in live.iter() {
                    let _ = std::fs::remove_file(p);
                }
                let name = match sig {
                    SIGINT => "SIGINT",
                    SIGTERM => "SIGTERM",
                    _ => "SIGHUP",
                };
                eprintln!(
                    "hsmctl: interrupted by {name}: {} unfinished file(s) removed; files already \
                     in place stay, and a rerun completes the rest",
                    live.len()
                );
                std::process::exit(128 + sig);
            }
        });
    });
}

fn io_fail(what: &str, path: &Path, e: std::io::Error) -> anyhow::Error {
    Failure::new(Exit::Io, format!("cannot {what} {}: {e}", path.display())).into()
}

fn conflict(path: &Path) -> anyhow::Error {
    fail_hint(
        Exit::Conflict,
        format!("{} already exists", path.display()),
        "pass --force to replace it",
    )
}

/// Temp files in `dir` left by hsmctl runs that were killed mid-write
/// (`.<name>.tmp-<pid>-<n>` of a process that no longer exists), as (name, path). A batch reads
/// each directory once and removes those of a target when it writes that target again, so a
/// rerun leaves none; bulk signing stages thousands of files into one directory.
fn dead_temps(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let file = e.file_name();
            let (name, rest) = file.to_str()?.strip_prefix('.')?.rsplit_once(".tmp-")?;
            let pid = rest.split('-').next()?.parse::<i32>().ok()?;
            let gone = crate::sys::process_gone(pid);
            gone.then(|| (name.to_string(), e.path()))
        })
        .collect()
}

/// A hard link to `target`'s current file under a temp name beside `tmp` (a name
/// `dead_temps` finds if this process dies), or None when there is none to keep.
fn backup(tmp: &Path, target: &Path) -> Option<PathBuf> {
    if !target.symlink_metadata().ok()?.is_file() {
        return None;
    }
    let mut name = tmp.file_name()?.to_os_string();
    name.push("-old");
    let b = tmp.with_file_name(name);
    live_add(&b);
    match std::fs::hard_link(target, &b) {
        Ok(()) => Some(b),
        Err(_) => {
            live_remove(&b);
            None
        }
    }
}

/// Removes a temp file and forgets it.
fn discard(p: &Path) {
    let _ = std::fs::remove_file(p);
    live_remove(p);
}

/// Files staged in temp files, put in place together by [`Batch::commit`].
#[derive(Default)]
pub struct Batch {
    staged: Vec<(PathBuf, PathBuf)>,
    force: bool,
    // Killed runs' temp files, per directory read so far.
    dead: std::collections::HashMap<PathBuf, Vec<(String, PathBuf)>>,
}

impl Batch {
    /// A batch; with `force`, a target that is a regular file is replaced (anything else at a
    /// target is refused when it is staged; see `replaceable`).
    pub fn new(force: bool) -> Self {
        Batch {
            staged: Vec::new(),
            force,
            dead: Default::default(),
        }
    }

    /// Writes `bytes` to a temp file beside `path` with `mode` (refusing an existing target
    /// now unless forced, so a conflict is found before anything is written).
    pub fn stage(&mut self, path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
        replaceable(path, self.force)?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path.file_name().ok_or_else(|| {
            fail_hint(
                Exit::Usage,
                format!("{} names no file", path.display()),
                "give a file path",
            )
        })?;
        let dead = self
            .dead
            .entry(dir.clone())
            .or_insert_with(|| dead_temps(&dir));
        dead.retain(|(n, p)| {
            let mine = *n == *name.to_string_lossy();
            if mine {
                let _ = std::fs::remove_file(p);
            }
            !mine
        });
        let tmp = dir.join(format!(
            ".{}.tmp-{}-{}",
            name.to_string_lossy(),
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        // Recorded before it exists: an interrupt between the two leaves nothing.
        live_add(&tmp);
        let result = (|| -> std::io::Result<()> {
            let mut f = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
                .open(&tmp)?;
            // The umask may have narrowed or (with 000) not touched the mode: set it exactly.
            f.set_permissions(std::fs::Permissions::from_mode(mode))?;
            f.write_all(bytes)?;
            Ok(())
        })();
        if let Err(e) = result {
            discard(&tmp);
            // Named by the file asked for: the temp name means nothing to the user.
            return Err(io_fail("write", path, e));
        }
        self.staged.push((tmp, path.to_path_buf()));
        Ok(())
    }

    /// Syncs every staged file once, puts each in place, syncs the directories. On the first
    /// failure the remaining temp files are removed; files already in place stay.
    pub fn commit(mut self) -> Result<Vec<PathBuf>> {
        // Until a file is placed, the temp files stay listed in `self.staged`, so that an
        // error here (a failed sync) leaves none behind when the batch is dropped.
        if let Some((first, _)) = self.staged.first() {
            // One syncfs for the whole batch instead of an fsync per file.
            let f = File::open(first).map_err(|e| io_fail("open", first, e))?;
            if self.staged.len() == 1 {
                f.sync_all().map_err(|e| io_fail("sync", first, e))?;
            } else {
                crate::sys::syncfs(&f).map_err(|e| io_fail("sync the file system of", first, e))?;
            }
        }
        stop_if_interrupted();
        let staged = std::mem::take(&mut self.staged);
        // Files of a batch belong together (a key and its certificate): the old ones are kept
        // under temp names until every new one is in place, so that a failure half-way puts
        // the old set back instead of leaving a mix.
        let backups: Vec<Option<PathBuf>> = if staged.len() > 1 {
            staged
                .iter()
                .map(|(tmp, target)| backup(tmp, target))
                .collect()
        } else {
            vec![None; staged.len()]
        };
        let mut done = Vec::new();
        let mut dirs: Vec<PathBuf> = Vec::new();
        let mut iter = staged.into_iter();
        for (tmp, target) in iter.by_ref() {
            let placed = if self.force {
                std::fs::rename(&tmp, &target).map_err(|e| io_fail("replace", &target, e))
            } else {
                match std::fs::hard_link(&tmp, &target) {
                    Ok(()) => Ok(()),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        Err(conflict(&target))
                    }
                    Err(e) => Err(io_fail("create", &target, e)),
                }
            };
            // After a rename the temp name is gone; after a link (or a failure) it is not.
            if self.force && placed.is_ok() {
                live_remove(&tmp);
            } else {
                discard(&tmp);
            }
            if let Err(e) = placed {
                self.staged = iter.collect();
                for (i, placed) in done.iter().enumerate() {
                    match &backups[i] {
                        Some(b) => {
                            let _ = std::fs::rename(b, placed);
                        }
                        None => {
                            let _ = std::fs::remove_file(placed);
                        }
                    }
                }
                for b in backups.iter().flatten() {
                    discard(b);
                }
                return Err(e);
            }
            let dir = tmp.parent().map(Path::to_path_buf).unwrap_or_default();
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
            done.push(target);
        }
        for b in backups.iter().flatten() {
            discard(b);
        }
        for d in dirs {
            if let Ok(f) = File::open(&d) {
                f.sync_all()
                    .map_err(|e| io_fail("sync the directory", &d, e))?;
            }
        }
        Ok(done)
    }
}

impl Drop for Batch {
    /// Temp files of a batch that was not committed (an error, an early return) are removed.
    fn drop(&mut self) {
        for (tmp, _) in &self.staged {
            discard(tmp);
        }
    }
}

fn not_a_file(path: &Path) -> anyhow::Error {
    let what = match path.symlink_metadata() {
        Ok(m) if m.file_type().is_symlink() => "is a symbolic link",
        _ => "is not a regular file",
    };
    fail_hint(
        Exit::Usage,
        format!("{} exists and {what}", path.display()),
        "--force replaces only regular files; give another path",
    )
}

/// Where a user's `-o` sends its bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Destination {
    /// `-o -`: standard output.
    Stdout,
    /// An existing FIFO, character device or socket (`/dev/stdout`, `>(cmd)`): written in
    /// place, as a shell redirect would, never renamed over.
    InPlace,
    /// A file, written atomically.
    File,
}

/// Classifies an `-o` path (following a symlink, as a redirect does: `/dev/stdout` is one).
pub fn destination(path: &Path) -> Result<Destination> {
    use std::os::unix::fs::FileTypeExt;
    // The names of standard output: a write "in place" through the link would be the same,
    // but a --force must never rename a file over /dev/stdout.
    if matches!(
        path.to_str(),
        Some("-" | "/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1")
    ) {
        return Ok(Destination::Stdout);
    }
    Ok(match std::fs::metadata(path) {
        Ok(m) if m.file_type().is_fifo() || m.file_type().is_char_device() => Destination::InPlace,
        Ok(m) if m.file_type().is_socket() => Destination::InPlace,
        Ok(m) if m.is_dir() => {
            return Err(fail_hint(
                Exit::Usage,
                format!("{} is a directory", path.display()),
                "give a file path for -o",
            ));
        }
        Ok(m) if m.file_type().is_block_device() => {
            return Err(fail_hint(
                Exit::Usage,
                format!("{} is a block device", path.display()),
                "give a file path for -o",
            ));
        }
        _ => Destination::File,
    })
}

/// Checks a user's `-o` target before any work is done (before the token is touched): a file
/// that exists needs `force`, and `force` replaces only a regular file.
pub fn check_output(out: Option<&Path>, force: bool) -> Result<()> {
    let Some(path) = out else { return Ok(()) };
    if destination(path)? != Destination::File {
        return Ok(());
    }
    replaceable(path, force)
}

/// Ok when nothing is at `path`, or (with `force`) a regular file: --force replaces files,
/// never a device, FIFO, directory or symbolic link put there (as root a rename over
/// /dev/full, or over the /dev/stdout link, would replace a system file).
fn replaceable(path: &Path, force: bool) -> Result<()> {
    match path.symlink_metadata() {
        Ok(_) if !force => Err(conflict(path)),
        Ok(m) if !m.is_file() => Err(not_a_file(path)),
        _ => Ok(()),
    }
}

/// Writes into an existing FIFO or device without creating, truncating or renaming anything.
pub fn write_in_place(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| io_fail("open", path, e))?;
    f.write_all(bytes)
        .and_then(|()| f.flush())
        .map_err(|e| io_fail("write", path, e))
}

/// Writes a user's `-o` target: `-` is stdout, a FIFO or device is written in place, anything
/// else is a file written atomically (`force` to replace a regular file).
pub fn write_output(path: &Path, bytes: &[u8], mode: u32, force: bool) -> Result<()> {
    match destination(path)? {
        Destination::Stdout => Ok(crate::output::write_stdout(bytes)?),
        Destination::InPlace => write_in_place(path, bytes),
        Destination::File => write_file(path, bytes, mode, force),
    }
}

/// Writes one file atomically.
pub fn write_file(path: &Path, bytes: &[u8], mode: u32, force: bool) -> Result<()> {
    let mut b = Batch::new(force);
    b.stage(path, bytes, mode)?;
    b.commit().map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_refuses_overwrite_and_forces() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.pub");
        write_file(&p, b"one\n", 0o644, false).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one\n");
        assert!(write_file(&p, b"two\n", 0o644, false).is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"one\n");
        write_file(&p, b"two\n", 0o600, true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two\n");
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        // A planted symlink is a conflict, and its target is untouched.
        let target = d.path().join("victim");
        std::fs::write(&target, b"keep").unwrap();
        let link = d.path().join("b.pub");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(write_file(&link, b"x", 0o644, false).is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"keep");
        // No temp files are left behind.
        let names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
    }
}

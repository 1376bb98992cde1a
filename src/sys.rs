//! The few libc calls above the PKCS#11 layer that no safe crate offers.

/// Overwrites the value of environment variable `var` in place, then removes the variable.
///
/// `std::env::remove_var` only unlinks the entry: the bytes the kernel shows in
/// `/proc/<pid>/environ` (the process's original environment block) stay readable to the same
/// user and to root for the whole run. A PIN read from HSMCTL_PIN must not stay there.
///
/// Call it before any thread is started (the environment is not thread-safe to change).
pub fn scrub_env(var: &str) {
    let prefix = format!("{var}=");
    unsafe extern "C" {
        static mut environ: *const *mut libc::c_char;
    }
    // SAFETY: single-threaded at this point (the caller's contract); `environ` is the
    // NUL-terminated array of NUL-terminated strings libc keeps, each writable process memory.
    unsafe {
        let mut p = environ;
        while !p.is_null() && !(*p).is_null() {
            let entry = *p;
            let bytes = std::ffi::CStr::from_ptr(entry).to_bytes();
            if bytes.starts_with(prefix.as_bytes()) {
                let len = bytes.len();
                for i in prefix.len()..len {
                    std::ptr::write_volatile(entry.add(i), 0);
                }
            }
            p = p.add(1);
        }
        std::env::remove_var(var);
    }
}

/// The real user id.
pub fn uid() -> u32 {
    // SAFETY: getuid cannot fail and touches no memory.
    unsafe { libc::getuid() }
}

/// Ok when `dir` is a directory owned by this user that no one else may write to; else why not.
pub fn owned_private_dir(dir: &std::path::Path) -> Result<(), &'static str> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(dir).map_err(|_| "cannot be read")?;
    if !m.is_dir() {
        return Err("is not a directory");
    }
    if m.uid() != uid() {
        return Err("belongs to another user");
    }
    if m.mode() & 0o022 != 0 {
        return Err("is writable by group or others");
    }
    Ok(())
}

static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Run first thing: a standard descriptor (0, 1, 2) that the caller closed is reopened on
/// /dev/null, so that the next file opened (a token file of the module!) cannot land on it and
/// receive output. Whether stdout was closed is remembered: results then fail with exit 9.
pub fn guard_std_fds() {
    // Rust's runtime does the reopening itself before main, with /dev/null opened read-write;
    // a shell's `>/dev/null` is write-only. So a read-write /dev/null on fd 1 means the caller
    // closed stdout (`>&-`).
    // SAFETY: fstat writes into `st`; F_GETFL only queries.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        let flags = libc::fcntl(1, libc::F_GETFL);
        if flags != -1
            && flags & libc::O_ACCMODE == libc::O_RDWR
            && libc::fstat(1, &mut st) == 0
            && st.st_mode & libc::S_IFMT == libc::S_IFCHR
            && st.st_rdev == libc::makedev(1, 3)
        {
            STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    for fd in 0..=2 {
        // SAFETY: F_GETFD only queries the descriptor table.
        if unsafe { libc::fcntl(fd, libc::F_GETFD) } != -1 {
            continue;
        }
        if fd == 1 {
            STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let flags = if fd == 0 {
            libc::O_RDONLY
        } else {
            libc::O_WRONLY
        };
        // SAFETY: a NUL-terminated path; open returns the lowest free descriptor, this one.
        let got = unsafe { libc::open(c"/dev/null".as_ptr(), flags) };
        if got != fd && got >= 0 {
            // SAFETY: moves our descriptor onto the closed one and drops the extra.
            unsafe {
                libc::dup2(got, fd);
                libc::close(got);
            }
        }
    }
}

/// Whether stdout was closed when the process started (see [`guard_std_fds`]).
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed)
}

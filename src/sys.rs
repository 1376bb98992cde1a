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

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

/// Whether descriptor `fd` is open in this process.
pub fn fd_is_open(fd: i32) -> bool {
    // SAFETY: F_GETFD only queries the descriptor table; any integer is a valid argument.
    fd >= 0 && unsafe { libc::fcntl(fd, libc::F_GETFD) } != -1
}

/// Takes ownership of descriptor `fd`, which the user handed to hsmctl for it to read and close
/// (`--pin-fd N`): nothing else in the process holds it, so closing it on drop harms no one.
/// Callers check [`fd_is_open`] first and refuse 0..=2.
pub fn adopt_fd(fd: i32) -> std::fs::File {
    use std::os::fd::FromRawFd;
    // SAFETY: the descriptor is open (the caller checked) and owned by no other object in this
    // process: it was opened by our parent for this one use.
    unsafe { std::fs::File::from_raw_fd(fd) }
}

/// Whether process `pid` no longer exists (kill(pid, 0) fails with ESRCH); a process of another
/// user (EPERM) counts as alive.
pub fn process_gone(pid: i32) -> bool {
    // SAFETY: signal 0 only asks whether the process exists; no signal is sent.
    (unsafe { libc::kill(pid, 0) }) != 0
        && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
}

/// syncfs(2): flushes the whole file system holding `file`, one call for a batch of files.
pub fn syncfs(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: a valid descriptor for the duration of the call.
    if unsafe { libc::syncfs(file.as_raw_fd()) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// This machine's host name, as gethostname(2) gives it.
pub fn hostname() -> Option<String> {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most buf.len() bytes into buf.
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
    ok.then(|| {
        let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
        String::from_utf8_lossy(&buf[..end]).into_owned()
    })
}

/// Calendar fields of a time: year, month (1-12), day, hour, minute, second.
pub type Calendar = (i32, u32, u32, u32, u32, u32);

/// Unix seconds to UTC calendar fields (gmtime_r), or None when libc cannot represent them.
/// libc rather than the `time` crate: years past 9999 (certificates valid "nearly forever")
/// must print as they always have.
pub fn utc_calendar(secs: u64) -> Option<Calendar> {
    let secs = libc::time_t::try_from(secs).unwrap_or(libc::time_t::MAX);
    // SAFETY: a zeroed tm is valid; gmtime_r writes only into `tm`.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are valid for the call.
    if unsafe { libc::gmtime_r(&secs, &mut tm) }.is_null() {
        return None;
    }
    Some((
        tm.tm_year + 1900,
        (tm.tm_mon + 1) as u32,
        tm.tm_mday as u32,
        tm.tm_hour as u32,
        tm.tm_min as u32,
        tm.tm_sec as u32,
    ))
}

/// Calendar time to Unix seconds, in UTC (timegm) or in the local time zone (mktime), as
/// ssh-keygen reads -V dates. Out-of-range fields are normalized as libc does (the `time` crate
/// has no local zone it can trust in a threaded program, and would refuse them).
pub fn calendar_to_unix((y, mo, d, h, mi, s): Calendar, utc: bool) -> Option<u64> {
    // SAFETY: a zeroed tm is valid.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = y - 1900;
    tm.tm_mon = mo as i32 - 1;
    tm.tm_mday = d as i32;
    tm.tm_hour = h as i32;
    tm.tm_min = mi as i32;
    tm.tm_sec = s as i32;
    tm.tm_isdst = -1;
    // SAFETY: mktime/timegm only read and normalize `tm`.
    let t = unsafe {
        if utc {
            libc::timegm(&mut tm)
        } else {
            libc::mktime(&mut tm)
        }
    };
    u64::try_from(t).ok()
}

/// The uid and pid of the process at the other end of a Unix socket (SO_PEERCRED), or None
/// when the kernel does not say. std's `peer_cred` is not stable yet.
pub fn peer_cred(sock: &std::os::unix::net::UnixStream) -> Option<(u32, i32)> {
    use std::os::fd::AsRawFd;
    let mut cred = libc::ucred {
        pid: 0,
        uid: 0,
        gid: 0,
    };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: getsockopt writes at most `len` bytes into `cred`, which has that size.
    let rc = unsafe {
        libc::getsockopt(
            sock.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut cred as *mut libc::ucred).cast(),
            &mut len,
        )
    };
    (rc == 0).then_some((cred.uid, cred.pid))
}

/// The effective user id (who owns the files and sockets this process makes).
pub fn euid() -> u32 {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() }
}

/// Sends SIGTERM to `pid`: Ok when sent, else the OS error (no such process, not ours).
pub fn terminate(pid: i32) -> std::io::Result<()> {
    // SAFETY: kill has no memory effects; pid > 1 is the caller's check.
    if unsafe { libc::kill(pid, libc::SIGTERM) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Makes `cmd`'s child the leader of a new session, with no controlling terminal, as a
/// daemon is: a hang-up of the terminal that started it does not end it.
pub fn detach_child(cmd: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setsid is async-signal-safe, the only call between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
}

/// One line to syslog (facility AUTH, as ssh-agent logs), tagged `hsmctl-agent`.
pub fn syslog(line: &str) {
    static OPEN: std::sync::Once = std::sync::Once::new();
    const IDENT: &std::ffi::CStr = c"hsmctl-agent";
    OPEN.call_once(|| {
        // SAFETY: IDENT is 'static, as openlog requires (it keeps the pointer).
        unsafe { libc::openlog(IDENT.as_ptr(), libc::LOG_PID, libc::LOG_AUTH) };
    });
    let Ok(text) = std::ffi::CString::new(line.replace('\0', " ")) else {
        return;
    };
    // SAFETY: a "%s" format with one NUL-terminated string argument.
    unsafe { libc::syslog(libc::LOG_INFO, c"%s".as_ptr(), text.as_ptr()) };
}

/// Points stdin, stdout and stderr at /dev/null: a daemon's last tie to the terminal (and to
/// the `$(...)` that captured its launcher's output) goes.
pub fn stdio_to_null() {
    use std::os::fd::AsRawFd;
    let Ok(null) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
    else {
        return;
    };
    for fd in 0..3 {
        // SAFETY: dup2 onto the standard descriptors, which std keeps no state about.
        unsafe { libc::dup2(null.as_raw_fd(), fd) };
    }
}

//! A real pseudo-terminal for tests of terminal behaviour (prompts, echo): the child gets the
//! pty as stdin/stdout/stderr and as its controlling terminal (/dev/tty).

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::FromRawFd;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A child process running on a pty, with everything it printed so far.
pub struct PtySession {
    child: Child,
    master: File,
    rx: Receiver<Vec<u8>>,
    /// All bytes read so far: a read may end inside a multi-byte character, so the text is
    /// decoded from the whole, never chunk by chunk (that turned one box-drawing character into
    /// three replacement characters and failed a width check on CI).
    raw: Vec<u8>,
    /// All output read so far.
    pub transcript: String,
}

impl PtySession {
    /// Starts `cmd` on a new pty.
    pub fn spawn(cmd: Command) -> Self {
        Self::spawn_sized(cmd, None)
    }

    /// Starts `cmd` on a new pty `columns` wide (24 rows), as a terminal window of that width.
    pub fn spawn_with_columns(cmd: Command, columns: u16) -> Self {
        Self::spawn_sized(cmd, Some(columns))
    }

    fn spawn_sized(mut cmd: Command, columns: Option<u16>) -> Self {
        let (mut master, mut slave) = (0, 0);
        let size = columns.map(|c| libc::winsize {
            ws_row: 24,
            ws_col: c,
            ws_xpixel: 0,
            ws_ypixel: 0,
        });
        // SAFETY: openpty fills two descriptors, which we own from here on; the size, if any,
        // is read only.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                size.as_ref()
                    .map_or(std::ptr::null(), |s| s as *const libc::winsize),
            )
        };
        assert_eq!(rc, 0, "openpty");
        // Other tests spawn children concurrently: they must not inherit this pty.
        for fd in [master, slave] {
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
        let slave = unsafe { File::from_raw_fd(slave) };
        let master = unsafe { File::from_raw_fd(master) };
        cmd.stdin(slave.try_clone().unwrap())
            .stdout(slave.try_clone().unwrap())
            .stderr(slave);
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY, 0);
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn on pty");
        drop(cmd); // closes the parent's copies of the slave, so EOF arrives when the child exits
        let mut reader = master.try_clone().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        PtySession {
            child,
            master,
            rx,
            raw: Vec::new(),
            transcript: String::new(),
        }
    }

    /// Adds a chunk of output to the transcript.
    fn push(&mut self, chunk: &[u8]) {
        self.raw.extend_from_slice(chunk);
        self.transcript = String::from_utf8_lossy(&self.raw).into_owned();
    }

    /// Waits until the output contains `needle` (panics after 20 s with the transcript).
    pub fn expect(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.transcript.contains(needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(chunk) => self.push(&chunk),
                Err(_) => panic!("waited for {needle:?}; got:\n{}", self.transcript),
            }
        }
    }

    /// Waits until `needle` has appeared `n` times in all (for a prompt shown again).
    #[allow(dead_code)] // not every test file uses it
    pub fn expect_nth(&mut self, needle: &str, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.transcript.matches(needle).count() < n {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(chunk) => self.push(&chunk),
                Err(_) => panic!("waited for {needle:?} #{n}; got:\n{}", self.transcript),
            }
        }
    }

    /// Waits for a password prompt: its text, then the terminal's echo turned off (typing
    /// before that would be echoed, then discarded by the mode switch).
    pub fn expect_secret_prompt(&mut self, needle: &str) {
        use std::os::fd::AsRawFd;
        self.expect(needle);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            // SAFETY: tcgetattr on the master reports the slave's settings on Linux.
            let mut t: libc::termios = unsafe { std::mem::zeroed() };
            let rc = unsafe { libc::tcgetattr(self.master.as_raw_fd(), &mut t) };
            if rc == 0 && t.c_lflag & libc::ECHO == 0 {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "echo never turned off:\n{}",
                self.transcript
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The child's process id.
    #[allow(dead_code)] // not every test file uses it
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Types `text` (use "\r" for Enter).
    pub fn send(&mut self, text: &str) {
        self.master.write_all(text.as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    /// Waits for the child to exit, collecting the rest of its output.
    pub fn finish(mut self) -> (ExitStatus, String) {
        let status = self.child.wait().unwrap();
        while let Ok(chunk) = self.rx.recv_timeout(Duration::from_millis(500)) {
            self.push(&chunk);
        }
        (status, self.transcript)
    }
}

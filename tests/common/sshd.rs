//! A real OpenSSH server for tests: 127.0.0.1, a free high port, its own config, host key and
//! authorized keys in the test's temp dir; started by the test and stopped (by pid) on drop.

use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A running sshd.
pub struct Sshd {
    child: Child,
    /// The port it listens on.
    pub port: u16,
    /// Its directory (config, host key, logs).
    pub dir: PathBuf,
}

impl Sshd {
    /// Starts sshd with `extra` config lines (AuthorizedKeysFile, TrustedUserCAKeys, ...).
    pub fn start(dir: &Path, extra: &str) -> Sshd {
        assert!(
            Path::new("/usr/sbin/sshd").exists(),
            "sshd missing: apt-get install openssh-server"
        );
        // SAFETY: getuid cannot fail.
        assert_eq!(
            unsafe { libc::getuid() },
            0,
            "the sshd tests log in as root and must run as root"
        );
        std::fs::create_dir_all("/run/sshd").unwrap();
        let dir = dir.join("sshd");
        std::fs::create_dir_all(&dir).unwrap();
        let host_key = dir.join("host_key");
        if !host_key.exists() {
            let ok = Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-f"])
                .arg(&host_key)
                .status()
                .unwrap();
            assert!(ok.success());
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let config = dir.join("sshd_config");
        std::fs::write(
            &config,
            // sshd keeps the first value of a keyword: the caller's lines come first.
            format!(
                "{extra}\nPort {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}/sshd.pid\nStrictModes no\n\
                 UsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nLogLevel VERBOSE\n\
                 AuthorizedKeysFile none\n",
                host_key.display(),
                dir.display()
            ),
        )
        .unwrap();
        let log = std::fs::File::create(dir.join("sshd.log")).unwrap();
        let child = Command::new("/usr/sbin/sshd")
            .args(["-D", "-e", "-f"])
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "sshd did not start: {}",
                std::fs::read_to_string(dir.join("sshd.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Sshd { child, port, dir }
    }

    /// `ssh root@127.0.0.1 echo logged-in` with these extra client options (which win over the
    /// defaults, IdentitiesOnly=yes among them); true on success.
    pub fn login(&self, extra: &[&str], env: &[(&str, &str)]) -> (bool, Output) {
        // ssh keeps the first value of an option: the caller's come before the defaults.
        let out = Command::new("ssh")
            .args(extra)
            .args(["-F", "/dev/null", "-p", &self.port.to_string()])
            .args([
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
            ])
            .args([
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "IdentityAgent=none",
                "-o",
                "ConnectTimeout=10",
            ])
            .args([
                "-o",
                "PasswordAuthentication=no",
                "-o",
                "KbdInteractiveAuthentication=no",
            ])
            .args(["root@127.0.0.1", "echo", "logged-in"])
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let ok = out.status.success() && String::from_utf8_lossy(&out.stdout).contains("logged-in");
        (ok, out)
    }

    /// The server's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("sshd.log")).unwrap_or_default()
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An SSH_ASKPASS program that prints `pin` (for ssh -I's PKCS#11 PIN prompt).
pub fn askpass(dir: &Path, pin: &str) -> PathBuf {
    let p = dir.join("askpass.sh");
    std::fs::write(&p, format!("#!/bin/sh\necho '{pin}'\n")).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o700)).unwrap();
    p
}

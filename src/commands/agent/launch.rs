//! How the agent starts and stops as ssh-agent does: its socket, the shell lines, the copy
//! of itself that runs in the background, `-k`, signals and `--lifetime`.

use crate::cli::agent::AgentArgs;
use crate::commands::context::shell_word;
use crate::exit::{Exit, fail, fail_hint};
use crate::output::event_log::EventLog;
use anyhow::{Context as _, Result};
use secrecy::SecretString;
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Prefix of the private directories made for sockets (`hsmctl-agent.XXXXXX`).
const DIR_PREFIX: &str = "hsmctl-agent.";
/// The longest PIN the launcher hands over.
const MAX_PIN: u64 = 4096;

/// The agent's socket path, and whether its directory is the agent's own (removed at exit).
#[derive(Clone)]
pub struct Socket {
    path: PathBuf,
    own_dir: bool,
}

impl Socket {
    /// `-a PATH` (which must not exist yet), or a new 0700 directory under TMPDIR holding
    /// `agent.PID`, as ssh-agent makes.
    pub fn choose(given: Option<&Path>) -> Result<Socket> {
        match given {
            Some(p) => {
                if p.symlink_metadata().is_ok() {
                    return Err(fail_hint(
                        Exit::Conflict,
                        format!("{} already exists", p.display()),
                        "give another -a path, or remove it if no agent listens there",
                    ));
                }
                let own_dir = p
                    .parent()
                    .and_then(|d| d.file_name())
                    .is_some_and(|n| n.to_string_lossy().starts_with(DIR_PREFIX));
                Ok(Socket {
                    path: p.to_path_buf(),
                    own_dir,
                })
            }
            None => Ok(Socket {
                path: PathBuf::new(),
                own_dir: true,
            }),
        }
    }

    /// The path (once made).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes the private directory when no path was given.
    fn make_dir(&mut self) -> Result<()> {
        if !self.path.as_os_str().is_empty() {
            return Ok(());
        }
        let base = std::env::var_os("TMPDIR")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .unwrap_or_else(|| PathBuf::from("/tmp"));
        let dir = tempfile::Builder::new()
            .prefix(DIR_PREFIX)
            .permissions(std::fs::Permissions::from_mode(0o700))
            .tempdir_in(&base)
            .map_err(|e| {
                fail(
                    Exit::Io,
                    format!("cannot make a directory in {}: {e}", base.display()),
                )
            })?
            .keep();
        self.path = dir.join(format!("agent.{}", std::process::id()));
        Ok(())
    }

    /// Listens on the path: mode 0600, in a directory only we may enter when it is ours.
    pub fn bind(&mut self) -> Result<UnixListener> {
        self.make_dir()?;
        // sockaddr_un holds 108 bytes with the final NUL.
        if self.path.as_os_str().len() > 107 {
            return Err(fail_hint(
                Exit::Usage,
                format!(
                    "the socket path {} is {} bytes long; Unix sockets take at most 107",
                    self.path.display(),
                    self.path.as_os_str().len()
                ),
                "give a shorter -a path",
            ));
        }
        let l = UnixListener::bind(&self.path).map_err(|e| {
            self.cleanup();
            fail_hint(
                Exit::Io,
                format!("cannot listen on {}: {e}", self.path.display()),
                "give -a a path in an existing directory you may write to",
            )
        })?;
        std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("cannot set the mode of {}", self.path.display()))?;
        Ok(l)
    }

    /// Removes the socket, and its directory when that is the agent's own and empty.
    pub fn cleanup(&self) {
        let _ = std::fs::remove_file(&self.path);
        if self.own_dir
            && let Some(dir) = self.path.parent()
        {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// The lines that point a shell at the agent, as ssh-agent prints them (or a JSON object).
fn shell_lines(args: &AgentArgs, path: &Path, pid: u32) -> String {
    let sock = path.display().to_string();
    if args.json {
        return format!(
            "{}\n",
            serde_json::json!({ "ssh_auth_sock": sock, "ssh_agent_pid": pid })
        );
    }
    if csh(args) {
        format!(
            "setenv SSH_AUTH_SOCK {};\nsetenv SSH_AGENT_PID {pid};\necho Agent pid {pid};\n",
            shell_word(&sock)
        )
    } else {
        format!(
            "SSH_AUTH_SOCK={}; export SSH_AUTH_SOCK;\nSSH_AGENT_PID={pid}; export \
             SSH_AGENT_PID;\necho Agent pid {pid};\n",
            shell_word(&sock)
        )
    }
}

/// C-shell syntax: asked for, or SHELL ends in csh (as ssh-agent decides).
fn csh(args: &AgentArgs) -> bool {
    args.csh || (!args.sh && std::env::var("SHELL").is_ok_and(|s| s.ends_with("csh")))
}

/// Says the agent listens: the shell lines on stdout in the foreground; "ready" to the
/// launcher, which prints them, in the background copy.
pub fn announce(args: &AgentArgs, socket: &Socket) -> Result<()> {
    let text = if args.launched {
        "ready\n".to_string()
    } else {
        shell_lines(args, socket.path(), std::process::id())
    };
    crate::output::write_stdout(text.as_bytes()).context("cannot write to standard output")
}

/// The PIN the launcher wrote to the background copy's stdin.
pub fn pin_from_launcher() -> Result<SecretString> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        return Err(fail(
            Exit::Usage,
            "--launched is for the agent's own background copy, not for use by hand",
        ));
    }
    let mut buf = zeroize::Zeroizing::new(Vec::with_capacity(MAX_PIN as usize));
    std::io::stdin()
        .take(MAX_PIN)
        .read_to_end(&mut buf)
        .context("cannot read the PIN from the launcher")?;
    let text = std::str::from_utf8(&buf)
        .map_err(|_| fail(Exit::Auth, "the launcher's PIN is not UTF-8"))?;
    Ok(SecretString::from(text))
}

/// Starts the background copy: the same arguments plus `--launched` (and the socket path
/// chosen here), the PIN on its stdin, "ready" back on its stdout. Then prints the lines.
pub fn background(args: &AgentArgs, socket: &Socket, pin: &SecretString) -> Result<()> {
    use secrecy::ExposeSecret;
    let mut socket = socket.clone();
    socket.make_dir()?;
    let exe = std::env::current_exe().context("cannot find hsmctl's own program file")?;
    let mut cmd = std::process::Command::new(exe);
    // A pin-value in a URI was on this command line (with a warning); the agent that stays
    // gets the PIN through the pipe only, so its command line must not keep it.
    cmd.args(std::env::args_os().skip(1).map(without_pin_value))
        .arg("--launched");
    if !std::path::Path::new("/dev/log").exists() {
        crate::output::note(
            "warning: no /dev/log: the background agent's log is lost (-D logs to stderr)",
        );
    }
    if args.socket.is_none() {
        cmd.arg("--socket").arg(socket.path());
    }
    // The PIN goes through the pipe only; no variable that held one is passed on.
    cmd.env_remove("HSMCTL_PIN");
    if let Some(var) = &args.pin.pin_env {
        cmd.env_remove(var);
    }
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    crate::sys::detach_child(&mut cmd);
    let mut child = cmd.spawn().map_err(|e| {
        socket.cleanup();
        fail(
            Exit::Failed,
            format!("cannot start the background agent: {e}"),
        )
    })?;
    if let Some(mut stdin) = child.stdin.take() {
        // A copy that died early closes the pipe: its exit status says why.
        let _ = stdin.write_all(pin.expose_secret().as_bytes());
    }
    let mut said = String::new();
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read_to_string(&mut said);
    }
    if said == "ready\n" {
        let lines = shell_lines(args, socket.path(), child.id());
        // Nobody would learn where an agent whose lines were lost listens: it is stopped.
        let mut out = std::io::stdout().lock();
        // A closed stdout was given /dev/null at start (so nothing else lands on descriptor
        // 1): writing there would succeed and tell no one.
        let written = if crate::sys::stdout_closed() {
            Err(std::io::Error::other("standard output is closed"))
        } else {
            out.write_all(lines.as_bytes()).and_then(|()| out.flush())
        };
        if let Err(e) = written {
            let _ = crate::sys::terminate(child.id() as i32);
            let _ = child.wait();
            socket.cleanup();
            return Err(fail(
                Exit::Io,
                format!(
                    "cannot write the agent's shell lines to standard output ({e}); it was stopped"
                ),
            ));
        }
        return Ok(());
    }
    let status = child.wait().context("waiting for the background agent")?;
    socket.cleanup();
    Err(fail(
        exit_of(status.code()),
        "the background agent did not start (its error is above)",
    ))
}

/// The exit code of a failed background copy, as this process's own.
fn exit_of(code: Option<i32>) -> Exit {
    [
        Exit::Usage,
        Exit::BadInput,
        Exit::Module,
        Exit::Auth,
        Exit::NotFound,
        Exit::Conflict,
        Exit::Unsupported,
        Exit::Io,
        Exit::Lock,
    ]
    .into_iter()
    .find(|e| Some(e.code()) == code)
    .unwrap_or(Exit::Failed)
}

/// `-k`: stops the agent in SSH_AGENT_PID and prints the lines that unset its variables.
pub fn kill(args: &AgentArgs) -> Result<()> {
    let hint = "run it in the shell where `eval \"$(hsmctl agent ...)\"` set SSH_AGENT_PID";
    let text = std::env::var("SSH_AGENT_PID")
        .map_err(|_| fail_hint(Exit::Usage, "SSH_AGENT_PID is not set", hint))?;
    let pid: i32 = Some(text.as_str())
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|t| t.parse().ok())
        .filter(|p| *p > 1)
        .ok_or_else(|| {
            fail_hint(
                Exit::Usage,
                format!("SSH_AGENT_PID={text:?} is not a process id"),
                hint,
            )
        })?;
    // A stale variable may name a pid now used by something else: only an hsmctl agent is
    // stopped (its program is hsmctl, and its subcommand `agent`).
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let argv: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
    let ours = argv
        .first()
        .and_then(|a0| std::path::Path::new(std::ffi::OsStr::from_bytes(a0)).file_name())
        .is_some_and(|n| n == "hsmctl")
        && subcommand(&argv[1..]) == Some(&b"agent"[..]);
    if cmdline.is_empty() || crate::sys::process_gone(pid) {
        return Err(fail_hint(
            Exit::NotFound,
            format!("no process {pid} (SSH_AGENT_PID): the agent has already stopped"),
            hint,
        ));
    }
    if !ours {
        return Err(fail_hint(
            Exit::NotFound,
            format!("process {pid} (SSH_AGENT_PID) is not an hsmctl agent; it was left alone"),
            hint,
        ));
    }
    crate::sys::terminate(pid).map_err(|e| {
        let exit = if e.raw_os_error() == Some(libc::ESRCH) {
            Exit::NotFound
        } else {
            Exit::Failed
        };
        fail_hint(exit, format!("cannot stop agent pid {pid}: {e}"), hint)
    })?;
    // Back when it is gone (its socket removed), so a script may go on at once.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !crate::sys::process_gone(pid)
        && std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| !c.is_empty())
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(10));
    }
    if args.json {
        let line = format!("{}\n", serde_json::json!({ "stopped_pid": pid }));
        return crate::output::write_stdout(line.as_bytes())
            .context("cannot write to standard output");
    }
    let lines = if csh(args) {
        format!("unsetenv SSH_AUTH_SOCK;\nunsetenv SSH_AGENT_PID;\necho Agent pid {pid} killed;\n")
    } else {
        format!("unset SSH_AUTH_SOCK;\nunset SSH_AGENT_PID;\necho Agent pid {pid} killed;\n")
    };
    crate::output::write_stdout(lines.as_bytes()).context("cannot write to standard output")
}

/// Ends the process on SIGTERM, SIGINT or SIGHUP (exit 128 + the signal, as every hsmctl
/// command), or when `lifetime` has passed (exit 0), removing the socket (and its directory)
/// first and logging why.
pub fn stop_on_signal_or(lifetime: Option<Duration>, socket: Socket, log: EventLog) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    if let Some(life) = lifetime {
        let (socket, log) = (socket.clone(), log.clone());
        std::thread::spawn(move || {
            std::thread::sleep(life);
            socket.cleanup();
            log.event("stopped", &[("reason", "--lifetime has passed".into())]);
            std::process::exit(0);
        });
    }
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) {
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                socket.cleanup();
                let name = match sig {
                    SIGTERM => "SIGTERM",
                    SIGINT => "SIGINT",
                    _ => "SIGHUP",
                };
                log.event("stopped", &[("reason", name.into())]);
                std::process::exit(128 + sig);
            }
        });
    }
    // Without the handlers, the default action of each signal ends the process anyway.
}

/// hsmctl's subcommand in an argument list: the first word that is no option, skipping the
/// values of the global options that take one.
fn subcommand<'a>(args: &[&'a [u8]]) -> Option<&'a [u8]> {
    const WITH_VALUE: &[&[u8]] = &[b"--module", b"--home", b"--lock-timeout"];
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if WITH_VALUE.contains(a) {
            it.next();
        } else if !a.starts_with(b"-") {
            return Some(a);
        }
    }
    None
}

/// The argument with any `pin-value` query attribute of a pkcs11: URI taken out.
fn without_pin_value(arg: std::ffi::OsString) -> std::ffi::OsString {
    let Some(text) = arg.to_str() else {
        return arg;
    };
    let Some((head, query)) = text.split_once('?') else {
        return arg;
    };
    if !text.contains("pkcs11:") || !query.contains("pin-value") {
        return arg;
    }
    let kept: Vec<&str> = query
        .split('&')
        .filter(|a| !a.to_ascii_lowercase().starts_with("pin-value"))
        .collect();
    if kept.is_empty() {
        head.into()
    } else {
        format!("{head}?{}", kept.join("&")).into()
    }
}

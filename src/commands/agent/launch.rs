//! How the agent starts and stops as ssh-agent does: its socket, the shell lines, the copy
//! of itself that runs in the background, `-k`, signals and `--lifetime`.

use crate::cli::agent::AgentArgs;
use crate::commands::context::shell_word;
use crate::exit::{Exit, fail, fail_hint};
use anyhow::{Context as _, Result};
use secrecy::SecretString;
use std::io::{Read, Write};
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
        let l = UnixListener::bind(&self.path).map_err(|e| {
            self.cleanup();
            fail(
                Exit::Io,
                format!("cannot listen on {}: {e}", self.path.display()),
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

/// The background copy drops its terminal: stdin, stdout and stderr become /dev/null.
pub fn detach_stdio() {
    crate::sys::stdio_to_null();
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
pub fn background(args: &AgentArgs, socket: &Socket) -> Result<()> {
    use secrecy::ExposeSecret;
    let mut socket = socket.clone();
    socket.make_dir()?;
    let exe = std::env::current_exe().context("cannot find hsmctl's own program file")?;
    let mut cmd = std::process::Command::new(exe);
    cmd.args(std::env::args_os().skip(1)).arg("--launched");
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
        let pin = args.pin.held.as_ref().expect("the PIN was read");
        // A copy that died early closes the pipe: its exit status says why.
        let _ = stdin.write_all(pin.expose_secret().as_bytes());
    }
    let mut said = String::new();
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read_to_string(&mut said);
    }
    if said == "ready\n" {
        let lines = shell_lines(args, socket.path(), child.id());
        return crate::output::write_stdout(lines.as_bytes())
            .context("cannot write to standard output");
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
    let pid: i32 = text.trim().parse().ok().filter(|p| *p > 1).ok_or_else(|| {
        fail_hint(
            Exit::Usage,
            format!("SSH_AGENT_PID={text:?} is not a process id"),
            hint,
        )
    })?;
    // A stale variable may name a pid now used by something else: only an agent is stopped.
    if let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline"))
        && !String::from_utf8_lossy(&cmdline).contains("agent")
    {
        return Err(fail_hint(
            Exit::NotFound,
            format!("process {pid} (SSH_AGENT_PID) is not an agent"),
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
    let lines = if csh(args) {
        format!("unsetenv SSH_AUTH_SOCK;\nunsetenv SSH_AGENT_PID;\necho Agent pid {pid} killed;\n")
    } else {
        format!("unset SSH_AUTH_SOCK;\nunset SSH_AGENT_PID;\necho Agent pid {pid} killed;\n")
    };
    crate::output::write_stdout(lines.as_bytes()).context("cannot write to standard output")
}

/// Ends the process on SIGTERM, SIGINT or SIGHUP, or when `lifetime` has passed, removing the
/// socket (and its directory) first.
pub fn stop_on_signal_or(lifetime: Option<Duration>, socket: Socket) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    if let Some(life) = lifetime {
        let socket = socket.clone();
        std::thread::spawn(move || {
            std::thread::sleep(life);
            socket.cleanup();
            std::process::exit(0);
        });
    }
    match signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) {
        Ok(mut signals) => {
            std::thread::spawn(move || {
                if signals.forever().next().is_some() {
                    socket.cleanup();
                    std::process::exit(0);
                }
            });
        }
        Err(_) => { /* without handlers, the default action ends the process anyway */ }
    }
}

//! PIN sources: a file, an environment variable, a file descriptor, a URI, then a prompt.
//!
//! PINs live in `SecretString` (zeroized on drop, `[REDACTED]` in Debug) from the moment they
//! are read; no message ever includes one.

use crate::exit::{Exit, Failure, fail, fail_hint};
use anyhow::Result;
use secrecy::{ExposeSecret, SecretString};
use std::io::{IsTerminal, Read};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// A PIN longer than this is refused before it is read whole (no token takes more than 255).
const MAX_PIN_BYTES: usize = 1024;

/// Where one PIN may come from, as the flags of one role were given.
pub struct PinSpec<'a> {
    /// What the PIN is, for messages: "user PIN", "SO PIN", "new user PIN".
    pub what: &'a str,
    /// The flag prefix for hints: "--pin", "--so-pin", "--new-pin".
    pub flag: &'a str,
    /// `--*-file`.
    pub file: Option<&'a Path>,
    /// `--*-env VAR`.
    pub env: Option<&'a str>,
    /// `--*-fd N`.
    pub fd: Option<i32>,
    /// The variable read when no explicit source was given (`HSMCTL_PIN`, ...).
    pub default_env: &'a str,
    /// `pin-source` / `pin-value` from a `pkcs11:` URI (user PIN only).
    pub uri_source: Option<PathBuf>,
    /// `pin-value` from a URI.
    pub uri_value: Option<&'a SecretString>,
    /// Ask twice on a terminal (for a PIN being set).
    pub confirm: bool,
    /// A PIN already held by the caller (see `PinArgs::held`): the first source.
    pub held: Option<&'a SecretString>,
}

impl PinSpec<'_> {
    /// True when a PIN can be had without asking: a flag, the URI, or the default variable.
    pub fn available(&self) -> bool {
        self.held.is_some()
            || self.file.is_some()
            || self.env.is_some()
            || self.fd.is_some()
            || self.uri_source.is_some()
            || self.uri_value.is_some()
            || std::env::var_os(self.default_env).is_some_and(|v| !v.is_empty())
    }
}

/// Where each PIN of this run came from ("the user PIN from HSMCTL_PIN"), by what it is:
/// a refused PIN is reported with its source, and only that one.
static SOURCES: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());

fn note_source(what: &str, source: String) {
    if let Ok(mut s) = SOURCES.lock() {
        s.retain(|(w, _)| w != what);
        s.push((what.to_string(), source));
    }
}

/// Where the PIN described as `what` ("user PIN", "SO PIN") came from, for messages:
/// "the user PIN typed at the prompt", "the user PIN from HSMCTL_PIN", ...
pub fn source_of(what: &str) -> String {
    SOURCES
        .lock()
        .ok()
        .and_then(|s| {
            s.iter()
                .find(|(w, _)| w == what)
                .map(|(_, src)| src.clone())
        })
        .unwrap_or_else(|| format!("the {what}"))
}

/// Reads the PIN from the first source given, else prompts on a terminal, else fails (exit 5).
pub fn obtain(spec: &PinSpec, prompt_context: &str) -> Result<SecretString> {
    let what = spec.what;
    let source = |s: String| note_source(what, format!("the {what} {s}"));
    let pin = if let Some(held) = spec.held {
        source("given to the Luna tool".into());
        SecretString::from(held.expose_secret())
    } else if let Some(path) = spec.file {
        source(format!("from file {}", path.display()));
        from_file(path, spec.what)?
    } else if let Some(var) = spec.env {
        source(format!("from the environment variable {var}"));
        from_env(var, spec.what)?.ok_or_else(|| {
            fail_hint(
                Exit::Auth,
                format!("the {} variable {var} is not set", spec.what),
                format!("export {var}, or use {}-file", spec.flag),
            )
        })?
    } else if let Some(fd) = spec.fd {
        source(format!("from file descriptor {fd}"));
        from_fd(fd, spec.what)?
    } else if let Some(path) = &spec.uri_source {
        source(format!("from the URI's pin-source {}", path.display()));
        from_file(path, spec.what)?
    } else if let Some(value) = spec.uri_value {
        source("from the URI's pin-value".to_string());
        eprintln!(
            "warning: the PIN given as pin-value in the pkcs11: URI is visible to other users \
             in the process list; use pin-source or --pin-file"
        );
        value.clone()
    } else if let Some(pin) =
        from_env(spec.default_env, spec.what)?.filter(|p| !p.expose_secret().is_empty())
    {
        // An empty default variable counts as unset (a common `export HSMCTL_PIN=` leftover).
        source(format!(
            "from the environment variable {}",
            spec.default_env
        ));
        pin
    } else if std::io::stdin().is_terminal() {
        source("typed at the prompt".to_string());
        prompt(spec, prompt_context)?
    } else {
        return Err(fail_hint(
            Exit::Auth,
            format!(
                "no {} source, and standard input is not a terminal to ask on",
                spec.what
            ),
            {
                // Passphrases have no --passphrase-fd: name only the options that exist.
                let fd = if spec.flag == "--passphrase" {
                    String::new()
                } else {
                    format!(", {}-fd N", spec.flag)
                };
                format!(
                    "give the {} with {f}-file FILE, {f}-env VAR{fd}, or set {}",
                    spec.what,
                    spec.default_env,
                    f = spec.flag
                )
            },
        ));
    };
    if pin.expose_secret().is_empty() {
        return Err(fail(Exit::Auth, format!("the {} is empty", spec.what)));
    }
    Ok(pin)
}

/// Strips one trailing line ending; the PIN is the first line.
fn first_line(bytes: &[u8]) -> &[u8] {
    let line = bytes.split(|b| *b == b'\n').next().unwrap_or(&[]);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn to_secret(bytes: &[u8], what: &str, source: &str) -> Result<SecretString> {
    let text = std::str::from_utf8(first_line(bytes)).map_err(|_| {
        fail(
            Exit::Auth,
            format!("the {what} from {source} is not valid UTF-8"),
        )
    })?;
    Ok(SecretString::from(text))
}

fn from_file(path: &Path, what: &str) -> Result<SecretString> {
    let shown = path.display();
    // O_NOFOLLOW: a symlink could point the read anywhere; O_NONBLOCK: a FIFO must not hang us.
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| {
            let why = if e.raw_os_error() == Some(libc::ELOOP) {
                "it is a symbolic link; name the file itself".to_string()
            } else {
                e.to_string()
            };
            fail(
                Exit::Auth,
                format!("cannot read the {what} file {shown}: {why}"),
            )
        })?;
    let meta = file
        .metadata()
        .map_err(|e| fail(Exit::Auth, format!("cannot stat {shown}: {e}")))?;
    if !meta.is_file() {
        return Err(fail(
            Exit::Auth,
            format!("the {what} file {shown} is not a regular file"),
        ));
    }
    if meta.mode() & 0o077 != 0 {
        return Err(Failure::new(
            Exit::Auth,
            format!(
                "the {what} file {shown} is accessible by group or others (mode {:o})",
                meta.mode() & 0o777
            ),
        )
        .hint(format!("chmod 600 {shown}"))
        .into());
    }
    read_bounded(&mut file, what, &format!("file {shown}"))
}

fn read_bounded(r: &mut dyn Read, what: &str, source: &str) -> Result<SecretString> {
    let mut buf = Zeroizing::new(Vec::with_capacity(64));
    r.take(MAX_PIN_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| {
            fail(
                Exit::Auth,
                format!("cannot read the {what} from {source}: {e}"),
            )
        })?;
    if buf.len() > MAX_PIN_BYTES && first_line(&buf).len() == buf.len() {
        return Err(fail(
            Exit::Auth,
            format!("the {what} from {source} is longer than {MAX_PIN_BYTES} bytes"),
        ));
    }
    to_secret(&buf, what, source)
}

fn from_env(var: &str, what: &str) -> Result<Option<SecretString>> {
    let Some(value) = std::env::var_os(var) else {
        return Ok(None);
    };
    let value = Zeroizing::new(value.into_encoded_bytes());
    // Child processes (editors, ssh, helpers) must not inherit the PIN, and /proc/PID/environ
    // must not show it for the rest of the run. hsmctl reads PINs before it starts any thread.
    crate::sys::scrub_env(var);
    to_secret(&value, what, &format!("variable {var}")).map(Some)
}

fn from_fd(fd: i32, what: &str) -> Result<SecretString> {
    if !crate::sys::fd_is_open(fd) {
        return Err(fail(
            Exit::Auth,
            format!("file descriptor {fd} for the {what} is not open"),
        ));
    }
    if (0..=2).contains(&fd) {
        return Err(fail(
            Exit::Usage,
            format!("file descriptor {fd} is standard input/output/error; pass another"),
        ));
    }
    // The descriptor is ours to consume: the caller opened it for this purpose.
    let mut file = crate::sys::adopt_fd(fd);
    read_bounded(&mut file, what, &format!("file descriptor {fd}"))
}

/// The controlling terminal, for prompts: stderr may be redirected (`2>err`) while a person
/// types at the keyboard, and then the prompt must still be shown and echo still be off.
fn controlling_terminal() -> std::io::Result<console::Term> {
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_CLOEXEC)
        .open("/dev/tty")?;
    Ok(console::Term::read_write_pair(tty.try_clone()?, tty))
}

/// How often an empty entry is asked again before giving up (exit 5).
const PROMPT_TRIES: usize = 3;

/// Asks for a secret on the controlling terminal with `text` (dialoguer adds ": "), no echo,
/// twice with `confirm`. An empty entry is refused with a message, at most three times; the
/// token is never asked with it.
fn read_secret(text: &str, what: &str, confirm: bool) -> Result<SecretString> {
    let cannot = |e: &dyn std::fmt::Display| {
        fail(
            Exit::Auth,
            format!("cannot read the {what} from the terminal: {e}"),
        )
    };
    let term = controlling_terminal().map_err(|e| cannot(&e))?;
    // The prompt names the token: its label is token data, shown escaped.
    let text = crate::formats::text::escaped(text);
    for _ in 0..PROMPT_TRIES {
        let mut p = dialoguer::Password::new()
            .with_prompt(text.as_ref())
            .allow_empty_password(true);
        if confirm {
            p = p.with_confirmation("Repeat it", "The two entries differ");
        }
        let entry = Zeroizing::new(p.interact_on(&term).map_err(|e| cannot(&e))?);
        if !entry.is_empty() {
            return Ok(SecretString::from(entry.as_str()));
        }
        let _ = term.write_line(&format!("The {what} cannot be empty."));
    }
    Err(fail(
        Exit::Auth,
        format!("no {what} was entered ({PROMPT_TRIES} empty entries)"),
    ))
}

/// Asks for a secret on the terminal with exactly `text` (dialoguer adds ": "), no echo.
pub fn ask(text: &str) -> Result<SecretString> {
    read_secret(text, "PIN", false)
}

fn prompt(spec: &PinSpec, context: &str) -> Result<SecretString> {
    read_secret(
        &format!("{} for {context}", spec.what),
        spec.what,
        spec.confirm,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_strips_line_endings() {
        assert_eq!(first_line(b"1234\n"), b"1234");
        assert_eq!(first_line(b"1234\r\nrest"), b"1234");
        assert_eq!(first_line(b"1234"), b"1234");
    }

    #[test]
    fn debug_never_shows_the_pin() {
        let pin = SecretString::from("84736251");
        assert!(!format!("{pin:?}").contains("84736251"));
    }
}

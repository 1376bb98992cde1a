//! Exit codes (a documented API) and the user-facing error that carries one.

use std::fmt;

/// Process exit codes. The numbers are API: scripts test them, README and the man pages list them.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Success; an empty listing is success too.
    Ok = 0,
    /// An operation failed (a PKCS#11 function failed, an unexpected error).
    Failed = 1,
    /// Bad arguments, `--yes` required, conflicting options.
    Usage = 2,
    /// Malformed input data (PEM, DER, keys, host names), or input refused by policy.
    BadInput = 3,
    /// Module or token: not found, not loadable, not PKCS#11, not initialized, ambiguous.
    Module = 4,
    /// Authentication: wrong PIN, PIN locked, no PIN source available.
    Auth = 5,
    /// Object not found, or a selector that matched more than one object.
    NotFound = 6,
    /// Conflict: already exists and no `--force`.
    Conflict = 7,
    /// Not supported by this module.
    Unsupported = 8,
    /// Filesystem I/O failure.
    Io = 9,
    /// Lock not acquired in time.
    Lock = 10,
    /// Interrupted by a signal.
    Interrupted = 130,
}

impl Exit {
    /// The numeric process exit status.
    pub fn code(self) -> i32 {
        self as i32
    }
}

/// The exit-code table, shared by `--help`, the man pages and the README.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0    success (an empty listing is success)
  1    operation failed (a PKCS#11 function failed, an unexpected error)
  2    usage: bad arguments, --yes required, conflicting options
  3    bad input data: malformed PEM/DER/OpenSSH key, invalid host name, weak key refused
  4    module or token: not found, not loadable, not a PKCS#11 module, not initialized, ambiguous
  5    authentication: wrong PIN, PIN locked, no PIN source available
  6    object not found, or the selector matched more than one object
  7    conflict: already exists and no --force
  8    not supported by this module (mechanism, key type, function)
  9    filesystem I/O failure (disk full, read-only, permission)
  10   lock not acquired in time
  130  interrupted

A broken pipe on stdout exits 0.";

/// An error meant for the user: what failed, the exit code it maps to, and how to fix it.
#[derive(Debug)]
pub struct Failure {
    /// The exit code this failure maps to.
    pub exit: Exit,
    /// One line saying what was wrong.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
}

impl Failure {
    /// A failure with an exit code and a message.
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Failure {
            exit,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a `hint:` line telling the user how to fix the problem.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// Shorthand: an `anyhow::Error` carrying a [`Failure`].
pub fn fail(exit: Exit, message: impl Into<String>) -> anyhow::Error {
    Failure::new(exit, message).into()
}

/// Shorthand: an `anyhow::Error` carrying a [`Failure`] with a hint.
pub fn fail_hint(exit: Exit, message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    Failure::new(exit, message).hint(hint).into()
}

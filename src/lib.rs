//! hsmctl: an admin toolkit for PKCS#11 hardware security modules.
//!
//! Layers: `cli` (clap definitions) → `commands` (one file per command) → `hsm` (the only
//! cryptoki user), with `formats` (pure encodings), `store` (files), `output` (rendering).

// std's eprint!/eprintln! panic when stderr cannot be written (a full disk behind a
// redirect, a closed descriptor). Diagnostics are best effort: these shadow them in the whole
// crate and drop what cannot be written.
// They also escape control characters: diagnostics quote token labels and file names, which
// must not drive the terminal.
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        let _ = writeln!(std::io::stderr(), "{}", $crate::formats::text::terminal_safe(&text));
    }};
}
macro_rules! eprint {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        let _ = write!(std::io::stderr(), "{}", $crate::formats::text::terminal_safe(&text));
    }};
}

pub mod cli;
pub mod commands;
pub mod docs;
pub mod exit;
pub mod formats;
pub mod hsm;
pub mod luna;
pub mod output;
pub mod pin;
pub mod store;
pub mod sys;
pub mod tls;

use clap::Parser;
use exit::{Exit, Failure};
use hsm::HsmError;

/// Runs `hsmctl` with the process arguments and returns the exit code.
pub fn run_hsmctl() -> i32 {
    sys::guard_std_fds();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    let ctx = commands::Ctx::new(cli.global);
    let result = commands::dispatch(&ctx, cli.command);
    // The module (and C_Finalize) goes before the exit code is returned, not at process exit.
    drop(ctx);
    match result {
        Ok(()) => Exit::Ok.code(),
        Err(e) => report_error(&e).code(),
    }
}

/// Prints what clap has to say: usage errors on stderr (exit 2), help and version on stdout
/// (exit 0), where a closed or full stdout is exit 9 rather than lost output.
pub fn clap_exit(e: &clap::Error) -> i32 {
    if e.use_stderr() {
        let _ = e.print();
        return e.exit_code();
    }
    let text = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        e.render().ansi().to_string()
    } else {
        e.render().to_string()
    };
    match output::write_stdout(text.as_bytes()) {
        Ok(()) => e.exit_code(),
        Err(err) => {
            eprintln!("error: cannot write to standard output: {err}");
            Exit::Io.code()
        }
    }
}

/// Prints an error once on stderr (message, causes, hint) and picks its exit code.
pub fn report_error(e: &anyhow::Error) -> Exit {
    let mut exit = Exit::Failed;
    let mut hint = None;
    for cause in e.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            (exit, hint) = (f.exit, f.hint.clone());
            break;
        }
        if let Some(h) = cause.downcast_ref::<HsmError>() {
            (exit, hint) = (h.exit(), h.hint());
            break;
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            exit = Exit::Io;
            if io.kind() == std::io::ErrorKind::BrokenPipe {
                return Exit::Ok;
            }
            break;
        }
    }
    let one_line = |s: String| crate::formats::text::escaped(&s).into_owned();
    eprintln!("error: {}", one_line(e.to_string()));
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {}", one_line(cause.to_string()));
    }
    if let Some(h) = hint {
        let mut lines = h.lines();
        if let Some(first) = lines.next() {
            eprintln!("hint: {first}");
        }
        for line in lines {
            eprintln!("{line}");
        }
    }
    exit
}

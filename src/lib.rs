//! hsmctl: an admin toolkit for PKCS#11 hardware security modules.
//!
//! Layers: `cli` (clap definitions) → `commands` (one file per command) → `hsm` (the only
//! PKCS#11 caller), with `formats` (pure encodings), `store` (files), `output` (rendering).

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
pub mod ops;
pub mod output;
pub mod pin;
pub mod store;
pub mod sys;
pub mod tls;

use exit::{Exit, Failure};
use hsm::HsmError;

/// Runs `hsmctl` with the process arguments and returns the exit code.
pub fn run_hsmctl() -> i32 {
    sys::guard_std_fds();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match parse(&args) {
        Ok(cli) => cli,
        // A `pkcs11:` URI given as a plain argument, as p11tool takes it, means --uri.
        Err(e) => match uri_as_option(&args) {
            Some(cli) => cli,
            None => return clap_exit(&e),
        },
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

/// Parses hsmctl's command line (with the grouped `--help`).
fn parse(args: &[std::ffi::OsString]) -> Result<cli::Cli, clap::Error> {
    use clap::FromArgMatches;
    let matches = cli::command().try_get_matches_from(args)?;
    let mut cli = cli::Cli::from_arg_matches(&matches)?;
    // The agent offers its keys in the order given across --label, --id and --uri.
    if let (cli::Command::Agent(a), Some(m)) =
        (&mut cli.command, matches.subcommand_matches("agent"))
    {
        a.fill_order(m);
    }
    Ok(cli)
}

/// The command line parsed with `--uri` put before one `pkcs11:` argument (the first for which
/// that parses); None when no such reading parses.
fn uri_as_option(args: &[std::ffi::OsString]) -> Option<cli::Cli> {
    let is_uri = |a: &std::ffi::OsString| {
        a.to_str().is_some_and(|t| {
            t.get(..7)
                .is_some_and(|p| p.eq_ignore_ascii_case("pkcs11:"))
        })
    };
    (1..args.len()).filter(|i| is_uri(&args[*i])).find_map(|i| {
        let mut fixed = args.to_vec();
        fixed.insert(i, "--uri".into());
        parse(&fixed).ok()
    })
}

/// Prints what clap has to say: usage errors on stderr (exit 2), help and version on stdout
/// (exit 0), where a closed or full stdout is exit 9 rather than lost output.
pub fn clap_exit(e: &clap::Error) -> i32 {
    if let Some(text) = habit_hint(e) {
        eprintln!("{text}");
        return Exit::Usage.code();
    }
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

/// What to say instead of clap's "unexpected argument" when the argument is a habit from
/// pkcs11-tool or p11tool: a PIN on the command line (`--pin`, `--so-pin`, `-p`), or a login
/// flag (`-l`, `--login`) that hsmctl does not need here.
fn habit_hint(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let name = arg.split('=').next().unwrap_or(arg);
    let pin_hint = |role: &str, flag: &str, var: &str| {
        format!(
            "error: hsmctl takes no {role} in its arguments: other users could read it in the \
             process list, and it would stay in the shell's history\n\
             hint: give it with {flag}-file FILE, {flag}-env VAR or {flag}-fd N, set {var}, \
             or let hsmctl ask for it on the terminal"
        )
    };
    match name {
        "--pin" | "-p" | "--user-pin" => Some(pin_hint("PIN", "--pin", "HSMCTL_PIN")),
        "--so-pin" => Some(
            "error: hsmctl takes no SO PIN in its arguments: other users could read it in the \
             process list, and it would stay in the shell's history\n\
             hint: the commands that need the SO PIN (token init, token init-pin) take \
             --so-pin-file FILE, --so-pin-env VAR or --so-pin-fd N; HSMCTL_SO_PIN works too"
                .to_string(),
        ),
        "-l" => Some(
            "error: hsmctl has no -l: it logs in by itself when a command needs the PIN\n\
             hint: list, show and the export commands take --login to include objects that \
             only a login shows; see the command's --help"
                .to_string(),
        ),
        "--login" => Some(
            "error: this command takes no --login: it logs in by itself when it needs the PIN\n\
             hint: give the PIN with --pin-file, --pin-env or --pin-fd (or HSMCTL_PIN), or let \
             hsmctl ask on the terminal"
                .to_string(),
        ),
        _ => None,
    }
}

/// Prints an error once on stderr (message, causes, hint) and picks its exit code.
pub fn report_error(e: &anyhow::Error) -> Exit {
    report_error_in(e, &|t| t.to_string())
}

/// [`report_error`], every line passed through `speak` first: the Luna tools name their own
/// options there (`-force` for `--force`), not hsmctl's.
pub fn report_error_in(e: &anyhow::Error, speak: &dyn Fn(&str) -> String) -> Exit {
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
    let one_line = |s: String| crate::formats::text::escaped(&speak(&s)).into_owned();
    eprintln!("error: {}", one_line(e.to_string()));
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {}", one_line(cause.to_string()));
    }
    if let Some(h) = hint {
        let h = speak(&h);
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

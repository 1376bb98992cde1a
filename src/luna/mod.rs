//! Luna compatibility: `vtl`, `cmu` and `lunacm` accept Luna's own syntax and translate it into
//! hsmctl command lines, run in this process by the same commands; only the rendering of a few
//! results follows Luna's formats. The grammar shared by the three tools lives here.

pub mod cmu;
pub mod docs;
pub mod lunacm;
mod render;
pub mod vtl;

use crate::cli::Cli;
use crate::exit::Exit;
use clap::Parser;

/// What an option takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `-opt=value` or `-opt value`.
    Value,
    /// `-opt` alone (or `-opt=T/F`).
    Switch,
    /// A boolean: `-opt=T`, `-opt T`, or `-opt` alone for true.
    Bool,
}

/// One option a command accepts; `name` is Luna's spelling (matching ignores case).
#[derive(Debug, Clone, Copy)]
pub struct Opt {
    /// The option's name, without the dash.
    pub name: &'static str,
    /// What it takes.
    pub kind: Kind,
}

/// A command and the options it takes.
pub type Verb = (&'static str, &'static [Opt]);

/// A command group (lunacm's `slot`, `role`) and its commands.
pub type Group = (&'static str, &'static [Verb]);

/// The options of `cmd` in a command table.
pub fn options_of(table: &[Verb], cmd: &str) -> &'static [Opt] {
    table
        .iter()
        .find(|v| v.0 == cmd)
        .map(|v| v.1)
        .unwrap_or(&[])
}

/// Shorthand for option tables.
pub const fn opt(name: &'static str, kind: Kind) -> Opt {
    Opt { name, kind }
}

/// A PIN a Luna tool holds for the commands it runs (cmu: one run; lunacm: from `role login`
/// to `role logout`), handed to each command through a pipe (`--pin-fd`): never in argv, and
/// not in the environment, where hsmctl's commands would not find it twice.
pub struct HeldPin(secrecy::SecretString);

impl HeldPin {
    /// Holds `pin`.
    pub fn new(pin: secrecy::SecretString) -> Self {
        HeldPin(pin)
    }

    /// `FLAG N` (`--pin-fd`, `--so-pin-fd`, `--new-pin-fd`), N the read end of a pipe holding
    /// the PIN (the command consumes it).
    pub fn fd_args(&self, flag: &str) -> Result<[String; 2], LunaError> {
        use secrecy::ExposeSecret;
        use std::io::Write;
        use std::os::fd::FromRawFd;
        let mut fds = [0; 2];
        // SAFETY: pipe writes two descriptors into the array.
        if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
            return Err(LunaError(format!(
                "cannot make a pipe for the PIN: {}",
                std::io::Error::last_os_error()
            )));
        }
        // SAFETY: both descriptors were just opened and are owned here; a PIN is far smaller
        // than a pipe's buffer, so the write cannot block.
        let mut w = unsafe { std::fs::File::from_raw_fd(fds[1]) };
        w.write_all(self.0.expose_secret().as_bytes())
            .map_err(|e| LunaError(format!("cannot pass the PIN: {e}")))?;
        drop(w);
        Ok([flag.into(), fds[0].to_string()])
    }
}

/// A Luna-syntax error: printed as `Error: ...`, exit 2.
#[derive(Debug)]
pub struct LunaError(pub String);

/// Parsed options: (canonical name, value); switches and booleans have "1" or "0".
#[derive(Debug, Default)]
pub struct Opts(pub Vec<(&'static str, String)>);

impl Opts {
    /// The value of an option (the last one given).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The value of an option `cmd` cannot do without.
    pub fn need(&self, name: &str, cmd: &str) -> Result<String, LunaError> {
        self.get(name)
            .map(str::to_string)
            .ok_or_else(|| LunaError(format!("{cmd} needs -{name}")))
    }

    /// Whether a switch or boolean is on.
    pub fn on(&self, name: &str) -> bool {
        self.get(name) == Some("1")
    }
}

/// Luna's booleans: T/F, 1/0, true/false (and yes/no).
pub fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "t" | "1" | "true" | "yes" | "y" => Some(true),
        "f" | "0" | "false" | "no" | "n" => Some(false),
        _ => None,
    }
}

/// Picks a name by exact match or unambiguous prefix, ignoring case.
pub fn pick<'a>(word: &str, names: &[&'a str], what: &str) -> Result<&'a str, LunaError> {
    let w = word.to_ascii_lowercase();
    if let Some(n) = names.iter().find(|n| n.to_ascii_lowercase() == w) {
        return Ok(n);
    }
    let hits: Vec<&&str> = names
        .iter()
        .filter(|n| n.to_ascii_lowercase().starts_with(&w))
        .collect();
    match hits.as_slice() {
        [one] if !w.is_empty() => Ok(one),
        [] | [_] => Err(LunaError(format!("unknown {what} '{word}'"))),
        many => Err(LunaError(format!(
            "'{word}' is ambiguous: {}",
            many.iter().map(|s| **s).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// Parses `-opt=value`, `-opt value`, `-switch` with names matched by [`pick`].
pub fn parse_opts(args: &[String], table: &[Opt]) -> Result<Opts, LunaError> {
    let names: Vec<&str> = table.iter().map(|o| o.name).collect();
    let mut out = Opts::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let Some(body) = a.strip_prefix("--").or_else(|| a.strip_prefix('-')) else {
            return Err(LunaError(format!("unexpected argument '{a}'")));
        };
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        let canonical =
            pick(name, &names, "option").map_err(|e| LunaError(format!("{} (-{name})", e.0)))?;
        let kind = table.iter().find(|o| o.name == canonical).map(|o| o.kind);
        let value = match (kind, inline) {
            (Some(Kind::Value), Some(v)) => v,
            (Some(Kind::Value), None) => {
                i += 1;
                args.get(i)
                    .cloned()
                    .ok_or_else(|| LunaError(format!("option -{canonical} needs a value")))?
            }
            (_, Some(v)) => bool_text(canonical, &v)?,
            (Some(Kind::Bool), None) => match args.get(i + 1).and_then(|n| parse_bool(n)) {
                Some(b) => {
                    i += 1;
                    u8::from(b).to_string()
                }
                None => "1".into(),
            },
            _ => "1".into(),
        };
        out.0.push((canonical, value));
        i += 1;
    }
    Ok(out)
}

fn bool_text(name: &str, v: &str) -> Result<String, LunaError> {
    parse_bool(v)
        .map(|b| u8::from(b).to_string())
        .ok_or_else(|| LunaError(format!("-{name} takes T or F, not '{v}'")))
}

/// The hsmctl command line a Luna command became, parsed by hsmctl's own definitions.
pub fn hsmctl_cli(argv: &[String]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("hsmctl".to_string()).chain(argv.iter().cloned()))
}

/// Runs a translated command line with hsmctl's own output; returns the exit code.
pub fn run_translated(argv: &[String]) -> i32 {
    with_command(argv, crate::commands::dispatch).map_or_else(|code| code, |()| 0)
}

/// Runs `f` on the command a translated line parses to, with a context of its own (the module
/// is finalized when it returns). Errors are printed as hsmctl prints them; Err is the exit code.
pub fn with_command<T>(
    argv: &[String],
    f: impl FnOnce(&crate::commands::Ctx, crate::cli::Command) -> anyhow::Result<T>,
) -> Result<T, i32> {
    let cli = hsmctl_cli(argv).map_err(|e| clap_failure(&e))?;
    let ctx = crate::commands::Ctx::new(cli.global);
    let result = f(&ctx, cli.command);
    drop(ctx);
    result.map_err(|e| crate::report_error(&e).code())
}

/// Runs a translated command and prints its result in Luna's format; returns the exit code.
pub fn render_with(
    argv: &[String],
    f: impl FnOnce(&crate::commands::Ctx, crate::cli::Command) -> anyhow::Result<String>,
) -> i32 {
    match with_command(argv, f) {
        Ok(text) => print(&text),
        Err(code) => code,
    }
}

/// The slots the module shows (`hsmctl slots`); Err is the exit code, the error printed.
pub fn slots() -> Result<crate::commands::slots::SlotsReport, i32> {
    with_command(&["slots".into()], |ctx, c| match c {
        crate::cli::Command::Slots(_) => crate::commands::slots::run(ctx),
        _ => unreachable!("translated to slots"),
    })
}

/// Writes Luna-format text to stdout (a closed pipe is not an error).
pub fn print(text: &str) -> i32 {
    let text = crate::formats::text::terminal_safe(text);
    match crate::output::write_stdout(text.as_bytes()) {
        Ok(()) => 0,
        Err(_) => Exit::Io.code(),
    }
}

/// A translated line that hsmctl's parser refused (a bad value): Luna-style, exit 2.
pub fn clap_failure(e: &clap::Error) -> i32 {
    let text = e.to_string();
    let first = text
        .lines()
        .next()
        .unwrap_or("invalid arguments")
        .trim_start_matches("error: ");
    eprintln!("Error: {first}");
    Exit::Usage.code()
}

/// Prints a Luna-syntax error and returns exit 2.
pub fn usage_error(tool: &str, e: &LunaError) -> i32 {
    eprintln!("Error: {}", e.0);
    eprintln!("Try '{tool} help' for the commands and options.");
    Exit::Usage.code()
}

/// The process arguments after the program name, as text (non-UTF-8 is refused).
pub fn args() -> Result<Vec<String>, LunaError> {
    std::env::args_os()
        .skip(1)
        .map(|a| {
            a.into_string()
                .map_err(|a| LunaError(format!("argument {a:?} is not UTF-8")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn luna_option_grammar() {
        let table = [
            opt("labelPublic", Kind::Value),
            opt("labelPrivate", Kind::Value),
            opt("sign", Kind::Bool),
            opt("modulusBits", Kind::Value),
            opt("binary", Kind::Switch),
        ];
        let o = parse_opts(
            &v("-LABELPUBLIC x -labelprivate=y -sign T -modulusbits=2048 -bin"),
            &table,
        )
        .unwrap();
        assert_eq!(o.get("labelPublic"), Some("x"));
        assert_eq!(o.get("labelprivate"), Some("y"));
        assert!(o.on("sign") && o.on("binary"));
        assert_eq!(o.get("modulusBits"), Some("2048"));
        let o = parse_opts(&v("-sign=F -sign"), &table).unwrap();
        assert!(o.on("sign"), "the last one wins");
        assert!(
            parse_opts(&v("-label x"), &table).is_err(),
            "ambiguous prefix"
        );
        assert!(parse_opts(&v("-nosuch=1"), &table).is_err());
        assert!(parse_opts(&v("stray"), &table).is_err());
        assert!(parse_opts(&v("-sign=maybe"), &table).is_err());
        assert!(parse_opts(&v("-modulusBits"), &table).is_err());
        assert_eq!(
            pick("GEN", &["generatekeypair", "getattribute"], "command").unwrap(),
            "generatekeypair"
        );
        assert!(pick("ge", &["generatekeypair", "getattribute"], "command").is_err());
    }
}

//! Luna compatibility: `vtl`, `cmu` and `lunacm` accept Luna's own syntax and translate it into
//! hsmctl command lines, run in this process by the same commands; only the rendering of a few
//! results follows Luna's formats. The grammar shared by the three tools lives here.

pub mod cmu;
pub mod docs;
pub mod lunacm;
mod render;
pub mod speak;
pub mod vtl;

use crate::cli::Cli;
use crate::exit::Exit;
use clap::Parser;
pub use speak::Tool;

/// The tool this process is (set once by its `main`): errors are told in its words.
static TOOL: std::sync::OnceLock<Tool> = std::sync::OnceLock::new();

/// Records which Luna tool this process is.
pub fn set_tool(tool: Tool) {
    let _ = TOOL.set(tool);
}

/// The tool this process is (cmu's words when none was set, as in unit tests).
pub fn tool() -> Tool {
    TOOL.get().copied().unwrap_or(Tool::Cmu)
}

thread_local! {
    /// The options of the Luna command being run: a hint names one of them only if it is there.
    static RUNNING: std::cell::Cell<&'static [Opt]> = const { std::cell::Cell::new(&[]) };
}

/// Records the options of the Luna command about to run (see [`speak_now`]).
pub fn running(options: &'static [Opt]) {
    RUNNING.with(|r| r.set(options));
}

/// `text` of hsmctl's `command` in the words of this tool and the command that runs.
pub fn speak_now(command: &str, text: &str) -> String {
    let opts = RUNNING.with(std::cell::Cell::get);
    let accepts = |name: &str| opts.iter().any(|o| o.name.eq_ignore_ascii_case(name));
    tool().speak(command, &accepts, text)
}

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
/// to `role logout`), put into each parsed command as a typed secret (`PinArgs::held`): never
/// in argv, nor in the environment.
pub struct HeldPin(pub(crate) secrecy::SecretString);

impl HeldPin {
    /// Holds `pin`.
    pub fn new(pin: secrecy::SecretString) -> Self {
        HeldPin(pin)
    }

    /// A copy for one command (zeroized when that command drops it).
    fn copy(&self) -> secrecy::SecretString {
        use secrecy::ExposeSecret;
        secrecy::SecretString::from(self.0.expose_secret())
    }
}

/// The PINs the next translated command gets: the user's, the SO's, a new one.
#[derive(Default)]
pub struct Pins<'a> {
    /// The user PIN (`--pin-*`).
    pub user: Option<&'a HeldPin>,
    /// The security officer's (`--so-pin-*`).
    pub so: Option<&'a HeldPin>,
    /// A PIN being set (`--new-pin-*`).
    pub new: Option<&'a HeldPin>,
}

thread_local! {
    /// The PINs for the next command [`with_command`] runs (taken by it).
    static HELD: std::cell::RefCell<[Option<secrecy::SecretString>; 3]> =
        const { std::cell::RefCell::new([None, None, None]) };
}

/// Gives the next translated command these PINs.
pub fn hold(pins: Pins) {
    HELD.with(|h| {
        *h.borrow_mut() = [
            pins.user.map(HeldPin::copy),
            pins.so.map(HeldPin::copy),
            pins.new.map(HeldPin::copy),
        ];
    });
}

/// Puts the held PINs into a parsed command.
fn give_pins(command: &mut crate::cli::Command) {
    let (p, s, n) = command.pin_args_mut();
    if p.is_none() && s.is_none() && n.is_none() {
        // A command without PINs (the slot list a slot number needs) leaves them for the next.
        return;
    }
    let [user, so, new] = HELD.with(|h| std::mem::take(&mut *h.borrow_mut()));
    if let Some(p) = p {
        p.held = user;
    }
    if let Some(s) = s {
        s.held = so;
    }
    if let Some(n) = n {
        n.held = new;
    }
}

/// A Luna-syntax error: printed as `Error: ...`, exit 2.
#[derive(Debug)]
pub struct LunaError(pub String);

/// Why a Luna command stopped before its hsmctl command ran.
#[derive(Debug)]
pub enum Stop {
    /// A Luna-syntax error (exit 2, printed with the tool's usage line).
    Usage(LunaError),
    /// A failure already printed, with its exit code (no such slot: 4, no such object: 6).
    Code(i32),
}

impl From<LunaError> for Stop {
    fn from(e: LunaError) -> Self {
        Stop::Usage(e)
    }
}

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
    let command = argv.first().map_or("", String::as_str);
    let mut cli = hsmctl_cli(argv).map_err(|e| clap_failure(&e, command))?;
    give_pins(&mut cli.command);
    let ctx = crate::commands::Ctx::new(cli.global);
    let result = f(&ctx, cli.command);
    drop(ctx);
    result.map_err(|e| crate::report_error_in(&e, &|t| speak_now(command, t)).code())
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

/// Luna's slot number of a slot: 0, 1, 2, ... in the module's slot-list order (Luna numbers
/// its slots so; other modules' ids are arbitrary and change, SoftHSM2's on every init).
pub fn luna_number(r: &crate::commands::slots::SlotsReport, slot_id: u64) -> Option<usize> {
    r.slots.iter().position(|s| s.slot_id == slot_id)
}

/// A refusal with its message (empty when it was already printed) and exit code.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong, in the tool's words.
    pub message: String,
    /// The exit code (no such slot: 4; no such object: 6; a Luna vendor mechanism: 8).
    pub exit: i32,
}

/// The module's slot id for Luna's slot number `text` (not a number: exit 2; no such slot:
/// exit 4).
pub fn slot_lookup(text: &str) -> Result<u64, Refusal> {
    let Ok(n) = text.trim().parse::<usize>() else {
        return Err(Refusal {
            message: format!("'{text}' is not a slot number (slots are numbered 0, 1, 2, ...)"),
            exit: Exit::Usage.code(),
        });
    };
    let r = slots().map_err(|exit| Refusal {
        message: String::new(),
        exit,
    })?;
    match r.slots.get(n) {
        Some(s) => Ok(s.slot_id),
        None => Err(Refusal {
            message: format!(
                "there is no slot {n}; the module shows {} slot(s){}",
                r.slots.len(),
                match r.slots.len() {
                    0 => String::new(),
                    1 => ", slot 0".into(),
                    k => format!(", numbered 0 to {}", k - 1),
                }
            ),
            exit: Exit::Module.code(),
        }),
    }
}

/// [`slot_lookup`], its refusal printed; Err is the exit code.
pub fn slot_id_of(text: &str) -> Result<u64, i32> {
    slot_lookup(text).map_err(|r| {
        if !r.message.is_empty() {
            eprintln!("Error: {}", r.message);
        }
        r.exit
    })
}

/// The exit code an error carries (as `report_error` would pick it), without printing it.
pub fn exit_of(e: &anyhow::Error) -> i32 {
    e.chain()
        .find_map(|c| c.downcast_ref::<crate::exit::Failure>().map(|f| f.exit))
        .unwrap_or(Exit::Failed)
        .code()
}

/// Luna's number of the only initialized token's slot, if there is exactly one.
pub fn only_initialized() -> Option<usize> {
    let r = slots().ok()?;
    let init: Vec<usize> = r
        .slots
        .iter()
        .enumerate()
        .filter(|(_, x)| x.token.as_ref().is_some_and(|t| t.flags.token_initialized))
        .map(|(i, _)| i)
        .collect();
    (init.len() == 1).then(|| init[0])
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
pub fn clap_failure(e: &clap::Error, command: &str) -> i32 {
    let text = e.to_string();
    // The message and what it lists (a missing option is on the next line), not clap's usage.
    let lines: Vec<&str> = text
        .lines()
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let message = if lines.is_empty() {
        "invalid arguments".to_string()
    } else {
        lines.join(" ").trim_start_matches("error: ").to_string()
    };
    eprintln!("Error: {}", speak_now(command, &message));
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

//! `lunacm`: Luna's partition shell (prompt `lunacm:>`, line editing, history, tab completion),
//! one-shot (`lunacm -q <command words>`, `-s <slot>`) or reading a script on stdin. Its
//! commands are translated into hsmctl's; each ends with `Command Result : <code> (<meaning>)`,
//! and the exit status is the last command's result.

use super::{Group, HeldPin, Kind, LunaError, Opts, opt, parse_opts, pick, print, render};
use crate::cli::Command;
use crate::exit::{EXIT_CODES_HELP, Exit};
use std::io::{BufRead, IsTerminal};

/// The command groups, their subcommands, and each one's options.
pub const GROUPS: &[Group] = &[
    (
        "slot",
        &[("list", &[]), ("set", &[opt("slot", Kind::Value)])],
    ),
    (
        "partition",
        &[
            ("show", &[]),
            (
                "init",
                &[
                    opt("label", Kind::Value),
                    opt("password", Kind::Value),
                    opt("userpw", Kind::Value),
                    opt("force", Kind::Switch),
                ],
            ),
        ],
    ),
    (
        "role",
        &[
            (
                "login",
                &[opt("name", Kind::Value), opt("password", Kind::Value)],
            ),
            ("logout", &[]),
            (
                "changepw",
                &[
                    opt("name", Kind::Value),
                    opt("oldpw", Kind::Value),
                    opt("newpw", Kind::Value),
                ],
            ),
        ],
    ),
    ("clientconfig", &[("listservers", &[])]),
    ("help", &[]),
    ("exit", &[]),
    ("quit", &[]),
];

pub const HELP: &str = "lunacm: Luna's partition shell, on any PKCS#11 module (hsmctl)

  slot list                         every slot, then the current one
  slot set -slot <n>                make <n> the current slot
  partition show                    the current slot's token in detail
  partition init -label <label>     initialize the current slot's token (asks the SO and
                                    user passwords, or -password and -userpw; -force for
                                    an initialized one)
  role login -name co|cu|po         log in for the following commands (co, cu: the user;
                                    po: the security officer)
  role logout                       forget the login
  role changepw -name co|po         change the user's (co) or SO's (po) password
  clientconfig listservers          the registered servers
  help                              this text
  exit, quit                        leave

Commands and options ignore case and may be abbreviated (`role logi -n co`).
One command: lunacm -q <command words> [-s <slot>]; a script: lunacm < file.
";

/// The shell's state: the current slot and the login held for the next commands.
struct Shell {
    slot: Option<u64>,
    login: Option<(Role, HeldPin)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    User,
    So,
}

/// Runs `lunacm` with the process arguments; returns the exit code.
pub fn main() -> i32 {
    crate::sys::guard_std_fds();
    let args = match super::args() {
        Ok(a) => a,
        Err(e) => return super::usage_error("lunacm", &e),
    };
    let mut shell = Shell {
        slot: None,
        login: None,
    };
    let mut oneshot: Option<Vec<String>> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].to_ascii_lowercase().as_str() {
            "-s" => {
                i += 1;
                match args.get(i).and_then(|s| s.parse().ok()) {
                    Some(n) => shell.slot = Some(n),
                    None => {
                        return super::usage_error(
                            "lunacm",
                            &LunaError("-s needs a slot number".into()),
                        );
                    }
                }
            }
            "-q" => {
                oneshot = Some(args[i + 1..].to_vec());
                break;
            }
            "-h" | "-help" | "--help" => return print(HELP),
            other => {
                return super::usage_error(
                    "lunacm",
                    &LunaError(format!(
                        "unknown option '{other}' (use -q <command> or -s <slot>)"
                    )),
                );
            }
        }
        i += 1;
    }
    if let Some(words) = oneshot {
        return shell.run_words(&words).unwrap_or(0);
    }
    if std::io::stdin().is_terminal() {
        interactive(&mut shell)
    } else {
        // A script: every line runs; the exit status is that of the last command that failed
        // (0 when none did), so a failure early in a script is not hidden by later successes.
        let mut status = 0;
        for (n, raw) in std::io::stdin().lock().split(b'\n').enumerate() {
            let raw = match raw {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("Error: cannot read line {} of the script: {e}", n + 1);
                    return Exit::Io.code();
                }
            };
            let Ok(line) = String::from_utf8(raw) else {
                eprintln!(
                    "Error: line {} of the script is not UTF-8 text; skipped",
                    n + 1
                );
                status = Exit::BadInput.code();
                continue;
            };
            let line = line.strip_suffix('\r').unwrap_or(&line);
            match shell.run_line(line) {
                Some(0) => {}
                Some(code) => status = code,
                None if is_exit(line) => break,
                None => {}
            }
        }
        status
    }
}

/// The lunacm options whose value is a password.
const SECRET_OPTIONS: [&str; 4] = ["password", "userpw", "oldpw", "newpw"];

/// Whether a line gives a password option (spelled out or abbreviated, `-password x` or
/// `-password=x`): such a line is kept out of the history file.
fn carries_secret(line: &str) -> bool {
    let w = words(line);
    // Commands that take passwords (role login/changepw, partition init) are kept only when
    // every word is accounted for: a command word, a known harmless option, or its value. A
    // misspelt option (-passwrod) or a bare word may be a password typed in the wrong place.
    let first = w
        .first()
        .map(|x| x.to_ascii_lowercase())
        .unwrap_or_default();
    let takes_passwords = (first.len() >= 2 && "role".starts_with(&first))
        || (first.len() >= 3 && "partition".starts_with(&first));
    if takes_passwords {
        const HARMLESS: [&str; 6] = ["name", "label", "slot", "force", "serial", "n"];
        let mut after_option = false;
        for word in w.iter().skip(2) {
            match word.strip_prefix('-') {
                Some(opt) => {
                    let opt = opt.trim_start_matches('-').to_ascii_lowercase();
                    let (name, inline) = match opt.split_once('=') {
                        Some((n, _)) => (n.to_string(), true),
                        None => (opt, false),
                    };
                    if name.is_empty() || !HARMLESS.iter().any(|h| h.starts_with(name.as_str())) {
                        return true;
                    }
                    after_option = !inline && name != "force";
                }
                None if after_option => after_option = false,
                None => return true,
            }
        }
    }
    w.iter().any(|w| {
        let Some(body) = w.strip_prefix('-') else {
            return false;
        };
        let name = body.trim_start_matches('-');
        let name = name
            .split('=')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        // One letter is an abbreviation only where it is unambiguous: -p(assword), -u, -o; -n
        // is -name in `role login`.
        let long_enough = name.len() >= 2 || matches!(name.as_str(), "p" | "u" | "o");
        long_enough && SECRET_OPTIONS.iter().any(|o| o.starts_with(name.as_str()))
    })
}

fn is_exit(line: &str) -> bool {
    matches!(
        line.trim().to_ascii_lowercase().as_str(),
        "exit" | "quit" | "e" | "q" | "ex" | "qu"
    )
}

/// Splits a line into words, keeping "quoted text" together.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

/// `Command Result : <code> (<meaning>)`, the meaning from hsmctl's exit-code table.
fn result_line(code: i32) -> String {
    let meaning = if code == 0 {
        "Success".to_string()
    } else {
        EXIT_CODES_HELP
            .lines()
            .find_map(|l| {
                let l = l.trim_start();
                let (n, rest) = l.split_once(' ')?;
                let rest = rest.trim();
                // The short name: "authentication", "operation failed", "usage".
                let short = rest.split([':', '(']).next().unwrap_or(rest).trim();
                (n.parse::<i32>().ok()? == code).then(|| short.to_string())
            })
            .unwrap_or_else(|| "error".into())
    };
    format!("\nCommand Result : {code} ({meaning})\n")
}

impl Shell {
    /// Runs one line; None for blank lines, comments and exit.
    fn run_line(&mut self, line: &str) -> Option<i32> {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || is_exit(line) {
            return None;
        }
        self.run_words(&words(line))
    }

    fn run_words(&mut self, w: &[String]) -> Option<i32> {
        if w.is_empty() {
            return None;
        }
        let code = match self.command(w) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("Error: {}", e.0);
                Exit::Usage.code()
            }
        };
        print(&result_line(code));
        Some(code)
    }

    fn command(&mut self, w: &[String]) -> Result<i32, LunaError> {
        let names: Vec<&str> = GROUPS.iter().map(|g| g.0).collect();
        let group = pick(&w[0], &names, "command")?;
        let subs = GROUPS
            .iter()
            .find(|g| g.0 == group)
            .map(|g| g.1)
            .unwrap_or(&[]);
        if subs.is_empty() {
            return Ok(match group {
                "help" => print(HELP),
                _ => 0,
            });
        }
        let Some(second) = w.get(1) else {
            return Err(LunaError(format!(
                "'{group}' needs one of: {}",
                subs.iter().map(|s| s.0).collect::<Vec<_>>().join(", ")
            )));
        };
        let sub_names: Vec<&str> = subs.iter().map(|s| s.0).collect();
        let sub = pick(second, &sub_names, &format!("{group} command"))?;
        let table = subs.iter().find(|s| s.0 == sub).map(|s| s.1).unwrap_or(&[]);
        let o = parse_opts(&w[2..], table)?;
        match (group, sub) {
            ("slot", "list") => Ok(self.slot_list()),
            ("slot", "set") => self.slot_set(&o),
            ("partition", "show") => {
                let argv = self.selected(vec!["slot".into(), "show".into()]);
                Ok(super::run_translated(&argv))
            }
            ("partition", "init") => self.partition_init(&o),
            ("role", "login") => self.login(&o),
            ("role", "logout") => {
                self.login = None;
                Ok(0)
            }
            ("role", "changepw") => self.changepw(&o),
            ("clientconfig", "listservers") => Ok(super::run_translated(&["listservers".into()])),
            _ => Ok(0),
        }
    }

    /// `--slot N` for the current slot, if one was set.
    fn selected(&self, mut argv: Vec<String>) -> Vec<String> {
        if let Some(s) = self.slot {
            argv.extend(["--slot".into(), s.to_string()]);
        }
        argv
    }

    fn slot_list(&mut self) -> i32 {
        match super::slots() {
            Ok(r) => {
                let current = self.slot.or_else(|| {
                    r.slots
                        .iter()
                        .find(|s| s.token.as_ref().is_some_and(|t| t.flags.token_initialized))
                        .or(r.slots.first())
                        .map(|s| s.slot_id)
                });
                print(&render::lunacm_slots(&r, current))
            }
            Err(code) => code,
        }
    }

    fn slot_set(&mut self, o: &Opts) -> Result<i32, LunaError> {
        let n: u64 = o
            .get("slot")
            .ok_or_else(|| LunaError("slot set needs -slot <n>".into()))?
            .parse()
            .map_err(|_| LunaError("-slot takes a slot number".into()))?;
        let r = match super::slots() {
            Ok(r) => r,
            Err(code) => return Ok(code),
        };
        if !r.slots.iter().any(|s| s.slot_id == n) {
            eprintln!("Error: there is no slot {n}; `slot list` shows them");
            return Ok(Exit::Module.code());
        }
        self.slot = Some(n);
        // A login belongs to a token: changing slots ends it.
        self.login = None;
        Ok(print(&format!("Current Slot Id: {n}\n")))
    }

    fn password(&self, o: &Opts, name: &str, prompt: &str) -> Result<HeldPin, LunaError> {
        if let Some(p) = o.get(name) {
            eprintln!("warning: -{name} puts a password where other users can read it");
            return Ok(HeldPin::new(p.to_string().into()));
        }
        if !std::io::stdin().is_terminal() {
            return Err(LunaError(format!(
                "no terminal to ask for the password on; give -{name}"
            )));
        }
        crate::pin::ask(prompt)
            .map(HeldPin::new)
            .map_err(|e| LunaError(e.to_string()))
    }

    fn partition_init(&mut self, o: &Opts) -> Result<i32, LunaError> {
        let label = o
            .get("label")
            .ok_or_else(|| LunaError("partition init needs -label <label>".into()))?;
        let so = self.password(o, "password", "enter the security officer's password")?;
        let user = self.password(o, "userpw", "enter the crypto officer's (user's) password")?;
        let mut argv = self.selected(vec![
            "token".into(),
            "init".into(),
            "--label".into(),
            label.into(),
        ]);
        argv.extend(so.fd_args("--so-pin-fd")?);
        argv.extend(user.fd_args("--pin-fd")?);
        if o.on("force") {
            argv.push("--force".into());
        }
        // A re-initialized token forgets every login.
        let code = super::run_translated(&argv);
        if code == 0 {
            self.login = None;
        }
        Ok(code)
    }

    fn login(&mut self, o: &Opts) -> Result<i32, LunaError> {
        let role = match o.get("name").map(str::to_ascii_lowercase).as_deref() {
            Some("co" | "cu" | "crypto officer" | "crypto user") => Role::User,
            Some("po" | "so" | "partition so") => Role::So,
            _ => return Err(LunaError("role login needs -name co, cu or po".into())),
        };
        let pin = self.password(o, "password", "enter password")?;
        if role == Role::User {
            // The PIN is tried now (one C_Login), so a wrong one is reported here.
            let mut argv = self.selected(vec!["list".into(), "--login".into()]);
            argv.extend(pin.fd_args("--pin-fd")?);
            if let Err(code) = super::with_command(&argv, |ctx, c| match c {
                Command::List(a) => crate::commands::list::run(ctx, &a),
                _ => unreachable!("translated to list"),
            }) {
                return Ok(code);
            }
        }
        self.login = Some((role, pin));
        Ok(0)
    }

    fn changepw(&mut self, o: &Opts) -> Result<i32, LunaError> {
        let so = match o.get("name").map(str::to_ascii_lowercase).as_deref() {
            Some("co" | "cu") => false,
            Some("po" | "so") => true,
            _ => return Err(LunaError("role changepw needs -name co or po".into())),
        };
        let old = match &self.login {
            Some((r, pin)) if (*r == Role::So) == so && o.get("oldpw").is_none() => pin,
            _ => &self.password(o, "oldpw", "enter the current password")?,
        };
        let new = self.password(o, "newpw", "enter the new password")?;
        if o.get("newpw").is_none() {
            let again = self.password(o, "newpw", "re-enter the new password")?;
            use secrecy::ExposeSecret;
            if again.0.expose_secret() != new.0.expose_secret() {
                eprintln!("Error: the two new passwords differ");
                return Ok(Exit::Usage.code());
            }
        }
        let mut argv = self.selected(vec!["token".into(), "set-pin".into()]);
        if so {
            argv.push("--so".into());
            argv.extend(old.fd_args("--so-pin-fd")?);
        } else {
            argv.extend(old.fd_args("--pin-fd")?);
        }
        argv.extend(new.fd_args("--new-pin-fd")?);
        let code = super::run_translated(&argv);
        if code == 0
            && self
                .login
                .as_ref()
                .is_some_and(|(r, _)| (*r == Role::So) == so)
        {
            self.login = Some((if so { Role::So } else { Role::User }, new));
        }
        Ok(code)
    }
}

/// The interactive shell: rustyline for editing, history (kept in the home) and completion.
fn interactive(shell: &mut Shell) -> i32 {
    use rustyline::error::ReadlineError;
    let config = rustyline::Config::builder()
        .completion_type(rustyline::CompletionType::List)
        // History is added by hand: a line carrying a password never goes there.
        .auto_add_history(false)
        .build();
    let mut rl: rustyline::Editor<Completion, rustyline::history::DefaultHistory> =
        match rustyline::Editor::with_config(config) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("Error: cannot start the shell: {e}");
                return Exit::Failed.code();
            }
        };
    rl.set_helper(Some(Completion));
    let history = crate::store::config::home_dir(None).map(|h| h.join("lunacm_history"));
    if let Some(h) = &history {
        let _ = rl.load_history(h);
    }
    print(
        "lunacm (hsmctl) - Luna's partition shell on any PKCS#11 module. `help` lists the commands.\n\n",
    );
    let mut last = 0;
    loop {
        match rl.readline("lunacm:>") {
            Ok(line) => {
                if !line.trim().is_empty() && !carries_secret(&line) {
                    let _ = rl.add_history_entry(line.as_str());
                }
                if is_exit(&line) {
                    break;
                }
                if let Some(code) = shell.run_line(&line) {
                    last = code;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(_) => break,
        }
    }
    if let Some(h) = &history {
        let _ = rl.save_history(h);
        // Commands name partitions and objects: readable by this user only.
        let _ = std::fs::set_permissions(h, std::os::unix::fs::PermissionsExt::from_mode(0o600));
    }
    last
}

/// Tab completion of command words and options.
#[derive(rustyline::Helper, rustyline::Hinter, rustyline::Highlighter, rustyline::Validator)]
struct Completion;

impl rustyline::completion::Completer for Completion {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let before = &line[..pos];
        let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word = before[start..].to_ascii_lowercase();
        let done: Vec<&str> = before[..start].split_whitespace().collect();
        // Words already typed may be abbreviations, as when they run.
        let names: Vec<&str> = GROUPS.iter().map(|g| g.0).collect();
        let group = done
            .first()
            .and_then(|g| pick(g, &names, "command").ok())
            .and_then(|g| GROUPS.iter().find(|x| x.0 == g));
        let candidates: Vec<String> = match (done.len(), group) {
            (0, _) => GROUPS.iter().map(|g| g.0.to_string()).collect(),
            (1, Some(g)) => g.1.iter().map(|s| s.0.to_string()).collect(),
            (_, Some(g)) => {
                let subs: Vec<&str> = g.1.iter().map(|s| s.0).collect();
                done.get(1)
                    .and_then(|d| pick(d, &subs, "command").ok())
                    .and_then(|d| g.1.iter().find(|s| s.0 == d))
                    .map(|s| s.1.iter().map(|o| format!("-{}", o.name)).collect())
                    .unwrap_or_default()
            }
            _ => Vec::new(),
        };
        Ok((
            start,
            candidates
                .into_iter()
                .filter(|c| c.to_ascii_lowercase().starts_with(&word))
                .map(|c| c + " ")
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::carries_secret;

    #[test]
    fn password_lines_stay_out_of_the_history() {
        for secret in [
            "role login -name cu -password Qz7xPIN42",
            "role login -n co -p Qz7xPIN42",
            "ROLE LOGIN -NAME CO -PASSWORD=x",
            "role changepw -name co -oldpw a -newpw b",
            "partition init -label p -password a -userpw b",
            "role login -name co --pass x",
        ] {
            assert!(carries_secret(secret), "{secret}");
        }
        for secret in [
            "role login -name cu -passwrod 1234",
            "role login -name cu 1234",
        ] {
            assert!(carries_secret(secret), "{secret}");
        }
        for plain in [
            "slot list",
            "role login -name co",
            "role login -n co",
            "slot set -slot 0",
        ] {
            assert!(!carries_secret(plain), "{plain}");
        }
    }
}

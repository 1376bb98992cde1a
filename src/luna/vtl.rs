//! `vtl`: Luna's client-certificate tool (addServer, deleteServer, listServers, createCert,
//! verify, listSlots), translated into hsmctl's commands. Command names ignore case.

use super::{
    Kind, LunaError, Verb, opt, options_of, parse_opts, pick, print, render, run_translated,
    usage_error,
};
use crate::cli::Command;
use crate::exit::Exit;

/// vtl's commands and their options.
pub const COMMANDS: &[Verb] = &[
    (
        "addServer",
        &[
            opt("n", Kind::Value),
            opt("c", Kind::Value),
            opt("htl", Kind::Switch),
            opt("p", Kind::Value),
            opt("force", Kind::Switch),
        ],
    ),
    ("deleteServer", &[opt("n", Kind::Value)]),
    ("listServers", &[]),
    (
        "createCert",
        &[opt("n", Kind::Value), opt("force", Kind::Switch)],
    ),
    ("verify", &[]),
    ("listSlots", &[]),
    ("help", &[]),
];

pub const USAGE: &str = "vtl: the Luna client tool, on any PKCS#11 module (hsmctl)

Usage: vtl <command> [options]

  addServer -n <host> -c <server cert file> [-htl] [-p <port>]
                       register a server certificate (cert/server, CAFile.pem)
  deleteServer -n <host>
                       remove a registered server
  listServers          the registered servers
  createCert -n <client name>
                       create this client's key and certificate (cert/client)
  verify               the partitions found (Luna's table on stdout), and a check of the
                       client files (what it finds wrong on stderr; exit 1 on an error)
  listSlots            every slot the PKCS#11 module shows

Slots are numbered as Luna numbers them: 0, 1, 2, ... in the module's order (the order of
`hsmctl slots`). Server names are kept as typed; another letter case or IPv6 spelling of a
registered server is the same server. A server certificate that names another host is
registered with a warning (the link trusts the certificate in CAFile.pem).
  help, -h             this text

Command names ignore case. The module is HSMCTL_MODULE (else p11-kit or SoftHSM2), the client
directory HSMCTL_HOME (else ~/.config/hsmctl). Exit codes are hsmctl's (see `hsmctl --help`).
";

/// Runs `vtl` with the process arguments; returns the exit code.
pub fn main() -> i32 {
    crate::sys::guard_std_fds();
    super::set_tool(super::Tool::Vtl);
    let args = match super::args() {
        Ok(a) => a,
        Err(e) => return usage_error("vtl", &e),
    };
    // The options of the command that runs: hints name only those (see luna::speak).
    let names: Vec<&str> = COMMANDS.iter().map(|c| c.0).collect();
    if let Some(cmd) = args.first().and_then(|f| pick(f, &names, "command").ok()) {
        super::running(options_of(COMMANDS, cmd));
    }
    match translate(&args) {
        Ok(Action::Help) => print(USAGE),
        Ok(Action::Run(argv)) => run_translated(&argv),
        Ok(Action::Verify) => verify(),
        Ok(Action::ListSlots) => match super::slots() {
            Ok(r) => print(&render::vtl_slots(&r)),
            Err(code) => code,
        },
        Err(e) => usage_error("vtl", &e),
    }
}

/// What a vtl command line becomes.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    /// Print the usage.
    Help,
    /// Run this hsmctl command line.
    Run(Vec<String>),
    /// List the slots in vtl's format.
    ListSlots,
    /// Luna's slot table on stdout, the client files' check on stderr.
    Verify,
}

/// Translates a vtl command line.
pub fn translate(args: &[String]) -> Result<Action, LunaError> {
    let Some(first) = args.first() else {
        return Ok(Action::Help);
    };
    if ["-h", "-help", "--help", "-?", "/?"].contains(&first.as_str()) {
        return Ok(Action::Help);
    }
    let names: Vec<&str> = COMMANDS.iter().map(|c| c.0).collect();
    let cmd = pick(first, &names, "command")?;
    let o = parse_opts(&args[1..], options_of(COMMANDS, cmd))?;
    let s = |x: &str| x.to_string();
    Ok(match cmd {
        "addServer" => {
            let mut argv = vec![
                s("addserver"),
                s("-n"),
                o.need("n", cmd)?,
                s("-c"),
                o.need("c", cmd)?,
            ];
            if o.on("htl") {
                argv.push(s("--htl"));
            }
            if let Some(p) = o.get("p") {
                argv.extend([s("-p"), s(p)]);
            }
            if o.on("force") {
                argv.push(s("--force"));
            }
            Action::Run(argv)
        }
        "deleteServer" => Action::Run(vec![s("deleteserver"), s("-n"), o.need("n", cmd)?]),
        "listServers" => Action::Run(vec![s("listservers")]),
        "createCert" => {
            let mut argv = vec![s("createcert"), s("-n"), o.need("n", cmd)?];
            if o.on("force") {
                argv.push(s("--force"));
            }
            Action::Run(argv)
        }
        "verify" => Action::Verify,
        "listSlots" => Action::ListSlots,
        _ => Action::Help,
    })
}

/// `vtl verify` (and lunacm's `clientconfig verify`): Luna's table of the initialized tokens,
/// numbered as Luna numbers slots, alone on stdout (scripts parse it); what the check of the
/// client files found wrong goes to stderr, and a failed check makes the exit status 1.
pub fn verify() -> i32 {
    let slots = match super::slots() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let argv = ["verify".to_string(), "--no-slots".to_string()];
    let report = match super::with_command(&argv, |ctx, c| match c {
        Command::Verify(a) => crate::commands::verify::run(ctx, &a),
        _ => unreachable!("translated to verify"),
    }) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut text = String::from(
        "The following Luna SA Slots/Partitions were found:\n\n\
         Slot    Serial #        Label\n====    ========        =====\n",
    );
    for (n, slot) in slots.slots.iter().enumerate() {
        // An uninitialized token is no partition: no blank row for it.
        if let Some(t) = slot.token.as_ref().filter(|t| t.flags.token_initialized) {
            text.push_str(&format!("{n:>4}    {:<15} {}\n", t.serial, t.label));
        }
    }
    for c in report.checks.iter().filter(|c| c.status != "ok") {
        let status = if c.status == "error" {
            "Error"
        } else {
            "Warning"
        };
        eprintln!(
            "{status}: {}: {}",
            c.subject,
            super::speak_now("verify", &c.detail)
        );
    }
    let code = print(&text);
    if code != 0 {
        return code;
    }
    if report.errors > 0 {
        eprintln!(
            "Error: {} check(s) of the client files failed",
            report.errors
        );
        return Exit::Failed.code();
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(line: &str) -> Result<Action, LunaError> {
        translate(
            &line
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn translates_luna_lines() {
        assert_eq!(
            t("ADDSERVER -n 10.0.0.5 -c server.pem -htl").unwrap(),
            Action::Run(
                ["addserver", "-n", "10.0.0.5", "-c", "server.pem", "--htl"]
                    .map(String::from)
                    .to_vec()
            )
        );
        assert_eq!(
            t("addServer -n h -c=f -p 1793").unwrap(),
            Action::Run(
                ["addserver", "-n", "h", "-c", "f", "-p", "1793"]
                    .map(String::from)
                    .to_vec()
            )
        );
        assert_eq!(t("listslots").unwrap(), Action::ListSlots);
        assert!(t("addServer -n h").is_err());
        assert!(t("frobnicate").is_err());
        assert!(t("addServer -n h -c f -bogus").is_err());
    }
}

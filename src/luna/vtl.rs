//! `vtl`: Luna's client-certificate tool (addServer, deleteServer, listServers, createCert,
//! verify, listSlots), translated into hsmctl's commands. Command names ignore case.

use super::{
    Kind, LunaError, Verb, opt, options_of, parse_opts, pick, print, render, run_translated,
    usage_error,
};

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
  verify               the slots/partitions found, and a check of the client files
  listSlots            every slot the PKCS#11 module shows
  help, -h             this text

Command names ignore case. The module is HSMCTL_MODULE (else p11-kit or SoftHSM2), the client
directory HSMCTL_HOME (else ~/.config/hsmctl). Exit codes are hsmctl's (see `hsmctl --help`).
";

/// Runs `vtl` with the process arguments; returns the exit code.
pub fn main() -> i32 {
    crate::sys::guard_std_fds();
    match super::args().and_then(|a| translate(&a)) {
        Ok(Action::Help) => print(USAGE),
        Ok(Action::Run(argv)) => run_translated(&argv),
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
        "verify" => Action::Run(vec![s("verify")]),
        "listSlots" => Action::ListSlots,
        _ => Action::Help,
    })
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

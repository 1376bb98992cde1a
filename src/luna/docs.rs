//! clap descriptions of the Luna tools, built from their command and option tables, for their
//! man pages and shell completions (their parsing is Luna's, not clap's).

use super::{Kind, Opt, Verb};
use clap::{Arg, ArgAction, Command};

fn arg(o: &Opt) -> Arg {
    let a = Arg::new(o.name).long(o.name);
    match o.kind {
        Kind::Value => a.value_name("VALUE").action(ArgAction::Set),
        Kind::Switch => a.action(ArgAction::SetTrue),
        Kind::Bool => a
            .value_name("T|F")
            .num_args(0..=1)
            .value_parser(["T", "F", "1", "0", "true", "false"]),
    }
}

fn verb(v: &Verb) -> Command {
    Command::new(v.0)
        .args(v.1.iter().map(arg))
        .disable_help_flag(true)
}

fn tool(name: &'static str, about: &'static str, usage: &'static str) -> Command {
    Command::new(name)
        .about(about)
        .long_about(usage)
        .version(env!("CARGO_PKG_VERSION"))
        .disable_help_subcommand(true)
        .after_help(crate::exit::EXIT_CODES_HELP)
}

/// `vtl`, `cmu` or `lunacm`.
pub fn command(name: &str) -> Command {
    match name {
        "vtl" => tool(
            "vtl",
            "Luna's client tool (server certificates, client certificate, slots) on any PKCS#11 module",
            super::vtl::USAGE,
        )
        .subcommands(super::vtl::COMMANDS.iter().map(verb)),
        "cmu" => tool(
            "cmu",
            "Luna's certificate management utility (keys, attributes, certificates) on any PKCS#11 module",
            super::cmu::USAGE,
        )
        .subcommands(super::cmu::COMMANDS.iter().map(verb)),
        _ => tool(
            "lunacm",
            "Luna's partition shell (slots, partitions, roles) on any PKCS#11 module",
            super::lunacm::HELP,
        )
        .arg(
            Arg::new("q")
                .short('q')
                .num_args(1..)
                .value_name("COMMAND")
                .help("Run one command and exit"),
        )
        .arg(
            Arg::new("s")
                .short('s')
                .value_name("SLOT")
                .help("Start in this slot"),
        )
        .subcommands(super::lunacm::GROUPS.iter().map(|(g, verbs)| {
            Command::new(*g).subcommands(verbs.iter().map(verb))
        })),
    }
}

//! `hsmctl completions SHELL`: a completion script on stdout, without loading any module.

use crate::cli::{Cli, CompletionsArgs};
use crate::output::write_stdout;
use clap::CommandFactory;

/// Writes the completion script for the chosen shell.
pub fn run(args: &CompletionsArgs) -> std::io::Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "hsmctl", &mut buf);
    write_stdout(&buf)
}

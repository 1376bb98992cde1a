//! Completions and man pages, generated from the clap definitions (and, for the Luna tools,
//! from their command tables) and committed under `completions/` and `man/`; a test
//! regenerates them and fails on drift.

use crate::cli::Cli;
use clap::CommandFactory;
use clap_complete::Shell;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Every generated file, keyed by its path relative to the repository root.
pub fn generate() -> std::io::Result<BTreeMap<PathBuf, Vec<u8>>> {
    let mut files = BTreeMap::new();
    let mut cmd = Cli::command();
    for (shell, name) in [
        (Shell::Bash, "hsmctl.bash"),
        (Shell::Zsh, "_hsmctl"),
        (Shell::Fish, "hsmctl.fish"),
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut cmd, "hsmctl", &mut buf);
        files.insert(PathBuf::from("completions").join(name), buf);
    }
    let mut cmd = Cli::command();
    cmd.build();
    man_pages(&cmd, "hsmctl", &mut files)?;
    // The Luna tools: one page and one completion script per shell each.
    for tool in ["vtl", "cmu", "lunacm"] {
        let mut cmd = crate::luna::docs::command(tool);
        for (shell, name) in [
            (Shell::Bash, format!("{tool}.bash")),
            (Shell::Zsh, format!("_{tool}")),
            (Shell::Fish, format!("{tool}.fish")),
        ] {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, tool, &mut buf);
            files.insert(PathBuf::from("completions").join(name), buf);
        }
        let mut buf = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut buf)?;
        files.insert(PathBuf::from("man").join(format!("{tool}.1")), buf);
    }
    Ok(files)
}

/// One page per command and subcommand: `hsmctl.1`, `hsmctl-slot-show.1`, ...
fn man_pages(
    cmd: &clap::Command,
    name: &str,
    files: &mut BTreeMap<PathBuf, Vec<u8>>,
) -> std::io::Result<()> {
    let page = cmd.clone().name(name.to_string());
    let mut buf = Vec::new();
    clap_mangen::Man::new(page).render(&mut buf)?;
    files.insert(PathBuf::from("man").join(format!("{name}.1")), buf);
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        man_pages(sub, &format!("{name}-{}", sub.get_name()), files)?;
    }
    Ok(())
}

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
    let mut cmd = crate::cli::command();
    cmd.build();
    man_pages(&cmd, "hsmctl", "", &mut files)?;
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
        examples_section(tool, &mut buf);
        files.insert(PathBuf::from("man").join(format!("{tool}.1")), buf);
    }
    Ok(files)
}

/// One page per command and subcommand: `hsmctl.1`, `hsmctl-slot-show.1`, ...; `path` is the
/// command path ("token init"; "" for hsmctl itself).
fn man_pages(
    cmd: &clap::Command,
    name: &str,
    path: &str,
    files: &mut BTreeMap<PathBuf, Vec<u8>>,
) -> std::io::Result<()> {
    let mut page = cmd.clone().name(name.to_string());
    if path.is_empty() {
        // The environment and exit codes get sections of their own below: as EXTRA text they
        // would be refilled into one paragraph.
        page = page.after_help(None::<&str>).after_long_help(None::<&str>);
    }
    let mut buf = Vec::new();
    clap_mangen::Man::new(page).render(&mut buf)?;
    if path.is_empty() {
        table_section("ENVIRONMENT", crate::cli::ENV_HELP, &mut buf);
        table_section("EXIT STATUS", crate::exit::EXIT_CODES_HELP, &mut buf);
    }
    examples_section(path, &mut buf);
    files.insert(PathBuf::from("man").join(format!("{name}.1")), buf);
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let sub_path = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        man_pages(sub, &format!("{name}-{}", sub.get_name()), &sub_path, files)?;
    }
    Ok(())
}

/// Text for roff: backslashes and dashes escaped, no line starting with a control character.
fn roff(text: &str) -> String {
    let t = text.replace('\\', "\\e").replace('-', "\\-");
    if t.starts_with('.') || t.starts_with('\'') {
        format!("\\&{t}")
    } else {
        t
    }
}

/// A section of `NAME  description` lines (the help's tables) as roff tagged paragraphs, the
/// first line of the text (its heading) left out.
fn table_section(title: &str, text: &str, buf: &mut Vec<u8>) {
    let mut out = format!(".SH \"{title}\"\n");
    for line in text.lines().skip(1) {
        let line = line.trim_start();
        if line.is_empty() {
            continue;
        }
        match line.split_once("  ") {
            Some((name, what)) => {
                out.push_str(&format!(
                    ".TP\n\\fB{}\\fR\n{}\n",
                    roff(name),
                    roff(what.trim())
                ));
            }
            None => out.push_str(&format!(".PP\n{}\n", roff(line))),
        }
    }
    buf.extend_from_slice(out.as_bytes());
}

/// The EXAMPLES section of a page (hsmctl's own page shows the first steps of the session).
fn examples_section(path: &str, buf: &mut Vec<u8>) {
    let examples: Vec<(&str, &str)> = if path.is_empty() {
        crate::cli::examples::EXAMPLES
            .iter()
            .take(10)
            .map(|(_, what, line)| (*what, *line))
            .collect()
    } else {
        crate::cli::examples::for_page(path)
    };
    if examples.is_empty() {
        return;
    }
    let mut out = String::from(".SH EXAMPLES\n");
    for (what, line) in examples {
        out.push_str(&format!(
            ".PP\n{}\n.PP\n.RS 4\n.nf\n\\fB{}\\fR\n.fi\n.RE\n",
            roff(what),
            roff(line)
        ));
    }
    buf.extend_from_slice(out.as_bytes());
}

//! The committed completions and man pages match the clap definitions.
//! Set HSMCTL_REGENERATE_DOCS=1 to rewrite them after changing the CLI.

use std::path::Path;

#[test]
fn completions_and_man_pages_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = hsmctl::docs::generate().expect("generate docs");
    let regenerate = std::env::var_os("HSMCTL_REGENERATE_DOCS").is_some();
    if regenerate {
        for dir in ["completions", "man"] {
            let _ = std::fs::remove_dir_all(root.join(dir));
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        for (path, bytes) in &files {
            std::fs::write(root.join(path), bytes).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (path, bytes) in &files {
        if std::fs::read(root.join(path)).ok().as_ref() != Some(bytes) {
            stale.push(path.display().to_string());
        }
    }
    for dir in ["completions", "man"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let rel = Path::new(dir).join(entry.unwrap().file_name());
            if !files.contains_key(&rel) {
                stale.push(format!("{} (no longer generated)", rel.display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated docs drifted: {stale:?}\nrun: HSMCTL_REGENERATE_DOCS=1 cargo test --test docs"
    );
    assert!(files.keys().any(|p| p.ends_with("hsmctl-token-init.1")));
    for tool in ["vtl", "cmu", "lunacm"] {
        assert!(files.contains_key(Path::new(&format!("man/{tool}.1"))));
        assert!(files.contains_key(Path::new(&format!("completions/{tool}.bash"))));
    }
}

/// `hsmctl --help` lists every command under one of its headings (tokens, keys and objects,
/// OpenSSH, X.509, client directory, other), and nothing under "Other" but what is placed there.
#[test]
fn every_command_is_listed_under_a_heading() {
    use clap::CommandFactory;
    let cmd = hsmctl::cli::Cli::command();
    for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
        assert!(
            hsmctl::cli::GROUPS
                .iter()
                .any(|(_, names)| names.contains(&sub.get_name())),
            "{} is in no group of hsmctl::cli::GROUPS",
            sub.get_name()
        );
    }
    let help = std::process::Command::new(assert_cmd::cargo::cargo_bin("hsmctl"))
        .arg("--help")
        .output()
        .unwrap();
    let text = String::from_utf8(help.stdout).unwrap();
    let headings: Vec<&str> = text
        .lines()
        .filter(|l| l.ends_with(':') && !l.starts_with(' '))
        .collect();
    for h in [
        "Tokens:",
        "Keys and objects:",
        "OpenSSH:",
        "X.509:",
        "Client directory (Luna's vtl):",
        "Other:",
        "Options:",
    ] {
        assert!(
            headings.contains(&h),
            "{h} missing from --help: {headings:?}"
        );
    }
    // A command's own options come before the shared ones.
    let list = std::process::Command::new(assert_cmd::cargo::cargo_bin("hsmctl"))
        .args(["list", "--help"])
        .output()
        .unwrap();
    let text = String::from_utf8(list.stdout).unwrap();
    let pos = |h: &str| text.find(h).unwrap_or_else(|| panic!("{h} in {text}"));
    assert!(pos("--wide") < pos("Token selection:"), "{text}");
    assert!(pos("Token selection:") < pos("User PIN:"), "{text}");
}

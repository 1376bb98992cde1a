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

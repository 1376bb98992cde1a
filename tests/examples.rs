//! Every EXAMPLES line of the man pages runs, in order, against a fresh SoftHSM2 store: the
//! examples are real command lines, and a page that lost its examples fails here too.

mod common;

use common::{SO_PIN, TestEnv, USER_PIN, module_under_test};
use std::os::unix::fs::PermissionsExt;

/// The session's working directory and environment, fresh.
fn session() -> (TestEnv, std::path::PathBuf, String) {
    let env = TestEnv::new();
    let work = env.dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    for (name, text) in [("old.pin", USER_PIN), ("new.pin", "84736251")] {
        let p = work.join(name);
        std::fs::write(&p, format!("{text}\n")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    std::fs::write(work.join("ott.bin"), b"one-time token bytes").unwrap();
    let bin = assert_cmd::cargo::cargo_bin("hsmctl");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (env, work, path)
}

/// Runs one command line of the session.
fn run_line(env: &TestEnv, work: &std::path::Path, path: &str, line: &str) -> std::process::Output {
    std::process::Command::new("bash")
        .args(["-o", "pipefail", "-c", line])
        .current_dir(work)
        .env("PATH", path)
        .env("SOFTHSM2_CONF", &env.conf)
        .env("HSMCTL_HOME", &env.home)
        .env("HSMCTL_MODULE", module_under_test())
        .env("HSMCTL_PIN", USER_PIN)
        .env("HSMCTL_SO_PIN", SO_PIN)
        .env("HSMCTL_BACKUP_PASSPHRASE", "correct horse battery")
        .env("HSMCTL_PKCS12_PASSPHRASE", "correct horse battery")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn every_man_page_example_runs() {
    let (env, work, path) = session();
    for (page, what, line) in hsmctl::cli::examples::EXAMPLES {
        let out = run_line(&env, &work, &path, line);
        assert!(
            out.status.success(),
            "man page {page}, example '{what}': {line}\nexit {:?}\n{}{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Every page has examples.
    let man = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    for entry in std::fs::read_dir(&man).unwrap() {
        let p = entry.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(
            text.contains(".SH EXAMPLES"),
            "{} has no EXAMPLES",
            p.display()
        );
    }
}

/// A JSON value's shape: objects by key, arrays by their first element, scalars by type.
fn shape(v: &serde_json::Value, indent: usize, out: &mut String) {
    use serde_json::Value;
    let pad = "  ".repeat(indent);
    match v {
        Value::Object(map) => {
            out.push_str("{\n");
            for (k, v) in map {
                out.push_str(&format!("{pad}  \"{k}\": "));
                shape(v, indent + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&format!("{pad}}}"));
        }
        Value::Array(items) => match items.first() {
            Some(first) => {
                out.push('[');
                shape(first, indent, out);
                out.push_str(", ...]");
            }
            None => out.push_str("[]"),
        },
        Value::String(_) => out.push_str("string"),
        Value::Number(_) => out.push_str("number"),
        Value::Bool(_) => out.push_str("bool"),
        Value::Null => out.push_str("null"),
    }
}

/// docs/json.md documents the JSON document of every command that takes --json, as the
/// session above produces them (`HSMCTL_REGENERATE_DOCS=1` rewrites it); a shape that changed
/// without the document fails here.
#[test]
fn docs_json_md_describes_every_json_document() {
    let (env, work, path) = session();
    let mut doc = String::from(
        "# JSON documents\n\n\
         Every hsmctl command that reports something takes `--json` (or `--format json`, except\n\
         in export-pubkey and convert-pubkey, whose --format names the key's format): one JSON\n\
         document on stdout, snake_case keys, bytes as lowercase hex, PKCS#11 constants by name,\n\
         key types as `--key-type` spells them (`rsa:2048`, `ec:p256`, `ed25519`), and a `warnings`\n\
         array where the command collects warnings (any other document gains one, last, when the\n\
         run warned: of a PIN about to lock, of a weak key). The shapes below are API; they come\n\
         from one session of the man pages' examples (each run with `--json`), and a test keeps\n\
         this file in step (`HSMCTL_REGENERATE_DOCS=1 cargo test --test examples` rewrites it).\n\
         `null` marks a value that is absent in that session; arrays show their first element.\n",
    );
    let mut seen = std::collections::BTreeSet::new();
    for (page, _, line) in hsmctl::cli::examples::EXAMPLES {
        let with_json = if line.contains("--json") {
            line.to_string()
        } else {
            format!("{line} --json")
        };
        let json_capable = line.starts_with("hsmctl ") && !line.contains('>');
        let out = if json_capable {
            run_line(&env, &work, &path, &with_json)
        } else {
            run_line(&env, &work, &path, line)
        };
        assert!(
            out.status.success(),
            "{}: {}",
            if json_capable {
                with_json.as_str()
            } else {
                line
            },
            String::from_utf8_lossy(&out.stderr)
        );
        if !json_capable || !seen.insert(page.to_string()) {
            continue;
        }
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{with_json}: not one JSON document ({e})"));
        let mut text = String::new();
        shape(&v, 0, &mut text);
        doc.push_str(&format!(
            "\n## `hsmctl {page}`\n\n`{with_json}`\n\n```\n{text}\n```\n"
        ));
    }
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json.md");
    if std::env::var_os("HSMCTL_REGENERATE_DOCS").is_some() {
        std::fs::write(&file, &doc).unwrap();
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == doc,
        "docs/json.md is out of date: run HSMCTL_REGENERATE_DOCS=1 cargo test --test examples"
    );
}

//! Tables as people see them (issue 18): through a real pseudo-terminal 80 and 120 columns wide,
//! no row wraps and no label or id is split across lines; piped, exactly one line per object.

mod common;

use common::{MODULE, TestEnv, USER_PIN};

/// A token with 40-character labels (pairs of EC keys and one RSA key), and two servers.
fn populated() -> TestEnv {
    let env = TestEnv::new();
    env.init_token("production-signing-token-east-01");
    for i in 0..4 {
        let label = format!("web-frontend-prod-tls-2026-rotation-{i:04}");
        assert_eq!(label.len(), 40);
        env.run_ok(&["keygen", "--label", &label, "--key-type", "ec:p256"]);
    }
    env
}

/// `args` on a terminal `columns` wide; returns what the terminal showed (stdout and stderr).
fn on_terminal(env: &TestEnv, args: &[&str], columns: u16) -> String {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("hsmctl"));
    cmd.env("SOFTHSM2_CONF", &env.conf)
        .env("HSMCTL_HOME", &env.home)
        .env("HSMCTL_MODULE", MODULE)
        .env("HSMCTL_PIN", USER_PIN)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .args(args);
    let s = common::pty::PtySession::spawn_with_columns(cmd, columns);
    let (status, transcript) = s.finish();
    assert!(status.success(), "{args:?}: {transcript}");
    transcript.replace('\r', "")
}

fn width(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn tables_fit_80_and_120_columns_without_splitting_labels() {
    let env = populated();
    let host = "hsm-appliance-in-the-east-datacenter.example.com";
    let (cert, _) = common::server_cert(
        env.dir.path(),
        "srv",
        host,
        &["-addext", "basicConstraints=critical,CA:FALSE"],
    );
    env.run_ok(&[
        "addserver",
        "-n",
        "hsm-appliance-in-the-east-datacenter.example.com",
        "-c",
        cert.to_str().unwrap(),
    ]);
    for columns in [80u16, 120] {
        for args in [
            vec!["list", "--login"],
            vec!["slots"],
            vec!["slot", "show"],
            vec!["listservers"],
        ] {
            let text = on_terminal(&env, &args, columns);
            for line in text.lines() {
                assert!(
                    width(line) <= usize::from(columns),
                    "{args:?} at {columns} columns: a {}-column line:\n{text}",
                    width(line)
                );
            }
            if args[0] == "list" {
                // Each object on one line; a label is whole or cut with an ellipsis, never split.
                let rows: Vec<&str> = text
                    .lines()
                    .filter(|l| l.contains("web-frontend"))
                    .collect();
                assert_eq!(rows.len(), 8, "{columns}:\n{text}");
                for r in rows {
                    assert!(
                        r.contains("web-frontend-prod-tls-2026-rotation-") || r.contains('…'),
                        "{columns}: {r}"
                    );
                }
                assert!(text.contains("8 objects"), "{text}");
            }
        }
    }
    // A serial is what people select by: never cut, even at 80 columns.
    let serial = env.serial_of("production-signing-token-east-01");
    let slots = on_terminal(&env, &["slots"], 80);
    assert!(slots.contains(&serial), "{serial} cut in:\n{slots}");
    // --wide shows the URIs, whole.
    let wide = on_terminal(&env, &["list", "--login", "--wide"], 120);
    assert!(wide.contains("pkcs11:model="), "{wide}");
}

#[test]
fn piped_tables_have_one_line_per_object() {
    let env = populated();
    let out = env.run_ok(&["list", "--login"]);
    let lines: Vec<&str> = out.lines().collect();
    // A header, then exactly one line per object, sorted by label then class.
    assert_eq!(lines.len(), 1 + 8, "{out}");
    assert!(lines[0].starts_with("Label"), "{out}");
    assert!(
        lines[1].contains("rotation-0000") && lines[1].contains("private"),
        "{out}"
    );
    assert!(
        lines[2].contains("rotation-0000") && lines[2].contains("public"),
        "{out}"
    );
    for l in &lines[1..] {
        // awk sees the columns: label, class, key type, id, usage, paired.
        let fields: Vec<&str> = l.split_whitespace().collect();
        assert_eq!(fields[2], "ec:p256", "{l}");
        assert_eq!(fields.last(), Some(&"yes"), "{l}");
    }
    // Glob patterns select by label.
    let some = env.run_ok(&["list", "--login", "--label", "web-*-000[01]"]);
    assert_eq!(some.lines().count(), 1 + 4, "{some}");
    let slots = env.run_ok(&["slots"]);
    assert!(
        slots.lines().all(|l| !l.contains('|') || l.len() < 400),
        "{slots}"
    );
}

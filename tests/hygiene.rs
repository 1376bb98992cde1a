//! PIN hygiene: with a distinctive PIN, every command that logs in (verbose, on success and
//! failure paths) never shows it or its hex; it never reaches a command line or a child's
//! environment.

mod common;
use common::pty::PtySession;
use common::*;

/// The PIN as it might leak: itself, and its hex in both cases.
fn forms(pin: &str) -> Vec<String> {
    let hex: String = pin.bytes().map(|b| format!("{b:02x}")).collect();
    vec![pin.to_string(), hex.clone(), hex.to_uppercase()]
}

fn assert_clean(what: &str, text: &str, pins: &[&str]) {
    for pin in pins {
        for form in forms(pin) {
            assert!(!text.contains(&form), "{what} shows {form}:\n{text}");
        }
    }
}

#[test]
fn no_output_or_error_ever_shows_the_pin() {
    let env = TestEnv::new();
    env.init_token("hyg");
    let wrong = "91827364";
    let d = env.dir.path();
    let user_key = d.join("user.pub");
    std::fs::write(
        &user_key,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOdvQ7Oy0cw3nA6Xqc1PQe0ls7M4mRH8y0EwZ2F8Xq1x u\n",
    )
    .unwrap();
    let cert = d.join("c.pem");
    let runs: Vec<Vec<String>> = [
        "keygen --key-type ec:p256 --label k",
        "keygen --key-type rsa:2048 --label r",
        "list --login",
        "show --label k --class private",
        "setattribute --label k --class public --set label=k2",
        "setattribute --label k2 --class public --set label=k",
        "export-ssh-pubkey --label k",
        "request-cert --label r --cn x",
        "doctor",
        "slot show",
    ]
    .iter()
    .map(|l| l.split(' ').map(String::from).collect())
    .chain([
        vec![
            "sign-ssh-cert".into(),
            "--ca-label".into(),
            "k".into(),
            "-I".into(),
            "i".into(),
            "-n".into(),
            "u".into(),
            "-V".into(),
            "+1d".into(),
            user_key.to_str().unwrap().into(),
            "--force".into(),
        ],
        vec![
            "selfsign-cert".into(),
            "--label".into(),
            "r".into(),
            "--cn".into(),
            "x".into(),
            "--store".into(),
            "-o".into(),
            cert.to_str().unwrap().into(),
            "--force".into(),
        ],
    ])
    .collect();
    for args in &runs {
        for (pin, must_succeed) in [(USER_PIN, true), (wrong, false)] {
            let out = env
                .cmd()
                .env("HSMCTL_PIN", pin)
                .env("RUST_LOG", "trace")
                .env("RUST_BACKTRACE", "1")
                .arg("-vv")
                .args(args)
                .output()
                .unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            if must_succeed {
                assert!(out.status.success(), "{args:?}: {text}");
            } else if args[0] != "export-ssh-pubkey" && args[0] != "slot" {
                assert_eq!(
                    out.status.code(),
                    Some(5),
                    "{args:?} with a wrong PIN: {text}"
                );
            }
            assert_clean(&format!("{args:?}"), &text, &[USER_PIN, wrong]);
        }
    }
    // PIN changes: old and new PINs stay out of every output, failures included.
    let new_pin = "38291746";
    for (current, new, ok) in [
        (wrong, new_pin, false),
        (USER_PIN, new_pin, true),
        (new_pin, USER_PIN, true),
    ] {
        let out = env
            .cmd()
            .env("HSMCTL_PIN", current)
            .env("HSMCTL_NEW_PIN", new)
            .args(["-vv", "token", "set-pin"])
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.success(), ok, "{text}");
        assert_clean("token set-pin", &text, &[USER_PIN, wrong, new_pin]);
    }
    // The Luna tools too.
    for (tool, args) in [
        ("cmu", vec!["list"]),
        ("lunacm", vec!["-q", "slot", "list"]),
    ] {
        for pin in [USER_PIN, wrong] {
            let out = std::process::Command::new(assert_cmd::cargo::cargo_bin(tool))
                .env("SOFTHSM2_CONF", &env.conf)
                .env("HSMCTL_HOME", &env.home)
                .env("HSMCTL_MODULE", MODULE)
                .env("HSMCTL_PIN", pin)
                .args(&args)
                .output()
                .unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert_clean(tool, &text, &[USER_PIN, wrong]);
        }
    }
}

#[test]
fn pin_variables_do_not_reach_child_processes() {
    let env = TestEnv::new();
    env.init_token("env");
    let lib = env.shim();
    let report = env.dir.path().join("env-report");
    // The shim's C_Login records what a child started then would inherit.
    for (vars, flags) in [
        (vec![("HSMCTL_PIN", USER_PIN)], vec![]),
        (vec![("MY_PIN", USER_PIN)], vec!["--pin-env", "MY_PIN"]),
    ] {
        let mut c = env.cmd();
        c.env("HSMCTL_MODULE", &lib)
            .env("SHIM_ENV_CHECK", "HSMCTL_PIN,MY_PIN")
            .env("SHIM_ENV_REPORT", &report);
        for (k, v) in &vars {
            c.env(k, v);
        }
        let out = c.args(["list", "--login"]).args(&flags).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            std::fs::read_to_string(&report).unwrap(),
            "HSMCTL_PIN=unset\nMY_PIN=unset\n",
            "{vars:?}"
        );
    }
}

#[test]
fn a_pin_typed_into_lunacm_is_in_no_command_line_or_environment() {
    let env = TestEnv::new();
    env.init_token("shell");
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("lunacm"));
    c.env("SOFTHSM2_CONF", &env.conf)
        .env("HSMCTL_HOME", &env.home)
        .env("HSMCTL_MODULE", MODULE)
        .env_remove("HSMCTL_PIN");
    let mut s = PtySession::spawn(c);
    s.expect("lunacm:>");
    s.send("role login -name co\r");
    s.expect_secret_prompt("enter password");
    s.send(&format!("{USER_PIN}\r"));
    s.expect("Command Result : 0 (Success)");
    // Logged in: the shell holds the PIN; /proc shows it nowhere.
    let pid = s.pid();
    for file in ["cmdline", "environ"] {
        let bytes = std::fs::read(format!("/proc/{pid}/{file}")).unwrap();
        assert_clean(file, &String::from_utf8_lossy(&bytes), &[USER_PIN]);
    }
    s.send("partition show\r");
    s.expect_nth("Command Result : 0 (Success)", 2);
    s.send("exit\r");
    let (status, transcript) = s.finish();
    assert!(status.success(), "{transcript}");
    assert_clean("the shell's terminal", &transcript, &[USER_PIN]);
}

//! A hostile module: a shim (tests/shim/shim.c, built here) forwards to SoftHSM2 and, as its
//! environment says, locks PINs, raises PIN-state flags, claims to be initialized already,
//! serves raw EC points and odd RSA exponents, lies about attribute lengths, or fails the Nth
//! call. hsmctl gives a clear error and exit code for each, never retries a login, never panics.

mod common;
use common::*;
use std::path::PathBuf;
use std::process::Output;

fn via_shim(env: &TestEnv, lib: &PathBuf, vars: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = env.cmd();
    c.env("HSMCTL_MODULE", lib).env("HSMCTL_PIN", USER_PIN);
    for (k, v) in vars {
        c.env(k, v);
    }
    c.args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// No panic, one error line, and the exit code asked for.
fn refused(o: &Output, code: i32, says: &str) {
    let e = stderr(o);
    assert_eq!(o.status.code(), Some(code), "{e}");
    assert!(!e.contains("panicked"), "{e}");
    assert_eq!(
        e.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{e}"
    );
    assert!(e.contains(says), "{says} in {e}");
}

#[test]
fn pin_states_are_reported_and_a_login_is_never_retried() {
    let env = TestEnv::new();
    env.init_token("t");
    let lib = env.shim();
    let count = env.dir.path().join("logins");
    let c = count.to_str().unwrap();
    // CKR_PIN_LOCKED from the module: exit 5, one C_Login.
    let out = via_shim(
        &env,
        &lib,
        &[("SHIM_LOGIN_RV", "0xa4"), ("SHIM_LOGIN_COUNT", c)],
        &["list", "--login"],
    );
    refused(&out, 5, "CKR_PIN_LOCKED");
    assert_eq!(std::fs::read_to_string(&count).unwrap().lines().count(), 1);
    // A wrong PIN: exit 5, still one C_Login.
    std::fs::remove_file(&count).unwrap();
    let mut c2 = env.cmd();
    c2.env("HSMCTL_MODULE", &lib)
        .env("HSMCTL_PIN", "00000000")
        .env("SHIM_LOGIN_COUNT", c);
    let out = c2.args(["list", "--login"]).output().unwrap();
    refused(&out, 5, "CKR_PIN_INCORRECT");
    assert_eq!(std::fs::read_to_string(&count).unwrap().lines().count(), 1);
    // The token says the PIN count is low, then that this is the final try: warned before
    // the login, which still happens once.
    let out = via_shim(
        &env,
        &lib,
        &[("SHIM_TOKEN_FLAGS", "0x10000")],
        &["list", "--login"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: a wrong user PIN was entered"),
        "{}",
        stderr(&out)
    );
    let out = via_shim(
        &env,
        &lib,
        &[("SHIM_TOKEN_FLAGS", "0x20000")],
        &["list", "--login"],
    );
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("warning: one more wrong user PIN locks token"),
        "{}",
        stderr(&out)
    );
    // slot show says so too, before anyone logs in (and in its JSON warnings).
    let out = via_shim(
        &env,
        &lib,
        &[("SHIM_TOKEN_FLAGS", "0x20000")],
        &["slot", "show", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        report["warnings"][0]
            .as_str()
            .is_some_and(|w| w.contains("one more wrong user PIN")),
        "{report}"
    );
    // A token whose flags say the PIN is locked is not even tried.
    std::fs::remove_file(&count).unwrap();
    let out = via_shim(
        &env,
        &lib,
        &[("SHIM_TOKEN_FLAGS", "0x40000"), ("SHIM_LOGIN_COUNT", c)],
        &["list", "--login"],
    );
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(!count.exists(), "no C_Login on a locked PIN");
}

#[test]
fn odd_but_valid_module_answers_are_understood() {
    let env = TestEnv::new();
    env.init_token("t");
    let lib = env.shim();
    let keygen = |kt: &str, label: &str| {
        let out = env.run(&["keygen", "--key-type", kt, "--label", label]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    keygen("ec:p256", "ec");
    keygen("ed25519", "ed");
    keygen("rsa:2048", "rsa");
    let direct = env.run_ok(&["export-ssh-pubkey"]);
    // C_Initialize answering CKR_CRYPTOKI_ALREADY_INITIALIZED is a working module.
    let out = via_shim(
        &env,
        &lib,
        &[("SHIM_INIT_ALREADY", "1")],
        &["export-ssh-pubkey"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), direct);
    // Raw EC points (no OCTET STRING) give the same keys.
    let out = via_shim(
        &env,
        &lib,
        &[("SHIM_RAW_EC_POINT", "1")],
        &["export-ssh-pubkey"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), direct);
    // An exponent with leading zero bytes is the same exponent.
    let out = via_shim(
        &env,
        &lib,
        &[("SHIM_RSA_EXPONENT", "00010001")],
        &["export-ssh-pubkey", "--label", "rsa"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(direct.contains(String::from_utf8_lossy(&out.stdout).trim()));
    // e = 3 is served as it is (a key ssh-keygen still reads).
    let file = env.dir.path().join("e3.pub");
    let out = via_shim(
        &env,
        &lib,
        &[("SHIM_RSA_EXPONENT", "03")],
        &[
            "export-ssh-pubkey",
            "--label",
            "rsa",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let fp = std::process::Command::new("ssh-keygen")
        .arg("-lf")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        fp.status.success(),
        "{}",
        String::from_utf8_lossy(&fp.stderr)
    );
}

#[test]
fn lying_attribute_lengths_are_refused_without_a_panic_or_a_huge_allocation() {
    let env = TestEnv::new();
    env.init_token("t");
    let lib = env.shim();
    let out = env.run(&["keygen", "--key-type", "ec:p256", "--label", "k"]);
    assert!(out.status.success());
    for var in ["SHIM_HUGE_LENGTH", "SHIM_BAD_LENGTH"] {
        for args in [
            &["list", "--login"][..],
            &["show", "--label", "k", "--class", "public"][..],
            &["export-ssh-pubkey"][..],
        ] {
            let out = via_shim(&env, &lib, &[(var, "1")], args);
            let e = stderr(&out);
            assert!(
                !e.contains("panicked") && !e.contains("memory allocation"),
                "{var} {args:?}: {e}"
            );
            assert_ne!(out.status.code(), Some(101), "{var} {args:?}: {e}");
            if !out.status.success() {
                assert_eq!(
                    e.lines().filter(|l| l.starts_with("error:")).count(),
                    1,
                    "{var} {args:?}: {e}"
                );
            }
        }
    }
}

#[test]
fn a_failure_at_any_call_is_one_clear_error() {
    let env = TestEnv::new();
    env.init_token("t");
    let lib = env.shim();
    let out = env.run(&["keygen", "--key-type", "ec:p256", "--label", "ca"]);
    assert!(out.status.success());
    let key = env.dir.path().join("user.pub");
    std::fs::write(
        &key,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOdvQ7Oy0cw3nA6Xqc1PQe0ls7M4mRH8y0EwZ2F8Xq1x u\n",
    )
    .unwrap();
    let key = key.to_str().unwrap().to_string();
    // Each run gets its own label: a run that got through creates its key.
    let commands = |n: usize, tag: &str| -> [Vec<String>; 3] {
        [
            vec!["list".into(), "--login".into()],
            [
                "keygen",
                "--key-type",
                "ec:p256",
                "--label",
                &format!("new{tag}-{n}"),
            ]
            .map(String::from)
            .to_vec(),
            [
                "sign-ssh-cert",
                "--ca-label",
                "ca",
                "-I",
                "id",
                "-n",
                "u",
                "-V",
                "+1d",
                &key,
                "--force",
            ]
            .map(String::from)
            .to_vec(),
        ]
    };
    for (rv, name, code) in [
        ("0x32", "CKR_DEVICE_REMOVED", 4),
        ("0xb3", "CKR_SESSION_HANDLE_INVALID", 1),
    ] {
        for which in 0..3 {
            let mut failed = 0;
            for n in 1..=30 {
                let args = commands(n, rv)[which].clone();
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let out = via_shim(
                    &env,
                    &lib,
                    &[("SHIM_FAIL_CALL", &n.to_string()), ("SHIM_FAIL_RV", rv)],
                    &args,
                );
                if out.status.success() {
                    continue;
                }
                failed += 1;
                // Where the call fails decides the code: loading or token selection is 4 (the
                // module or token), an operation is `code`.
                let e = stderr(&out);
                let at_token = e.contains("C_Initialize failed") || e.contains("tokens seen:");
                refused(&out, if at_token { 4 } else { code }, name);
                assert!(
                    out.stdout.is_empty(),
                    "{args:?} #{n}: no partial result on stdout"
                );
            }
            assert!(
                failed >= 3,
                "command {which}: only {failed} injected failures were hit"
            );
        }
    }
}

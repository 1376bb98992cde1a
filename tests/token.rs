//! `token init`, `token set-pin`, `token init-pin`, and every PIN source, checked with
//! OpenSC's pkcs11-tool logging in with the PINs hsmctl set.

mod common;
use common::*;
use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// pkcs11-tool logs in as the user and lists objects: true when the PIN is accepted.
fn user_pin_works(env: &TestEnv, label: &str, pin: &str) -> bool {
    env.pkcs11_tool_output(&["--token-label", label, "--login", "--pin", pin, "-O"])
        .status
        .success()
}

/// pkcs11-tool logs in as SO (C_InitPIN needs it): true when the SO PIN is accepted.
fn so_pin_works(env: &TestEnv, label: &str, so_pin: &str) -> bool {
    env.pkcs11_tool_output(&[
        "--token-label",
        label,
        "--login",
        "--login-type",
        "so",
        "--so-pin",
        so_pin,
        "--init-pin",
        "--new-pin",
        USER_PIN,
    ])
    .status
    .success()
}

fn init(env: &TestEnv, extra: &[&str]) -> std::process::Output {
    let so = env.pin_file("so.pin", "87654321");
    let user = env.pin_file("user.pin", USER_PIN);
    env.cmd()
        .args(["token", "init"])
        .args(extra)
        .arg("--so-pin-file")
        .arg(&so)
        .arg("--pin-file")
        .arg(&user)
        .output()
        .unwrap()
}

#[test]
fn init_sets_label_so_pin_and_user_pin() {
    let env = TestEnv::new();
    let out = init(&env, &["--label", "fresh", "--json"]);
    assert!(out.status.success(), "{}", texts(&out).1);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["action"], "initialized");
    assert_eq!(v["label"], "fresh");
    assert_eq!(v["serial"], env.serial_of("fresh").as_str());
    assert!(v["uri"].as_str().unwrap().ends_with("token=fresh"));
    assert!(user_pin_works(&env, "fresh", USER_PIN));
    assert!(!user_pin_works(&env, "fresh", "00000000"));
    assert!(so_pin_works(&env, "fresh", "87654321"));
    assert_eq!(env.labels(), vec!["fresh"]);
    // SoftHSM2 offers a new free slot; a second init takes it.
    let out = init(&env, &["--label", "second"]);
    assert!(out.status.success(), "{}", texts(&out).1);
    let mut labels = env.labels();
    labels.sort();
    assert_eq!(labels, vec!["fresh", "second"]);
}

#[test]
fn reinit_needs_force_and_then_erases_the_token() {
    let env = TestEnv::new();
    env.init_token("busy");
    env.pkcs11_tool(&[
        "--token-label",
        "busy",
        "--login",
        "--pin",
        USER_PIN,
        "--keypairgen",
        "--key-type",
        "EC:prime256v1",
        "--label",
        "k1",
    ]);
    let before = env.pkcs11_tool(&["--token-label", "busy", "--login", "--pin", USER_PIN, "-O"]);
    assert!(before.contains("k1"));
    let out = init(&env, &["--token", "busy", "--label", "renamed"]);
    assert_eq!(out.status.code(), Some(7));
    let stderr = texts(&out).1;
    assert!(
        stderr.contains("already initialized")
            && stderr.contains("1 public objects")
            && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(env.labels(), vec!["busy"], "nothing changed");
    assert!(
        env.pkcs11_tool(&["--token-label", "busy", "--login", "--pin", USER_PIN, "-O"])
            .contains("k1")
    );
    // Re-initializing needs the token's current SO PIN.
    let so = env.pin_file("so-current.pin", SO_PIN);
    let user = env.pin_file("new-user.pin", "24681357");
    let out = env
        .cmd()
        .args([
            "token",
            "init",
            "--token",
            "busy",
            "--label",
            "renamed",
            "--force",
            "--so-pin-file",
        ])
        .arg(&so)
        .arg("--pin-file")
        .arg(&user)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", texts(&out).1);
    assert_eq!(env.labels(), vec!["renamed"]);
    let after = env.pkcs11_tool(&[
        "--token-label",
        "renamed",
        "--login",
        "--pin",
        "24681357",
        "-O",
    ]);
    assert!(!after.contains("k1"), "objects erased: {after}");
}

#[test]
fn bad_labels_are_refused_before_the_token_is_touched() {
    let env = TestEnv::new();
    for label in ["", "   ", "this-label-is-longer-than-32-bytes", "tab\there"] {
        let out = init(&env, &["--label", label]);
        assert_eq!(out.status.code(), Some(2), "{label:?}: {}", texts(&out).1);
    }
    // 32 bytes of UTF-8 exactly is fine ("é" is two bytes).
    let out = init(&env, &["--label", "ééééééééééééééé12"]);
    assert!(out.status.success(), "{}", texts(&out).1);
    assert_eq!(env.labels(), vec!["ééééééééééééééé12"]);
}

#[test]
fn short_pins_are_refused_with_the_tokens_range() {
    let env = TestEnv::new();
    let so = env.pin_file("so.pin", "87654321");
    let user = env.pin_file("u.pin", "123");
    let out = env
        .cmd()
        .args(["token", "init", "--label", "x", "--so-pin-file"])
        .arg(&so)
        .arg("--pin-file")
        .arg(&user)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(texts(&out).1.contains("4 to 255"), "{}", texts(&out).1);
    assert!(env.labels().is_empty(), "token left uninitialized");
}

#[test]
fn set_pin_changes_the_user_pin() {
    let env = TestEnv::new();
    env.init_token("chg");
    let current = env.pin_file("cur.pin", USER_PIN);
    let new = env.pin_file("new.pin", "11223344");
    let out = env
        .cmd()
        .args(["token", "set-pin", "--pin-file"])
        .arg(&current)
        .arg("--new-pin-file")
        .arg(&new)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", texts(&out).1);
    assert!(texts(&out).0.contains("user PIN changed"));
    assert!(user_pin_works(&env, "chg", "11223344"));
    assert!(!user_pin_works(&env, "chg", USER_PIN));
}

#[test]
fn set_pin_so_changes_the_so_pin() {
    let env = TestEnv::new();
    env.init_token("so");
    let out = env
        .cmd()
        .env("HSMCTL_SO_PIN", SO_PIN)
        .env("HSMCTL_NEW_PIN", "99887766")
        .args(["token", "set-pin", "--so", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", texts(&out).1);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["action"], "so_pin_changed");
    assert!(so_pin_works(&env, "so", "99887766"));
    assert!(!so_pin_works(&env, "so", SO_PIN));
}

#[test]
fn init_pin_lets_the_so_reset_the_user_pin() {
    let env = TestEnv::new();
    env.init_token("reset");
    let out = env
        .cmd()
        .env("HSMCTL_SO_PIN", SO_PIN)
        .env("HSMCTL_PIN", "13572468")
        .args(["token", "init-pin"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", texts(&out).1);
    assert!(user_pin_works(&env, "reset", "13572468"));
    assert!(!user_pin_works(&env, "reset", USER_PIN));
}

#[test]
fn wrong_pin_exits_5_with_the_ckr_name_and_never_echoes_the_pin() {
    let env = TestEnv::new();
    env.init_token("wrong");
    let distinctive = "97531864";
    let out = env
        .cmd()
        .env("HSMCTL_PIN", distinctive)
        .env("HSMCTL_NEW_PIN", "12121212")
        .args(["-v", "token", "set-pin"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let (stdout, stderr) = texts(&out);
    assert!(
        stderr.contains("C_Login") && stderr.contains("CKR_PIN_INCORRECT"),
        "{stderr}"
    );
    for secret in [distinctive, "12121212", "3937353331383634"] {
        assert!(
            !stdout.contains(secret) && !stderr.contains(secret),
            "{secret} leaked: {stderr}"
        );
    }
    assert!(user_pin_works(&env, "wrong", USER_PIN), "PIN unchanged");
}

#[test]
fn no_pin_source_without_a_terminal_exits_5_at_once() {
    let env = TestEnv::new();
    env.init_token("nopin");
    // stdin is a pipe that stays open: a command that waited on it would hang here.
    let mut child = env
        .process()
        .args(["token", "set-pin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _keep_open = child.stdin.take();
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("hsmctl waited on stdin for a PIN");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(5));
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(
        stderr.contains("no user PIN source") && stderr.contains("--pin-file"),
        "{stderr}"
    );
}

#[test]
fn pin_files_must_be_private_regular_files() {
    let env = TestEnv::new();
    env.init_token("pf");
    let new = env.pin_file("new.pin", "11223344");
    let run = |pin_file: &std::path::Path| {
        env.cmd()
            .args(["token", "set-pin", "--pin-file"])
            .arg(pin_file)
            .arg("--new-pin-file")
            .arg(&new)
            .output()
            .unwrap()
    };
    let open = env.pin_file("open.pin", USER_PIN);
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(&open);
    assert_eq!(out.status.code(), Some(5));
    assert!(texts(&out).1.contains("chmod 600"), "{}", texts(&out).1);
    let link = env.dir.path().join("link.pin");
    std::os::unix::fs::symlink(env.pin_file("target.pin", USER_PIN), &link).unwrap();
    let out = run(&link);
    assert_eq!(out.status.code(), Some(5));
    assert!(texts(&out).1.contains("symbolic link"), "{}", texts(&out).1);
    let out = run(env.dir.path());
    assert_eq!(out.status.code(), Some(5));
    let out = run(&env.dir.path().join("missing.pin"));
    assert_eq!(out.status.code(), Some(5));
    // A FIFO must not block: it is refused as not a regular file.
    let fifo = env.dir.path().join("fifo.pin");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::fs::set_permissions(&fifo, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = run(&fifo);
    assert_eq!(out.status.code(), Some(5));
    assert!(
        user_pin_works(&env, "pf", USER_PIN),
        "PIN unchanged by refused runs"
    );
    // CRLF line endings are tolerated.
    let crlf = env.dir.path().join("crlf.pin");
    std::fs::write(&crlf, format!("{USER_PIN}\r\n")).unwrap();
    std::fs::set_permissions(&crlf, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(run(&crlf).status.success());
    assert!(user_pin_works(&env, "pf", "11223344"));
}

#[test]
fn pin_env_and_pin_fd_sources() {
    let env = TestEnv::new();
    env.init_token("src");
    // --pin-env names the variable.
    let out = env
        .cmd()
        .env("MY_PIN", USER_PIN)
        .env("HSMCTL_NEW_PIN", "11112222")
        .args(["token", "set-pin", "--pin-env", "MY_PIN"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", texts(&out).1);
    // An unset variable is an authentication error naming it.
    let out = env
        .cmd()
        .env("HSMCTL_NEW_PIN", "1")
        .args(["token", "set-pin", "--pin-env", "UNSET_PIN_VAR"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(texts(&out).1.contains("UNSET_PIN_VAR"));
    // --pin-fd reads an inherited descriptor (here from bash's redirection).
    let pin_path = env.pin_file("fd.pin", "11112222");
    let fd_file = pin_path.display();
    let out = env.bash(&format!(
        "echo 33334444 | $HSMCTL token set-pin --pin-fd 3 --new-pin-fd 0 3<{fd_file}"
    ));
    // fd 0 is refused as a PIN descriptor (stdin is the prompt's), so use a second fd.
    assert_eq!(out.status.code(), Some(2), "{}", texts(&out).1);
    let out = env.bash(&format!(
        "$HSMCTL token set-pin --pin-fd 3 --new-pin-fd 4 3<{fd_file} 4< <(echo 33334444)"
    ));
    assert!(out.status.success(), "{}", texts(&out).1);
    assert!(user_pin_works(&env, "src", "33334444"));
    // A descriptor that is not open.
    let out = env
        .cmd()
        .args(["token", "set-pin", "--pin-fd", "77"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
}

#[test]
fn uri_pin_source_and_pin_value() {
    let env = TestEnv::new();
    env.init_token("uri");
    let pin_path = env.pin_file("uri.pin", USER_PIN);
    let uri = format!("pkcs11:token=uri?pin-source=file:{}", pin_path.display());
    let out = env
        .cmd()
        .env("HSMCTL_NEW_PIN", "55556666")
        .args(["token", "set-pin", "--uri", &uri])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", texts(&out).1);
    assert!(user_pin_works(&env, "uri", "55556666"));
    // pin-value works but warns that the PIN is visible.
    let out = env
        .cmd()
        .env("HSMCTL_NEW_PIN", "77778888")
        .args([
            "token",
            "set-pin",
            "--uri",
            "pkcs11:token=uri?pin-value=55556666",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", texts(&out).1);
    assert!(texts(&out).1.contains("warning:") && texts(&out).1.contains("process list"));
    assert!(user_pin_works(&env, "uri", "77778888"));
}

//! What hsmctl asks of the module, seen by OpenSC's pkcs11-spy (a real module that logs every
//! call and forwards to SoftHSM2): one C_Initialize, one session, C_Finalize last.

mod common;
use common::pty::PtySession;
use common::*;

fn spied(env: &TestEnv, args: &[&str], extra_env: &[(&str, &str)]) -> Vec<String> {
    let log = env.dir.path().join("spy.log");
    let _ = std::fs::remove_file(&log);
    let out = env
        .cmd()
        .env("HSMCTL_MODULE", SPY)
        .env("PKCS11SPY", MODULE)
        .env("PKCS11SPY_OUTPUT", &log)
        .envs(extra_env.iter().copied())
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", texts(&out).1);
    spy_calls(&log)
}

fn count(calls: &[String], name: &str) -> usize {
    calls.iter().filter(|c| *c == name).count()
}

#[test]
fn slots_initializes_once_opens_no_session_and_finalizes_last() {
    let env = TestEnv::new();
    env.init_token("a");
    env.init_token("b");
    let calls = spied(&env, &["slots"], &[]);
    assert_eq!(count(&calls, "C_Initialize"), 1, "{calls:?}");
    assert_eq!(count(&calls, "C_Finalize"), 1, "{calls:?}");
    assert_eq!(calls.last().map(String::as_str), Some("C_Finalize"));
    assert_eq!(count(&calls, "C_OpenSession"), 0);
    // Three slots: one info and one token-info call each, no more.
    assert_eq!(count(&calls, "C_GetSlotInfo"), 3, "{calls:?}");
    assert_eq!(count(&calls, "C_GetTokenInfo"), 3, "{calls:?}");
}

#[test]
fn mechanisms_are_read_through_the_same_initialized_module() {
    let env = TestEnv::new();
    env.init_token("m");
    let calls = spied(&env, &["slot", "show", "--mechanisms"], &[]);
    assert_eq!(count(&calls, "C_Initialize"), 1, "{calls:?}");
    assert_eq!(calls.last().map(String::as_str), Some("C_Finalize"));
    let infos = count(&calls, "C_GetMechanismInfo");
    assert!(infos >= 60, "every SoftHSM2 mechanism asked about: {infos}");
}

#[test]
fn a_login_command_uses_one_session_closed_before_finalize() {
    let env = TestEnv::new();
    env.init_token("s");
    let calls = spied(
        &env,
        &["token", "set-pin"],
        &[("HSMCTL_PIN", USER_PIN), ("HSMCTL_NEW_PIN", "11223344")],
    );
    assert_eq!(count(&calls, "C_OpenSession"), 1, "{calls:?}");
    assert_eq!(count(&calls, "C_Login"), 1, "{calls:?}");
    assert_eq!(count(&calls, "C_SetPIN"), 1, "{calls:?}");
    let close = calls
        .iter()
        .rposition(|c| c == "C_CloseSession")
        .expect("session closed");
    let fin = calls
        .iter()
        .rposition(|c| c == "C_Finalize")
        .expect("finalized");
    assert!(close < fin, "{calls:?}");
}

#[test]
fn on_a_terminal_pins_are_prompted_for_without_echo() {
    let env = TestEnv::new();
    env.init_token("tty");
    let mut cmd = env.process();
    cmd.args(["token", "set-pin"]);
    let mut s = PtySession::spawn(cmd);
    s.expect_secret_prompt("user PIN for token 'tty'");
    s.send(&format!("{USER_PIN}\r"));
    s.expect_secret_prompt("new PIN for token 'tty'");
    s.send("31313131\r");
    s.expect_secret_prompt("Repeat it");
    s.send("31313131\r");
    let (status, transcript) = s.finish();
    assert!(status.success(), "{transcript}");
    assert!(transcript.contains("user PIN changed"), "{transcript}");
    assert!(
        !transcript.contains(USER_PIN) && !transcript.contains("31313131"),
        "echoed: {transcript}"
    );
    let ok =
        env.pkcs11_tool_output(&["--token-label", "tty", "--login", "--pin", "31313131", "-O"]);
    assert!(ok.status.success());
}

#[test]
fn list_reads_each_object_with_one_attribute_call() {
    let env = TestEnv::new();
    env.init_token("l");
    for (kt, label) in [("ec:p256", "a"), ("rsa:2048", "b"), ("ed25519", "c")] {
        env.cmd()
            .env("HSMCTL_PIN", USER_PIN)
            .args(["keygen", "--key-type", kt, "--label", label])
            .assert()
            .success();
    }
    let calls = spied(&env, &["list", "--json"], &[("HSMCTL_PIN", USER_PIN)]);
    assert_eq!(count(&calls, "C_OpenSession"), 1, "{calls:?}");
    assert_eq!(count(&calls, "C_Login"), 1);
    assert_eq!(count(&calls, "C_FindObjectsInit"), 1, "one search");
    assert_eq!(
        count(&calls, "C_GetAttributeValue"),
        6,
        "one call per object: {calls:?}"
    );
}

#[test]
fn delete_asks_on_a_terminal_and_honours_the_answer() {
    let env = TestEnv::new();
    env.init_token("d");
    env.cmd()
        .env("HSMCTL_PIN", USER_PIN)
        .args(["keygen", "--key-type", "ec:p256", "--label", "victim"])
        .assert()
        .success();
    let ask = |answer: &str| {
        let mut cmd = env.process();
        cmd.env("HSMCTL_PIN", USER_PIN)
            .args(["delete", "--label", "victim", "--pair"]);
        let mut s = PtySession::spawn(cmd);
        s.expect("Delete these 2 object(s) from token 'd'?");
        s.send(answer);
        s.finish()
    };
    let (status, transcript) = ask("n");
    assert_eq!(status.code(), Some(2), "{transcript}");
    assert_eq!(
        objects_seen_by_pkcs11_tool(&env, "d").len(),
        2,
        "declined: nothing deleted"
    );
    let (status, transcript) = ask("y");
    assert!(status.success(), "{transcript}");
    assert!(
        transcript.contains("Deleted private key 'victim'"),
        "{transcript}"
    );
    assert!(objects_seen_by_pkcs11_tool(&env, "d").is_empty());
}

//! Issue 13: one test per defect class found by outside testing (panics on large numbers,
//! truncated attributes, terminal injection, invalid keys signed, duplicate inputs, `-o` over
//! devices, paths from the config file, secrets in history, prompts with stderr redirected,
//! lunacm scripts, --repair, the store lock, interrupts, refusals that change things,
//! validation gaps, raw errors, `verify --connect`, unusable stdout, listing details, the PIN in
//! /proc/PID/environ). Each failed before its fix.

mod common;

use common::{MODULE, TestEnv, USER_PIN, openssl_command, openssl_output, words};
use std::path::Path;
use std::process::Output;

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A token `t` with an EC key pair `K`.
fn token_with_key() -> TestEnv {
    let env = TestEnv::new();
    env.init_token("t");
    env.run_ok(&[
        "generatekeypair",
        "--token",
        "t",
        "--label",
        "K",
        "--key-type",
        "ec:p256",
    ]);
    env
}

/// Runs hsmctl with the user PIN and the words of `line` (no quoting needed in these tests).
fn h(env: &TestEnv, line: &str) -> Output {
    env.run(&words(line))
}

fn assert_no_panic(o: &Output, what: &str) {
    assert_ne!(o.status.code(), Some(101), "{what} panicked: {}", err(o));
    assert!(!err(o).contains("panicked"), "{what}: {}", err(o));
}

#[test]
fn large_numbers_are_refused_with_their_range_not_a_panic() {
    let env = token_with_key();
    let sel = "--token t --label K --cn x";
    for (line, code) in [
        (format!("selfsign-cert {sel} --days 3000000"), 2),
        (
            format!("selfsign-cert {sel} --not-before 9999-12-31 --days 2"),
            2,
        ),
        (
            "--lock-timeout 18446744073709551615 list --token t".to_string(),
            2,
        ),
        ("--lock-timeout 99999999 list --token t".to_string(), 2),
    ] {
        let o = h(&env, &line);
        assert_no_panic(&o, &line);
        assert_eq!(o.status.code(), Some(code), "{line}: {}", err(&o));
        assert!(
            err(&o).contains("9999-12-31") || err(&o).contains(".."),
            "{line}: {}",
            err(&o)
        );
    }
    // cmu's -startDate goes the same way.
    let o = std::process::Command::new(assert_cmd::cargo::cargo_bin("cmu"))
        .env("SOFTHSM2_CONF", &env.conf)
        .env("HSMCTL_HOME", &env.home)
        .env("HSMCTL_MODULE", MODULE)
        .env("HSMCTL_PIN", USER_PIN)
        .args([
            "selfsigncertificate",
            "-startDate=99991231",
            "-label=K",
            "-CN=x",
        ])
        .args(["-outputfile=c.pem"])
        .current_dir(env.dir.path())
        .output()
        .unwrap();
    assert_no_panic(&o, "cmu -startDate=99991231");
    assert_ne!(o.status.code(), Some(0));
}

/// Boundary values through every numeric option: no run exits 101.
#[test]
fn every_numeric_option_survives_boundary_values() {
    let env = token_with_key();
    let key = env.dir.path().join("u");
    let k = key.to_str().unwrap();
    assert!(
        std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f", k])
            .status()
            .unwrap()
            .success()
    );
    let pubkey = format!("{k}.pub");
    let values = [
        "0",
        "-1",
        "2147483648",
        "9223372036854775808",
        "18446744073709551616",
        "99999999999999999999999999999999",
        "",
    ];
    let sel = "--token t --label K --cn x";
    for v in values {
        for template in [
            format!("selfsign-cert {sel} --days {v}"),
            format!("request-cert {sel} --serial-number {v}"),
            format!("selfsign-cert {sel} --serial-number {v}"),
            format!("--lock-timeout {v} list --token t"),
            format!("sign-ssh-cert --token t --ca-label K -I i -n u -V +{v}w {pubkey}"),
            format!("sign-ssh-cert --token t --ca-label K -I i -n u -V +1d -z {v} {pubkey}"),
            format!("sign-ssh-cert --token t --ca-label K -I i -n u -V +1d --jobs {v} {pubkey}"),
            format!("generatekeypair --token t --label n --key-type rsa:{v}"),
            format!("generatekeypair --token t --label n --key-type rsa --public-exponent {v}"),
            format!("addserver -n s -c {pubkey} -p {v}"),
            format!("createcert -n c --days {v}"),
            format!("verify --no-slots --connect --connect-timeout {v}"),
            format!("list --token t --slot {v}"),
            format!("list --token t --handle {v}"),
        ] {
            let mut argv = words(&template);
            if v.is_empty() {
                // An empty value: the option's argument is "".
                let i = argv
                    .iter()
                    .position(|w| w.ends_with('w') && w.starts_with('+'));
                if let Some(i) = i {
                    argv[i] = "+w";
                }
            }
            let o = env.run(&argv);
            assert_no_panic(&o, &template);
            let _ = std::fs::remove_file(format!("{k}-cert.pub"));
        }
    }
    // Huge strings too.
    let huge = "9".repeat(100_000);
    let o = env.run(&[
        "selfsign-cert",
        "--token",
        "t",
        "--label",
        "K",
        "--cn",
        "x",
        "--days",
        &huge,
    ]);
    assert_no_panic(&o, "a 100,000-digit --days");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn attributes_longer_than_128_bytes_are_read_whole() {
    let env = TestEnv::new();
    env.init_token("t");
    let id = "ab".repeat(200);
    let label = "L".repeat(200);
    env.run_ok(&[
        "keygen",
        "--token",
        "t",
        "--label",
        "big",
        "--key-type",
        "ec:p256",
        "--id",
        &id,
    ]);
    env.run_ok(&[
        "keygen",
        "--token",
        "t",
        "--label",
        &label,
        "--key-type",
        "ec:p256",
    ]);
    let list: serde_json::Value =
        serde_json::from_str(&env.run_ok(&["list", "--token", "t", "--login", "--json"])).unwrap();
    let objects = list["objects"].as_array().unwrap();
    let big: Vec<_> = objects.iter().filter(|o| o["label"] == "big").collect();
    assert_eq!(big.len(), 2, "{list}");
    for o in &big {
        assert_eq!(o["id"], id, "{o}");
        assert_eq!(o["paired"], true, "{o}");
    }
    assert_eq!(
        objects
            .iter()
            .filter(|o| o["label"] == label.as_str())
            .count(),
        2
    );
    // doctor sees no empty id, and delete --pair finds both halves.
    let doctor = env.run(&["doctor", "--token", "t", "--json"]);
    assert!(!out(&doctor).contains("empty_id"), "{}", out(&doctor));
    let o = env.run(&["delete", "--token", "t", "--id", &id, "--pair", "--yes"]);
    assert!(o.status.success(), "{}", err(&o));
    let ids = env.pkcs11_tool(&["-O"]);
    assert!(!ids.contains(&id[..64]), "{ids}");
}

#[test]
fn control_characters_in_token_data_are_escaped_for_people() {
    let env = TestEnv::new();
    env.init_token("t");
    let evil = "evil\x1b[2J\nfake";
    env.pkcs11_tool(&[
        "--token-label",
        "t",
        "--login",
        "--pin",
        USER_PIN,
        "--keypairgen",
        "--key-type",
        "EC:prime256v1",
        "--label",
        evil,
        "--id",
        "99",
    ]);
    for args in [
        vec!["list", "--token", "t"],
        vec!["show", "--token", "t", "--id", "99", "--class", "public"],
        vec!["slots"],
        vec![
            "export-ssh-pubkey",
            "--token",
            "t",
            "--id",
            "99",
            "--comment",
            "c\x1bc",
        ],
    ] {
        let o = env.run(&args);
        let text = format!("{}{}", out(&o), err(&o));
        assert!(
            !text.contains('\x1b'),
            "{args:?} printed a raw ESC: {text:?}"
        );
    }
    let listing = out(&env.run(&["list", "--token", "t"]));
    assert!(listing.contains("evil\\u{1b}[2J\\nfake"), "{listing}");
    // One object per line: the label's newline drew no extra row.
    assert_eq!(listing.lines().filter(|l| l.contains("fake")).count(), 2);
    // JSON keeps the exact value.
    let json = env.json(&["list", "--token", "t"]);
    assert!(
        json["objects"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["label"] == evil)
    );
    // An error quoting the label escapes it too.
    let o = env.run(&["show", "--token", "t", "--label", "x\x1b[31m"]);
    assert!(!err(&o).contains('\x1b'), "{:?}", err(&o));
}

#[test]
fn keys_openssh_would_refuse_are_not_signed() {
    let env = token_with_key();
    let d = env.dir.path();
    // A P-256 point that is not on the curve: the generator with y + 1.
    let gx = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
    let gy = "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f6";
    let mut y = hex::decode(gy).unwrap();
    *y.last_mut().unwrap() ^= 1;
    let mut point = vec![4u8];
    point.extend(hex::decode(gx).unwrap());
    point.extend(y);
    let blob = ssh_blob(&[b"ecdsa-sha2-nistp256", b"nistp256", &point]);
    let off = d.join("off.pub");
    std::fs::write(&off, format!("ecdsa-sha2-nistp256 {} off\n", b64(&blob))).unwrap();
    // A 16392-bit RSA modulus.
    let mut n = vec![0u8];
    n.extend(vec![0xffu8; 2049]);
    let blob = ssh_blob(&[b"ssh-rsa", &[1, 0, 1], &n]);
    let big = d.join("big.pub");
    std::fs::write(&big, format!("ssh-rsa {} big\n", b64(&blob))).unwrap();
    for key in [&off, &big] {
        let o = sign_user(&env, "+1d", key);
        assert_eq!(o.status.code(), Some(3), "{}: {}", key.display(), err(&o));
        let cert = key.with_file_name(format!(
            "{}-cert.pub",
            key.file_stem().unwrap().to_string_lossy()
        ));
        assert!(!cert.exists(), "{}", cert.display());
    }
}

/// sign-ssh-cert for principal u with the token CA K, before the validity and keys.
const SIGN_USER: [&str; 9] = [
    "sign-ssh-cert",
    "--token",
    "t",
    "--ca-label",
    "K",
    "-I",
    "i",
    "-n",
    "u",
];

/// A user certificate for `key` with validity `v`, signed by the token CA K.
fn sign_user(env: &TestEnv, v: &str, key: &Path) -> Output {
    let mut args = SIGN_USER.to_vec();
    args.extend(["-V", v, key.to_str().unwrap()]);
    env.run(&args)
}

fn ssh_blob(parts: &[&[u8]]) -> Vec<u8> {
    let mut v = Vec::new();
    for p in parts {
        v.extend((p.len() as u32).to_be_bytes());
        v.extend(*p);
    }
    v
}

fn b64(b: &[u8]) -> String {
    use base64ct::Encoding;
    base64ct::Base64::encode_string(b)
}

fn user_key(dir: &Path, name: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    assert!(
        std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
            .arg(&p)
            .status()
            .unwrap()
            .success()
    );
    p.with_extension("pub")
}

#[test]
fn the_same_key_given_twice_is_signed_once() {
    let env = token_with_key();
    let keys = env.dir.path().join("keys");
    std::fs::create_dir(&keys).unwrap();
    user_key(&keys, "r");
    let o = env
        .cmd()
        .env("HSMCTL_PIN", USER_PIN)
        .current_dir(&keys)
        .args(SIGN_USER)
        .args(["-V", "+1d", "--json", "r.pub", "./r.pub", "."])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        report["certificates"].as_array().unwrap().len(),
        1,
        "{report}"
    );
    let warnings = report["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2, "{report}");
    assert!(
        warnings[0].as_str().unwrap().contains("same file"),
        "{report}"
    );
    let l = std::process::Command::new("ssh-keygen")
        .args(["-L", "-f"])
        .arg(keys.join("r-cert.pub"))
        .output()
        .unwrap();
    assert!(l.status.success());
}

#[test]
fn dash_o_dash_is_stdout_and_devices_are_written_in_place() {
    let env = token_with_key();
    let d = env.dir.path();
    // -o - is stdout, no file named '-'.
    let o = env
        .cmd()
        .env("HSMCTL_PIN", USER_PIN)
        .current_dir(d)
        .args([
            "export-ssh-pubkey",
            "--token",
            "t",
            "--label",
            "K",
            "-o",
            "-",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).starts_with("ecdsa-sha2-nistp256 "), "{}", out(&o));
    assert!(!d.join("-").exists());
    // A FIFO is written in place and stays a FIFO.
    let fifo = d.join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let o = env.run(&[
        "export-pubkey",
        "--token",
        "t",
        "--label",
        "K",
        "-o",
        fifo.to_str().unwrap(),
        "--force",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(reader.join().unwrap().contains("BEGIN PUBLIC KEY"));
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    // A character device is never renamed over: /dev/full gets the write (and ENOSPC, exit 9)
    // and stays the device.
    for cmd in [
        vec!["export-pubkey", "--token", "t", "--label", "K"],
        vec!["export-ssh-pubkey", "--token", "t", "--label", "K"],
        vec!["request-cert", "--token", "t", "--label", "K", "--cn", "x"],
    ] {
        let mut argv = cmd.clone();
        argv.extend(["-o", "/dev/full", "--force"]);
        let o = env.run(&argv);
        assert_eq!(o.status.code(), Some(9), "{argv:?}: {}", err(&o));
        let m = std::fs::symlink_metadata("/dev/full").unwrap();
        assert!(
            m.file_type().is_char_device(),
            "/dev/full was replaced by {argv:?}"
        );
    }
    // A directory given to --force is refused, not replaced.
    let o = env.run(&[
        "export-pubkey",
        "--token",
        "t",
        "--label",
        "K",
        "-o",
        d.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
}

#[test]
fn names_read_from_the_config_file_get_the_checks_of_argv() {
    let env = TestEnv::new();
    let outside = env.dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let home = &env.home;
    for bad in [
        "client = \"../../outside/x\"\n",
        "[[server]]\nname = \"../../outside/x\"\nfingerprint = \"00\"\n",
        &format!(
            "[[server]]\nname = \"srv\"\nport = 0\nfingerprint = \"{}\"\n",
            "a".repeat(64)
        ),
    ] {
        std::fs::write(home.join("hsmctl.toml"), bad).unwrap();
        for args in [
            vec!["client-key", "roll"],
            vec!["verify", "--no-slots"],
            vec!["listservers"],
        ] {
            let o = env.cmd().args(&args).output().unwrap();
            assert_eq!(o.status.code(), Some(3), "{bad} {args:?}: {}", err(&o));
        }
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    }
    // A symlinked hsmctl.toml is refused, not followed.
    let real = env.dir.path().join("real.toml");
    std::fs::write(&real, "").unwrap();
    std::fs::remove_file(home.join("hsmctl.toml")).unwrap();
    std::os::unix::fs::symlink(&real, home.join("hsmctl.toml")).unwrap();
    let o = env.cmd().args(["listservers"]).output().unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", err(&o));
    assert!(err(&o).contains("symbolic link"), "{}", err(&o));
}

#[test]
fn a_lunacm_line_with_a_password_stays_out_of_the_history() {
    let env = TestEnv::new();
    env.init_token("t");
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("lunacm"));
    cmd.env("SOFTHSM2_CONF", &env.conf)
        .env("HSMCTL_HOME", &env.home)
        .env("HSMCTL_MODULE", MODULE)
        .env("TERM", "dumb");
    let mut s = common::pty::PtySession::spawn(cmd);
    s.expect("lunacm:>");
    s.send(&format!("role login -name co -password {USER_PIN}\r"));
    s.expect("Command Result");
    s.send("slot list\r");
    s.expect_nth("Command Result", 2);
    s.send("exit\r");
    let (status, _) = s.finish();
    assert!(status.success());
    let history = std::fs::read_to_string(env.home.join("lunacm_history")).unwrap();
    assert!(history.contains("slot list"), "{history}");
    assert!(!history.contains(USER_PIN), "{history}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(env.home.join("lunacm_history"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "{mode:o}");
}

#[test]
fn the_pin_prompt_uses_the_terminal_when_stderr_is_redirected() {
    let env = token_with_key();
    let errfile = env.dir.path().join("err");
    let mut cmd = std::process::Command::new("bash");
    cmd.args([
        "-c",
        "exec \"$HSMCTL\" list --token t --login 2>\"$ERRFILE\"",
    ])
    .env("HSMCTL", assert_cmd::cargo::cargo_bin("hsmctl"))
    .env("ERRFILE", &errfile)
    .env("SOFTHSM2_CONF", &env.conf)
    .env("HSMCTL_HOME", &env.home)
    .env("HSMCTL_MODULE", MODULE)
    .env_remove("HSMCTL_PIN");
    let mut s = common::pty::PtySession::spawn(cmd);
    s.expect_secret_prompt("user PIN for");
    s.send(&format!("{USER_PIN}\r"));
    let (status, transcript) = s.finish();
    assert!(
        status.success(),
        "{transcript}\n{}",
        std::fs::read_to_string(&errfile).unwrap()
    );
    assert!(
        !transcript.contains(USER_PIN),
        "the PIN was echoed: {transcript}"
    );
    assert!(!transcript.contains("cannot read"), "{transcript}");
}

#[test]
fn empty_entries_at_the_pin_prompt_end_with_exit_5_and_no_login() {
    let env = token_with_key();
    let log = env.dir.path().join("spy.log");
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("hsmctl"));
    cmd.env("SOFTHSM2_CONF", &env.conf)
        .env("HSMCTL_HOME", &env.home)
        .env("HSMCTL_MODULE", "/usr/lib/x86_64-linux-gnu/pkcs11-spy.so")
        .env("PKCS11SPY", MODULE)
        .env("PKCS11SPY_OUTPUT", &log)
        .env_remove("HSMCTL_PIN")
        .args(["list", "--token", "t", "--login"]);
    let mut s = common::pty::PtySession::spawn(cmd);
    s.expect_secret_prompt("user PIN for");
    for i in 1..=3 {
        s.send("\r");
        if i < 3 {
            s.expect_nth("cannot be empty", i);
            s.expect_nth("user PIN for", 2 * i + 1);
        }
    }
    let (status, transcript) = s.finish();
    assert_eq!(status.code(), Some(5), "{transcript}");
    assert!(transcript.contains("cannot be empty"), "{transcript}");
    let spy = std::fs::read_to_string(&log).unwrap();
    assert!(
        spy.contains("C_GetTokenInfo"),
        "pkcs11-spy saw nothing: {spy}"
    );
    assert!(!spy.contains("C_Login"), "C_Login was called");
}

#[test]
fn lunacm_scripts_report_unreadable_lines_and_keep_failures() {
    let env = TestEnv::new();
    env.init_token("t");
    let run = |script: &[u8]| {
        use std::io::Write;
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("lunacm"))
            .env("SOFTHSM2_CONF", &env.conf)
            .env("HSMCTL_HOME", &env.home)
            .env("HSMCTL_MODULE", MODULE)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(script).unwrap();
        child.wait_with_output().unwrap()
    };
    let o = run(b"slot list\n\xff\nslot list\nbogus\n");
    assert_ne!(o.status.code(), Some(0));
    assert!(err(&o).contains("line 2"), "{}", err(&o));
    assert!(err(&o).contains("bogus"), "{}", err(&o));
    assert_eq!(
        out(&o).matches("Command Result : 0").count(),
        2,
        "{}",
        out(&o)
    );
    // A failure first, successes after: still a failure.
    let o = run(b"bogus\nslot list\n");
    assert_ne!(o.status.code(), Some(0));
}

fn server_cert(env: &TestEnv, name: &str) -> std::path::PathBuf {
    common::server_cert(
        env.dir.path(),
        name,
        name,
        &["-addext", "basicConstraints=critical,CA:FALSE"],
    )
    .0
}

fn bundle_count(env: &TestEnv) -> usize {
    let bundle = std::fs::read_to_string(env.home.join("cert/server/CAFile.pem")).unwrap();
    bundle.matches("BEGIN CERTIFICATE").count()
}

#[test]
fn repair_rebuilds_the_bundle_from_every_registered_server() {
    let env = TestEnv::new();
    let c1 = server_cert(&env, "srv1");
    let c2 = server_cert(&env, "srv2");
    env.run_ok(&["addserver", "-n", "srv1", "-c", c1.to_str().unwrap()]);
    std::fs::write(env.home.join("cert/server/CAFile.pem"), "garbage\n").unwrap();
    let o = env.run(&[
        "addserver",
        "-n",
        "srv2",
        "-c",
        c2.to_str().unwrap(),
        "--repair",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(bundle_count(&env), 2);
    // openssl agrees: both certificates verify against the bundle.
    for c in [&c1, &c2] {
        let bundle = env.home.join("cert/server/CAFile.pem");
        let v = openssl_output(&words(&format!(
            "verify -partial_chain -CAfile {} {}",
            bundle.display(),
            c.display()
        )));
        assert!(v.status.success(), "{}", err(&v));
    }
}

#[test]
fn one_store_has_one_lock_whatever_module_path_or_home() {
    let env = token_with_key();
    let runtime = env.dir.path().join("run");
    std::fs::create_dir(&runtime).unwrap();
    let proxy = "/usr/lib/x86_64-linux-gnu/p11-kit-proxy.so";
    assert!(
        Path::new(proxy).exists(),
        "p11-kit-proxy.so missing (apt-get install p11-kit)"
    );
    let ro_home = env.dir.path().join("ro-home");
    std::fs::create_dir(&ro_home).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&ro_home, std::fs::Permissions::from_mode(0o500)).unwrap();
    for (module, home) in [(MODULE, &env.home), (proxy, &ro_home)] {
        let o = env
            .cmd()
            .env("XDG_RUNTIME_DIR", &runtime)
            .env("HSMCTL_MODULE", module)
            .env("HSMCTL_HOME", home)
            .args(["list", "--token", "t", "-v"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{module}: {}", err(&o));
        assert!(!err(&o).contains("no store lock"), "{module}: {}", err(&o));
    }
    let locks: Vec<_> = std::fs::read_dir(runtime.join("hsmctl-locks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(locks.len(), 1, "{locks:?}");
    assert!(locks[0].starts_with("softhsm2"), "{locks:?}");
}

#[test]
fn sigterm_during_bulk_signing_leaves_no_temp_file() {
    let env = token_with_key();
    let keys = env.dir.path().join("keys");
    std::fs::create_dir(&keys).unwrap();
    for i in 0..40 {
        user_key(&keys, &format!("k{i}"));
    }
    // strace delivers the signal as the run enters its sync: every certificate is then staged
    // as a temp file beside its target (without the handler, the signal kills the process and
    // they stay).
    for (sig, code) in [("TERM", 143), ("INT", 130)] {
        let o = env.bash(&format!(
            "export HSMCTL_PIN={USER_PIN}
             strace -f -o {log} -e trace=syncfs,linkat,renameat,rename -e inject=syncfs:signal={sig} \
               \"$HSMCTL\" sign-ssh-cert --token t --ca-label K -I i -n u -V +1d --force {dir}
             echo \"rc=$?\"",
            dir = keys.display(),
            log = env.dir.path().join("strace.log").display()
        ));
        assert!(
            out(&o).contains(&format!("rc={code}")),
            "{sig}: {} {}",
            out(&o),
            err(&o)
        );
        let trace = std::fs::read_to_string(env.dir.path().join("strace.log")).unwrap();
        assert!(
            trace.contains("syncfs("),
            "the run never reached its sync: {trace}"
        );
        let left: Vec<_> = std::fs::read_dir(&keys)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(left.is_empty(), "{sig}: {left:?}");
    }
}

#[test]
fn refusals_change_nothing() {
    let env = token_with_key();
    let existing = env.dir.path().join("existing.pem");
    std::fs::write(&existing, "keep").unwrap();
    let certs = |env: &TestEnv| {
        env.pkcs11_tool(&["-O", "--type", "cert"])
            .matches("Certificate Object")
            .count()
    };
    // selfsign-cert for K with --store and the extra arguments.
    let store = |cn: &str, extra: &[&str]| {
        let mut args = vec![
            "selfsign-cert",
            "--token",
            "t",
            "--label",
            "K",
            "--cn",
            cn,
            "--store",
        ];
        args.extend(extra);
        env.run(&args)
    };
    let o = store("x", &["-o", existing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(7), "{}", err(&o));
    assert_eq!(certs(&env), 0);
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep");
    // Stored once; a second --store needs --force and then replaces, never duplicates.
    let o = store("x", &[]);
    assert!(o.status.success(), "{}", err(&o));
    let o = store("x", &[]);
    assert_eq!(o.status.code(), Some(7), "{}", err(&o));
    let o = store("y", &["--force"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(certs(&env), 1);

    // A refused addserver or createcert creates nothing in a fresh home.
    let fresh = env.dir.path().join("fresh");
    std::fs::create_dir(&fresh).unwrap();
    let bad = env.dir.path().join("bad.pem");
    std::fs::write(&bad, "not a certificate").unwrap();
    for args in [
        vec!["addserver", "-n", "srv", "-c", bad.to_str().unwrap()],
        vec!["createcert", "-n", "../x"],
    ] {
        let o = env
            .cmd()
            .env("HSMCTL_HOME", &fresh)
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(3), "{args:?}: {}", err(&o));
        assert_eq!(std::fs::read_dir(&fresh).unwrap().count(), 0, "{args:?}");
    }

    // addServer again without -htl does not silently drop the HTL.
    let c = server_cert(&env, "srv");
    env.run_ok(&["addserver", "-n", "srv", "-c", c.to_str().unwrap(), "--htl"]);
    let o = env.run(&["addserver", "-n", "srv", "-c", c.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(7), "{}", err(&o));
    let list = env.json(&["listservers"]);
    assert_eq!(list["servers"][0]["htl"], true, "{list}");
    let o = env.run(&["addserver", "-n", "srv", "-c", c.to_str().unwrap(), "--htl"]);
    assert!(o.status.success());
    assert!(out(&o).contains("already registered"), "{}", out(&o));
    assert!(!out(&o).contains("successfully added"), "{}", out(&o));
}

#[test]
fn validation_gaps_are_closed() {
    let env = token_with_key();
    let c = server_cert(&env, "srv");
    let cert = c.to_str().unwrap();
    for name in ["01.02.03.004", "256.1.1.1", "1.2.3"] {
        let o = env.run(&["addserver", "-n", name, "-c", cert, "--allow-name-mismatch"]);
        assert_eq!(o.status.code(), Some(3), "{name}: {}", err(&o));
    }
    let o = env.run(&["addserver", "-n", "srv", "-c", cert, "-p", "0"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    for (flag, value) in [
        ("--dns", "..."),
        ("--email-san", "notanemail"),
        ("--uri-san", "no uri"),
    ] {
        let o = env.run(&[
            "request-cert",
            "--token",
            "t",
            "--label",
            "K",
            "--cn",
            "x",
            flag,
            value,
        ]);
        assert_eq!(o.status.code(), Some(2), "{flag} {value}: {}", err(&o));
    }
    // A PIN outside the token's length range never reaches C_Login (no retry spent).
    let long = "1".repeat(2000);
    let o = env
        .cmd()
        .env("HSMCTL_PIN", &long)
        .args(["list", "--token", "t", "--login"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", err(&o));
    let show = env.json(&["slot", "show", "--token", "t"]);
    assert!(
        !show.to_string().contains("\"user_pin_count_low\":true"),
        "{show}"
    );
    // -V far past the calendar is forever.
    let key = user_key(env.dir.path(), "u");
    let o = sign_user(&env, "+99999999w", &key);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("--allow-forever"), "{}", err(&o));
    // rsa: with no size, and a key half with no usage.
    for args in [
        vec![
            "keygen",
            "--token",
            "t",
            "--label",
            "n",
            "--key-type",
            "rsa:",
        ],
        vec![
            "keygen",
            "--token",
            "t",
            "--label",
            "n",
            "--key-type",
            "ec:p256",
            "--sign=false",
        ],
    ] {
        let o = env.run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
    }
    assert!(!env.pkcs11_tool(&["-O"]).contains("label:      n\n"));
    // A second token with a label in use.
    let o = env
        .cmd()
        .env("HSMCTL_SO_PIN", "12345678")
        .env("HSMCTL_NEW_PIN", "12345678")
        .env("HSMCTL_PIN", "12345678")
        .args(["token", "init", "--label", "t"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(7), "{}", err(&o));
    assert_eq!(
        env.pkcs11_tool(&["-L"])
            .matches("token label        : t\n")
            .count(),
        1
    );
}

#[test]
fn errors_name_the_problem_in_words() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let c1 = server_cert(&env, "srv");
    let key = user_key(d, "u");
    std::fs::write(d.join("one"), "x").unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "addserver".into(),
                "-n".into(),
                "srv".into(),
                "-c".into(),
                key.display().to_string(),
            ],
            "OpenSSH",
        ),
        (
            vec![
                "addserver".into(),
                "-n".into(),
                "srv".into(),
                "-c".into(),
                d.join("one").display().to_string(),
            ],
            "not PEM",
        ),
        (
            vec![
                "addserver".into(),
                "-n".into(),
                "host:1792".into(),
                "-c".into(),
                c1.display().to_string(),
            ],
            "-p",
        ),
        (
            vec![
                "sign-ssh-cert".into(),
                "--ca-label".into(),
                "K".into(),
                "-I".into(),
                "i".into(),
                "-n".into(),
                "u".into(),
                "-V".into(),
                "20250230".into(),
                key.display().to_string(),
            ],
            "invalid validity",
        ),
    ];
    for (args, words) in cases {
        let o = env.cmd().args(&args).output().unwrap();
        let e = err(&o);
        assert!(e.contains(words), "{args:?}: {e}");
        for debug in [
            "Der(",
            "NomError",
            "Parsing requires",
            "UnexpectedTag",
            "Other(",
        ] {
            assert!(!e.contains(debug), "{args:?} shows Debug text: {e}");
        }
    }
    // --home naming a file.
    std::fs::write(d.join("file"), "").unwrap();
    let o = env
        .cmd()
        .env("HSMCTL_HOME", d.join("file"))
        .args(["addserver", "-n", "srv", "-c", c1.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("not a directory"), "{}", err(&o));
}

#[test]
fn verify_connect_fails_when_the_server_asks_no_client_certificate() {
    let env = TestEnv::new();
    let c = server_cert(&env, "localhost");
    let key = env.dir.path().join("localhost.key");
    env.run_ok(&[
        "addserver",
        "-n",
        "localhost",
        "-c",
        c.to_str().unwrap(),
        "-p",
        "47391",
    ]);
    env.run_ok(&["createcert", "-n", "client1", "--key-type", "ec:p256"]);
    let args = format!(
        "s_server -quiet -www -accept 127.0.0.1:47391 -cert {} -key {}",
        c.display(),
        key.display()
    );
    let mut server = openssl_command(&words(&args))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let o = env
        .cmd()
        .args([
            "verify",
            "--no-slots",
            "--connect",
            "--connect-timeout",
            "5",
        ])
        .output()
        .unwrap();
    let _ = server.kill();
    let _ = server.wait();
    let text = format!("{}{}", out(&o), err(&o));
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.contains("did not ask for a client certificate"),
        "{text}"
    );
}

#[test]
fn a_closed_or_full_stdout_is_exit_9() {
    let env = token_with_key();
    for script in [
        "export HSMCTL_PIN=56473829; \"$HSMCTL\" list --token t >&-",
        "\"$HSMCTL\" --help >/dev/full",
        "\"$HSMCTL\" slots >/dev/full",
    ] {
        let o = env.bash(script);
        assert_eq!(o.status.code(), Some(9), "{script}: {}", err(&o));
    }
    // A reader that goes away is still success.
    let o = env.bash("\"$HSMCTL\" --help | head -1 >/dev/null; echo ${PIPESTATUS[0]}");
    assert_eq!(out(&o).trim(), "0");
}

#[test]
fn listing_details_hold() {
    let env = token_with_key();
    let o: serde_json::Value = serde_json::from_str(&env.run_ok(&[
        "list", "--token", "t", "--login", "--class", "private", "--label", "K", "--json",
    ]))
    .unwrap();
    assert_eq!(o["objects"][0]["paired"], true, "{o}");
    let o = env.run(&["export-ssh-pubkey", "--token", "t", "--label", "nothere"]);
    assert_eq!(o.status.code(), Some(6));
    assert!(err(&o).contains("--token t"), "{}", err(&o));
    let o = env.run(&["show", "--token", "t", "--label", "K"]);
    assert_eq!(o.status.code(), Some(6));
    assert!(!err(&o).contains("--handle"), "{}", err(&o));
    let o = env.run(&[
        "keygen",
        "--token",
        "t",
        "--label",
        "e",
        "--key-type",
        "ec:p256",
        "--encrypt",
    ]);
    assert!(err(&o).contains("--encrypt makes no sense"), "{}", err(&o));
}

#[test]
fn the_pin_from_hsmctl_pin_leaves_proc_environ() {
    let env = token_with_key();
    let pin = USER_PIN;
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("hsmctl"));
    cmd.env("SOFTHSM2_CONF", &env.conf)
        .env("HSMCTL_HOME", &env.home)
        .env("HSMCTL_MODULE", MODULE)
        .env("HSMCTL_PIN", pin)
        .env_remove("HSMCTL_NEW_PIN")
        .args(["token", "set-pin", "--token", "t"]);
    // The current PIN comes from HSMCTL_PIN; the new one is asked: while the prompt waits,
    // the process's environment block is read.
    let mut s = common::pty::PtySession::spawn(cmd);
    s.expect("new PIN for");
    let environ = std::fs::read(format!("/proc/{}/environ", s.pid())).unwrap();
    let text = String::from_utf8_lossy(&environ);
    assert!(!text.contains(pin), "the PIN is in /proc/PID/environ");
    assert!(
        text.contains("SOFTHSM2_CONF="),
        "environ unreadable: {text}"
    );
    unsafe { libc::kill(s.pid() as i32, libc::SIGKILL) };
    let _ = s.finish();
}

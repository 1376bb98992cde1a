//! The Luna tools: vtl, cmu and lunacm with Luna's own syntax against SoftHSM2 tokens; key
//! flags checked with pkcs11-tool, files with openssl, the shell through a pseudo-terminal.

mod common;
use common::pty::PtySession;
use common::*;
use std::process::{Command, Stdio};

fn tool(env: &TestEnv, name: &str) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin(name));
    c.env("SOFTHSM2_CONF", &env.conf)
        .env("HSMCTL_HOME", &env.home)
        .env("HSMCTL_MODULE", module_under_test())
        .env_remove("HSMCTL_PIN")
        .stdin(Stdio::null());
    c
}

fn run(env: &TestEnv, name: &str, args: &[&str], pin: bool) -> std::process::Output {
    let mut c = tool(env, name);
    if pin {
        c.env("HSMCTL_PIN", USER_PIN);
    }
    c.args(args).output().unwrap()
}

fn ok(env: &TestEnv, name: &str, args: &[&str]) -> String {
    let out = run(env, name, args, true);
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn vtl_runs_luna_client_commands() {
    let env = TestEnv::new();
    env.init_token("part1");
    let d = env.dir.path();
    let (cert, _) = server_cert(d, "server", "10.0.0.5", &[]);
    assert_eq!(
        ok(&env, "vtl", &["listServers"]),
        "There are no servers registered.\n"
    );
    assert_eq!(
        ok(
            &env,
            "vtl",
            &[
                "addServer",
                "-n",
                "10.0.0.5",
                "-c",
                cert.to_str().unwrap(),
                "-htl"
            ]
        ),
        "New server 10.0.0.5 successfully added to the server list.\n"
    );
    // Command names ignore case.
    assert_eq!(
        ok(&env, "vtl", &["LISTSERVERS"]),
        "Server: 10.0.0.5  HTL required: yes\n"
    );
    assert_eq!(
        ok(&env, "vtl", &["listservers"]),
        ok(&env, "vtl", &["listServers"])
    );
    assert!(env.home.join("cert/server/10.0.0.5Cert.pem").is_file());
    let out = ok(&env, "vtl", &["createCert", "-n", "client7"]);
    let key_path = env.home.join("cert/client/client7Key.pem");
    let cert_path = env.home.join("cert/client/client7.pem");
    assert_eq!(
        out,
        format!(
            "Private Key created and written to: {}\nCertificate created and written to: {}\n",
            key_path.display(),
            cert_path.display()
        )
    );
    assert_eq!(
        openssl(&[
            "x509",
            "-noout",
            "-pubkey",
            "-in",
            cert_path.to_str().unwrap()
        ]),
        openssl(&["pkey", "-pubout", "-in", key_path.to_str().unwrap()])
    );
    let verify = ok(&env, "vtl", &["verify"]);
    assert!(
        verify.starts_with("The following Luna SA Slots/Partitions were found:\n"),
        "{verify}"
    );
    assert!(verify.contains(" part1\n"), "{verify}");
    let slots = ok(&env, "vtl", &["listSlots"]);
    assert!(
        slots.starts_with("Number of slots: 2\n\nThe following slots were found:\n"),
        "{slots}"
    );
    assert!(
        slots.contains("Slot ")
            && slots.contains("Description")
            && slots.contains("Serial #")
            && slots.contains("Status")
    );
    assert!(
        slots.contains("part1") && slots.contains("Present"),
        "{slots}"
    );
    ok(&env, "vtl", &["deleteServer", "-n", "10.0.0.5"]);
    assert_eq!(
        ok(&env, "vtl", &["listServers"]),
        "There are no servers registered.\n"
    );
    // Luna-style errors, non-zero exits.
    for args in [
        vec!["frobnicate"],
        vec!["addServer", "-n", "x"],
        vec!["listServers", "-bogus"],
    ] {
        let out = run(&env, "vtl", &args, false);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("Error: "),
            "{args:?}"
        );
    }
    let help = ok(&env, "vtl", &["-h"]);
    assert!(help.contains("addServer -n <host> -c <server cert file> [-htl]"));
}

/// The pkcs11-tool listing of one key (by label).
fn key_flags(env: &TestEnv, label: &str) -> String {
    env.pkcs11_tool(&["--login", "--pin", USER_PIN, "-O", "--label", label])
}

/// A token `ssh` with the key pair of the first reference line, exactly as written (the PIN
/// from HSMCTL_PIN); its (public, private) handles.
fn reference_pair_1(env: &TestEnv) -> (u64, u64) {
    env.init_token("ssh");
    let line1 = "generatekeypair -modulusBits=2048 -publicExponent=65537 -sign=T -verify=T -encrypt=T -decrypt=T -wrap=T -unwrap=T -id=10000001 -label=myssh-key";
    pair_handles(&ok(env, "cmu", &line1.split(' ').collect::<Vec<_>>()))
}

/// The second reference line, with the quotes a shell removes and `-opt value` pairs; its
/// (public, private) handles.
fn reference_pair_2(env: &TestEnv) -> (u64, u64) {
    let line2 = words(
        "generatekeypair -labelpublic sshpub -labelprivate sshpriv -keytype rsa -sign T \
         -verify T -wrap T -unwrap T -encrypt T -decrypt T -publicExponent 65537 \
         -modulusBits 2048",
    );
    pair_handles(&ok(env, "cmu", &line2))
}

#[test]
fn cmu_generatekeypair_runs_both_reference_lines() {
    let env = TestEnv::new();
    reference_pair_1(&env);
    let listing = key_flags(&env, "myssh-key");
    for want in [
        "Public Key Object; RSA 2048 bits",
        "Private Key Object; RSA",
        "ID:         10000001",
        "encrypt",
        "verify",
        "wrap",
        "decrypt",
        "sign",
        "unwrap",
    ] {
        assert!(listing.contains(want), "{want} in\n{listing}");
    }
    assert!(
        listing.contains("Access:     sensitive, always sensitive, never extractable, local"),
        "{listing}"
    );
    reference_pair_2(&env);
    assert!(key_flags(&env, "sshpub").contains("Public Key Object; RSA 2048 bits"));
    assert!(key_flags(&env, "sshpriv").contains("Private Key Object; RSA"));
}

#[test]
fn cmu_list_and_getattribute_show_the_handles_generatekeypair_printed() {
    let env = TestEnv::new();
    let (pub1, priv1) = reference_pair_1(&env);
    let (pub2, priv2) = reference_pair_2(&env);
    // list: handle=<h>   label=<label>, the same handles generatekeypair printed.
    let list = ok(&env, "cmu", &["list"]);
    for (h, l) in [
        (pub1, "myssh-key"),
        (priv1, "myssh-key"),
        (pub2, "sshpub"),
        (priv2, "sshpriv"),
    ] {
        assert!(
            list.contains(&format!("handle={h}   label={l}\n")),
            "{h} {l} in\n{list}"
        );
    }
    assert_eq!(
        ok(&env, "cmu", &["list", "-class=privateKey"])
            .lines()
            .count(),
        2
    );
    // getattribute by that handle, in another process: Luna's key=value lines.
    let attrs = ok(&env, "cmu", &["getattribute", &format!("-handle={priv2}")]);
    for want in [
        "class=privateKey",
        "label=sshpriv",
        "keyType=RSA",
        "sign=1",
        "sensitive=1",
        "extractable=0",
    ] {
        assert!(attrs.lines().any(|l| l == want), "{want} in\n{attrs}");
    }
}

#[test]
fn cmu_gen_takes_abbreviations_and_option_names_in_any_case() {
    let env = TestEnv::new();
    env.init_token("ssh");
    // Abbreviated command, option names in any case.
    let (pub3, _) = pair_handles(&ok(
        &env,
        "cmu",
        &words("gen -KEYTYPE=ECDSA -CurveType=secp384r1 -label=ec384"),
    ));
    assert!(key_flags(&env, "ec384").contains("EC_POINT 384 bits"));
    pair_handles(&ok(&env, "cmu", &["gen", "-keyType=EDDSA", "-label=ed"]));
    // setattribute renames.
    ok(
        &env,
        "cmu",
        &["setattribute", &format!("-handle={pub3}"), "-label=renamed"],
    );
    assert!(ok(&env, "cmu", &["list"]).contains(&format!("handle={pub3}   label=renamed\n")));
}

#[test]
fn cmu_exports_the_public_key_as_pem_and_der_for_openssl() {
    let env = TestEnv::new();
    let (pub1, _) = reference_pair_1(&env);
    let d = env.dir.path();
    let pem = d.join("pub.pem");
    let cmu_export = format!("export -handle={pub1} -outputfile={} -key", pem.display());
    ok(&env, "cmu", &words(&cmu_export));
    assert!(
        openssl(&words(&format!(
            "pkey -pubin -in {} -noout -text",
            pem.display()
        )))
        .contains("Public-Key: (2048 bit)")
    );
    let der = d.join("pub.der");
    let cmu_export = format!(
        "export -handle {pub1} -outputfile {} -key -binary",
        der.display()
    );
    ok(&env, "cmu", &words(&cmu_export));
    openssl(&words(&format!(
        "pkey -pubin -inform DER -in {} -noout",
        der.display()
    )));
}

#[test]
fn cmu_requests_and_self_signs_certificates_that_openssl_verifies() {
    let env = TestEnv::new();
    let (pub1, priv1) = reference_pair_1(&env);
    let d = env.dir.path();
    let csr = d.join("req.csr");
    let request = format!(
        "requestcertificate -publichandle={pub1} -privatehandle={priv1} -CN=web1 -O=Corp -C=FI \
         -outputfile={} -sha256withrsa",
        csr.display()
    );
    ok(&env, "cmu", &words(&request));
    let text = openssl(&words(&format!(
        "req -in {} -verify -noout -subject",
        csr.display()
    )));
    assert!(
        text.contains("verify OK") && text.contains("CN = web1, O = Corp, C = FI"),
        "{text}"
    );
    let crt = d.join("self.pem");
    let selfsign = format!(
        "selfsign -privatehandle={priv1} -CN=root -serialNumber=0a0b -startDate=20260101 \
         -endDate=20300101 -outputfile={} -label=stored",
        crt.display()
    );
    ok(&env, "cmu", &words(&selfsign));
    let c = crt.to_str().unwrap();
    assert!(openssl(&["verify", "-CAfile", c, c]).contains(": OK"));
    let dates = openssl(&["x509", "-in", c, "-noout", "-dates", "-serial"]);
    assert!(
        dates.contains("notBefore=Jan  1 00:00:00 2026 GMT") && dates.contains("serial=0A0B"),
        "{dates}"
    );
    // The stored certificate object is listed and exported.
    let list = ok(&env, "cmu", &["list", "-class=certificate"]);
    let cert_handle: u64 = list
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("handle=")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let exported = d.join("exported.der");
    let cmu_export = format!(
        "export -handle={cert_handle} -outputfile={} -binary",
        exported.display()
    );
    ok(&env, "cmu", &words(&cmu_export));
    assert!(
        openssl(&words(&format!(
            "x509 -inform DER -in {} -noout -subject",
            exported.display()
        )))
        .contains("CN = root")
    );
}

#[test]
fn cmu_delete_force_removes_the_handle() {
    let env = TestEnv::new();
    reference_pair_1(&env);
    let (pub2, _) = reference_pair_2(&env);
    // delete -force; then the handle is gone.
    ok(
        &env,
        "cmu",
        &["delete", &format!("-handle={pub2}"), "-force"],
    );
    assert!(!ok(&env, "cmu", &["list"]).contains("sshpub"));
    let out = run(
        &env,
        "cmu",
        &["getattribute", &format!("-handle={pub2}")],
        true,
    );
    assert_ne!(out.status.code(), Some(0));
}

#[test]
fn cmu_password_option_warns_and_without_a_pin_or_terminal_exits_5() {
    let env = TestEnv::new();
    reference_pair_1(&env);
    // -password works, with a warning; no PIN and no terminal is exit 5.
    let out = run(
        &env,
        "cmu",
        &["list", &format!("-password={USER_PIN}")],
        false,
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: -password"));
    assert_eq!(run(&env, "cmu", &["list"], false).status.code(), Some(5));
}

#[test]
fn cmu_refuses_luna_vendor_mechanisms_and_unknown_commands_the_luna_way() {
    let env = TestEnv::new();
    env.init_token("ssh");
    // FIPS 186-3 "only primes" is Luna's own mechanism: exit 8 with the reason.
    let out = run(&env, "cmu", &["gen", "-mech=prime", "-label=p"], true);
    assert_eq!(out.status.code(), Some(8));
    assert!(String::from_utf8_lossy(&out.stderr).contains("vendor mechanism"));
    // Unknown commands and options: Luna-style errors, exit 2.
    for args in [
        vec!["frob"],
        vec!["list", "-nosuch=1"],
        vec!["gen", "-sign=maybe"],
        vec!["ge"],
    ] {
        let out = run(&env, "cmu", &args, true);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("Error: "),
            "{args:?}"
        );
    }
}

#[test]
fn cmu_asks_for_the_password_the_luna_way_on_a_terminal() {
    let env = TestEnv::new();
    env.init_token("tty");
    let mut c = tool(&env, "cmu");
    c.args(["list"]);
    let mut s = PtySession::spawn(c);
    s.expect_secret_prompt("Please enter password for token in slot ");
    s.send(&format!("{USER_PIN}\r"));
    let (status, transcript) = s.finish();
    assert!(status.success(), "{transcript}");
    assert!(
        transcript.contains(" : "),
        "Luna's prompt ends with ' : ': {transcript}"
    );
    assert!(!transcript.contains(USER_PIN), "the PIN is not echoed");
    // Without -mech, RSA generation asks Luna's mechanism question on a terminal.
    let mut c = tool(&env, "cmu");
    c.env("HSMCTL_PIN", USER_PIN).args(["gen", "-label=menu"]);
    let mut s = PtySession::spawn(c);
    s.expect("Select RSA Mechanism Type -");
    s.expect("[1] PKCS [2] FIPS 186-3 Only Primes [3] FIPS 186-3 Auxiliary Primes : ");
    s.send("1\r");
    let (status, transcript) = s.finish();
    assert!(status.success(), "{transcript}");
    assert!(transcript.contains("...The key pair was successfully generated -> public handle("));
}

#[test]
fn lunacm_shell_one_shot_and_script() {
    let env = TestEnv::new();
    env.init_token("part1");
    // One shot: slot list in Luna's block format, then the result line.
    let out = ok(&env, "lunacm", &["-q", "slot", "list"]);
    for want in [
        "Slot Id ->",
        "Label ->                  part1",
        "Serial Number ->",
        "Model ->",
        "Firmware Version ->",
        "Slot Description ->",
        "FM HW Status ->",
        "Current Slot Id: ",
    ] {
        assert!(out.contains(want), "{want} in\n{out}");
    }
    assert!(out.ends_with("\nCommand Result : 0 (Success)\n"), "{out}");
    // A script on stdin; the exit status is the last command's.
    let script = format!(
        "role login -name co -password {USER_PIN}\nclientconfig listservers\npartition show\nrole logout\n"
    );
    let run_script = |text: &str| {
        let mut c = tool(&env, "lunacm");
        c.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run_script(&script);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout.matches("Command Result : 0 (Success)").count(),
        4,
        "{stdout}"
    );
    assert!(stdout.contains("There are no servers registered."));
    let out = run_script("ROLE LOGI -N co -password 0000\n");
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Command Result : 5 (authentication)"));
    let out = run_script("slot list\nnosuchcommand\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Error: unknown command 'nosuchcommand'")
    );
    // Change the user's password, then log in with the new one.
    let out = run_script(&format!(
        "role changepw -name co -oldpw {USER_PIN} -newpw 99887766\nrole login -name co -password 99887766\n"
    ));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn lunacm_interactive_prompt_completion_and_history() {
    let env = TestEnv::new();
    env.init_token("part1");
    let mut s = PtySession::spawn(tool(&env, "lunacm"));
    s.expect("lunacm:>");
    // Tab completes the command word, then the subcommand.
    s.send("sl\t");
    s.expect("slot ");
    s.send("li\t\r");
    s.expect_nth("Current Slot Id: ", 1);
    s.expect_nth("Command Result : 0 (Success)", 1);
    // History: the up arrow brings the last command back.
    s.send("\x1b[A\r");
    s.expect_nth("Current Slot Id: ", 2);
    s.expect_nth("Command Result : 0 (Success)", 2);
    // Options complete too; abbreviations and case are accepted.
    s.send("ROLE LOGI -na\t");
    s.expect("-name ");
    s.send("co -password 00000000\r");
    s.expect("Command Result : 5");
    s.send("exit\r");
    let (status, transcript) = s.finish();
    assert_eq!(
        status.code(),
        Some(5),
        "the last command's result: {transcript}"
    );
}

// ---- Issue 12: Luna runbooks run unchanged (a test per row of "What was seen") ----

/// Runs a Luna tool with stdin from `input`.
fn with_stdin(env: &TestEnv, name: &str, args: &[&str], input: &str) -> std::process::Output {
    let mut c = tool(env, name);
    c.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The handles `generatekeypair` printed: (public, private).
fn pair_handles(out: &str) -> (u64, u64) {
    let (p, rest) = out
        .strip_prefix("...The key pair was successfully generated -> public handle(")
        .unwrap_or_else(|| panic!("{out}"))
        .split_once("), private handle(")
        .unwrap();
    (
        p.parse().unwrap(),
        rest.trim_end().trim_end_matches(')').parse().unwrap(),
    )
}

/// Row 1: Luna numbers slots 0, 1, 2, ... in every tool and prompt.
#[test]
fn luna_slot_numbers_start_at_zero() {
    let env = TestEnv::new();
    env.init_token("partition_ssh");
    // SoftHSM2 gives the token a 32-bit slot id; Luna's number is 0.
    ok(&env, "cmu", &["list", "-slot=0"]);
    let out = run(&env, "cmu", &["list", "-slot=2"], true);
    assert_eq!(out.status.code(), Some(4), "{}", texts(&out).1);
    assert!(
        texts(&out).1.contains("there is no slot 2"),
        "{}",
        texts(&out).1
    );
    let out = ok(&env, "lunacm", &["-q", "slot", "set", "-slot", "0"]);
    assert!(out.starts_with("Current Slot Id: 0\n"), "{out}");
    let list = ok(&env, "lunacm", &["-q", "slot", "list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines[0], "Slot Id ->                0", "{list}");
    assert_eq!(
        lines[1], "Label ->                  partition_ssh",
        "{list}"
    );
    assert!(list.contains("\nSlot Id ->                1\n"), "{list}");
    assert!(list.contains("\nCurrent Slot Id: 0\n"), "{list}");
    // -s selects by Luna's number too.
    let show = ok(&env, "lunacm", &["-s", "0", "-q", "partition", "show"]);
    assert!(
        show.contains("Partition Name ->         partition_ssh\n"),
        "{show}"
    );
    let slots = ok(&env, "vtl", &["listSlots"]);
    let rows: Vec<&str> = slots.lines().skip(6).collect();
    assert!(
        rows[0].starts_with("0 ") && rows[0].contains("partition_ssh"),
        "{slots}"
    );
    assert!(rows[1].starts_with("1 "), "{slots}");
    // The prompt names Luna's number.
    let mut c = tool(&env, "cmu");
    c.args(["list", "-slot=0"]);
    let mut s = PtySession::spawn(c);
    s.expect_secret_prompt("Please enter password for token in slot 0 : ");
    s.send(&format!("{USER_PIN}\r"));
    let (status, transcript) = s.finish();
    assert!(status.success(), "{transcript}");
}

/// Row 2: names stay as typed (files, messages, registry, HTL), compared safely.
#[test]
fn luna_names_are_kept_as_typed() {
    let env = TestEnv::new();
    env.init_token("p");
    let d = env.dir.path();
    let (cert, _) = server_cert(d, "server", "myLunaSA", &[]);
    let c = cert.to_str().unwrap();
    assert_eq!(
        ok(
            &env,
            "vtl",
            &["addServer", "-n", "myLunaSA", "-c", c, "-htl"]
        ),
        "New server myLunaSA successfully added to the server list.\n"
    );
    let stored = env.home.join("cert/server/myLunaSACert.pem");
    assert_eq!(
        openssl(&[
            "x509",
            "-in",
            stored.to_str().unwrap(),
            "-noout",
            "-subject"
        ]),
        "subject=CN = myLunaSA\n"
    );
    assert_eq!(
        ok(&env, "vtl", &["listServers"]),
        "Server: myLunaSA  HTL required: yes\n"
    );
    // Another letter case is the same server: exit 7, the registered spelling in the hint.
    let out = run(
        &env,
        "vtl",
        &["addServer", "-n", "MYLUNASA", "-c", c],
        false,
    );
    let (_, err) = texts(&out);
    assert_eq!(out.status.code(), Some(7), "{err}");
    assert!(
        err.contains("-n myLunaSA") && err.contains("vtl deleteServer"),
        "{err}"
    );
    assert!(!env.home.join("cert/server/MYLUNASACert.pem").exists());
    // The NTL guide's HTL step: the token renamed by hand to the server's name.
    let ott = d.join("myLunaClient.ott");
    std::fs::write(&ott, "one-time-token\n").unwrap();
    std::fs::create_dir_all(env.home.join("htl")).unwrap();
    std::fs::rename(&ott, env.home.join("htl/myLunaSA.ott")).unwrap();
    let htl = env.run_ok(&["htl", "show"]);
    assert!(
        htl.contains("htl/myLunaSA.ott") && !htl.contains("not installed"),
        "{htl}"
    );
    // deleteServer in another case finds it, and removes the files of the registered spelling.
    ok(&env, "vtl", &["deleteServer", "-n", "mylunasa"]);
    assert!(!stored.exists());
    // IPv6: kept as typed; another spelling of the address is the same server.
    let (c6, _) = server_cert(d, "v6", "2001:db8::1", &[]);
    let c6 = c6.to_str().unwrap();
    ok(
        &env,
        "vtl",
        &["addServer", "-n", "2001:DB8:0:0::1", "-c", c6],
    );
    assert!(
        env.home
            .join("cert/server/2001:DB8:0:0::1Cert.pem")
            .is_file()
    );
    let out = env.run(&["addserver", "-n", "2001:db8::1", "-c", c6]);
    assert_eq!(out.status.code(), Some(7), "{}", texts(&out).1);
    assert!(
        texts(&out).1.contains("-n 2001:DB8:0:0::1"),
        "{}",
        texts(&out).1
    );
    // hsmctl addserver: the same rule, and --json shows the name as typed.
    let (ch, _) = server_cert(d, "h", "Hsm1.Example.com", &[]);
    let j = env.json(&words(&format!(
        "addserver -n Hsm1.Example.com -c {}",
        ch.display()
    )));
    assert_eq!(j["name"], "Hsm1.Example.com", "{j}");
    assert!(
        env.home
            .join("cert/server/Hsm1.Example.comCert.pem")
            .is_file()
    );
}

/// Existing homes hold names lowercased: they keep working, whatever case a command uses.
#[test]
fn homes_with_lowercased_names_keep_working() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let (cert, _) = server_cert(d, "server", "hsm1.example.com", &[]);
    env.run_ok(&words(&format!(
        "addserver -n hsm1.example.com -c {}",
        cert.display()
    )));
    assert_eq!(
        ok(&env, "vtl", &["listServers"]),
        "Server: hsm1.example.com  HTL required: no\n"
    );
    let out = run(
        &env,
        "vtl",
        &words(&format!(
            "addServer -n HSM1.example.com -c {}",
            cert.display()
        )),
        false,
    );
    assert_eq!(out.status.code(), Some(7));
    ok(&env, "vtl", &["deleteServer", "-n", "HSM1.Example.COM"]);
    assert!(
        !env.home
            .join("cert/server/hsm1.example.comCert.pem")
            .exists()
    );
}

/// Row 3: an appliance's certificate naming it by host name, registered by IP address.
#[test]
fn name_mismatched_server_certificate_is_registered_with_a_warning() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let (cert, _) = server_cert(d, "server", "myLunaSA", &[]);
    let c = cert.to_str().unwrap();
    let out = run(
        &env,
        "vtl",
        &["addServer", "-n", "192.168.0.123", "-c", c, "-htl"],
        false,
    );
    let (stdout, err) = texts(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        stdout,
        "New server 192.168.0.123 successfully added to the server list.\n"
    );
    assert!(
        err.contains("warning: the certificate names myLunaSA"),
        "{err}"
    );
    assert!(
        !err.contains("--"),
        "no hsmctl option in vtl's words: {err}"
    );
    // Pinned: the certificate is in CAFile.pem.
    let bundle = env.home.join("cert/server/CAFile.pem");
    assert!(openssl(&["verify", "-CAfile", bundle.to_str().unwrap(), c]).contains(": OK"));
    // hsmctl's strict mode refuses, and changes nothing.
    let (other, _) = server_cert(d, "other", "elsewhere.example.com", &[]);
    let before = std::fs::read(&bundle).unwrap();
    let out = env.run(&words(&format!(
        "addserver -n 10.1.1.1 -c {} --strict-names",
        other.display()
    )));
    assert_eq!(out.status.code(), Some(3), "{}", texts(&out).1);
    assert_eq!(std::fs::read(&bundle).unwrap(), before);
    let j = env.json(&["addserver", "-n", "10.1.1.1", "-c", other.to_str().unwrap()]);
    assert!(
        j["warnings"][0]
            .as_str()
            .unwrap()
            .contains("elsewhere.example.com"),
        "{j}"
    );
}

/// Row 4: every hint of the three tools names options the same tool takes.
#[test]
fn every_luna_hint_names_options_of_the_same_tool() {
    let env = TestEnv::new();
    env.init_token("p");
    let d = env.dir.path();
    let (cert, _) = server_cert(d, "server", "myLunaSA", &[]);
    let (cert2, _) = server_cert(d, "server2", "myLunaSA", &[]);
    let (c, c2) = (cert.to_str().unwrap(), cert2.to_str().unwrap());
    ok(&env, "vtl", &["addServer", "-n", "myLunaSA", "-c", c]);
    ok(&env, "vtl", &["createCert", "-n", "client1"]);
    ok(&env, "cmu", &["gen", "-keyType=ECDSA", "-label=k"]);
    // (tool, refused command line, with a PIN?)
    let refusals = [
        ("vtl", format!("addServer -n myLunaSA -c {c2}"), false),
        ("vtl", format!("addServer -n MYLUNASA -c {c}"), false),
        ("vtl", format!("addServer -n a/b -c {c}"), false),
        ("vtl", "deleteServer -n nosuch".into(), false),
        ("vtl", "createCert -n client1".into(), false),
        ("cmu", "list".into(), false),
        (
            "cmu",
            "gen -modulusBits=1024 -label=weak -mech=1".into(),
            true,
        ),
        ("cmu", "getattribute -handle=99".into(), true),
        ("cmu", "list -password=0000".into(), false),
        (
            "lunacm",
            format!("-q partition init -label p -password {SO_PIN} -userpw {USER_PIN}"),
            false,
        ),
        (
            "lunacm",
            "-q role login -name co -password 0000".into(),
            false,
        ),
        ("lunacm", "-q slot set -slot 9".into(), false),
    ];
    let mut checked = 0;
    for (name, args, pin) in &refusals {
        let argv = words(args);
        let out = run(&env, name, &argv, *pin);
        let (_, err) = texts(&out);
        assert_ne!(
            out.status.code(),
            Some(0),
            "{name} {args:?} is refused: {err}"
        );
        for bad in [
            "--allow-duplicate",
            "--force",
            "--yes",
            "--pin-file",
            "--token LABEL",
            "--allow-weak",
            "--allow-name-mismatch",
        ] {
            for line in err.lines() {
                // hsmctl's own options may only appear inside a `hsmctl ...` span.
                let outside: String = line
                    .split('`')
                    .enumerate()
                    .filter(|(n, p)| n % 2 == 0 || !p.starts_with("hsmctl "))
                    .map(|(_, p)| p)
                    .collect();
                assert!(!outside.contains(bad), "{name} {args:?} names {bad}: {err}");
            }
        }
        // lunacm's `slot set -slot N` is a command of its own: it works, and is taken out.
        let err = if *name == "lunacm" && err.contains("slot set -slot N") {
            ok(&env, "lunacm", &["-q", "slot", "set", "-slot", "0"]);
            checked += 1;
            err.replace("slot set -slot N", "")
        } else {
            err
        };
        for o in hsmctl::luna::speak::named_options(&err) {
            // The option named, given to the same command: never an unknown option.
            let mut again: Vec<&str> = argv.clone();
            again.push(&o);
            let out = run(&env, name, &again, *pin);
            let (_, err2) = texts(&out);
            assert!(
                !err2.contains("unknown option") && !err2.contains("unexpected argument"),
                "{name} {args:?}: the hint names {o}, which {name} rejects: {err2}\n(hint was: {err})"
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "the hints name options: {checked}");
}

/// Row 5: duplicate labels are allowed, as in Luna.
#[test]
fn cmu_allows_duplicate_labels() {
    let env = TestEnv::new();
    env.init_token("p");
    let (a, b) = pair_handles(&ok(&env, "cmu", &["gen", "-keyType=ECDSA", "-label=dup"]));
    let (c, d) = pair_handles(&ok(&env, "cmu", &["gen", "-keyType=ECDSA", "-label=dup"]));
    let mut all = vec![a, b, c, d];
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 4, "four handles");
    let objects = objects_seen_by_pkcs11_tool(&env, "p");
    assert_eq!(objects.len(), 4, "{objects:?}");
    assert_eq!(
        key_flags(&env, "dup").matches("Private Key Object").count(),
        2
    );
}

/// Row 6: cmu's own handles in messages; an unknown handle is "not found"; -label labels the
/// stored certificate.
#[test]
fn cmu_handles_messages_and_certificate_label() {
    let env = TestEnv::new();
    env.init_token("p");
    let (public, private) = pair_handles(&ok(&env, "cmu", &["gen", "-keyType=ECDSA", "-label=k"]));
    let out = ok(
        &env,
        "cmu",
        &[
            "setattribute",
            &format!("-handle={public}"),
            "-label=renamed",
        ],
    );
    assert_eq!(out, format!("Handle {public}: label=renamed set.\n"));
    let out = run(&env, "cmu", &["getattribute", "-handle=99"], true);
    assert_eq!(out.status.code(), Some(6), "{}", texts(&out).1);
    assert!(texts(&out).1.contains("object not found"));
    let crt = env.dir.path().join("ssh.pem");
    ok(
        &env,
        "cmu",
        &words(&format!(
            "selfsigncertificate -privatehandle={private} -CN=ssh -label=sshcert -outputfile={}",
            crt.display()
        )),
    );
    let listing = env.pkcs11_tool(&["--login", "--pin", USER_PIN, "-O", "--type", "cert"]);
    assert!(listing.contains("label:      sshcert"), "{listing}");
}

/// Row 7: cmu asks for the password first, then the RSA mechanism.
#[test]
fn cmu_asks_for_the_password_before_the_mechanism() {
    let env = TestEnv::new();
    env.init_token("p");
    let mut c = tool(&env, "cmu");
    c.args([
        "generatekeypair",
        "-modulusBits=2048",
        "-publicExponent=65537",
        "-sign=T",
        "-verify=T",
        "-label=myssh-key",
    ]);
    let mut s = PtySession::spawn(c);
    s.expect_secret_prompt("Please enter password for token in slot 0 : ");
    assert!(
        !s.transcript.contains("Select RSA Mechanism Type"),
        "{}",
        s.transcript
    );
    s.send(&format!("{USER_PIN}\r"));
    s.expect("[1] PKCS [2] FIPS 186-3 Only Primes [3] FIPS 186-3 Auxiliary Primes : ");
    s.send("1\r");
    let (status, transcript) = s.finish();
    assert!(status.success(), "{transcript}");
    assert!(transcript.contains("...The key pair was successfully generated -> public handle("));
}

/// Row 8: lunacm takes HSMCTL_PIN, fails a script whose first command fails, starts with
/// Luna's banner, shows partitions in Luna's layout, and has Luna's other commands.
#[test]
fn lunacm_runs_luna_runbooks() {
    let env = TestEnv::new();
    env.init_token("partition_ssh");
    ok(&env, "cmu", &["gen", "-keyType=ECDSA", "-label=mykey"]);
    let out = run(
        &env,
        "lunacm",
        &["-q", "role", "login", "-name", "co"],
        true,
    );
    assert!(out.status.success(), "{}", texts(&out).1);
    let out = with_stdin(&env, "lunacm", &[], "slot set -slot 7\nslot list\n");
    assert_eq!(out.status.code(), Some(4), "{}", texts(&out).1);
    let (stdout, _) = texts(&out);
    assert!(stdout.starts_with("LunaCM "), "{stdout}");
    let banner = stdout.split("Command Result").next().unwrap();
    assert!(banner.contains("\nAvailable HSMs:\n\nSlot Id ->                0\nLabel ->                  partition_ssh\n"), "{stdout}");
    let show = ok(&env, "lunacm", &["-q", "partition", "show"]);
    for line in show.lines().take_while(|l| !l.is_empty()) {
        assert!(line.contains(" ->"), "Name -> value: {line}\n{show}");
    }
    let out = with_stdin(
        &env,
        "lunacm",
        &[],
        &format!("role login -name co -password {USER_PIN}\npartition contents\n"),
    );
    let (stdout, err) = texts(&out);
    assert!(out.status.success(), "{err}");
    assert!(stdout.contains("Label:          mykey\n"), "{stdout}");
    assert!(stdout.contains("Object Type:    Private Key\n"), "{stdout}");
    assert!(stdout.contains("Number of objects:  2\n"), "{stdout}");
    let list = ok(&env, "lunacm", &["-q", "partition", "list"]);
    assert!(
        list.contains("Partition Name ->         partition_ssh\n")
            && list.contains("Number of partitions: 1\n"),
        "{list}"
    );
    let info = ok(&env, "lunacm", &["-q", "hsm", "showinfo"]);
    assert!(
        info.contains("Library Description ->") && info.contains("Number of Slots ->"),
        "{info}"
    );
    let verify = ok(&env, "lunacm", &["-q", "clientconfig", "verify"]);
    assert!(
        verify.starts_with("The following Luna SA Slots/Partitions were found:\n"),
        "{verify}"
    );
    let out = run(
        &env,
        "lunacm",
        &["-q", "clientconfig", "deploy", "-server", "192.168.0.123"],
        false,
    );
    assert_eq!(out.status.code(), Some(8), "{}", texts(&out).1);
    assert!(
        texts(&out).0.contains("Command Result : 8 (not supported"),
        "{}",
        texts(&out).0
    );
}

/// Row 9: vtl verify prints Luna's table alone, no blank row for an uninitialized slot.
#[test]
fn vtl_verify_prints_lunas_table_alone() {
    let env = TestEnv::new();
    let serial = env.init_token("partition_ssh");
    let (cert, _) = server_cert(env.dir.path(), "server", "myLunaSA", &["-days", "10"]);
    ok(
        &env,
        "vtl",
        &words(&format!("addServer -n myLunaSA -c {} -htl", cert.display())),
    );
    let out = run(&env, "vtl", &["verify"], false);
    let (stdout, err) = texts(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        stdout,
        format!(
            "The following Luna SA Slots/Partitions were found:\n\n\
             Slot    Serial #        Label\n====    ========        =====\n   0    {serial:<15} partition_ssh\n"
        )
    );
    assert!(
        err.contains("Warning: server myLunaSA: the certificate expires in"),
        "{err}"
    );
}

/// The seeds' runbooks, in order, with only the library path swapped for SoftHSM2's. The seed
/// texts themselves are not in the repository: the command lines and outputs are those
/// `../shared/reference/luna-syntax.md` records from them (000: Luna + OpenSSH; 004: Luna NTL).
#[test]
fn seed_runbooks_000_and_004_replay_unchanged() {
    let env = TestEnv::new();
    let serial = env.init_token("partition_ssh");
    let lib = MODULE;
    // 000, step 1: lunacm starts with its banner and the slot list; `slot list` shows slot 0.
    let out = with_stdin(&env, "lunacm", &[], "slot list\nexit\n");
    let (stdout, err) = texts(&out);
    assert!(out.status.success(), "{err}");
    assert!(stdout.contains("Available HSMs:\n"), "{stdout}");
    let listed = stdout.split("Available HSMs:\n\n").nth(1).unwrap();
    let mut lines = listed.lines();
    for want in [
        "Slot Id ->                0".to_string(),
        "Label ->                  partition_ssh".to_string(),
        format!("Serial Number ->          {serial}"),
    ] {
        assert_eq!(lines.next(), Some(want.as_str()), "{stdout}");
    }
    assert!(stdout.contains("\nCurrent Slot Id: 0\n"), "{stdout}");
    assert!(
        stdout.ends_with("Command Result : 0 (Success)\n"),
        "{stdout}"
    );
    // 000, step 2: the guide's generatekeypair line on a terminal: password, then the menu.
    let mut c = tool(&env, "cmu");
    c.args(
        "generatekeypair -modulusBits=2048 -publicExponent=65537 -sign=T -verify=T -encrypt=T -decrypt=T -wrap=T -unwrap=T -id=10000001 -label=myssh-key"
            .split(' '),
    );
    let mut s = PtySession::spawn(c);
    s.expect_secret_prompt("Please enter password for token in slot 0 : ");
    s.send(&format!("{USER_PIN}\r"));
    s.expect("Select RSA Mechanism Type -");
    s.expect("[1] PKCS [2] FIPS 186-3 Only Primes [3] FIPS 186-3 Auxiliary Primes : ");
    s.send("1\r");
    let (status, transcript) = s.finish();
    assert!(status.success(), "{transcript}");
    let last = transcript.lines().rfind(|l| !l.trim().is_empty()).unwrap();
    pair_handles(last.trim());
    let flags = key_flags(&env, "myssh-key");
    assert!(
        flags.contains("ID:         10000001") && flags.contains("RSA 2048 bits"),
        "{flags}"
    );
    // 000, step 3: ssh-keygen -D reads the key, its comment the label.
    let out = std::process::Command::new("ssh-keygen")
        .env("SOFTHSM2_CONF", &env.conf)
        .args(["-D", lib])
        .output()
        .unwrap();
    let keys = String::from_utf8_lossy(&out.stdout);
    assert!(
        keys.lines()
            .any(|l| l.starts_with("ssh-rsa ") && l.ends_with(" myssh-key")),
        "{keys}"
    );
    // 004: register the appliance by IP address (its certificate names it myLunaSA), with HTL.
    let d = env.dir.path();
    let (server, _) = server_cert(d, "server", "myLunaSA", &[]);
    let mut c = tool(&env, "vtl");
    c.current_dir(d).args([
        "addServer",
        "-n",
        "192.168.0.123",
        "-c",
        "server.pem",
        "-htl",
    ]);
    let out = c.output().unwrap();
    let (stdout, err) = texts(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        stdout,
        "New server 192.168.0.123 successfully added to the server list.\n"
    );
    assert!(
        err.contains("myLunaSA"),
        "the warning says what the certificate names: {err}"
    );
    let ca = env.home.join("cert/server/CAFile.pem");
    assert!(
        openssl(&[
            "verify",
            "-CAfile",
            ca.to_str().unwrap(),
            server.to_str().unwrap()
        ])
        .contains(": OK")
    );
    assert_eq!(
        std::fs::read(env.home.join("cert/server/192.168.0.123Cert.pem")).unwrap(),
        std::fs::read(&server).unwrap()
    );
    // 004: the client's certificate.
    let out = ok(&env, "vtl", &["createCert", "-n", "myClient1"]);
    let (key, cert) = (
        env.home.join("cert/client/myClient1Key.pem"),
        env.home.join("cert/client/myClient1.pem"),
    );
    assert_eq!(
        out,
        format!(
            "Private Key created and written to: {}\nCertificate created and written to: {}\n",
            key.display(),
            cert.display()
        )
    );
    assert_eq!(
        openssl(&["x509", "-in", cert.to_str().unwrap(), "-noout", "-subject"]),
        "subject=CN = myClient1\n"
    );
    assert_eq!(
        openssl(&["x509", "-noout", "-pubkey", "-in", cert.to_str().unwrap()]),
        openssl(&["pkey", "-pubout", "-in", key.to_str().unwrap()])
    );
    // 004: the HTL step, by hand in the client directory.
    std::fs::write(env.home.join("myLunaClient.ott"), "ott\n").unwrap();
    let out =
        env.bash("cd \"$HSMCTL_HOME\" && mkdir -p htl && mv myLunaClient.ott ./htl/myLunaSA.ott");
    assert!(out.status.success(), "{}", texts(&out).1);
    let htl = env.run_ok(&["htl", "show"]);
    assert!(htl.contains("htl/myLunaSA.ott"), "{htl}");
    assert_eq!(
        ok(&env, "vtl", &["listServers"]),
        "Server: 192.168.0.123  HTL required: yes\n"
    );
    // 004: vtl verify shows the partition, and no HTL warning now.
    let out = run(&env, "vtl", &["verify"], false);
    let (stdout, err) = texts(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("HTL"), "{err}");
    assert_eq!(
        stdout.lines().nth(4),
        Some(format!("   0    {serial:<15} partition_ssh").as_str()),
        "{stdout}"
    );
}

/// `cmu import` of a certificate: on the token (pkcs11-tool sees it), numbered as cmu numbers.
#[test]
fn cmu_imports_a_certificate() {
    let env = TestEnv::new();
    env.init_token("p");
    let (cert, _) = server_cert(env.dir.path(), "srv", "srv.example.com", &[]);
    let out = ok(
        &env,
        "cmu",
        &[
            "import",
            &format!("-inputFile={}", cert.display()),
            "-label=srv",
        ],
    );
    let n: u64 = out
        .strip_prefix("Certificate imported -> handle(")
        .and_then(|r| r.strip_suffix(")\n"))
        .unwrap_or_else(|| panic!("{out}"))
        .parse()
        .unwrap();
    let listing = env.pkcs11_tool(&["--login", "--pin", USER_PIN, "-O", "--type", "cert"]);
    assert!(listing.contains("label:      srv"), "{listing}");
    assert_eq!(
        ok(&env, "cmu", &["list", "-class=certificate"]),
        format!("handle={n}   label=srv\n")
    );
    let der = env.dir.path().join("back.der");
    ok(
        &env,
        "cmu",
        &[
            "export",
            &format!("-handle={n}"),
            &format!("-outputfile={}", der.display()),
            "-binary",
        ],
    );
    assert_eq!(
        openssl(&[
            "x509",
            "-inform",
            "DER",
            "-in",
            der.to_str().unwrap(),
            "-noout",
            "-fingerprint",
            "-sha256"
        ]),
        openssl(&[
            "x509",
            "-in",
            cert.to_str().unwrap(),
            "-noout",
            "-fingerprint",
            "-sha256"
        ])
    );
}

/// Row 5, second half: two key pairs sharing a CKA_ID (made by pkcs11-tool) get four handles,
/// and each handle acts on exactly its object.
#[test]
fn cmu_handles_tell_apart_objects_that_share_an_id() {
    let env = TestEnv::new();
    env.init_token("p");
    for label in ["first", "second"] {
        env.pkcs11_tool(&words(&format!(
            "--login --pin {USER_PIN} --keypairgen --key-type EC:prime256v1 --id 0102 --label {label}"
        )));
    }
    let list = ok(&env, "cmu", &["list"]);
    let handles: Vec<(u64, String)> = list
        .lines()
        .map(|l| {
            let (h, label) = l
                .trim_start_matches("handle=")
                .split_once("   label=")
                .unwrap();
            (h.parse().unwrap(), label.to_string())
        })
        .collect();
    assert_eq!(handles.len(), 4, "{list}");
    for (h, label) in &handles {
        let attrs = ok(&env, "cmu", &["getattribute", &format!("-handle={h}")]);
        assert!(
            attrs.lines().any(|l| l == format!("label={label}")),
            "{h}: {attrs}"
        );
    }
    // Deleting the private key of "second" removes that one object, nothing else.
    let (h, _) = handles
        .iter()
        .find(|(h, l)| {
            l == "second"
                && ok(&env, "cmu", &["getattribute", &format!("-handle={h}")])
                    .contains("class=privateKey")
        })
        .unwrap();
    let out = run(
        &env,
        "cmu",
        &["delete", &format!("-handle={h}"), "-force"],
        true,
    );
    assert!(out.status.success(), "{}", texts(&out).1);
    // (kind, label) of every object, as pkcs11-tool lists them.
    let listing = env.pkcs11_tool(&["--login", "--pin", USER_PIN, "-O"]);
    let mut left: Vec<(String, String)> = Vec::new();
    for l in listing.lines() {
        if !l.starts_with(' ') && l.contains("Key Object") {
            left.push((l.split(';').next().unwrap().to_string(), String::new()));
        } else if let Some(label) = l.trim().strip_prefix("label:") {
            left.last_mut().unwrap().1 = label.trim().to_string();
        }
    }
    left.sort();
    let want: Vec<(String, String)> = [
        ("Private Key Object", "first"),
        ("Public Key Object", "first"),
        ("Public Key Object", "second"),
    ]
    .iter()
    .map(|(k, l)| (k.to_string(), l.to_string()))
    .collect();
    assert_eq!(left, want, "{listing}");
}

#[test]
fn cmu_import_puts_a_key_file_and_a_certificate_on_the_token() {
    let env = TestEnv::new();
    env.init_token("cmuimp");
    let dir = env.dir.path();
    let key = dir.join("web.key");
    let cert = dir.join("web.pem");
    openssl(&words(&format!(
        "req -x509 -newkey rsa:2048 -nodes -subj /CN=web -days 30 -keyout {} -out {}",
        key.display(),
        cert.display()
    )));
    let out = ok(
        &env,
        "cmu",
        &[
            "import",
            &format!("-inputFile={}", key.display()),
            "-label=web",
        ],
    );
    let re = |text: &str| -> (u64, u64) {
        let rest = text
            .split("public handle(")
            .nth(1)
            .unwrap_or_else(|| panic!("no handles in {text}"));
        let (p, rest) = rest.split_once("), private handle(").unwrap();
        (
            p.parse().unwrap(),
            rest.split(')').next().unwrap().parse().unwrap(),
        )
    };
    assert!(out.contains("successfully imported"), "{out}");
    let (public, private) = re(&out);
    let list = ok(&env, "cmu", &["list"]);
    assert!(
        list.contains(&format!("handle={public}   label=web\n")),
        "{list}"
    );
    assert!(
        list.contains(&format!("handle={private}   label=web\n")),
        "{list}"
    );
    // The certificate goes beside its key (same CKA_ID), as cmu import does.
    ok(
        &env,
        "cmu",
        &["import", &format!("-inputFile={}", cert.display())],
    );
    let listing = env.pkcs11_tool(&[
        "--token-label",
        "cmuimp",
        "--login",
        "--pin",
        USER_PIN,
        "-O",
    ]);
    assert!(listing.contains("Certificate Object"), "{listing}");
    let access = listing
        .split("Private Key Object")
        .nth(1)
        .and_then(|b| b.lines().find(|l| l.contains("Access:")))
        .unwrap_or_default();
    assert_eq!(access.trim(), "Access:     sensitive", "{listing}");
    // A PKCS#12 file (here with an empty password): the pair and its certificate.
    let p12 = dir.join("web.p12");
    openssl(&words(&format!(
        "pkcs12 -export -inkey {} -in {} -passout pass: -out {}",
        key.display(),
        cert.display(),
        p12.display()
    )));
    let out = ok(
        &env,
        "cmu",
        &words(&format!(
            "import -inputFile={} -pkcs12 -label=web2 -id=0f",
            p12.display()
        )),
    );
    assert!(out.contains("successfully imported"), "{out}");
    assert_eq!(objects_seen_by_pkcs11_tool(&env, "cmuimp").len(), 6);
    // A file that is not there: exit 3, nothing added.
    let out = run(&env, "cmu", &["import", "-inputFile=missing.p12"], true);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(objects_seen_by_pkcs11_tool(&env, "cmuimp").len(), 6);
}

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

#[test]
fn cmu_runs_the_reference_command_lines() {
    let env = TestEnv::new();
    env.init_token("ssh");
    // The first reference line, exactly as written (with the PIN from HSMCTL_PIN).
    let line1 = "generatekeypair -modulusBits=2048 -publicExponent=65537 -sign=T -verify=T -encrypt=T -decrypt=T -wrap=T -unwrap=T -id=10000001 -label=myssh-key";
    let out = ok(&env, "cmu", &line1.split(' ').collect::<Vec<_>>());
    let re = |s: &str| {
        let (p, rest) = s
            .strip_prefix("...The key pair was successfully generated -> public handle(")
            .unwrap_or_else(|| panic!("{s}"))
            .split_once("), private handle(")
            .unwrap();
        (
            p.parse::<u64>().unwrap(),
            rest.trim_end()
                .trim_end_matches(')')
                .parse::<u64>()
                .unwrap(),
        )
    };
    let (pub1, priv1) = re(&out);
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
    // The second, with the quotes a shell removes and `-opt value` pairs.
    let line2 = [
        "generatekeypair",
        "-labelpublic",
        "sshpub",
        "-labelprivate",
        "sshpriv",
        "-keytype",
        "rsa",
        "-sign",
        "T",
        "-verify",
        "T",
        "-wrap",
        "T",
        "-unwrap",
        "T",
        "-encrypt",
        "T",
        "-decrypt",
        "T",
        "-publicExponent",
        "65537",
        "-modulusBits",
        "2048",
    ];
    let (pub2, priv2) = re(&ok(&env, "cmu", &line2));
    assert!(key_flags(&env, "sshpub").contains("Public Key Object; RSA 2048 bits"));
    assert!(key_flags(&env, "sshpriv").contains("Private Key Object; RSA"));
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
    // Abbreviated command, option names in any case.
    let (pub3, _) = re(&ok(
        &env,
        "cmu",
        &[
            "gen",
            "-KEYTYPE=ECDSA",
            "-CurveType=secp384r1",
            "-label=ec384",
        ],
    ));
    assert!(key_flags(&env, "ec384").contains("EC_POINT 384 bits"));
    re(&ok(&env, "cmu", &["gen", "-keyType=EDDSA", "-label=ed"]));
    // setattribute, export of the public key (PEM and -binary), a CSR and a certificate.
    ok(
        &env,
        "cmu",
        &["setattribute", &format!("-handle={pub3}"), "-label=renamed"],
    );
    assert!(ok(&env, "cmu", &["list"]).contains(&format!("handle={pub3}   label=renamed\n")));
    let d = env.dir.path();
    let pem = d.join("pub.pem");
    ok(
        &env,
        "cmu",
        &[
            "export",
            &format!("-handle={pub1}"),
            &format!("-outputfile={}", pem.display()),
            "-key",
        ],
    );
    assert!(
        openssl(&[
            "pkey",
            "-pubin",
            "-in",
            pem.to_str().unwrap(),
            "-noout",
            "-text"
        ])
        .contains("Public-Key: (2048 bit)")
    );
    let der = d.join("pub.der");
    ok(
        &env,
        "cmu",
        &[
            "export",
            "-handle",
            &pub1.to_string(),
            "-outputfile",
            der.to_str().unwrap(),
            "-key",
            "-binary",
        ],
    );
    openssl(&[
        "pkey",
        "-pubin",
        "-inform",
        "DER",
        "-in",
        der.to_str().unwrap(),
        "-noout",
    ]);
    let csr = d.join("req.csr");
    ok(
        &env,
        "cmu",
        &[
            "requestcertificate",
            &format!("-publichandle={pub1}"),
            &format!("-privatehandle={priv1}"),
            "-CN=web1",
            "-O=Corp",
            "-C=FI",
            &format!("-outputfile={}", csr.display()),
            "-sha256withrsa",
        ],
    );
    let text = openssl(&[
        "req",
        "-in",
        csr.to_str().unwrap(),
        "-verify",
        "-noout",
        "-subject",
    ]);
    assert!(
        text.contains("verify OK") && text.contains("CN = web1, O = Corp, C = FI"),
        "{text}"
    );
    let crt = d.join("self.pem");
    ok(
        &env,
        "cmu",
        &[
            "selfsign",
            &format!("-privatehandle={priv1}"),
            "-CN=root",
            "-serialNumber=0a0b",
            "-startDate=20260101",
            "-endDate=20300101",
            &format!("-outputfile={}", crt.display()),
            "-label=stored",
        ],
    );
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
    ok(
        &env,
        "cmu",
        &[
            "export",
            &format!("-handle={cert_handle}"),
            &format!("-outputfile={}", exported.display()),
            "-binary",
        ],
    );
    assert!(
        openssl(&[
            "x509",
            "-inform",
            "DER",
            "-in",
            exported.to_str().unwrap(),
            "-noout",
            "-subject"
        ])
        .contains("CN = root")
    );
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

#[test]
fn cmu_import_puts_a_key_file_and_a_certificate_on_the_token() {
    let env = TestEnv::new();
    env.init_token("cmuimp");
    let dir = env.dir.path();
    let key = dir.join("web.key");
    let cert = dir.join("web.pem");
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=web",
        "-days",
        "30",
        "-keyout",
        key.to_str().unwrap(),
        "-out",
        cert.to_str().unwrap(),
    ]);
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
    openssl(&[
        "pkcs12",
        "-export",
        "-inkey",
        key.to_str().unwrap(),
        "-in",
        cert.to_str().unwrap(),
        "-passout",
        "pass:",
        "-out",
        p12.to_str().unwrap(),
    ]);
    let out = ok(
        &env,
        "cmu",
        &[
            "import",
            &format!("-inputFile={}", p12.display()),
            "-pkcs12",
            "-label=web2",
            "-id=0f",
        ],
    );
    assert!(out.contains("successfully imported"), "{out}");
    assert_eq!(objects_seen_by_pkcs11_tool(&env, "cmuimp").len(), 6);
    // A file that is not there: exit 3, nothing added.
    let out = run(&env, "cmu", &["import", "-inputFile=missing.p12"], true);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(objects_seen_by_pkcs11_tool(&env, "cmuimp").len(), 6);
}

//! OpenSSH: export checked against ssh-keygen -D, certificates checked by ssh-keygen -L and by a
//! real sshd on 127.0.0.1 that logs in with a token key and with certificates from token CAs.

mod common;
use common::sshd::{Sshd, askpass};
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn hsm(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.run(args)
}

fn hsm_ok(env: &TestEnv, args: &[&str]) -> String {
    env.run_ok(args)
}

fn keygen(env: &TestEnv, kt: &str, label: &str) {
    hsm_ok(env, &["keygen", "--key-type", kt, "--label", label]);
}

/// A software user key pair made by ssh-keygen; returns the public key path.
fn user_key(dir: &Path, name: &str) -> PathBuf {
    let key = dir.join(name);
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&key)
        .status()
        .unwrap();
    assert!(ok.success());
    dir.join(format!("{name}.pub"))
}

fn keygen_l(cert: &Path) -> String {
    let out = Command::new("ssh-keygen")
        .env("TZ", "UTC")
        .args(["-L", "-f"])
        .arg(cert)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ssh-keygen -L: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn iso_utc(t: u64) -> String {
    let out = Command::new("date")
        .args(["-u", "-d", &format!("@{t}"), "+%Y-%m-%dT%H:%M:%S"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn export_matches_ssh_keygen_d_and_adds_ed25519() {
    let env = TestEnv::new();
    env.init_token("exp");
    for (kt, label) in [
        ("rsa:2048", "r"),
        ("ec:p256", "e256"),
        ("ec:p384", "e384"),
        ("ec:p521", "e521"),
        ("ed25519", "ed"),
    ] {
        keygen(&env, kt, label);
    }
    let ours = hsm_ok(&env, &["export-ssh-pubkey"]);
    assert!(ours.ends_with('\n'));
    let theirs = Command::new("ssh-keygen")
        .env("SOFTHSM2_CONF", &env.conf)
        .args(["-D", MODULE])
        .output()
        .unwrap();
    let theirs = String::from_utf8(theirs.stdout).unwrap();
    let key_part = |line: &str| {
        line.split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut a: Vec<String> = ours
        .lines()
        .filter(|l| !l.starts_with("ssh-ed25519"))
        .map(key_part)
        .collect();
    let mut b: Vec<String> = theirs.lines().map(key_part).collect();
    a.sort();
    b.sort();
    assert_eq!(a.len(), 4);
    assert_eq!(a, b, "RSA and ECDSA key parts equal ssh-keygen -D");
    // Comments are the labels; Ed25519 (which ssh-keygen 9.2 skips) is there too.
    assert!(
        ours.lines()
            .any(|l| l.starts_with("ssh-ed25519 ") && l.ends_with(" ed"))
    );
    assert!(
        ours.lines()
            .any(|l| l.starts_with("ssh-rsa ") && l.ends_with(" r"))
    );
    // One key by label, with options and another comment; ambiguity and absence exit 6.
    let one = hsm_ok(
        &env,
        &[
            "export-ssh-pubkey",
            "--label",
            "e384",
            "--options",
            "from=\"10.0.0.0/8\"",
            "--comment",
            "ops",
        ],
    );
    assert!(
        one.starts_with("from=\"10.0.0.0/8\" ecdsa-sha2-nistp384 ") && one.ends_with(" ops\n"),
        "{one}"
    );
    assert_eq!(one.lines().count(), 1);
    assert_eq!(
        hsm(&env, &["export-ssh-pubkey", "--label", "nosuch"])
            .status
            .code(),
        Some(6)
    );
    keygen(&env, "ec:p256", "twin");
    hsm_ok(
        &env,
        &[
            "keygen",
            "--key-type",
            "ec:p256",
            "--label",
            "twin",
            "--allow-duplicate",
        ],
    );
    assert_eq!(
        hsm(&env, &["export-ssh-pubkey", "--label", "twin"])
            .status
            .code(),
        Some(6)
    );
    // Fingerprints equal ssh-keygen -l on the exported line.
    let fp = hsm_ok(
        &env,
        &["export-ssh-pubkey", "--label", "ed", "--fingerprint"],
    );
    let file = env.dir.path().join("ed.pub");
    hsm_ok(
        &env,
        &[
            "export-ssh-pubkey",
            "--label",
            "ed",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let l = Command::new("ssh-keygen")
        .args(["-l", "-f"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(fp, String::from_utf8(l.stdout).unwrap());
    // -o does not overwrite without --force.
    assert_eq!(
        hsm(
            &env,
            &[
                "export-ssh-pubkey",
                "--label",
                "ed",
                "-o",
                file.to_str().unwrap()
            ]
        )
        .status
        .code(),
        Some(7)
    );
    // Without a login, public objects are still exported.
    let out = env
        .cmd()
        .args(["export-ssh-pubkey", "--label", "r"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", texts(&out).1);
}

#[test]
fn a_token_key_logs_in_with_ssh_i() {
    let env = TestEnv::new();
    env.init_token("login");
    keygen(&env, "ec:p256", "mykey");
    let auth = env.dir.path().join("authorized_keys");
    hsm_ok(
        &env,
        &[
            "export-ssh-pubkey",
            "--label",
            "mykey",
            "-o",
            auth.to_str().unwrap(),
        ],
    );
    let sshd = Sshd::start(
        env.dir.path(),
        &format!("AuthorizedKeysFile {}", auth.display()),
    );
    let pass = askpass(env.dir.path(), USER_PIN);
    let conf = env.conf.to_str().unwrap();
    let env_vars = [
        ("SOFTHSM2_CONF", conf),
        ("SSH_ASKPASS", pass.to_str().unwrap()),
        ("SSH_ASKPASS_REQUIRE", "force"),
        ("DISPLAY", ":0"),
    ];
    // IdentitiesOnly=no: with yes, ssh offers no PKCS#11 key at all.
    let (ok, out) = sshd.login(&["-o", "IdentitiesOnly=no", "-I", MODULE], &env_vars);
    assert!(ok, "ssh -I failed: {}\n{}", texts(&out).1, sshd.log());
    // A key that is not in authorized_keys is refused: the test can fail.
    std::fs::write(&auth, "").unwrap();
    let (ok, _) = sshd.login(&["-o", "IdentitiesOnly=no", "-I", MODULE], &env_vars);
    assert!(!ok);
}

#[test]
fn certificates_from_each_token_ca_log_in_and_are_refused_when_they_should_be() {
    let env = TestEnv::new();
    env.init_token("ca");
    let cas = [
        ("rsa:2048", "ca-rsa"),
        ("ec:p256", "ca-p256"),
        ("ec:p384", "ca-p384"),
        ("ed25519", "ca-ed25519"),
    ];
    let trusted = env.dir.path().join("trusted_cas");
    let mut lines = String::new();
    for (kt, label) in cas {
        keygen(&env, kt, label);
        lines.push_str(&hsm_ok(&env, &["export-ssh-pubkey", "--label", label]));
    }
    std::fs::write(&trusted, lines).unwrap();
    let sshd = Sshd::start(
        env.dir.path(),
        &format!("TrustedUserCAKeys {}", trusted.display()),
    );
    for (_, label) in cas {
        let dir = env.dir.path().join(label);
        std::fs::create_dir(&dir).unwrap();
        let user = user_key(&dir, "user");
        hsm_ok(
            &env,
            &[
                "sign-ssh-cert",
                "--ca-label",
                label,
                "-I",
                "ok",
                "-n",
                "root",
                "-V",
                "-5m:+1h",
                user.to_str().unwrap(),
            ],
        );
        let key = dir.join("user");
        let cert = dir.join("user-cert.pub");
        let login = |cert: &Path| {
            sshd.login(
                &[
                    "-i",
                    key.to_str().unwrap(),
                    "-o",
                    &format!("CertificateFile={}", cert.display()),
                ],
                &[],
            )
        };
        let (ok, out) = login(&cert);
        assert!(
            ok,
            "{label}: certificate login failed: {}\n{}",
            texts(&out).1,
            sshd.log()
        );
        // Another principal: refused.
        hsm_ok(
            &env,
            &[
                "sign-ssh-cert",
                "--ca-label",
                label,
                "-I",
                "other",
                "-n",
                "alice",
                "-V",
                "-5m:+1h",
                "--force",
                user.to_str().unwrap(),
            ],
        );
        assert!(
            !login(&cert).0,
            "{label}: a certificate for alice logged in as root"
        );
        // Expired: refused.
        hsm_ok(
            &env,
            &[
                "sign-ssh-cert",
                "--ca-label",
                label,
                "-I",
                "old",
                "-n",
                "root",
                "-V",
                "20200101:20200102",
                "--force",
                user.to_str().unwrap(),
            ],
        );
        assert!(!login(&cert).0, "{label}: an expired certificate logged in");
    }
}

#[test]
fn ssh_keygen_l_shows_exactly_what_was_asked() {
    let env = TestEnv::new();
    env.init_token("l");
    keygen(&env, "ec:p384", "ca");
    let user = user_key(env.dir.path(), "alice");
    let out = hsm_ok(
        &env,
        &words(&format!(
            "sign-ssh-cert --ca-label ca -I alice@corp -n alice,ops -V -1d:+52w -z 4242 \
             -O no-pty -O force-command=/usr/bin/id -O source-address=10.0.0.0/8 \
             -O extension:login@corp=alice --json {}",
            user.display()
        )),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let c = &v["certificates"][0];
    assert_eq!(v["signature_algorithm"], "ecdsa-sha2-nistp384");
    assert_eq!(c["serial"], 4242);
    assert_eq!(c["principals"], serde_json::json!(["alice", "ops"]));
    let cert = env.dir.path().join("alice-cert.pub");
    assert_eq!(c["output"], cert.to_str().unwrap());
    let (after, before) = (
        c["valid_after"].as_u64().unwrap(),
        c["valid_before"].as_u64().unwrap(),
    );
    assert_eq!(before - after, 86400 + 52 * 604800);
    let l = keygen_l(&cert);
    assert!(
        l.contains("Type: ssh-ed25519-cert-v01@openssh.com user certificate"),
        "{l}"
    );
    assert!(l.contains("Key ID: \"alice@corp\""), "{l}");
    assert!(l.contains("Serial: 4242"), "{l}");
    assert!(
        l.contains(&format!(
            "Valid: from {} to {}",
            iso_utc(after),
            iso_utc(before)
        )),
        "{l}"
    );
    assert!(
        l.contains("Principals: \n                alice\n                ops\n"),
        "{l}"
    );
    assert!(
        l.contains("force-command /usr/bin/id") && l.contains("source-address 10.0.0.0/8"),
        "{l}"
    );
    assert!(
        l.contains("login@corp")
            && !l.contains("permit-pty")
            && l.contains("permit-port-forwarding"),
        "{l}"
    );
    assert!(
        l.contains(&format!(
            "Public key: ED25519-CERT {}",
            c["key_fingerprint"].as_str().unwrap()
        )),
        "{l}"
    );
    assert!(
        l.contains(&format!(
            "Signing CA: ECDSA {} (using ecdsa-sha2-nistp384)",
            v["ca_fingerprint"].as_str().unwrap()
        )),
        "{l}"
    );
}

#[test]
fn a_host_certificate_never_expires_by_explicit_choice_and_rsa_cas_use_rsa_sha2_512() {
    let env = TestEnv::new();
    env.init_token("l");
    // A host certificate that never expires, by explicit choice; RSA CAs use rsa-sha2-512.
    keygen(&env, "rsa:2048", "rsaca");
    let host = user_key(env.dir.path(), "host");
    hsm_ok(
        &env,
        &words(&format!(
            "sign-ssh-cert --ca-label rsaca --host -I web1 -n web1.example.com --allow-forever {}",
            host.display()
        )),
    );
    let l = keygen_l(&env.dir.path().join("host-cert.pub"));
    assert!(
        l.contains("host certificate")
            && l.contains("Valid: forever")
            && l.contains("(using rsa-sha2-512)"),
        "{l}"
    );
    assert!(
        l.contains("Critical Options: (none)") && l.contains("Extensions: (none)"),
        "{l}"
    );
}

#[test]
fn the_ssh_ca_is_chosen_by_its_public_key_file_or_by_uri() {
    let env = TestEnv::new();
    env.init_token("l");
    keygen(&env, "ec:p384", "ca");
    keygen(&env, "rsa:2048", "rsaca");
    let user = user_key(env.dir.path(), "alice");
    let cert = env.dir.path().join("alice-cert.pub");
    // The CA chosen by its public key file, the ssh-keygen -s way, and by URI.
    let ca_pub = env.dir.path().join("ca.pub");
    hsm_ok(
        &env,
        &words(&format!(
            "export-ssh-pubkey --label ca -o {}",
            ca_pub.display()
        )),
    );
    let sign = |ca: &str| {
        hsm_ok(
            &env,
            &words(&format!(
                "sign-ssh-cert {ca} -I x -n alice -V +1h --force {}",
                user.display()
            )),
        )
    };
    sign(&format!("--ca-pubkey {}", ca_pub.display()));
    assert!(keygen_l(&cert).contains("Signing CA: ECDSA"));
    sign("--ca-uri pkcs11:token=l;object=rsaca");
    assert!(keygen_l(&cert).contains("Signing CA: RSA"));
}

#[test]
fn malformed_inputs_and_refused_requests_write_nothing() {
    let env = TestEnv::new();
    env.init_token("bad");
    keygen(&env, "ec:p256", "ca");
    let dir = env.dir.path();
    let good = user_key(dir, "good");
    let good_text = std::fs::read_to_string(&good).unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "truncated.pub",
            good_text.as_bytes()[..good_text.len() / 2].to_vec(),
        ),
        ("unknown.pub", b"ssh-foo AAAAB3NzaC1yc2E= x\n".to_vec()),
        (
            "cert-cert.pub",
            b"ssh-ed25519-cert-v01@openssh.com AAAA x\n".to_vec(),
        ),
        ("private.pub", std::fs::read(dir.join("good")).unwrap()),
        ("empty.pub", Vec::new()),
        ("garbage.pub", b"\x00\x01\x02 not a key".to_vec()),
    ];
    // sign-ssh-cert with the usual CA, key id, principal and validity, plus `keys`.
    let sign = |keys: &[&str]| {
        hsm(
            &env,
            &[
                &[
                    "sign-ssh-cert",
                    "--ca-label",
                    "ca",
                    "-I",
                    "x",
                    "-n",
                    "root",
                    "-V",
                    "+1h",
                ][..],
                keys,
            ]
            .concat(),
        )
    };
    for (name, bytes) in &cases {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        let out = sign(&[p.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(3), "{name}: {}", texts(&out).1);
        let out = hsm(&env, &["convert-pubkey", p.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(3),
            "convert {name}: {}",
            texts(&out).1
        );
    }
    // A bad key among good ones: nothing at all is written.
    let out = sign(&[
        good.to_str().unwrap(),
        dir.join("unknown.pub").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    // Policy: principals and an end are required unless waived; options only for users.
    let g = good.to_str().unwrap();
    for (args, code) in [
        (vec!["-I", "x", "-V", "+1h"], 2),
        (vec!["-I", "x", "-n", "root"], 2),
        (vec!["-I", "x", "-n", "root", "-V", "always:forever"], 2),
        (vec!["-I", "x", "-n", "root", "-V", "soon"], 2),
        (vec!["-I", "x", "-n", "root", "-V", "+1h", "-O", "bogus"], 2),
        (
            vec!["-I", "x", "-n", "h", "-V", "+1h", "--host", "-O", "no-pty"],
            2,
        ),
        (
            vec![
                "-I",
                "x",
                "-n",
                "root",
                "-V",
                "+1h",
                "-o",
                "/tmp/x-cert.pub",
                g,
                dir.to_str().unwrap(),
            ],
            2,
        ),
    ] {
        let out = hsm(
            &env,
            &[&["sign-ssh-cert", "--ca-label", "ca"][..], &args, &[g]].concat(),
        );
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", texts(&out).1);
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("-cert.pub") && n != "cert-cert.pub" || n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Waived explicitly, it works; then the file exists and needs --force.
    hsm_ok(
        &env,
        &[
            "sign-ssh-cert",
            "--ca-label",
            "ca",
            "-I",
            "x",
            "--allow-any-principal",
            "--allow-forever",
            g,
        ],
    );
    assert!(keygen_l(&dir.join("good-cert.pub")).contains("Principals: (none)"));
    assert_eq!(sign(&[g]).status.code(), Some(7));
    // A CA that is not on the token.
    assert_eq!(
        hsm(
            &env,
            &[
                "sign-ssh-cert",
                "--ca-label",
                "nosuch",
                "-I",
                "x",
                "-n",
                "root",
                "-V",
                "+1h",
                "--force",
                g
            ]
        )
        .status
        .code(),
        Some(6)
    );
}

#[test]
fn bulk_signing_assigns_serials_in_order_and_reports_each() {
    let env = TestEnv::new();
    env.init_token("bulk");
    keygen(&env, "ed25519", "ca");
    let keys = env.dir.path().join("keys");
    std::fs::create_dir(&keys).unwrap();
    let n = 24;
    for i in 0..n {
        user_key(&keys, &format!("u{i:02}"));
    }
    let out = hsm_ok(
        &env,
        &[
            "sign-ssh-cert",
            "--ca-label",
            "ca",
            "-I",
            "batch",
            "-n",
            "root",
            "-V",
            "+1h",
            "-z",
            "1000",
            "--jobs",
            "3",
            "--json",
            keys.to_str().unwrap(),
        ],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let certs = v["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), n);
    for (i, c) in certs.iter().enumerate() {
        assert_eq!(c["serial"], 1000 + i as u64);
        let input = keys.join(format!("u{i:02}.pub"));
        assert_eq!(c["input"], input.to_str().unwrap());
        let l = keygen_l(&keys.join(format!("u{i:02}-cert.pub")));
        assert!(l.contains(&format!("Serial: {}", 1000 + i)), "{l}");
        let fp = Command::new("ssh-keygen")
            .args(["-l", "-f"])
            .arg(&input)
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&fp.stdout).contains(c["key_fingerprint"].as_str().unwrap())
        );
    }
    // A list on stdin, re-signed with --force.
    let list: String = (0..3)
        .map(|i| format!("{}\n", keys.join(format!("u{i:02}.pub")).display()))
        .collect();
    let out = env
        .cmd()
        .env("HSMCTL_PIN", USER_PIN)
        .args([
            "sign-ssh-cert",
            "--ca-label",
            "ca",
            "-I",
            "again",
            "-n",
            "root",
            "-V",
            "+1h",
            "--force",
            "--json",
            "-",
        ])
        .write_stdin(list)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", texts(&out).1);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["certificates"].as_array().unwrap().len(), 3);
    assert!(keygen_l(&keys.join("u02-cert.pub")).contains("Key ID: \"again\""));
}

#[test]
fn public_key_formats_agree_with_openssl_and_ssh_keygen() {
    let env = TestEnv::new();
    env.init_token("fmt");
    keygen(&env, "rsa:2048", "rsa");
    keygen(&env, "ec:p256", "ec");
    let d = env.dir.path();
    for label in ["rsa", "ec"] {
        let line = hsm_ok(&env, &["export-ssh-pubkey", "--label", label]);
        let pem = d.join(format!("{label}.pem"));
        hsm_ok(
            &env,
            &[
                "export-pubkey",
                "--label",
                label,
                "--format",
                "pem",
                "-o",
                pem.to_str().unwrap(),
            ],
        );
        // openssl reads it, and ssh-keygen converts it to the same OpenSSH key.
        let o = openssl_output(&["pkey", "-pubin", "-noout", "-in", pem.to_str().unwrap()]);
        assert!(o.status.success());
        let k = Command::new("ssh-keygen")
            .args(["-i", "-m", "PKCS8", "-f"])
            .arg(&pem)
            .output()
            .unwrap();
        let key_part = |s: &str| s.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
        assert_eq!(
            key_part(&String::from_utf8(k.stdout).unwrap()),
            key_part(&line)
        );
        // DER and back, and the SPKI fingerprint equals openssl's.
        let der = d.join(format!("{label}.der"));
        hsm_ok(
            &env,
            &[
                "export-pubkey",
                "--label",
                label,
                "--format",
                "der",
                "-o",
                der.to_str().unwrap(),
            ],
        );
        let back = hsm_ok(
            &env,
            &["convert-pubkey", der.to_str().unwrap(), "--comment", label],
        );
        assert_eq!(back, line);
        let fp = hsm_ok(
            &env,
            &["export-pubkey", "--label", label, "--json", "--fingerprint"],
        );
        let v: Value = serde_json::from_str(&fp).unwrap();
        let sha = openssl_output(&["dgst", "-sha256", "-r", der.to_str().unwrap()]);
        assert!(
            String::from_utf8_lossy(&sha.stdout).starts_with(v["spki_sha256"].as_str().unwrap())
        );
    }
    // The Futurex guide's steps, replaced: PKCS#1 DER to OpenSSH.
    let pkcs1 = d.join("rsa.pkcs1.der");
    hsm_ok(
        &env,
        &[
            "export-pubkey",
            "--label",
            "rsa",
            "--format",
            "pkcs1-der",
            "-o",
            pkcs1.to_str().unwrap(),
        ],
    );
    let pem = openssl_output(&words(&format!(
        "rsa -RSAPublicKey_in -inform DER -outform PEM -in {}",
        pkcs1.display()
    )));
    let pem_file = d.join("futurex.pem");
    std::fs::write(&pem_file, &pem.stdout).unwrap();
    let theirs = Command::new("ssh-keygen")
        .args(["-i", "-m", "PKCS8", "-f"])
        .arg(&pem_file)
        .output()
        .unwrap();
    let ours = hsm_ok(&env, &["convert-pubkey", pkcs1.to_str().unwrap()]);
    assert_eq!(
        ours.split_whitespace().take(2).collect::<Vec<_>>(),
        String::from_utf8(theirs.stdout)
            .unwrap()
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
    );
    // PKCS#1 is for RSA only.
    assert_eq!(
        hsm(
            &env,
            &["export-pubkey", "--label", "ec", "--format", "pkcs1"]
        )
        .status
        .code(),
        Some(2)
    );
}

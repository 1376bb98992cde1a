//! CSRs and self-signed certificates made inside the token, checked by openssl and
//! x509-parser; certificates stored on the token, seen by pkcs11-tool.

mod common;
use common::*;

fn hsm(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.run(args)
}

fn hsm_ok(env: &TestEnv, args: &[&str]) -> String {
    env.run_ok(args)
}

/// A self-signed certificate for a fresh software EC key made by openssl; returns its path.
fn openssl_cert(dir: &std::path::Path, name: &str, curve: &str, cn: &str) -> std::path::PathBuf {
    let out = dir.join(format!("{name}.pem"));
    let key = dir.join(format!("{name}.key"));
    let (curve, subj) = (format!("ec_paramgen_curve:{curve}"), format!("/CN={cn}"));
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        &curve,
        "-nodes",
        "-subj",
        &subj,
        "-keyout",
        key.to_str().unwrap(),
        "-out",
        out.to_str().unwrap(),
    ]);
    out
}

#[test]
fn csrs_for_every_key_type_verify_and_carry_what_was_asked() {
    let env = TestEnv::new();
    env.init_token("csr");
    for (kt, label, alg, flags) in X509_KEYS {
        hsm_ok(&env, &["keygen", "--key-type", kt, "--label", label]);
        let csr = env.dir.path().join(format!("{label}.csr"));
        hsm_ok(
            &env,
            &[
                &["request-cert"][..],
                flags,
                &[
                    "--label",
                    label,
                    "--subject",
                    "CN=web1.example.com,O=Corp,C=FI",
                    "--ou",
                    "Ops",
                    "--dns",
                    "web1.example.com",
                    "--dns",
                    "www.example.com",
                    "--ip",
                    "192.0.2.7",
                    "--email-san",
                    "ops@example.com",
                    "--key-usage",
                    "digitalSignature,keyAgreement",
                    "--ext-key-usage",
                    "serverAuth,clientAuth",
                    "-o",
                    csr.to_str().unwrap(),
                ],
            ]
            .concat(),
        );
        let c = csr.to_str().unwrap();
        assert!(
            openssl(&["req", "-in", c, "-verify", "-noout"]).contains("verify OK"),
            "{label}"
        );
        let text = openssl(&["req", "-in", c, "-noout", "-text"]);
        for want in [
            "CN = web1.example.com, O = Corp, C = FI, OU = Ops",
            "DNS:web1.example.com",
            "DNS:www.example.com",
            "IP Address:192.0.2.7",
            "email:ops@example.com",
            "Digital Signature, Key Agreement",
            "TLS Web Server Authentication, TLS Web Client Authentication",
            alg,
        ] {
            assert!(text.contains(want), "{label}: {want:?} in\n{text}");
        }
        // The request's key is the token key.
        let pem = env.dir.path().join(format!("{label}.pub.pem"));
        hsm_ok(
            &env,
            &[
                "export-pubkey",
                "--label",
                label,
                "-o",
                pem.to_str().unwrap(),
            ],
        );
        assert_eq!(
            openssl(&["req", "-in", c, "-noout", "-pubkey"]),
            std::fs::read_to_string(&pem).unwrap()
        );
    }
    // With --json and no -o, the request is inside the one JSON document on stdout.
    let v: serde_json::Value = serde_json::from_str(&hsm_ok(
        &env,
        &["request-cert", "--label", "ed", "--cn", "x", "--json"],
    ))
    .unwrap();
    assert!(
        v["data"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN CERTIFICATE REQUEST-----"),
        "{v}"
    );
    assert_eq!(v["kind"], "csr");
    // DER output, and refusals before the token signs anything.
    let der = env.dir.path().join("e256.der");
    hsm_ok(
        &env,
        &[
            "request-cert",
            "--label",
            "e256",
            "--cn",
            "x",
            "--der",
            "-o",
            der.to_str().unwrap(),
        ],
    );
    assert!(
        openssl(&[
            "req",
            "-inform",
            "DER",
            "-in",
            der.to_str().unwrap(),
            "-verify",
            "-noout"
        ])
        .contains("verify OK")
    );
    for (args, code) in [
        (vec!["--label", "e256"], 2),
        (vec!["--label", "e256", "--subject", "XX=1"], 2),
        (vec!["--label", "e256", "--cn", "x", "--c", "Finland"], 2),
        (vec!["--label", "e256", "--cn", "x", "--ip", "not-an-ip"], 2),
        (
            vec!["--label", "e256", "--cn", "x", "--key-usage", "everything"],
            2,
        ),
        (vec!["--label", "nosuch", "--cn", "x"], 6),
    ] {
        let out = hsm(&env, &[&["request-cert"][..], &args].concat());
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", texts(&out).1);
        assert!(out.stdout.is_empty());
    }
    // RSASSA-PSS is for RSA keys only; nothing is written.
    let out = hsm(
        &env,
        &["request-cert", "--label", "e521", "--pss", "--cn", "x"],
    );
    assert_eq!(out.status.code(), Some(8), "{}", texts(&out).1);
    assert!(out.stdout.is_empty() && texts(&out).1.contains("--pss"));
}

#[test]
fn self_signed_certificates_verify_and_can_be_stored() {
    let env = TestEnv::new();
    env.init_token("self");
    for (i, (kt, label, alg, flags)) in X509_KEYS.into_iter().enumerate() {
        hsm_ok(
            &env,
            &[
                "keygen",
                "--key-type",
                kt,
                "--label",
                label,
                "--id",
                &format!("{:02x}", i + 1),
            ],
        );
        let crt = env.dir.path().join(format!("{label}.crt"));
        let out = hsm_ok(
            &env,
            &[
                &["selfsign-cert"][..],
                flags,
                &[
                    "--label",
                    label,
                    "--cn",
                    &format!("{label} root"),
                    "--ca",
                    "--not-before",
                    "20260101",
                    "--not-after",
                    "2036-01-01",
                    "--serial-number",
                    "0badc0de",
                    "-o",
                    crt.to_str().unwrap(),
                    "--json",
                ],
            ]
            .concat(),
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["serial"], "0badc0de");
        let c = crt.to_str().unwrap();
        assert!(
            openssl(&["verify", "-CAfile", c, c]).contains(": OK"),
            "{label}"
        );
        let text = openssl(&["x509", "-in", c, "-noout", "-text"]);
        for want in [
            "Serial Number: 195936478 (0xbadc0de)",
            "Not Before: Jan  1 00:00:00 2026 GMT",
            "Not After : Jan  1 00:00:00 2036 GMT",
            "CA:TRUE",
            "Certificate Sign, CRL Sign",
            alg,
        ] {
            assert!(text.contains(want), "{label}: {want:?} in\n{text}");
        }
        // x509-parser's own signature check, independent of openssl.
        let pem = std::fs::read(&crt).unwrap();
        let (_, p) = x509_parser::pem::parse_x509_pem(&pem).unwrap();
        let cert = p.parse_x509().unwrap();
        match cert.verify_signature(None) {
            Ok(()) => {}
            // x509-parser's verifier maps no P-521 algorithm: openssl checked it above.
            Err(e) if label == "e521" => {
                assert!(e.to_string().contains("algorithm"), "{e}")
            }
            Err(e) => panic!("{label}: {e}"),
        }
        // The certificate's key is the token key.
        let key = env.dir.path().join(format!("{label}.pub.pem"));
        hsm_ok(
            &env,
            &[
                "export-pubkey",
                "--label",
                label,
                "-o",
                key.to_str().unwrap(),
            ],
        );
        assert_eq!(
            openssl(&["x509", "-in", c, "-noout", "-pubkey"]),
            std::fs::read_to_string(&key).unwrap()
        );
    }
    // --store: a certificate object with the key's CKA_ID and label, seen by pkcs11-tool.
    let out = hsm_ok(
        &env,
        &[
            "selfsign-cert",
            "--label",
            "e256",
            "--cn",
            "stored",
            "--store",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["stored_handle"].is_u64());
    let listing = env.pkcs11_tool(&["--login", "--pin", USER_PIN, "-O", "--type", "cert"]);
    assert!(
        listing.contains("Certificate Object; type = X.509 cert")
            && listing.contains("label:      e256")
            && listing.contains("ID:         03"),
        "{listing}"
    );
    let der = env.dir.path().join("stored.der");
    env.pkcs11_tool(&[
        "--read-object",
        "--type",
        "cert",
        "--id",
        "03",
        "-o",
        der.to_str().unwrap(),
    ]);
    assert!(
        openssl(&[
            "x509",
            "-inform",
            "DER",
            "-in",
            der.to_str().unwrap(),
            "-noout",
            "-subject"
        ])
        .contains("CN = stored")
    );
    let listed = hsm_ok(&env, &["list", "--class", "cert", "--json"]);
    assert!(listed.contains("\"CKO_CERTIFICATE\""), "{listed}");
    // Refusals.
    for args in [
        vec!["--label", "e256", "--cn", "x", "--days", "0"],
        vec!["--label", "e256", "--cn", "x", "--not-before", "2026-13-01"],
        vec!["--label", "e256", "--cn", "x", "--serial-number", "zz"],
    ] {
        let out = hsm(&env, &[&["selfsign-cert"][..], &args].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", texts(&out).1);
    }
}

#[test]
fn import_export_round_trip_and_refusals_change_nothing() {
    let env = TestEnv::new();
    env.init_token("imp");
    hsm_ok(
        &env,
        &[
            "keygen",
            "--key-type",
            "ec:p256",
            "--label",
            "k",
            "--id",
            "0a",
        ],
    );
    let d = env.dir.path();
    let der = d.join("k.der");
    hsm_ok(
        &env,
        &[
            "selfsign-cert",
            "--label",
            "k",
            "--cn",
            "k",
            "--der",
            "-o",
            der.to_str().unwrap(),
        ],
    );
    // Import (PEM with CRLF and text around it), export as DER: byte-identical.
    let pem = openssl(&["x509", "-inform", "DER", "-in", der.to_str().unwrap()]);
    let messy = d.join("messy.pem");
    std::fs::write(
        &messy,
        format!("\u{feff}Subject: k\r\n{}", pem.replace('\n', "\r\n")),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&hsm_ok(
        &env,
        &["import-cert", messy.to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_eq!(v["id"], "0a", "the key's CKA_ID");
    assert_eq!(v["label"], "k", "the key's label");
    let back = d.join("back.der");
    hsm_ok(
        &env,
        &[
            "export-cert",
            "--id",
            "0a",
            "--der",
            "-o",
            back.to_str().unwrap(),
        ],
    );
    assert_eq!(std::fs::read(&back).unwrap(), std::fs::read(&der).unwrap());
    assert!(
        env.pkcs11_tool(&["--login", "--pin", USER_PIN, "-O", "--type", "cert"])
            .contains("ID:         0a")
    );
    // Refusals: each exits with its code and leaves the token as it was.
    let before = objects_seen_by_pkcs11_tool(&env, "imp");
    let csr = d.join("k.csr");
    hsm_ok(
        &env,
        &[
            "request-cert",
            "--label",
            "k",
            "--cn",
            "k",
            "-o",
            csr.to_str().unwrap(),
        ],
    );
    let key = d.join("key.pem");
    openssl(&words(&format!(
        "genpkey -algorithm ed25519 -out {}",
        key.display()
    )));
    let garbage = d.join("garbage");
    std::fs::write(&garbage, b"\x01\x02garbage").unwrap();
    let two = d.join("two.pem");
    std::fs::write(&two, format!("{pem}{pem}")).unwrap();
    // An unsupported curve, and a certificate for a key that is not on the token.
    let p224 = openssl_cert(d, "p224", "secp224r1", "x");
    let other = openssl_cert(d, "other", "P-256", "other");
    for (file, code) in [
        (&csr, 3),
        (&key, 3),
        (&garbage, 3),
        (&two, 3),
        (&p224, 3),
        (&other, 6),
        (&messy, 7),
    ] {
        let out = hsm(&env, &["import-cert", file.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{}: {}",
            file.display(),
            texts(&out).1
        );
    }
    assert_eq!(
        objects_seen_by_pkcs11_tool(&env, "imp"),
        before,
        "refused imports change nothing"
    );
    // An orphan, when asked for.
    let v: serde_json::Value = serde_json::from_str(&hsm_ok(
        &env,
        &[
            "import-cert",
            other.to_str().unwrap(),
            "--allow-orphan",
            "--id",
            "99",
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(
        (v["id"].as_str(), v["key_on_token"].as_bool()),
        (Some("99"), Some(false))
    );
    assert_eq!(
        hsm(&env, &["export-cert", "--label", "nosuch"])
            .status
            .code(),
        Some(6)
    );
}

#[test]
fn doctor_finds_a_seeded_mismatch_and_fix_repairs_it() {
    let env = TestEnv::new();
    env.init_token("doc");
    hsm_ok(
        &env,
        &[
            "keygen",
            "--key-type",
            "ec:p256",
            "--label",
            "a",
            "--id",
            "01",
        ],
    );
    hsm_ok(
        &env,
        &[
            "keygen",
            "--key-type",
            "rsa:2048",
            "--label",
            "b",
            "--id",
            "02",
        ],
    );
    hsm_ok(
        &env,
        &["selfsign-cert", "--label", "a", "--cn", "a", "--store"],
    );
    let clean: serde_json::Value =
        serde_json::from_str(&hsm_ok(&env, &["doctor", "--json"])).unwrap();
    assert_eq!(clean["findings"], serde_json::json!([]));
    assert_eq!(clean["objects_checked"], 5);
    // Seed the mismatch with another tool: the certificate now claims key b's id.
    env.pkcs11_tool(&[
        "--login", "--pin", USER_PIN, "--type", "cert", "--id", "01", "--set-id", "02",
    ]);
    let v: serde_json::Value = serde_json::from_str(&hsm_ok(&env, &["doctor", "--json"])).unwrap();
    let f = &v["findings"][0];
    assert_eq!(
        (f["kind"].as_str(), f["fix_id"].as_str()),
        (Some("mismatch"), Some("01")),
        "{v}"
    );
    // --fix needs --yes without a terminal; nothing changes then.
    assert_eq!(hsm(&env, &["doctor", "--fix"]).status.code(), Some(2));
    assert!(
        env.pkcs11_tool(&["--login", "--pin", USER_PIN, "-O", "--type", "cert"])
            .contains("ID:         02")
    );
    let v: serde_json::Value =
        serde_json::from_str(&hsm_ok(&env, &["doctor", "--fix", "--yes", "--json"])).unwrap();
    assert_eq!(v["fixed"], 1);
    assert!(
        env.pkcs11_tool(&["--login", "--pin", USER_PIN, "-O", "--type", "cert"])
            .contains("ID:         01"),
        "pkcs11-tool sees the repaired id"
    );
    let v: serde_json::Value = serde_json::from_str(&hsm_ok(&env, &["doctor", "--json"])).unwrap();
    assert_eq!(v["findings"], serde_json::json!([]));
    // Orphans and empty ids are reported too.
    env.pkcs11_tool(&[
        "--login", "--pin", USER_PIN, "--type", "pubkey", "--id", "02", "--set-id", "03",
    ]);
    let v: serde_json::Value = serde_json::from_str(&hsm_ok(&env, &["doctor", "--json"])).unwrap();
    let kinds: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.iter().filter(|k| **k == "orphan").count() >= 2, "{v}");
    let fixable = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["uri"].as_str().unwrap().contains("type=public"))
        .unwrap();
    assert_eq!(
        fixable["fix_id"], "02",
        "the RSA private key's modulus identifies its public half"
    );
}

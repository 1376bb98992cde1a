//! import-key on real SoftHSM2 tokens: keys made by openssl and ssh-keygen (with and without
//! passphrases) go on the token by C_CreateObject or C_UnwrapKey; openssl, ssh-keygen,
//! pkcs11-tool and a real sshd are the oracles; refused inputs leave nothing behind.

mod common;
use common::sshd::Sshd;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TOKEN: &str = "imp";

/// A refused import: the file, extra variables, the exit code, words the error must contain.
type Refusal<'a> = (&'a Path, &'a [(&'a str, &'a str)], i32, &'a str);

fn hsm(env: &TestEnv, args: &[&str], extra_env: &[(&str, &str)]) -> Output {
    let mut c = env.cmd();
    c.env("HSMCTL_PIN", USER_PIN).args(args);
    for (k, v) in extra_env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn hsm_json(env: &TestEnv, args: &[&str], extra_env: &[(&str, &str)]) -> Value {
    let out = hsm(env, &[args, &["--json"]].concat(), extra_env);
    assert!(
        out.status.success(),
        "hsmctl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn run(cmd: &str, args: &[&str]) -> Output {
    let out = Command::new(cmd).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A key from `openssl genpkey`; returns its path.
fn genpkey(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let path = dir.join(format!("{name}.pem"));
    openssl(&[&["genpkey"], args, &["-out", p(&path)]].concat());
    path
}

/// The public key of a private key file as openssl writes it (SPKI PEM).
fn openssl_pubkey(key: &Path) -> String {
    String::from_utf8(openssl_stdout(&["pkey", "-in", p(key), "-pubout"])).unwrap()
}

/// pkcs11-tool's "Access:" line for the private key with this label.
fn private_access(env: &TestEnv, label: &str) -> String {
    let listing = env.pkcs11_tool(&["--token-label", TOKEN, "--login", "--pin", USER_PIN, "-O"]);
    listing
        .split("Private Key Object")
        .skip(1)
        .find(|b| {
            b.lines()
                .any(|l| l.trim() == format!("label:      {label}"))
        })
        .and_then(|b| b.lines().find(|l| l.trim_start().starts_with("Access:")))
        .unwrap_or_else(|| panic!("pkcs11-tool shows no private key '{label}':\n{listing}"))
        .trim()
        .to_string()
}

fn object_count(env: &TestEnv) -> usize {
    objects_seen_by_pkcs11_tool(env, TOKEN).len()
}

/// The file `msg` in `dir`: a message of some length naming `label`.
fn message(dir: &Path, label: &str) -> PathBuf {
    let msg = dir.join("msg");
    std::fs::write(&msg, format!("message for {label}\n").repeat(1000)).unwrap();
    msg
}

/// Signs `msg` with the token key and checks the signature with openssl against `pubkey`
/// (the original file's public key); also has hsmctl verify an openssl signature made with
/// `key` when the private key file is at hand.
fn signatures_cross_check(
    env: &TestEnv,
    label: &str,
    pubkey: &Path,
    key: Option<&Path>,
    kind: &str,
) {
    let dir = env.dir.path();
    let msg = message(dir, label);
    let sig = dir.join(format!("{label}.sig"));
    let _ = std::fs::remove_file(&sig);
    let out = hsm(
        env,
        &["sign", p(&msg), "--label", label, "-o", p(&sig)],
        &[],
    );
    assert!(out.status.success(), "sign {label}: {}", texts(&out).1);
    let digest = match kind {
        "rsa" | "ec:p256" => Some("-sha256"),
        "ec:p384" => Some("-sha384"),
        "ec:p521" => Some("-sha512"),
        _ => None,
    };
    let verify = |sig: &Path| -> Output {
        let mut args = vec!["-verify", p(pubkey), "-signature", p(sig)];
        match digest {
            Some(d) => {
                let mut a = vec!["dgst", d];
                a.append(&mut args);
                a.push(p(&msg));
                openssl_output(&a)
            }
            None => openssl_output(&words(&format!(
                "pkeyutl -verify -pubin -inkey {} -rawin -in {} -sigfile {}",
                p(pubkey),
                p(&msg),
                p(sig)
            ))),
        }
    };
    let out = verify(&sig);
    let said = texts(&out).0;
    assert!(
        out.status.success()
            && (said.contains("Verified OK") || said.contains("Signature Verified Successfully")),
        "openssl rejects {label}'s signature: {:?}",
        texts(&out)
    );
    // A changed message does not verify: the oracle can say no.
    let mut tampered = std::fs::read(&msg).unwrap();
    tampered[0] ^= 1;
    std::fs::write(dir.join("tampered"), &tampered).unwrap();
    let out = hsm(
        env,
        &words(&format!(
            "verify-signature {} --signature {} --label {label}",
            p(&dir.join("tampered")),
            p(&sig)
        )),
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{label}: {:?}", texts(&out));
    // hsmctl verifies its own signature with the token key and with the public key file.
    for how in [vec!["--label", label], vec!["--pubkey", p(pubkey)]] {
        let out = hsm(
            env,
            &[
                &["verify-signature", p(&msg), "--signature", p(&sig)][..],
                &how,
            ]
            .concat(),
            &[],
        );
        assert!(out.status.success(), "{label} {how:?}: {:?}", texts(&out));
    }
    // openssl's signature, verified by hsmctl.
    if let Some(key) = key {
        let osig = dir.join(format!("{label}.osig"));
        match digest {
            Some(d) => openssl(&["dgst", d, "-sign", p(key), "-out", p(&osig), p(&msg)]),
            None => openssl(&words(&format!(
                "pkeyutl -sign -inkey {} -rawin -in {} -out {}",
                p(key),
                p(&msg),
                p(&osig)
            ))),
        };
        let v = hsm_json(
            env,
            &words(&format!(
                "verify-signature {} --signature {} --label {label}",
                p(&msg),
                p(&osig)
            )),
            &[],
        );
        assert_eq!(v["valid"], true, "{label}: {v}");
    }
}

const RSA_2048: &[&str] = &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"];
const P256: &[&str] = &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"];

/// A token, an `openssl genpkey` key NAME.pem and its public key NAME.pub.pem: (key, pubkey).
fn token_and_openssl_key(env: &TestEnv, name: &str, args: &[&str]) -> (PathBuf, PathBuf) {
    env.init_token(TOKEN);
    let dir = env.dir.path();
    let key = genpkey(dir, name, args);
    let pubkey = dir.join(format!("{name}.pub.pem"));
    std::fs::write(&pubkey, openssl_pubkey(&key)).unwrap();
    (key, pubkey)
}

/// Imports an openssl key of `kind` twice, by C_CreateObject and by C_UnwrapKey, and checks
/// each copy's flags, ids, public key and signatures against openssl, pkcs11-tool and
/// ssh-keygen.
fn imports_by_create_object_and_by_unwrap_and_signs_for_openssl(
    name: &str,
    kind: &str,
    args: &[&str],
) {
    let env = TestEnv::new();
    let (key, pubkey) = token_and_openssl_key(&env, name, args);
    for unwrap in [false, true] {
        let label = format!("{name}{}", if unwrap { "-unwrapped" } else { "" });
        let mut args = vec!["import-key", p(&key), "--label", &label];
        if unwrap {
            // Both copies of one key on one token: the default id would collide.
            args.extend(["--id", "0102", "--allow-duplicate"]);
            args.push("--unwrap");
        }
        if unwrap && name == "ed" {
            // SoftHSM2 2.6 cannot make an Ed25519 key from PKCS#8 in C_UnwrapKey: a clear
            // refusal (exit 8), and no object left behind.
            let before = object_count(&env);
            let out = hsm(&env, &args, &[]);
            assert_eq!(out.status.code(), Some(8), "{:?}", texts(&out));
            assert!(
                texts(&out).1.contains("cannot unwrap ed25519 keys"),
                "{:?}",
                texts(&out)
            );
            assert_eq!(object_count(&env), before);
            continue;
        }
        let v = hsm_json(&env, &args, &[]);
        assert_eq!(v["origin"], "imported");
        assert_eq!(v["key_type"], *kind.replace("rsa", "rsa:2048"));
        assert_eq!(v["method"], if unwrap { "unwrap" } else { "create_object" });
        assert_eq!(v["fallback_reason"], Value::Null);
        assert_eq!(v["source_format"], "pkcs8");
        let f = &v["private"]["flags"];
        for (flag, want) in [
            ("sensitive", true),
            ("extractable", false),
            ("private", true),
            ("token", true),
            ("local", false),
            ("never_extractable", false),
        ] {
            assert_eq!(f[flag], want, "{label} {flag}: {v}");
        }
        assert_eq!(v["public"]["id"], v["private"]["id"]);
        if !unwrap {
            // The default id is SHA-1 of the public key, as pkcs11-tool derives it.
            assert_eq!(v["id"].as_str().unwrap().len(), 40);
        }
        // pkcs11-tool: sensitive, neither never-extractable nor local.
        assert_eq!(
            private_access(&env, &label),
            "Access:     sensitive",
            "{label}"
        );
        // export-pubkey gives back the file's public key, byte for byte.
        let exported = env.run_ok(&["export-pubkey", "--label", &label, "--class", "public"]);
        assert_eq!(exported, openssl_pubkey(&key), "{label}");
        // ssh-keygen's own conversion of the file's public key, where it has one.
        let converted = Command::new("ssh-keygen")
            .args(["-i", "-m", "PKCS8", "-f", p(&pubkey)])
            .output()
            .unwrap();
        let line = String::from_utf8_lossy(&converted.stdout).into_owned();
        if converted.status.success() && !line.is_empty() {
            let token_line = env.run_ok(&["export-ssh-pubkey", "--label", &label]);
            let fields = |l: &str| l.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
            assert_eq!(fields(&token_line), fields(&line), "{label}");
        }
        signatures_cross_check(
            &env,
            &label,
            &pubkey,
            Some(&key),
            if name == "rsa" { "rsa" } else { kind },
        );
        hsm_json(
            &env,
            &["delete", "--label", &label, "--all-matching", "--yes"],
            &[],
        );
    }
}

#[test]
fn openssl_rsa_keys_import_both_ways_and_sign_for_openssl() {
    imports_by_create_object_and_by_unwrap_and_signs_for_openssl("rsa", "rsa", RSA_2048);
}

#[test]
fn openssl_p256_keys_import_both_ways_and_sign_for_openssl() {
    imports_by_create_object_and_by_unwrap_and_signs_for_openssl("p256", "ec:p256", P256);
}

#[test]
fn openssl_p384_keys_import_both_ways_and_sign_for_openssl() {
    imports_by_create_object_and_by_unwrap_and_signs_for_openssl(
        "p384",
        "ec:p384",
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
    );
}

#[test]
fn openssl_p521_keys_import_both_ways_and_sign_for_openssl() {
    imports_by_create_object_and_by_unwrap_and_signs_for_openssl(
        "p521",
        "ec:p521",
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"],
    );
}

#[test]
fn openssl_ed25519_keys_import_by_create_object_and_refuse_unwrap_cleanly() {
    imports_by_create_object_and_by_unwrap_and_signs_for_openssl(
        "ed",
        "ed25519",
        &["-algorithm", "ED25519"],
    );
}

#[test]
fn rsa_pss_signatures_verify_in_openssl_and_are_not_overwritten_without_force() {
    let env = TestEnv::new();
    let (rsa, rsa_pub) = token_and_openssl_key(&env, "rsa", RSA_2048);
    let dir = env.dir.path();
    // RSA-PSS, checked by openssl too.
    hsm_json(&env, &["import-key", p(&rsa), "--label", "pss"], &[]);
    let msg = message(dir, "pss");
    let sig = dir.join("pss.sig");
    let out = hsm(
        &env,
        &words(&format!(
            "sign {} --label pss --pss --digest sha384 -o {}",
            p(&msg),
            p(&sig)
        )),
        &[],
    );
    assert!(out.status.success(), "{:?}", texts(&out));
    let out = openssl_output(&words(&format!(
        "dgst -sha384 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1 -verify {} \
         -signature {} {}",
        p(&rsa_pub),
        p(&sig),
        p(&msg)
    )));
    assert!(
        out.status.success(),
        "openssl rejects the PSS signature: {:?}",
        texts(&out)
    );
    // Without --force, an existing signature file is not replaced.
    let out = hsm(
        &env,
        &["sign", p(&msg), "--label", "pss", "-o", p(&sig)],
        &[],
    );
    assert_eq!(out.status.code(), Some(7), "{:?}", texts(&out));
}

/// An openssl P-256 key imported as `raw`, and a message: (public key file, message).
fn p256_key_raw(env: &TestEnv) -> (PathBuf, PathBuf) {
    let (p256, pubkey) = token_and_openssl_key(env, "p256", P256);
    hsm_json(env, &["import-key", p(&p256), "--label", "raw"], &[]);
    (pubkey, message(env.dir.path(), "raw"))
}

#[test]
fn raw_ecdsa_signatures_are_r_and_s_and_verify_only_with_raw() {
    let env = TestEnv::new();
    let (_, msg) = p256_key_raw(&env);
    let dir = env.dir.path();
    let v = hsm_json(&env, &["sign", p(&msg), "--label", "raw", "--raw"], &[]);
    assert_eq!(v["scheme"], "ecdsa-sha256-raw");
    assert_eq!(
        v["signature"].as_str().unwrap().len(),
        128,
        "r || s of P-256"
    );
    // r || s to a file, verified back with --raw; the DER reading refuses it.
    let raw_sig = dir.join("raw.sig");
    std::fs::write(&raw_sig, hex_decode(v["signature"].as_str().unwrap())).unwrap();
    let verify = format!(
        "verify-signature {} --signature {} --label raw",
        p(&msg),
        p(&raw_sig)
    );
    let check = |extra: &[&str]| {
        hsm(&env, &[&words(&verify)[..], extra].concat(), &[])
            .status
            .code()
    };
    assert_eq!(check(&["--raw"]), Some(0));
    assert_eq!(check(&[]), Some(1));
}

#[test]
fn sign_reads_the_message_from_stdin_with_another_digest_than_the_curves() {
    let env = TestEnv::new();
    let (pubkey, msg) = p256_key_raw(&env);
    let dir = env.dir.path();
    // Another digest than the curve's, as openssl dgst -sha384 makes it; the message on stdin.
    let sig = dir.join("p256-384.sig");
    let out = env
        .cmd()
        .env("HSMCTL_PIN", USER_PIN)
        .args(words(&format!(
            "sign - --label raw --digest sha384 -o {}",
            p(&sig)
        )))
        .pipe_stdin(&msg)
        .unwrap()
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", texts(&out));
    let out = openssl_output(&words(&format!(
        "dgst -sha384 -verify {} -signature {} {}",
        p(&pubkey),
        p(&sig),
        p(&msg)
    )));
    assert!(out.status.success(), "{:?}", texts(&out));
}

fn hex_decode(h: &str) -> Vec<u8> {
    (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
        .collect()
}

/// An ssh-keygen key file of `kind`, with `pass` as its passphrase ("" for none).
fn ssh_keygen(dir: &Path, name: &str, kind: &[&str], pass: &str) -> PathBuf {
    let path = dir.join(name);
    run(
        "ssh-keygen",
        &[&["-q"], kind, &["-N", pass, "-C", name, "-f", p(&path)]].concat(),
    );
    path
}

#[test]
fn ssh_keygen_keys_import_with_and_without_a_passphrase() {
    let env = TestEnv::new();
    env.init_token(TOKEN);
    let dir = env.dir.path();
    let kinds: [(&str, &[&str], &str); 3] = [
        ("ed25519", &["-t", "ed25519"], "ed25519"),
        ("ecdsa", &["-t", "ecdsa", "-b", "256"], "ec:p256"),
        ("rsa", &["-t", "rsa", "-b", "2048"], "rsa:2048"),
    ];
    let pass_file = env.pin_file("pass", "correct horse");
    for (name, args, kind) in kinds {
        for pass in ["", "correct horse"] {
            let label = format!("{name}{}", if pass.is_empty() { "" } else { "-enc" });
            let key = ssh_keygen(dir, &label, args, pass);
            let mut cmd = vec!["import-key", p(&key), "--label", &label];
            if !pass.is_empty() {
                // Without a passphrase source and no terminal: exit 5, nothing on the token.
                let before = object_count(&env);
                let out = hsm(&env, &cmd, &[]);
                assert_eq!(out.status.code(), Some(5), "{:?}", texts(&out));
                assert!(texts(&out).1.contains("passphrase"), "{:?}", texts(&out));
                assert_eq!(object_count(&env), before);
                cmd.extend(["--passphrase-file", p(&pass_file)]);
            }
            let v = hsm_json(&env, &cmd, &[]);
            assert_eq!(v["key_type"], kind, "{v}");
            assert_eq!(
                v["source_format"],
                if pass.is_empty() {
                    "openssh"
                } else {
                    "encrypted-openssh"
                }
            );
            assert_eq!(
                private_access(&env, &label),
                "Access:     sensitive",
                "{label}"
            );
            // The token's OpenSSH public key is the .pub file's (type and key; the comment
            // is the label).
            let token_line = env.run_ok(&["export-ssh-pubkey", "--label", &label]);
            let file_line = std::fs::read_to_string(format!("{}.pub", key.display())).unwrap();
            let fields = |l: &str| l.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
            assert_eq!(fields(&token_line), fields(&file_line), "{label}");
            // openssl verifies the token's signature against the file's public key.
            let pem = dir.join(format!("{label}.pub.pem"));
            let converted = Command::new("ssh-keygen")
                .args(["-e", "-m", "PKCS8", "-f", &format!("{}.pub", key.display())])
                .output()
                .unwrap();
            let pem_text = if converted.status.success() && !converted.stdout.is_empty() {
                String::from_utf8(converted.stdout).unwrap()
            } else {
                // Older ssh-keygen cannot write Ed25519 as PKCS#8: the token's export stands
                // in, already shown equal to the .pub file above.
                env.run_ok(&["export-pubkey", "--label", &label, "--class", "public"])
            };
            std::fs::write(&pem, pem_text).unwrap();
            let alg = if name == "rsa" { "rsa" } else { kind };
            signatures_cross_check(&env, &label, &pem, None, alg);
            // By C_UnwrapKey too (SoftHSM2 2.6 cannot unwrap Ed25519: see the openssl test).
            if name != "ed25519" {
                let unwrapped = format!("{label}-unwrapped");
                let mut cmd = cmd.clone();
                cmd[3] = &unwrapped;
                cmd.extend(["--unwrap", "--id", "0202", "--allow-duplicate"]);
                let v = hsm_json(&env, &cmd, &[]);
                assert_eq!(v["method"], "unwrap");
                assert_eq!(private_access(&env, &unwrapped), "Access:     sensitive");
                signatures_cross_check(&env, &unwrapped, &pem, None, alg);
                hsm_json(
                    &env,
                    &["delete", "--label", &unwrapped, "--all-matching", "--yes"],
                    &[],
                );
            }
        }
    }
}

#[test]
fn the_unwrap_fallback_takes_over_when_the_module_refuses_plaintext_private_keys() {
    let env = TestEnv::new();
    env.init_token(TOKEN);
    let dir = env.dir.path();
    let lib = env.shim();
    let key = genpkey(
        dir,
        "k",
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    );
    let log = dir.join("unwraps");
    let via_shim = |label: &str, refuse: bool| -> Value {
        let out = env
            .cmd()
            .env("HSMCTL_MODULE", &lib)
            .env("HSMCTL_PIN", USER_PIN)
            .env("SHIM_UNWRAP_LOG", &log)
            .env("SHIM_REFUSE_PRIVATE_CREATE", if refuse { "1" } else { "0" })
            .args([
                "import-key",
                p(&key),
                "--label",
                label,
                "--id",
                label,
                "--json",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{:?}", texts(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // A module that takes the key: C_CreateObject, no C_UnwrapKey.
    let v = via_shim("0a", false);
    assert_eq!(v["method"], "create_object");
    assert!(!log.exists(), "no C_UnwrapKey when C_CreateObject works");
    // One that refuses it (CKR_TEMPLATE_INCONSISTENT): unwrapped instead, and said so.
    let v = via_shim("0b", true);
    assert_eq!(v["method"], "unwrap", "{v}");
    assert!(
        v["fallback_reason"]
            .as_str()
            .unwrap()
            .contains("CKR_TEMPLATE_INCONSISTENT"),
        "{v}"
    );
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "C_UnwrapKey\n");
    assert_eq!(private_access(&env, "0b"), "Access:     sensitive");
    // The session wrapping key is gone: only the two pairs remain.
    let listing = env.pkcs11_tool(&["--token-label", TOKEN, "--login", "--pin", USER_PIN, "-O"]);
    assert!(!listing.contains("Secret Key Object"), "{listing}");
    assert_eq!(object_count(&env), 4, "{listing}");
    let pubkey = dir.join("k.pub.pem");
    std::fs::write(&pubkey, openssl_pubkey(&key)).unwrap();
    signatures_cross_check(&env, "0b", &pubkey, Some(&key), "ec:p256");
}

#[test]
fn bad_key_files_exit_with_their_code_and_leave_no_object() {
    let env = TestEnv::new();
    env.init_token(TOKEN);
    let dir = env.dir.path();
    let good = genpkey(
        dir,
        "good",
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
    );
    hsm_json(&env, &["import-key", p(&good), "--label", "good"], &[]);
    let before = object_count(&env);
    assert_eq!(before, 2);
    // A corrupt file: a changed byte in the base64 body.
    let text = std::fs::read_to_string(&good).unwrap();
    let corrupt = dir.join("corrupt.pem");
    std::fs::write(&corrupt, text.replacen("MI", "MJ", 1)).unwrap();
    let truncated = dir.join("truncated.pem");
    let lines: Vec<&str> = text.lines().collect();
    std::fs::write(
        &truncated,
        format!("{}\n{}\n{}\n", lines[0], lines[1], lines[lines.len() - 1]),
    )
    .unwrap();
    let garbage = dir.join("garbage.der");
    std::fs::write(&garbage, [0x30, 0x82, 0x01, 0x00, 0x02]).unwrap();
    let weak = genpkey(
        dir,
        "weak",
        &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
    );
    let encrypted = dir.join("enc.pem");
    openssl(&[
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        p(&good),
        "-out",
        p(&encrypted),
        "-passout",
        "pass:right one",
    ]);
    let weak_ssh = ssh_keygen(dir, "weak_ssh", &["-t", "rsa", "-b", "1024"], "");
    let pubfile = dir.join("good.pub.pem");
    std::fs::write(&pubfile, openssl_pubkey(&good)).unwrap();
    let enc_ssh = ssh_keygen(dir, "enc_ssh", &["-t", "ecdsa"], "right one");
    let cert = dir.join("good.crt");
    openssl(&words(&format!(
        "req -x509 -new -key {} -subj /CN=good -days 1 -out {}",
        p(&good),
        p(&cert)
    )));
    let p12 = dir.join("good.p12");
    openssl(&words(&format!(
        "pkcs12 -export -inkey {} -in {} -out {} -passout pass:x",
        p(&good),
        p(&cert),
        p(&p12)
    )));
    let cases: [Refusal; 10] = [
        (&p12, &[("HSMCTL_KEY_PASSPHRASE", "y")], 5, "passphrase"),
        (
            &enc_ssh,
            &[("HSMCTL_KEY_PASSPHRASE", "wrong one")],
            5,
            "passphrase",
        ),
        (&corrupt, &[], 3, "damaged"),
        (&truncated, &[], 3, ""),
        (&garbage, &[], 3, "not a private key"),
        (&weak, &[], 3, "1024-bit RSA key"),
        (&weak_ssh, &[], 3, "1024-bit RSA key"),
        (&pubfile, &[], 3, "public key"),
        (
            &encrypted,
            &[("HSMCTL_KEY_PASSPHRASE", "wrong one")],
            5,
            "passphrase",
        ),
        (&encrypted, &[], 5, "passphrase"),
    ];
    for (file, vars, code, says) in cases {
        let out = hsm(&env, &["import-key", p(file), "--label", "bad"], vars);
        assert_eq!(out.status.code(), Some(code), "{file:?}: {:?}", texts(&out));
        let err = texts(&out).1;
        assert!(
            err.contains(says) && err.contains("hint:"),
            "{file:?}: {err}"
        );
        assert_eq!(object_count(&env), before, "{file:?} left an object");
    }
    // The same key again: its default id is taken (exit 7), nothing added.
    let out = hsm(&env, &["import-key", p(&good), "--label", "again"], &[]);
    assert_eq!(out.status.code(), Some(7), "{:?}", texts(&out));
    assert_eq!(object_count(&env), before);
    // The right passphrase from a variable imports the encrypted PKCS#8 key.
    let v = hsm_json(
        &env,
        &words(&format!(
            "import-key {} --label enc --allow-duplicate --id ee",
            p(&encrypted)
        )),
        &[("HSMCTL_KEY_PASSPHRASE", "right one")],
    );
    assert_eq!(v["source_format"], "encrypted-pkcs8");
    assert_eq!(object_count(&env), before + 2);
    // The table says what happened, honestly.
    let out = hsm(
        &env,
        &words(&format!(
            "import-key {} --label told --allow-duplicate --id ff",
            p(&good)
        )),
        &[],
    );
    let (said, _) = texts(&out);
    assert!(
        said.contains("Imported ec:p384 key pair (PKCS#8 file) with C_CreateObject")
            && said.contains("private key: imported (local=false)"),
        "{said}"
    );
}

#[test]
fn shred_removes_the_key_file_only_after_a_successful_import() {
    let env = TestEnv::new();
    env.init_token(TOKEN);
    let dir = env.dir.path();
    let key = genpkey(dir, "s", &["-algorithm", "ED25519"]);
    // No terminal and no --yes: refused before anything happens.
    let out = hsm(
        &env,
        &["import-key", p(&key), "--label", "s", "--shred"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2), "{:?}", texts(&out));
    assert!(key.exists());
    assert_eq!(object_count(&env), 0);
    let v = hsm_json(
        &env,
        &["import-key", p(&key), "--label", "s", "--shred", "--yes"],
        &[],
    );
    assert_eq!(v["shredded"], p(&key));
    assert!(!key.exists(), "the key file is gone");
    assert_eq!(object_count(&env), 2);
}

#[test]
fn an_imported_ssh_ca_signs_certificates_that_sshd_accepts() {
    let env = TestEnv::new();
    env.init_token(TOKEN);
    let dir = env.dir.path();
    let ca = ssh_keygen(dir, "ca", &["-t", "ed25519"], "ca passphrase");
    hsm_json(
        &env,
        &["import-key", p(&ca), "--label", "ssh-ca"],
        &[("HSMCTL_KEY_PASSPHRASE", "ca passphrase")],
    );
    // sshd trusts the CA's .pub file as ssh-keygen wrote it, not hsmctl's export.
    let sshd = Sshd::start(dir, &format!("TrustedUserCAKeys {}.pub", ca.display()));
    let user = ssh_keygen(dir, "user", &["-t", "ed25519"], "");
    let user_pub = format!("{}.pub", user.display());
    let sign = |principal: &str| {
        let out = hsm(
            &env,
            &[
                "sign-ssh-cert",
                "--ca-label",
                "ssh-ca",
                "-I",
                "imported-ca",
                "-n",
                principal,
                "-V",
                "-5m:+1h",
                &user_pub,
                "--force",
            ],
            &[],
        );
        assert!(out.status.success(), "{:?}", texts(&out));
    };
    let login = || {
        sshd.login(
            &[
                "-i",
                p(&user),
                "-o",
                &format!("CertificateFile={}-cert.pub", user.display()),
            ],
            &[],
        )
    };
    sign("root");
    let (ok, out) = login();
    assert!(
        ok,
        "certificate login failed: {}\n{}",
        texts(&out).1,
        sshd.log()
    );
    // A certificate for another principal is refused: the check can fail.
    sign("alice");
    let (ok, _) = login();
    assert!(!ok, "a certificate for alice let root in");
}

#[test]
fn pkcs12_files_bring_their_certificate_and_chain() {
    let env = TestEnv::new();
    env.init_token(TOKEN);
    let dir = env.dir.path();
    let f = |n: &str| dir.join(n);
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        p(&f("ca.key")),
        "-subj",
        "/CN=Test CA",
        "-days",
        "10",
        "-out",
        p(&f("ca.pem")),
    ]);
    openssl(&words(&format!(
        "req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout {} -subj /CN=leaf \
             -out {}",
        p(&f("leaf.key")),
        p(&f("leaf.csr"))
    )));
    openssl(&words(&format!(
        "x509 -req -in {} -CA {} -CAkey {} -days 5 -out {}",
        p(&f("leaf.csr")),
        p(&f("ca.pem")),
        p(&f("ca.key")),
        p(&f("leaf.pem"))
    )));
    let export = |out: &str, extra: &[&str]| {
        openssl(
            &[
                &[
                    "pkcs12",
                    "-export",
                    "-inkey",
                    p(&f("leaf.key")),
                    "-in",
                    p(&f("leaf.pem")),
                    "-out",
                    p(&f(out)),
                ][..],
                extra,
            ]
            .concat(),
        );
        f(out)
    };
    let p12 = export(
        "leaf.p12",
        &["-certfile", p(&f("ca.pem")), "-passout", "pass:p12 secret"],
    );
    let legacy = export("legacy.p12", &["-legacy", "-passout", "pass:p12 secret"]);
    let open = export("open.p12", &["-passout", "pass:"]);
    // Refusals first: nothing may be left behind.
    for (file, vars, code, says) in [
        (&p12, vec![], 5, "passphrase"),
        (
            &p12,
            vec![("HSMCTL_KEY_PASSPHRASE", "wrong")],
            5,
            "passphrase",
        ),
        (
            &legacy,
            vec![("HSMCTL_KEY_PASSPHRASE", "p12 secret")],
            3,
            "legacy",
        ),
    ] {
        let out = hsm(&env, &["import-key", p(file), "--label", "no"], &vars);
        assert_eq!(out.status.code(), Some(code), "{file:?}: {:?}", texts(&out));
        assert!(texts(&out).1.contains(says), "{:?}", texts(&out));
        assert_eq!(object_count(&env), 0);
    }
    let v = hsm_json(
        &env,
        &["import-key", p(&p12), "--label", "web"],
        &[("HSMCTL_KEY_PASSPHRASE", "p12 secret")],
    );
    assert_eq!(v["source_format"], "pkcs12");
    assert_eq!(v["key_type"], "ec:p256");
    let certs = v["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 2, "{v}");
    assert_eq!(certs[0]["id"], v["id"], "the leaf shares the key's CKA_ID");
    assert_eq!(certs[0]["label"], "web");
    assert_eq!(certs[1]["label"], "web-chain-1");
    assert_ne!(certs[1]["id"], v["id"]);
    assert_eq!(object_count(&env), 4);
    assert_eq!(private_access(&env, "web"), "Access:     sensitive");
    // The stored certificates are the file's, byte for byte.
    let pem_of =
        |file: &Path| String::from_utf8(openssl_stdout(&["x509", "-in", p(file)])).unwrap();
    assert_eq!(
        env.run_ok(&["export-cert", "--label", "web", "--class", "cert"]),
        pem_of(&f("leaf.pem"))
    );
    assert_eq!(
        env.run_ok(&["export-cert", "--label", "web-chain-1", "--class", "cert"]),
        pem_of(&f("ca.pem"))
    );
    // The token key signs for the certificate's public key.
    let pubkey = f("leaf.pub.pem");
    std::fs::write(&pubkey, openssl_pubkey(&f("leaf.key"))).unwrap();
    signatures_cross_check(&env, "web", &pubkey, Some(&f("leaf.key")), "ec:p256");
    // An empty password needs no passphrase source.
    let v = hsm_json(
        &env,
        &words(&format!(
            "import-key {} --label open --id 0e --allow-duplicate",
            p(&open)
        )),
        &[],
    );
    assert_eq!(v["certificates"].as_array().unwrap().len(), 1);
}

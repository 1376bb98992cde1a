//! The client directory: addserver, deleteserver, listservers, createcert, verify, htl,
//! client-key, Chrystoki.conf. Files checked with openssl; refusals leave the home untouched;
//! concurrency and kill -9 (strace syscall injection) leave a sound bundle.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A certificate for `name` valid from `from` to `until` days from now (openssl 3.0 cannot
/// backdate), made with rcgen.
fn dated_cert(dir: &Path, file: &str, name: &str, from: i64, until: i64) -> PathBuf {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut p = rcgen::CertificateParams::new(vec![name.to_string()]).unwrap();
    p.distinguished_name.push(rcgen::DnType::CommonName, name);
    let now = time::OffsetDateTime::now_utc();
    p.not_before = now + time::Duration::days(from);
    p.not_after = now + time::Duration::days(until);
    let path = dir.join(format!("{file}.pem"));
    let cert = p.self_signed(&key).unwrap();
    std::fs::write(
        &path,
        hsmctl::formats::pem::encode("CERTIFICATE", cert.der()),
    )
    .unwrap();
    path
}

/// Every file under the home with its mode and bytes (symlinks as their target).
fn snapshot(home: &Path) -> BTreeMap<PathBuf, (u32, Vec<u8>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![home.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.is_dir() {
                stack.push(p.clone());
                out.insert(p, (meta.permissions().mode(), Vec::new()));
            } else if meta.file_type().is_symlink() {
                let t = std::fs::read_link(&p).unwrap();
                out.insert(p, (0, t.to_string_lossy().as_bytes().to_vec()));
            } else {
                out.insert(
                    p.clone(),
                    (meta.permissions().mode(), std::fs::read(&p).unwrap()),
                );
            }
        }
    }
    out
}

/// How many certificates openssl reads from a bundle (0 for an empty file); panics if openssl
/// cannot read it.
fn openssl_count(bundle: &Path) -> usize {
    if std::fs::read(bundle).map(|b| b.is_empty()).unwrap_or(true) {
        return 0;
    }
    let out = Command::new("openssl")
        .args(["crl2pkcs7", "-nocrl", "-certfile"])
        .arg(bundle)
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openssl cannot read {}",
        bundle.display()
    );
    let mut p7 = Command::new("openssl")
        .args(["pkcs7", "-print_certs", "-noout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    p7.stdin.take().unwrap().write_all(&out.stdout).unwrap();
    let printed = p7.wait_with_output().unwrap();
    assert!(printed.status.success());
    String::from_utf8_lossy(&printed.stdout)
        .lines()
        .filter(|l| l.starts_with("subject="))
        .count()
}

fn bundle(env: &TestEnv) -> PathBuf {
    env.home.join("cert/server/CAFile.pem")
}

fn hsm(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.cmd().args(args).output().unwrap()
}

fn hsm_ok(env: &TestEnv, args: &[&str]) -> String {
    let out = hsm(env, args);
    assert!(
        out.status.success(),
        "hsmctl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn addserver_keeps_names_as_typed_and_listservers_shows_them() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let (c1, _) = server_cert(d, "hsm1", "hsm1.example.com", &[]);
    let (c6, _) = server_cert(d, "v6", "2001:db8::1", &[]);
    assert_eq!(
        hsm_ok(&env, &["listservers"]),
        "There are no servers registered.\n"
    );
    // Mixed case is kept as typed (Luna's spelling); the trailing dot is syntax, not name.
    assert_eq!(
        hsm_ok(
            &env,
            &[
                "addserver",
                "-n",
                "HSM1.Example.com.",
                "-c",
                c1.to_str().unwrap()
            ]
        ),
        "New server HSM1.Example.com successfully added to the server list.\n"
    );
    assert!(
        env.home
            .join("cert/server/HSM1.Example.comCert.pem")
            .is_file()
    );
    // The expanded IPv6 form is kept; the compressed one is the same server (exit 7, the
    // registered spelling in the hint).
    hsm_ok(
        &env,
        &[
            "addserver",
            "-n",
            "2001:0db8:0000:0000:0000:0000:0000:0001",
            "-c",
            c6.to_str().unwrap(),
            "--htl",
        ],
    );
    let again = hsm(
        &env,
        &[
            "addserver",
            "-n",
            "2001:db8::1",
            "-c",
            c6.to_str().unwrap(),
            "--htl",
        ],
    );
    assert_eq!(
        again.status.code(),
        Some(7),
        "another spelling of a registered server"
    );
    assert!(
        String::from_utf8_lossy(&again.stderr)
            .contains("-n 2001:0db8:0000:0000:0000:0000:0000:0001")
    );
    assert_eq!(openssl_count(&bundle(&env)), 2);
    assert_eq!(
        hsm_ok(&env, &["listservers"]),
        "Server: HSM1.Example.com  HTL required: no\nServer: 2001:0db8:0000:0000:0000:0000:0000:0001  HTL required: yes\n"
    );
    let v: serde_json::Value =
        serde_json::from_str(&hsm_ok(&env, &["listservers", "--json"])).unwrap();
    let s = &v["servers"][1];
    assert_eq!(s["name"], "2001:0db8:0000:0000:0000:0000:0000:0001");
    assert_eq!(s["port"], 1792);
    assert_eq!(s["htl"], true);
    assert_eq!(s["subject"], "CN=2001:db8::1");
    assert!(s["not_after"].as_str().unwrap().starts_with("20"));
    // The fingerprint is the certificate's SHA-256, as openssl computes it.
    let fp = Command::new("openssl")
        .args(["x509", "-noout", "-fingerprint", "-sha256", "-in"])
        .arg(&c6)
        .output()
        .unwrap();
    let fp = String::from_utf8_lossy(&fp.stdout)
        .trim()
        .rsplit('=')
        .next()
        .unwrap()
        .replace(':', "")
        .to_lowercase();
    assert_eq!(s["fingerprint"], fp.as_str());
    // The stored file is canonical PEM of the same certificate (input had openssl's PEM).
    let stored = std::fs::read_to_string(
        env.home
            .join("cert/server/2001:0db8:0000:0000:0000:0000:0000:0001Cert.pem"),
    )
    .unwrap();
    assert_eq!(stored, std::fs::read_to_string(&c6).unwrap());
    // A different certificate for a registered name needs --force; then the old one leaves.
    let (c1b, _) = server_cert(d, "hsm1b", "hsm1.example.com", &[]);
    let out = hsm(
        &env,
        &[
            "addserver",
            "-n",
            "HSM1.Example.com",
            "-c",
            c1b.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(7),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    hsm_ok(
        &env,
        &[
            "addserver",
            "-n",
            "HSM1.Example.com",
            "-c",
            c1b.to_str().unwrap(),
            "--force",
        ],
    );
    assert_eq!(openssl_count(&bundle(&env)), 2);
    let text = std::fs::read_to_string(bundle(&env)).unwrap();
    assert!(
        !text.contains(
            std::fs::read_to_string(&c1)
                .unwrap()
                .lines()
                .nth(1)
                .unwrap()
        )
    );
    // deleteserver (any letter case) takes the certificate out of the bundle and the file away.
    hsm_ok(&env, &["deleteserver", "-n", "HSM1.example.com"]);
    assert_eq!(openssl_count(&bundle(&env)), 1);
    assert!(
        !env.home
            .join("cert/server/HSM1.Example.comCert.pem")
            .exists()
    );
    assert_eq!(
        hsm(&env, &["deleteserver", "-n", "hsm1.example.com"])
            .status
            .code(),
        Some(6)
    );
    hsm_ok(&env, &["deleteserver", "-n", "2001:DB8:0::1"]);
    assert_eq!(openssl_count(&bundle(&env)), 0);
    assert_eq!(
        hsm_ok(&env, &["listservers"]),
        "There are no servers registered.\n"
    );
}

#[test]
fn every_refusal_leaves_the_home_byte_identical() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let (good, key) = server_cert(d, "good", "hsm1.example.com", &[]);
    hsm_ok(
        &env,
        &[
            "addserver",
            "-n",
            "hsm1.example.com",
            "-c",
            good.to_str().unwrap(),
        ],
    );
    let (other, _) = server_cert(d, "other", "hsm1.example.com", &[]);
    let expired = dated_cert(d, "expired", "hsm2.example.com", -400, -35);
    let future = dated_cert(d, "future", "hsm2.example.com", 400, 800);
    let (wrong_name, _) = server_cert(d, "wrong", "elsewhere.example.com", &[]);
    // A CA certificate that issued another: not the server's own.
    let ca = d.join("ca.pem");
    let ca_key = d.join("ca.key");
    assert!(
        Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "30",
                "-subj",
                "/CN=Corp CA"
            ])
            .args([
                "-keyout",
                ca_key.to_str().unwrap(),
                "-out",
                ca.to_str().unwrap()
            ])
            .status()
            .unwrap()
            .success()
    );
    let issued = d.join("issued.pem");
    let csr = d.join("issued.csr");
    assert!(
        Command::new("openssl")
            .args([
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-subj",
                "/CN=hsm3.example.com",
                "-keyout"
            ])
            .arg(d.join("issued.key"))
            .arg("-out")
            .arg(&csr)
            .status()
            .unwrap()
            .success()
    );
    assert!(
        Command::new("openssl")
            .args([
                "x509",
                "-req",
                "-days",
                "30",
                "-in",
                csr.to_str().unwrap(),
                "-CA",
                ca.to_str().unwrap(),
                "-CAkey",
                ca_key.to_str().unwrap(),
                "-out",
                issued.to_str().unwrap()
            ])
            .status()
            .unwrap()
            .success()
    );
    let two = d.join("two.pem");
    std::fs::write(
        &two,
        [std::fs::read(&issued).unwrap(), std::fs::read(&ca).unwrap()].concat(),
    )
    .unwrap();
    let truncated = d.join("truncated.pem");
    let t = std::fs::read_to_string(&good).unwrap();
    std::fs::write(&truncated, &t[..t.len() / 2]).unwrap();
    let corrupt = d.join("corrupt.pem");
    std::fs::write(&corrupt, t.replacen("MII", "M!I", 1)).unwrap();
    let empty = d.join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    let big = d.join("big.pem");
    std::fs::write(&big, vec![b'A'; (1 << 20) + 1]).unwrap();
    let csr_der = d.join("issued.csr");
    let fifo = d.join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let s = |p: &PathBuf| p.to_str().unwrap().to_string();
    let cases: Vec<(Vec<String>, i32, &str)> = vec![
        (
            vec![
                "-n".into(),
                "hsm1.example.com".into(),
                "-c".into(),
                s(&other),
            ],
            7,
            "another certificate",
        ),
        (
            vec![
                "-n".into(),
                "hsm2.example.com".into(),
                "-c".into(),
                s(&expired),
            ],
            3,
            "expired",
        ),
        (
            vec![
                "-n".into(),
                "hsm2.example.com".into(),
                "-c".into(),
                s(&future),
            ],
            3,
            "not valid before",
        ),
        (
            vec![
                "-n".into(),
                "hsm2.example.com".into(),
                "-c".into(),
                s(&wrong_name),
                "--strict-names".into(),
            ],
            3,
            "elsewhere.example.com",
        ),
        (
            vec![
                "-n".into(),
                "corp-ca".into(),
                "-c".into(),
                s(&ca),
                "--allow-name-mismatch".into(),
            ],
            0,
            "",
        ),
        (
            vec!["-n".into(), "hsm3.example.com".into(), "-c".into(), s(&two)],
            3,
            "2 certificates",
        ),
        (
            vec!["-n".into(), "hsm1.example.com".into(), "-c".into(), s(&key)],
            3,
            "private key",
        ),
        (
            vec![
                "-n".into(),
                "hsm1.example.com".into(),
                "-c".into(),
                s(&csr_der),
            ],
            3,
            "request",
        ),
        (
            vec![
                "-n".into(),
                "hsm1.example.com".into(),
                "-c".into(),
                s(&truncated),
            ],
            3,
            "truncated",
        ),
        (
            vec![
                "-n".into(),
                "hsm1.example.com".into(),
                "-c".into(),
                s(&corrupt),
            ],
            3,
            "corrupt",
        ),
        (
            vec![
                "-n".into(),
                "hsm1.example.com".into(),
                "-c".into(),
                s(&empty),
            ],
            3,
            "empty",
        ),
        (
            vec!["-n".into(), "hsm1.example.com".into(), "-c".into(), s(&big)],
            3,
            "1 MiB",
        ),
        (
            vec![
                "-n".into(),
                "hsm1.example.com".into(),
                "-c".into(),
                d.to_str().unwrap().into(),
            ],
            3,
            "directory",
        ),
        (
            vec![
                "-n".into(),
                "hsm1.example.com".into(),
                "-c".into(),
                s(&fifo),
            ],
            3,
            "not a regular file",
        ),
        (
            vec!["-n".into(), "../evil".into(), "-c".into(), s(&good)],
            3,
            "path separator",
        ),
        (
            vec!["-n".into(), "a\\b".into(), "-c".into(), s(&good)],
            3,
            "path separator",
        ),
        (
            vec!["-n".into(), "x..y".into(), "-c".into(), s(&good)],
            3,
            "..",
        ),
        (
            vec!["-n".into(), "a\u{1}b".into(), "-c".into(), s(&good)],
            3,
            "control character",
        ),
        (
            vec!["-n=-rf".into(), "-c".into(), s(&good)],
            3,
            "starts with '-'",
        ),
    ];
    for (args, code, says) in cases {
        // The CA case is the one success here (a CA is registered under its own name with
        // the override); it is removed again so the snapshot compares like with like.
        let before = snapshot(&env.home);
        let mut argv = vec!["addserver".to_string()];
        argv.extend(args.clone());
        let out = env.cmd().args(&argv).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        if code == 0 {
            // CA:TRUE issued by no one else is self-signed: accepted with the name override.
            assert!(out.status.success(), "{args:?}: {stderr}");
            hsm_ok(&env, &["deleteserver", "-n", "corp-ca"]);
            assert_eq!(snapshot(&env.home), before, "{args:?}");
            continue;
        }
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(
            stderr.lines().filter(|l| l.starts_with("error:")).count(),
            1,
            "{stderr}"
        );
        assert!(out.stdout.is_empty());
        assert_eq!(snapshot(&env.home), before, "{args:?} changed the home");
    }
    // The CA certificate that issued the server's, given as the server's: refused.
    let out = hsm(
        &env,
        &[
            "addserver",
            "-n",
            "hsm3.example.com",
            "-c",
            two.to_str().unwrap(),
            "--chain",
        ],
    );
    assert!(
        out.status.success(),
        "a chain with --chain: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(openssl_count(&bundle(&env)), 3);
    let ca_as_server = hsm(
        &env,
        &[
            "addserver",
            "-n",
            "hsm4.example.com",
            "-c",
            ca.to_str().unwrap(),
            "--strict-names",
        ],
    );
    assert_eq!(ca_as_server.status.code(), Some(3));
    // A damaged bundle is refused (nothing changes) unless --repair, which keeps the intact.
    let mut damaged = std::fs::read_to_string(bundle(&env)).unwrap();
    damaged.push_str("-----BEGIN CERTIFICATE-----\nMIIBbroken\n");
    std::fs::write(bundle(&env), &damaged).unwrap();
    let before = snapshot(&env.home);
    let (g2, _) = server_cert(d, "g2", "hsm5.example.com", &[]);
    let out = hsm(
        &env,
        &[
            "addserver",
            "-n",
            "hsm5.example.com",
            "-c",
            g2.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--repair"));
    assert_eq!(snapshot(&env.home), before);
    hsm_ok(
        &env,
        &[
            "addserver",
            "-n",
            "hsm5.example.com",
            "-c",
            g2.to_str().unwrap(),
            "--repair",
        ],
    );
    assert_eq!(openssl_count(&bundle(&env)), 4);
    // A bundle without its final newline is repaired on the next write.
    let mut text = std::fs::read_to_string(bundle(&env)).unwrap();
    text.pop();
    std::fs::write(bundle(&env), &text).unwrap();
    hsm_ok(&env, &["deleteserver", "-n", "hsm5.example.com"]);
    assert!(
        std::fs::read_to_string(bundle(&env))
            .unwrap()
            .ends_with("-----\n")
    );
    assert_eq!(openssl_count(&bundle(&env)), 3);
    // A symlink planted at a target path is never written through.
    let victim = d.join("victim");
    std::fs::write(&victim, "keep").unwrap();
    let (g6, _) = server_cert(d, "g6", "hsm6.example.com", &[]);
    let planted = env.home.join("cert/server/hsm6.example.comCert.pem");
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let out = hsm(
        &env,
        &[
            "addserver",
            "-n",
            "hsm6.example.com",
            "-c",
            g6.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
}

#[test]
fn concurrent_addservers_lose_nothing_and_duplicate_nothing() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let certs: Vec<PathBuf> = (1..=16)
        .map(|i| server_cert(d, &format!("c{i}"), &format!("192.0.2.{i}"), &[]).0)
        .collect();
    for round in 0..4 {
        let children: Vec<_> = certs
            .iter()
            .enumerate()
            .map(|(i, c)| {
                env.process()
                    .args(["addserver", "-n", &format!("192.0.2.{}", i + 1), "-c"])
                    .arg(c)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(openssl_count(&bundle(&env)), 16, "round {round}");
        let files = std::fs::read_dir(env.home.join("cert/server"))
            .unwrap()
            .count();
        assert_eq!(
            files, 17,
            "16 server files and the bundle, no temp files (round {round})"
        );
        let v: serde_json::Value =
            serde_json::from_str(&hsm_ok(&env, &["listservers", "--json"])).unwrap();
        assert_eq!(v["servers"].as_array().unwrap().len(), 16);
        // Start the next round from nothing.
        for i in 1..=16 {
            hsm_ok(&env, &["deleteserver", "-n", &format!("192.0.2.{i}")]);
        }
        assert_eq!(openssl_count(&bundle(&env)), 0);
    }
    // 8 runs for one name and one certificate: exactly one entry.
    let children: Vec<_> = (0..8)
        .map(|_| {
            env.process()
                .args(["addserver", "-n", "192.0.2.1", "-c"])
                .arg(&certs[0])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        assert!(c.wait_with_output().unwrap().status.success());
    }
    assert_eq!(openssl_count(&bundle(&env)), 1);
    assert_eq!(hsm_ok(&env, &["listservers"]).lines().count(), 1);
}

/// Runs hsmctl killed (SIGKILL) at the `when`-th call of `syscall`; true when it got that
/// far (false: it finished first).
fn killed_at(env: &TestEnv, syscall: &str, when: usize, args: &[&str]) -> bool {
    !under_strace(env, syscall, "signal=KILL", when, args)
        .status
        .success()
}

#[test]
fn kill_9_at_every_write_step_leaves_old_or_new_and_a_rerun_converges() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let (a, _) = server_cert(d, "a", "hsm-a.example.com", &[]);
    let (b, _) = server_cert(d, "b", "hsm-b.example.com", &[]);
    let (a2, _) = server_cert(d, "a2", "hsm-a.example.com", &[]);
    hsm_ok(
        &env,
        &[
            "addserver",
            "-n",
            "hsm-a.example.com",
            "-c",
            a.to_str().unwrap(),
        ],
    );
    let old_bundle = std::fs::read(bundle(&env)).unwrap();
    let reset = snapshot(&env.home);
    let runs: [(&str, Vec<&str>); 2] = [
        (
            "add b",
            vec![
                "addserver",
                "-n",
                "hsm-b.example.com",
                "-c",
                b.to_str().unwrap(),
            ],
        ),
        (
            "replace a",
            vec![
                "addserver",
                "-n",
                "hsm-a.example.com",
                "-c",
                a2.to_str().unwrap(),
                "--force",
            ],
        ),
    ];
    for (what, args) in &runs {
        // The state after an uninterrupted run, for comparison.
        hsm_ok(&env, args);
        let new_bundle = std::fs::read(bundle(&env)).unwrap();
        let finished = snapshot(&env.home);
        let mut kills = 0;
        for syscall in ["write", "fsync", "rename"] {
            for when in 1.. {
                restore(&env.home, &reset);
                if !killed_at(&env, syscall, when, args) {
                    break;
                }
                kills += 1;
                let now = std::fs::read(bundle(&env)).unwrap();
                assert!(
                    now == old_bundle || now == new_bundle,
                    "{what}: killed at {syscall} #{when}: the bundle is neither old nor new"
                );
                openssl_count(&bundle(&env));
                // A rerun completes the change and leaves no temp files.
                hsm_ok(&env, args);
                assert_eq!(
                    snapshot(&env.home),
                    finished,
                    "{what}: rerun after {syscall} #{when}"
                );
            }
        }
        assert!(kills >= 6, "{what}: only {kills} kill points");
        restore(&env.home, &reset);
    }
}

/// Puts the home back to a snapshot.
fn restore(home: &Path, snap: &BTreeMap<PathBuf, (u32, Vec<u8>)>) {
    std::fs::remove_dir_all(home).unwrap();
    std::fs::create_dir(home).unwrap();
    for (p, (mode, bytes)) in snap {
        if *mode & 0o40000 != 0 {
            std::fs::create_dir_all(p).unwrap();
        } else {
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(*mode & 0o7777)).unwrap();
    }
}

#[test]
fn createcert_writes_a_matching_private_pair_and_verify_connects() {
    let env = TestEnv::new();
    let d = env.dir.path();
    // umask 000: the key must still be 0600.
    let out =
        env.bash(r#"umask 000; "$HSMCTL" createcert -n client1.example.com --key-type ec:p256"#);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let key = env.home.join("cert/client/client1.example.comKey.pem");
    let cert = env.home.join("cert/client/client1.example.com.pem");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "Private Key created and written to: {}\nCertificate created and written to: {}\n",
            key.display(),
            cert.display()
        )
    );
    assert_eq!(
        std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let pubkey = |args: &[&str]| {
        let o = Command::new("openssl").args(args).output().unwrap();
        assert!(o.status.success());
        o.stdout
    };
    assert_eq!(
        pubkey(&["x509", "-noout", "-pubkey", "-in", cert.to_str().unwrap()]),
        pubkey(&["pkey", "-pubout", "-in", key.to_str().unwrap()])
    );
    let text = String::from_utf8(pubkey(&[
        "x509",
        "-noout",
        "-text",
        "-in",
        cert.to_str().unwrap(),
    ]))
    .unwrap();
    assert!(
        text.contains("CN = client1.example.com") && text.contains("DNS:client1.example.com"),
        "{text}"
    );
    // No overwrite without --force; an RSA identity for an IP name.
    assert_eq!(
        hsm(&env, &["createcert", "-n", "client1.example.com"])
            .status
            .code(),
        Some(7)
    );
    hsm_ok(&env, &["createcert", "-n", "192.0.2.50"]);
    let ip_cert = env.home.join("cert/client/192.0.2.50.pem");
    let text = String::from_utf8(pubkey(&[
        "x509",
        "-noout",
        "-text",
        "-in",
        ip_cert.to_str().unwrap(),
    ]))
    .unwrap();
    assert!(
        text.contains("IP Address:192.0.2.50") && text.contains("rsaEncryption"),
        "{text}"
    );
    hsm_ok(
        &env,
        &[
            "createcert",
            "-n",
            "client1.example.com",
            "--force",
            "--key-type",
            "ec:p256",
        ],
    );

    // A server on 127.0.0.1 that demands this client's certificate.
    let (srv, srv_key) = server_cert(d, "srv", "127.0.0.1", &[]);
    let port = free_port();
    hsm_ok(
        &env,
        &[
            "addserver",
            "-n",
            "127.0.0.1",
            "-c",
            srv.to_str().unwrap(),
            "-p",
            &port.to_string(),
        ],
    );
    let verify = |trusted: &Path| {
        let mut server = Command::new("openssl")
            .args([
                "s_server",
                "-quiet",
                "-Verify",
                "1",
                "-verify_return_error",
                "-accept",
            ])
            .arg(format!("127.0.0.1:{port}"))
            .args([
                "-cert",
                srv.to_str().unwrap(),
                "-key",
                srv_key.to_str().unwrap(),
                "-CAfile",
            ])
            .arg(trusted)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for_port(port);
        let out = hsm(&env, &["verify", "--no-slots", "--connect", "--json"]);
        let _ = server.kill();
        let _ = server.wait();
        out
    };
    let out = verify(&cert);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tls = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["subject"] == "server 127.0.0.1 (TLS)")
        .unwrap()
        .clone();
    assert_eq!(tls["status"], "ok", "{tls}");
    // The server trusts another client certificate: the exact failure, exit 1.
    let out = verify(&srv);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tls = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["subject"] == "server 127.0.0.1 (TLS)")
        .unwrap()
        .clone();
    assert_eq!(tls["status"], "error", "{tls}");
    assert!(tls["detail"].as_str().unwrap().contains("alert"), "{tls}");
    // The human form starts like `vtl verify`, listing the token.
    env.init_token("part1");
    let out = hsm_ok(&env, &["verify"]);
    assert!(
        out.starts_with(
            "The following Luna SA Slots/Partitions were found:\n\nSlot    Serial #        Label\n"
        ),
        "{out}"
    );
    assert!(out.contains(" part1\n"), "{out}");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    panic!("openssl s_server did not start on port {port}");
}

#[test]
fn htl_tokens_client_key_lifecycle_and_chrystoki_conf() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let (c, _) = server_cert(d, "h", "hsm1.example.com", &[]);
    let conf = d.join("Chrystoki.conf");
    let original = "Chrystoki2 = {\n   LibUNIX64 = /usr/safenet/lunaclient/lib/libCryptoki2_64.so;\n}\n\
                    LunaSA Client = {\n   ReceiveTimeout = 20000;\n   NetClient = 1;\n   \
                    ServerName00 = stale.example.com;\n   ServerPort00 = 1792;\n   ServerHtl00 = 0;\n}\n\
                    Misc = {\n   Keep = this;\n}\n";
    std::fs::write(&conf, original).unwrap();
    let cc = ["--chrystoki-conf", conf.to_str().unwrap()];
    hsm_ok(
        &env,
        &[
            &[
                "addserver",
                "-n",
                "hsm1.example.com",
                "-c",
                c.to_str().unwrap(),
                "--htl",
            ][..],
            &cc,
        ]
        .concat(),
    );
    hsm_ok(
        &env,
        &[
            &["createcert", "-n", "client1", "--key-type", "ec:p256"][..],
            &cc,
        ]
        .concat(),
    );
    let text = std::fs::read_to_string(&conf).unwrap();
    let home = std::fs::canonicalize(&env.home).unwrap();
    assert!(text.starts_with("Chrystoki2 = {\n   LibUNIX64 = /usr/safenet/lunaclient/lib/libCryptoki2_64.so;\n}\nLunaSA Client = {\n   ReceiveTimeout = 20000;\n   NetClient = 1;\n   ServerName00 = hsm1.example.com;\n   ServerPort00 = 1792;\n   ServerHtl00 = 1;\n"), "{text}");
    assert!(
        text.ends_with("}\nMisc = {\n   Keep = this;\n}\n"),
        "{text}"
    );
    for (k, v) in [
        ("ServerCAFile", home.join("cert/server/CAFile.pem")),
        ("ClientCertFile", home.join("cert/client/client1.pem")),
        ("ClientPrivKeyFile", home.join("cert/client/client1Key.pem")),
    ] {
        assert!(
            text.contains(&format!("   {k} = {};\n", v.display())),
            "{k} in {text}"
        );
    }
    hsm_ok(
        &env,
        &[&["deleteserver", "-n", "hsm1.example.com"][..], &cc].concat(),
    );
    assert!(
        !std::fs::read_to_string(&conf)
            .unwrap()
            .contains("ServerName")
    );
    hsm_ok(
        &env,
        &[
            &[
                "addserver",
                "-n",
                "hsm1.example.com",
                "-c",
                c.to_str().unwrap(),
                "--htl",
            ][..],
            &cc,
        ]
        .concat(),
    );

    // HTL: only for a server registered with --htl; the token is 0600.
    let ott = d.join("token.ott");
    std::fs::write(&ott, "one-time-token\n").unwrap();
    let (c2, _) = server_cert(d, "h2", "hsm2.example.com", &[]);
    hsm_ok(
        &env,
        &[
            "addserver",
            "-n",
            "hsm2.example.com",
            "-c",
            c2.to_str().unwrap(),
        ],
    );
    assert_eq!(
        hsm(
            &env,
            &[
                "htl",
                "install",
                "-n",
                "hsm2.example.com",
                ott.to_str().unwrap()
            ]
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        hsm(
            &env,
            &[
                "htl",
                "install",
                "-n",
                "hsm9.example.com",
                ott.to_str().unwrap()
            ]
        )
        .status
        .code(),
        Some(6)
    );
    hsm_ok(
        &env,
        &[
            "htl",
            "install",
            "-n",
            "HSM1.example.com",
            ott.to_str().unwrap(),
        ],
    );
    let installed = env.home.join("htl/hsm1.example.com.ott");
    assert_eq!(
        std::fs::metadata(&installed).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(std::fs::read(&installed).unwrap(), b"one-time-token\n");
    let v: serde_json::Value =
        serde_json::from_str(&hsm_ok(&env, &["htl", "show", "--json"])).unwrap();
    assert_eq!(v["servers"][0]["installed"], true);

    // client-key: show, backup (openssl reads it with the passphrase), roll, restore.
    let shown: serde_json::Value =
        serde_json::from_str(&hsm_ok(&env, &["client-key", "show", "--json"])).unwrap();
    assert_eq!(shown["name"], "client1");
    assert_eq!(shown["key_type"], "ec:p256");
    assert_eq!(shown["cert_matches_key"], true);
    let backup = d.join("client1.p8");
    let pass_file = d.join("pass");
    std::fs::write(&pass_file, "correct horse battery\n").unwrap();
    std::fs::set_permissions(&pass_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    hsm_ok(
        &env,
        &[
            "client-key",
            "backup",
            "-o",
            backup.to_str().unwrap(),
            "--passphrase-file",
            pass_file.to_str().unwrap(),
        ],
    );
    assert_eq!(
        std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let key_path = env.home.join("cert/client/client1Key.pem");
    let pubout = |args: &[&str]| {
        let o = Command::new("openssl").args(args).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let original_pub = pubout(&["pkey", "-pubout", "-in", key_path.to_str().unwrap()]);
    assert_eq!(
        pubout(&[
            "pkey",
            "-pubout",
            "-in",
            backup.to_str().unwrap(),
            "-passin",
            "pass:correct horse battery"
        ]),
        original_pub
    );
    assert!(
        !std::fs::read_to_string(&backup)
            .unwrap()
            .contains("BEGIN PRIVATE KEY")
    );
    // Restoring the same key is a no-op; a wrong passphrase is exit 5.
    let wrong = d.join("wrong");
    std::fs::write(&wrong, "not the passphrase\n").unwrap();
    std::fs::set_permissions(&wrong, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(
        hsm(
            &env,
            &[
                "client-key",
                "restore",
                backup.to_str().unwrap(),
                "--passphrase-file",
                wrong.to_str().unwrap()
            ]
        )
        .status
        .code(),
        Some(5)
    );
    hsm_ok(
        &env,
        &[
            "client-key",
            "restore",
            backup.to_str().unwrap(),
            "--passphrase-file",
            pass_file.to_str().unwrap(),
        ],
    );
    // Roll: a new key and certificate; the old pair kept as .old.
    let cert_path = env.home.join("cert/client/client1.pem");
    let old_cert = std::fs::read(&cert_path).unwrap();
    hsm_ok(&env, &["client-key", "roll"]);
    assert_ne!(
        pubout(&["pkey", "-pubout", "-in", key_path.to_str().unwrap()]),
        original_pub
    );
    assert_eq!(
        std::fs::read(env.home.join("cert/client/client1.pem.old")).unwrap(),
        old_cert
    );
    let old_key = env.home.join("cert/client/client1Key.pem.old");
    assert_eq!(
        std::fs::metadata(&old_key).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        pubout(&["pkey", "-pubout", "-in", old_key.to_str().unwrap()]),
        original_pub
    );
    assert_eq!(
        pubout(&[
            "x509",
            "-noout",
            "-pubkey",
            "-in",
            cert_path.to_str().unwrap()
        ]),
        pubout(&["pkey", "-pubout", "-in", key_path.to_str().unwrap()])
    );
    // The old backup does not match the rolled certificate: refused, nothing changed.
    let before = snapshot(&env.home);
    let out = hsm(
        &env,
        &[
            "client-key",
            "restore",
            backup.to_str().unwrap(),
            "--passphrase-file",
            pass_file.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(snapshot(&env.home), before);
}

#[test]
fn fetch_shows_the_fingerprint_and_registers_only_when_confirmed() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let (srv, srv_key) = server_cert(d, "srv", "127.0.0.1", &[]);
    let port = free_port();
    let mut server = Command::new("openssl")
        .args(["s_server", "-quiet", "-accept"])
        .arg(format!("127.0.0.1:{port}"))
        .args([
            "-cert",
            srv.to_str().unwrap(),
            "-key",
            srv_key.to_str().unwrap(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_port(port);
    let target = format!("127.0.0.1:{port}");
    // stdin is not a terminal: without --yes nothing is registered (exit 2).
    let out = hsm(&env, &["addserver", "-n", "127.0.0.1", "--fetch", &target]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let fp = Command::new("openssl")
        .args(["x509", "-noout", "-fingerprint", "-sha256", "-in"])
        .arg(&srv)
        .output()
        .unwrap();
    let fp = String::from_utf8_lossy(&fp.stdout)
        .trim()
        .rsplit('=')
        .next()
        .unwrap()
        .to_string();
    assert!(stderr.contains(&fp), "the fingerprint is shown: {stderr}");
    assert!(stderr.contains("CN=127.0.0.1"), "{stderr}");
    assert!(!bundle(&env).exists());
    hsm_ok(
        &env,
        &["addserver", "-n", "127.0.0.1", "--fetch", &target, "--yes"],
    );
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(
        std::fs::read_to_string(env.home.join("cert/server/127.0.0.1Cert.pem")).unwrap(),
        std::fs::read_to_string(&srv).unwrap()
    );
    assert_eq!(openssl_count(&bundle(&env)), 1);
}

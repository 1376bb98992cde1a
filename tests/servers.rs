//! The client directory: addserver, deleteserver, listservers, createcert, verify, htl,
//! client-key, Chrystoki.conf. Files checked with openssl; refusals leave the home untouched;
//! concurrency and kill -9 (strace syscall injection) leave a sound bundle.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

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
    let out = openssl_output(&["crl2pkcs7", "-nocrl", "-certfile", p(bundle)]);
    assert!(
        out.status.success(),
        "openssl cannot read {}",
        bundle.display()
    );
    let printed = openssl_stdin(&["pkcs7", "-print_certs", "-noout"], &out.stdout);
    assert!(printed.status.success());
    String::from_utf8_lossy(&printed.stdout)
        .lines()
        .filter(|l| l.starts_with("subject="))
        .count()
}

/// The SHA-256 fingerprint of a certificate as openssl prints it (`AB:CD:...`).
fn openssl_fingerprint(cert: &Path) -> String {
    let fp = openssl_output(&["x509", "-noout", "-fingerprint", "-sha256", "-in", p(cert)]);
    String::from_utf8_lossy(&fp.stdout)
        .trim()
        .rsplit('=')
        .next()
        .unwrap()
        .to_string()
}

fn bundle(env: &TestEnv) -> PathBuf {
    env.home.join("cert/server/CAFile.pem")
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn addserver_keeps_names_as_typed_and_listservers_shows_them() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let (c1, _) = server_cert(d, "hsm1", "hsm1.example.com", &[]);
    let (c6, _) = server_cert(d, "v6", "2001:db8::1", &[]);
    assert_eq!(
        env.hsm_ok("listservers"),
        "There are no servers registered.\n"
    );
    // Mixed case is kept as typed (Luna's spelling); the trailing dot is syntax, not name.
    assert_eq!(
        env.hsm_ok(&format!("addserver -n HSM1.Example.com. -c {}", p(&c1))),
        "New server HSM1.Example.com successfully added to the server list.\n"
    );
    assert!(
        env.home
            .join("cert/server/HSM1.Example.comCert.pem")
            .is_file()
    );
    // The expanded IPv6 form is kept; the compressed one is the same server (exit 7, the
    // registered spelling in the hint).
    let v6 = "2001:0db8:0000:0000:0000:0000:0000:0001";
    env.hsm_ok(&format!("addserver -n {v6} -c {} --htl", p(&c6)));
    let again = env.hsm(&format!("addserver -n 2001:db8::1 -c {} --htl", p(&c6)));
    assert_eq!(
        again.status.code(),
        Some(7),
        "another spelling of a registered server"
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains(&format!("-n {v6}")));
    assert_eq!(openssl_count(&bundle(&env)), 2);
    assert_eq!(
        env.hsm_ok("listservers"),
        format!("Server: HSM1.Example.com  HTL required: no\nServer: {v6}  HTL required: yes\n")
    );
    let v: serde_json::Value = serde_json::from_str(&env.hsm_ok("listservers --json")).unwrap();
    let s = &v["servers"][1];
    assert_eq!(s["name"], v6);
    assert_eq!(s["port"], 1792);
    assert_eq!(s["htl"], true);
    assert_eq!(s["subject"], "CN=2001:db8::1");
    assert!(s["not_after"].as_str().unwrap().starts_with("20"));
    // The fingerprint is the certificate's SHA-256, as openssl computes it.
    let fp = openssl_fingerprint(&c6).replace(':', "").to_lowercase();
    assert_eq!(s["fingerprint"], fp.as_str());
    // The stored file is canonical PEM of the same certificate (input had openssl's PEM).
    let stored =
        std::fs::read_to_string(env.home.join(format!("cert/server/{v6}Cert.pem"))).unwrap();
    assert_eq!(stored, std::fs::read_to_string(&c6).unwrap());
    // A different certificate for a registered name needs --force; then the old one leaves.
    let (c1b, _) = server_cert(d, "hsm1b", "hsm1.example.com", &[]);
    let add_c1b = format!("addserver -n HSM1.Example.com -c {}", p(&c1b));
    let out = env.hsm(&add_c1b);
    assert_eq!(
        out.status.code(),
        Some(7),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    env.hsm_ok(&format!("{add_c1b} --force"));
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
    env.hsm_ok("deleteserver -n HSM1.example.com");
    assert_eq!(openssl_count(&bundle(&env)), 1);
    assert!(
        !env.home
            .join("cert/server/HSM1.Example.comCert.pem")
            .exists()
    );
    assert_eq!(
        env.hsm("deleteserver -n hsm1.example.com").status.code(),
        Some(6)
    );
    env.hsm_ok("deleteserver -n 2001:DB8:0::1");
    assert_eq!(openssl_count(&bundle(&env)), 0);
    assert_eq!(
        env.hsm_ok("listservers"),
        "There are no servers registered.\n"
    );
}

/// A home with hsm1.example.com registered; its certificate and key.
fn home_with_hsm1(env: &TestEnv) -> (PathBuf, PathBuf) {
    let (good, key) = server_cert(env.dir.path(), "good", "hsm1.example.com", &[]);
    env.hsm_ok(&format!("addserver -n hsm1.example.com -c {}", p(&good)));
    (good, key)
}

/// A CA certificate (Corp CA) that issued hsm3.example.com's: (CA certificate, the request
/// for hsm3, hsm3's certificate followed by the CA's).
fn corp_chain(d: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let ca = d.join("ca.pem");
    let ca_key = d.join("ca.key");
    let mut args = words("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30");
    args.extend([
        "-subj",
        "/CN=Corp CA",
        "-keyout",
        p(&ca_key),
        "-out",
        p(&ca),
    ]);
    openssl(&args);
    let issued = d.join("issued.pem");
    let csr = d.join("issued.csr");
    openssl(&words(&format!(
        "req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=hsm3.example.com \
         -keyout {} -out {}",
        p(&d.join("issued.key")),
        p(&csr)
    )));
    openssl(&words(&format!(
        "x509 -req -days 30 -in {} -CA {} -CAkey {} -out {}",
        p(&csr),
        p(&ca),
        p(&ca_key),
        p(&issued)
    )));
    let two = d.join("two.pem");
    std::fs::write(
        &two,
        [std::fs::read(&issued).unwrap(), std::fs::read(&ca).unwrap()].concat(),
    )
    .unwrap();
    (ca, csr, two)
}

/// Runs `addserver ARGS` for each case and checks the exit code, the one `error:` line
/// containing `says`, the empty stdout and the unchanged home. Code 0 is the one success (a CA
/// registered under its own name with the override), removed again so the snapshot compares
/// like with like.
fn assert_refused_addservers(env: &TestEnv, cases: &[(String, i32, &str)]) {
    for (args, code, says) in cases {
        let before = snapshot(&env.home);
        let out = env.hsm(&format!("addserver {args}"));
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        if *code == 0 {
            // CA:TRUE issued by no one else is self-signed: accepted with the name override.
            assert!(out.status.success(), "{args:?}: {stderr}");
            env.hsm_ok("deleteserver -n corp-ca");
            assert_eq!(snapshot(&env.home), before, "{args:?}");
            continue;
        }
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(
            stderr.lines().filter(|l| l.starts_with("error:")).count(),
            1,
            "{stderr}"
        );
        assert!(out.stdout.is_empty());
        assert_eq!(snapshot(&env.home), before, "{args:?} changed the home");
    }
}

#[test]
fn every_refused_certificate_leaves_the_home_byte_identical() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let (good, key) = home_with_hsm1(&env);
    let (other, _) = server_cert(d, "other", "hsm1.example.com", &[]);
    let expired = dated_cert(d, "expired", "hsm2.example.com", -400, -35);
    let future = dated_cert(d, "future", "hsm2.example.com", 400, 800);
    let (wrong_name, _) = server_cert(d, "wrong", "elsewhere.example.com", &[]);
    // A CA certificate that issued another: not the server's own.
    let (ca, csr, two) = corp_chain(d);
    let truncated = d.join("truncated.pem");
    let t = std::fs::read_to_string(&good).unwrap();
    std::fs::write(&truncated, &t[..t.len() / 2]).unwrap();
    let corrupt = d.join("corrupt.pem");
    std::fs::write(&corrupt, t.replacen("MII", "M!I", 1)).unwrap();
    let empty = d.join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    let big = d.join("big.pem");
    std::fs::write(&big, vec![b'A'; (1 << 20) + 1]).unwrap();
    let fifo = d.join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let hsm1 = |file: &Path| format!("-n hsm1.example.com -c {}", p(file));
    let hsm2 = |file: &Path| format!("-n hsm2.example.com -c {}", p(file));
    assert_refused_addservers(
        &env,
        &[
            (hsm1(&other), 7, "another certificate"),
            (hsm2(&expired), 3, "expired"),
            (hsm2(&future), 3, "not valid before"),
            (
                format!("{} --strict-names", hsm2(&wrong_name)),
                3,
                "elsewhere.example.com",
            ),
            (
                format!("-n corp-ca -c {} --allow-name-mismatch", p(&ca)),
                0,
                "",
            ),
            (
                format!("-n hsm3.example.com -c {}", p(&two)),
                3,
                "2 certificates",
            ),
            (hsm1(&key), 3, "private key"),
            (hsm1(&csr), 3, "request"),
            (hsm1(&truncated), 3, "truncated"),
            (hsm1(&corrupt), 3, "corrupt"),
            (hsm1(&empty), 3, "empty"),
            (hsm1(&big), 3, "1 MiB"),
            (hsm1(d), 3, "directory"),
            (hsm1(&fifo), 3, "not a regular file"),
        ],
    );
}

#[test]
fn every_refused_server_name_leaves_the_home_byte_identical() {
    let env = TestEnv::new();
    let (good, _) = home_with_hsm1(&env);
    let c = format!("-c {}", p(&good));
    assert_refused_addservers(
        &env,
        &[
            (format!("-n ../evil {c}"), 3, "path separator"),
            (format!("-n a\\b {c}"), 3, "path separator"),
            (format!("-n x..y {c}"), 3, ".."),
            (format!("-n a\u{1}b {c}"), 3, "control character"),
            (format!("-n=-rf {c}"), 3, "starts with '-'"),
        ],
    );
}

#[test]
fn a_chain_is_accepted_with_chain_and_a_ca_is_refused_as_a_server() {
    let env = TestEnv::new();
    home_with_hsm1(&env);
    let (ca, _, two) = corp_chain(env.dir.path());
    let out = env.hsm(&format!(
        "addserver -n hsm3.example.com -c {} --chain",
        p(&two)
    ));
    assert!(
        out.status.success(),
        "a chain with --chain: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(openssl_count(&bundle(&env)), 3);
    // The CA certificate that issued the server's, given as the server's: refused.
    let ca_as_server = env.hsm(&format!(
        "addserver -n hsm4.example.com -c {} --strict-names",
        p(&ca)
    ));
    assert_eq!(ca_as_server.status.code(), Some(3));
}

#[test]
fn a_damaged_bundle_is_refused_unless_repair_and_a_missing_newline_is_mended() {
    let env = TestEnv::new();
    let d = env.dir.path();
    home_with_hsm1(&env);
    let (_, _, two) = corp_chain(d);
    env.hsm_ok(&format!(
        "addserver -n hsm3.example.com -c {} --chain",
        p(&two)
    ));
    // A damaged bundle is refused (nothing changes) unless --repair, which keeps the intact.
    let mut damaged = std::fs::read_to_string(bundle(&env)).unwrap();
    damaged.push_str("-----BEGIN CERTIFICATE-----\nMIIBbroken\n");
    std::fs::write(bundle(&env), &damaged).unwrap();
    let before = snapshot(&env.home);
    let (g2, _) = server_cert(d, "g2", "hsm5.example.com", &[]);
    let add_g2 = format!("addserver -n hsm5.example.com -c {}", p(&g2));
    let out = env.hsm(&add_g2);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--repair"));
    assert_eq!(snapshot(&env.home), before);
    env.hsm_ok(&format!("{add_g2} --repair"));
    assert_eq!(openssl_count(&bundle(&env)), 4);
    // A bundle without its final newline is repaired on the next write.
    let mut text = std::fs::read_to_string(bundle(&env)).unwrap();
    text.pop();
    std::fs::write(bundle(&env), &text).unwrap();
    env.hsm_ok("deleteserver -n hsm5.example.com");
    assert!(
        std::fs::read_to_string(bundle(&env))
            .unwrap()
            .ends_with("-----\n")
    );
    assert_eq!(openssl_count(&bundle(&env)), 3);
}

#[test]
fn a_symlink_planted_at_a_target_path_is_never_written_through() {
    let env = TestEnv::new();
    let d = env.dir.path();
    home_with_hsm1(&env);
    let victim = d.join("victim");
    std::fs::write(&victim, "keep").unwrap();
    let (g6, _) = server_cert(d, "g6", "hsm6.example.com", &[]);
    let planted = env.home.join("cert/server/hsm6.example.comCert.pem");
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let out = env.hsm(&format!("addserver -n hsm6.example.com -c {}", p(&g6)));
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
        let v: serde_json::Value = serde_json::from_str(&env.hsm_ok("listservers --json")).unwrap();
        assert_eq!(v["servers"].as_array().unwrap().len(), 16);
        // Start the next round from nothing.
        for i in 1..=16 {
            env.hsm_ok(&format!("deleteserver -n 192.0.2.{i}"));
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
    assert_eq!(env.hsm_ok("listservers").lines().count(), 1);
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
    env.hsm_ok(&format!("addserver -n hsm-a.example.com -c {}", p(&a)));
    let old_bundle = std::fs::read(bundle(&env)).unwrap();
    let reset = snapshot(&env.home);
    let (add_b, replace_a) = (
        format!("addserver -n hsm-b.example.com -c {}", p(&b)),
        format!("addserver -n hsm-a.example.com -c {} --force", p(&a2)),
    );
    let runs = [("add b", words(&add_b)), ("replace a", words(&replace_a))];
    for (what, args) in &runs {
        // The state after an uninterrupted run, for comparison.
        env.hsm_args_ok(args);
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
                env.hsm_args_ok(args);
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

/// client1.example.com's EC key and certificate made by createcert under umask 000 (the key
/// must still be 0600); (key, certificate) paths and createcert's stdout.
fn client1(env: &TestEnv) -> (PathBuf, PathBuf, String) {
    let out =
        env.bash(r#"umask 000; "$HSMCTL" createcert -n client1.example.com --key-type ec:p256"#);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let key = env.home.join("cert/client/client1.example.comKey.pem");
    let cert = env.home.join("cert/client/client1.example.com.pem");
    (key, cert, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `openssl x509 -text` of a certificate.
fn x509_text(cert: &Path) -> String {
    String::from_utf8(openssl_stdout(&["x509", "-noout", "-text", "-in", p(cert)])).unwrap()
}

#[test]
fn createcert_writes_a_0600_key_matching_its_certificate_even_under_umask_000() {
    let env = TestEnv::new();
    let (key, cert, stdout) = client1(&env);
    assert_eq!(
        stdout,
        format!(
            "Private Key created and written to: {}\nCertificate created and written to: {}\n",
            key.display(),
            cert.display()
        )
    );
    assert_eq!(mode(&key), 0o600);
    assert_eq!(
        openssl_stdout(&["x509", "-noout", "-pubkey", "-in", p(&cert)]),
        openssl_stdout(&["pkey", "-pubout", "-in", p(&key)])
    );
    let text = x509_text(&cert);
    assert!(
        text.contains("CN = client1.example.com") && text.contains("DNS:client1.example.com"),
        "{text}"
    );
}

#[test]
fn createcert_overwrites_only_with_force_and_makes_rsa_for_an_ip_name() {
    let env = TestEnv::new();
    client1(&env);
    // No overwrite without --force; an RSA identity for an IP name.
    assert_eq!(
        env.hsm("createcert -n client1.example.com").status.code(),
        Some(7)
    );
    env.hsm_ok("createcert -n 192.0.2.50");
    let text = x509_text(&env.home.join("cert/client/192.0.2.50.pem"));
    assert!(
        text.contains("IP Address:192.0.2.50") && text.contains("rsaEncryption"),
        "{text}"
    );
    env.hsm_ok("createcert -n client1.example.com --force --key-type ec:p256");
}

/// A server on 127.0.0.1 registered with addserver: (certificate, key, port).
fn registered_local_server(env: &TestEnv) -> (PathBuf, PathBuf, u16) {
    let (srv, srv_key) = server_cert(env.dir.path(), "srv", "127.0.0.1", &[]);
    let port = free_port();
    env.hsm_ok(&format!("addserver -n 127.0.0.1 -c {} -p {port}", p(&srv)));
    (srv, srv_key, port)
}

/// `openssl s_server ARGS` (which listen on 127.0.0.1:`port`), returned once the port
/// accepts connections.
fn s_server(port: u16, args: &[&str]) -> Child {
    let server = openssl_command(&[&["s_server"], args].concat())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_port(port);
    server
}

/// The TLS check of `verify --json`'s report for the server on 127.0.0.1.
fn tls_check(report: &serde_json::Value) -> serde_json::Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["subject"] == "server 127.0.0.1 (TLS)")
        .unwrap()
        .clone()
}

#[test]
fn verify_connect_succeeds_with_the_trusted_client_certificate_and_names_the_failure() {
    let env = TestEnv::new();
    let (_, cert, _) = client1(&env);
    // A server on 127.0.0.1 that demands this client's certificate.
    let (srv, srv_key, port) = registered_local_server(&env);
    let verify = |trusted: &Path| {
        let args = format!(
            "-quiet -Verify 1 -verify_return_error -accept 127.0.0.1:{port} -cert {} -key {} \
             -CAfile {}",
            p(&srv),
            p(&srv_key),
            p(trusted)
        );
        let mut server = s_server(port, &words(&args));
        let out = env.hsm("verify --no-slots --connect --json");
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
    let tls = tls_check(&report);
    assert_eq!(tls["status"], "ok", "{tls}");
    // The server trusts another client certificate: the exact failure, exit 1.
    let out = verify(&srv);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tls = tls_check(&report);
    assert_eq!(tls["status"], "error", "{tls}");
    assert!(tls["detail"].as_str().unwrap().contains("alert"), "{tls}");
}

#[test]
fn verify_without_connect_starts_like_vtl_verify_listing_the_token() {
    let env = TestEnv::new();
    client1(&env);
    registered_local_server(&env);
    // The human form starts like `vtl verify`, listing the token.
    env.init_token("part1");
    let out = env.hsm_ok("verify");
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

/// A Chrystoki.conf with a stale server entry, the lines around it to keep.
const CHRYSTOKI_CONF: &str = "Chrystoki2 = {\n   LibUNIX64 = /usr/safenet/lunaclient/lib/libCryptoki2_64.so;\n}\n\
                LunaSA Client = {\n   ReceiveTimeout = 20000;\n   NetClient = 1;\n   \
                ServerName00 = stale.example.com;\n   ServerPort00 = 1792;\n   ServerHtl00 = 0;\n}\n\
                Misc = {\n   Keep = this;\n}\n";

/// A client home kept in step with a Chrystoki.conf: hsm1.example.com registered with --htl
/// and an EC client identity client1. Returns the `--chrystoki-conf PATH` option, the conf
/// path and the server's certificate.
fn htl_client_home(env: &TestEnv) -> (String, PathBuf, PathBuf) {
    let d = env.dir.path();
    let (c, _) = server_cert(d, "h", "hsm1.example.com", &[]);
    let conf = d.join("Chrystoki.conf");
    std::fs::write(&conf, CHRYSTOKI_CONF).unwrap();
    let cc = format!("--chrystoki-conf {}", p(&conf));
    env.hsm_ok(&format!(
        "addserver -n hsm1.example.com -c {} --htl {cc}",
        p(&c)
    ));
    env.hsm_ok(&format!("createcert -n client1 --key-type ec:p256 {cc}"));
    (cc, conf, c)
}

#[test]
fn addserver_createcert_and_deleteserver_keep_chrystoki_conf_in_step() {
    let env = TestEnv::new();
    let (cc, conf, c) = htl_client_home(&env);
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
    env.hsm_ok(&format!("deleteserver -n hsm1.example.com {cc}"));
    assert!(
        !std::fs::read_to_string(&conf)
            .unwrap()
            .contains("ServerName")
    );
    env.hsm_ok(&format!(
        "addserver -n hsm1.example.com -c {} --htl {cc}",
        p(&c)
    ));
}

#[test]
fn htl_install_takes_only_a_registered_htl_server_and_writes_the_token_0600() {
    let env = TestEnv::new();
    let d = env.dir.path();
    htl_client_home(&env);
    // HTL: only for a server registered with --htl; the token is 0600.
    let ott = d.join("token.ott");
    std::fs::write(&ott, "one-time-token\n").unwrap();
    let (c2, _) = server_cert(d, "h2", "hsm2.example.com", &[]);
    env.hsm_ok(&format!("addserver -n hsm2.example.com -c {}", p(&c2)));
    let install = |name: &str| env.hsm(&format!("htl install -n {name} {}", p(&ott)));
    assert_eq!(install("hsm2.example.com").status.code(), Some(2));
    assert_eq!(install("hsm9.example.com").status.code(), Some(6));
    env.hsm_ok(&format!("htl install -n HSM1.example.com {}", p(&ott)));
    let installed = env.home.join("htl/hsm1.example.com.ott");
    assert_eq!(mode(&installed), 0o600);
    assert_eq!(std::fs::read(&installed).unwrap(), b"one-time-token\n");
    let v: serde_json::Value = serde_json::from_str(&env.hsm_ok("htl show --json")).unwrap();
    assert_eq!(v["servers"][0]["installed"], true);
}

/// A passphrase file (0600) in the test's directory.
fn passphrase_file(env: &TestEnv, name: &str, pass: &str) -> PathBuf {
    let path = env.dir.path().join(name);
    std::fs::write(&path, format!("{pass}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    path
}

/// `client-key backup` of client1 to client1.p8 under a passphrase: (backup, passphrase
/// file, the public key of the backed-up key as openssl writes it).
fn backed_up_client_key(env: &TestEnv) -> (PathBuf, PathBuf, Vec<u8>) {
    let backup = env.dir.path().join("client1.p8");
    let pass_file = passphrase_file(env, "pass", "correct horse battery");
    env.hsm_ok(&format!(
        "client-key backup -o {} --passphrase-file {}",
        p(&backup),
        p(&pass_file)
    ));
    let key_path = env.home.join("cert/client/client1Key.pem");
    let original_pub = openssl_stdout(&["pkey", "-pubout", "-in", p(&key_path)]);
    (backup, pass_file, original_pub)
}

#[test]
fn client_key_backup_opens_in_openssl_and_restores_with_its_passphrase_only() {
    let env = TestEnv::new();
    htl_client_home(&env);
    // client-key: show, backup (openssl reads it with the passphrase), restore.
    let shown: serde_json::Value =
        serde_json::from_str(&env.hsm_ok("client-key show --json")).unwrap();
    assert_eq!(shown["name"], "client1");
    assert_eq!(shown["key_type"], "ec:p256");
    assert_eq!(shown["cert_matches_key"], true);
    let (backup, pass_file, original_pub) = backed_up_client_key(&env);
    assert_eq!(mode(&backup), 0o600);
    assert_eq!(
        openssl_stdout(&[
            "pkey",
            "-pubout",
            "-in",
            p(&backup),
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
    let wrong = passphrase_file(&env, "wrong", "not the passphrase");
    let restore = |pass: &Path| {
        env.hsm(&format!(
            "client-key restore {} --passphrase-file {}",
            p(&backup),
            p(pass)
        ))
    };
    assert_eq!(restore(&wrong).status.code(), Some(5));
    let out = restore(&pass_file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn client_key_roll_keeps_the_old_pair_and_refuses_the_old_backup() {
    let env = TestEnv::new();
    htl_client_home(&env);
    let (backup, pass_file, original_pub) = backed_up_client_key(&env);
    // Roll: a new key and certificate; the old pair kept as .old.
    let key_path = env.home.join("cert/client/client1Key.pem");
    let cert_path = env.home.join("cert/client/client1.pem");
    let old_cert = std::fs::read(&cert_path).unwrap();
    env.hsm_ok("client-key roll");
    let pubkey = |key: &Path| openssl_stdout(&["pkey", "-pubout", "-in", p(key)]);
    assert_ne!(pubkey(&key_path), original_pub);
    assert_eq!(
        std::fs::read(env.home.join("cert/client/client1.pem.old")).unwrap(),
        old_cert
    );
    let old_key = env.home.join("cert/client/client1Key.pem.old");
    assert_eq!(mode(&old_key), 0o600);
    assert_eq!(pubkey(&old_key), original_pub);
    assert_eq!(
        openssl_stdout(&["x509", "-noout", "-pubkey", "-in", p(&cert_path)]),
        pubkey(&key_path)
    );
    // The old backup does not match the rolled certificate: refused, nothing changed.
    let before = snapshot(&env.home);
    let out = env.hsm(&format!(
        "client-key restore {} --passphrase-file {}",
        p(&backup),
        p(&pass_file)
    ));
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
    let target = format!("127.0.0.1:{port}");
    let mut server = s_server(
        port,
        &words(&format!(
            "-quiet -accept {target} -cert {} -key {}",
            p(&srv),
            p(&srv_key)
        )),
    );
    // stdin is not a terminal: without --yes nothing is registered (exit 2).
    let out = env.hsm(&format!("addserver -n 127.0.0.1 --fetch {target}"));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let fp = openssl_fingerprint(&srv);
    assert!(stderr.contains(&fp), "the fingerprint is shown: {stderr}");
    assert!(stderr.contains("CN=127.0.0.1"), "{stderr}");
    assert!(!bundle(&env).exists());
    env.hsm_ok(&format!("addserver -n 127.0.0.1 --fetch {target} --yes"));
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(
        std::fs::read_to_string(env.home.join("cert/server/127.0.0.1Cert.pem")).unwrap(),
        std::fs::read_to_string(&srv).unwrap()
    );
    assert_eq!(openssl_count(&bundle(&env)), 1);
}

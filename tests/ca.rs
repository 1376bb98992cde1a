//! A certificate authority on the token: roots and intermediates made by hsmctl, leaves for
//! openssl's requests, checked by `openssl verify -x509_strict`, GnuTLS's certtool, Python
//! cryptography's strict verifier and a mutual-TLS handshake between openssl s_server and
//! s_client; refusals that write nothing; PKCS#12 read by OpenSSL 3; the Futurex TLS setup.

mod common;
use common::*;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A software key and a request from openssl: (key, csr) paths.
fn openssl_csr(
    dir: &Path,
    name: &str,
    newkey: &[&str],
    subj: &str,
    san: &str,
) -> (PathBuf, PathBuf) {
    let (key, csr) = (
        dir.join(format!("{name}.key")),
        dir.join(format!("{name}.csr")),
    );
    let mut args = vec!["req", "-new", "-nodes"];
    args.extend(newkey);
    args.extend([
        "-subj",
        subj,
        "-addext",
        san,
        "-keyout",
        p(&key),
        "-out",
        p(&csr),
    ]);
    openssl(&args);
    (key, csr)
}

/// A copy of `csr` (PEM) with the first byte of `needle` changed, so that its signature no
/// longer verifies; written as DER to forged-NAME.csr in `dir`.
fn forge(csr: &Path, needle: &[u8], dir: &Path) -> PathBuf {
    let der = dir.join("forge.der");
    openssl(&["req", "-in", p(csr), "-outform", "DER", "-out", p(&der)]);
    let mut bytes = std::fs::read(&der).unwrap();
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    bytes[at] ^= 0x20; // a letter's case
    let forged = dir.join(format!(
        "forged-{}.csr",
        csr.file_stem().unwrap().to_str().unwrap()
    ));
    std::fs::write(&forged, &bytes).unwrap();
    forged
}

const P256: &[&str] = &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];

/// A root CA on the token: key `label` of `kt`, a self-signed CA certificate stored beside it
/// and written to `label`.pem.
fn root(env: &TestEnv, label: &str, kt: &str, flags: &[&str]) -> PathBuf {
    env.run_ok(&["keygen", "--key-type", kt, "--label", label]);
    let pem = env.dir.path().join(format!("{label}.pem"));
    env.run_ok(
        &[
            &[
                "selfsign-cert",
                "--label",
                label,
                "--cn",
                &format!("{label} CA"),
                "--ca",
            ][..],
            &["--store", "--days", "3650", "-o", p(&pem)],
            flags,
        ]
        .concat(),
    );
    pem
}

/// An intermediate CA: a second token key's request (request-cert), signed by `root_label`
/// with --profile ca, and stored on the token beside its key (import-cert).
fn intermediate(env: &TestEnv, label: &str, kt: &str, root_label: &str, flags: &[&str]) -> PathBuf {
    env.run_ok(&["keygen", "--key-type", kt, "--label", label]);
    let d = env.dir.path();
    let csr = d.join(format!("{label}.csr"));
    env.run_ok(
        &[
            &[
                "request-cert",
                "--label",
                label,
                "--cn",
                &format!("{label} CA"),
                "-o",
                p(&csr),
            ][..],
            flags,
        ]
        .concat(),
    );
    let sign = format!(
        "sign-csr {} --ca-label {root_label} --profile ca --path-len 0 --days 1825",
        p(&csr)
    );
    env.run_ok(&[&words(&sign)[..], flags].concat());
    let crt = d.join(format!("{label}.crt"));
    env.run_ok(&["import-cert", p(&crt)]);
    crt
}

/// A root and an intermediate CA of key type `kt` on the token (signing with `flags`), a
/// server and a client leaf for openssl's requests, checked by openssl, GnuTLS and the strict
/// verifier; `alg` is what openssl prints for the CA's signatures.
fn chain_passes_openssl_gnutls_and_the_strict_verifier(
    kt: &str,
    name: &str,
    flags: &[&str],
    alg: &str,
) {
    let env = TestEnv::new();
    env.init_token("ca");
    let d = env.dir.path();
    let (_, srv_csr) = openssl_csr(
        d,
        "srv",
        P256,
        "/CN=web.example",
        "subjectAltName=DNS:web.example",
    );
    let (_, cli_csr) = openssl_csr(
        d,
        "cli",
        &["-newkey", "rsa:2048"],
        "/CN=client1",
        "subjectAltName=DNS:client1",
    );
    let root_label = format!("root-{name}");
    let int_label = format!("int-{name}");
    let root = root(&env, &root_label, kt, flags);
    let int = intermediate(&env, &int_label, kt, &root_label, flags);
    let int_text = openssl(&["x509", "-in", p(&int), "-noout", "-text"]);
    for want in ["CA:TRUE, pathlen:0", "Certificate Sign, CRL Sign", alg] {
        assert!(int_text.contains(want), "{name}: {want} in\n{int_text}");
    }
    let (srv, cli) = (
        d.join(format!("srv-{name}.pem")),
        d.join(format!("cli-{name}.pem")),
    );
    // The issuing runs: sign-csr REQUEST --ca-label INT --profile PROFILE -o LEAF ... FLAGS.
    let sign = |csr: &Path, profile: &str, leaf: &Path, more: &str| {
        let line = format!(
            "sign-csr {} --ca-label {int_label} --profile {profile} -o {} {more}",
            p(csr),
            p(leaf)
        );
        env.run_ok(&[&words(&line)[..], flags].concat())
    };
    let v: serde_json::Value =
        serde_json::from_str(&sign(&srv_csr, "server", &srv, "--json")).unwrap();
    let issued = &v["certificates"][0];
    assert_eq!(issued["subject"], "CN=web.example", "{v}");
    assert_eq!(v["issuer"], format!("CN={int_label} CA"), "{v}");
    let serial = issued["serial"].as_str().unwrap();
    assert_eq!(serial.len(), 32, "16 random bytes: {serial}");
    assert!(
        u8::from_str_radix(&serial[..2], 16).unwrap() < 0x80,
        "positive"
    );
    assert_eq!(
        issued["sha256"].as_str().unwrap(),
        openssl(&["x509", "-in", p(&srv), "-noout", "-fingerprint", "-sha256"])
            .trim()
            .rsplit('=')
            .next()
            .unwrap()
            .replace(':', "")
            .to_lowercase()
    );
    sign(&cli_csr, "client", &cli, "");
    for (leaf, purpose) in [(&srv, "sslserver"), (&cli, "sslclient")] {
        let out = openssl(&words(&format!(
            "verify -x509_strict -purpose {purpose} -CAfile {} -untrusted {} {}",
            p(&root),
            p(&int),
            p(leaf)
        )));
        assert!(out.contains(": OK"), "{name} {purpose}: {out}");
        // GnuTLS, with the chain in one file.
        let chain = d.join("chain.pem");
        std::fs::write(
            &chain,
            [std::fs::read(leaf).unwrap(), std::fs::read(&int).unwrap()].concat(),
        )
        .unwrap();
        let gnutls = std::process::Command::new("certtool")
            .args([
                "--verify",
                "--load-ca-certificate",
                p(&root),
                "--infile",
                p(&chain),
            ])
            .output()
            .expect("certtool runs (apt-get install gnutls-bin)");
        let said = String::from_utf8_lossy(&gnutls.stdout);
        assert!(
            gnutls.status.success() && said.contains("Chain verification output: Verified"),
            "{name}: certtool:\n{said}{}",
            String::from_utf8_lossy(&gnutls.stderr)
        );
    }
    let text = openssl(&["x509", "-in", p(&srv), "-noout", "-text"]);
    for want in [
        "CA:FALSE",
        "Digital Signature",
        "TLS Web Server Authentication",
        "DNS:web.example",
        "X509v3 Subject Key Identifier",
        "X509v3 Authority Key Identifier",
    ] {
        assert!(text.contains(want), "{name}: {want} in\n{text}");
    }
    // The leaf's AKI is the intermediate's SKI.
    let ski = |f: &Path| {
        openssl(&words(&format!(
            "x509 -in {} -noout -ext subjectKeyIdentifier",
            p(f)
        )))
        .lines()
        .nth(1)
        .unwrap()
        .trim()
        .to_string()
    };
    let aki = openssl(&words(&format!(
        "x509 -in {} -noout -ext authorityKeyIdentifier",
        p(&srv)
    )));
    assert!(aki.contains(&ski(&int)), "{name}: {aki}");
    let (ok, said) = strict_verify("server", &root, &srv, Some(&int), Some("web.example"));
    if name == "ed" {
        // The Web PKI policy (CA/Browser Forum) behind cryptography's verifier permits RSA
        // and P-256/384/521 issuers only: an Ed25519 CA is refused for what it is, not for
        // a fault in its certificates (openssl and GnuTLS accepted the chain above).
        assert!(
            !ok && said.contains("Forbidden public key algorithm"),
            "{name}: {said}"
        );
        return;
    }
    assert!(
        ok,
        "{name}: the strict verifier refused the server leaf: {said}"
    );
    let (ok, said) = strict_verify("client", &root, &cli, Some(&int), None);
    assert!(
        ok,
        "{name}: the strict verifier refused the client leaf: {said}"
    );
    // The client certificate is not a server certificate, for the strict verifier either.
    let (ok, _) = strict_verify("server", &root, &cli, Some(&int), Some("client1"));
    assert!(!ok, "{name}: a clientAuth-only leaf passed as a server");
}

#[test]
fn an_rsa_ca_chain_passes_openssl_gnutls_and_the_strict_verifier() {
    chain_passes_openssl_gnutls_and_the_strict_verifier(
        "rsa:2048",
        "rsa",
        &[],
        "sha256WithRSAEncryption",
    );
}

#[test]
fn an_rsa_pss_ca_chain_passes_openssl_gnutls_and_the_strict_verifier() {
    chain_passes_openssl_gnutls_and_the_strict_verifier("rsa:2048", "pss", &["--pss"], "rsassaPss");
}

#[test]
fn a_p256_ca_chain_passes_openssl_gnutls_and_the_strict_verifier() {
    chain_passes_openssl_gnutls_and_the_strict_verifier(
        "ec:p256",
        "p256",
        &[],
        "ecdsa-with-SHA256",
    );
}

#[test]
fn an_ed25519_ca_chain_passes_openssl_and_gnutls_and_the_strict_verifier_says_why_not() {
    chain_passes_openssl_gnutls_and_the_strict_verifier("ed25519", "ed", &[], "ED25519");
}

#[test]
fn self_signed_and_client_certificates_pass_the_strict_verifier() {
    let env = TestEnv::new();
    env.init_token("self");
    let d = env.dir.path();
    for (kt, label, _, flags) in X509_KEYS {
        env.run_ok(&["keygen", "--key-type", kt, "--label", label]);
        let pem = d.join(format!("{label}.pem"));
        let host = format!("{label}.example");
        let selfsign = format!(
            "selfsign-cert --label {label} --cn {host} --dns {host} -o {}",
            p(&pem)
        );
        env.run_ok(&[&words(&selfsign)[..], flags].concat());
        let text = openssl(&["x509", "-in", p(&pem), "-noout", "-text"]);
        for want in [
            "X509v3 Basic Constraints: critical",
            "CA:FALSE",
            "X509v3 Key Usage: critical",
            "Digital Signature",
            "X509v3 Subject Key Identifier",
            "X509v3 Authority Key Identifier",
        ] {
            assert!(text.contains(want), "{label}: {want} in\n{text}");
        }
        assert_eq!(
            text.contains("Key Encipherment"),
            kt.starts_with("rsa"),
            "keyEncipherment for RSA keys only: {label}"
        );
        let (ok, said) = strict_verify("server", &pem, &pem, None, Some(&host));
        assert!(ok, "{label}: {said}");
    }
    // createcert's client certificate, as its own trust anchor.
    env.run_ok(&["createcert", "-n", "client1", "--key-type", "ec:p256"]);
    let cert = env.home.join("cert/client/client1.pem");
    let (ok, said) = strict_verify("client", &cert, &cert, None, None);
    assert!(ok, "createcert: {said}");
    assert!(openssl(&["x509", "-in", p(&cert), "-noout", "-text"]).contains("CA:FALSE"));
}

/// A free TCP port on 127.0.0.1 (bound and released).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn issued_certificates_make_a_mutual_tls_handshake() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let env = TestEnv::new();
    env.init_token("tls");
    let d = env.dir.path();
    let root = root(&env, "root", "ec:p256", &[]);
    let int = intermediate(&env, "int", "rsa:2048", "root", &[]);
    let (srv_key, srv_csr) = openssl_csr(
        d,
        "srv",
        P256,
        "/CN=localhost",
        "subjectAltName=DNS:localhost",
    );
    let (cli_key, cli_csr) =
        openssl_csr(d, "cli", P256, "/CN=client1", "subjectAltName=DNS:client1");
    env.run_ok(&words(&format!(
        "sign-csr {} --ca-label int --profile server",
        p(&srv_csr)
    )));
    env.run_ok(&words(&format!(
        "sign-csr {} --ca-label int --profile client",
        p(&cli_csr)
    )));
    let port = free_port().to_string();
    let server_args = format!(
        "s_server -accept 127.0.0.1:{port} -naccept 1 -cert {} -key {} -cert_chain {} -CAfile {} \
         -Verify 2 -verify_return_error",
        p(&d.join("srv.crt")),
        p(&srv_key),
        p(&int),
        p(&root)
    );
    let mut server = openssl_command(&words(&server_args))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A watchdog: a handshake that hangs fails the test instead of hanging it.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watchdog = {
        let (done, pid) = (done.clone(), server.id().to_string());
        std::thread::spawn(move || {
            for _ in 0..600 {
                if done.load(std::sync::atomic::Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            let _ = Command::new("kill").arg(&pid).status();
        })
    };
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let started = lines
        .by_ref()
        .map_while(Result::ok)
        .any(|l| l.contains("ACCEPT"));
    assert!(started, "s_server did not start");
    let client_args = format!(
        "s_client -connect 127.0.0.1:{port} -cert {} -key {} -cert_chain {} -CAfile {} \
         -verify_return_error -verify_hostname localhost",
        p(&d.join("cli.crt")),
        p(&cli_key),
        p(&int),
        p(&root)
    );
    let mut client = openssl_command(&words(&client_args))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Sent after the handshake; the server prints it only if it accepted the client.
    client
        .stdin
        .take()
        .unwrap()
        .write_all(b"hello from the client\n")
        .unwrap();
    let client_out = client.wait_with_output().unwrap();
    let client_text = String::from_utf8_lossy(&client_out.stdout).into_owned();
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    watchdog.join().unwrap();
    let _ = server.kill();
    let server_err = {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut server.stderr.take().unwrap(), &mut s);
        s
    };
    let _ = server.wait();
    assert!(
        client_text.contains("Verify return code: 0 (ok)"),
        "the client verified the server: {client_text}{}",
        String::from_utf8_lossy(&client_out.stderr)
    );
    assert!(
        rest.iter().any(|l| l.contains("hello from the client")),
        "the server accepted the client certificate: {rest:?}\n{server_err}"
    );
    assert!(
        rest.join("\n").contains("client1") || server_err.contains("client1"),
        "the server saw the client certificate: {rest:?}\n{server_err}"
    );
}

/// The token `ref` for the sign-csr refusals: an EC root CA (its certificate's path
/// returned), a CA key `bare` with no certificate anywhere, and openssl's request good.csr.
fn refusals_ca(env: &TestEnv) -> (PathBuf, PathBuf) {
    env.init_token("ref");
    let root_pem = root(env, "root", "ec:p256", &[]);
    // A CA key with no certificate anywhere.
    env.run_ok(&["keygen", "--key-type", "ec:p256", "--label", "bare"]);
    let (_, good) = openssl_csr(
        env.dir.path(),
        "good",
        P256,
        "/CN=good",
        "subjectAltName=DNS:good",
    );
    (root_pem, good)
}

/// A request for an RSA 1024 key, which the policy refuses.
fn weak_csr(d: &Path) -> PathBuf {
    openssl_csr(
        d,
        "weak",
        &["-newkey", "rsa:1024"],
        "/CN=weak",
        "subjectAltName=DNS:weak",
    )
    .1
}

#[test]
fn refused_requests_exit_with_their_code_and_write_nothing() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let (_, good) = refusals_ca(&env);
    // A request whose signature no longer matches (its subject changed after signing).
    let forged = forge(&good, b"good", d);
    // Keys the policy refuses: RSA 1024 and P-224.
    let weak = weak_csr(d);
    let (_, p224) = openssl_csr(
        d,
        "p224",
        &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-224"],
        "/CN=p224",
        "subjectAltName=DNS:p224",
    );
    let garbage = d.join("garbage.csr");
    std::fs::write(&garbage, b"not a request").unwrap();
    let taken = d.join("taken.crt");
    std::fs::write(&taken, b"keep me").unwrap();
    let before = objects_seen_by_pkcs11_tool(&env, "ref");
    for (args, code, why) in [
        (vec![p(&forged), "--ca-label", "root"], 3, "signature"),
        (vec![p(&weak), "--ca-label", "root"], 3, "RSA of 1024 bits"),
        (vec![p(&p224), "--ca-label", "root"], 3, "refused"),
        (vec![p(&garbage), "--ca-label", "root"], 3, "request"),
        (
            vec![p(&good), "--ca-label", "root", "--days", "4000"],
            2,
            "after the CA certificate",
        ),
        (
            vec![p(&good), "--ca-label", "root", "--not-after", "2099-01-01"],
            2,
            "--allow-beyond-ca",
        ),
        (vec![p(&good), "--ca-label", "bare"], 6, "no certificate"),
        (vec![p(&good), "--ca-label", "nosuch"], 6, "no public key"),
        (
            vec![p(&good), "--ca-label", "root", "-o", p(&taken)],
            7,
            "already exists",
        ),
        (
            vec![p(&good), p(&weak), "--ca-label", "root", "-o", "x.crt"],
            2,
            "one request",
        ),
        (
            vec![p(&good), "--ca-label", "root", "--ca-cert", p(&good)],
            3,
            "request",
        ),
        (
            vec![p(&good), "--ca-label", "root", "--path-len", "1"],
            2,
            "--profile ca",
        ),
    ] {
        let out = env.run(&[&["sign-csr"][..], &args].concat());
        let (stdout, stderr) = texts(&out);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(why), "{args:?}: {why:?} in {stderr}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        for csr in [&good, &weak, &p224, &forged, &garbage] {
            assert!(
                !csr.with_extension("crt").exists(),
                "{args:?} wrote a certificate"
            );
        }
        assert_eq!(std::fs::read(&taken).unwrap(), b"keep me");
    }
    // The bad signature is also refused when it is the second request: nothing for the first.
    let out = env.run(&["sign-csr", p(&good), p(&forged), "--ca-label", "root"]);
    assert_eq!(out.status.code(), Some(3), "{}", texts(&out).1);
    assert!(!good.with_extension("crt").exists());
    assert_eq!(
        objects_seen_by_pkcs11_tool(&env, "ref"),
        before,
        "nothing stored"
    );
}

#[test]
fn allow_beyond_ca_allow_weak_and_a_matching_ca_cert_file_let_sign_csr_through() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let (root_pem, good) = refusals_ca(&env);
    let weak = weak_csr(d);
    // Past the CA with --allow-beyond-ca; the weak key with --allow-weak; a CA key whose
    // certificate comes from a file.
    env.run_ok(&words(&format!(
        "sign-csr {} --ca-label root --days 4000 --allow-beyond-ca",
        p(&good)
    )));
    assert!(good.with_extension("crt").exists());
    env.run_ok(&["sign-csr", p(&weak), "--ca-label", "root", "--allow-weak"]);
    let bare_pem = d.join("bare.pem");
    env.run_ok(&words(&format!(
        "selfsign-cert --label bare --cn bare --ca -o {}",
        p(&bare_pem)
    )));
    let out_crt = d.join("by-bare.crt");
    env.run_ok(&words(&format!(
        "sign-csr {} --ca-label bare --ca-cert {} -o {}",
        p(&good),
        p(&bare_pem),
        p(&out_crt)
    )));
    assert!(openssl(&["verify", "-CAfile", p(&bare_pem), p(&out_crt)]).contains(": OK"));
    // The root's own certificate is not for the bare key.
    let out = env.run(&words(&format!(
        "sign-csr {} --ca-label bare --ca-cert {} --force",
        p(&good),
        p(&root_pem)
    )));
    assert_eq!(out.status.code(), Some(3), "{}", texts(&out).1);
}

#[test]
fn a_certificate_that_is_not_a_cas_is_refused_as_the_ca_certificate() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let (_, good) = refusals_ca(&env);
    // A certificate that is not a CA's is refused as the CA certificate.
    env.run_ok(&["keygen", "--key-type", "ec:p256", "--label", "leafkey"]);
    let leaf_pem = d.join("leaf.pem");
    env.run_ok(&words(&format!(
        "selfsign-cert --label leafkey --cn leaf -o {}",
        p(&leaf_pem)
    )));
    let out = env.run(&words(&format!(
        "sign-csr {} --ca-label leafkey --ca-cert {} --force",
        p(&good),
        p(&leaf_pem)
    )));
    let (_, err) = texts(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("not a CA certificate"), "{err}");
}

#[test]
fn a_pathlen_0_intermediate_issues_no_ca_below_it_from_the_token_or_a_file() {
    let env = TestEnv::new();
    let d = env.dir.path();
    refusals_ca(&env);
    // An intermediate with pathlen 0 issues no CA below it (exit 2, nothing written).
    let int = intermediate(&env, "int", "ec:p256", "root", &[]);
    let (_, sub) = openssl_csr(d, "sub", P256, "/CN=sub", "subjectAltName=DNS:sub");
    let out = env.run(&["sign-csr", p(&sub), "--ca-label", "int", "--profile", "ca"]);
    let (_, err) = texts(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("pathlen 0"), "{err}");
    assert!(!sub.with_extension("crt").exists());
    // ... and the same from --ca-cert, refused before the token is opened (no PIN needed).
    let out = env.hsm(&format!(
        "sign-csr {} --ca-label int --profile ca --ca-cert {}",
        p(&sub),
        p(&int)
    ));
    assert_eq!(out.status.code(), Some(2), "{}", texts(&out).1);
}

#[test]
fn a_request_naming_nobody_is_refused_before_the_token_is_opened() {
    let env = TestEnv::new();
    let d = env.dir.path();
    refusals_ca(&env);
    // A request with an empty subject and no SAN names nobody: refused before the token too.
    let (_, nobody) = openssl_csr(d, "nobody", P256, "/", "keyUsage=digitalSignature");
    let out = env.hsm(&format!("sign-csr {} --ca-label root", p(&nobody)));
    let (_, err) = texts(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("neither a subject nor a SAN"), "{err}");
    assert!(!nobody.with_extension("crt").exists());
}

#[test]
fn requests_can_be_overridden_batched_and_copied() {
    let env = TestEnv::new();
    env.init_token("ovr");
    let d = env.dir.path();
    let root_pem = root(&env, "root", "ec:p384", &[]);
    let (_, a) = openssl_csr(d, "a", P256, "/CN=a/O=Req", "subjectAltName=DNS:a.example");
    let (_, b) = openssl_csr(
        d,
        "b",
        &["-newkey", "ed25519"],
        "/CN=b",
        "keyUsage=critical,nonRepudiation",
    );
    // Two requests, one login; each beside its request; the JSON lists both.
    let batch = format!(
        "sign-csr {} {} --ca-label root --profile none --copy-extensions \
         --not-before 2026-01-01 --not-after 2027-01-01 --json",
        p(&a),
        p(&b)
    );
    let v: serde_json::Value = serde_json::from_str(&env.run_ok(&words(&batch))).unwrap();
    let certs = v["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 2, "{v}");
    assert_ne!(certs[0]["serial"], certs[1]["serial"]);
    assert_eq!(certs[1]["not_after"], "2027-01-01T00:00:00Z");
    let b_text = openssl(&[
        "x509",
        "-in",
        p(&b.with_extension("crt")),
        "-noout",
        "-text",
    ]);
    assert!(b_text.contains("Non Repudiation"), "copied: {b_text}");
    assert!(b_text.contains("CA:FALSE"), "{b_text}");
    assert!(
        b_text.contains("Not After : Jan  1 00:00:00 2027 GMT"),
        "{b_text}"
    );
    // Without --copy-extensions the request's key usage is not copied; SANs always are.
    let c = d.join("c.crt");
    env.run_ok(&words(&format!(
        "sign-csr {} --ca-label root --profile client -o {}",
        p(&b),
        p(&c)
    )));
    assert!(!openssl(&["x509", "-in", p(&c), "-noout", "-text"]).contains("Non Repudiation"));
    // Subject, SAN and serial overrides; DER out; stdout with -o -.
    let o = d.join("o.der");
    env.run_ok(&words(&format!(
        "sign-csr {} --ca-label root --subject CN=override,O=Corp,C=FI --dns x.example \
         --ip 192.0.2.1 --serial-number 0badc0de --der -o {}",
        p(&a),
        p(&o)
    )));
    let t = openssl(&["x509", "-inform", "DER", "-in", p(&o), "-noout", "-text"]);
    for want in [
        "Subject: CN = override, O = Corp, C = FI",
        "DNS:x.example, IP Address:192.0.2.1",
        "Serial Number: 195936478 (0xbadc0de)",
        "ecdsa-with-SHA384",
    ] {
        assert!(t.contains(want), "{want} in\n{t}");
    }
    assert!(!t.contains("a.example"), "{t}");
    let out = env.run_ok(&["sign-csr", p(&a), "--ca-label", "root", "-o", "-"]);
    assert!(out.starts_with("-----BEGIN CERTIFICATE-----"), "{out}");
    assert!(openssl(&["verify", "-CAfile", p(&root_pem), p(&c)]).contains(": OK"));
    // The alias, and --ca-uri naming the token and key.
    let uri = "pkcs11:token=ovr;object=root";
    let e = d.join("e.crt");
    env.run_ok(&["issue-cert", p(&a), "--ca-uri", uri, "-o", p(&e)]);
    assert!(openssl(&["verify", "-CAfile", p(&root_pem), p(&e)]).contains(": OK"));
}

#[test]
fn pkcs12_files_open_in_openssl_and_hold_the_matching_key() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let pass = "correct horse battery";
    let p12 = d.join("client.p12");
    let out = env
        .cmd()
        .env("HSMCTL_PKCS12_PASSPHRASE", pass)
        .args([
            "createcert",
            "-n",
            "client1",
            "--key-type",
            "ec:p256",
            "--pkcs12",
            p(&p12),
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", texts(&out).1);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pkcs12_file"], p(&p12));
    let check = |file: &Path, certs: usize| {
        assert_eq!(
            std::fs::metadata(file).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let passin = format!("pass:{pass}");
        let info = openssl(&[
            "pkcs12",
            "-info",
            "-noout",
            "-in",
            p(file),
            "-passin",
            &passin,
        ]);
        for want in ["MAC: sha256", "AES-256-CBC", "PBKDF2"] {
            assert!(info.contains(want), "{want} in {info}");
        }
        assert!(!info.contains("RC2") && !info.contains("3DES"), "{info}");
        let key = d.join("p12.key");
        openssl(&[
            "pkcs12",
            "-in",
            p(file),
            "-passin",
            &passin,
            "-nocerts",
            "-nodes",
            "-out",
            p(&key),
        ]);
        let cert = d.join("p12.crt");
        openssl(&[
            "pkcs12",
            "-in",
            p(file),
            "-passin",
            &passin,
            "-clcerts",
            "-nokeys",
            "-out",
            p(&cert),
        ]);
        assert_eq!(
            openssl(&["pkey", "-in", p(&key), "-pubout"]),
            openssl(&["x509", "-in", p(&cert), "-noout", "-pubkey"]),
            "the key matches the certificate"
        );
        let all = openssl(&["pkcs12", "-in", p(file), "-passin", &passin, "-nokeys"]);
        assert_eq!(all.matches("BEGIN CERTIFICATE").count(), certs, "{all}");
        // A wrong passphrase is refused by openssl's MAC check.
        let wrong = openssl_output(&words(&format!(
            "pkcs12 -info -noout -in {} -passin pass:wrong-one",
            p(file)
        )));
        assert!(!wrong.status.success());
    };
    check(&p12, 1);
    // client-key export, with a chain, from a passphrase file.
    let pass_file = env.pin_file("p12pass", pass);
    let chain = d.join("chain.pem");
    let (ca, _) = server_cert(d, "someca", "ca.example", &[]);
    std::fs::copy(&ca, &chain).unwrap();
    let exported = d.join("exported.p12");
    let args = [
        "client-key",
        "export",
        "--pkcs12",
        p(&exported),
        "--chain",
        p(&chain),
        "--passphrase-file",
        p(&pass_file),
    ];
    env.run_ok(&args);
    check(&exported, 2);
    // Refusals: the file exists (exit 7, unchanged), a short passphrase (2), a bad chain (3).
    let before = std::fs::read(&exported).unwrap();
    let out = env.run(&args);
    assert_eq!(out.status.code(), Some(7), "{}", texts(&out).1);
    assert_eq!(std::fs::read(&exported).unwrap(), before);
    let short = env.pin_file("short", "short");
    let other = d.join("other.p12");
    let out = env.run(&words(&format!(
        "client-key export --pkcs12 {} --passphrase-file {}",
        p(&other),
        p(&short)
    )));
    assert_eq!(out.status.code(), Some(2), "{}", texts(&out).1);
    let out = env.run(&words(&format!(
        "client-key export --pkcs12 {} --chain {} --passphrase-file {}",
        p(&other),
        p(&pass_file),
        p(&pass_file)
    )));
    assert_eq!(out.status.code(), Some(3), "{}", texts(&out).1);
    assert!(!other.exists());
    // createcert refuses an existing --pkcs12 file before it makes anything.
    let out = env
        .cmd()
        .env("HSMCTL_PKCS12_PASSPHRASE", pass)
        .args(["createcert", "-n", "client2", "--pkcs12", p(&p12)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", texts(&out).1);
    assert!(!env.home.join("cert/client/client2.pem").exists());
}

/// The Futurex seed's TLS setup with the CA on a token: a root CA, the server's request signed
/// by it, a client certificate, the client identity as PKCS#12 and the root as PEM for the
/// library's configuration; then a handshake-free check of everything the library would load.
#[test]
fn the_futurex_tls_setup_replays_with_the_ca_on_a_token() {
    let env = TestEnv::new();
    env.init_token("fxca");
    let d = env.dir.path();
    // 1. The root CA: a token key and its self-signed certificate, stored beside it.
    let root = root(&env, "fx-root", "rsa:2048", &[]);
    // 2. The HSM's (server's) request, made elsewhere, signed by the token CA.
    let (_, srv_csr) = openssl_csr(
        d,
        "fxserver",
        &["-newkey", "rsa:2048"],
        "/CN=10.0.0.20/O=Futurex",
        "subjectAltName=IP:10.0.0.20",
    );
    let srv = d.join("fxserver.pem");
    env.run_ok(&words(&format!(
        "sign-csr {} --ca-label fx-root --profile server -o {}",
        p(&srv_csr),
        p(&srv)
    )));
    // 3. The client: its key made by createcert, its request signed as a client certificate.
    let (cli_key, cli_csr) = openssl_csr(
        d,
        "fxclient",
        &["-newkey", "rsa:2048"],
        "/CN=fxclient",
        "subjectAltName=DNS:fxclient",
    );
    let cli = d.join("fxclient.pem");
    env.run_ok(&words(&format!(
        "sign-csr {} --ca-label fx-root --profile client -o {}",
        p(&cli_csr),
        p(&cli)
    )));
    // 4. The client identity as PKCS#12 with the root in its chain, as the library wants it.
    let pkcs12 = d.join("fxclient.p12");
    let pass = "futurex-pass-1";
    assert!(
        openssl(&["x509", "-in", p(&cli), "-noout", "-pubkey"])
            == openssl(&["pkey", "-in", p(&cli_key), "-pubout"])
    );
    // hsmctl's own PKCS#12 of its client identity (createcert), issued by the token CA too.
    let out = env
        .cmd()
        .env("HSMCTL_PKCS12_PASSPHRASE", pass)
        .args(["createcert", "-n", "fxclient2", "--key-type", "rsa:2048"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", texts(&out).1);
    let key2 = env.home.join("cert/client/fxclient2Key.pem");
    let csr2 = d.join("fxclient2.csr");
    openssl(&words(&format!(
        "req -new -key {} -subj /CN=fxclient2 -addext subjectAltName=DNS:fxclient2 -out {}",
        p(&key2),
        p(&csr2)
    )));
    env.run_ok(&[
        "sign-csr",
        p(&csr2),
        "--ca-label",
        "fx-root",
        "--profile",
        "client",
        "-o",
        p(&env.home.join("cert/client/fxclient2.pem")),
        "--force",
    ]);
    let pass_file = env.pin_file("fxpass", pass);
    env.run_ok(&words(&format!(
        "client-key export --name fxclient2 --pkcs12 {} --chain {} --passphrase-file {}",
        p(&pkcs12),
        p(&root),
        p(&pass_file)
    )));
    // 5. The root PEM (what the library trusts), straight from the token.
    let root_from_token = d.join("fxroot-token.pem");
    env.run_ok(&words(&format!(
        "export-cert --label fx-root -o {}",
        p(&root_from_token)
    )));
    assert_eq!(
        std::fs::read(&root_from_token).unwrap(),
        std::fs::read(&root).unwrap()
    );
    // Everything the configuration points at checks out against the root.
    for (leaf, purpose) in [(&srv, "sslserver"), (&cli, "sslclient")] {
        let out = openssl(&[
            "verify",
            "-x509_strict",
            "-purpose",
            purpose,
            "-CAfile",
            p(&root_from_token),
            p(leaf),
        ]);
        assert!(out.contains(": OK"), "{out}");
    }
    let passin = format!("pass:{pass}");
    let from_p12 = d.join("from-p12.pem");
    openssl(&[
        "pkcs12",
        "-in",
        p(&pkcs12),
        "-passin",
        &passin,
        "-clcerts",
        "-nokeys",
        "-out",
        p(&from_p12),
    ]);
    assert!(
        openssl(&[
            "verify",
            "-purpose",
            "sslclient",
            "-CAfile",
            p(&root),
            p(&from_p12)
        ])
        .contains(": OK")
    );
    let (ok, said) = strict_verify("server", &root, &srv, None, Some("10.0.0.20"));
    assert!(ok, "{said}");
    let (ok, said) = strict_verify("client", &root, &from_p12, None, None);
    assert!(ok, "{said}");
}

#[test]
fn cmu_certify_signs_a_request_with_a_ca_handle() {
    let env = TestEnv::new();
    env.init_token("lunaca");
    let d = env.dir.path();
    let root = root(&env, "luna-root", "ec:p256", &[]);
    let cmu = |args: &[String]| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("cmu"))
            .env("SOFTHSM2_CONF", &env.conf)
            .env("HSMCTL_HOME", &env.home)
            .env("HSMCTL_MODULE", module_under_test())
            .env("HSMCTL_PIN", USER_PIN)
            .stdin(std::process::Stdio::null())
            .args(args)
            .output()
            .unwrap()
    };
    let out = cmu(&["list".into(), "-class=privateKey".into()]);
    assert!(out.status.success(), "{}", texts(&out).1);
    let list = String::from_utf8(out.stdout).unwrap();
    let handle = list
        .lines()
        .find(|l| l.contains("label=luna-root"))
        .and_then(|l| l.strip_prefix("handle="))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("{list}"))
        .to_string();
    let (_, csr) = openssl_csr(
        d,
        "dev",
        P256,
        "/CN=dev.example",
        "subjectAltName=DNS:dev.example",
    );
    let cert = d.join("dev.cer");
    // Luna's spellings, in mixed case.
    let out = cmu(&[
        "certify".into(),
        format!("-handle={handle}"),
        format!("-inputFile={}", p(&csr)),
        format!("-outputFile={}", p(&cert)),
        "-startDate=20260101".into(),
        "-endDate=20270101".into(),
        "-serialNum=1234abcd".into(),
    ]);
    assert!(out.status.success(), "{}", texts(&out).1);
    let text = openssl(&["x509", "-in", p(&cert), "-noout", "-text"]);
    for want in [
        "Serial Number: 305441741 (0x1234abcd)",
        "Not Before: Jan  1 00:00:00 2026 GMT",
        "Not After : Jan  1 00:00:00 2027 GMT",
        "Issuer: CN = luna-root CA",
    ] {
        assert!(text.contains(want), "{want} in\n{text}");
    }
    assert!(openssl(&["verify", "-CAfile", p(&root), p(&cert)]).contains(": OK"));
    // -privatehandle, -serialNumber and -binary; an existing output is refused.
    let der = d.join("dev.der");
    let args = [
        "certify".to_string(),
        format!("-PRIVATEHANDLE={handle}"),
        format!("-inputfile={}", p(&csr)),
        format!("-outputfile={}", p(&der)),
        "-serialNumber=01".into(),
        "-binary".into(),
    ];
    let out = cmu(&args);
    assert!(out.status.success(), "{}", texts(&out).1);
    assert!(
        openssl(&[
            "x509",
            "-inform",
            "DER",
            "-in",
            p(&der),
            "-noout",
            "-serial"
        ])
        .contains("serial=01")
    );
    let out = cmu(&args);
    assert_eq!(out.status.code(), Some(7), "{}", texts(&out).1);
    // Missing -inputfile: Luna's usage error.
    let out = cmu(&["certify".into(), format!("-handle={handle}")]);
    assert!(!out.status.success());
    assert!(texts(&out).1.contains("inputfile"), "{}", texts(&out).1);
}

#[test]
fn every_signature_algorithm_issues_and_every_request_algorithm_is_checked() {
    let env = TestEnv::new();
    env.init_token("algs");
    let d = env.dir.path();
    // Requests made by the token (request-cert) in every algorithm, P-521 and PSS included:
    // sign-csr must check each signature itself.
    let mut csrs = Vec::new();
    for (kt, label, _, flags) in X509_KEYS {
        let key = format!("req-{label}");
        env.run_ok(&["keygen", "--key-type", kt, "--label", &key]);
        let csr = d.join(format!("{key}.csr"));
        let request = format!(
            "request-cert --label {key} --cn {key} --dns a.example -o {}",
            p(&csr)
        );
        env.run_ok(&[&words(&request)[..], flags].concat());
        csrs.push(csr);
    }
    for (i, (kt, label, alg, flags)) in X509_KEYS.into_iter().enumerate() {
        let ca_label = format!("ca-{label}");
        let ca = root(&env, &ca_label, kt, flags);
        // Each CA signs two requests of other algorithms, in one run.
        let picked = [&csrs[i], &csrs[(i + 1) % csrs.len()]];
        let outs: Vec<PathBuf> = (0..2).map(|n| d.join(format!("{label}-{n}.crt"))).collect();
        for (csr, out) in picked.iter().zip(&outs) {
            env.run_ok(
                &[
                    &["sign-csr", p(csr), "--ca-label", &ca_label, "-o", p(out)][..],
                    flags,
                ]
                .concat(),
            );
            let verified = openssl(&["verify", "-x509_strict", "-CAfile", p(&ca), p(out)]);
            assert!(verified.contains(": OK"), "{label}: {verified}");
            let text = openssl(&["x509", "-in", p(out), "-noout", "-text"]);
            assert!(text.contains(alg), "{label}: {alg} in\n{text}");
            assert!(text.contains("DNS:a.example"), "{label}: the request's SAN");
        }
    }
    // A tampered P-521 request (checked with aws-lc-rs's ECDSA P-521) is refused.
    let forged = forge(&csrs[4], b"req-e521", d);
    let out = env.run(&["sign-csr", p(&forged), "--ca-label", "ca-e256"]);
    assert_eq!(out.status.code(), Some(3), "{}", texts(&out).1);
    assert!(texts(&out).1.contains("signature"), "{}", texts(&out).1);
    assert!(!forged.with_extension("crt").exists());
    // selfsign-cert checks -o before it stores anything on the token.
    let taken = d.join("taken.pem");
    std::fs::write(&taken, b"keep").unwrap();
    let before = objects_seen_by_pkcs11_tool(&env, "algs");
    let out = env.run(&words(&format!(
        "selfsign-cert --label ca-e256 --cn x --store -o {}",
        p(&taken)
    )));
    assert_eq!(out.status.code(), Some(7), "{}", texts(&out).1);
    assert_eq!(std::fs::read(&taken).unwrap(), b"keep");
    assert_eq!(objects_seen_by_pkcs11_tool(&env, "algs"), before);
}

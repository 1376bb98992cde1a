//! File-system faults, injected with strace into the syscalls of atomic writes: a full disk
//! (write: ENOSPC), a read-only file system (openat, rename: EROFS) and a failing disk (fsync:
//! EIO). Each is one clear error (exit 9 for the file system; 3 when it hits reading an input
//! file), targets keep their old content or get the new one, and no temp file is left.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn disk_full_read_only_and_failing_fsync_lose_nothing() {
    let env = TestEnv::new();
    let d = env.dir.path();
    let (cert, _) = server_cert(d, "s", "hsm.example.com", &[]);
    let (cert2, _) = server_cert(d, "s2", "hsm.example.com", &[]);
    // The old state: one server and a client identity.
    let setup = |env: &TestEnv| {
        let _ = std::fs::remove_dir_all(&env.home);
        std::fs::create_dir(&env.home).unwrap();
        for args in [
            vec![
                "addserver",
                "-n",
                "hsm.example.com",
                "-c",
                cert.to_str().unwrap(),
            ],
            vec!["createcert", "-n", "client", "--key-type", "ec:p256"],
        ] {
            let out = env.cmd().args(&args).output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        files(&env.home)
    };
    let runs: [Vec<&str>; 2] = [
        vec![
            "addserver",
            "-n",
            "hsm.example.com",
            "-c",
            cert2.to_str().unwrap(),
            "--force",
        ],
        vec![
            "createcert",
            "-n",
            "client",
            "--key-type",
            "ec:p256",
            "--force",
        ],
    ];
    for args in &runs {
        // The new state, from an undisturbed run.
        setup(&env);
        let done = env.cmd().args(args).output().unwrap();
        assert!(done.status.success());
        let new = files(&env.home);
        for (syscall, errno, says) in [
            ("write", "ENOSPC", "No space left on device"),
            ("openat", "EROFS", "Read-only file system"),
            ("rename", "EROFS", "Read-only file system"),
            ("fsync", "EIO", "Input/output error"),
        ] {
            // How many such calls an undisturbed run makes: each one fails once.
            setup(&env);
            let trace = env.dir.path().join("trace");
            let counted = Command::new("strace")
                .args(["-f", "-qq", "-o", trace.to_str().unwrap(), "-e"])
                .arg(format!("trace={syscall}"))
                .arg(assert_cmd::cargo::cargo_bin("hsmctl"))
                .args(args)
                .env("HSMCTL_HOME", &env.home)
                .output()
                .unwrap();
            assert!(counted.status.success());
            let calls = std::fs::read_to_string(&trace)
                .unwrap()
                .lines()
                .filter(|l| l.contains(&format!("{syscall}(")))
                .count();
            let mut hits = 0;
            for when in 1..=calls {
                let old = setup(&env);
                let out = under_strace(&env, syscall, &format!("error={errno}"), when, args);
                if out.status.success() {
                    // A failure that does not matter (a diagnostic that could not be written).
                    continue;
                }
                hits += 1;
                let e = String::from_utf8_lossy(&out.stderr);
                let what = format!("{args:?}, {syscall} #{when} failing with {errno}");
                assert!(!e.contains("panicked"), "{what}: {e}");
                assert_eq!(
                    e.lines().filter(|l| l.starts_with("error:")).count(),
                    1,
                    "{what}: {e}"
                );
                assert!(e.contains(says), "{what}: {e}");
                assert!(
                    matches!(out.status.code(), Some(3 | 4 | 9)),
                    "{what}: {:?} {e}",
                    out.status.code()
                );
                // The client key and certificate stay a pair: both old or both new.
                if args[0] == "createcert" {
                    let k = env.home.join("cert/client/clientKey.pem");
                    let c = env.home.join("cert/client/client.pem");
                    assert_eq!(
                        openssl(&["pkey", "-pubout", "-in", k.to_str().unwrap()]),
                        openssl(&["x509", "-noout", "-pubkey", "-in", c.to_str().unwrap()]),
                        "{what}: the key and the certificate no longer match"
                    );
                }
                // Each file is as it was or as it would be: never a part.
                let now = files(&env.home);
                for (p, bytes) in &now {
                    let name = p.file_name().unwrap().to_string_lossy();
                    assert!(!name.contains(".tmp-"), "{what}: temp file {name} left");
                    let before = old.iter().find(|(q, _)| q == p).map(|(_, b)| b);
                    let after = new.iter().find(|(q, _)| q == p).map(|(_, b)| b);
                    // createcert makes a new random key each run: "new" is then any whole PEM.
                    let whole_pem = String::from_utf8_lossy(bytes).trim_end().ends_with("-----")
                        && args[0] == "createcert"
                        && name.starts_with("client");
                    assert!(
                        Some(bytes) == before
                            || Some(bytes) == after
                            || whole_pem
                            || name.ends_with(".lock"),
                        "{what}: {} is neither old nor new",
                        p.display()
                    );
                }
            }
            assert!(hits > 0, "{args:?}: no {syscall} failure was ever hit");
        }
    }
}

/// Whether a file is whole: the old bytes, or a complete new artifact (they differ from run
/// to run: fresh keys, certificate nonces).
fn whole(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.ends_with('\n')
        && (text.trim_end().ends_with("-----")
            || text
                .lines()
                .all(|l| l.starts_with("ssh-") || l.starts_with("ecdsa-")))
}

#[test]
fn kill_9_at_every_step_of_artifact_writes_leaves_whole_files() {
    let env = TestEnv::new();
    env.init_token("k9");
    let d = env.dir.path();
    let out = env.run(&["keygen", "--key-type", "ec:p256", "--label", "ca"]);
    assert!(out.status.success());
    let keys = d.join("keys");
    std::fs::create_dir(&keys).unwrap();
    for i in 0..3 {
        let k = keys.join(format!("u{i}"));
        assert!(
            Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-f", k.to_str().unwrap()])
                .status()
                .unwrap()
                .success()
        );
    }
    let exported = d.join("out").join("keys.pub");
    std::fs::create_dir(d.join("out")).unwrap();
    let watched = [d.join("out"), keys.clone(), env.home.join("cert/client")];
    let runs: [Vec<String>; 3] = [
        [
            "export-ssh-pubkey",
            "-o",
            exported.to_str().unwrap(),
            "--force",
        ]
        .map(String::from)
        .to_vec(),
        ["createcert", "-n", "c", "--key-type", "ec:p256", "--force"]
            .map(String::from)
            .to_vec(),
        [
            "sign-ssh-cert",
            "--ca-label",
            "ca",
            "-I",
            "i",
            "-n",
            "u",
            "-V",
            "+1d",
            keys.join("u0.pub").to_str().unwrap(),
            keys.join("u1.pub").to_str().unwrap(),
            keys.join("u2.pub").to_str().unwrap(),
            "--force",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        // The old state: one undisturbed run.
        let first = env.run(&args);
        assert!(
            first.status.success(),
            "{}",
            String::from_utf8_lossy(&first.stderr)
        );
        let mut kills = 0;
        for syscall in ["write", "fsync", "rename", "link"] {
            for when in 1..400 {
                let old: Vec<(PathBuf, Vec<u8>)> = watched.iter().flat_map(|w| files(w)).collect();
                let tokens = files(&d.join("tokens"));
                if under_strace(&env, syscall, "signal=KILL", when, &args)
                    .status
                    .success()
                {
                    break;
                }
                kills += 1;
                // SoftHSM2 itself may lose its token when its process dies mid-write (it
                // rewrites files in place); that is the module's own fragility, so the token
                // store is put back, and only hsmctl's files are judged.
                let _ = std::fs::remove_dir_all(d.join("tokens"));
                for (p, bytes) in &tokens {
                    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                    std::fs::write(p, bytes).unwrap();
                }
                for w in &watched {
                    for (p, bytes) in files(w) {
                        let name = p.file_name().unwrap().to_string_lossy().into_owned();
                        if name.contains(".tmp-") {
                            continue; // a killed run's temp file: the rerun removes it
                        }
                        let before = old.iter().find(|(q, _)| *q == p).map(|(_, b)| b);
                        assert!(
                            Some(&bytes) == before || whole(&bytes),
                            "{args:?} killed at {syscall} #{when}: {} is partial",
                            p.display()
                        );
                    }
                }
                // A rerun completes and leaves no temp file.
                let rerun = env.run(&args);
                assert!(
                    rerun.status.success(),
                    "{args:?} rerun after a kill at {syscall} #{when}: {}",
                    String::from_utf8_lossy(&rerun.stderr)
                );
                for w in &watched {
                    for (p, _) in files(w) {
                        assert!(
                            !p.to_string_lossy().contains(".tmp-"),
                            "{args:?} after a kill at {syscall} #{when} and a rerun: {} left",
                            p.display()
                        );
                    }
                }
            }
        }
        assert!(kills >= 4, "{args:?}: only {kills} kill points");
    }
}

//! Test harness: a private SoftHSM2 token store per test, and the real hsmctl binary.
#![allow(dead_code)]

pub mod pty;
pub mod sshd;

use assert_cmd::Command;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The SoftHSM2 module Debian installs.
pub const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";

/// The module hsmctl is run with: SoftHSM2, or another one reaching the same tokens given in
/// HSMCTL_TEST_MODULE (CI runs the module-independent tests again through p11-kit's proxy).
/// The oracles (pkcs11-tool, softhsm2-util) always use SoftHSM2 itself.
pub fn module_under_test() -> String {
    std::env::var("HSMCTL_TEST_MODULE")
        .ok()
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| MODULE.to_string())
}
/// A library that is certainly not a PKCS#11 module.
pub const LIBC: &str = "/usr/lib/x86_64-linux-gnu/libc.so.6";
/// SO PIN of the tokens made by [`TestEnv::init_token`].
pub const SO_PIN: &str = "10293847";
/// User PIN of the tokens made by [`TestEnv::init_token`].
pub const USER_PIN: &str = "56473829";

/// One test's world: its own softhsm2.conf, token directory and hsmctl home.
pub struct TestEnv {
    pub dir: TempDir,
    pub conf: PathBuf,
    pub home: PathBuf,
}

impl TestEnv {
    /// A fresh token store with no initialized token (SoftHSM2 shows one free slot).
    pub fn new() -> Self {
        assert!(
            Path::new(MODULE).is_file(),
            "SoftHSM2 is not installed ({MODULE} missing): run `apt-get install softhsm2` \
             (scripts/test.sh does this)"
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let tokens = dir.path().join("tokens");
        std::fs::create_dir(&tokens).unwrap();
        let conf = dir.path().join("softhsm2.conf");
        std::fs::write(
            &conf,
            format!(
                "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
                tokens.display()
            ),
        )
        .unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();
        TestEnv { dir, conf, home }
    }

    /// Initializes a token with the real `softhsm2-util`; returns its serial.
    pub fn init_token(&self, label: &str) -> String {
        let out = std::process::Command::new("softhsm2-util")
            .env("SOFTHSM2_CONF", &self.conf)
            .args([
                "--init-token",
                "--free",
                "--label",
                label,
                "--so-pin",
                SO_PIN,
                "--pin",
                USER_PIN,
            ])
            .output()
            .expect("softhsm2-util runs (apt-get install softhsm2)");
        assert!(
            out.status.success(),
            "softhsm2-util: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.serial_of(label)
    }

    /// The serial of the token with this label, as OpenSC's pkcs11-tool reports it.
    pub fn serial_of(&self, label: &str) -> String {
        let listing = self.pkcs11_tool(&["-L"]);
        let mut current_label = None;
        for line in listing.lines() {
            if let Some(l) = line
                .split_once("token label")
                .map(|(_, r)| r.trim_start_matches([' ', ':']).trim())
            {
                current_label = Some(l.to_string());
            }
            if let Some(s) = line
                .split_once("serial num")
                .map(|(_, r)| r.trim_start_matches([' ', ':']).trim())
                && current_label.as_deref() == Some(label)
            {
                return s.to_string();
            }
        }
        panic!("pkcs11-tool does not list token {label}:\n{listing}");
    }

    /// Runs OpenSC's pkcs11-tool against this test's token store; returns stdout.
    pub fn pkcs11_tool(&self, args: &[&str]) -> String {
        let out = self.pkcs11_tool_output(args);
        assert!(
            out.status.success(),
            "pkcs11-tool {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs pkcs11-tool and returns its whole output (for expected failures).
    pub fn pkcs11_tool_output(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new("pkcs11-tool")
            .env("SOFTHSM2_CONF", &self.conf)
            .arg("--module")
            .arg(MODULE)
            .args(args)
            .output()
            .expect("pkcs11-tool runs (apt-get install opensc)")
    }

    /// Builds the fault-injecting shim module (tests/shim/shim.c) into this test's directory.
    pub fn shim(&self) -> PathBuf {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/shim/shim.c");
        let lib = self.dir.path().join("shim.so");
        let out = std::process::Command::new("cc")
            .args(["-shared", "-fPIC", "-O1", "-o"])
            .arg(&lib)
            .arg(&src)
            .arg("-ldl")
            .output()
            .expect("a C compiler (gcc)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        lib
    }

    /// hsmctl with this test's environment; no PIN variables inherited from the caller.
    pub fn cmd(&self) -> Command {
        let mut c = self.bare_cmd();
        c.env("HSMCTL_MODULE", module_under_test());
        c
    }

    /// hsmctl with this test's token store but no module configured.
    pub fn bare_cmd(&self) -> Command {
        let mut c = Command::cargo_bin("hsmctl").unwrap();
        c.env("SOFTHSM2_CONF", &self.conf)
            .env("HSMCTL_HOME", &self.home)
            .env_remove("HSMCTL_MODULE")
            .env_remove("HSMCTL_PIN")
            .env_remove("HSMCTL_SO_PIN")
            .env_remove("HSMCTL_NEW_PIN")
            .env_remove("NO_COLOR");
        c
    }

    /// hsmctl as a plain `std::process::Command`, for tests that control pipes and timing.
    pub fn process(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("hsmctl"));
        c.env("SOFTHSM2_CONF", &self.conf)
            .env("HSMCTL_HOME", &self.home)
            .env("HSMCTL_MODULE", module_under_test())
            .env_remove("HSMCTL_PIN")
            .env_remove("HSMCTL_SO_PIN")
            .env_remove("HSMCTL_NEW_PIN");
        c
    }

    /// Runs `bash -c SCRIPT` with this test's environment; `$HSMCTL` is the binary.
    pub fn bash(&self, script: &str) -> std::process::Output {
        std::process::Command::new("bash")
            .args(["-c", script])
            .env("HSMCTL", assert_cmd::cargo::cargo_bin("hsmctl"))
            .env("SOFTHSM2_CONF", &self.conf)
            .env("HSMCTL_HOME", &self.home)
            .env("HSMCTL_MODULE", module_under_test())
            .output()
            .unwrap()
    }

    /// hsmctl with the test token's user PIN in HSMCTL_PIN.
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        self.cmd()
            .env("HSMCTL_PIN", USER_PIN)
            .args(args)
            .output()
            .unwrap()
    }

    /// [`TestEnv::run`], asserting success; stdout.
    pub fn run_ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "hsmctl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// hsmctl (no PIN variables) with the words of `line`, split on whitespace, e.g.
    /// `env.hsm("listservers --json")`. Paths go in with `format!`: a test's temp dir has no
    /// whitespace in its name. An argument with spaces needs [`TestEnv::hsm_args`].
    pub fn hsm(&self, line: &str) -> std::process::Output {
        self.hsm_args(&words(line))
    }

    /// [`TestEnv::hsm`], asserting success; stdout.
    pub fn hsm_ok(&self, line: &str) -> String {
        self.hsm_args_ok(&words(line))
    }

    /// hsmctl (no PIN variables) with `args` as given, one argument each.
    pub fn hsm_args(&self, args: &[&str]) -> std::process::Output {
        self.cmd().args(args).output().unwrap()
    }

    /// [`TestEnv::hsm_args`], asserting success; stdout.
    pub fn hsm_args_ok(&self, args: &[&str]) -> String {
        let out = self.hsm_args(args);
        assert!(
            out.status.success(),
            "hsmctl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs hsmctl with `args` plus `--json`, asserts success, parses stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.cmd().args(args).arg("--json").output().unwrap();
        assert!(
            out.status.success(),
            "hsmctl {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
    }

    /// Writes a PIN file with mode 0600.
    pub fn pin_file(&self, name: &str, pin: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, format!("{pin}\n")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        p
    }

    /// The labels of initialized tokens, per `hsmctl slots --json`.
    pub fn labels(&self) -> Vec<String> {
        let v = self.json(&["slots"]);
        v["slots"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["token"]["flags"]["token_initialized"] == true)
            .map(|s| s["token"]["label"].as_str().unwrap().to_string())
            .collect()
    }
}

/// The PKCS#11 functions a module was called with, in order, from an OpenSC pkcs11-spy log.
pub fn spy_calls(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .expect("pkcs11-spy wrote its log")
        .lines()
        .filter_map(|l| {
            let (n, rest) = l.split_once(": ")?;
            (n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with("C_"))
                .then(|| rest.trim().to_string())
        })
        .collect()
}

/// OpenSC's call-logging module, forwarding to SoftHSM2.
pub const SPY: &str = "/usr/lib/x86_64-linux-gnu/pkcs11/pkcs11-spy.so";

/// Every object on a token as OpenSC's pkcs11-tool lists them after a login.
pub fn objects_seen_by_pkcs11_tool(env: &TestEnv, token: &str) -> Vec<String> {
    let listing = env.pkcs11_tool(&["--token-label", token, "--login", "--pin", USER_PIN, "-O"]);
    listing
        .lines()
        .filter(|l| !l.starts_with(' ') && l.contains("bject"))
        .map(str::to_string)
        .collect()
}

/// Key attributes read by the cryptoki-based oracle (examples/p11attrs), one JSON per object.
pub fn attrs_via_cryptoki(env: &TestEnv, token: &str, label: &str) -> Vec<serde_json::Value> {
    let exe = std::env::current_exe().unwrap();
    let oracle = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples/p11attrs");
    assert!(
        oracle.exists(),
        "{} missing: cargo test builds examples",
        oracle.display()
    );
    let out = std::process::Command::new(oracle)
        .env("SOFTHSM2_CONF", &env.conf)
        .env("P11ATTRS_PIN", USER_PIN)
        .args([MODULE, token, label])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "p11attrs: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// stdout and stderr of an output, as text.
pub fn texts(out: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The words of a command line, split on whitespace, for any helper taking `&[&str]`:
/// `env.run_ok(&words("keygen --key-type ec:p256 --label k"))`. No quoting: an argument
/// with spaces stays in the slice form.
pub fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// openssl with `args`, not yet run: for the callers that set stdio or spawn (s_server).
pub fn openssl_command(args: &[&str]) -> std::process::Command {
    let mut c = std::process::Command::new("openssl");
    c.args(args);
    c
}

/// Runs openssl and returns its whole output, whatever the status (for expected failures
/// and checks that read stdout as bytes).
pub fn openssl_output(args: &[&str]) -> std::process::Output {
    openssl_command(args).output().unwrap()
}

/// Runs openssl with `input` on its stdin; its whole output, whatever the status.
pub fn openssl_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = openssl_command(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// Runs openssl, asserting success; its stdout alone, as bytes (keys compared byte for byte).
pub fn openssl_stdout(args: &[&str]) -> Vec<u8> {
    let out = openssl_output(args);
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs openssl, asserting success; its stdout and stderr together (some answers go to stderr).
pub fn openssl(args: &[&str]) -> String {
    let out = openssl_output(args);
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// A self-signed P-256 server certificate from openssl for `name` (an IP or DNS SAN), valid
/// for a year unless `extra` says otherwise; returns (certificate, key) paths.
pub fn server_cert(dir: &Path, file: &str, name: &str, extra: &[&str]) -> (PathBuf, PathBuf) {
    let (cert, key) = (
        dir.join(format!("{file}.pem")),
        dir.join(format!("{file}.key")),
    );
    let san = if name.parse::<std::net::IpAddr>().is_ok() {
        format!("subjectAltName=IP:{name}")
    } else {
        format!("subjectAltName=DNS:{name}")
    };
    let subj = format!("/CN={name}");
    let mut args = vec![
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "365",
        "-subj",
        &subj,
        "-addext",
        &san,
    ];
    args.extend(extra);
    args.extend([
        "-keyout",
        key.to_str().unwrap(),
        "-out",
        cert.to_str().unwrap(),
    ]);
    openssl(&args);
    (cert, key)
}

/// hsmctl run under strace, which makes the `when`-th call of `syscall` fail as `inject`
/// says (`signal=KILL`, `error=ENOSPC`, ...), with this test's store, home and user PIN.
pub fn under_strace(
    env: &TestEnv,
    syscall: &str,
    inject: &str,
    when: usize,
    args: &[&str],
) -> std::process::Output {
    std::process::Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e"])
        .arg(format!("trace={syscall}"))
        .arg("-e")
        .arg(format!("inject={syscall}:{inject}:when={when}"))
        .arg(assert_cmd::cargo::cargo_bin("hsmctl"))
        .args(args)
        .env("HSMCTL_HOME", &env.home)
        .env("SOFTHSM2_CONF", &env.conf)
        .env("HSMCTL_MODULE", MODULE)
        .env("HSMCTL_PIN", USER_PIN)
        .output()
        .expect("strace runs (apt-get install strace)")
}

/// The Python interpreter of a virtualenv with a `cryptography` that has the strict X.509
/// verifier (`cryptography.x509.verification`, 42 and later; Debian 12 ships 38), made once
/// under the target directory with pip and shared by every test run after that. Panics, so the
/// test fails, when it cannot be had: a strict-verifier check never silently passes.
pub fn strict_verifier() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/debug/deps/<test> -> target
    let target = exe.ancestors().nth(3).unwrap().to_path_buf();
    let venv = target.join("strict-verifier-venv");
    let python = venv.join("bin/python");
    let usable = |py: &Path| {
        std::process::Command::new(py)
            .args(["-c", "import cryptography.x509.verification"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if usable(&python) {
        return python;
    }
    // One test of this process builds it; the others wait and use it (they share the pid, so
    // without this they would build into the same temp directory at once).
    static BUILDING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = BUILDING.lock().unwrap_or_else(|p| p.into_inner());
    if usable(&python) {
        return python;
    }
    // Built beside, then renamed into place: parallel tests never see half a virtualenv.
    let tmp = target.join(format!("strict-verifier-venv.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let made = std::process::Command::new("/usr/bin/python3")
        .args(["-m", "venv"])
        .arg(&tmp)
        .output()
        .expect("python3 runs (apt-get install python3 python3-venv; scripts/deps.sh)");
    assert!(
        made.status.success(),
        "python3 -m venv: {} (apt-get install python3-venv)",
        String::from_utf8_lossy(&made.stderr)
    );
    let pip = std::process::Command::new(tmp.join("bin/pip"))
        .args(["install", "-q", "cryptography>=43"])
        .output()
        .unwrap();
    assert!(
        pip.status.success(),
        "pip install cryptography (PyPI must be reachable): {}",
        String::from_utf8_lossy(&pip.stderr)
    );
    if std::fs::rename(&tmp, &venv).is_err() {
        // Another test won the race; use its copy.
        let _ = std::fs::remove_dir_all(&tmp);
    }
    assert!(
        usable(&python),
        "{} has no strict verifier",
        python.display()
    );
    python
}

/// Runs tests/strict/verify.py (Python cryptography's PolicyBuilder verifier): `kind` is
/// "server" or "client"; returns (accepted, what it said).
pub fn strict_verify(
    kind: &str,
    roots: &Path,
    leaf: &Path,
    intermediates: Option<&Path>,
    name: Option<&str>,
) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/strict/verify.py");
    let mut c = std::process::Command::new(strict_verifier());
    c.arg(script).arg(kind).arg(roots).arg(leaf);
    c.arg(intermediates.unwrap_or(Path::new("-")));
    if let Some(n) = name {
        c.arg(n);
    }
    let out = c.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// The token key types X.509 commands sign with: key type, label, what `openssl x509 -text`
/// prints for the signature, extra signing flags.
pub const X509_KEYS: [(&str, &str, &str, &[&str]); 6] = [
    ("rsa:2048", "r", "sha256WithRSAEncryption", &[]),
    (
        "rsa:2048",
        "rp",
        "Hash Algorithm: sha384",
        &["--pss", "--digest", "sha384"],
    ),
    ("ec:p256", "e256", "ecdsa-with-SHA256", &[]),
    ("ec:p384", "e384", "ecdsa-with-SHA384", &[]),
    ("ec:p521", "e521", "ecdsa-with-SHA512", &[]),
    ("ed25519", "ed", "ED25519", &[]),
];

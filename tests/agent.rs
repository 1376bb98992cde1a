//! `hsmctl agent` against real OpenSSH: ssh, ssh-add and a real sshd on 127.0.0.1.

mod common;

use common::sshd::{Sshd, askpass};
use common::{MODULE, TestEnv, USER_PIN, texts};
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::channel;
use std::time::Duration;

/// An agent in the foreground (-D) on `dir/agent.sock`, its stderr in `dir/agent.log`.
struct Agent {
    child: Child,
    sock: PathBuf,
    log: PathBuf,
}

impl Agent {
    /// Starts `hsmctl agent -D` with the test PIN in a file and waits for its shell lines.
    fn start(env: &TestEnv, args: &[&str]) -> Agent {
        Agent::start_with(env, &common::module_under_test(), &[], args)
    }

    fn start_with(env: &TestEnv, module: &str, vars: &[(&str, &str)], args: &[&str]) -> Agent {
        let n = std::fs::read_dir(env.dir.path()).unwrap().count();
        let sock = env.dir.path().join(format!("agent{n}.sock"));
        let log = env.dir.path().join(format!("agent{n}.log"));
        let pin = env.pin_file(&format!("pin{n}"), USER_PIN);
        let mut child = env
            .process()
            .env("HSMCTL_MODULE", module)
            .envs(vars.iter().copied())
            .args(["agent", "-D", "-a"])
            .arg(&sock)
            .arg("--pin-file")
            .arg(&pin)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(out).lines();
            let first = lines.next().and_then(|l| l.ok()).unwrap_or_default();
            let _ = tx.send(first);
            for _ in lines {}
        });
        let first = rx.recv_timeout(Duration::from_secs(60)).unwrap_or_default();
        assert!(
            first.starts_with("SSH_AUTH_SOCK=") || first.contains("\"ssh_auth_sock\""),
            "the agent did not start ({first:?}): {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        Agent { child, sock, log }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn sock(&self) -> &str {
        self.sock.to_str().unwrap()
    }

    /// `ssh-add ARGS` against this agent.
    fn ssh_add(&self, args: &[&str], vars: &[(&str, &str)]) -> Output {
        Command::new("ssh-add")
            .args(args)
            .env("SSH_AUTH_SOCK", &self.sock)
            .envs(vars.iter().copied())
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// A login through this agent (and only it).
    fn login(&self, sshd: &Sshd) -> (bool, Output) {
        let agent = format!("IdentityAgent={}", self.sock());
        sshd.login(&["-o", &agent, "-o", "IdentitiesOnly=no"], &[])
    }

    /// The agent's resident memory (VmRSS), KiB.
    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn keygen(env: &TestEnv, kt: &str, label: &str) {
    env.run_ok(&["generatekeypair", "--key-type", kt, "--label", label]);
}

/// The authorized_keys line of one token key.
fn line_of(env: &TestEnv, label: &str) -> String {
    env.run_ok(&["export-ssh-pubkey", "--label", label])
}

fn authorized(env: &TestEnv, lines: &str) -> PathBuf {
    let p = env.dir.path().join("authorized_keys");
    std::fs::write(&p, lines).unwrap();
    p
}

/// A token with one P-256 pair `k`, and an sshd that authorizes it (with `extra` config lines).
fn one_key_and_sshd(extra: &str) -> (TestEnv, Sshd) {
    let env = TestEnv::new();
    env.init_token("ssh");
    keygen(&env, "ec:p256", "k");
    let auth = authorized(&env, &line_of(&env, "k"));
    let sshd = Sshd::start(
        env.dir.path(),
        &format!("AuthorizedKeysFile {}\n{extra}", auth.display()),
    );
    (env, sshd)
}

#[test]
fn eight_keys_and_max_auth_tries_3_fail_with_ssh_i_and_log_in_through_the_agent() {
    let env = TestEnv::new();
    env.init_token("ssh");
    for i in 1..=8 {
        keygen(&env, "ec:p256", &format!("key{i}"));
    }
    // The key ssh -I tries last: ssh-keygen -D lists keys in the order ssh uses them.
    let out = Command::new("ssh-keygen")
        .args(["-D", MODULE])
        .env("SOFTHSM2_CONF", &env.conf)
        .output()
        .unwrap();
    let listed = String::from_utf8(out.stdout).unwrap();
    let last_blob = listed
        .lines()
        .last()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .to_string();
    let label = (1..=8)
        .map(|i| format!("key{i}"))
        .find(|l| line_of(&env, l).contains(&last_blob))
        .expect("the last key of ssh-keygen -D is a token key");
    let auth = authorized(&env, &line_of(&env, &label));
    let sshd = Sshd::start(
        env.dir.path(),
        &format!("AuthorizedKeysFile {}\nMaxAuthTries 3", auth.display()),
    );
    let pass = askpass(env.dir.path(), USER_PIN);
    let conf = env.conf.to_str().unwrap();
    let vars = [
        ("SOFTHSM2_CONF", conf),
        ("SSH_ASKPASS", pass.to_str().unwrap()),
        ("SSH_ASKPASS_REQUIRE", "force"),
        ("DISPLAY", ":0"),
    ];
    let (ok, out) = sshd.login(&["-o", "IdentitiesOnly=no", "-I", MODULE], &vars);
    assert!(!ok, "ssh -I logged in with 8 keys and MaxAuthTries 3");
    assert!(
        texts(&out).1.contains("Too many authentication failures"),
        "{}",
        texts(&out).1
    );
    let agent = Agent::start(&env, &["--label", &label]);
    let (ok, out) = agent.login(&sshd);
    assert!(
        ok,
        "login through the agent: {}\n{}",
        texts(&out).1,
        agent.log()
    );
    let log = agent.log();
    assert!(log.contains("signed") && log.contains(&label), "{log}");
}

#[test]
fn ed25519_and_rsa_token_keys_log_in_through_the_agent() {
    let env = TestEnv::new();
    env.init_token("ssh");
    keygen(&env, "ed25519", "ed");
    keygen(&env, "rsa:2048", "rsa");
    keygen(&env, "ec:p384", "p384");
    keygen(&env, "ec:p521", "p521");
    let auth = env.dir.path().join("authorized_keys");
    let sshd = Sshd::start(
        env.dir.path(),
        &format!("AuthorizedKeysFile {}", auth.display()),
    );
    for label in ["ed", "rsa", "p384", "p521"] {
        let agent = Agent::start(&env, &["--label", label]);
        // Not authorized yet: the test can fail.
        std::fs::write(&auth, "").unwrap();
        assert!(!agent.login(&sshd).0, "{label} logged in unauthorized");
        std::fs::write(&auth, line_of(&env, label)).unwrap();
        let (ok, out) = agent.login(&sshd);
        assert!(
            ok,
            "{label}: {}\n{}\n{}",
            texts(&out).1,
            agent.log(),
            sshd.log()
        );
        if label == "rsa" {
            assert!(agent.log().contains("rsa-sha2-"), "{}", agent.log());
        }
    }
}

#[test]
fn a_token_ca_certificate_attached_to_the_key_logs_in_without_authorized_keys() {
    let env = TestEnv::new();
    env.init_token("ssh");
    keygen(&env, "ec:p256", "ca");
    keygen(&env, "ed25519", "user");
    let trusted = env.dir.path().join("trusted");
    std::fs::write(&trusted, line_of(&env, "ca")).unwrap();
    let user_pub = env.dir.path().join("user.pub");
    std::fs::write(&user_pub, line_of(&env, "user")).unwrap();
    env.run_ok(&[
        "sign-ssh-cert",
        "--ca-label",
        "ca",
        "-I",
        "agent-test",
        "-n",
        "root",
        "-V",
        "-5m:+1h",
        user_pub.to_str().unwrap(),
    ]);
    let cert = env.dir.path().join("user-cert.pub");
    assert!(cert.is_file());
    let sshd = Sshd::start(
        env.dir.path(),
        &format!("TrustedUserCAKeys {}", trusted.display()),
    );
    // The key alone is not enough (no authorized_keys): the test can fail.
    let bare = Agent::start(&env, &["--label", "user"]);
    assert!(!bare.login(&sshd).0);
    drop(bare);
    let agent = Agent::start(&env, &["--label", "user", "--cert", cert.to_str().unwrap()]);
    let listed = String::from_utf8(agent.ssh_add(&["-L"], &[]).stdout).unwrap();
    assert!(
        listed.contains("ssh-ed25519-cert-v01@openssh.com"),
        "{listed}"
    );
    let (ok, out) = agent.login(&sshd);
    assert!(ok, "{}\n{}\n{}", texts(&out).1, agent.log(), sshd.log());
    assert!(sshd.log().contains("agent-test"), "{}", sshd.log());
    drop(agent);
    // The same certificate stored on the token as a data object (as pkcs11-tool writes one) is
    // offered with --token-certs.
    env.pkcs11_tool(&[
        "--login",
        "--pin",
        USER_PIN,
        "--write-object",
        cert.to_str().unwrap(),
        "--type",
        "data",
        "--label",
        "user-cert",
    ]);
    let agent = Agent::start(&env, &["--label", "user", "--token-certs"]);
    let listed = String::from_utf8(agent.ssh_add(&["-L"], &[]).stdout).unwrap();
    assert!(
        listed.contains("ssh-ed25519-cert-v01@openssh.com"),
        "{listed}"
    );
    let (ok, out) = agent.login(&sshd);
    assert!(ok, "{}\n{}", texts(&out).1, agent.log());
    drop(agent);
    // A certificate for a key not offered is refused at start-up.
    let out = env
        .process()
        .env("HSMCTL_PIN", USER_PIN)
        .args([
            "agent",
            "-D",
            "--label",
            "ca",
            "--cert",
            cert.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", texts(&out).1);
    assert!(texts(&out).1.contains("not among the keys offered"));
}

#[test]
fn ssh_add_lists_exactly_what_export_ssh_pubkey_writes_in_the_order_given() {
    let env = TestEnv::new();
    env.init_token("ssh");
    for (kt, label) in [
        ("rsa:3072", "a-rsa"),
        ("ec:p384", "b-p384"),
        ("ed25519", "c-ed"),
        ("ec:p521", "d-p521"),
        ("ec:p256", "e-unlisted"),
    ] {
        keygen(&env, kt, label);
    }
    let id = env.json(&["list", "--label", "c-ed", "--class", "public"])["objects"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let agent = Agent::start(
        &env,
        &[
            "--label", "a-rsa", "--label", "b-p384", "--id", &id, "--label", "d-p521",
        ],
    );
    let listed = agent.ssh_add(&["-L"], &[]);
    assert!(listed.status.success(), "{}", texts(&listed).1);
    let mut expected = String::new();
    for l in ["a-rsa", "b-p384", "c-ed", "d-p521"] {
        expected.push_str(&line_of(&env, l));
    }
    assert_eq!(String::from_utf8(listed.stdout).unwrap(), expected);
    // The order given is kept: the last one first.
    let agent2 = Agent::start(&env, &["--label", "d-p521", "--label", "a-rsa"]);
    let listed = String::from_utf8(agent2.ssh_add(&["-L"], &[]).stdout).unwrap();
    assert_eq!(
        listed,
        format!("{}{}", line_of(&env, "d-p521"), line_of(&env, "a-rsa"))
    );
    let fps = String::from_utf8(agent2.ssh_add(&["-l"], &[]).stdout).unwrap();
    assert!(
        fps.starts_with("521 SHA256:") && fps.contains("\n3072 SHA256:"),
        "{fps}"
    );
}

#[test]
fn two_hundred_sequential_and_twenty_parallel_logins_with_steady_memory() {
    let (env, sshd) = one_key_and_sshd("MaxStartups 100");
    let agent = Agent::start(&env, &["--label", "k"]);
    let (ok, out) = agent.login(&sshd);
    assert!(ok, "{}", texts(&out).1);
    let first = agent.rss_kib();
    for i in 2..=200 {
        let (ok, out) = agent.login(&sshd);
        assert!(ok, "login {i}: {}\n{}", texts(&out).1, agent.log());
    }
    let after = agent.rss_kib();
    assert!(
        after <= first + 2048,
        "agent memory grew from {first} KiB to {after} KiB over 200 logins"
    );
    let results: Vec<(bool, Output)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..20).map(|_| s.spawn(|| agent.login(&sshd))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, (ok, out)) in results.iter().enumerate() {
        assert!(ok, "parallel login {i}: {}\n{}", texts(out).1, agent.log());
    }
    assert_eq!(
        agent.log().matches("signed").count(),
        220,
        "{}",
        agent.log()
    );
}

#[test]
fn a_locked_agent_signs_nothing_until_unlocked() {
    let (env, sshd) = one_key_and_sshd("");
    let agent = Agent::start(&env, &["--label", "k"]);
    let sub = |name: &str| {
        let d = env.dir.path().join(name);
        std::fs::create_dir(&d).unwrap();
        d
    };
    let right = askpass(&sub("right"), "lock-secret");
    let wrong = askpass(&sub("wrong"), "not-it");
    let run = |args: &[&str], p: &Path| {
        agent.ssh_add(
            args,
            &[
                ("SSH_ASKPASS", p.to_str().unwrap()),
                ("SSH_ASKPASS_REQUIRE", "force"),
                ("DISPLAY", ":0"),
            ],
        )
    };
    assert!(run(&["-x"], &right).status.success(), "lock");
    let (ok, _) = agent.login(&sshd);
    assert!(!ok, "logged in through a locked agent");
    let listed = run(&["-L"], &right);
    assert!(!listed.status.success() || listed.stdout.is_empty());
    assert!(
        !run(&["-X"], &wrong).status.success(),
        "unlocked with a wrong passphrase"
    );
    assert!(!agent.login(&sshd).0);
    assert!(run(&["-X"], &right).status.success(), "unlock");
    let (ok, out) = agent.login(&sshd);
    assert!(ok, "after unlock: {}\n{}", texts(&out).1, agent.log());
    let log = agent.log();
    assert!(log.contains("locked") && log.contains("unlocked"), "{log}");
    assert!(!log.contains("lock-secret"), "{log}");
}

#[test]
fn a_token_restart_mid_life_does_not_end_the_agent() {
    let (env, sshd) = one_key_and_sshd("");
    let shim = env.shim();
    let logins = env.dir.path().join("logins");
    let mut agent = Agent::start_with(
        &env,
        shim.to_str().unwrap(),
        &[
            ("SHIM_RESTART_AT_SIGN", "2"),
            ("SHIM_LOGIN_COUNT", logins.to_str().unwrap()),
        ],
        &["--label", "k"],
    );
    assert!(agent.login(&sshd).0, "first login: {}", agent.log());
    // The module restarts under the second signature: sessions and login are gone.
    let (ok, out) = agent.login(&sshd);
    assert!(agent.alive(), "the agent died: {}", agent.log());
    assert!(
        ok,
        "login after the restart: {}\n{}",
        texts(&out).1,
        agent.log()
    );
    assert!(agent.login(&sshd).0, "third login: {}", agent.log());
    assert!(agent.log().contains("reopened"), "{}", agent.log());
    let n = std::fs::read_to_string(&logins).unwrap().lines().count();
    assert_eq!(n, 2, "C_Login at start-up and once after the restart");
}

#[test]
fn pin_stays_out_of_argv_environment_and_logs_and_a_wrong_pin_is_exit_5_once() {
    let env = TestEnv::new();
    env.init_token("ssh");
    keygen(&env, "ec:p256", "k");
    // Background start, the PIN in a variable, as a user would.
    let out = env.bash(&format!(
        "export AGENT_PIN={USER_PIN}; eval \"$($HSMCTL agent --pin-env AGENT_PIN --label k)\" >/dev/null && \
         echo \"$SSH_AUTH_SOCK $SSH_AGENT_PID\""
    ));
    assert!(out.status.success(), "{}", texts(&out).1);
    let stdout = texts(&out).0;
    let (sock, pid) = stdout.trim().split_once(' ').unwrap();
    let pid: i32 = pid.parse().unwrap();
    let guard = KillOnDrop(pid);
    for f in ["cmdline", "environ"] {
        let bytes = std::fs::read(format!("/proc/{pid}/{f}")).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(USER_PIN),
            "the PIN is in /proc/{pid}/{f}"
        );
    }
    let sock = Path::new(sock);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(sock), 0o600);
    assert_eq!(mode(sock.parent().unwrap()), 0o700);
    let listed = Command::new("ssh-add")
        .arg("-L")
        .env("SSH_AUTH_SOCK", sock)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(listed.stdout).unwrap(),
        line_of(&env, "k")
    );
    // -k stops it and removes the socket and its directory.
    let out = env.bash(&format!(
        "export SSH_AGENT_PID={pid}; eval \"$($HSMCTL agent -k)\"; echo \"[$SSH_AGENT_PID]\""
    ));
    assert!(out.status.success(), "{}", texts(&out).1);
    assert!(texts(&out).0.contains("[]"), "{}", texts(&out).0);
    std::thread::sleep(Duration::from_millis(300));
    assert!(!sock.exists() && !sock.parent().unwrap().exists());
    drop(guard);

    // A pin-value in a URI (warned about) is not kept in the background agent's argv.
    let out = env.bash(&format!(
        "eval \"$($HSMCTL agent --uri 'pkcs11:object=k?pin-value={USER_PIN}')\" >/dev/null && \
         echo $SSH_AGENT_PID"
    ));
    assert!(out.status.success(), "{}", texts(&out).1);
    let pid: i32 = texts(&out).0.trim().parse().unwrap();
    let guard = KillOnDrop(pid);
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap();
    let cmdline = String::from_utf8_lossy(&cmdline);
    assert!(
        cmdline.contains("pkcs11:object=k") && !cmdline.contains(USER_PIN),
        "{cmdline}"
    );
    drop(guard);

    // A wrong PIN: exit 5 at start-up, one C_Login, no socket left behind.
    let shim = env.shim();
    let logins = env.dir.path().join("logins");
    let sock = env.dir.path().join("wrong.sock");
    let out = env
        .process()
        .env("HSMCTL_MODULE", &shim)
        .env("SHIM_LOGIN_COUNT", &logins)
        .env("HSMCTL_PIN", "99999999")
        .args(["agent", "--label", "k", "-a", sock.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", texts(&out).1);
    assert!(!texts(&out).1.contains("99999999"));
    assert!(texts(&out).1.contains("HSMCTL_PIN"), "{}", texts(&out).1);
    assert_eq!(std::fs::read_to_string(&logins).unwrap().lines().count(), 1);
    assert!(!sock.exists());

    // Foreground: the log never shows the PIN.
    let auth = authorized(&env, &line_of(&env, "k"));
    let sshd = Sshd::start(
        env.dir.path(),
        &format!("AuthorizedKeysFile {}", auth.display()),
    );
    let agent = Agent::start(&env, &["--label", "k", "--json"]);
    assert!(agent.login(&sshd).0);
    let log = agent.log();
    assert!(!log.contains(USER_PIN));
    for line in log.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON log line");
        assert!(v["event"].is_string(), "{line}");
    }
    assert!(log.contains("\"event\":\"signed\""), "{log}");
}

/// Kills a background agent a test started, whatever happens.
struct KillOnDrop(i32);
impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.0.to_string()).status();
    }
}

#[test]
fn other_users_are_refused_and_unsupported_or_hostile_requests_get_failures() {
    let env = TestEnv::new();
    env.init_token("ssh");
    keygen(&env, "ec:p256", "k");
    let mut agent = Agent::start(&env, &["--label", "k"]);
    // Even when the socket is opened up by mistake, another uid is refused by the agent.
    std::fs::set_permissions(&agent.sock, std::fs::Permissions::from_mode(0o666)).unwrap();
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = Command::new("runuser")
        .args(["-u", "nobody", "--", "env"])
        .arg(format!("SSH_AUTH_SOCK={}", agent.sock()))
        .args(["ssh-add", "-L"])
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "nobody listed the keys: {}",
        texts(&out).0
    );
    assert!(agent.log().contains("another user"), "{}", agent.log());
    // Adding and removing keys: the protocol's failure, and the agent goes on.
    let key = env.dir.path().join("soft");
    assert!(
        Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(&key)
            .status()
            .unwrap()
            .success()
    );
    let out = agent.ssh_add(&[key.to_str().unwrap()], &[]);
    assert!(!out.status.success());
    assert!(!agent.ssh_add(&["-D"], &[]).status.success());
    // Hostile frames: garbage gets a failure reply; a huge length closes the connection.
    let mut s = UnixStream::connect(&agent.sock).unwrap();
    s.write_all(&[0, 0, 0, 5, 99, 1, 2, 3, 4]).unwrap();
    let mut reply = [0u8; 5];
    s.read_exact(&mut reply).unwrap();
    assert_eq!(reply, [0, 0, 0, 1, 5], "SSH_AGENT_FAILURE");
    let mut s = UnixStream::connect(&agent.sock).unwrap();
    s.write_all(&[0xff, 0xff, 0xff, 0xff, 13]).unwrap();
    let mut rest = Vec::new();
    let _ = s.read_to_end(&mut rest);
    assert!(rest.is_empty());
    // A sign request for a key it does not offer.
    let mut s = UnixStream::connect(&agent.sock).unwrap();
    s.write_all(&[0, 0, 0, 13, 13, 0, 0, 0, 3, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0])
        .unwrap();
    s.read_exact(&mut reply).unwrap();
    assert_eq!(reply, [0, 0, 0, 1, 5]);
    assert!(agent.alive());
    let listed = String::from_utf8(agent.ssh_add(&["-L"], &[]).stdout).unwrap();
    assert_eq!(listed, line_of(&env, "k"));
}

#[test]
fn confirm_asks_askpass_before_each_signature() {
    let (env, sshd) = one_key_and_sshd("");
    let script = |name: &str, code: i32| {
        let p = env.dir.path().join(name);
        std::fs::write(
            &p,
            format!(
                "#!/bin/sh\necho \"$SSH_ASKPASS_PROMPT $1\" >> {0}.asked\nexit {code}\n",
                p.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o700)).unwrap();
        p
    };
    let yes = script("yes.sh", 0);
    let no = script("no.sh", 1);
    let agent = Agent::start_with(
        &env,
        &common::module_under_test(),
        &[("SSH_ASKPASS", yes.to_str().unwrap())],
        &["--label", "k", "--confirm"],
    );
    assert!(agent.login(&sshd).0, "{}", agent.log());
    let asked = std::fs::read_to_string(env.dir.path().join("yes.sh.asked")).unwrap();
    assert!(asked.starts_with("confirm Allow use of key k?"), "{asked}");
    drop(agent);
    let agent = Agent::start_with(
        &env,
        &common::module_under_test(),
        &[("SSH_ASKPASS", no.to_str().unwrap())],
        &["--label", "k", "--confirm"],
    );
    assert!(!agent.login(&sshd).0);
    assert!(agent.log().contains("not confirmed"), "{}", agent.log());
    drop(agent);
    let agent = Agent::start_with(
        &env,
        &common::module_under_test(),
        &[("SSH_ASKPASS", "")],
        &["--label", "k", "--confirm"],
    );
    assert!(!agent.login(&sshd).0);
}

#[test]
fn a_key_that_always_authenticates_gets_its_context_login() {
    let env = TestEnv::new();
    env.init_token("ssh");
    env.pkcs11_tool(&[
        "--login",
        "--pin",
        USER_PIN,
        "--keypairgen",
        "--key-type",
        "EC:prime256v1",
        "--label",
        "aa",
        "--id",
        "0a",
        "--always-auth",
    ]);
    let shown = env.run_ok(&["show", "--label", "aa", "--class", "private"]);
    assert!(
        shown
            .lines()
            .any(|l| l.contains("CKA_ALWAYS_AUTHENTICATE") && l.contains("true")),
        "{shown}"
    );
    let auth = authorized(&env, &line_of(&env, "aa"));
    let sshd = Sshd::start(
        env.dir.path(),
        &format!("AuthorizedKeysFile {}", auth.display()),
    );
    let shim = env.shim();
    let logins = env.dir.path().join("logins");
    let agent = Agent::start_with(
        &env,
        shim.to_str().unwrap(),
        &[("SHIM_LOGIN_COUNT", logins.to_str().unwrap())],
        &["--label", "aa"],
    );
    let (ok, out) = agent.login(&sshd);
    assert!(ok, "{}\n{}", texts(&out).1, agent.log());
    // The start-up login, then the context-specific one before the signature.
    assert_eq!(std::fs::read_to_string(&logins).unwrap().lines().count(), 2);
}

#[test]
fn bad_starts_say_what_is_wrong() {
    let env = TestEnv::new();
    env.init_token("ssh");
    keygen(&env, "ec:p256", "k");
    let run = |args: &[&str]| {
        env.process()
            .env("HSMCTL_PIN", USER_PIN)
            .arg("agent")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(texts(&out).1.contains("--label, --id or --uri"));
    let out = run(&["--label", "missing"]);
    assert_eq!(out.status.code(), Some(6), "{}", texts(&out).1);
    let out = run(&["--label", "k", "--lifetime", "forever"]);
    assert_eq!(out.status.code(), Some(2));
    let taken = env.dir.path().join("taken");
    std::fs::write(&taken, "").unwrap();
    let out = run(&["--label", "k", "-a", taken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(7), "{}", texts(&out).1);
    let out = env
        .process()
        .env_remove("SSH_AGENT_PID")
        .args(["agent", "-k"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(texts(&out).1.contains("SSH_AGENT_PID"));
    // -k stops only an hsmctl agent, not whatever SSH_AGENT_PID names: another program whose
    // name says agent, nor an hsmctl whose subcommand is not `agent` (the word among its
    // arguments).
    for script in [
        "exec -a my-agent sleep 30",
        "exec -a hsmctl python3 -c 'import time; time.sleep(30)' --label agent",
    ] {
        let mut other = Command::new("bash").args(["-c", script]).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(200));
        let out = env
            .process()
            .env("SSH_AGENT_PID", other.id().to_string())
            .args(["agent", "-k"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(6), "{script}: {}", texts(&out).1);
        assert!(
            other.try_wait().unwrap().is_none(),
            "-k killed `{script}`, which is no agent"
        );
        let _ = other.kill();
        let _ = other.wait();
    }
    // Shell lines that cannot be printed (stdout closed): the background agent is stopped.
    let closed = env.dir.path().join("closed.sock");
    let out = env.bash(&format!(
        "HSMCTL_PIN={USER_PIN} $HSMCTL agent --label k -a {} >&-",
        closed.display()
    ));
    assert_eq!(out.status.code(), Some(9), "{}", texts(&out).1);
    std::thread::sleep(Duration::from_millis(300));
    assert!(!closed.exists(), "an agent was left listening");
    // A key without its private half, and a public key given as a certificate.
    keygen(&env, "ec:p256", "half");
    env.run_ok(&["delete", "--label", "half", "--class", "private", "--yes"]);
    let out = run(&["--label", "half"]);
    assert_eq!(out.status.code(), Some(6), "{}", texts(&out).1);
    assert!(texts(&out).1.contains("private key"), "{}", texts(&out).1);
    let public = env.dir.path().join("k.pub");
    std::fs::write(&public, line_of(&env, "k")).unwrap();
    let out = run(&["--label", "k", "--cert", public.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}", texts(&out).1);
    assert!(
        texts(&out).1.contains("is a public key"),
        "{}",
        texts(&out).1
    );
    // SIGTERM stops a foreground agent with 143, its socket removed.
    let mut agent = Agent::start(&env, &["--label", "k"]);
    Command::new("kill")
        .arg(agent.child.id().to_string())
        .status()
        .unwrap();
    let status = agent.child.wait().unwrap();
    assert_eq!(status.code(), Some(143));
    assert!(!agent.sock.exists());
    assert!(agent.log().contains("stopped"), "{}", agent.log());
    // --lifetime ends it.
    let out = env.bash(&format!(
        "export HSMCTL_PIN={USER_PIN}; eval \"$($HSMCTL agent --label k --lifetime 1)\" >/dev/null; \
         sleep 3; kill -0 $SSH_AGENT_PID 2>/dev/null && echo alive || echo gone; \
         test -e \"$SSH_AUTH_SOCK\" && echo sock || echo nosock"
    ));
    assert_eq!(texts(&out).0, "gone\nnosock\n", "{}", texts(&out).1);
}

#[test]
fn the_pin_is_asked_once_on_the_terminal_at_80_and_120_columns() {
    let env = TestEnv::new();
    env.init_token("ssh");
    keygen(&env, "ec:p256", "k");
    for columns in [80u16, 120] {
        let sock = env.dir.path().join(format!("tty{columns}.sock"));
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("hsmctl"));
        cmd.env("SOFTHSM2_CONF", &env.conf)
            .env("HSMCTL_HOME", &env.home)
            .env("HSMCTL_MODULE", common::module_under_test())
            .env_remove("HSMCTL_PIN")
            .env("TERM", "xterm")
            .args(["agent", "--label", "k", "-a", sock.to_str().unwrap()]);
        let mut s = common::pty::PtySession::spawn_with_columns(cmd, columns);
        s.expect_secret_prompt("PIN");
        s.send(&format!("{USER_PIN}\r"));
        s.expect("Agent pid");
        let (status, transcript) = s.finish();
        assert!(status.success(), "{transcript}");
        assert!(!transcript.contains(USER_PIN), "{transcript}");
        let pid: i32 = transcript
            .split("SSH_AGENT_PID=")
            .nth(1)
            .and_then(|t| t.split(';').next())
            .and_then(|p| p.parse().ok())
            .expect("SSH_AGENT_PID in the shell lines");
        let _guard = KillOnDrop(pid);
        for line in transcript.replace('\r', "").lines() {
            assert!(line.chars().count() <= usize::from(columns), "{line}");
        }
        let listed = Command::new("ssh-add")
            .arg("-L")
            .env("SSH_AUTH_SOCK", &sock)
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8(listed.stdout).unwrap(),
            line_of(&env, "k")
        );
    }
}

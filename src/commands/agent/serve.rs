//! The agent at work: connections on the socket (a thread each, sessions from the pool), the
//! protocol's requests answered with ssh-agent-lib's messages, signatures made in the token.

use super::keys::Offered;
use crate::formats::agent_proto::{RSA_SHA2_256, RSA_SHA2_512, Request, Response};
use crate::formats::pubkey::PublicKeyMaterial;
use crate::formats::ssh_cert::{signature_algorithm, signature_blob_as};
use crate::hsm::{Recovery, SessionPool, SignScheme};
use crate::output::event_log::EventLog;
use serde_json::Value;
use sha2::Digest;
use std::io::{Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use subtle::ConstantTimeEq;

/// The longest message read, as OpenSSH's agent (AGENT_MAX_LEN): longer ones end the
/// connection.
const MAX_MESSAGE: usize = 256 * 1024;
/// Connections served at once; more are closed at once (each holds a thread).
const MAX_CONNECTIONS: usize = 128;
/// A connection that sends nothing for this long is closed: idle clients must not hold every
/// slot. (ssh asks within milliseconds and hangs up after authenticating.)
const IDLE: Duration = Duration::from_secs(60);
/// How long a --confirm dialog may stay unanswered before the signature is refused.
const ASKPASS_WAIT: Duration = Duration::from_secs(60);

/// A lock passphrase, kept as a salted digest.
struct Locked {
    salt: [u8; 16],
    digest: [u8; 32],
}

impl Locked {
    fn digest(salt: &[u8; 16], passphrase: &str) -> [u8; 32] {
        let mut h = sha2::Sha256::new();
        h.update(salt);
        h.update(passphrase.as_bytes());
        h.finalize().into()
    }
}

/// The running agent's state, shared by the connection threads.
pub struct Agent<'a> {
    pool: SessionPool<'a>,
    keys: Vec<Offered>,
    confirm: bool,
    log: EventLog,
    locked: Mutex<Option<Locked>>,
    // One confirmation dialog at a time.
    asking: Mutex<()>,
    uid: u32,
    connections: AtomicUsize,
    // When "too many connections" was last logged (seconds since the epoch): once a second
    // at most, so a flood of connections does not flood the log.
    last_refusal: std::sync::atomic::AtomicU64,
}

impl<'a> Agent<'a> {
    /// An agent offering `keys`, signing on sessions from `pool`.
    pub fn new(pool: SessionPool<'a>, keys: Vec<Offered>, confirm: bool, log: EventLog) -> Self {
        Agent {
            pool,
            keys,
            confirm,
            log,
            locked: Mutex::new(None),
            asking: Mutex::new(()),
            uid: crate::sys::euid(),
            connections: AtomicUsize::new(0),
            last_refusal: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// The event log.
    pub fn log(&self) -> &EventLog {
        &self.log
    }

    /// How many key pairs are offered.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// How many certificates are offered with them.
    pub fn cert_count(&self) -> usize {
        self.keys.iter().map(|k| k.certs.len()).sum()
    }

    fn is_locked(&self) -> bool {
        self.locked
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some()
    }

    /// The answer to one request.
    fn answer(&self, request: Request, pid: Option<i32>) -> Response {
        match request {
            Request::Identities => Response::Identities(self.identities()),
            Request::Sign { key, data, flags } => self.sign(&key, &data, flags, pid),
            Request::Lock(pass) => self.lock(&pass, pid),
            Request::Unlock(pass) => self.unlock(&pass, pid),
            Request::Other(number) => {
                // Keys come from the token only: adding, removing and smartcard requests get
                // the protocol's failure reply. Extensions (27: session-bind@openssh.com,
                // which ssh sends first) are not worth a log line.
                let name = match number {
                    17 | 25 => "add-identity",
                    18 => "remove-identity",
                    19 => "remove-all-identities",
                    20 | 26 => "add-smartcard-key",
                    21 => "remove-smartcard-key",
                    27 => "extension",
                    _ => "unknown",
                };
                if name != "extension" {
                    self.log.event(
                        "refused",
                        &[
                            ("request", name.into()),
                            ("message", number.into()),
                            ("client_pid", pid_value(pid)),
                        ],
                    );
                }
                Response::Failure
            }
        }
    }

    /// Each key, then its certificates; nothing while locked (as ssh-agent).
    fn identities(&self) -> Vec<(Vec<u8>, String)> {
        if self.is_locked() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for k in &self.keys {
            out.push((k.key_blob.clone(), k.label.clone()));
            for c in &k.certs {
                out.push((c.clone(), k.label.clone()));
            }
        }
        out
    }

    fn refuse(&self, key: Option<&Offered>, pid: Option<i32>, reason: &str) -> Response {
        let mut fields = vec![
            ("reason", Value::from(reason)),
            ("client_pid", pid_value(pid)),
        ];
        if let Some(k) = key {
            fields.extend(key_fields(k));
        }
        self.log.event("refused", &fields);
        Response::Failure
    }

    fn sign(&self, blob: &[u8], data: &[u8], flags: u32, pid: Option<i32>) -> Response {
        if self.is_locked() {
            return self.refuse(None, pid, "the agent is locked");
        }
        let Some(key) = self
            .keys
            .iter()
            .find(|k| k.key_blob == blob || k.certs.iter().any(|c| c == blob))
        else {
            return self.refuse(None, pid, "the key is not offered by this agent");
        };
        let (scheme, algorithm) = match &key.material {
            PublicKeyMaterial::Rsa { .. } if flags & RSA_SHA2_512 != 0 => {
                (SignScheme::RsaSha512, "rsa-sha2-512")
            }
            PublicKeyMaterial::Rsa { .. } if flags & RSA_SHA2_256 != 0 => {
                (SignScheme::RsaSha256, "rsa-sha2-256")
            }
            PublicKeyMaterial::Rsa { .. } => {
                return self.refuse(
                    Some(key),
                    pid,
                    "ssh-rsa (SHA-1) signatures are not made; the client must ask for \
                     rsa-sha2-256 or rsa-sha2-512",
                );
            }
            m => (SignScheme::for_key(m), signature_algorithm(m)),
        };
        if self.confirm
            && let Err(why) = self.confirmed(key)
        {
            return self.refuse(Some(key), pid, &why);
        }
        let context_pin = key.always_authenticate.then(|| self.pool.pin());
        let raw = self.pool.with_session(|s, again| {
            let h = key.handle(s, again)?;
            s.sign_for_ssh_auth(h, scheme, data, context_pin)
        });
        let raw = raw.map(|(sig, recovery)| {
            match recovery {
                Recovery::None => {}
                Recovery::Key => self
                    .log
                    .event("key_found_again", &[("key", key.label.clone().into())]),
                Recovery::Session => self.log.event(
                    "reopened",
                    &[(
                        "reason",
                        "the token lost the session; logged in again".into(),
                    )],
                ),
            }
            sig
        });
        let signature = raw.map_err(|e| e.to_string()).and_then(|raw| {
            signature_blob_as(&key.material, algorithm, &raw).map_err(|e| e.to_string())
        });
        match signature {
            Ok(sig) => {
                let mut fields = key_fields(key);
                fields.push(("algorithm", algorithm.into()));
                fields.push(("client_pid", pid_value(pid)));
                self.log.event("signed", &fields);
                Response::Signature(sig)
            }
            Err(e) => {
                let mut fields = key_fields(key);
                fields.push(("error", e.into()));
                fields.push(("client_pid", pid_value(pid)));
                self.log.event("sign_failed", &fields);
                Response::Failure
            }
        }
    }

    /// Asks through SSH_ASKPASS (exit 0 is yes); anything else is a no, with the reason.
    fn confirmed(&self, key: &Offered) -> Result<(), String> {
        if let Some(problem) = askpass_problem() {
            return Err(problem);
        }
        let program = std::env::var_os("SSH_ASKPASS").unwrap_or_default();
        let _one_at_a_time = self.asking.lock().unwrap_or_else(|p| p.into_inner());
        let prompt = format!(
            "Allow use of key {}?\nKey fingerprint {}.",
            crate::formats::text::terminal_safe(&key.label),
            key.fingerprint
        );
        let mut child = std::process::Command::new(program)
            .arg(prompt)
            .env("SSH_ASKPASS_PROMPT", "confirm")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("SSH_ASKPASS did not start: {e}"))?;
        let deadline = std::time::Instant::now() + ASKPASS_WAIT;
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(_)) => return Err("not confirmed".into()),
                Ok(None) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!("not confirmed within {} s", ASKPASS_WAIT.as_secs()));
                }
            }
        }
    }

    fn lock(&self, passphrase: &str, pid: Option<i32>) -> Response {
        let mut state = self.locked.lock().unwrap_or_else(|p| p.into_inner());
        if state.is_some() {
            return Response::Failure;
        }
        let mut salt = [0u8; 16];
        if getrandom::getrandom(&mut salt).is_err() {
            return Response::Failure;
        }
        let digest = Locked::digest(&salt, passphrase);
        *state = Some(Locked { salt, digest });
        self.log.event("locked", &[("client_pid", pid_value(pid))]);
        Response::Success
    }

    fn unlock(&self, passphrase: &str, pid: Option<i32>) -> Response {
        let mut state = self.locked.lock().unwrap_or_else(|p| p.into_inner());
        let Some(l) = state.as_ref() else {
            return Response::Failure;
        };
        if bool::from(Locked::digest(&l.salt, passphrase).ct_eq(&l.digest)) {
            *state = None;
            self.log
                .event("unlocked", &[("client_pid", pid_value(pid))]);
            return Response::Success;
        }
        drop(state);
        self.log.event(
            "refused",
            &[
                ("reason", "wrong unlock passphrase".into()),
                ("client_pid", pid_value(pid)),
            ],
        );
        // Guessing costs a second a try, as in ssh-agent.
        std::thread::sleep(Duration::from_secs(1));
        Response::Failure
    }
}

/// Why --confirm cannot ask (no SSH_ASKPASS, or not a program), if it cannot.
pub fn askpass_problem() -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    match std::env::var_os("SSH_ASKPASS").filter(|p| !p.is_empty()) {
        None => Some("--confirm without SSH_ASKPASS: every signature is refused".into()),
        Some(p) => {
            let runnable = std::fs::metadata(&p)
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0);
            (!runnable).then(|| {
                format!(
                    "SSH_ASKPASS={} is not an executable program: every signature is refused",
                    std::path::Path::new(&p).display()
                )
            })
        }
    }
}

fn key_fields(k: &Offered) -> Vec<(&'static str, Value)> {
    vec![
        ("key", Value::from(k.label.clone())),
        ("id", Value::from(hex::encode(&k.id))),
        ("fingerprint", Value::from(k.fingerprint.clone())),
    ]
}

fn pid_value(pid: Option<i32>) -> Value {
    pid.map_or(Value::Null, Value::from)
}

/// Serves connections until the process ends (a signal or --lifetime ends it).
pub fn serve(agent: &Agent, listener: UnixListener) {
    std::thread::scope(|scope| {
        for conn in listener.incoming() {
            let stream = match conn {
                Ok(s) => s,
                Err(e) => {
                    agent
                        .log
                        .event("accept_failed", &[("error", e.to_string().into())]);
                    // Out of descriptors, say: give the others time to finish.
                    std::thread::sleep(Duration::from_millis(100));
                    continue;
                }
            };
            if agent.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                agent.connections.fetch_sub(1, Ordering::SeqCst);
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                if agent.last_refusal.swap(now, Ordering::Relaxed) != now {
                    agent.log.event(
                        "refused",
                        &[(
                            "reason",
                            format!("more than {MAX_CONNECTIONS} connections at once").into(),
                        )],
                    );
                }
                continue;
            }
            scope.spawn(move || {
                connection(agent, stream);
                agent.connections.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
}

/// One client: its uid checked, then request after request until it hangs up.
fn connection(agent: &Agent, mut stream: UnixStream) {
    let (uid, pid) = match crate::sys::peer_cred(&stream) {
        Some((uid, pid)) => (Some(uid), Some(pid)),
        None => (None, None),
    };
    // As ssh-agent: the agent's own user, or root.
    if !matches!(uid, Some(u) if u == agent.uid || u == 0) {
        agent.log.event(
            "refused",
            &[
                ("reason", "connection from another user".into()),
                ("uid", uid.map_or(Value::Null, Value::from)),
                ("client_pid", pid_value(pid)),
            ],
        );
        return;
    }
    let _ = stream.set_read_timeout(Some(IDLE));
    let mut body = Vec::new();
    loop {
        let mut len = [0u8; 4];
        if stream.read_exact(&mut len).is_err() {
            return;
        }
        let len = u32::from_be_bytes(len) as usize;
        if len == 0 || len > MAX_MESSAGE {
            agent.log.event(
                "refused",
                &[
                    ("reason", format!("a {len}-byte message").into()),
                    ("client_pid", pid_value(pid)),
                ],
            );
            return;
        }
        body.resize(len, 0);
        if stream.read_exact(&mut body).is_err() {
            return;
        }
        let response = match Request::parse(&body) {
            Ok(request) => agent.answer(request, pid),
            Err(_) => Response::Failure,
        };
        match response.to_message() {
            Ok(out) if stream.write_all(&out).is_ok() => {}
            _ => return,
        }
    }
}

//! `hsmctl verify`: the slots the module shows (as `vtl verify` lists them) and a health check
//! of the client directory; with `--connect`, a mutual-TLS handshake with every server.

use super::Ctx;
use crate::cli::client::VerifyArgs;
use crate::exit::{Exit, fail};
use crate::formats::cert::{CertSummary, parse_certificates, parse_one_certificate};
use crate::formats::client_identity;
use crate::formats::host::parse_host;
use crate::formats::sha256_hex;
use crate::output::{Report, rfc3339};
use crate::store::client_dir::read_regular;
use anyhow::Result;
use serde::Serialize;
use std::time::Duration;
use zeroize::Zeroizing;

/// One slot, as `vtl verify` shows it.
#[derive(Serialize)]
pub struct SlotRow {
    /// Slot id.
    pub slot: u64,
    /// Token serial.
    pub serial: String,
    /// Token label.
    pub label: String,
}

/// One finding.
#[derive(Serialize)]
pub struct Check {
    /// What was checked ("server NAME", "CAFile.pem", "client NAME").
    pub subject: String,
    /// "ok", "warning" or "error".
    pub status: &'static str,
    /// What was found.
    pub detail: String,
}

/// The result of verify.
#[derive(Serialize)]
pub struct VerifyReport {
    /// The slots with a token (absent with --no-slots).
    pub slots: Option<Vec<SlotRow>>,
    /// The checks, in order.
    pub checks: Vec<Check>,
    /// How many checks are errors.
    pub errors: usize,
}

impl Report for VerifyReport {
    fn human(&self) -> String {
        let mut s = String::new();
        if let Some(slots) = &self.slots {
            s.push_str("The following Luna SA Slots/Partitions were found:\n\n");
            s.push_str("Slot    Serial #        Label\n====    ========        =====\n");
            for r in slots {
                s.push_str(&format!("{:>4}    {:<15} {}\n", r.slot, r.serial, r.label));
            }
            s.push('\n');
        }
        for c in &self.checks {
            s.push_str(&format!("{:<8} {}: {}\n", c.status, c.subject, c.detail));
        }
        s
    }
}

impl VerifyReport {
    /// Exit 1 when a check failed (after the report is printed).
    pub fn outcome(&self) -> Result<()> {
        if self.errors == 0 {
            Ok(())
        } else {
            Err(fail(
                Exit::Failed,
                format!("{} check(s) failed", self.errors),
            ))
        }
    }
}

struct Checks(Vec<Check>);

impl Checks {
    fn add(&mut self, subject: &str, status: &'static str, detail: impl Into<String>) {
        self.0.push(Check {
            subject: subject.to_string(),
            status,
            detail: detail.into(),
        });
    }

    fn expiry(&mut self, subject: &str, s: &CertSummary) {
        let left = s.not_after - time::OffsetDateTime::now_utc();
        if left <= time::Duration::ZERO {
            self.add(
                subject,
                "error",
                format!("the certificate expired on {}", rfc3339(s.not_after)),
            );
        } else if left < time::Duration::days(crate::ops::servers::EXPIRY_WARNING_DAYS) {
            self.add(
                subject,
                "warning",
                format!("the certificate expires in {} days", left.whole_days()),
            );
        }
    }
}

/// `verify`.
pub fn run(ctx: &Ctx, a: &VerifyArgs) -> Result<VerifyReport> {
    let slots = if a.no_slots {
        None
    } else {
        let hsm = ctx.hsm(None)?;
        Some(
            hsm.slots()?
                .into_iter()
                .filter_map(|s| {
                    s.token.map(|t| SlotRow {
                        slot: s.slot_id,
                        serial: t.serial,
                        label: t.label,
                    })
                })
                .collect(),
        )
    };
    let dir = ctx.client_dir()?;
    let cfg = dir.config()?;
    let mut c = Checks(Vec::new());
    let bundle = dir.read_bundle()?;
    for p in &bundle.problems {
        c.add("CAFile.pem", "error", p.clone());
    }
    let in_bundle: Vec<String> = bundle.certs.iter().map(|d| sha256_hex(d)).collect();
    let mut known: Vec<String> = Vec::new();
    for s in &cfg.server {
        let subject = format!("server {}", s.name);
        known.push(s.fingerprint.clone());
        known.extend(s.chain.iter().cloned());
        let file = dir.server_cert(&s.name);
        let certs = match read_regular(&file) {
            Ok(Some(b)) => parse_certificates(&b).map_err(|e| format!("{}: {e}", file.display())),
            Ok(None) => Err(format!("{} is missing", file.display())),
            Err(e) => Err(e.to_string()),
        };
        let certs = match certs {
            Ok(c) => c,
            Err(e) => {
                c.add(&subject, "error", e);
                continue;
            }
        };
        if sha256_hex(&certs[0]) != s.fingerprint {
            c.add(
                &subject,
                "error",
                format!("{} is not the registered certificate", file.display()),
            );
            continue;
        }
        let missing = std::iter::once(&s.fingerprint)
            .chain(&s.chain)
            .filter(|f| !in_bundle.contains(f))
            .count();
        if missing > 0 {
            c.add(
                &subject,
                "error",
                "its certificate is missing from CAFile.pem (Luna ignores such a server)",
            );
            continue;
        }
        let summary = CertSummary::of(&certs[0]).map_err(|e| fail(Exit::BadInput, e))?;
        c.expiry(&subject, &summary);
        if s.htl && super::htl::token_of(&dir, s).is_none() {
            c.add(
                &subject,
                "warning",
                "HTL is required and no one-time token is installed (hsmctl htl install)",
            );
        }
        c.add(
            &subject,
            "ok",
            format!(
                "port {}, certificate in its file and in CAFile.pem, valid until {}",
                s.port,
                rfc3339(summary.not_after)
            ),
        );
    }
    for (der, f) in bundle.certs.iter().zip(&in_bundle) {
        if !known.contains(f) {
            let subject = CertSummary::of(der).map(|s| s.subject).unwrap_or_default();
            c.add(
                "CAFile.pem",
                "warning",
                format!("holds a certificate of no registered server ({subject})"),
            );
        }
    }
    // The client identity.
    let client = cfg.client.clone();
    let mut identity: Option<(Vec<u8>, Zeroizing<Vec<u8>>)> = None;
    match &client {
        None => c.add(
            "client",
            "warning",
            "no client identity (hsmctl createcert -n HOSTNAME)",
        ),
        Some(name) => {
            let subject = format!("client {name}");
            let key = read_regular(&dir.client_key(name))
                .ok()
                .flatten()
                .map(Zeroizing::new);
            let cert = read_regular(&dir.client_cert(name))
                .ok()
                .flatten()
                .and_then(|b| parse_one_certificate(&b).ok());
            match (key, cert) {
                (None, _) => c.add(
                    &subject,
                    "error",
                    format!("{} is missing", dir.client_key(name).display()),
                ),
                (_, None) => c.add(
                    &subject,
                    "error",
                    format!(
                        "{} is missing or not a certificate",
                        dir.client_cert(name).display()
                    ),
                ),
                (Some(k), Some(cert)) => match client_identity::read_key(&k) {
                    Err(e) => c.add(&subject, "error", e),
                    Ok(kp) => {
                        if !client_identity::certifies(&cert, &kp) {
                            c.add(&subject, "error", "the key does not match the certificate");
                        } else {
                            let summary =
                                CertSummary::of(&cert).map_err(|e| fail(Exit::BadInput, e))?;
                            c.expiry(&subject, &summary);
                            c.add(&subject, "ok", "key and certificate match");
                            identity = Some((cert, Zeroizing::new(kp.serialize_der())));
                        }
                    }
                },
            }
        }
    }
    if a.connect {
        let timeout = Duration::from_secs(a.connect_timeout.max(1));
        for s in &cfg.server {
            let subject = format!("server {} (TLS)", s.name);
            let Some((cert, key)) = &identity else {
                c.add(
                    &subject,
                    "error",
                    "no usable client identity to connect with",
                );
                continue;
            };
            let host = parse_host(&s.name).map_err(|e| fail(Exit::BadInput, e))?;
            match crate::tls::check_server(&host, s.port, &bundle.certs, cert, key, timeout) {
                Ok(what) => c.add(
                    &subject,
                    "ok",
                    format!("mutual TLS handshake on port {} ({what})", s.port),
                ),
                Err(e) => c.add(&subject, "error", format!("port {}: {e}", s.port)),
            }
        }
    }
    let errors = c.0.iter().filter(|x| x.status == "error").count();
    Ok(VerifyReport {
        slots,
        checks: c.0,
        errors,
    })
}

//! `hsmctl sign-ssh-cert`: OpenSSH certificates signed by a CA key on the token. Everything is
//! checked before anything is signed; many keys are signed by parallel sessions sharing one
//! login, then written together and synced once.

use super::Ctx;
use super::object_select::{object_filter, parse_id, signing_pair, usable};
use super::token_select::Login;
use crate::cli::SignSshCertArgs;
use crate::cli::args::{ObjectArgs, TokenArgs};
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::pkcs11_uri::Pkcs11Uri;
use crate::formats::pubkey::{PublicKeyMaterial, parse_public_key};
use crate::formats::ssh_cert::{self, CertFields, CertOptions, FOREVER};
use crate::hsm::{HsmSession, ObjectFilter, SignScheme, Want};
use crate::output::Report;
use crate::store::atomic::Batch;
use crate::store::input::read_input;
use anyhow::Result;
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// One certificate in the audit summary.
#[derive(Serialize, Clone)]
pub struct SignedCert {
    /// Serial number.
    pub serial: u64,
    /// The key id (-I).
    pub key_id: String,
    /// "user" or "host".
    pub cert_type: &'static str,
    /// Principals.
    pub principals: Vec<String>,
    /// Valid after, Unix seconds (0: always).
    pub valid_after: u64,
    /// Valid before, Unix seconds (18446744073709551615: forever).
    pub valid_before: u64,
    /// The certified key's SHA256 fingerprint.
    pub key_fingerprint: String,
    /// The certified key's type.
    pub key_type: String,
    /// The input file.
    pub input: String,
    /// The certificate file written.
    pub output: String,
}

/// The audit summary of a run.
#[derive(Serialize)]
pub struct SignReport {
    /// The CA key's SHA256 fingerprint.
    pub ca_fingerprint: String,
    /// The CA key's URI.
    pub ca_uri: String,
    /// The signature algorithm.
    pub signature_algorithm: &'static str,
    /// Every certificate, in input order.
    pub certificates: Vec<SignedCert>,
    /// What the run noticed and went on from (inputs given twice).
    pub warnings: Vec<String>,
    /// Inputs given more than once, signed once.
    pub skipped: usize,
    /// Wall time of the run, for the summary line.
    #[serde(skip)]
    pub elapsed: std::time::Duration,
    /// The certificate went to stdout (`-o -`): stdout carries it alone, so the human lines
    /// are left out.
    #[serde(skip)]
    pub to_stdout: bool,
}

/// A validity bound for people: always, forever, or an ISO 8601 UTC time.
fn when(t: u64) -> String {
    match t {
        0 => "always".into(),
        FOREVER => "forever".into(),
        t => {
            let Some((y, mo, d, h, mi, s)) = crate::sys::utc_calendar(t) else {
                return format!("@{t}");
            };
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
        }
    }
}

impl Report for SignReport {
    fn warnings(&self) -> &[String] {
        &self.warnings
    }

    fn warnings_mut(&mut self) -> Option<&mut Vec<String>> {
        Some(&mut self.warnings)
    }

    fn summary(&self) -> Option<String> {
        let mut dirs: Vec<&str> = self
            .certificates
            .iter()
            .map(|c| {
                Path::new(&c.output)
                    .parent()
                    .and_then(Path::to_str)
                    .filter(|d| !d.is_empty())
                    .unwrap_or(".")
            })
            .collect();
        dirs.sort_unstable();
        dirs.dedup();
        let place = match dirs.as_slice() {
            [one] => one.to_string(),
            many => format!("{} directories", many.len()),
        };
        Some(format!(
            "signed {}, skipped {}, {:.2} s, written to {place}",
            self.certificates.len(),
            self.skipped,
            self.elapsed.as_secs_f64()
        ))
    }

    fn human(&self) -> String {
        if self.to_stdout {
            return String::new();
        }
        self.certificates
            .iter()
            .map(|c| {
                format!(
                    "Signed {} key {}: id \"{}\" serial {} for {} valid from {} to {}\n",
                    c.cert_type,
                    c.output,
                    c.key_id,
                    c.serial,
                    if c.principals.is_empty() {
                        "any principal".to_string()
                    } else {
                        c.principals.join(",")
                    },
                    when(c.valid_after),
                    when(c.valid_before)
                )
            })
            .collect()
    }
}

/// Local or UTC calendar time to Unix seconds, as ssh-keygen reads -V dates.
fn to_unix(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, utc: bool) -> Option<u64> {
    crate::sys::calendar_to_unix((y, mo, d, h, mi, s), utc)
}

/// Expands KEY arguments: files, directories (*.pub but not -cert.pub), `-` (paths on stdin).
fn expand_inputs(keys: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for k in keys {
        if k.as_os_str() == "-" {
            let list = read_input(k, "key list")?;
            let text = String::from_utf8(list)
                .map_err(|_| fail(Exit::BadInput, "the key list on stdin is not UTF-8"))?;
            out.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(PathBuf::from),
            );
        } else if k.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(k)
                .map_err(|e| fail(Exit::Io, format!("cannot list {}: {e}", k.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let n = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                    n.ends_with(".pub") && !n.ends_with("-cert.pub") && p.is_file()
                })
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(k.clone());
        }
    }
    if out.is_empty() {
        return Err(fail(Exit::Usage, "no public keys to sign"));
    }
    Ok(out)
}

/// ssh-keygen's naming: dir/name.pub -> dir/name-cert.pub.
fn cert_path(input: &Path) -> PathBuf {
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".pub").unwrap_or(&name);
    input.with_file_name(format!("{stem}-cert.pub"))
}

/// The CA: its public key, URI and the handle of the private key that signs.
fn find_ca(
    session: &HsmSession,
    args: &SignSshCertArgs,
    uri: Option<&Pkcs11Uri>,
    token: &crate::hsm::TokenEntry,
) -> Result<(PublicKeyMaterial, String, u64)> {
    let (want, filter) = if let Some(path) = &args.ca_pubkey {
        let bytes = read_input(path, "CA public key")?;
        let (k, _, _) = parse_public_key(&bytes)
            .map_err(|e| fail(Exit::BadInput, format!("{}: {e}", path.display())))?;
        (Some(k), ObjectFilter::default())
    } else {
        let object = ObjectArgs {
            label: args.ca_label.clone(),
            id: args.ca_id.clone(),
            class: None,
            handle: None,
        };
        let f = object_filter(&object, uri)?;
        if f.is_empty() {
            return Err(fail(
                Exit::Usage,
                "the CA URI names no key (give object= or id=)",
            ));
        }
        (None, f)
    };
    let (ca, handle) = match want {
        None => signing_pair(session, &filter, token)?,
        Some(w) => {
            let ca = session
                .public_keys(&ObjectFilter::default(), token)?
                .into_iter()
                .find(|k| k.material.as_ref().ok() == Some(&w))
                .ok_or_else(|| {
                    fail_hint(
                        Exit::NotFound,
                        format!(
                            "no public key on token '{}' matches the CA public key {}",
                            token.label,
                            args.ca_pubkey.as_deref().unwrap_or(Path::new("")).display()
                        ),
                        "`hsmctl export-ssh-pubkey` lists the token's keys",
                    )
                })?;
            let handle = session.signing_key(&ca.id_bytes)?;
            (ca, handle)
        }
    };
    let material = usable(&ca)?;
    Ok((material, ca.uri, handle))
}

/// Validates everything, signs in parallel, writes all certificates, syncs once.
pub fn run(ctx: &Ctx, args: &SignSshCertArgs) -> Result<SignReport> {
    // Policy and arguments first: nothing is read from the token for a refused request.
    let principals: Vec<String> = args
        .principals
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    if principals.is_empty() && !args.allow_any_principal {
        return Err(fail_hint(
            Exit::Usage,
            "a certificate without principals is valid for every user or host",
            "name them with -n, or pass --allow-any-principal",
        ));
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let (valid_after, valid_before) = match &args.validity {
        Some(v) => ssh_cert::parse_validity(v, now, &to_unix).map_err(|e| fail(Exit::Usage, e))?,
        None => (0, FOREVER),
    };
    if valid_before == FOREVER && !args.allow_forever {
        return Err(fail_hint(
            Exit::Usage,
            "the certificate would never expire",
            "give a validity with -V (as +52w), or pass --allow-forever",
        ));
    }
    if args.host && !args.options.is_empty() {
        return Err(fail(
            Exit::Usage,
            "certificate options (-O) apply to user certificates only",
        ));
    }
    let mut options = CertOptions::defaults(args.host);
    for o in &args.options {
        options.apply(o).map_err(|e| fail(Exit::Usage, e))?;
    }
    let started = std::time::Instant::now();
    let (inputs, warnings) = crate::store::input::dedup_paths(expand_inputs(&args.keys)?);
    if args.out.is_some() && inputs.len() > 1 {
        return Err(fail(
            Exit::Usage,
            "-o names one file; it takes exactly one input key",
        ));
    }
    // `-o -`, a FIFO or a device: written in place after signing, never staged and renamed.
    let dest = args
        .out
        .as_deref()
        .map(crate::store::atomic::destination)
        .transpose()?;
    let in_place = dest
        .as_ref()
        .is_some_and(|d| *d != crate::store::atomic::Destination::File);
    let to_stdout = dest == Some(crate::store::atomic::Destination::Stdout);
    let mut jobs = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        let bytes = read_input(input, "public key")?;
        let (key, _, comment) = parse_public_key(&bytes)
            .map_err(|e| fail(Exit::BadInput, format!("{}: {e}", input.display())))?;
        // What OpenSSH would refuse (an RSA size outside its range) is refused before signing.
        key.key_data()
            .map_err(|e| fail(Exit::BadInput, format!("{}: {e}", input.display())))?;
        let output = args.out.clone().unwrap_or_else(|| cert_path(input));
        if !args.force && !in_place && output.symlink_metadata().is_ok() {
            return Err(fail_hint(
                Exit::Conflict,
                format!("{} already exists", output.display()),
                "pass --force to replace it",
            ));
        }
        let fields = CertFields {
            key,
            nonce: Vec::new(),
            serial: args
                .cert_serial
                .checked_add(i as u64)
                .ok_or_else(|| fail(Exit::Usage, "serial numbers overflow"))?,
            host: args.host,
            key_id: args.key_id.clone(),
            principals: principals.clone(),
            valid_after,
            valid_before,
            options: options.clone(),
        };
        jobs.push((input.clone(), output, fields, comment.unwrap_or_default()));
    }

    // The token: --ca-uri may name it when --uri does not.
    let token_args;
    let (token_sel, ca_uri) = match &args.ca_uri {
        Some(text) => {
            let parsed: Pkcs11Uri = text
                .parse()
                .map_err(|e| fail(Exit::Usage, format!("invalid --ca-uri: {e}")))?;
            token_args = TokenArgs {
                uri: args.token.uri.clone().or_else(|| Some(text.clone())),
                ..args.token.clone()
            };
            (&token_args, Some(parsed))
        }
        None => (&args.token, None),
    };
    if let Some(id) = &args.ca_id {
        parse_id(id)?;
    }
    let sel = ctx.select(token_sel, Want::Initialized)?;
    let token = sel.initialized()?.clone();
    let session = sel.session(false, Login::Required, &args.pin)?;
    let (ca, ca_uri_str, ca_handle) = find_ca(&session, args, ca_uri.as_ref(), &token)?;
    let scheme = SignScheme::for_key(&ca);

    // One session per worker; they share the login made above.
    let workers = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, jobs.len());
    let mut sessions = vec![session];
    for _ in 1..workers {
        sessions.push(sel.hsm.session(sel.slot.slot_id, false)?);
    }
    let progress = if std::io::stderr().is_terminal() && jobs.len() > 1 {
        indicatif::ProgressBar::new(jobs.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    // All nonces in one getrandom call: a token round trip per certificate (C_GenerateRandom)
    // cost a third of the bulk throughput.
    let mut nonces = vec![0u8; 32 * jobs.len()];
    getrandom::getrandom(&mut nonces)
        .map_err(|e| fail(Exit::Failed, format!("no randomness for the nonces: {e}")))?;
    let next = AtomicUsize::new(0);
    let results: Vec<Vec<(usize, Result<String>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = sessions
            .into_iter()
            .map(|s| {
                let (jobs, next, ca, progress, nonces) = (&jobs, &next, &ca, &progress, &nonces);
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((_, _, fields, comment)) = jobs.get(i) else {
                            break;
                        };
                        let r = (|| -> Result<String> {
                            let mut f = fields.clone();
                            f.nonce = nonces[32 * i..32 * (i + 1)].to_vec();
                            let tbs = ssh_cert::to_be_signed(&f, ca)?;
                            let raw = s.sign_for_ssh(ca_handle, scheme, &tbs)?;
                            let sig = ssh_cert::signature_blob(ca, &raw)?;
                            Ok(ssh_cert::certificate_line(&f, &tbs, &sig, comment)?)
                        })();
                        let failed = r.is_err();
                        done.push((i, r));
                        progress.inc(1);
                        if failed {
                            // Stop taking work: the run fails and nothing will be written.
                            next.store(usize::MAX / 2, Ordering::Relaxed);
                            break;
                        }
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a signing thread panicked"))
            .collect()
    });
    progress.finish_and_clear();
    let mut lines: Vec<Option<String>> = vec![None; jobs.len()];
    for (i, r) in results.into_iter().flatten() {
        lines[i] = Some(r?);
    }
    let mut batch = Batch::new(args.force);
    let mut certificates = Vec::with_capacity(jobs.len());
    for ((input, output, fields, _), line) in jobs.iter().zip(lines) {
        let line =
            line.ok_or_else(|| fail(Exit::Failed, format!("{} was not signed", input.display())))?;
        if in_place {
            crate::store::atomic::write_output(output, line.as_bytes(), 0o644, args.force)?;
        } else {
            batch.stage(output, line.as_bytes(), 0o644)?;
        }
        certificates.push(SignedCert {
            serial: fields.serial,
            key_id: fields.key_id.clone(),
            cert_type: if fields.host { "host" } else { "user" },
            principals: fields.principals.clone(),
            valid_after: fields.valid_after,
            valid_before: fields.valid_before,
            key_fingerprint: fields.key.ssh_fingerprint()?,
            key_type: fields.key.describe(),
            input: input.display().to_string(),
            output: output.display().to_string(),
        });
    }
    batch.commit()?;
    Ok(SignReport {
        ca_fingerprint: ca.ssh_fingerprint()?,
        ca_uri: ca_uri_str,
        signature_algorithm: ssh_cert::signature_algorithm(&ca),
        certificates,
        skipped: warnings.len(),
        warnings,
        elapsed: started.elapsed(),
        to_stdout,
    })
}

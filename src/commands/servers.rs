//! `hsmctl addserver`, `deleteserver`, `listservers`: the server registry of the client
//! directory (Luna's `vtl addServer` ...), kept consistent across the server's file, the CA
//! bundle and `hsmctl.toml`, whatever runs at the same time or dies half-way.

use super::Ctx;
use crate::cli::client::{AddServerArgs, DeleteServerArgs, ListServersArgs};
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::cert::{CertSummary, parse_certificates, to_pem};
use crate::formats::host::{Host, as_typed, same_host};
use crate::formats::sha256_hex;
use crate::ops::servers::{EXPIRY_WARNING_DAYS, checked_host, chrystoki_path, sync_chrystoki};
use crate::output::{Report, rfc3339};
use crate::store::atomic::write_file;
use crate::store::chrystoki;
use crate::store::client_dir::{ClientDir, read_regular, remove_if_present};
use crate::store::config::{Config, ServerEntry};
use crate::store::input::read_input;
use anyhow::Result;
use serde::Serialize;

/// One registered server, as listed.
#[derive(Serialize)]
pub struct ServerInfo {
    /// The host name or IP address, as registered (typed).
    pub name: String,
    /// NTLS port.
    pub port: u16,
    /// HTL required.
    pub htl: bool,
    /// The certificate's subject (null when its file is missing or unreadable).
    pub subject: Option<String>,
    /// The certificate's expiry, RFC 3339.
    pub not_after: Option<String>,
    /// SHA-256 of the certificate, lowercase hex (as registered).
    pub fingerprint: String,
}

/// What addserver or deleteserver did.
#[derive(Serialize)]
pub struct ServerChange {
    /// "added", "replaced", "updated" (same certificate, new port or HTL setting),
    /// "unchanged", "removed".
    pub action: &'static str,
    /// The server.
    #[serde(flatten)]
    pub server: ServerInfo,
    /// The server's certificate file.
    pub cert_file: String,
    /// Certificates in CAFile.pem afterwards.
    pub bundle_certificates: usize,
    /// What the run noticed (a certificate naming another host, an expiry soon).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Report for ServerChange {
    fn warnings(&self) -> &[String] {
        &self.warnings
    }

    fn warnings_mut(&mut self) -> Option<&mut Vec<String>> {
        Some(&mut self.warnings)
    }

    fn human(&self) -> String {
        match self.action {
            "removed" => format!(
                "Server {} successfully removed from the server list.\n",
                self.server.name
            ),
            "unchanged" => format!(
                "Server {} was already registered with this certificate; nothing changed.\n",
                self.server.name
            ),
            "updated" => format!(
                "Server {} successfully updated in the server list.\n",
                self.server.name
            ),
            _ => format!(
                "New server {} successfully added to the server list.\n",
                self.server.name
            ),
        }
    }
}

/// The registry, listed.
#[derive(Serialize)]
pub struct ServerList {
    /// The registered servers.
    pub servers: Vec<ServerInfo>,
}

impl Report for ServerList {
    fn human(&self) -> String {
        if self.servers.is_empty() {
            return "There are no servers registered.\n".into();
        }
        // Luna's own lines, so that scripts reading `vtl listServers` read these too.
        self.servers
            .iter()
            .map(|s| {
                format!(
                    "Server: {}  HTL required: {}\n",
                    s.name,
                    if s.htl { "yes" } else { "no" }
                )
            })
            .collect()
    }
}

/// The policy for a server certificate (documented in the README): refused unless overridden
/// when it is outside its validity (--allow-expired) or a CA certificate that is not self-signed
/// (--allow-ca); one that names another host is registered with a warning (refused with
/// --strict-names): an appliance's certificate names it by the host name or address chosen when
/// it was made, and the link trusts the pinned certificate, not the name. Returns the warnings.
fn check_policy(
    leaf: &CertSummary,
    host: &Host,
    name: &str,
    a: &AddServerArgs,
) -> Result<Vec<String>> {
    let now = time::OffsetDateTime::now_utc();
    let mut warnings = Vec::new();
    let refuse = |what: String, flag: &str| {
        fail_hint(
            Exit::BadInput,
            format!("the certificate {what}; nothing was registered"),
            format!("check that this is the right certificate; {flag} accepts it anyway"),
        )
    };
    if leaf.not_after < now && !a.allow_expired {
        return Err(refuse(
            format!("expired on {}", rfc3339(leaf.not_after)),
            "--allow-expired",
        ));
    }
    if leaf.not_before > now && !a.allow_expired {
        return Err(refuse(
            format!("is not valid before {}", rfc3339(leaf.not_before)),
            "--allow-expired",
        ));
    }
    // openssl marks self-signed certificates CA:TRUE by default, so a self-signed server
    // certificate may be one; a CA that issued it is not the server's certificate.
    if leaf.is_ca && !leaf.self_issued && !a.allow_ca {
        return Err(refuse(
            format!(
                "is a CA certificate (CA:TRUE, issued by {}), not a server's",
                leaf.issuer
            ),
            "--allow-ca",
        ));
    }
    if !leaf.names_host(host) {
        let names = if leaf.names.is_empty() {
            "no host".to_string()
        } else {
            leaf.names.join(", ")
        };
        if a.strict_names {
            return Err(fail_hint(
                Exit::BadInput,
                format!(
                    "the certificate names {names} (CN and SANs), not {name}; nothing was \
                     registered (--strict-names)"
                ),
                "register the server under a name its certificate gives, or leave out \
                 --strict-names to register it with a warning",
            ));
        }
        warnings.push(format!(
            "the certificate names {names} (CN and SANs), not {name}; registered anyway: the \
             link trusts this certificate itself (CAFile.pem), not the name"
        ));
    }
    let left = leaf.not_after - now;
    if left > time::Duration::ZERO && left < time::Duration::days(EXPIRY_WARNING_DAYS) {
        warnings.push(format!(
            "the certificate of {name} expires in {} days ({})",
            left.whole_days(),
            rfc3339(leaf.not_after)
        ));
    }
    Ok(warnings)
}

/// The certificates to register: from the file, or from a TLS handshake after confirmation.
fn input_certificates(ctx: &Ctx, a: &AddServerArgs) -> Result<Vec<Vec<u8>>> {
    let certs = match (&a.cert, &a.fetch) {
        (Some(path), _) => {
            let bytes = read_input(path, "certificate file")?;
            parse_certificates(&bytes).map_err(|e| {
                fail_hint(
                    Exit::BadInput,
                    format!("{}: {e}", path.display()),
                    "give the server's certificate (PEM or DER), e.g. server.pem from the appliance",
                )
            })?
        }
        (None, Some(hp)) => {
            let (host, port) =
                crate::formats::host::parse_host_port(hp).map_err(|e| fail(Exit::BadInput, e))?;
            let chain = crate::tls::fetch_chain(&host, port, std::time::Duration::from_secs(10))?;
            let leaf = CertSummary::of(&chain[0]).map_err(|e| fail(Exit::BadInput, e))?;
            // Shown before the question, and with --yes too: what was fetched, for the record.
            crate::output::note(&format!(
                "The server at {hp} presented:\n  Subject: {}\n  Issuer:  {}\n  Valid until: {}\n  SHA-256 fingerprint: {}",
                leaf.subject,
                leaf.issuer,
                rfc3339(leaf.not_after),
                leaf.fingerprint()
            ));
            ctx.confirm(
                a.yes,
                "registering a fetched certificate",
                "Does this fingerprint match the one shown on the appliance?",
            )?;
            chain
        }
        (None, None) => unreachable!("clap requires --cert or --fetch"),
    };
    if certs.len() > 1 && !a.chain {
        return Err(fail_hint(
            Exit::BadInput,
            format!(
                "the input holds {} certificates; a server is registered with exactly one",
                certs.len()
            ),
            "give the server certificate alone, or pass --chain to register the chain",
        ));
    }
    Ok(certs)
}

/// Refuses to go on over a damaged bundle unless asked to repair it. A repair rebuilds the
/// bundle from every registered server's certificate file (those whose certificates still match
/// the registry's fingerprints), so that no registered server drops out of it.
fn sound_bundle(
    ctx: &Ctx,
    dir: &ClientDir,
    cfg: &Config,
    repair: bool,
) -> Result<crate::formats::bundle::Bundle> {
    let mut bundle = dir.read_bundle()?;
    if !bundle.problems.is_empty() {
        if !repair {
            return Err(fail_hint(
                Exit::BadInput,
                format!(
                    "{} is damaged: {}; nothing was changed",
                    dir.ca_file().display(),
                    bundle.problems.join("; ")
                ),
                "add --repair to this addserver: CAFile.pem is rebuilt from its intact \
                 certificates and every registered server's certificate file",
            ));
        }
        for p in &bundle.problems {
            ctx.warn(format!("dropping from CAFile.pem: {p}"));
        }
        for server in &cfg.server {
            let registered: Vec<&String> = std::iter::once(&server.fingerprint)
                .chain(&server.chain)
                .collect();
            let file = read_regular(&dir.server_cert(&server.name))?.unwrap_or_default();
            let from_file = crate::formats::bundle::Bundle::parse(&file).certs;
            for fp in registered {
                match from_file.iter().find(|c| sha256_hex(c) == *fp) {
                    Some(der) => bundle.add(der),
                    None if bundle.certs.iter().any(|c| sha256_hex(c) == *fp) => {}
                    None => ctx.warn(format!(
                        "a certificate of server {} (SHA-256 {fp}) is in neither its file nor \
                         the bundle; register it again with addserver --force",
                        server.name
                    )),
                }
            }
        }
    }
    Ok(bundle)
}

/// Takes a server's certificates out of the bundle (those it was registered with, and those in
/// its file now), except any that `others` still use.
fn prune(
    bundle: &mut crate::formats::bundle::Bundle,
    old: Option<&ServerEntry>,
    file_now: Option<&[u8]>,
    others: &[ServerEntry],
) {
    let fingerprints =
        |e: &ServerEntry| std::iter::once(e.fingerprint.clone()).chain(e.chain.clone());
    let mut leaving: Vec<String> = old.into_iter().flat_map(fingerprints).collect();
    if let Some(certs) = file_now.and_then(|b| parse_certificates(b).ok()) {
        leaving.extend(certs.iter().map(|c| sha256_hex(c)));
    }
    let kept: Vec<String> = others.iter().flat_map(fingerprints).collect();
    bundle.certs.retain(|c| {
        let f = sha256_hex(c);
        !leaving.contains(&f) || kept.contains(&f)
    });
}

fn info(entry: &ServerEntry, dir: &ClientDir) -> ServerInfo {
    let summary = read_regular(&dir.server_cert(&entry.name))
        .ok()
        .flatten()
        .and_then(|b| parse_certificates(&b).ok())
        .and_then(|c| CertSummary::of(&c[0]).ok());
    ServerInfo {
        name: entry.name.clone(),
        port: entry.port,
        htl: entry.htl,
        subject: summary.as_ref().map(|s| s.subject.clone()),
        not_after: summary.map(|s| rfc3339(s.not_after)),
        fingerprint: entry.fingerprint.clone(),
    }
}

/// `addserver`.
pub fn run_add(ctx: &Ctx, a: &AddServerArgs) -> Result<ServerChange> {
    let host = checked_host(&a.name)?;
    // Kept as typed (Luna's `myLunaSACert.pem`); compared by host (same_host).
    let name = as_typed(&a.name).to_string();
    let certs = input_certificates(ctx, a)?;
    let leaf = CertSummary::of(&certs[0]).map_err(|e| fail(Exit::BadInput, e))?;
    let warnings = check_policy(&leaf, &host, &name, a)?;

    let dir = ctx.client_dir_locked()?;
    // Everything below re-reads under the lock: another run may have changed any of it.
    let mut cfg = dir.config()?;
    let mut bundle = sound_bundle(ctx, &dir, &cfg, a.repair)?;
    let entry = ServerEntry {
        name: name.clone(),
        port: a.port,
        htl: a.htl,
        fingerprint: sha256_hex(&certs[0]),
        chain: certs[1..].iter().map(|c| sha256_hex(c)).collect(),
    };
    let cert_path = dir.server_cert(&name);
    let file_now = read_regular(&cert_path)?;
    let new_pem = to_pem(&certs);
    let existing = cfg.server.iter().position(|s| same_host(&s.name, &name));
    if let Some(i) = existing
        && cfg.server[i].name != name
    {
        // One server, two spellings: never two entries (and two files) for it.
        let registered = &cfg.server[i].name;
        return Err(fail_hint(
            Exit::Conflict,
            format!("server {name} is already registered as {registered}"),
            format!(
                "give it as registered (-n {registered}), or remove it first with \
                 `hsmctl deleteserver -n {registered}`"
            ),
        ));
    }
    let same_certs = |e: &ServerEntry| e.fingerprint == entry.fingerprint && e.chain == entry.chain;
    let same_settings = |e: &ServerEntry| e.port == entry.port && e.htl == entry.htl;
    let action = match existing {
        Some(i) if same_certs(&cfg.server[i]) && same_settings(&cfg.server[i]) => "unchanged",
        // The same certificate with another port or HTL setting: a change of what the client
        // does, never made silently (an addserver without --htl would drop the HTL).
        Some(i) if same_certs(&cfg.server[i]) && !a.force => {
            let old = &cfg.server[i];
            let onoff = |b: bool| if b { "on" } else { "off" };
            return Err(fail_hint(
                Exit::Conflict,
                format!(
                    "server {name} is registered with this certificate, port {} and HTL {}; \
                     this asks for port {} and HTL {}",
                    old.port,
                    onoff(old.htl),
                    entry.port,
                    onoff(entry.htl),
                ),
                "pass --force to change its settings",
            ));
        }
        Some(i) if same_certs(&cfg.server[i]) => "updated",
        Some(i) if !a.force => {
            return Err(fail_hint(
                Exit::Conflict,
                format!(
                    "server {name} is registered with another certificate (SHA-256 {})",
                    cfg.server[i].fingerprint
                ),
                "pass --force to replace it (the old certificate leaves CAFile.pem)",
            ));
        }
        Some(_) => "replaced",
        // A file without a registry entry: left by a run that died, or put there by hand.
        None => match &file_now {
            Some(f) if f != new_pem.as_bytes() && !a.force => {
                return Err(fail_hint(
                    Exit::Conflict,
                    format!("{} exists with another certificate", cert_path.display()),
                    "pass --force to replace it",
                ));
            }
            _ => "added",
        },
    };
    let others: Vec<ServerEntry> = cfg
        .server
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != existing)
        .map(|(_, s)| s.clone())
        .collect();
    prune(
        &mut bundle,
        existing.map(|i| &cfg.server[i]),
        file_now.as_deref(),
        &others,
    );
    for c in &certs {
        bundle.add(c);
    }
    // In this order, so that a rerun after a crash finds the file, then the bundle, then the
    // registry, and completes what is missing.
    if file_now.as_deref() != Some(new_pem.as_bytes()) {
        dir.ensure_layout()?;
        write_file(&cert_path, new_pem.as_bytes(), 0o644, true)?;
    }
    dir.write_bundle(&bundle)?;
    match existing {
        Some(i) => cfg.server[i] = entry.clone(),
        None => cfg.server.push(entry.clone()),
    }
    dir.write_registry(&cfg.server, cfg.client.as_deref())?;
    sync_chrystoki(&dir, &a.chrystoki, &cfg)?;
    Ok(ServerChange {
        action,
        server: info(&entry, &dir),
        cert_file: cert_path.display().to_string(),
        bundle_certificates: bundle.certs.len(),
        warnings,
    })
}

/// `deleteserver`.
pub fn run_delete(ctx: &Ctx, a: &DeleteServerArgs) -> Result<ServerChange> {
    checked_host(&a.name)?;
    let dir = ctx.client_dir_locked()?;
    let mut cfg = dir.config()?;
    let mut bundle = sound_bundle(ctx, &dir, &cfg, false)?;
    let existing = cfg
        .server
        .iter()
        .position(|s| same_host(&s.name, as_typed(&a.name)));
    // The files carry the registered spelling, whichever spelling asked.
    let name = match existing {
        Some(i) => cfg.server[i].name.clone(),
        None => as_typed(&a.name).to_string(),
    };
    let cert_path = dir.server_cert(&name);
    let file_now = read_regular(&cert_path)?;
    if existing.is_none() && file_now.is_none() {
        return Err(fail_hint(
            Exit::NotFound,
            format!("server {name} is not registered"),
            "`hsmctl listservers` shows the registered servers",
        ));
    }
    let removed = existing.map(|i| cfg.server.remove(i));
    prune(
        &mut bundle,
        removed.as_ref(),
        file_now.as_deref(),
        &cfg.server,
    );
    // The reverse order of addserver: registry, bundle, file.
    dir.write_registry(&cfg.server, cfg.client.as_deref())?;
    dir.write_bundle(&bundle)?;
    remove_if_present(&cert_path)?;
    remove_if_present(&dir.htl_token(&name))?;
    sync_chrystoki(&dir, &a.chrystoki, &cfg)?;
    let gone = removed.unwrap_or(ServerEntry {
        name: name.clone(),
        port: crate::store::config::DEFAULT_PORT,
        htl: false,
        fingerprint: String::new(),
        chain: vec![],
    });
    Ok(ServerChange {
        action: "removed",
        server: ServerInfo {
            name: gone.name,
            port: gone.port,
            htl: gone.htl,
            subject: None,
            not_after: None,
            fingerprint: gone.fingerprint,
        },
        cert_file: cert_path.display().to_string(),
        bundle_certificates: bundle.certs.len(),
        warnings: Vec::new(),
    })
}

/// `listservers`.
pub fn run_list(ctx: &Ctx, a: &ListServersArgs) -> Result<ServerList> {
    let dir = ctx.client_dir()?;
    let cfg = dir.config()?;
    if let Some(path) = chrystoki_path(&a.chrystoki, &cfg)
        && let Some(text) = read_regular(&path)?.and_then(|b| String::from_utf8(b).ok())
    {
        let listed = chrystoki::listed_servers(&text);
        let registered: Vec<&str> = cfg.server.iter().map(|s| s.name.as_str()).collect();
        if listed
            .iter()
            .map(|(_, n)| n.as_str())
            .ne(registered.iter().copied())
        {
            ctx.warn(format!(
                "{} lists other servers ({}); the next addserver or deleteserver rewrites its \
                 list",
                path.display(),
                listed
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    Ok(ServerList {
        servers: cfg.server.iter().map(|e| info(e, &dir)).collect(),
    })
}

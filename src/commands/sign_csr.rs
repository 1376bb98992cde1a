//! `hsmctl sign-csr`: certificates for PKCS#10 requests, signed inside the token by a CA key
//! with its CA certificate. Every request, output and the CA certificate's limits are checked
//! before anything is signed or written; several requests are signed under one login.

use super::Ctx;
use super::object_select::{object_filter, parse_id, signing_pair};
use super::token_select::Login;
use super::x509::{san_args, serial, signer, subject_args, validity};
use crate::cli::args::{ObjectArgs, TokenArgs};
use crate::cli::ca::SignCsrArgs;
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::cert::parse_one_certificate;
use crate::formats::csr::{self, Request};
use crate::formats::pem;
use crate::formats::pubkey::PublicKeyMaterial;
use crate::formats::text::escaped;
use crate::formats::x509::{parse_ext_key_usage, parse_key_usage};
use crate::formats::x509_ext::{
    CertProfile, Usages, general_name, issued_extensions, key_id, name, profile_usages, sans_of,
    subject_key_id, x509_time,
};
use crate::hsm::{ObjClass, ObjectFilter, TokenSigner, Want};
use crate::output::{Report, rfc3339};
use crate::store::atomic::{Batch, Destination, check_output, write_in_place};
use crate::store::input::read_input;
use anyhow::Result;
use der::{Decode, Encode};
use serde::Serialize;
use std::path::{Path, PathBuf};
use x509_cert::Certificate;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Validity;

/// One issued certificate.
#[derive(Serialize)]
pub struct Issued {
    /// The request it was made from.
    pub csr: String,
    /// The certificate's subject (RFC 4514).
    pub subject: String,
    /// Serial number, hex.
    pub serial: String,
    /// SHA-256 of the certificate's DER, hex.
    pub sha256: String,
    /// Validity, RFC 3339.
    pub not_before: String,
    /// Validity, RFC 3339.
    pub not_after: String,
    /// Where it was written, when not to stdout.
    pub written_to: Option<String>,
    /// The certificate (PEM, or hex DER with --der), with --json when it goes to stdout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

/// What sign-csr did.
#[derive(Serialize)]
pub struct SignCsrReport {
    /// The CA key's URI.
    pub ca_key_uri: String,
    /// The CA certificate's subject (the certificates' issuer).
    pub issuer: String,
    /// The signature algorithm.
    pub signature_algorithm: String,
    /// The profile used.
    pub profile: String,
    /// Every certificate, in input order.
    pub certificates: Vec<Issued>,
    /// What the run noticed and went on from (a request given twice).
    pub warnings: Vec<String>,
    #[serde(skip)]
    stdout: Vec<u8>,
}

impl Report for SignCsrReport {
    fn warnings(&self) -> &[String] {
        &self.warnings
    }

    fn warnings_mut(&mut self) -> Option<&mut Vec<String>> {
        Some(&mut self.warnings)
    }

    fn human(&self) -> String {
        let mut s = String::new();
        for c in &self.certificates {
            if let Some(w) = &c.written_to {
                // The subject is the requester's text: escaped for the terminal.
                s.push_str(&format!(
                    "Signed {} -> {}: {} (serial {}, until {})\n",
                    escaped(&c.csr),
                    escaped(w),
                    escaped(&c.subject),
                    c.serial,
                    c.not_after
                ));
            }
        }
        s
    }
}

/// Where one certificate goes.
enum Dest {
    /// A file, written atomically with the others.
    File(PathBuf),
    /// An existing FIFO or device given with -o, written in place.
    InPlace(PathBuf),
    Stdout,
}

/// One request, checked, with where its certificate goes.
struct Job {
    path: PathBuf,
    request: Request,
    dest: Dest,
    serial: SerialNumber,
    /// The certificate's subject: the request's, or --subject's.
    subject: Name,
    /// The certificate's SANs: the request's, or the command line's.
    sans: Vec<GeneralName>,
    /// The profile's usages for the request's key type, with the command line's overrides.
    usages: Usages,
}

/// What the command line puts in place of the requests' own subject and SANs.
struct Overrides {
    subject: Option<Name>,
    sans: Vec<GeneralName>,
}

/// The CA certificate's parts that the issued certificates depend on.
struct Ca {
    subject: x509_cert::name::Name,
    key_id: Vec<u8>,
    not_after: time::OffsetDateTime,
    spki: Vec<u8>,
}

fn bad_input(path: &Path, e: impl std::fmt::Display) -> anyhow::Error {
    fail(Exit::BadInput, format!("{}: {e}", path.display()))
}

/// The default output of a request: NAME.crt beside it (stdout for `-`).
fn destination(csr: &Path, out: Option<&Path>) -> Result<Dest> {
    if let Some(o) = out {
        return Ok(match crate::store::atomic::destination(o)? {
            Destination::Stdout => Dest::Stdout,
            Destination::InPlace => Dest::InPlace(o.to_path_buf()),
            Destination::File => Dest::File(o.to_path_buf()),
        });
    }
    if csr == Path::new("-") {
        return Ok(Dest::Stdout);
    }
    let crt = csr.with_extension("crt");
    if crt == csr {
        return Err(fail_hint(
            Exit::Usage,
            format!("the certificate for {} would replace it", csr.display()),
            "name the output with -o FILE",
        ));
    }
    Ok(Dest::File(crt))
}

/// Reads and checks every request, and picks and checks every output, before the token.
fn jobs(a: &SignCsrArgs, overrides: &Overrides) -> Result<(Vec<Job>, Vec<String>)> {
    // The same request named twice (a.csr ./a.csr) is signed once: two certificates would be
    // written to one file.
    let (csrs, warnings) = crate::store::input::dedup_paths(a.csrs.clone());
    if csrs.len() > 1 && (a.out.is_some() || a.serial_number.is_some()) {
        return Err(fail_hint(
            Exit::Usage,
            "-o and --serial-number are for one request only",
            "sign the requests one by one, or let each certificate go beside its request",
        ));
    }
    if csrs.iter().filter(|p| *p == Path::new("-")).count() > 1 {
        return Err(fail(Exit::Usage, "stdin (-) can be read only once"));
    }
    let mut out = Vec::new();
    for path in &csrs {
        let bytes = read_input(path, "certificate request")?;
        let der = csr::request_der(&bytes).map_err(|e| bad_input(path, e))?;
        let request = csr::check(&der, a.allow_weak).map_err(|e| {
            fail_hint(
                Exit::BadInput,
                format!("{}: {e}", path.display()),
                "make a new request with the key (openssl req -new, or hsmctl request-cert)",
            )
        })?;
        let dest = destination(path, a.out.as_deref())?;
        if matches!(dest, Dest::Stdout)
            && a.x509.der
            && a.output.format() != crate::output::Format::Json
            && std::io::IsTerminal::is_terminal(&std::io::stdout())
        {
            return Err(fail_hint(
                Exit::Usage,
                "DER is binary and stdout is a terminal",
                "write it with -o FILE, or redirect stdout",
            ));
        }
        if let Dest::File(p) = &dest {
            check_output(Some(p), a.force)?;
            if out
                .iter()
                .any(|j: &Job| matches!(&j.dest, Dest::File(q) if q == p))
            {
                return Err(fail(
                    Exit::Usage,
                    format!("two requests would both be written to {}", p.display()),
                ));
            }
        }
        let subject = overrides
            .subject
            .clone()
            .unwrap_or_else(|| request.req.info.subject.clone());
        let sans = if overrides.sans.is_empty() {
            sans_of(&request.extensions).map_err(|e| bad_input(path, e))?
        } else {
            overrides.sans.clone()
        };
        if subject.0.is_empty() && sans.is_empty() {
            return Err(fail_hint(
                Exit::BadInput,
                format!(
                    "{}: the request has neither a subject nor a SAN",
                    path.display()
                ),
                "give --subject or --dns/--ip/--email-san/--uri-san",
            ));
        }
        let rsa = matches!(request.key, PublicKeyMaterial::Rsa { .. });
        let serial = SerialNumber::new(&serial(a.serial_number.as_deref())?)
            .map_err(|e| fail(Exit::Usage, format!("serial number: {e}")))?;
        let job_usages = usages(a, rsa)?;
        if a.copy_extensions && job_usages.ca.is_none() {
            refuse_ca_request(path, &request)?;
        }
        out.push(Job {
            path: path.clone(),
            usages: job_usages,
            request,
            dest,
            serial,
            subject,
            sans,
        });
    }
    Ok((out, warnings))
}

/// With --copy-extensions and a profile that is not a CA's: a request asking for a CA's
/// powers (basicConstraints CA:TRUE, keyCertSign, cRLSign) is refused, not copied into an end
/// entity's certificate that strict verifiers reject.
fn refuse_ca_request(path: &Path, request: &Request) -> Result<()> {
    use der::oid::AssociatedOid;
    for e in &request.extensions {
        let ca = (e.extn_id == BasicConstraints::OID
            && BasicConstraints::from_der(e.extn_value.as_bytes()).is_ok_and(|b| b.ca))
            || (e.extn_id == KeyUsage::OID
                && KeyUsage::from_der(e.extn_value.as_bytes()).is_ok_and(|k| {
                    k.0.contains(KeyUsages::KeyCertSign) || k.0.contains(KeyUsages::CRLSign)
                }));
        if ca {
            return Err(fail_hint(
                Exit::BadInput,
                format!(
                    "{}: the request asks for a CA certificate (CA:TRUE, keyCertSign or \
                     cRLSign), and the profile issues an end entity",
                    path.display()
                ),
                "sign it with --profile ca, or leave out --copy-extensions",
            ));
        }
    }
    Ok(())
}

/// The usages of the profile, with --key-usage and --ext-key-usage in place of the profile's.
fn usages(a: &SignCsrArgs, rsa: bool) -> Result<Usages> {
    if a.path_len.is_some() && CertProfile::from(a.profile) != CertProfile::Ca {
        return Err(fail(Exit::Usage, "--path-len is for --profile ca"));
    }
    let mut u = profile_usages(a.profile.into(), rsa, a.path_len);
    let usage = |e: String| fail(Exit::Usage, e);
    if let Some(k) = &a.x509.key_usage {
        u.key_usage = parse_key_usage(k).map_err(usage)?;
        // keyCertSign and cRLSign on an end entity: openssl -x509_strict refuses the result.
        let ca_only = u.key_usage.iter().any(|k| {
            matches!(
                k,
                rcgen::KeyUsagePurpose::KeyCertSign | rcgen::KeyUsagePurpose::CrlSign
            )
        });
        if ca_only && u.ca.is_none() {
            return Err(fail_hint(
                Exit::Usage,
                "keyCertSign and cRLSign are key usages of CA certificates",
                "use --profile ca for a CA, or leave them out of --key-usage",
            ));
        }
    }
    if let Some(e) = &a.x509.ext_key_usage {
        u.ext_key_usage = parse_ext_key_usage(e).map_err(usage)?;
    }
    Ok(u)
}

/// The parts of a CA certificate the issued certificates depend on; refuses a certificate that
/// is not a CA's (basicConstraints CA:TRUE, keyCertSign if it has a key usage) and, for
/// `--profile ca`, one whose path length allows no CA below it.
fn ca_parts(der: &[u8], profile: CertProfile) -> Result<Ca> {
    let cert = Certificate::from_der(der).map_err(|e| fail(Exit::BadInput, e.to_string()))?;
    let tbs = &cert.tbs_certificate;
    let exts = tbs.extensions.clone().unwrap_or_default();
    let find = |oid| exts.iter().find(|e| e.extn_id == oid);
    let bc = find(<BasicConstraints as der::oid::AssociatedOid>::OID)
        .and_then(|e| BasicConstraints::from_der(e.extn_value.as_bytes()).ok());
    let cert_sign = find(<KeyUsage as der::oid::AssociatedOid>::OID)
        .and_then(|e| KeyUsage::from_der(e.extn_value.as_bytes()).ok())
        .is_none_or(|k| k.0.contains(KeyUsages::KeyCertSign));
    if !bc.as_ref().is_some_and(|b| b.ca) || !cert_sign {
        return Err(fail_hint(
            Exit::BadInput,
            format!(
                "the CA certificate ({}) is not a CA certificate (it needs basicConstraints \
                 CA:TRUE and, with a key usage, keyCertSign)",
                tbs.subject
            ),
            "make the CA certificate with `hsmctl selfsign-cert --ca` or `sign-csr --profile ca`",
        ));
    }
    if profile == CertProfile::Ca && bc.and_then(|b| b.path_len_constraint) == Some(0) {
        return Err(fail_hint(
            Exit::Usage,
            format!(
                "the CA certificate ({}) has pathlen 0: no CA may be issued below it",
                tbs.subject
            ),
            "sign CA certificates with the CA above it, or issue end-entity certificates",
        ));
    }
    let spki = tbs
        .subject_public_key_info
        .to_der()
        .map_err(|e| fail(Exit::BadInput, e.to_string()))?;
    Ok(Ca {
        subject: tbs.subject.clone(),
        key_id: subject_key_id(&exts).unwrap_or_else(|| key_id(&spki)),
        not_after: time::OffsetDateTime::from(tbs.validity.not_after.to_system_time()),
        spki,
    })
}

/// The CA certificate object beside the key (same CKA_ID) holding its public key.
fn ca_on_token(
    session: &crate::hsm::HsmSession,
    token: &crate::hsm::TokenEntry,
    key_id_bytes: &[u8],
    spki: &[u8],
    profile: CertProfile,
) -> Result<Ca> {
    let filter = ObjectFilter {
        class: Some(ObjClass::Cert),
        id: Some(key_id_bytes.to_vec()),
        ..Default::default()
    };
    for c in session.list(&filter, token)? {
        if let Some(v) = session.value(c.handle)?
            && let Ok(ca) = ca_parts(&v, CertProfile::None)
            && ca.spki == spki
        {
            // Checked again for what the profile asks of it.
            return ca_parts(&v, profile);
        }
    }
    Err(fail_hint(
        Exit::NotFound,
        format!(
            "the CA key has no CA certificate on token '{}' (no certificate object with its \
             CKA_ID holds its public key as a CA)",
            token.label
        ),
        "make one with `hsmctl selfsign-cert --ca --store`, store one with `hsmctl \
         import-cert`, or give it with --ca-cert FILE",
    ))
}

/// Refuses certificates that would outlive their CA's, unless --allow-beyond-ca.
/// The end of validity checked against the CA certificate's; with `clamp` (the default
/// validity) an end past the CA's is moved to the CA's end instead of refused.
fn within_ca(
    ca: &Ca,
    not_after: time::OffsetDateTime,
    allow: bool,
    clamp: bool,
) -> Result<time::OffsetDateTime> {
    if not_after > ca.not_after && clamp {
        return Ok(ca.not_after);
    }
    if not_after > ca.not_after && !allow {
        return Err(fail_hint(
            Exit::Usage,
            format!(
                "the certificate would end {}, after the CA certificate ({})",
                rfc3339(not_after),
                rfc3339(ca.not_after)
            ),
            "give a shorter --days or an earlier --not-after, or pass --allow-beyond-ca",
        ));
    }
    Ok(not_after)
}

/// `sign-csr`.
pub fn run(ctx: &Ctx, a: &SignCsrArgs) -> Result<SignCsrReport> {
    let usage = |e: String| fail(Exit::Usage, e);
    let overrides = Overrides {
        subject: subject_args(&a.x509)?
            .map(|(dn, _)| name(&dn).map_err(usage))
            .transpose()?,
        sans: san_args(&a.x509)?
            .iter()
            .map(|s| general_name(s).map_err(usage))
            .collect::<Result<Vec<_>>>()?,
    };
    let (not_before, mut not_after) = validity(
        a.not_before.as_deref(),
        a.not_after.as_deref(),
        a.days.unwrap_or(365),
    )?;
    // With no --days or --not-after, the default year ends with the CA certificate if that
    // comes sooner (an intermediate made today with its own default year would otherwise
    // refuse every default leaf a second later).
    let clamp = a.days.is_none() && a.not_after.is_none() && !a.allow_beyond_ca;
    if let Some(id) = &a.ca_id {
        parse_id(id)?;
    }
    let (jobs, warnings) = jobs(a, &overrides)?;
    // A CA certificate from a file is checked now, before the token.
    let ca_file = match &a.ca_cert {
        Some(p) => {
            let der = parse_one_certificate(&read_input(p, "CA certificate")?)
                .map_err(|e| bad_input(p, e))?;
            let ca = ca_parts(&der, a.profile.into())?;
            not_after = within_ca(&ca, not_after, a.allow_beyond_ca, clamp)?;
            Some(ca)
        }
        None => None,
    };
    // The token: --ca-uri may name it when --uri does not.
    let ca_uri = a
        .ca_uri
        .as_deref()
        .map(|t| {
            t.parse::<crate::formats::pkcs11_uri::Pkcs11Uri>()
                .map_err(|e| fail(Exit::Usage, format!("invalid --ca-uri: {e}")))
        })
        .transpose()?;
    let token_args = TokenArgs {
        uri: a.token.uri.clone().or_else(|| a.ca_uri.clone()),
        ..a.token.clone()
    };
    let object = ObjectArgs {
        label: a.ca_label.clone(),
        id: a.ca_id.clone(),
        class: None,
        handle: None,
    };
    let filter = object_filter(&object, ca_uri.as_ref())?;
    let sel = ctx.select(&token_args, Want::Initialized)?;
    let token = sel.initialized()?.clone();
    let session = sel.session(false, Login::Required, &a.pin)?;
    let (public, key) = signing_pair(&session, &filter, &token)?;
    let signer = signer(&session, &public, key, &a.x509)?;
    let ca = match ca_file {
        Some(ca) if ca.spki != signer.spki() => {
            return Err(fail_hint(
                Exit::BadInput,
                "the --ca-cert certificate is not for the CA key",
                "give the CA key's own certificate",
            ));
        }
        Some(ca) => ca,
        None => {
            let ca = ca_on_token(
                &session,
                &token,
                &public.id_bytes,
                signer.spki(),
                a.profile.into(),
            )?;
            not_after = within_ca(&ca, not_after, a.allow_beyond_ca, clamp)?;
            ca
        }
    };
    if not_after <= not_before {
        return Err(fail(
            Exit::Usage,
            "the CA certificate ends before the certificate would start",
        ));
    }
    let validity = Validity {
        not_before: x509_time(not_before).map_err(usage)?,
        not_after: x509_time(not_after).map_err(usage)?,
    };
    let alg = signer.algorithm_identifier()?;
    let json = a.output.format() == crate::output::Format::Json;
    let mut batch = Batch::new(a.force);
    let mut in_place = Vec::new();
    let mut report = SignCsrReport {
        ca_key_uri: public.uri.clone(),
        issuer: ca.subject.to_string(),
        signature_algorithm: signer.algorithm_name().to_string(),
        profile: clap::ValueEnum::to_possible_value(&a.profile)
            .map(|v| v.get_name().to_string())
            .unwrap_or_default(),
        certificates: Vec::new(),
        warnings,
        stdout: Vec::new(),
    };
    for job in &jobs {
        let der = issue(job, &ca, &signer, &alg, validity, a.copy_extensions)?;
        let bytes = if a.x509.der {
            der.clone()
        } else {
            pem::encode("CERTIFICATE", &der).into_bytes()
        };
        let cert = Certificate::from_der(&der).map_err(|e| fail(Exit::Failed, e.to_string()))?;
        let (written_to, data) = match &job.dest {
            Dest::File(p) => {
                batch.stage(p, &bytes, 0o644)?;
                (Some(p.display().to_string()), None)
            }
            Dest::InPlace(p) => {
                in_place.push((p.clone(), bytes.clone()));
                (Some(p.display().to_string()), None)
            }
            Dest::Stdout if json => (
                None,
                Some(if a.x509.der {
                    hex::encode(&bytes)
                } else {
                    String::from_utf8_lossy(&bytes).into_owned()
                }),
            ),
            Dest::Stdout => {
                report.stdout.extend(&bytes);
                (None, None)
            }
        };
        report.certificates.push(Issued {
            csr: job.path.display().to_string(),
            subject: cert.tbs_certificate.subject.to_string(),
            serial: hex::encode(cert.tbs_certificate.serial_number.as_bytes()),
            sha256: crate::formats::sha256_hex(&der),
            not_before: rfc3339(not_before),
            not_after: rfc3339(not_after),
            written_to,
            data,
        });
    }
    batch.commit()?;
    for (p, bytes) in &in_place {
        write_in_place(p, bytes)?;
    }
    // Certificates for stdout are artifacts, written as they are (DER is binary): never
    // through the report's text, which is escaped for the terminal.
    if !report.stdout.is_empty() {
        crate::output::write_stdout(&std::mem::take(&mut report.stdout))?;
    }
    Ok(report)
}

/// One certificate: the request's key, the job's subject, SANs and usages, the key
/// identifiers, signed by the token. `copy` adds the request's other extensions.
fn issue(
    job: &Job,
    ca: &Ca,
    signer: &TokenSigner,
    alg: &spki::AlgorithmIdentifierOwned,
    validity: Validity,
    copy: bool,
) -> Result<Vec<u8>> {
    let failed = |e: String| fail(Exit::Failed, e);
    let info = &job.request.req.info;
    // Copied request extensions never replace the ones the profile sets, nor the key
    // identifiers, which are computed here.
    let extra: &[_] = if copy { &job.request.extensions } else { &[] };
    let spki_der = info
        .public_key
        .to_der()
        .map_err(|e| failed(e.to_string()))?;
    let exts = issued_extensions(
        &job.usages,
        &job.sans,
        job.subject.0.is_empty(),
        &key_id(&spki_der),
        &ca.key_id,
        extra,
    )
    .map_err(failed)?;
    let tbs = x509_cert::TbsCertificate {
        version: x509_cert::Version::V3,
        serial_number: job.serial.clone(),
        signature: alg.clone(),
        issuer: ca.subject.clone(),
        validity,
        subject: job.subject.clone(),
        subject_public_key_info: info.public_key.clone(),
        issuer_unique_id: None,
        subject_unique_id: None,
        extensions: Some(exts),
    };
    let body = tbs.to_der().map_err(|e| failed(e.to_string()))?;
    let signature = signer.sign_body(&body)?;
    Certificate {
        tbs_certificate: tbs,
        signature_algorithm: alg.clone(),
        signature: der::asn1::BitString::from_bytes(&signature)
            .map_err(|e| failed(e.to_string()))?,
    }
    .to_der()
    .map_err(|e| failed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::{Dest, destination};
    use std::path::Path;

    #[test]
    fn certificates_go_beside_their_requests() {
        let at =
            |csr: &str, out: Option<&str>| match destination(Path::new(csr), out.map(Path::new)) {
                Ok(Dest::File(p)) => p.display().to_string(),
                Ok(Dest::Stdout) => "-".into(),
                Ok(Dest::InPlace(p)) => format!("in place: {}", p.display()),
                Err(_) => "refused".into(),
            };
        assert_eq!(at("dir/web.csr", None), "dir/web.crt");
        assert_eq!(at("web.req.pem", None), "web.req.crt");
        assert_eq!(at("web", None), "web.crt");
        assert_eq!(at("-", None), "-");
        assert_eq!(at("web.csr", Some("-")), "-");
        assert_eq!(at("web.csr", Some("out.pem")), "out.pem");
        // A request named .crt would be replaced by its own certificate.
        assert_eq!(at("web.crt", None), "refused");
    }
}

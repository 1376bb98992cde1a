//! `hsmctl request-cert` and `hsmctl selfsign-cert`: PKCS#10 requests and self-signed
//! certificates signed inside the token (rcgen with the token as its signing key).

use super::Ctx;
use super::object_select::{object_filter, signing_pair};
use super::token_select::Login;
use crate::cli::args::{Digest, X509Args};
use crate::cli::{RequestCertArgs, SelfsignCertArgs};
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::pem;
use crate::formats::x509::{parse_ext_key_usage, parse_key_usage, parse_subject, san};
use crate::formats::x509_ext::{CertProfile, key_id, profile_usages};
use crate::hsm::{RsaDigest, TokenSigner, Want};
use crate::output::{Report, deliver, rfc3339};
use anyhow::Result;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa};
use serde::Serialize;

/// What was written.
#[derive(Serialize)]
pub struct X509Report {
    /// "csr" or "certificate".
    pub kind: &'static str,
    /// The subject, as given.
    pub subject: String,
    /// The key's URI.
    pub key_uri: String,
    /// The signature algorithm.
    pub signature_algorithm: String,
    /// SHA-256 of the DER, hex.
    pub sha256: String,
    /// Serial number, hex (certificates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// Validity, RFC 3339 (certificates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    /// Validity, RFC 3339 (certificates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    /// Handle of the certificate object stored with --store.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stored_handle: Option<u64>,
    /// Where it was written, when not to stdout.
    pub written_to: Option<String>,
    /// The request or certificate itself (PEM, or hex DER with --der), with --json and no -o.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

impl Report for X509Report {
    fn human(&self) -> String {
        String::new()
    }
}

/// A subject's attributes, in order.
pub type Subject = Vec<(DnType, String)>;

/// The subject given on the command line (--subject, then --cn and the like on top), with
/// its text for reports; None when none was given.
pub fn subject_args(x: &X509Args) -> Result<Option<(Subject, String)>> {
    let usage = |e: String| fail(Exit::Usage, e);
    let mut dn: Vec<(DnType, String)> = match &x.subject {
        Some(s) => parse_subject(s).map_err(usage)?,
        None => Vec::new(),
    };
    for (flag, ty, v) in [
        ("CN", DnType::CommonName, &x.cn),
        ("O", DnType::OrganizationName, &x.org),
        ("OU", DnType::OrganizationalUnitName, &x.ou),
        ("C", DnType::CountryName, &x.country),
        ("ST", DnType::StateOrProvinceName, &x.st),
        ("L", DnType::LocalityName, &x.locality),
        (
            "emailAddress",
            DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1]),
            &x.email,
        ),
    ] {
        if let Some(v) = v {
            // Validated like the --subject form (country codes, empty values).
            let parsed =
                parse_subject(&format!("{flag}={}", v.replace(',', "\\\\,"))).map_err(usage)?;
            dn.retain(|(t, _)| *t != ty);
            dn.extend(parsed);
        }
    }
    if dn.is_empty() {
        return Ok(None);
    }
    let shown: Vec<String> = dn
        .iter()
        .map(|(t, v)| format!("{}={v}", dn_name(t)))
        .collect();
    Ok(Some((dn, shown.join(","))))
}

/// The SANs given on the command line.
pub fn san_args(x: &X509Args) -> Result<Vec<rcgen::SanType>> {
    let mut out = Vec::new();
    for (kind, values) in [
        ("dns", &x.dns),
        ("ip", &x.ip),
        ("email", &x.email_san),
        ("uri", &x.uri_san),
    ] {
        for v in values {
            out.push(san(kind, v).map_err(|e| fail(Exit::Usage, e))?);
        }
    }
    Ok(out)
}

/// The rcgen parameters from the command line; every refusal happens here, before the token.
fn params(x: &X509Args) -> Result<(CertificateParams, String)> {
    let usage = |e: String| fail(Exit::Usage, e);
    let Some((dn, shown)) = subject_args(x)? else {
        return Err(fail_hint(
            Exit::Usage,
            "no subject",
            "give --subject 'CN=...' or --cn",
        ));
    };
    let mut p = CertificateParams::default();
    for (t, v) in dn {
        p.distinguished_name.push(t, v);
    }
    p.subject_alt_names = san_args(x)?;
    if let Some(k) = &x.key_usage {
        p.key_usages = parse_key_usage(k).map_err(usage)?;
    }
    if let Some(e) = &x.ext_key_usage {
        p.extended_key_usages = parse_ext_key_usage(e).map_err(usage)?;
    }
    Ok((p, shown))
}

fn dn_name(t: &DnType) -> &'static str {
    match t {
        DnType::CommonName => "CN",
        DnType::OrganizationName => "O",
        DnType::OrganizationalUnitName => "OU",
        DnType::CountryName => "C",
        DnType::StateOrProvinceName => "ST",
        DnType::LocalityName => "L",
        _ => "emailAddress",
    }
}

/// The token's own error when it refused to sign (with its CKR name), else rcgen's.
fn signing_failure(signer: &TokenSigner, e: rcgen::Error, what: &str) -> anyhow::Error {
    match signer.take_failure() {
        Some(hsm) => anyhow::Error::from(hsm).context(format!("cannot sign the {what}")),
        None => fail(Exit::Failed, format!("cannot make the {what}: {e}")),
    }
}

/// The token signer for the key pair, with the digest and padding asked for.
pub fn signer<'a>(
    session: &'a crate::hsm::HsmSession<'a>,
    public: &crate::hsm::TokenPublicKey,
    key: u64,
    x: &X509Args,
) -> Result<TokenSigner<'a>> {
    let digest = match x.digest {
        Digest::Sha256 => RsaDigest::Sha256,
        Digest::Sha384 => RsaDigest::Sha384,
        Digest::Sha512 => RsaDigest::Sha512,
    };
    Ok(TokenSigner::new(session, public, key, digest, x.pss)?)
}

/// Writes the result to -o or stdout; with --json and no -o it goes into the report instead,
/// so that stdout stays one JSON document. Returns (written_to, data).
fn write(
    x: &X509Args,
    file: &crate::cli::args::OutFileArgs,
    json: bool,
    der: &[u8],
    pem_label: &str,
) -> Result<(Option<String>, Option<String>)> {
    let bytes = if x.der {
        der.to_vec()
    } else {
        pem::encode(pem_label, der).into_bytes()
    };
    deliver(file.out.as_deref(), &bytes, file.force, x.der, json)
}

fn date(text: &str, flag: &str) -> Result<time::OffsetDateTime> {
    let d: String = text.chars().filter(|c| *c != '-').collect();
    let bad = || {
        fail(
            Exit::Usage,
            format!("{flag} '{text}' is not a date (YYYYMMDD or YYYY-MM-DD)"),
        )
    };
    if d.len() != 8 || !d.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let (y, m, dd) = (
        d[..4].parse::<i32>().map_err(|_| bad())?,
        d[4..6].parse::<u8>().map_err(|_| bad())?,
        d[6..].parse::<u8>().map_err(|_| bad())?,
    );
    let month = time::Month::try_from(m).map_err(|_| bad())?;
    let day = time::Date::from_calendar_date(y, month, dd).map_err(|_| bad())?;
    Ok(day.midnight().assume_utc())
}

/// The validity from --not-before, --not-after and --days; refuses one that ends before it
/// starts.
pub fn validity(
    not_before: Option<&str>,
    not_after: Option<&str>,
    days: u32,
) -> Result<(time::OffsetDateTime, time::OffsetDateTime)> {
    let not_before = match not_before {
        Some(d) => date(d, "--not-before")?,
        // Whole seconds: that is what the certificate holds, and the report says.
        None => {
            let now = time::OffsetDateTime::now_utc();
            now - time::Duration::nanoseconds(i64::from(now.nanosecond()))
        }
    };
    let not_after = match not_after {
        Some(d) => date(d, "--not-after")?,
        None => not_before
            .checked_add(time::Duration::days(i64::from(days)))
            .filter(|t| *t <= last_x509_time())
            .ok_or_else(|| {
                fail(
                    Exit::Usage,
                    format!(
                        "--days {days} from {} ends after 9999-12-31, the last date X.509 can \
                         express",
                        not_before.date()
                    ),
                )
            })?,
    };
    if not_after <= not_before {
        return Err(fail(
            Exit::Usage,
            "the certificate would end before it starts",
        ));
    }
    Ok((not_before, not_after))
}

/// The serial number: --serial-number's hex, else 16 random bytes, positive and of full length.
pub fn serial(hex: Option<&str>) -> Result<Vec<u8>> {
    let serial = match hex {
        Some(h) => {
            // Any number of hex digits ("1" is one); the value must be positive (RFC 5280), and
            // a leading 0x00 keeps a high first bit from reading as negative.
            let t = h.trim().trim_start_matches("0x").trim_start_matches("0X");
            let digits: String = t.chars().filter(|c| *c != ':').collect();
            let padded = if digits.len() % 2 == 1 {
                format!("0{digits}")
            } else {
                digits
            };
            let bytes = crate::formats::parse_hex_id(&padded).ok_or_else(|| {
                fail_hint(
                    Exit::Usage,
                    format!("--serial-number '{h}' is not a hex number"),
                    "give hex digits, as --serial-number 1a2b",
                )
            })?;
            let mut value: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
            if value.is_empty() {
                return Err(fail(
                    Exit::Usage,
                    "--serial-number 0: a certificate serial number must be positive (RFC 5280)",
                ));
            }
            if value[0] & 0x80 != 0 {
                value.insert(0, 0);
            }
            value
        }
        None => {
            let mut s = vec![0u8; 16];
            getrandom::getrandom(&mut s).map_err(|e| fail(Exit::Failed, e.to_string()))?;
            s[0] &= 0x7f; // a positive INTEGER
            s[0] |= 0x40; // of full length
            s
        }
    };
    if serial.len() > 20 {
        return Err(fail(
            Exit::Usage,
            "a serial number is at most 20 bytes (RFC 5280)",
        ));
    }
    Ok(serial)
}

/// What strict verifiers require of a self-signed certificate: a SubjectKeyIdentifier and an
/// AuthorityKeyIdentifier naming it (RFC 7093 method 1, computed from the real key: rcgen sees
/// a stand-in for PSS and P-521), basicConstraints (critical; CA:FALSE unless `ca`), and a key
/// usage for the key type unless `explicit_usage` (--key-usage) chose one.
pub fn self_signed_extensions(
    params: &mut CertificateParams,
    spki: &[u8],
    ca: bool,
    explicit_usage: bool,
) {
    params.key_identifier_method = rcgen::KeyIdMethod::PreSpecified(key_id(spki));
    params.use_authority_key_identifier_extension = true;
    let rsa = matches!(
        crate::formats::pubkey::PublicKeyMaterial::from_spki_der(spki),
        Ok(crate::formats::pubkey::PublicKeyMaterial::Rsa { .. })
    );
    params.is_ca = if ca {
        IsCa::Ca(BasicConstraints::Unconstrained)
    } else {
        IsCa::ExplicitNoCa
    };
    let wanted = match (ca, explicit_usage) {
        (true, _) => profile_usages(CertProfile::Ca, rsa, None).key_usage,
        (false, true) => Vec::new(),
        // An end entity's usages for its key type (the client and server profiles share them).
        (false, false) => profile_usages(CertProfile::Client, rsa, None).key_usage,
    };
    for ku in wanted {
        if !params.key_usages.contains(&ku) {
            params.key_usages.push(ku);
        }
    }
}

/// 9999-12-31T23:59:59Z: the last time a certificate's validity can name (RFC 5280
/// GeneralizedTime has four year digits).
fn last_x509_time() -> time::OffsetDateTime {
    time::macros::datetime!(9999-12-31 23:59:59 UTC)
}

/// A CSR signed by the token key.
pub fn run_request(ctx: &Ctx, args: &RequestCertArgs) -> Result<X509Report> {
    crate::store::atomic::check_output(args.file.out.as_deref(), args.file.force)?;
    let (params, subject) = params(&args.x509)?;
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let filter = object_filter(&args.object, sel.uri.as_ref())?;
    let token = sel.initialized()?.clone();
    let session = sel.session(false, Login::Required, &args.pin)?;
    let (public, key) = signing_pair(&session, &filter, &token)?;
    let signer = signer(&session, &public, key, &args.x509)?;
    let csr = params
        .serialize_request(&signer)
        .map_err(|e| signing_failure(&signer, e, "request"))?;
    let der = signer.finish(csr.der())?;
    let json = args.output.format() == crate::output::Format::Json;
    let (written_to, data) = write(&args.x509, &args.file, json, &der, "CERTIFICATE REQUEST")?;
    Ok(X509Report {
        kind: "csr",
        subject,
        key_uri: public.uri,
        signature_algorithm: signer.algorithm_name().to_string(),
        sha256: crate::formats::sha256_hex(&der),
        serial: None,
        not_before: None,
        not_after: None,
        stored_handle: None,
        written_to,
        data,
    })
}

/// A self-signed certificate for the token key, written and optionally stored on the token.
pub fn run_selfsign(ctx: &Ctx, args: &SelfsignCertArgs) -> Result<X509Report> {
    crate::store::atomic::check_output(args.file.out.as_deref(), args.file.force)?;
    let store = args.store || args.store_label.is_some();
    let (mut params, subject) = params(&args.x509)?;
    let (not_before, not_after) = validity(
        args.not_before.as_deref(),
        args.not_after.as_deref(),
        args.days,
    )?;
    let serial = serial(args.serial_number.as_deref())?;
    params.not_before = not_before;
    params.not_after = not_after;
    params.serial_number = Some(rcgen::SerialNumber::from_slice(&serial));
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let filter = object_filter(&args.object, sel.uri.as_ref())?;
    let token = sel.initialized()?.clone();
    let session = sel.session(store, Login::Required, &args.pin)?;
    let (public, key) = signing_pair(&session, &filter, &token)?;
    // A certificate already stored for this key: a second one with the same CKA_ID would make
    // the pair ambiguous. Found before anything is signed; --force replaces it.
    let old_certs = if store {
        session.find(&crate::hsm::ObjectFilter {
            class: Some(crate::hsm::ObjClass::Cert),
            id: Some(public.id_bytes.clone()),
            ..Default::default()
        })?
    } else {
        Vec::new()
    };
    if !old_certs.is_empty() && !args.file.force {
        return Err(fail_hint(
            Exit::Conflict,
            format!(
                "a certificate with the key's CKA_ID {} is already on the token",
                public.id
            ),
            "pass --force to replace it, or leave out --store",
        ));
    }
    let signer = signer(&session, &public, key, &args.x509)?;
    self_signed_extensions(
        &mut params,
        signer.spki(),
        args.ca,
        args.x509.key_usage.is_some(),
    );
    let cert = params
        .self_signed(&signer)
        .map_err(|e| signing_failure(&signer, e, "certificate"))?;
    let der = signer.finish(cert.der())?;
    let stored_handle = if store {
        ctx.lock(&sel)?;
        let (_, parsed) = x509_parser::parse_x509_certificate(&der)
            .map_err(|e| fail(Exit::Failed, e.to_string()))?;
        let tbs = &parsed.tbs_certificate;
        let serial_der = der::Encode::to_der(
            &der::asn1::UintRef::new(tbs.raw_serial())
                .map_err(|e| fail(Exit::Failed, e.to_string()))?,
        )
        .map_err(|e| fail(Exit::Failed, e.to_string()))?;
        Some(session.store_certificate(
            &der,
            args.store_label.as_deref().unwrap_or(&public.label),
            &public.id_bytes,
            tbs.subject.as_raw(),
            tbs.issuer.as_raw(),
            &serial_der,
        )?)
    } else {
        None
    };
    let json = args.output.format() == crate::output::Format::Json;
    let (written_to, data) = match write(&args.x509, &args.file, json, &der, "CERTIFICATE") {
        Ok(w) => w,
        Err(e) => {
            // The file could not be written: the stored certificate goes too, so that a failed
            // run leaves the token as it was.
            if let Some(h) = stored_handle {
                let _ = session.destroy(h);
            }
            return Err(e);
        }
    };
    if stored_handle.is_some() {
        for h in old_certs {
            session.destroy(h)?;
        }
    }
    Ok(X509Report {
        kind: "certificate",
        subject,
        key_uri: public.uri,
        signature_algorithm: signer.algorithm_name().to_string(),
        sha256: crate::formats::sha256_hex(&der),
        serial: Some(hex::encode(&serial)),
        not_before: Some(rfc3339(not_before)),
        not_after: Some(rfc3339(not_after)),
        stored_handle,
        written_to,
        data,
    })
}

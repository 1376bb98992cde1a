//! Certificate input: PEM (lenient: CRLF, BOM, text around the blocks) or DER, refusing
//! requests and private keys with what they are; canonical PEM out; the fields an
//! administrator checks. Pure: no I/O.

use super::pubkey::PublicKeyMaterial;

/// Every X.509 certificate in `bytes` (PEM blocks, or one DER certificate), in order.
/// Refuses an empty file, private keys, requests and anything else that is not a certificate.
pub fn parse_certificates(bytes: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("the file is empty".into());
    }
    let ders = match std::str::from_utf8(bytes) {
        Ok(text) if text.contains("-----BEGIN ") => {
            let mut certs = Vec::new();
            for (label, der) in super::pem::blocks(text)? {
                match label.as_str() {
                    "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => certs.push(der),
                    l if l.contains("PRIVATE KEY") => {
                        return Err("this is a private key, not a certificate".into());
                    }
                    l if l.contains("CERTIFICATE REQUEST") => {
                        return Err("this is a certificate request (CSR), not a certificate".into());
                    }
                    l => return Err(format!("a PEM '{l}' block is not a certificate")),
                }
            }
            if certs.is_empty() {
                return Err("no certificate in the PEM".into());
            }
            certs
        }
        Ok(text) => {
            // Text that is not PEM: say what it looks like instead of a DER parser's complaint.
            let t = text.trim_start();
            let first = t.split_whitespace().next().unwrap_or_default();
            if first.starts_with("ssh-") || first.starts_with("ecdsa-") || first.starts_with("sk-")
            {
                return Err(
                    "this is an OpenSSH key or certificate line, not an X.509 certificate".into(),
                );
            }
            if bytes.first().is_none_or(|b| *b != 0x30) {
                return Err(
                    "this is text but not PEM: expected -----BEGIN CERTIFICATE-----".into(),
                );
            }
            vec![bytes.to_vec()]
        }
        Err(_) => vec![bytes.to_vec()],
    };
    for der in &ders {
        check_der(der)?;
    }
    Ok(ders)
}

/// Checks that `der` is exactly one X.509 certificate (naming what it is otherwise).
pub fn check_der(der: &[u8]) -> Result<(), String> {
    match x509_parser::parse_x509_certificate(der) {
        Ok((&[], _)) => Ok(()),
        Ok(_) => Err("trailing bytes after the certificate".into()),
        Err(_) if <x509_parser::certification_request::X509CertificationRequest as x509_parser::prelude::FromDer<_>>::from_der(der).is_ok() => {
            Err("this is a certificate request (CSR), not a certificate".into())
        }
        Err(_) if pkcs8::PrivateKeyInfo::try_from(der).is_ok()
            || pkcs8::EncryptedPrivateKeyInfo::try_from(der).is_ok() =>
        {
            Err("this is a private key, not a certificate".into())
        }
        // x509-parser's error is Debug-shaped ("Parsing requires 1 bytes/chars"): the user
        // gets what was wrong in words, with the size for a clue.
        Err(_) if der.first() != Some(&0x30) => Err(format!(
            "not an X.509 certificate: neither PEM nor DER ({} bytes that do not start a DER \
             SEQUENCE)",
            der.len()
        )),
        Err(_) => Err(format!(
            "not an X.509 certificate: {} bytes of malformed or truncated DER",
            der.len()
        )),
    }
}

/// Exactly one X.509 certificate, as DER.
pub fn parse_one_certificate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut certs = parse_certificates(bytes)?;
    match certs.len() {
        1 => Ok(certs.remove(0)),
        n => Err(format!("{n} certificates; give exactly one")),
    }
}

/// Certificates as canonical PEM: 64-column base64, LF line ends, a final newline.
pub fn to_pem(ders: &[Vec<u8>]) -> String {
    ders.iter()
        .map(|d| super::pem::encode("CERTIFICATE", d))
        .collect()
}

/// What an administrator checks about a certificate.
#[derive(Debug, Clone)]
pub struct CertSummary {
    /// The subject, RFC 4514 style.
    pub subject: String,
    /// The issuer.
    pub issuer: String,
    /// Validity start.
    pub not_before: time::OffsetDateTime,
    /// Validity end.
    pub not_after: time::OffsetDateTime,
    /// basicConstraints CA:TRUE.
    pub is_ca: bool,
    /// Issuer and subject are the same name.
    pub self_issued: bool,
    /// Subject CNs and DNS names (as written), and IP addresses from the SAN.
    pub names: Vec<String>,
    /// SHA-256 of the DER.
    pub sha256: [u8; 32],
}

impl CertSummary {
    /// Reads the fields of a DER certificate (already checked by `parse_certificates`).
    pub fn of(der: &[u8]) -> Result<Self, String> {
        use sha2::Digest;
        use x509_parser::extensions::GeneralName;
        let (_, c) = x509_parser::parse_x509_certificate(der).map_err(|e| e.to_string())?;
        let mut names: Vec<String> = c
            .subject()
            .iter_common_name()
            .filter_map(|cn| cn.as_str().ok().map(str::to_string))
            .collect();
        if let Ok(Some(san)) = c.subject_alternative_name() {
            for n in &san.value.general_names {
                match n {
                    GeneralName::DNSName(d) => names.push(d.to_string()),
                    GeneralName::IPAddress(b) => {
                        let ip = match b.len() {
                            4 => <[u8; 4]>::try_from(*b).ok().map(std::net::IpAddr::from),
                            16 => <[u8; 16]>::try_from(*b).ok().map(std::net::IpAddr::from),
                            _ => None,
                        };
                        names.extend(ip.map(|i| i.to_string()));
                    }
                    _ => {}
                }
            }
        }
        Ok(CertSummary {
            subject: c.subject().to_string(),
            issuer: c.issuer().to_string(),
            not_before: c.validity().not_before.to_datetime(),
            not_after: c.validity().not_after.to_datetime(),
            is_ca: c.is_ca(),
            self_issued: c.subject().as_raw() == c.issuer().as_raw(),
            names,
            sha256: sha2::Sha256::digest(der).into(),
        })
    }

    /// Whether a CN or SAN names `host` (DNS case-insensitively, `*.` wildcards for one label;
    /// IP addresses in any written form).
    pub fn names_host(&self, host: &super::host::Host) -> bool {
        let want = host.canonical();
        self.names.iter().any(|n| match super::host::parse_host(n) {
            Ok(h) => h.canonical() == want,
            Err(_) => n
                .to_ascii_lowercase()
                .strip_prefix("*.")
                .is_some_and(|rest| want.split_once('.').is_some_and(|(_, w)| w == rest)),
        })
    }

    /// The fingerprint as `openssl x509 -fingerprint -sha256` prints it (AB:CD:...).
    pub fn fingerprint(&self) -> String {
        self.sha256
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(":")
    }
}

/// The certificate's public key.
pub fn certificate_key(der: &[u8]) -> Result<PublicKeyMaterial, String> {
    let (_, c) = x509_parser::parse_x509_certificate(der).map_err(|e| e.to_string())?;
    PublicKeyMaterial::from_spki_der(c.tbs_certificate.subject_pki.raw).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_one_certificate() {
        assert!(parse_one_certificate(b"").is_err());
        assert!(parse_one_certificate(b"garbage").is_err());
        let key =
            b"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n";
        assert!(
            parse_one_certificate(key)
                .unwrap_err()
                .contains("private key")
        );
        let truncated = b"-----BEGIN CERTIFICATE-----\nMIIB\n";
        assert!(
            parse_one_certificate(truncated)
                .unwrap_err()
                .contains("truncated")
        );
    }
}

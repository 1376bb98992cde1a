//! Certificate input: PEM (lenient: CRLF, BOM, text around the blocks) or DER, exactly one
//! certificate, refusing requests and private keys with what they are. Pure: no I/O.

use super::pubkey::PublicKeyMaterial;

/// PEM blocks (label, DER) found anywhere in `text`.
fn pem_blocks(text: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let label_end = after.find("-----").ok_or("a PEM header is not closed")?;
        let label = after[..label_end].to_string();
        let end_marker = format!("-----END {label}-----");
        let end = rest[start..]
            .find(&end_marker)
            .ok_or_else(|| format!("the PEM block '{label}' is truncated (no END line)"))?;
        let block = &rest[start..start + end + end_marker.len()];
        let (_, der) = pem_rfc7468::decode_vec(block.as_bytes())
            .map_err(|e| format!("the PEM block '{label}' is corrupt: {e}"))?;
        out.push((label, der));
        rest = &rest[start + end + end_marker.len()..];
    }
    Ok(out)
}

/// Exactly one X.509 certificate, as DER.
pub fn parse_one_certificate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let der = match std::str::from_utf8(bytes) {
        Ok(text) if text.contains("-----BEGIN ") => {
            let blocks = pem_blocks(text)?;
            let mut certs = Vec::new();
            for (label, der) in blocks {
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
            match certs.len() {
                1 => certs.remove(0),
                0 => return Err("no certificate in the PEM".into()),
                n => return Err(format!("{n} certificates; give exactly one")),
            }
        }
        _ => bytes.to_vec(),
    };
    match x509_parser::parse_x509_certificate(&der) {
        Ok((&[], _)) => Ok(der),
        Ok(_) => Err("trailing bytes after the certificate".into()),
        Err(_) if <x509_parser::certification_request::X509CertificationRequest as x509_parser::prelude::FromDer<_>>::from_der(&der).is_ok() => {
            Err("this is a certificate request (CSR), not a certificate".into())
        }
        Err(e) => Err(format!("not an X.509 certificate: {e}")),
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

//! PKCS#10 requests to be signed: PEM or DER in, the signature checked (every algorithm hsmctl
//! makes, P-521 included), the key checked against the signing policy, the requested
//! extensions out. Pure: no I/O.

use super::pubkey::PublicKeyMaterial;
use der::{Decode, Encode};
use x509_cert::ext::Extension;
use x509_cert::request::{CertReq, ExtensionReq};
use x509_parser::prelude::FromDer;

/// The smallest RSA key signed without `--allow-weak`.
pub const MIN_RSA_BITS: usize = 2048;

/// A request whose signature has been checked.
#[derive(Debug)]
pub struct Request {
    /// The request as decoded.
    pub req: CertReq,
    /// The requester's key.
    pub key: PublicKeyMaterial,
    /// The requested extensions (the extensionRequest attribute), possibly none.
    pub extensions: Vec<Extension>,
}

/// The DER of a request in PEM ("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST") or DER.
pub fn request_der(bytes: &[u8]) -> Result<Vec<u8>, String> {
    match std::str::from_utf8(bytes) {
        Ok(text) if text.contains("-----BEGIN ") => {
            let blocks = super::pem::blocks(text)?;
            let mut reqs = blocks
                .into_iter()
                .filter(|(l, _)| l.ends_with("CERTIFICATE REQUEST"));
            match (reqs.next(), reqs.next()) {
                (Some((_, der)), None) => Ok(der),
                (None, _) => Err("no CERTIFICATE REQUEST block in the PEM".into()),
                (Some(_), Some(_)) => Err("more than one request in the file".into()),
            }
        }
        _ => Ok(bytes.to_vec()),
    }
}

/// Decodes a request, checks its signature and its key; `allow_weak` accepts RSA keys under
/// 2048 bits.
pub fn check(der_bytes: &[u8], allow_weak: bool) -> Result<Request, String> {
    let req = CertReq::from_der(der_bytes).map_err(|e| {
        if super::cert::check_der(der_bytes).is_ok() {
            "this is a certificate, not a certificate request".to_string()
        } else {
            format!("not a PKCS#10 certificate request: {e}")
        }
    })?;
    let spki = req.info.public_key.to_der().map_err(|e| e.to_string())?;
    let key = PublicKeyMaterial::from_spki_der(&spki).map_err(|e| {
        format!(
            "the request's key is refused: {e} (RSA of {MIN_RSA_BITS} bits or more, ECDSA \
             P-256/P-384/P-521 and Ed25519 are signed)"
        )
    })?;
    if let PublicKeyMaterial::Ec { curve, .. } = &key
        && !matches!(
            curve,
            super::ec::Curve::P256 | super::ec::Curve::P384 | super::ec::Curve::P521
        )
    {
        return Err(format!(
            "the request's key is refused: {} (ECDSA P-256/P-384/P-521, RSA and Ed25519 are \
             signed)",
            key.describe()
        ));
    }
    if let PublicKeyMaterial::Rsa { n, .. } = &key {
        let bits = rsa_bits(n);
        if bits < MIN_RSA_BITS && !allow_weak {
            return Err(format!(
                "the request's key is refused: RSA of {bits} bits is weaker than the \
                 {MIN_RSA_BITS} bits policy asks for (--allow-weak signs it anyway)"
            ));
        }
    }
    verify_signature(der_bytes, &req, &key)?;
    let mut extensions = Vec::new();
    for attr in req.info.attributes.iter() {
        if attr.oid == <ExtensionReq as der::oid::AssociatedOid>::OID {
            for v in attr.values.iter() {
                let r: ExtensionReq = v
                    .decode_as()
                    .map_err(|e| format!("the request's extensionRequest does not parse: {e}"))?;
                extensions.extend(r.0);
            }
        }
    }
    Ok(Request {
        req,
        key,
        extensions,
    })
}

/// Checks the request's signature with aws-lc-rs, over the request's own bytes. The pairs
/// are what hsmctl and openssl make: PKCS#1 v1.5 (SHA-1 and SHA-2) and PSS with RSA, ECDSA
/// with SHA-256/384 on P-256/P-384 and SHA-512 on P-521, Ed25519. RSA keys under 2048 bits
/// (signed with --allow-weak) are checked with aws-lc-rs's legacy 1024-bit-and-up
/// verifiers, which have SHA-256 and SHA-512.
fn verify_signature(
    der_bytes: &[u8],
    req: &CertReq,
    key: &PublicKeyMaterial,
) -> Result<(), String> {
    use super::ec::Curve;
    use aws_lc_rs::signature as s;
    let bad = |why: String| format!("the request's signature does not verify: {why}");
    let weak = matches!(key, PublicKeyMaterial::Rsa { n, .. } if rsa_bits(n) < MIN_RSA_BITS);
    if let PublicKeyMaterial::Rsa { n, .. } = key
        && rsa_bits(n) < 1024
    {
        return Err(bad(format!(
            "RSA keys of {} bits are too small to be checked (1024 bits at least)",
            rsa_bits(n)
        )));
    }
    let rsa = matches!(key, PublicKeyMaterial::Rsa { .. });
    let curve = match key {
        PublicKeyMaterial::Ec { curve, .. } => Some(*curve),
        _ => None,
    };
    let oid = req.algorithm.oid.to_string();
    let alg: &dyn s::VerificationAlgorithm = match oid.as_str() {
        "1.2.840.113549.1.1.11" if weak => &s::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        "1.2.840.113549.1.1.13" if weak => &s::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        _ if weak => {
            return Err(bad(format!(
                "signature algorithm {oid} with a weak RSA key is not supported"
            )));
        }
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" if rsa => {
            &s::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY
        }
        "1.2.840.113549.1.1.11" if rsa => &s::RSA_PKCS1_2048_8192_SHA256,
        "1.2.840.113549.1.1.12" if rsa => &s::RSA_PKCS1_2048_8192_SHA384,
        "1.2.840.113549.1.1.13" if rsa => &s::RSA_PKCS1_2048_8192_SHA512,
        "1.2.840.113549.1.1.10" if rsa => match pss_hash(req).as_deref() {
            Some("2.16.840.1.101.3.4.2.1") => &s::RSA_PSS_2048_8192_SHA256,
            Some("2.16.840.1.101.3.4.2.2") => &s::RSA_PSS_2048_8192_SHA384,
            Some("2.16.840.1.101.3.4.2.3") => &s::RSA_PSS_2048_8192_SHA512,
            _ => return Err(bad("RSASSA-PSS with this hash is not supported".into())),
        },
        "1.2.840.10045.4.3.2" if curve == Some(Curve::P256) => &s::ECDSA_P256_SHA256_ASN1,
        "1.2.840.10045.4.3.2" if curve == Some(Curve::P384) => &s::ECDSA_P384_SHA256_ASN1,
        "1.2.840.10045.4.3.3" if curve == Some(Curve::P256) => &s::ECDSA_P256_SHA384_ASN1,
        "1.2.840.10045.4.3.3" if curve == Some(Curve::P384) => &s::ECDSA_P384_SHA384_ASN1,
        "1.2.840.10045.4.3.4" if curve == Some(Curve::P521) => &s::ECDSA_P521_SHA512_ASN1,
        "1.3.101.112" if matches!(key, PublicKeyMaterial::Ed25519(_)) => &s::ED25519,
        _ => {
            return Err(bad(format!(
                "signature algorithm {oid} with a {} key is not supported",
                key.describe()
            )));
        }
    };
    // The bytes signed are the request's own, not a re-encoding of what was decoded.
    let (_, parsed) =
        x509_parser::certification_request::X509CertificationRequest::from_der(der_bytes)
            .map_err(|e| bad(e.to_string()))?;
    s::UnparsedPublicKey::new(alg, req.info.public_key.subject_public_key.raw_bytes())
        .verify(
            parsed.certification_request_info.raw,
            req.signature.raw_bytes(),
        )
        .map_err(|_| bad("bad signature".into()))
}

/// The hash OID of a PSS request's parameters (SHA-1, the default, when absent).
fn pss_hash(req: &CertReq) -> Option<String> {
    let params = req.algorithm.parameters.as_ref()?;
    let params: pkcs1::RsaPssParams = params.decode_as().ok()?;
    Some(params.hash.oid.to_string())
}

fn rsa_bits(n: &[u8]) -> usize {
    n.len() * 8 - n.first().map_or(0, |b| b.leading_zeros() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csr(alg: &'static rcgen::SignatureAlgorithm) -> Vec<u8> {
        let key = rcgen::KeyPair::generate_for(alg).unwrap();
        let mut p = rcgen::CertificateParams::new(vec!["a.example".into()]).unwrap();
        p.distinguished_name.push(rcgen::DnType::CommonName, "a");
        p.serialize_request(&key).unwrap().der().to_vec()
    }

    #[test]
    fn checks_signatures_and_reads_requested_names() {
        let der = csr(&rcgen::PKCS_ECDSA_P256_SHA256);
        let r = check(&der, false).unwrap();
        assert_eq!(
            super::super::x509_ext::sans_of(&r.extensions)
                .unwrap()
                .len(),
            1
        );
        // One flipped bit in the signature.
        let mut bad = der.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert!(check(&bad, false).unwrap_err().contains("signature"));
        assert!(check(b"junk", false).is_err());
        let pem = super::super::pem::encode("CERTIFICATE REQUEST", &der);
        assert_eq!(request_der(pem.as_bytes()).unwrap(), der);
    }
}

//! PKCS#10 requests to be signed: PEM or DER in, the signature checked (every algorithm hsmctl
//! makes, P-521 included), the key checked against the signing policy, the requested
//! extensions out. Pure: no I/O.

use super::pubkey::PublicKeyMaterial;
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use x509_cert::ext::Extension;
use x509_cert::request::{CertReq, ExtensionReq};
use x509_parser::prelude::FromDer;

/// ecdsa-with-SHA512 (RFC 5758), which ring (x509-parser's verifier) does not do on P-521.
const ECDSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");

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
            let blocks = super::cert::pem_blocks(text)?;
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

fn verify_signature(
    der_bytes: &[u8],
    req: &CertReq,
    key: &PublicKeyMaterial,
) -> Result<(), String> {
    let bad = |why: String| format!("the request's signature does not verify: {why}");
    if req.algorithm.oid == ECDSA_SHA512 {
        // ring has no P-521; RustCrypto's p521 checks it (and SHA-512 on P-521 only).
        let PublicKeyMaterial::Ec {
            curve: super::ec::Curve::P521,
            point,
        } = key
        else {
            return Err(bad(format!(
                "ecdsa-with-SHA512 with a {} key is not supported",
                key.describe()
            )));
        };
        use p521::ecdsa::signature::Verifier;
        let vk =
            p521::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|e| bad(e.to_string()))?;
        let sig = p521::ecdsa::Signature::from_der(req.signature.raw_bytes())
            .map_err(|e| bad(e.to_string()))?;
        let body = req.info.to_der().map_err(|e| bad(e.to_string()))?;
        return vk
            .verify(&body, &sig)
            .map_err(|_| bad("bad signature".into()));
    }
    if let PublicKeyMaterial::Rsa { n, e } = key
        && rsa_bits(n) < MIN_RSA_BITS
    {
        // ring refuses RSA keys under 2048 bits outright; --allow-weak ones are checked with
        // RustCrypto's rsa (PKCS#1 v1.5 with SHA-2).
        return verify_weak_rsa(req, n, e).map_err(bad);
    }
    let (_, parsed) =
        x509_parser::certification_request::X509CertificationRequest::from_der(der_bytes)
            .map_err(|e| bad(e.to_string()))?;
    parsed.verify_signature().map_err(|e| bad(e.to_string()))
}

fn rsa_bits(n: &[u8]) -> usize {
    n.len() * 8 - n.first().map_or(0, |b| b.leading_zeros() as usize)
}

fn verify_weak_rsa(req: &CertReq, n: &[u8], e: &[u8]) -> Result<(), String> {
    use rsa::signature::Verifier;
    let key = rsa::RsaPublicKey::new(
        rsa::BigUint::from_bytes_be(n),
        rsa::BigUint::from_bytes_be(e),
    )
    .map_err(|x| x.to_string())?;
    let body = req.info.to_der().map_err(|x| x.to_string())?;
    let sig =
        rsa::pkcs1v15::Signature::try_from(req.signature.raw_bytes()).map_err(|x| x.to_string())?;
    let bad = |_| "bad signature".to_string();
    match req.algorithm.oid.to_string().as_str() {
        "1.2.840.113549.1.1.11" => rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key)
            .verify(&body, &sig)
            .map_err(bad),
        "1.2.840.113549.1.1.12" => rsa::pkcs1v15::VerifyingKey::<sha2::Sha384>::new(key)
            .verify(&body, &sig)
            .map_err(bad),
        "1.2.840.113549.1.1.13" => rsa::pkcs1v15::VerifyingKey::<sha2::Sha512>::new(key)
            .verify(&body, &sig)
            .map_err(bad),
        other => Err(format!(
            "signature algorithm {other} with a weak RSA key is not supported"
        )),
    }
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
        let pem =
            pem_rfc7468::encode_string("CERTIFICATE REQUEST", Default::default(), &der).unwrap();
        assert_eq!(request_der(pem.as_bytes()).unwrap(), der);
    }
}

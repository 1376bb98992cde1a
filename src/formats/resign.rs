//! RSASSA-PSS for the certificates and requests rcgen builds. rcgen 0.14 has no name for PSS on
//! any backend, so rcgen signs under PKCS#1 v1.5's name with the same RSA key (the public key
//! is the same rsaEncryption either way) and [`resign_pss`] puts PSS in its place.

use der::{Decode, Encode, asn1::BitString};
use spki::{AlgorithmIdentifierOwned, ObjectIdentifier};
use x509_cert::{Certificate, request::CertReq};

/// id-RSASSA-PSS (RFC 4055).
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");

/// SHA-2 digests for RSASSA-PSS; the salt is as long as the digest (RFC 8017's advice, and
/// what OpenSSL and the CA/Browser Forum profiles expect).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PssHash {
    /// SHA-256, salt 32.
    Sha256,
    /// SHA-384, salt 48.
    Sha384,
    /// SHA-512, salt 64.
    Sha512,
}

/// The AlgorithmIdentifier of RSASSA-PSS with `hash`, MGF1 of the same hash.
pub fn pss_algorithm(hash: PssHash) -> Result<AlgorithmIdentifierOwned, String> {
    let params = match hash {
        PssHash::Sha256 => pkcs1::RsaPssParams::new::<sha2::Sha256>(32),
        PssHash::Sha384 => pkcs1::RsaPssParams::new::<sha2::Sha384>(48),
        PssHash::Sha512 => pkcs1::RsaPssParams::new::<sha2::Sha512>(64),
    };
    Ok(AlgorithmIdentifierOwned {
        oid: RSASSA_PSS,
        parameters: Some(der::Any::encode_from(&params).map_err(|e| e.to_string())?),
    })
}

/// `der`, rcgen's certificate or request signed with PKCS#1 v1.5, re-signed as RSASSA-PSS with
/// `hash`: every AlgorithmIdentifier of the signature becomes PSS's and `sign` (a PSS
/// signature by the same key) signs the new body. The rest of rcgen's DER is kept as it is.
pub fn resign_pss(
    der: &[u8],
    hash: PssHash,
    sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, String>,
) -> Result<Vec<u8>, String> {
    let e = |e: der::Error| e.to_string();
    let alg = pss_algorithm(hash)?;
    let signed = |s: Vec<u8>| BitString::from_bytes(&s).map_err(e);
    if let Ok(mut c) = Certificate::from_der(der) {
        c.tbs_certificate.signature = alg.clone();
        c.signature_algorithm = alg;
        c.signature = signed(sign(&c.tbs_certificate.to_der().map_err(e)?)?)?;
        return c.to_der().map_err(e);
    }
    let mut r = CertReq::from_der(der).map_err(e)?;
    r.algorithm = alg;
    r.signature = signed(sign(&r.info.to_der().map_err(e)?)?)?;
    r.to_der().map_err(e)
}

#[cfg(test)]
mod tests {
    use super::{PssHash, resign_pss};
    use aws_lc_rs::signature::{self, KeyPair as _};
    use x509_parser::prelude::FromDer;

    #[test]
    fn certificates_and_requests_become_pss_and_verify() {
        let key =
            rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA384, rcgen::RsaKeySize::_2048)
                .unwrap();
        let signer = signature::RsaKeyPair::from_pkcs8(&key.serialize_der()).unwrap();
        let sign = |body: &[u8]| {
            let mut sig = vec![0; signer.public_modulus_len()];
            let rng = aws_lc_rs::rand::SystemRandom::new();
            signer
                .sign(&signature::RSA_PSS_SHA384, &rng, body, &mut sig)
                .map_err(|e| e.to_string())?;
            Ok(sig)
        };
        let public = signature::UnparsedPublicKey::new(
            &signature::RSA_PSS_2048_8192_SHA384,
            signer.public_key().as_ref().to_vec(),
        );
        let params = rcgen::CertificateParams::new(vec!["a.example".into()]).unwrap();
        let pss = "1.2.840.113549.1.1.10";

        let cert = params.clone().self_signed(&key).unwrap();
        let der = resign_pss(cert.der(), PssHash::Sha384, sign).unwrap();
        let (_, c) = x509_parser::parse_x509_certificate(&der).unwrap();
        assert_eq!(c.signature_algorithm.algorithm.to_id_string(), pss);
        assert_eq!(c.tbs_certificate.signature.algorithm.to_id_string(), pss);
        // Everything but the signature is rcgen's.
        let (_, old) = x509_parser::parse_x509_certificate(cert.der()).unwrap();
        assert_eq!(
            c.tbs_certificate.subject.as_raw(),
            old.tbs_certificate.subject.as_raw()
        );
        public
            .verify(c.tbs_certificate.as_ref(), &c.signature_value.data)
            .unwrap();

        let csr = params.serialize_request(&key).unwrap();
        let der = resign_pss(csr.der(), PssHash::Sha384, sign).unwrap();
        let (_, r) =
            x509_parser::certification_request::X509CertificationRequest::from_der(&der).unwrap();
        assert_eq!(r.signature_algorithm.algorithm.to_id_string(), pss);
        public
            .verify(r.certification_request_info.raw, &r.signature_value.data)
            .unwrap();
        assert!(resign_pss(b"junk", PssHash::Sha256, sign).is_err());
    }
}

//! Re-signing rcgen's output under an algorithm rcgen 0.14 cannot name (RSASSA-PSS, ECDSA on
//! P-521): rcgen still builds the body (subject, extensions, validity); this swaps in the real
//! algorithm identifier and public key, and hands back the bytes the token must sign.

use der::{Decode, Encode, asn1::BitString};
use spki::{AlgorithmIdentifierOwned, ObjectIdentifier, SubjectPublicKeyInfoOwned};
use x509_cert::{Certificate, request::CertReq};

/// id-RSASSA-PSS (RFC 4055).
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// ecdsa-with-SHA512 (RFC 5758), the conventional pairing for P-521.
const ECDSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");

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

/// The AlgorithmIdentifier of ecdsa-with-SHA512 (no parameters).
pub fn ecdsa_sha512_algorithm() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: ECDSA_SHA512,
        parameters: None,
    }
}

/// The AlgorithmIdentifier of a signature by name: `rsa-sha256/384/512` (PKCS#1 v1.5, NULL
/// parameters), `ecdsa-sha256/384/512`, `ed25519` (no parameters).
pub fn plain_algorithm(name: &str) -> Result<AlgorithmIdentifierOwned, String> {
    let (oid, null) = match name {
        "rsa-sha256" => ("1.2.840.113549.1.1.11", true),
        "rsa-sha384" => ("1.2.840.113549.1.1.12", true),
        "rsa-sha512" => ("1.2.840.113549.1.1.13", true),
        "ecdsa-sha256" => ("1.2.840.10045.4.3.2", false),
        "ecdsa-sha384" => ("1.2.840.10045.4.3.3", false),
        "ecdsa-sha512" => return Ok(ecdsa_sha512_algorithm()),
        "ed25519" => ("1.3.101.112", false),
        other => return Err(format!("no signature algorithm {other}")),
    };
    Ok(AlgorithmIdentifierOwned {
        oid: ObjectIdentifier::new(oid).map_err(|e| e.to_string())?,
        parameters: null.then(der::Any::null),
    })
}

/// A certificate or request waiting for its signature.
pub enum Unsigned {
    /// An X.509 certificate.
    Certificate(Box<Certificate>),
    /// A PKCS#10 request.
    Request(Box<CertReq>),
}

impl Unsigned {
    /// Reads rcgen's DER certificate and puts `alg` and `spki_der` in place of rcgen's stand-ins.
    pub fn certificate(
        der_bytes: &[u8],
        alg: &AlgorithmIdentifierOwned,
        spki_der: &[u8],
    ) -> Result<Self, String> {
        let mut cert = Certificate::from_der(der_bytes).map_err(|e| e.to_string())?;
        cert.tbs_certificate.signature = alg.clone();
        cert.tbs_certificate.subject_public_key_info = spki(spki_der)?;
        cert.signature_algorithm = alg.clone();
        Ok(Unsigned::Certificate(Box::new(cert)))
    }

    /// Reads rcgen's DER request and puts `alg` and `spki_der` in place of rcgen's stand-ins.
    pub fn request(
        der_bytes: &[u8],
        alg: &AlgorithmIdentifierOwned,
        spki_der: &[u8],
    ) -> Result<Self, String> {
        let mut req = CertReq::from_der(der_bytes).map_err(|e| e.to_string())?;
        req.info.public_key = spki(spki_der)?;
        req.algorithm = alg.clone();
        Ok(Unsigned::Request(Box::new(req)))
    }

    /// The DER the signature covers (TBSCertificate or CertificationRequestInfo).
    pub fn to_be_signed(&self) -> Result<Vec<u8>, String> {
        match self {
            Unsigned::Certificate(c) => c.tbs_certificate.to_der(),
            Unsigned::Request(r) => r.info.to_der(),
        }
        .map_err(|e| e.to_string())
    }

    /// The finished DER with `signature` (already in X.509 form: DER for ECDSA).
    pub fn finish(self, signature: &[u8]) -> Result<Vec<u8>, String> {
        let bits = BitString::from_bytes(signature).map_err(|e| e.to_string())?;
        match self {
            Unsigned::Certificate(mut c) => {
                c.signature = bits;
                c.to_der()
            }
            Unsigned::Request(mut r) => {
                r.signature = bits;
                r.to_der()
            }
        }
        .map_err(|e| e.to_string())
    }
}

fn spki(der_bytes: &[u8]) -> Result<SubjectPublicKeyInfoOwned, String> {
    SubjectPublicKeyInfoOwned::from_der(der_bytes).map_err(|e| e.to_string())
}

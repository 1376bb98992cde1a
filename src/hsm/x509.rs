//! X.509 with token keys: an rcgen signer whose private key stays on the token, and
//! certificate objects.

use super::error::{HsmError, HsmResult};
use super::ffi::{AttrBuf, MechType, Mechanism, ObjectHandle, Template};
use super::pubkeys::{SignScheme, TokenPublicKey};
use super::session::HsmSession;
use crate::formats::ec::Curve;
use crate::formats::pubkey::PublicKeyMaterial;
use crate::formats::resign;
use cryptoki_sys::*;

/// Signs for rcgen with a token key: RSA PKCS#1 v1.5 or PSS with SHA-256/384/512, ECDSA with
/// the curve's SHA-2 (r || s from the token, DER for X.509), Ed25519.
///
/// rcgen 0.14 has no name for RSASSA-PSS on any backend. For PSS, rcgen builds the body under
/// PKCS#1 v1.5's name and this signer gives it an empty signature without touching the token;
/// `finish` then has [`resign::resign_pss`] put PSS in place and the token sign the final
/// body. One token signature either way.
pub struct TokenSigner<'a> {
    session: &'a HsmSession<'a>,
    key: u64,
    scheme: X509Scheme,
    alg: &'static rcgen::SignatureAlgorithm,
    der: Vec<u8>,
    spki: Vec<u8>,
    // rcgen's error carries no text: the token's own error is kept here for the caller.
    failure: std::cell::RefCell<Option<HsmError>>,
}

/// RSA digests for X.509 signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RsaDigest {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

/// How the token signs an X.509 body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum X509Scheme {
    RsaPkcs1(RsaDigest),
    RsaPss(RsaDigest),
    Ecdsa(Curve),
    Ed25519,
}

/// DER SEQUENCE { INTEGER r, INTEGER s } from the token's r || s.
pub fn ecdsa_der(raw: &[u8]) -> Result<Vec<u8>, String> {
    use der::Encode;
    if raw.is_empty() || !raw.len().is_multiple_of(2) {
        return Err(format!("an ECDSA signature of {} bytes", raw.len()));
    }
    let (r, s) = raw.split_at(raw.len() / 2);
    let int = |b: &[u8]| {
        let b = &b[b.iter().take_while(|x| **x == 0).count().min(b.len() - 1)..];
        der::asn1::UintRef::new(b)
            .and_then(|u| u.to_der())
            .map_err(|e| e.to_string())
    };
    let body = [int(r)?, int(s)?].concat();
    let mut out = der::Header::new(der::Tag::Sequence, body.len())
        .and_then(|h| h.to_der())
        .map_err(|e| e.to_string())?;
    out.extend(body);
    Ok(out)
}

impl<'a> TokenSigner<'a> {
    /// The token's error behind a failed rcgen signature, if that is why it failed.
    pub fn take_failure(&self) -> Option<HsmError> {
        self.failure.borrow_mut().take()
    }

    /// A signer for the public key `pubkey` and its private half `key`; `pss` asks for
    /// RSASSA-PSS instead of PKCS#1 v1.5 (RSA keys only).
    pub fn new(
        session: &'a HsmSession<'a>,
        pubkey: &TokenPublicKey,
        key: u64,
        digest: RsaDigest,
        pss: bool,
    ) -> HsmResult<Self> {
        let material = pubkey.material.clone().map_err(HsmError::Other)?;
        let other = |e: crate::formats::pubkey::KeyError| HsmError::Other(e.to_string());
        let spki = material.to_spki_der().map_err(other)?;
        if pss && !matches!(material, PublicKeyMaterial::Rsa { .. }) {
            return Err(HsmError::Unsupported(format!(
                "--pss (RSASSA-PSS) is for RSA keys; this key is {}",
                material.describe()
            )));
        }
        let (scheme, alg, der): (X509Scheme, &'static rcgen::SignatureAlgorithm, Vec<u8>) =
            match &material {
                PublicKeyMaterial::Rsa { .. } => (
                    if pss {
                        X509Scheme::RsaPss(digest)
                    } else {
                        X509Scheme::RsaPkcs1(digest)
                    },
                    match digest {
                        RsaDigest::Sha256 => &rcgen::PKCS_RSA_SHA256,
                        RsaDigest::Sha384 => &rcgen::PKCS_RSA_SHA384,
                        RsaDigest::Sha512 => &rcgen::PKCS_RSA_SHA512,
                    },
                    material.to_pkcs1_der().map_err(other)?,
                ),
                PublicKeyMaterial::Ec { curve, point } => (
                    X509Scheme::Ecdsa(*curve),
                    match curve {
                        Curve::P256 => &rcgen::PKCS_ECDSA_P256_SHA256,
                        Curve::P384 => &rcgen::PKCS_ECDSA_P384_SHA384,
                        Curve::P521 => &rcgen::PKCS_ECDSA_P521_SHA512,
                        other => {
                            return Err(HsmError::Unsupported(format!(
                                "X.509 signatures with {} keys are not supported \
                                 (P-256, P-384, P-521, RSA and Ed25519 are)",
                                other.name()
                            )));
                        }
                    },
                    point.clone(),
                ),
                PublicKeyMaterial::Ed25519(k) => {
                    (X509Scheme::Ed25519, &rcgen::PKCS_ED25519, k.to_vec())
                }
            };
        Ok(TokenSigner {
            session,
            key,
            scheme,
            alg,
            der,
            spki,
            failure: Default::default(),
        })
    }

    /// The signature algorithm's usual name (as `openssl` prints it).
    pub fn algorithm_name(&self) -> &'static str {
        match self.scheme {
            X509Scheme::RsaPkcs1(RsaDigest::Sha256) => "sha256WithRSAEncryption",
            X509Scheme::RsaPkcs1(RsaDigest::Sha384) => "sha384WithRSAEncryption",
            X509Scheme::RsaPkcs1(RsaDigest::Sha512) => "sha512WithRSAEncryption",
            X509Scheme::RsaPss(RsaDigest::Sha256) => "rsassaPss (SHA-256)",
            X509Scheme::RsaPss(RsaDigest::Sha384) => "rsassaPss (SHA-384)",
            X509Scheme::RsaPss(RsaDigest::Sha512) => "rsassaPss (SHA-512)",
            X509Scheme::Ecdsa(Curve::P256) => "ecdsa-with-SHA256",
            X509Scheme::Ecdsa(Curve::P384) => "ecdsa-with-SHA384",
            X509Scheme::Ecdsa(_) => "ecdsa-with-SHA512",
            X509Scheme::Ed25519 => "ED25519",
        }
    }

    /// The signer's SubjectPublicKeyInfo, DER.
    pub fn spki(&self) -> &[u8] {
        &self.spki
    }

    /// The AlgorithmIdentifier of this signer's signatures, for bodies built without rcgen:
    /// PKCS#1 v1.5 with NULL parameters (RFC 4055), ECDSA and Ed25519 without (RFC 5758, 8410).
    pub fn algorithm_identifier(&self) -> HsmResult<spki::AlgorithmIdentifierOwned> {
        let (oid, null) = match self.scheme {
            X509Scheme::RsaPss(d) => {
                return resign::pss_algorithm(pss_hash(d)).map_err(HsmError::Other);
            }
            X509Scheme::RsaPkcs1(RsaDigest::Sha256) => ("1.2.840.113549.1.1.11", true),
            X509Scheme::RsaPkcs1(RsaDigest::Sha384) => ("1.2.840.113549.1.1.12", true),
            X509Scheme::RsaPkcs1(RsaDigest::Sha512) => ("1.2.840.113549.1.1.13", true),
            X509Scheme::Ecdsa(Curve::P256) => ("1.2.840.10045.4.3.2", false),
            X509Scheme::Ecdsa(Curve::P384) => ("1.2.840.10045.4.3.3", false),
            X509Scheme::Ecdsa(_) => ("1.2.840.10045.4.3.4", false),
            X509Scheme::Ed25519 => ("1.3.101.112", false),
        };
        Ok(spki::AlgorithmIdentifierOwned {
            oid: spki::ObjectIdentifier::new_unwrap(oid),
            parameters: null.then(der::Any::null),
        })
    }

    /// The token's signature over `body` (a TBSCertificate), in X.509's form.
    pub fn sign_body(&self, body: &[u8]) -> HsmResult<Vec<u8>> {
        self.token_sign(body)
    }

    /// rcgen's certificate or request, final (re-signed as PSS where rcgen wrote PKCS#1
    /// v1.5's name).
    pub fn finish(&self, der: &[u8]) -> HsmResult<Vec<u8>> {
        let X509Scheme::RsaPss(d) = self.scheme else {
            return Ok(der.to_vec());
        };
        // The token's typed error is kept aside while the re-signing passes text.
        let signed = resign::resign_pss(der, pss_hash(d), |body| {
            self.token_sign(body).map_err(|e| {
                let text = e.to_string();
                *self.failure.borrow_mut() = Some(e);
                text
            })
        });
        signed.map_err(|text| self.take_failure().unwrap_or(HsmError::Other(text)))
    }

    /// One signature by the token, in X.509's form.
    fn token_sign(&self, msg: &[u8]) -> HsmResult<Vec<u8>> {
        let s = self.session;
        match self.scheme {
            X509Scheme::RsaPkcs1(d) => {
                let mech = match d {
                    RsaDigest::Sha256 => CKM_SHA256_RSA_PKCS,
                    RsaDigest::Sha384 => CKM_SHA384_RSA_PKCS,
                    RsaDigest::Sha512 => CKM_SHA512_RSA_PKCS,
                };
                s.sign_plain(self.key, mech, msg)
            }
            X509Scheme::RsaPss(d) => {
                let hash = match d {
                    RsaDigest::Sha256 => CKM_SHA256,
                    RsaDigest::Sha384 => CKM_SHA384,
                    RsaDigest::Sha512 => CKM_SHA512,
                };
                s.ffi
                    .sign(ObjectHandle(self.key), Mechanism::pss(MechType(hash)), msg)
            }
            X509Scheme::Ecdsa(curve) => {
                let raw = s.sign_for_ssh(self.key, SignScheme::Ecdsa(curve), msg)?;
                ecdsa_der(&raw).map_err(HsmError::Other)
            }
            X509Scheme::Ed25519 => s.sign_for_ssh(self.key, SignScheme::Ed25519, msg),
        }
    }
}

fn pss_hash(d: RsaDigest) -> resign::PssHash {
    match d {
        RsaDigest::Sha256 => resign::PssHash::Sha256,
        RsaDigest::Sha384 => resign::PssHash::Sha384,
        RsaDigest::Sha512 => resign::PssHash::Sha512,
    }
}

impl rcgen::PublicKeyData for TokenSigner<'_> {
    fn der_bytes(&self) -> &[u8] {
        &self.der
    }

    fn algorithm(&self) -> &'static rcgen::SignatureAlgorithm {
        self.alg
    }
}

impl rcgen::SigningKey for TokenSigner<'_> {
    fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, rcgen::Error> {
        if matches!(self.scheme, X509Scheme::RsaPss(_)) {
            // Under PKCS#1 v1.5's name: finish signs the real body.
            return Ok(Vec::new());
        }
        self.token_sign(msg).map_err(|e| {
            *self.failure.borrow_mut() = Some(e);
            rcgen::Error::RemoteKeyError
        })
    }
}

impl HsmSession<'_> {
    /// CKA_VALUE of an object (a certificate's DER), if readable.
    pub fn value(&self, handle: u64) -> HsmResult<Option<Vec<u8>>> {
        let mut a = [AttrBuf::new(CKA_VALUE, 4096)];
        self.ffi.read_attributes(ObjectHandle(handle), &mut a)?;
        Ok(a[0].value().map(<[u8]>::to_vec))
    }

    /// The public key of an RSA private key (its modulus and exponent are not secret); None for
    /// other keys, whose private objects do not carry the public point.
    pub fn private_key_public_part(&self, handle: u64) -> HsmResult<Option<PublicKeyMaterial>> {
        let mut a = [
            AttrBuf::new(CKA_KEY_TYPE, 8),
            AttrBuf::new(CKA_MODULUS, 1100),
            AttrBuf::new(CKA_PUBLIC_EXPONENT, 16),
        ];
        self.ffi.read_attributes(ObjectHandle(handle), &mut a)?;
        if a[0].value().and_then(super::attributes::ulong) != Some(CKK_RSA) {
            return Ok(None);
        }
        Ok(match (a[1].value(), a[2].value()) {
            (Some(n), Some(e)) => PublicKeyMaterial::from_rsa(n, e).ok(),
            _ => None,
        })
    }

    /// Stores an X.509 certificate as a CKO_CERTIFICATE token object.
    pub fn store_certificate(
        &self,
        der: &[u8],
        label: &str,
        id: &[u8],
        subject: &[u8],
        issuer: &[u8],
        serial_der: &[u8],
    ) -> HsmResult<u64> {
        let t = Template::new()
            .class(CKO_CERTIFICATE)
            .ulong(CKA_CERTIFICATE_TYPE, CKC_X_509)
            .bool(CKA_TOKEN, true)
            .bool(CKA_PRIVATE, false)
            .bool(CKA_MODIFIABLE, true)
            .label(label)
            .id(id)
            .bytes(CKA_SUBJECT, subject)
            .bytes(CKA_ISSUER, issuer)
            .bytes(CKA_SERIAL_NUMBER, serial_der)
            .bytes(CKA_VALUE, der);
        Ok(self.ffi.create_object(&t)?.0)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ecdsa_signatures_become_der() {
        let mut raw = vec![0u8; 64];
        raw[0] = 0x80; // r needs a leading zero in DER
        raw[63] = 1;
        let der = super::ecdsa_der(&raw).unwrap();
        assert_eq!(&der[..4], &[0x30, 0x26, 0x02, 0x21]);
        assert_eq!(&der[der.len() - 3..], &[0x02, 0x01, 0x01]);
    }
}

//! X.509 with token keys: an rcgen signer whose private key stays on the token, and
//! certificate objects.

use super::error::{HsmError, HsmResult};
use super::pubkeys::{SignScheme, TokenPublicKey};
use super::raw::Template;
use super::session::HsmSession;
use crate::formats::ec::Curve;
use crate::formats::pubkey::PublicKeyMaterial;
use cryptoki_sys::*;

/// Signs for rcgen with a token key: RSA PKCS#1 v1.5 with SHA-256/384/512, ECDSA with the
/// curve's SHA-2 (r || s from the token, DER for X.509), Ed25519.
pub struct TokenSigner<'a> {
    session: &'a HsmSession<'a>,
    key: u64,
    material: PublicKeyMaterial,
    alg: &'static rcgen::SignatureAlgorithm,
    der: Vec<u8>,
    // rcgen's error carries no text: the token's own error is kept here for the caller.
    failure: std::cell::RefCell<Option<HsmError>>,
}

/// RSA digests for X.509 signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RsaDigest {
    /// sha256WithRSAEncryption.
    Sha256,
    /// sha384WithRSAEncryption.
    Sha384,
    /// sha512WithRSAEncryption.
    Sha512,
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

    /// A signer for the public key `pubkey` and its private half `key`.
    pub fn new(
        session: &'a HsmSession<'a>,
        pubkey: &TokenPublicKey,
        key: u64,
        digest: RsaDigest,
    ) -> HsmResult<Self> {
        let material = pubkey.material.clone().map_err(HsmError::Other)?;
        let (alg, der): (&'static rcgen::SignatureAlgorithm, Vec<u8>) = match &material {
            PublicKeyMaterial::Rsa { .. } => (
                match digest {
                    RsaDigest::Sha256 => &rcgen::PKCS_RSA_SHA256,
                    RsaDigest::Sha384 => &rcgen::PKCS_RSA_SHA384,
                    RsaDigest::Sha512 => &rcgen::PKCS_RSA_SHA512,
                },
                material
                    .to_pkcs1_der()
                    .map_err(|e| HsmError::Other(e.to_string()))?,
            ),
            PublicKeyMaterial::Ec { curve, point } => (
                match curve {
                    Curve::P256 => &rcgen::PKCS_ECDSA_P256_SHA256,
                    Curve::P384 => &rcgen::PKCS_ECDSA_P384_SHA384,
                    // rcgen 0.14 defines the P-521 algorithms only with its aws-lc backend.
                    other => {
                        return Err(HsmError::Unsupported(format!(
                            "X.509 signatures with {} keys are not supported by this build",
                            other.name()
                        )));
                    }
                },
                point.clone(),
            ),
            PublicKeyMaterial::Ed25519(k) => (&rcgen::PKCS_ED25519, k.to_vec()),
        };
        Ok(TokenSigner {
            session,
            key,
            material,
            alg,
            der,
            failure: Default::default(),
        })
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
        let fail = |e: HsmError| {
            *self.failure.borrow_mut() = Some(e);
            rcgen::Error::RemoteKeyError
        };
        match &self.material {
            PublicKeyMaterial::Rsa { .. } => {
                let mech = if std::ptr::eq(self.alg, &rcgen::PKCS_RSA_SHA512) {
                    CKM_SHA512_RSA_PKCS
                } else if std::ptr::eq(self.alg, &rcgen::PKCS_RSA_SHA384) {
                    CKM_SHA384_RSA_PKCS
                } else {
                    CKM_SHA256_RSA_PKCS
                };
                self.session
                    .raw
                    .sign(self.session.handle(), self.key, mech, msg)
                    .map_err(fail)
            }
            PublicKeyMaterial::Ec { curve, .. } => {
                let raw = self
                    .session
                    .sign_for_ssh(self.key, SignScheme::Ecdsa(*curve), msg)
                    .map_err(fail)?;
                ecdsa_der(&raw).map_err(|e| fail(HsmError::Other(e)))
            }
            PublicKeyMaterial::Ed25519(_) => self
                .session
                .sign_for_ssh(self.key, SignScheme::Ed25519, msg)
                .map_err(fail),
        }
    }
}

impl HsmSession<'_> {
    /// CKA_VALUE of an object (a certificate's DER), if readable.
    pub fn value(&self, handle: u64) -> HsmResult<Option<Vec<u8>>> {
        let mut a = [super::raw::AttrBuf::new(CKA_VALUE, 4096)];
        self.raw.read_attributes(self.handle(), handle, &mut a)?;
        Ok(a[0].value().map(<[u8]>::to_vec))
    }

    /// The public key of an RSA private key (its modulus and exponent are not secret); None for
    /// other keys, whose private objects do not carry the public point.
    pub fn private_key_public_part(&self, handle: u64) -> HsmResult<Option<PublicKeyMaterial>> {
        let mut a = [
            super::raw::AttrBuf::new(CKA_KEY_TYPE, 8),
            super::raw::AttrBuf::new(CKA_MODULUS, 1100),
            super::raw::AttrBuf::new(CKA_PUBLIC_EXPONENT, 16),
        ];
        self.raw.read_attributes(self.handle(), handle, &mut a)?;
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
        let mut t = Template::default()
            .ulong(CKA_CLASS, CKO_CERTIFICATE)
            .ulong(CKA_CERTIFICATE_TYPE, CKC_X_509)
            .bool(CKA_TOKEN, true)
            .bool(CKA_PRIVATE, false)
            .bool(CKA_MODIFIABLE, true)
            .bytes(CKA_LABEL, label.as_bytes())
            .bytes(CKA_ID, id)
            .bytes(CKA_SUBJECT, subject)
            .bytes(CKA_ISSUER, issuer)
            .bytes(CKA_SERIAL_NUMBER, serial_der)
            .bytes(CKA_VALUE, der);
        self.raw.create_object(self.handle(), &mut t)
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

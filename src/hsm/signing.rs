//! Signatures over arbitrary data, as `openssl dgst -sign` makes them, and their verification
//! inside the token (with a token public key, or one from a file as a session object).

use super::error::{HsmError, HsmResult};
use super::ffi::{MechType, Mechanism, ObjectHandle, Template};
use super::import::with_public_values;
use super::keygen::KeySpec;
use super::session::HsmSession;
use crate::formats::ec::Curve;
use crate::formats::pubkey::PublicKeyMaterial;
use cryptoki_sys::*;

/// SHA-2 digests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Hash {
    fn name(self) -> &'static str {
        match self {
            Hash::Sha256 => "sha256",
            Hash::Sha384 => "sha384",
            Hash::Sha512 => "sha512",
        }
    }

    fn digest(self, data: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        match self {
            Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }

    fn ckm(self) -> CK_MECHANISM_TYPE {
        match self {
            Hash::Sha256 => CKM_SHA256,
            Hash::Sha384 => CKM_SHA384,
            Hash::Sha512 => CKM_SHA512,
        }
    }
}

/// A signature scheme for one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigScheme {
    /// RSASSA-PKCS1-v1_5.
    RsaPkcs1(Hash),
    /// RSASSA-PSS, MGF1 with the same hash, salt as long as the digest.
    RsaPss(Hash),
    /// ECDSA over the digest; DER-encoded unless `raw` (r || s).
    Ecdsa {
        /// The curve (for the r || s length).
        curve: Curve,
        /// The digest.
        hash: Hash,
        /// r || s instead of DER.
        raw: bool,
    },
    /// Pure Ed25519.
    Ed25519,
}

impl SigScheme {
    /// The scheme for a key, with openssl's defaults for what is not given. Options that make
    /// no sense for the key are refused with a message naming them.
    pub fn for_key(
        spec: KeySpec,
        digest: Option<Hash>,
        pss: bool,
        raw: bool,
    ) -> Result<SigScheme, String> {
        match spec {
            KeySpec::Rsa(_) if raw => Err("--raw is for ECDSA signatures".into()),
            KeySpec::Rsa(_) => {
                let h = digest.unwrap_or(Hash::Sha256);
                Ok(if pss {
                    SigScheme::RsaPss(h)
                } else {
                    SigScheme::RsaPkcs1(h)
                })
            }
            KeySpec::Ec(_) if pss => Err("--pss is for RSA keys".into()),
            KeySpec::Ec(curve) => Ok(SigScheme::Ecdsa {
                curve,
                hash: digest.unwrap_or(match curve {
                    Curve::P256 => Hash::Sha256,
                    Curve::P384 => Hash::Sha384,
                    _ => Hash::Sha512,
                }),
                raw,
            }),
            KeySpec::Ed25519 if pss || raw || digest.is_some() => Err(
                "Ed25519 signs the message itself: --digest, --pss and --raw do not apply".into(),
            ),
            KeySpec::Ed25519 => Ok(SigScheme::Ed25519),
        }
    }

    /// rsa-pkcs1-sha256, rsa-pss-sha384, ecdsa-sha256, ed25519.
    pub fn name(self) -> String {
        match self {
            SigScheme::RsaPkcs1(h) => format!("rsa-pkcs1-{}", h.name()),
            SigScheme::RsaPss(h) => format!("rsa-pss-{}", h.name()),
            SigScheme::Ecdsa { hash, raw, .. } => {
                format!("ecdsa-{}{}", hash.name(), if raw { "-raw" } else { "" })
            }
            SigScheme::Ed25519 => "ed25519".into(),
        }
    }

    /// The CKM_ code the token is asked for.
    pub fn mechanism_code(self) -> CK_MECHANISM_TYPE {
        match self {
            SigScheme::RsaPkcs1(Hash::Sha256) => CKM_SHA256_RSA_PKCS,
            SigScheme::RsaPkcs1(Hash::Sha384) => CKM_SHA384_RSA_PKCS,
            SigScheme::RsaPkcs1(Hash::Sha512) => CKM_SHA512_RSA_PKCS,
            SigScheme::RsaPss(Hash::Sha256) => CKM_SHA256_RSA_PKCS_PSS,
            SigScheme::RsaPss(Hash::Sha384) => CKM_SHA384_RSA_PKCS_PSS,
            SigScheme::RsaPss(Hash::Sha512) => CKM_SHA512_RSA_PKCS_PSS,
            SigScheme::Ecdsa { .. } => CKM_ECDSA,
            SigScheme::Ed25519 => CKM_EDDSA,
        }
    }

    /// What the token is given: the data, or (ECDSA) its digest, computed here.
    fn input(self, data: &[u8]) -> std::borrow::Cow<'_, [u8]> {
        match self {
            SigScheme::Ecdsa { hash, .. } => hash.digest(data).into(),
            _ => data.into(),
        }
    }

    fn mech(self) -> Mechanism<'static> {
        match self {
            SigScheme::RsaPss(h) => Mechanism::pss(MechType(h.ckm())),
            _ => Mechanism::plain(MechType(self.mechanism_code())),
        }
    }
}

fn field_len(curve: Curve) -> usize {
    match curve {
        Curve::P256 => 32,
        Curve::P384 => 48,
        _ => 66,
    }
}

/// r || s (each padded to the field length) from a DER ECDSA-Sig-Value.
pub fn ecdsa_raw(der_sig: &[u8], curve: Curve) -> Result<Vec<u8>, String> {
    use der::{Decode, Reader};
    let n = field_len(curve);
    let mut reader = der::SliceReader::new(der_sig).map_err(|e| e.to_string())?;
    let (r, s) = reader
        .sequence(|seq| {
            let r = der::asn1::UintRef::decode(seq)?;
            let s = der::asn1::UintRef::decode(seq)?;
            Ok((r.as_bytes().to_vec(), s.as_bytes().to_vec()))
        })
        .map_err(|e| format!("not a DER ECDSA signature: {e}"))?;
    if !reader.is_finished() || r.len() > n || s.len() > n {
        return Err("not a DER ECDSA signature for this curve".into());
    }
    let mut out = vec![0u8; 2 * n];
    out[n - r.len()..n].copy_from_slice(&r);
    out[2 * n - s.len()..].copy_from_slice(&s);
    Ok(out)
}

impl HsmSession<'_> {
    /// Signs `data` with private key `key`; ECDSA comes back DER-encoded unless raw.
    pub fn sign_data(&self, key: u64, scheme: SigScheme, data: &[u8]) -> HsmResult<Vec<u8>> {
        let sig = self
            .ffi
            .sign(ObjectHandle(key), scheme.mech(), &scheme.input(data))?;
        match scheme {
            SigScheme::Ecdsa { raw: false, .. } => {
                super::x509::ecdsa_der(&sig).map_err(HsmError::Other)
            }
            _ => Ok(sig),
        }
    }

    /// Verifies `signature` over `data` with public key `key` inside the token: Ok(false) for
    /// a signature that does not verify (or, for ECDSA, is not even well-formed).
    pub fn verify_data(
        &self,
        key: u64,
        scheme: SigScheme,
        data: &[u8],
        signature: &[u8],
    ) -> HsmResult<bool> {
        let sig = match scheme {
            SigScheme::Ecdsa {
                raw: false, curve, ..
            } => match ecdsa_raw(signature, curve) {
                Ok(s) => s,
                Err(_) => return Ok(false),
            },
            _ => signature.to_vec(),
        };
        self.ffi
            .verify(ObjectHandle(key), scheme.mech(), &scheme.input(data), &sig)
    }

    /// A session-only public key object (gone when the session closes) for a key from a file.
    pub fn session_public_key(&self, public: &PublicKeyMaterial) -> HsmResult<u64> {
        let spec = super::import::spec_of(public);
        let t = Template::new()
            .class(CKO_PUBLIC_KEY)
            .key_type(spec.key_type())
            .bool(CKA_TOKEN, false)
            .bool(CKA_PRIVATE, false)
            .bool(CKA_VERIFY, true)
            .bool(CKA_ENCRYPT, false)
            .bool(CKA_WRAP, false);
        let t = with_public_values(t, public)?;
        Ok(self.ffi.create_object(&t)?.0)
    }

    /// A plain-mechanism signature (for self-tests: HMAC with a secret key).
    pub(crate) fn sign_plain(&self, key: u64, code: u64, data: &[u8]) -> HsmResult<Vec<u8>> {
        self.ffi
            .sign(ObjectHandle(key), Mechanism::plain(MechType(code)), data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecdsa_signatures_round_trip_between_der_and_raw() {
        let mut raw = vec![0u8; 64];
        raw[0] = 0x80;
        raw[63] = 1;
        let der = super::super::x509::ecdsa_der(&raw).unwrap();
        assert_eq!(ecdsa_raw(&der, Curve::P256).unwrap(), raw);
        assert!(ecdsa_raw(&der[..der.len() - 1], Curve::P256).is_err());
        assert!(ecdsa_raw(b"\x30\x00", Curve::P256).is_err());
    }

    #[test]
    fn defaults_follow_openssl() {
        assert_eq!(
            SigScheme::for_key(KeySpec::Ec(Curve::P384), None, false, false)
                .unwrap()
                .name(),
            "ecdsa-sha384"
        );
        assert_eq!(
            SigScheme::for_key(KeySpec::Rsa(2048), None, false, false)
                .unwrap()
                .name(),
            "rsa-pkcs1-sha256"
        );
        assert!(SigScheme::for_key(KeySpec::Ed25519, Some(Hash::Sha256), false, false).is_err());
        assert!(SigScheme::for_key(KeySpec::Rsa(2048), None, false, true).is_err());
    }
}

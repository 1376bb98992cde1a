//! Public keys on the token as key material (for OpenSSH and SPKI export), and signing.

use super::attributes::{boolean, ulong};
use super::error::{HsmError, HsmResult};
use super::ffi::{AttrBuf, MechType, Mechanism, ObjectHandle};
use super::objects::{ObjClass, ObjectFilter, object_uri};
use super::session::HsmSession;
use super::types::TokenEntry;
use crate::formats::ec::Curve;
use crate::formats::pubkey::PublicKeyMaterial;
use cryptoki_sys::*;
use serde::Serialize;

/// One public key on the token.
#[derive(Debug, Clone, Serialize)]
pub struct TokenPublicKey {
    /// The object handle (this session).
    pub handle: u64,
    /// CKA_LABEL.
    pub label: String,
    /// CKA_ID, hex.
    pub id: String,
    /// The object's URI.
    pub uri: String,
    /// The key, or why it could not be decoded (an unsupported curve, say).
    #[serde(skip)]
    pub material: Result<PublicKeyMaterial, String>,
    /// CKA_ID bytes.
    #[serde(skip)]
    pub id_bytes: Vec<u8>,
}

/// The same eight attributes a minimal reader asks for, in one C_GetAttributeValue.
const PUBKEY_ATTRS: &[(CK_ATTRIBUTE_TYPE, usize)] = &[
    (CKA_CLASS, 8),
    (CKA_KEY_TYPE, 8),
    (CKA_ID, 128),
    (CKA_LABEL, 128),
    (CKA_MODULUS, 1100),
    (CKA_PUBLIC_EXPONENT, 16),
    (CKA_EC_PARAMS, 64),
    (CKA_EC_POINT, 160),
];

/// Signature mechanisms hsmctl uses for SSH: what the token signs, and how the data is prepared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignScheme {
    /// CKM_SHA512_RSA_PKCS over the data (rsa-sha2-512).
    RsaSha512,
    /// CKM_SHA256_RSA_PKCS over the data (rsa-sha2-256, which an agent client may ask for).
    RsaSha256,
    /// CKM_ECDSA over a SHA-2 digest computed here (the token returns r || s).
    Ecdsa(Curve),
    /// CKM_EDDSA over the data.
    Ed25519,
}

impl SignScheme {
    /// The scheme for a key.
    pub fn for_key(k: &PublicKeyMaterial) -> SignScheme {
        match k {
            PublicKeyMaterial::Rsa { .. } => SignScheme::RsaSha512,
            PublicKeyMaterial::Ec { curve, .. } => SignScheme::Ecdsa(*curve),
            PublicKeyMaterial::Ed25519(_) => SignScheme::Ed25519,
        }
    }

    /// The CKM_ code the token is asked for.
    pub fn mechanism(self) -> (CK_MECHANISM_TYPE, &'static str) {
        match self {
            SignScheme::RsaSha512 => (CKM_SHA512_RSA_PKCS, "CKM_SHA512_RSA_PKCS"),
            SignScheme::RsaSha256 => (CKM_SHA256_RSA_PKCS, "CKM_SHA256_RSA_PKCS"),
            SignScheme::Ecdsa(_) => (CKM_ECDSA, "CKM_ECDSA"),
            SignScheme::Ed25519 => (CKM_EDDSA, "CKM_EDDSA"),
        }
    }
}

/// A private key found with its public half.
#[derive(Debug, Clone)]
pub struct PrivateHalf {
    /// The object handle.
    pub handle: u64,
    /// CKA_ID.
    pub id: Vec<u8>,
    /// CKA_SIGN.
    pub can_sign: bool,
}

/// A public key object from its PUBKEY_ATTRS values.
fn decode_public(h: u64, attrs: &[AttrBuf], token: &TokenEntry) -> TokenPublicKey {
    let id = attrs[2].value().unwrap_or_default().to_vec();
    let label = String::from_utf8_lossy(attrs[3].value().unwrap_or_default()).into_owned();
    let material = match attrs[1].value().and_then(ulong) {
        Some(CKK_RSA) => match (attrs[4].value(), attrs[5].value()) {
            (Some(n), Some(e)) => PublicKeyMaterial::from_rsa(n, e).map_err(|e| e.to_string()),
            _ => Err("the RSA key's modulus or exponent is not readable".into()),
        },
        Some(CKK_EC | CKK_EC_EDWARDS) => match (attrs[6].value(), attrs[7].value()) {
            (Some(p), Some(q)) => PublicKeyMaterial::from_ec(p, q).map_err(|e| e.to_string()),
            _ => Err("the key's CKA_EC_PARAMS or CKA_EC_POINT is not readable".into()),
        },
        Some(other) => Err(format!(
            "{} keys cannot be exported",
            super::attributes::key_type_name(other)
        )),
        None => Err("the key has no readable CKA_KEY_TYPE".into()),
    };
    TokenPublicKey {
        handle: h,
        uri: object_uri(token, &id, &label, CKO_PUBLIC_KEY),
        id: hex::encode(&id),
        label,
        material,
        id_bytes: id,
    }
}

impl HsmSession<'_> {
    /// Public keys matching the filter (class forced to public), decoded.
    pub fn public_keys(
        &self,
        filter: &ObjectFilter,
        token: &TokenEntry,
    ) -> HsmResult<Vec<TokenPublicKey>> {
        let mut f = filter.clone();
        f.class = Some(ObjClass::Public);
        let handles = self.find(&f)?;
        let mut out = Vec::with_capacity(handles.len());
        self.read_each(&handles, PUBKEY_ATTRS, |h, attrs| {
            out.push(decode_public(h, attrs, token));
            Ok(())
        })?;
        out.sort_by(|a, b| (&a.label, &a.id_bytes).cmp(&(&b.label, &b.id_bytes)));
        Ok(out)
    }

    /// Both halves of the keys matching `filter` in ONE search (its class ignored): the public
    /// keys decoded, and the private keys with their CKA_ID and CKA_SIGN. On SoftHSM2 every
    /// search re-checks every object file, so a second search costs ~0.2 s on a 10k-pair token.
    pub fn key_halves(
        &self,
        filter: &ObjectFilter,
        token: &TokenEntry,
    ) -> HsmResult<(Vec<TokenPublicKey>, Vec<PrivateHalf>)> {
        let mut f = filter.clone();
        f.class = None;
        let handles = self.find(&f)?;
        let mut spec = PUBKEY_ATTRS.to_vec();
        spec.push((CKA_SIGN, 1));
        let (mut publics, mut privates) = (Vec::new(), Vec::new());
        self.read_each(&handles, &spec, |h, attrs| {
            match attrs[0].value().and_then(ulong) {
                Some(CKO_PUBLIC_KEY) => publics.push(decode_public(h, attrs, token)),
                Some(CKO_PRIVATE_KEY) => {
                    let id = attrs[2].value().unwrap_or_default().to_vec();
                    privates.push(PrivateHalf {
                        handle: h,
                        id,
                        can_sign: attrs[8].value().and_then(boolean) == Some(true),
                    });
                }
                _ => {}
            }
            Ok(())
        })?;
        Ok((publics, privates))
    }

    /// The private key with this CKA_ID that may sign (exactly one).
    pub fn signing_key(&self, id: &[u8]) -> HsmResult<u64> {
        let f = ObjectFilter {
            class: Some(ObjClass::Private),
            id: Some(id.to_vec()),
            ..Default::default()
        };
        let found = self.find(&f)?;
        let [h] = found.as_slice() else {
            return Err(HsmError::Other(format!(
                "{} private keys have CKA_ID {} (one is needed; log in to see private keys)",
                found.len(),
                hex::encode(id)
            )));
        };
        let mut a = [AttrBuf::new(CKA_SIGN, 1)];
        self.ffi.read_attributes(ObjectHandle(*h), &mut a)?;
        if a[0].value().and_then(boolean) != Some(true) {
            return Err(HsmError::Other(format!(
                "the private key with CKA_ID {} may not sign (CKA_SIGN is false)",
                hex::encode(id)
            )));
        }
        Ok(*h)
    }

    /// Signs `data` with the token key as SSH needs it: RSA and Ed25519 signatures as the token
    /// returns them; ECDSA over the curve's SHA-2 digest, returning r || s.
    pub fn sign_for_ssh(&self, key: u64, scheme: SignScheme, data: &[u8]) -> HsmResult<Vec<u8>> {
        self.sign_for_ssh_auth(key, scheme, data, None)
    }

    /// As [`Self::sign_for_ssh`], with the context-specific login a key with
    /// CKA_ALWAYS_AUTHENTICATE needs before each signature.
    pub fn sign_for_ssh_auth(
        &self,
        key: u64,
        scheme: SignScheme,
        data: &[u8],
        context_pin: Option<&secrecy::SecretString>,
    ) -> HsmResult<Vec<u8>> {
        use secrecy::ExposeSecret;
        use sha2::Digest;
        let (mech, _) = scheme.mechanism();
        let digest;
        let input: &[u8] = match scheme {
            SignScheme::Ecdsa(Curve::P256) => {
                digest = sha2::Sha256::digest(data).to_vec();
                &digest
            }
            SignScheme::Ecdsa(Curve::P384) => {
                digest = sha2::Sha384::digest(data).to_vec();
                &digest
            }
            SignScheme::Ecdsa(_) => {
                digest = sha2::Sha512::digest(data).to_vec();
                &digest
            }
            _ => data,
        };
        match context_pin {
            None => self.sign_plain(key, mech, input),
            Some(pin) => self.ffi.sign_authenticated(
                ObjectHandle(key),
                Mechanism::plain(MechType(mech)),
                input,
                pin.expose_secret().as_bytes(),
            ),
        }
    }

    /// Whether the private key needs a context-specific login before each signature
    /// (CKA_ALWAYS_AUTHENTICATE; unreadable counts as no).
    pub fn always_authenticate(&self, key: u64) -> HsmResult<bool> {
        let mut a = [AttrBuf::new(CKA_ALWAYS_AUTHENTICATE, 1)];
        match self.ffi.read_attributes(ObjectHandle(key), &mut a) {
            Ok(()) => Ok(a[0].value().and_then(boolean) == Some(true)),
            Err(e) if e.code() == Some(CKR_ATTRIBUTE_TYPE_INVALID) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

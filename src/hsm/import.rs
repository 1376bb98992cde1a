//! Key import: a private key from a file onto the token with the same explicit template rules
//! as generation, by C_CreateObject or, where a module refuses plaintext private keys (Luna in
//! FIPS mode, CloudHSM), by C_UnwrapKey under a session-only AES key (RFC 5649). Both halves
//! are read back; anything a failed import left behind is destroyed.

use super::error::{HsmError, HsmResult};
use super::ffi::{AttrBuf, MechType, ObjectHandle, Template};
use super::keygen::{Expected, KeySpec, Usage};
use super::objects::ObjectInfo;
use super::session::HsmSession;
use super::types::TokenEntry;
use crate::formats::ec::Curve;
use crate::formats::private_key::{PrivateKey, SecretParts};
use crate::formats::pubkey::PublicKeyMaterial;
use cryptoki_sys::*;
use zeroize::{Zeroize, Zeroizing};

/// The mechanisms an unwrapping import needs: the wrapping key's generation and RFC 5649.
pub const UNWRAP_MECHANISMS: [(u64, &str); 2] = [
    (CKM_AES_KEY_GEN, "CKM_AES_KEY_GEN"),
    (CKM_AES_KEY_WRAP_PAD, "CKM_AES_KEY_WRAP_PAD"),
];

/// How the private key reaches the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportMethod {
    /// C_CreateObject with the key's values.
    CreateObject,
    /// C_UnwrapKey of the PKCS#8 key wrapped under a session AES key (CKM_AES_KEY_WRAP_PAD).
    Unwrap,
}

/// Everything an import needs besides the key, already validated.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// CKA_LABEL of both halves.
    pub label: String,
    /// CKA_ID of both halves (and of a certificate).
    pub id: Vec<u8>,
    /// Usage flags.
    pub usage: Usage,
    /// CKA_MODIFIABLE of both halves.
    pub modifiable: bool,
    /// Unwrap straight away, rather than only when C_CreateObject is refused.
    pub unwrap: bool,
}

/// The imported pair as read back.
#[derive(Debug, Clone)]
pub struct ImportResult {
    /// The public key.
    pub public: ObjectInfo,
    /// The private key.
    pub private: ObjectInfo,
    /// How the private key was stored.
    pub method: ImportMethod,
    /// Why C_CreateObject was not used, when the import fell back to unwrapping.
    pub fallback_reason: Option<String>,
}

/// The key type of a public key, as generation names it.
pub fn spec_of(public: &PublicKeyMaterial) -> KeySpec {
    match public {
        PublicKeyMaterial::Rsa { n, .. } => {
            KeySpec::Rsa(n.len() as u32 * 8 - n.first().map_or(0, |b| b.leading_zeros()))
        }
        PublicKeyMaterial::Ec { curve, .. } => KeySpec::Ec(*curve),
        PublicKeyMaterial::Ed25519(_) => KeySpec::Ed25519,
    }
}

/// CKA_EC_POINT as SoftHSM2, kryoptic and most modules take it: a DER OCTET STRING.
fn ec_point_der(raw: &[u8]) -> HsmResult<Vec<u8>> {
    use der::Encode;
    der::asn1::OctetStringRef::new(raw)
        .and_then(|o| o.to_der())
        .map_err(|e| HsmError::Other(e.to_string()))
}

/// The attributes both halves share, and the private half's security flags.
fn common(class: CK_OBJECT_CLASS, spec: KeySpec, req: &ImportRequest) -> Template {
    Template::new()
        .class(class)
        .key_type(spec.key_type())
        .bool(CKA_TOKEN, true)
        .bool(CKA_MODIFIABLE, req.modifiable)
        .label(&req.label)
        .id(&req.id)
}

fn public_template(key: &PrivateKey, req: &ImportRequest) -> HsmResult<Template> {
    let u = req.usage;
    let t = common(CKO_PUBLIC_KEY, spec_of(&key.public), req)
        .bool(CKA_PRIVATE, false)
        .bool(CKA_VERIFY, u.verify)
        .bool(CKA_VERIFY_RECOVER, false)
        .bool(CKA_ENCRYPT, u.encrypt)
        .bool(CKA_WRAP, u.wrap)
        .bool(CKA_DERIVE, false);
    with_public_values(t, &key.public)
}

/// Adds a public key's values (modulus and exponent, or curve and point) to a template.
pub(crate) fn with_public_values(t: Template, public: &PublicKeyMaterial) -> HsmResult<Template> {
    Ok(match public {
        PublicKeyMaterial::Rsa { n, e } => t.bytes(CKA_MODULUS, n).bytes(CKA_PUBLIC_EXPONENT, e),
        PublicKeyMaterial::Ec { curve, point } => t
            .bytes(CKA_EC_PARAMS, curve.oid_der())
            .bytes(CKA_EC_POINT, &ec_point_der(point)?),
        PublicKeyMaterial::Ed25519(k) => t
            .bytes(CKA_EC_PARAMS, Curve::Ed25519.oid_der())
            .bytes(CKA_EC_POINT, &ec_point_der(k)?),
    })
}

/// The private half's template; with `values`, the key material for C_CreateObject.
fn private_template(key: &PrivateKey, req: &ImportRequest, values: bool) -> Template {
    let u = req.usage;
    let mut t = common(CKO_PRIVATE_KEY, spec_of(&key.public), req)
        .bool(CKA_PRIVATE, true)
        .bool(CKA_SENSITIVE, true)
        .bool(CKA_EXTRACTABLE, false)
        .bool(CKA_SIGN, u.sign)
        .bool(CKA_SIGN_RECOVER, false)
        .bool(CKA_DECRYPT, u.decrypt)
        .bool(CKA_UNWRAP, u.unwrap)
        .bool(CKA_DERIVE, u.derive);
    if !values {
        return t;
    }
    match (&key.secret, &key.public) {
        (
            SecretParts::Rsa {
                d,
                p,
                q,
                dp,
                dq,
                qinv,
            },
            PublicKeyMaterial::Rsa { n, e },
        ) => {
            t = t
                .bytes(CKA_MODULUS, n)
                .bytes(CKA_PUBLIC_EXPONENT, e)
                .bytes(CKA_PRIVATE_EXPONENT, d)
                .bytes(CKA_PRIME_1, p)
                .bytes(CKA_PRIME_2, q)
                .bytes(CKA_EXPONENT_1, dp)
                .bytes(CKA_EXPONENT_2, dq)
                .bytes(CKA_COEFFICIENT, qinv);
        }
        (SecretParts::Ec(d), PublicKeyMaterial::Ec { curve, .. }) => {
            t = t.bytes(CKA_EC_PARAMS, curve.oid_der()).bytes(CKA_VALUE, d);
        }
        (SecretParts::Ed25519(seed), _) => {
            t = t
                .bytes(CKA_EC_PARAMS, Curve::Ed25519.oid_der())
                .bytes(CKA_VALUE, seed);
        }
        // The decoder pairs them; a mismatch cannot be stored sensibly.
        _ => {}
    }
    t
}

/// What the token's copies must say. An imported key is honestly neither local nor
/// never-extractable, so those are reported, not required.
fn expectations(req: &ImportRequest) -> (Expected, Expected) {
    let u = req.usage;
    let public = vec![
        (CKA_TOKEN, "CKA_TOKEN", true),
        (CKA_PRIVATE, "CKA_PRIVATE", false),
        (CKA_VERIFY, "CKA_VERIFY", u.verify),
        (CKA_ENCRYPT, "CKA_ENCRYPT", u.encrypt),
        (CKA_WRAP, "CKA_WRAP", u.wrap),
    ];
    let private = vec![
        (CKA_TOKEN, "CKA_TOKEN", true),
        (CKA_PRIVATE, "CKA_PRIVATE", true),
        (CKA_SENSITIVE, "CKA_SENSITIVE", true),
        (CKA_EXTRACTABLE, "CKA_EXTRACTABLE", false),
        (CKA_MODIFIABLE, "CKA_MODIFIABLE", req.modifiable),
        (CKA_SIGN, "CKA_SIGN", u.sign),
        (CKA_DECRYPT, "CKA_DECRYPT", u.decrypt),
        (CKA_UNWRAP, "CKA_UNWRAP", u.unwrap),
        (CKA_DERIVE, "CKA_DERIVE", u.derive),
    ];
    (public, private)
}

/// C_CreateObject errors that mean "not this way" (a module that takes private keys only by
/// unwrapping), after which the import tries C_UnwrapKey.
fn refuses_plaintext(code: Option<CK_RV>) -> bool {
    matches!(
        code,
        Some(CKR_TEMPLATE_INCONSISTENT | CKR_ATTRIBUTE_VALUE_INVALID | CKR_FUNCTION_NOT_SUPPORTED)
    )
}

impl HsmSession<'_> {
    /// Imports `key` as a token key pair, verifies the token's copies, and leaves nothing on
    /// the token when any step fails.
    pub fn import_key(
        &self,
        key: &PrivateKey,
        req: &ImportRequest,
        token: &TokenEntry,
    ) -> HsmResult<ImportResult> {
        let (priv_h, method, fallback_reason) = if req.unwrap {
            (self.unwrap_private(key, req)?, ImportMethod::Unwrap, None)
        } else {
            match self.ffi.create_object(&private_template(key, req, true)) {
                Ok(h) => (h.0, ImportMethod::CreateObject, None),
                Err(e) if refuses_plaintext(e.code()) => (
                    self.unwrap_private(key, req)?,
                    ImportMethod::Unwrap,
                    Some(e.to_string()),
                ),
                Err(e) => return Err(e),
            }
        };
        let pub_h = match public_template(key, req).and_then(|t| self.ffi.create_object(&t)) {
            Ok(h) => h.0,
            Err(e) => {
                let _ = self.destroy(priv_h);
                return Err(e);
            }
        };
        let (want_pub, want_priv) = expectations(req);
        self.confirm_template(&[
            (pub_h, &want_pub, "public"),
            (priv_h, &want_priv, "private"),
        ])?;
        let read = (|| Ok((self.object(pub_h, token)?, self.object(priv_h, token)?)))();
        let (mut public, mut private): (ObjectInfo, ObjectInfo) = match read {
            Ok(pair) => pair,
            Err(e) => {
                let _ = self.destroy(priv_h);
                let _ = self.destroy(pub_h);
                return Err(e);
            }
        };
        (public.paired, private.paired) = (Some(true), Some(true));
        Ok(ImportResult {
            public,
            private,
            method,
            fallback_reason,
        })
    }

    /// The unwrap path: a session-only AES-256 key made by the token, read into a zeroizing
    /// buffer, wraps the PKCS#8 key in memory (RFC 5649); C_UnwrapKey stores it; the wrapping
    /// key is destroyed whatever happens.
    fn unwrap_private(&self, key: &PrivateKey, req: &ImportRequest) -> HsmResult<u64> {
        let kek_t = Template::new()
            .class(CKO_SECRET_KEY)
            .key_type(CKK_AES)
            .ulong(CKA_VALUE_LEN, 32)
            .bool(CKA_TOKEN, false)
            .bool(CKA_PRIVATE, true)
            // Readable once, by us: the key must be known here to wrap in memory.
            .bool(CKA_SENSITIVE, false)
            .bool(CKA_EXTRACTABLE, true)
            .bool(CKA_UNWRAP, true)
            .bool(CKA_WRAP, false)
            .bool(CKA_ENCRYPT, false)
            .bool(CKA_DECRYPT, false)
            .label("hsmctl import wrapping key");
        let kek = self.ffi.generate_key(MechType(CKM_AES_KEY_GEN), &kek_t)?.0;
        let result = self.unwrap_under(kek, key, req);
        let destroyed = self.destroy(kek);
        let h = result?;
        if let Err(e) = destroyed {
            let _ = self.destroy(h);
            return Err(e);
        }
        Ok(h)
    }

    fn unwrap_under(&self, kek: u64, key: &PrivateKey, req: &ImportRequest) -> HsmResult<u64> {
        let mut a = [AttrBuf::new(CKA_VALUE, 32)];
        self.ffi.read_attributes(ObjectHandle(kek), &mut a)?;
        let value = Zeroizing::new(a[0].value().map(<[u8]>::to_vec));
        a[0].buf.zeroize();
        let bytes: Zeroizing<[u8; 32]> = Zeroizing::new(
            value
                .as_deref()
                .and_then(|v| v.try_into().ok())
                .ok_or_else(|| {
                    HsmError::Other(
                        "the token does not reveal the session wrapping key's value".into(),
                    )
                })?,
        );
        let kek_sw = aes_kw::KekAes256::try_from(&bytes[..])
            .map_err(|e| HsmError::Other(format!("the wrapping key: {e}")))?;
        let wrapped = kek_sw
            .wrap_with_padding_vec(&key.pkcs8)
            .map_err(|e| HsmError::Other(format!("RFC 5649 wrapping failed: {e}")))?;
        let t = private_template(key, req, false);
        self.ffi
            .unwrap_key(
                MechType(CKM_AES_KEY_WRAP_PAD),
                ObjectHandle(kek),
                &wrapped,
                &t,
            )
            .map(|h| h.0)
            .map_err(|e| match e.code() {
                // The module took the wrapped key but cannot make this key type from PKCS#8
                // (SoftHSM2 2.6 and Ed25519, for one).
                Some(
                    CKR_FUNCTION_FAILED | CKR_TEMPLATE_INCONSISTENT | CKR_KEY_TYPE_INCONSISTENT,
                ) => HsmError::Unsupported(format!(
                    "the module cannot unwrap {} keys ({e})",
                    spec_of(&key.public).name()
                )),
                _ => e,
            })
    }
}

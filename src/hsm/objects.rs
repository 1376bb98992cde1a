//! Objects on a token: the listing model, search by selector, batched attribute reads, `show`,
//! attribute changes and deletion.

use super::attributes::{self, CATALOG, Kind, boolean, class_word, hex, ulong};
use super::error::{HsmError, HsmResult};
use super::ffi::{AttrBuf, ObjectHandle, Template};
use super::session::HsmSession;
use super::types::TokenEntry;
use crate::formats::ec::Curve;
use crate::formats::pkcs11_uri::{encode, encode_bytes};
use cryptoki_sys::*;
use serde::Serialize;

/// Object classes by the words users type (and RFC 7512's `type=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjClass {
    /// CKO_PRIVATE_KEY.
    Private,
    /// CKO_PUBLIC_KEY.
    Public,
    /// CKO_CERTIFICATE.
    Cert,
    /// CKO_SECRET_KEY.
    SecretKey,
    /// CKO_DATA.
    Data,
}

impl ObjClass {
    /// The CKO_ code.
    pub fn code(self) -> CK_OBJECT_CLASS {
        match self {
            ObjClass::Private => CKO_PRIVATE_KEY,
            ObjClass::Public => CKO_PUBLIC_KEY,
            ObjClass::Cert => CKO_CERTIFICATE,
            ObjClass::SecretKey => CKO_SECRET_KEY,
            ObjClass::Data => CKO_DATA,
        }
    }

    /// From RFC 7512's `type=` word.
    pub fn from_uri_type(t: &str) -> Option<Self> {
        Some(match t {
            "private" => ObjClass::Private,
            "public" => ObjClass::Public,
            "cert" => ObjClass::Cert,
            "secret-key" => ObjClass::SecretKey,
            "data" => ObjClass::Data,
            _ => return None,
        })
    }
}

/// Key families for `--key-type` filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFamily {
    /// CKK_RSA.
    Rsa,
    /// CKK_EC (ECDSA curves).
    Ec,
    /// CKK_EC_EDWARDS (Ed25519, Ed448).
    Edwards,
    /// CKK_AES.
    Aes,
    /// CKK_GENERIC_SECRET (HMAC keys).
    Generic,
}

impl KeyFamily {
    fn code(self) -> CK_KEY_TYPE {
        match self {
            KeyFamily::Rsa => CKK_RSA,
            KeyFamily::Ec => CKK_EC,
            KeyFamily::Edwards => CKK_EC_EDWARDS,
            KeyFamily::Aes => CKK_AES,
            KeyFamily::Generic => CKK_GENERIC_SECRET,
        }
    }
}

/// What to search for. Every field given must match; the token does the matching.
#[derive(Debug, Default, Clone)]
pub struct ObjectFilter {
    /// CKA_CLASS.
    pub class: Option<ObjClass>,
    /// CKA_KEY_TYPE.
    pub key_type: Option<KeyFamily>,
    /// CKA_LABEL.
    pub label: Option<String>,
    /// CKA_ID.
    pub id: Option<Vec<u8>>,
    /// A handle the user passed (checked to exist and to match the rest).
    pub handle: Option<u64>,
}

impl ObjectFilter {
    /// True when nothing narrows the search.
    pub fn is_empty(&self) -> bool {
        self.class.is_none()
            && self.key_type.is_none()
            && self.label.is_none()
            && self.id.is_none()
            && self.handle.is_none()
    }

    fn template(&self) -> Template {
        let mut t = Template::new();
        if let Some(c) = self.class {
            t = t.class(c.code());
        }
        if let Some(k) = self.key_type {
            t = t.key_type(k.code());
        }
        if let Some(l) = &self.label {
            t = t.label(l);
        }
        if let Some(id) = &self.id {
            t = t.id(id);
        }
        t
    }

    /// The criteria, for messages.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(h) = self.handle {
            parts.push(format!("handle {h}"));
        }
        if let Some(c) = self.class {
            parts.push(format!("class {}", class_word(c.code())));
        }
        if let Some(k) = self.key_type {
            parts.push(format!("key type {}", attributes::key_type_name(k.code())));
        }
        if let Some(l) = &self.label {
            parts.push(format!("label '{l}'"));
        }
        if let Some(id) = &self.id {
            parts.push(format!("id {}", hex(id)));
        }
        if parts.is_empty() {
            "any object".into()
        } else {
            parts.join(", ")
        }
    }
}

/// Security and usage flags of an object (None: the object has no such attribute).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ObjectFlags {
    /// CKA_TOKEN.
    pub token: Option<bool>,
    /// CKA_PRIVATE.
    pub private: Option<bool>,
    /// CKA_MODIFIABLE.
    pub modifiable: Option<bool>,
    /// CKA_SENSITIVE.
    pub sensitive: Option<bool>,
    /// CKA_EXTRACTABLE.
    pub extractable: Option<bool>,
    /// CKA_ALWAYS_SENSITIVE.
    pub always_sensitive: Option<bool>,
    /// CKA_NEVER_EXTRACTABLE.
    pub never_extractable: Option<bool>,
    /// CKA_LOCAL.
    pub local: Option<bool>,
}

/// One object as `list` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectInfo {
    /// The object handle (valid in this session only).
    pub handle: u64,
    /// CKO_ name of the class.
    pub class: String,
    /// The key type as `--key-type` spells it (`rsa:2048`, `ec:p256`, `ed25519`), for keys.
    pub key_type: Option<String>,
    /// The CKK_ name of the key type, for keys.
    pub key_type_constant: Option<String>,
    /// Key size in bits (RSA modulus, EC curve).
    pub key_size: Option<u32>,
    /// The curve, for EC and Edwards keys.
    pub curve: Option<String>,
    /// CKA_LABEL.
    pub label: String,
    /// CKA_ID, lowercase hex.
    pub id: String,
    /// The usage flags that are true: sign, verify, encrypt, decrypt, wrap, unwrap, derive.
    pub usage: Vec<&'static str>,
    /// Security flags.
    pub flags: ObjectFlags,
    /// For a key: whether the other half (same CKA_ID) is on the token.
    pub paired: Option<bool>,
    /// The object's `pkcs11:` URI.
    pub uri: String,
    /// CKO_ code.
    #[serde(skip)]
    pub class_code: CK_OBJECT_CLASS,
    /// CKK_ code.
    #[serde(skip)]
    pub key_type_code: Option<CK_KEY_TYPE>,
    /// CKA_ID bytes.
    #[serde(skip)]
    pub id_bytes: Vec<u8>,
}

impl ObjectInfo {
    /// The key type as `--key-type` spells it: "rsa:2048", "ec:p256", "ed25519" ("" for
    /// objects that are not keys).
    pub fn kind(&self) -> String {
        self.key_type.clone().unwrap_or_default()
    }
}

/// The attributes `list` reads, one C_GetAttributeValue per object (order matters below).
const LIST_ATTRS: &[(CK_ATTRIBUTE_TYPE, usize)] = &[
    (CKA_CLASS, 8),
    (CKA_KEY_TYPE, 8),
    (CKA_ID, 128),
    (CKA_LABEL, 128),
    (CKA_MODULUS_BITS, 8),
    (CKA_MODULUS, 1100),
    (CKA_EC_PARAMS, 64),
    (CKA_SIGN, 1),
    (CKA_VERIFY, 1),
    (CKA_ENCRYPT, 1),
    (CKA_DECRYPT, 1),
    (CKA_WRAP, 1),
    (CKA_UNWRAP, 1),
    (CKA_DERIVE, 1),
    (CKA_TOKEN, 1),
    (CKA_PRIVATE, 1),
    (CKA_MODIFIABLE, 1),
    (CKA_SENSITIVE, 1),
    (CKA_EXTRACTABLE, 1),
    (CKA_ALWAYS_SENSITIVE, 1),
    (CKA_NEVER_EXTRACTABLE, 1),
    (CKA_LOCAL, 1),
    (CKA_VALUE_LEN, 8),
];

const USAGE: [(usize, &str); 7] = [
    (7, "sign"),
    (8, "verify"),
    (9, "encrypt"),
    (10, "decrypt"),
    (11, "wrap"),
    (12, "unwrap"),
    (13, "derive"),
];

/// The `pkcs11:` URI of an object on a token.
pub fn object_uri(token: &TokenEntry, id: &[u8], label: &str, class: CK_OBJECT_CLASS) -> String {
    let mut uri = format!("{};id={}", token.uri, encode_bytes(id));
    if !label.is_empty() {
        uri.push_str(&format!(";object={}", encode(label)));
    }
    let word = class_word(class);
    if word != "other" {
        uri.push_str(&format!(";type={word}"));
    }
    uri
}

fn decode_object(handle: u64, a: &[AttrBuf], token: &TokenEntry) -> HsmResult<ObjectInfo> {
    let class_code = a[0]
        .value()
        .and_then(ulong)
        .ok_or_else(|| HsmError::Other(format!("object {handle} has no readable CKA_CLASS")))?;
    let key_type_code = a[1].value().and_then(ulong);
    let id_bytes = a[2].value().unwrap_or_default().to_vec();
    let label = String::from_utf8_lossy(a[3].value().unwrap_or_default()).into_owned();
    let curve = a[6].value().and_then(Curve::from_params);
    let key_size = match key_type_code {
        Some(CKK_RSA) => a[4]
            .value()
            .and_then(ulong)
            .map(|b| b as u32)
            .or_else(|| a[5].value().map(modulus_bits)),
        Some(CKK_AES | CKK_GENERIC_SECRET) => a[22].value().and_then(ulong).map(|n| n as u32 * 8),
        _ => curve.map(Curve::bits),
    };
    let flag = |i: usize| a[i].value().and_then(boolean);
    let key_type = key_type_code.map(|k| key_word(k, curve, key_size));
    Ok(ObjectInfo {
        handle,
        class: attributes::class_name(class_code),
        key_type,
        key_type_constant: key_type_code.map(attributes::key_type_name),
        key_size,
        curve: curve.map(|c| c.name().to_string()),
        uri: object_uri(token, &id_bytes, &label, class_code),
        label,
        id: hex(&id_bytes),
        usage: USAGE
            .iter()
            .filter(|(i, _)| flag(*i) == Some(true))
            .map(|(_, n)| *n)
            .collect(),
        flags: ObjectFlags {
            token: flag(14),
            private: flag(15),
            modifiable: flag(16),
            sensitive: flag(17),
            extractable: flag(18),
            always_sensitive: flag(19),
            never_extractable: flag(20),
            local: flag(21),
        },
        paired: None,
        class_code,
        key_type_code,
        id_bytes,
    })
}

/// A key type in the words of `--key-type`: `rsa:2048`, `ec:p256`, `ed25519`; other types
/// by their CKK_ name in lower case (`aes`, `generic_secret`).
fn key_word(code: CK_KEY_TYPE, curve: Option<Curve>, bits: Option<u32>) -> String {
    match (code, curve, bits) {
        (CKK_RSA, _, Some(bits)) => format!("rsa:{bits}"),
        (CKK_RSA, _, None) => "rsa".into(),
        (CKK_EC, Some(c), _) => format!("ec:{}", c.word()),
        (CKK_EC, None, _) => "ec".into(),
        (CKK_EC_EDWARDS | CKK_EC_MONTGOMERY, Some(c), _) => c.word().into(),
        (CKK_AES, _, Some(bits)) => format!("aes:{bits}"),
        (CKK_GENERIC_SECRET, _, Some(bits)) => format!("generic:{bits}"),
        _ => attributes::key_type_name(code)
            .trim_start_matches("CKK_")
            .to_ascii_lowercase(),
    }
}

/// Bits of a big-endian modulus, ignoring leading zero bytes.
fn modulus_bits(m: &[u8]) -> u32 {
    let m = &m[m.iter().take_while(|b| **b == 0).count()..];
    match m.first() {
        Some(b) => (m.len() as u32 - 1) * 8 + (8 - b.leading_zeros()),
        None => 0,
    }
}

/// Marks key halves whose other half (same CKA_ID, other class) is in the list, and sorts so
/// that pairs stand together.
pub fn pair_up(objects: &mut [ObjectInfo]) {
    let is_key = |c| c == CKO_PRIVATE_KEY || c == CKO_PUBLIC_KEY;
    let keys: std::collections::HashSet<(Vec<u8>, CK_OBJECT_CLASS)> = objects
        .iter()
        .filter(|o| is_key(o.class_code) && !o.id_bytes.is_empty())
        .map(|o| (o.id_bytes.clone(), o.class_code))
        .collect();
    for o in objects.iter_mut().filter(|o| is_key(o.class_code)) {
        let other = if o.class_code == CKO_PRIVATE_KEY {
            CKO_PUBLIC_KEY
        } else {
            CKO_PRIVATE_KEY
        };
        o.paired = Some(!o.id_bytes.is_empty() && keys.contains(&(o.id_bytes.clone(), other)));
    }
    objects.sort_by(|a, b| {
        (&a.id_bytes, &a.label, class_rank(a.class_code), a.handle).cmp(&(
            &b.id_bytes,
            &b.label,
            class_rank(b.class_code),
            b.handle,
        ))
    });
}

/// The order classes are shown in: private key, public key, certificate, the rest.
pub fn class_rank(c: CK_OBJECT_CLASS) -> u8 {
    match c {
        CKO_PRIVATE_KEY => 0,
        CKO_PUBLIC_KEY => 1,
        CKO_CERTIFICATE => 2,
        _ => 3,
    }
}

/// One attribute as `show` reports it.
#[derive(Debug, Clone, Serialize)]
pub struct AttributeValue {
    /// CKA_ name.
    pub name: &'static str,
    /// The decoded value (absent when sensitive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    /// The value for people (curve names, dates).
    #[serde(skip)]
    pub display: String,
    /// True when the token refuses to reveal it (CKR_ATTRIBUTE_SENSITIVE).
    pub sensitive: bool,
}

impl HsmSession<'_> {
    /// Handles of the objects matching `filter` (one search; a handle, if given, checked).
    pub fn find(&self, filter: &ObjectFilter) -> HsmResult<Vec<u64>> {
        if let Some(h) = filter.handle {
            // Some modules (SoftHSM2) give objects handles only as a search returns them, so
            // a handle from another process means nothing until the objects are enumerated:
            // one search of everything visible, in the module's order, then the check.
            let visible = self.ffi.find_objects(&Template::new())?;
            if !visible.contains(&ObjectHandle(h)) {
                return Ok(vec![]);
            }
            // A handle is checked by reading its class, then matched against the rest.
            let t = filter.template();
            let mut attrs: Vec<AttrBuf> = t
                .items()
                .map(|(k, v)| AttrBuf::new(k, v.len().max(8)))
                .collect();
            attrs.push(AttrBuf::new(CKA_CLASS, 8));
            match self.ffi.read_attributes(ObjectHandle(h), &mut attrs) {
                Err(e) if e.code() == Some(CKR_OBJECT_HANDLE_INVALID) => return Ok(vec![]),
                other => other?,
            }
            let matches = attrs.last().and_then(|a| a.len).is_some()
                && t.items()
                    .zip(&attrs)
                    .all(|((_, want), got)| got.value() == Some(want));
            return Ok(if matches { vec![h] } else { vec![] });
        }
        self.search(&filter.template())
    }

    /// The handles of the objects matching `template`, as numbers for the callers above.
    pub(crate) fn search(&self, template: &Template) -> HsmResult<Vec<u64>> {
        Ok(self
            .ffi
            .find_objects(template)?
            .into_iter()
            .map(|h| h.0)
            .collect())
    }

    /// Reads `spec`'s attributes of each object with one call per object into buffers reused
    /// across objects, handing each to `f`. An object deleted since the search is skipped.
    pub(crate) fn read_each(
        &self,
        handles: &[u64],
        spec: &[(CK_ATTRIBUTE_TYPE, usize)],
        mut f: impl FnMut(u64, &[AttrBuf]) -> HsmResult<()>,
    ) -> HsmResult<()> {
        let mut attrs: Vec<AttrBuf> = spec.iter().map(|(k, cap)| AttrBuf::new(*k, *cap)).collect();
        for &h in handles {
            match self.read_whole(h, &mut attrs) {
                // Deleted by someone else since the search: not an error for a listing.
                Err(e) if e.code() == Some(CKR_OBJECT_HANDLE_INVALID) => continue,
                other => other?,
            }
            f(h, &attrs)?;
        }
        Ok(())
    }

    /// One batched read, then each variable-length attribute the object must have (by its
    /// class and key type) that came back unavailable is read again at its real size. A module
    /// with a sensitive or invalid attribute in the same batch may report a too-small buffer
    /// only as CK_UNAVAILABLE_INFORMATION, returning CKR_ATTRIBUTE_TYPE_INVALID rather than
    /// CKR_BUFFER_TOO_SMALL (SoftHSM2 does: a 200-byte CKA_ID listed as empty).
    pub(crate) fn read_whole(&self, h: u64, attrs: &mut [AttrBuf]) -> HsmResult<()> {
        self.ffi.read_attributes(ObjectHandle(h), attrs)?;
        let find = |kind| {
            attrs
                .iter()
                .find(|a| a.kind == kind)
                .and_then(|a| a.value())
        };
        let class = find(CKA_CLASS).and_then(ulong);
        let key_type = find(CKA_KEY_TYPE).and_then(ulong);
        for a in attrs.iter_mut() {
            if a.len.is_none() && a.buf.len() > 8 && attributes::applies(a.kind, class, key_type) {
                self.ffi.read_one(ObjectHandle(h), a)?;
            }
        }
        Ok(())
    }

    /// Every object matching `filter`, decoded for listing, pairs marked and grouped.
    pub fn list(&self, filter: &ObjectFilter, token: &TokenEntry) -> HsmResult<Vec<ObjectInfo>> {
        let handles = self.find(filter)?;
        let mut out = Vec::with_capacity(handles.len());
        self.read_each(&handles, LIST_ATTRS, |h, attrs| {
            let o = decode_object(h, attrs, token)?;
            // PKCS#11 3 modules (kryoptic) show what they implement as CKO_MECHANISM and
            // CKO_PROFILE objects: descriptions of the module, not token contents to manage.
            if !matches!(o.class_code, CKO_MECHANISM | CKO_PROFILE) {
                out.push(o);
            }
            Ok(())
        })?;
        pair_up(&mut out);
        // With a class or label filter the other half is not in the listing: whether it
        // exists is asked of the token (one search and a class/id read per key of the
        // same ids), not judged from the filtered set.
        if filter.class.is_some() || filter.label.is_some() || filter.handle.is_some() {
            self.pair_beyond(filter, &mut out)?;
        }
        Ok(out)
    }

    /// Marks `paired` from the whole token: for each key listed, whether a key of the other
    /// class with its CKA_ID exists, whatever its label.
    fn pair_beyond(&self, filter: &ObjectFilter, out: &mut [ObjectInfo]) -> HsmResult<()> {
        let ids: std::collections::HashSet<Vec<u8>> = out
            .iter()
            .filter(|o| matches!(o.class_code, CKO_PRIVATE_KEY | CKO_PUBLIC_KEY))
            .map(|o| o.id_bytes.clone())
            .filter(|id| !id.is_empty())
            .collect();
        if ids.is_empty() {
            return Ok(());
        }
        let wide = ObjectFilter {
            id: filter.id.clone(),
            ..Default::default()
        };
        let handles = self.find(&wide)?;
        let mut halves = std::collections::HashSet::new();
        self.read_each(&handles, &[(CKA_CLASS, 8), (CKA_ID, 128)], |_, a| {
            if let (Some(class), Some(id)) = (a[0].value().and_then(ulong), a[1].value())
                && ids.contains(id)
            {
                halves.insert((id.to_vec(), class));
            }
            Ok(())
        })?;
        for o in out.iter_mut() {
            let other = match o.class_code {
                CKO_PRIVATE_KEY => CKO_PUBLIC_KEY,
                CKO_PUBLIC_KEY => CKO_PRIVATE_KEY,
                _ => continue,
            };
            o.paired = Some(halves.contains(&(o.id_bytes.clone(), other)));
        }
        Ok(())
    }

    /// One object decoded for listing.
    pub fn object(&self, handle: u64, token: &TokenEntry) -> HsmResult<ObjectInfo> {
        let mut attrs: Vec<AttrBuf> = LIST_ATTRS
            .iter()
            .map(|(k, cap)| AttrBuf::new(*k, *cap))
            .collect();
        self.read_whole(handle, &mut attrs)?;
        decode_object(handle, &attrs, token)
    }

    /// Every attribute in the catalog the object has, decoded; sensitive ones marked.
    pub fn all_attributes(&self, handle: u64) -> HsmResult<Vec<AttributeValue>> {
        let mut attrs: Vec<AttrBuf> = CATALOG
            .iter()
            .map(|(k, _, _)| AttrBuf::new(*k, 1100))
            .collect();
        let object = ObjectHandle(handle);
        self.ffi.read_attributes(object, &mut attrs)?;
        // One object: every missing value is asked for alone, so none is lost to a small buffer
        // (an invalid one costs one more call; `show` reads one object).
        for a in attrs.iter_mut().filter(|a| a.len.is_none()) {
            self.ffi.read_one(object, a)?;
        }
        let mut out = Vec::new();
        for ((kind, name, decode_as), a) in CATALOG.iter().zip(&attrs) {
            match a.value() {
                Some(bytes) => {
                    let (value, display) = attributes::decode(*decode_as, bytes);
                    out.push(AttributeValue {
                        name,
                        value: Some(value),
                        display,
                        sensitive: false,
                    });
                }
                // Missing values of byte attributes may be secret key material: ask which.
                None if *decode_as == Kind::Bytes && self.ffi.is_sensitive(object, *kind) => {
                    out.push(AttributeValue {
                        name,
                        value: None,
                        display: "(sensitive)".into(),
                        sensitive: true,
                    });
                }
                None => {}
            }
        }
        Ok(out)
    }

    /// C_SetAttributeValue with already-encoded values.
    pub(crate) fn set_raw(&self, handle: u64, template: &Template) -> HsmResult<()> {
        self.ffi.set_attributes(ObjectHandle(handle), template)
    }

    /// C_DestroyObject.
    pub fn destroy(&self, handle: u64) -> HsmResult<()> {
        self.ffi.destroy_object(ObjectHandle(handle))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modulus_bits_ignores_leading_zeros() {
        assert_eq!(modulus_bits(&[0x00, 0x80, 0, 0]), 24);
        assert_eq!(modulus_bits(&[0x01; 256]), 2041);
        assert_eq!(modulus_bits(&[]), 0);
    }
}

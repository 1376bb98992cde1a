//! The PKCS#11 attributes hsmctl knows by name, and how to decode each for people and JSON.

use crate::formats::ec::Curve;
use cryptoki_sys::*;
use serde_json::Value;

/// How an attribute's bytes are decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// CK_BBOOL.
    Bool,
    /// CK_ULONG: a number.
    Ulong,
    /// CK_OBJECT_CLASS.
    Class,
    /// CK_KEY_TYPE.
    KeyType,
    /// CK_CERTIFICATE_TYPE.
    CertType,
    /// CK_MECHANISM_TYPE.
    Mechanism,
    /// UTF-8 text.
    Text,
    /// CK_DATE (YYYYMMDD).
    Date,
    /// Bytes, shown as hex.
    Bytes,
    /// CKA_EC_PARAMS: hex, plus the curve's name.
    EcParams,
}

macro_rules! catalog {
    ($($name:ident: $kind:ident),* $(,)?) => {
        /// Every attribute `show` asks for, in the order it prints them.
        pub(crate) const CATALOG: &[(CK_ATTRIBUTE_TYPE, &str, Kind)] = &[$(($name, stringify!($name), Kind::$kind)),*];
    };
}

catalog!(
    CKA_CLASS: Class, CKA_KEY_TYPE: KeyType, CKA_CERTIFICATE_TYPE: CertType, CKA_LABEL: Text,
    CKA_ID: Bytes, CKA_TOKEN: Bool, CKA_PRIVATE: Bool, CKA_MODIFIABLE: Bool, CKA_COPYABLE: Bool,
    CKA_DESTROYABLE: Bool, CKA_LOCAL: Bool, CKA_KEY_GEN_MECHANISM: Mechanism,
    CKA_SENSITIVE: Bool, CKA_ALWAYS_SENSITIVE: Bool, CKA_EXTRACTABLE: Bool,
    CKA_NEVER_EXTRACTABLE: Bool, CKA_ALWAYS_AUTHENTICATE: Bool, CKA_WRAP_WITH_TRUSTED: Bool,
    CKA_TRUSTED: Bool, CKA_ENCRYPT: Bool, CKA_DECRYPT: Bool, CKA_SIGN: Bool,
    CKA_SIGN_RECOVER: Bool, CKA_VERIFY: Bool, CKA_VERIFY_RECOVER: Bool, CKA_WRAP: Bool,
    CKA_UNWRAP: Bool, CKA_DERIVE: Bool, CKA_START_DATE: Date, CKA_END_DATE: Date,
    CKA_MODULUS_BITS: Ulong, CKA_MODULUS: Bytes, CKA_PUBLIC_EXPONENT: Bytes,
    CKA_PRIVATE_EXPONENT: Bytes, CKA_PRIME_1: Bytes, CKA_PRIME_2: Bytes, CKA_EXPONENT_1: Bytes,
    CKA_EXPONENT_2: Bytes, CKA_COEFFICIENT: Bytes, CKA_EC_PARAMS: EcParams, CKA_EC_POINT: Bytes,
    CKA_VALUE: Bytes, CKA_VALUE_LEN: Ulong, CKA_SUBJECT: Bytes, CKA_ISSUER: Bytes,
    CKA_SERIAL_NUMBER: Bytes, CKA_PUBLIC_KEY_INFO: Bytes, CKA_CHECK_VALUE: Bytes,
    CKA_APPLICATION: Text, CKA_OBJECT_ID: Bytes, CKA_CERTIFICATE_CATEGORY: Ulong,
);

names!(
    CLASSES,
    CKO_DATA,
    CKO_CERTIFICATE,
    CKO_PUBLIC_KEY,
    CKO_PRIVATE_KEY,
    CKO_SECRET_KEY,
    CKO_HW_FEATURE,
    CKO_DOMAIN_PARAMETERS,
    CKO_MECHANISM,
    CKO_OTP_KEY,
    CKO_PROFILE
);
names!(
    KEY_TYPES,
    CKK_RSA,
    CKK_DSA,
    CKK_DH,
    CKK_EC,
    CKK_X9_42_DH,
    CKK_KEA,
    CKK_GENERIC_SECRET,
    CKK_RC2,
    CKK_RC4,
    CKK_DES,
    CKK_DES2,
    CKK_DES3,
    CKK_CAST,
    CKK_CAST3,
    CKK_CAST128,
    CKK_RC5,
    CKK_IDEA,
    CKK_SKIPJACK,
    CKK_BATON,
    CKK_JUNIPER,
    CKK_CDMF,
    CKK_AES,
    CKK_BLOWFISH,
    CKK_TWOFISH,
    CKK_SECURID,
    CKK_HOTP,
    CKK_ACTI,
    CKK_CAMELLIA,
    CKK_ARIA,
    CKK_GOSTR3410,
    CKK_GOSTR3411,
    CKK_GOST28147,
    CKK_CHACHA20,
    CKK_POLY1305,
    CKK_AES_XTS,
    CKK_SHA3_224_HMAC,
    CKK_SHA3_256_HMAC,
    CKK_SHA3_384_HMAC,
    CKK_SHA3_512_HMAC,
    CKK_BLAKE2B_160_HMAC,
    CKK_BLAKE2B_256_HMAC,
    CKK_BLAKE2B_384_HMAC,
    CKK_BLAKE2B_512_HMAC,
    CKK_SALSA20,
    CKK_X2RATCHET,
    CKK_EC_EDWARDS,
    CKK_EC_MONTGOMERY,
    CKK_HKDF
);
names!(CERT_TYPES, CKC_X_509, CKC_X_509_ATTR_CERT, CKC_WTLS);

fn lookup(table: &[(CK_ULONG, &str)], v: CK_ULONG, prefix: &str) -> String {
    match table.iter().find(|(c, _)| *c == v) {
        Some((_, n)) => (*n).to_string(),
        None if v >= CKO_VENDOR_DEFINED => {
            format!("{prefix}_VENDOR_DEFINED+0x{:x}", v - CKO_VENDOR_DEFINED)
        }
        None => format!("{prefix}_0x{v:x}"),
    }
}

/// Whether an object of this class and key type has the attribute (as far as hsmctl reads
/// variable-length ones): a missing value of one that applies means a buffer was too small.
pub fn applies(
    kind: CK_ATTRIBUTE_TYPE,
    class: Option<CK_ULONG>,
    key_type: Option<CK_ULONG>,
) -> bool {
    let key = matches!(
        class,
        Some(CKO_PUBLIC_KEY | CKO_PRIVATE_KEY | CKO_SECRET_KEY)
    );
    let ec = matches!(key_type, Some(CKK_EC | CKK_EC_EDWARDS | CKK_EC_MONTGOMERY));
    match kind {
        CKA_LABEL => true,
        CKA_ID => key || class == Some(CKO_CERTIFICATE),
        CKA_MODULUS | CKA_PUBLIC_EXPONENT => key && key_type == Some(CKK_RSA),
        CKA_EC_PARAMS => key && ec,
        CKA_EC_POINT => class == Some(CKO_PUBLIC_KEY) && ec,
        CKA_VALUE | CKA_SUBJECT | CKA_ISSUER | CKA_SERIAL_NUMBER => class == Some(CKO_CERTIFICATE),
        _ => false,
    }
}

/// CKO_ name of an object class.
pub fn class_name(v: CK_ULONG) -> String {
    lookup(CLASSES, v, "CKO")
}

/// CKK_ name of a key type.
pub fn key_type_name(v: CK_ULONG) -> String {
    lookup(KEY_TYPES, v, "CKK")
}

/// The short class word used in URIs (`type=`) and on the command line.
pub fn class_word(v: CK_ULONG) -> &'static str {
    match v {
        CKO_PRIVATE_KEY => "private",
        CKO_PUBLIC_KEY => "public",
        CKO_CERTIFICATE => "cert",
        CKO_SECRET_KEY => "secret-key",
        CKO_DATA => "data",
        _ => "other",
    }
}

/// A CK_ULONG from its native-endian bytes.
pub(crate) fn ulong(bytes: &[u8]) -> Option<CK_ULONG> {
    Some(CK_ULONG::from_ne_bytes(bytes.try_into().ok()?))
}

/// A CK_BBOOL.
pub(crate) fn boolean(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [b] => Some(*b != 0),
        _ => None,
    }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

/// Decodes one value: (JSON value, text for people).
pub(crate) fn decode(kind: Kind, bytes: &[u8]) -> (Value, String) {
    let as_hex = || (Value::String(hex(bytes)), hex(bytes));
    match kind {
        Kind::Bool => match boolean(bytes) {
            Some(b) => (Value::Bool(b), if b { "true" } else { "false" }.into()),
            None => as_hex(),
        },
        Kind::Ulong => match ulong(bytes) {
            Some(n) => (Value::from(n), n.to_string()),
            None => as_hex(),
        },
        Kind::Class | Kind::KeyType | Kind::CertType | Kind::Mechanism => match ulong(bytes) {
            Some(n) => {
                let name = match kind {
                    Kind::Class => class_name(n),
                    Kind::KeyType => key_type_name(n),
                    Kind::CertType => lookup(CERT_TYPES, n, "CKC"),
                    _ if n == CK_UNAVAILABLE_INFORMATION => "unavailable".into(),
                    _ => super::types::mechanism_name(n),
                };
                (Value::String(name.clone()), name)
            }
            None => as_hex(),
        },
        Kind::Text => match std::str::from_utf8(bytes) {
            Ok(s) => (Value::String(s.into()), s.into()),
            Err(_) => as_hex(),
        },
        Kind::Date => match bytes {
            [] => (Value::String(String::new()), String::new()),
            [y @ .., m1, m2, d1, d2] if y.len() == 4 && bytes.iter().all(u8::is_ascii_digit) => {
                let y = std::str::from_utf8(y).unwrap_or_default();
                let s = format!(
                    "{y}-{}{}-{}{}",
                    *m1 as char, *m2 as char, *d1 as char, *d2 as char
                );
                (Value::String(s.clone()), s)
            }
            _ => as_hex(),
        },
        Kind::Bytes => as_hex(),
        Kind::EcParams => match Curve::from_params(bytes) {
            Some(c) => (
                Value::String(hex(bytes)),
                format!("{} ({})", c.name(), hex(bytes)),
            ),
            None => as_hex(),
        },
    }
}

/// The catalog entry for a name: `CKA_SIGN`, `sign`, `label`, ...
pub(crate) fn by_name(name: &str) -> Option<(CK_ATTRIBUTE_TYPE, &'static str, Kind)> {
    let upper = name.to_ascii_uppercase().replace('-', "_");
    let full = if upper.starts_with("CKA_") {
        upper
    } else {
        format!("CKA_{upper}")
    };
    CATALOG.iter().find(|(_, n, _)| *n == full).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_common_kinds() {
        assert_eq!(decode(Kind::Bool, &[1]).1, "true");
        assert_eq!(
            decode(Kind::Class, &CKO_PRIVATE_KEY.to_ne_bytes()).1,
            "CKO_PRIVATE_KEY"
        );
        assert_eq!(
            decode(Kind::KeyType, &CKK_EC_EDWARDS.to_ne_bytes()).1,
            "CKK_EC_EDWARDS"
        );
        assert_eq!(decode(Kind::Date, b"20261123").1, "2026-11-23");
        assert_eq!(
            decode(Kind::EcParams, Curve::P256.oid_der()).1,
            "P-256 (06082a8648ce3d030107)"
        );
        assert_eq!(by_name("sign").unwrap().1, "CKA_SIGN");
        assert_eq!(by_name("CKA_LABEL").unwrap().0, CKA_LABEL);
        assert!(by_name("colour").is_none());
    }
}

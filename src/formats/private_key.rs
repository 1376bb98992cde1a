//! Private key files (PKCS#8 plain or encrypted, PKCS#1, SEC1, OpenSSH with or without a
//! passphrase, PKCS#12 with its certificates) decoded into what PKCS#11 templates and C_UnwrapKey need. Pure, no I/O; every
//! secret byte lives in a zeroizing buffer, and the crates' own key types zeroize on drop.

use super::ec::Curve;
use super::pubkey::PublicKeyMaterial;
use der::asn1::{ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode};
use zeroize::Zeroizing;

const RSA_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ED25519_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const P256_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const P521_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");

/// The smallest and largest RSA moduli hsmctl imports (the same policy as generatekeypair).
pub const RSA_BITS: std::ops::RangeInclusive<u32> = 2048..=16384;

/// Secret bytes, wiped when dropped.
pub type Secret = Zeroizing<Vec<u8>>;

/// The private values as PKCS#11 attributes name them (big-endian, no leading zeros).
pub enum SecretParts {
    /// CKA_PRIVATE_EXPONENT and the CRT values.
    Rsa {
        /// CKA_PRIVATE_EXPONENT.
        d: Secret,
        /// CKA_PRIME_1.
        p: Secret,
        /// CKA_PRIME_2.
        q: Secret,
        /// CKA_EXPONENT_1 (d mod p-1).
        dp: Secret,
        /// CKA_EXPONENT_2 (d mod q-1).
        dq: Secret,
        /// CKA_COEFFICIENT (q^-1 mod p).
        qinv: Secret,
    },
    /// CKA_VALUE of an EC key: the scalar, as long as the field.
    Ec(Secret),
    /// CKA_VALUE of an Ed25519 key: the 32-byte seed.
    Ed25519(Secret),
}

/// The formats a key file can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyFileFormat {
    /// PKCS#8 PrivateKeyInfo ("PRIVATE KEY").
    Pkcs8,
    /// PKCS#8 EncryptedPrivateKeyInfo ("ENCRYPTED PRIVATE KEY").
    EncryptedPkcs8,
    /// PKCS#1 RSAPrivateKey ("RSA PRIVATE KEY").
    Pkcs1,
    /// SEC1 ECPrivateKey ("EC PRIVATE KEY").
    Sec1,
    /// OpenSSH's own format ("OPENSSH PRIVATE KEY").
    Openssh,
    /// OpenSSH's format, encrypted with a passphrase.
    EncryptedOpenssh,
    /// PKCS#12 (PFX): the key and its certificates.
    Pkcs12,
}

impl KeyFileFormat {
    /// The format's usual name, for people.
    pub fn name(self) -> &'static str {
        match self {
            KeyFileFormat::Pkcs8 => "PKCS#8",
            KeyFileFormat::EncryptedPkcs8 => "encrypted PKCS#8",
            KeyFileFormat::Pkcs1 => "PKCS#1",
            KeyFileFormat::Sec1 => "SEC1",
            KeyFileFormat::Openssh => "OpenSSH",
            KeyFileFormat::EncryptedOpenssh => "encrypted OpenSSH",
            KeyFileFormat::Pkcs12 => "PKCS#12",
        }
    }
}

/// A decoded private key with its public half.
pub struct PrivateKey {
    /// The public key, derived from the private one (and checked against the file's copy).
    pub public: PublicKeyMaterial,
    /// The private values.
    pub secret: SecretParts,
    /// The key as an unencrypted PKCS#8 PrivateKeyInfo, for wrapping and C_UnwrapKey.
    pub pkcs8: Secret,
    /// The file's format.
    pub format: KeyFileFormat,
    /// An OpenSSH key's comment.
    pub comment: Option<String>,
    /// A PKCS#12 file's certificates (DER), in file order.
    pub certificates: Vec<Vec<u8>>,
}

/// Why a key file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyFileError {
    /// Not a key file hsmctl can read, or a damaged one.
    Malformed(String),
    /// The file is encrypted and no passphrase was given.
    NeedsPassphrase,
    /// The passphrase does not decrypt it (or the encrypted part is damaged).
    WrongPassphrase,
    /// A readable key that policy or hsmctl does not import (RSA < 2048, DSA, other curves).
    Refused(String),
    /// A file in a form hsmctl does not read (legacy encryption, say); the message says how
    /// to convert it.
    Convert(String),
}

impl std::fmt::Display for KeyFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyFileError::Malformed(m) | KeyFileError::Refused(m) | KeyFileError::Convert(m) => {
                f.write_str(m)
            }
            KeyFileError::NeedsPassphrase => f.write_str("the key is encrypted with a passphrase"),
            KeyFileError::WrongPassphrase => {
                f.write_str("the passphrase does not decrypt the key (wrong, or a damaged file)")
            }
        }
    }
}

impl std::error::Error for KeyFileError {}

fn malformed<T>(msg: impl Into<String>) -> Result<T, KeyFileError> {
    Err(KeyFileError::Malformed(msg.into()))
}

/// Labels of PEM blocks that hold a private key, with their format.
const PEM_LABELS: &[(&str, KeyFileFormat)] = &[
    ("PRIVATE KEY", KeyFileFormat::Pkcs8),
    ("ENCRYPTED PRIVATE KEY", KeyFileFormat::EncryptedPkcs8),
    ("RSA PRIVATE KEY", KeyFileFormat::Pkcs1),
    ("EC PRIVATE KEY", KeyFileFormat::Sec1),
    ("OPENSSH PRIVATE KEY", KeyFileFormat::Openssh),
];

/// The first private-key PEM block of a text: its format and the block's text. Other blocks
/// (openssl ecparam's "EC PARAMETERS", certificates) are skipped.
fn pem_block(text: &str) -> Result<Option<(KeyFileFormat, &str)>, KeyFileError> {
    for part in super::pem::parts(text) {
        match part {
            super::pem::Part::Block { label, text } => {
                if let Some((_, f)) = PEM_LABELS.iter().find(|(l, _)| *l == label) {
                    return Ok(Some((*f, text)));
                }
            }
            super::pem::Part::Truncated(label) => {
                return malformed(format!("the PEM block '{label}' has no END line"));
            }
            super::pem::Part::Unclosed => {
                return malformed("a PEM BEGIN line without its closing dashes");
            }
            super::pem::Part::Text(_) => {}
        }
    }
    Ok(None)
}

/// Whether decoding this file needs a passphrase (so that one is asked for only then).
pub fn needs_passphrase(bytes: &[u8]) -> bool {
    matches!(
        read_private_key(bytes, None),
        Err(KeyFileError::NeedsPassphrase)
    )
}

/// Decodes a private key file; `passphrase` is used when the file is encrypted.
pub fn read_private_key(
    bytes: &[u8],
    passphrase: Option<&[u8]>,
) -> Result<PrivateKey, KeyFileError> {
    let text = std::str::from_utf8(bytes).ok();
    let Some(text) = text.filter(|t| t.contains("-----BEGIN ")) else {
        return from_der(bytes, passphrase);
    };
    let Some((format, block)) = pem_block(text)? else {
        if text.contains("PUBLIC KEY-----") || text.contains("CERTIFICATE-----") {
            return malformed("the file holds a public key or a certificate, not a private key");
        }
        return malformed("no private key PEM block in the file");
    };
    if format == KeyFileFormat::Openssh {
        return from_openssh(block, passphrase);
    }
    if block.contains("Proc-Type:") {
        // Legacy OpenSSL encryption (DEK-Info headers): MD5 key derivation, not supported.
        return Err(KeyFileError::Convert(
            "the key uses OpenSSL's legacy PEM encryption (Proc-Type/DEK-Info); convert it \
             with `openssl pkcs8 -topk8 -in FILE -out NEW` first"
                .into(),
        ));
    }
    let (_, der) =
        super::pem::decode(block).map_err(|e| KeyFileError::Malformed(format!("bad PEM: {e}")))?;
    let der = Zeroizing::new(der);
    match format {
        KeyFileFormat::Pkcs8 => from_pkcs8(&der, KeyFileFormat::Pkcs8),
        KeyFileFormat::EncryptedPkcs8 => from_encrypted_pkcs8(&der, passphrase),
        KeyFileFormat::Pkcs1 => from_pkcs1(&der),
        _ => from_sec1(&der, None),
    }
}

/// DER input: PKCS#8 (plain, then encrypted), PKCS#1, SEC1, in that order.
fn from_der(der: &[u8], passphrase: Option<&[u8]>) -> Result<PrivateKey, KeyFileError> {
    if pkcs8::PrivateKeyInfo::from_der(der).is_ok() {
        return from_pkcs8(der, KeyFileFormat::Pkcs8);
    }
    if pkcs8::EncryptedPrivateKeyInfo::from_der(der).is_ok() {
        return from_encrypted_pkcs8(der, passphrase);
    }
    if pkcs1::RsaPrivateKey::from_der(der).is_ok() {
        return from_pkcs1(der);
    }
    if sec1::EcPrivateKey::from_der(der).is_ok() {
        return from_sec1(der, None);
    }
    if super::pkcs12::is_pkcs12(der) {
        return from_pkcs12(der, passphrase);
    }
    malformed(
        "not a private key in a format hsmctl reads (PEM or DER PKCS#8, PKCS#1, SEC1, or OpenSSH)",
    )
}

/// A PKCS#12 file: tried with the empty password when none is given (files exported with
/// `-passout pass:` have one), else the passphrase is needed.
fn from_pkcs12(der: &[u8], passphrase: Option<&[u8]>) -> Result<PrivateKey, KeyFileError> {
    let pass = match passphrase {
        Some(p) => std::str::from_utf8(p)
            .map_err(|_| KeyFileError::Convert("a PKCS#12 passphrase must be UTF-8".into()))?,
        None => "",
    };
    let contents = match super::pkcs12::read_pkcs12(der, pass) {
        Err(KeyFileError::WrongPassphrase) if passphrase.is_none() => {
            return Err(KeyFileError::NeedsPassphrase);
        }
        other => other?,
    };
    let mut key = from_pkcs8(&contents.pkcs8, KeyFileFormat::Pkcs12).map_err(|e| match e {
        KeyFileError::Malformed(m) => KeyFileError::Malformed(format!("in the PKCS#12 file, {m}")),
        other => other,
    })?;
    key.certificates = contents.certificates;
    Ok(key)
}

fn from_encrypted_pkcs8(der: &[u8], passphrase: Option<&[u8]>) -> Result<PrivateKey, KeyFileError> {
    let info = pkcs8::EncryptedPrivateKeyInfo::from_der(der)
        .map_err(|e| KeyFileError::Malformed(format!("a damaged encrypted PKCS#8 key: {e}")))?;
    let pass = passphrase.ok_or(KeyFileError::NeedsPassphrase)?;
    let plain = info.decrypt(pass).map_err(|e| match e {
        pkcs8::Error::EncryptedPrivateKey(
            pkcs8::pkcs5::Error::UnsupportedAlgorithm { .. }
            | pkcs8::pkcs5::Error::NoPbes1CryptSupport,
        ) => KeyFileError::Convert(format!(
            "the key's encryption is not supported ({e}); re-encrypt it with \
             `openssl pkcs8 -topk8 -v2 aes-256-cbc`"
        )),
        _ => KeyFileError::WrongPassphrase,
    })?;
    // A wrong passphrase passes CBC's padding check now and then: the result is not DER.
    from_pkcs8(plain.as_bytes(), KeyFileFormat::EncryptedPkcs8).map_err(|e| match e {
        KeyFileError::Malformed(_) => KeyFileError::WrongPassphrase,
        other => other,
    })
}

fn from_pkcs8(der: &[u8], format: KeyFileFormat) -> Result<PrivateKey, KeyFileError> {
    let info = pkcs8::PrivateKeyInfo::from_der(der)
        .map_err(|e| KeyFileError::Malformed(format!("a damaged PKCS#8 key: {e}")))?;
    let oid = info.algorithm.oid;
    let mut key = if oid == RSA_OID {
        from_pkcs1(info.private_key)?
    } else if oid == EC_OID {
        let curve = info
            .algorithm
            .parameters_oid()
            .map_err(|_| KeyFileError::Refused("an EC key without a named curve".into()))?;
        from_sec1(info.private_key, Some(curve))?
    } else if oid == ED25519_OID {
        let seed = OctetStringRef::from_der(info.private_key)
            .map_err(|e| KeyFileError::Malformed(format!("a damaged Ed25519 key: {e}")))?;
        ed25519(seed.as_bytes(), info.public_key)?
    } else {
        return Err(KeyFileError::Refused(format!(
            "keys of algorithm {oid} are not imported (RSA, EC P-256/P-384/P-521 and Ed25519 are)"
        )));
    };
    key.format = format;
    Ok(key)
}

fn check_rsa_bits(bits: u32) -> Result<(), KeyFileError> {
    if !RSA_BITS.contains(&bits) {
        return Err(KeyFileError::Refused(format!(
            "a {bits}-bit RSA key: policy imports RSA keys of 2048 to 16384 bits"
        )));
    }
    Ok(())
}

fn from_pkcs1(der: &[u8]) -> Result<PrivateKey, KeyFileError> {
    use rsa::pkcs1::DecodeRsaPrivateKey;
    let parsed = pkcs1::RsaPrivateKey::from_der(der)
        .map_err(|e| KeyFileError::Malformed(format!("a damaged PKCS#1 RSA key: {e}")))?;
    if parsed.other_prime_infos.is_some() {
        return Err(KeyFileError::Refused(
            "multi-prime RSA keys are not imported".into(),
        ));
    }
    check_rsa_bits(parsed.modulus.as_bytes().len() as u32 * 8 - leading_zero_bits(&parsed))?;
    let key = rsa::RsaPrivateKey::from_pkcs1_der(der)
        .map_err(|e| KeyFileError::Malformed(format!("an inconsistent RSA key: {e}")))?;
    rsa_key(key)
}

fn leading_zero_bits(k: &pkcs1::RsaPrivateKey) -> u32 {
    k.modulus
        .as_bytes()
        .first()
        .map_or(0, |b| b.leading_zeros())
}

/// From the rsa crate's key (validated: its primes multiply to the modulus).
fn rsa_key(mut key: rsa::RsaPrivateKey) -> Result<PrivateKey, KeyFileError> {
    use rsa::pkcs8::EncodePrivateKey;
    use rsa::traits::{PrivateKeyParts, PublicKeyParts};
    key.validate()
        .map_err(|e| KeyFileError::Malformed(format!("an inconsistent RSA key: {e}")))?;
    key.precompute()
        .map_err(|e| KeyFileError::Malformed(format!("an inconsistent RSA key: {e}")))?;
    check_rsa_bits(key.n().bits() as u32)?;
    let secret = |v: &rsa::BigUint| Zeroizing::new(v.to_bytes_be());
    let [p, q] = key.primes() else {
        return Err(KeyFileError::Refused(
            "multi-prime RSA keys are not imported".into(),
        ));
    };
    let (Some(dp), Some(dq), Some(qinv)) = (key.dp(), key.dq(), key.crt_coefficient()) else {
        return malformed("the RSA key's CRT values cannot be computed");
    };
    let parts = SecretParts::Rsa {
        d: secret(key.d()),
        p: secret(p),
        q: secret(q),
        dp: secret(dp),
        dq: secret(dq),
        qinv: secret(&qinv),
    };
    let public = PublicKeyMaterial::from_rsa(&key.n().to_bytes_be(), &key.e().to_bytes_be())
        .map_err(|e| KeyFileError::Malformed(e.to_string()))?;
    let pkcs8 = key
        .to_pkcs8_der()
        .map_err(|e| KeyFileError::Malformed(e.to_string()))?;
    Ok(PrivateKey {
        public,
        secret: parts,
        pkcs8: Zeroizing::new(pkcs8.as_bytes().to_vec()),
        format: KeyFileFormat::Pkcs1,
        comment: None,
        certificates: Vec::new(),
    })
}

/// An EC key from its scalar, through the curve's own type (which refuses zero and values
/// beyond the order): (uncompressed point, scalar, PKCS#8).
macro_rules! ec_key {
    ($krate:ident, $curve:expr, $scalar:expr) => {{
        use $krate::elliptic_curve::sec1::ToEncodedPoint;
        use $krate::pkcs8::EncodePrivateKey;
        let sk = $krate::SecretKey::from_slice($scalar).map_err(|_| {
            KeyFileError::Malformed(format!("not a valid {} private key", $curve.name()))
        })?;
        let point = sk.public_key().to_encoded_point(false).as_bytes().to_vec();
        let der = sk
            .to_pkcs8_der()
            .map_err(|e| KeyFileError::Malformed(e.to_string()))?;
        let d = Zeroizing::new(sk.to_bytes().to_vec());
        (point, d, Zeroizing::new(der.as_bytes().to_vec()))
    }};
}

fn from_sec1(der: &[u8], curve: Option<ObjectIdentifier>) -> Result<PrivateKey, KeyFileError> {
    let k = sec1::EcPrivateKey::from_der(der)
        .map_err(|e| KeyFileError::Malformed(format!("a damaged SEC1 EC key: {e}")))?;
    let named = k.parameters.and_then(|p| p.named_curve());
    let oid = match (curve, named) {
        (Some(a), Some(b)) if a != b => {
            return malformed("the key's two curve names disagree");
        }
        (Some(a), _) | (None, Some(a)) => a,
        (None, None) => {
            return Err(KeyFileError::Refused(
                "an EC key without a named curve (explicit parameters are not imported)".into(),
            ));
        }
    };
    let stated = k.public_key;
    let (curve, (point, d, pkcs8)) = if oid == P256_OID {
        (Curve::P256, ec_key!(p256, Curve::P256, k.private_key))
    } else if oid == P384_OID {
        (Curve::P384, ec_key!(p384, Curve::P384, k.private_key))
    } else if oid == P521_OID {
        (Curve::P521, ec_key!(p521, Curve::P521, k.private_key))
    } else {
        return Err(KeyFileError::Refused(format!(
            "EC keys on curve {oid} are not imported (P-256, P-384 and P-521 are)"
        )));
    };
    if stated.is_some_and(|s| s != point.as_slice()) {
        return malformed("the file's public key does not belong to its private key");
    }
    Ok(PrivateKey {
        public: PublicKeyMaterial::Ec { curve, point },
        secret: SecretParts::Ec(d),
        pkcs8,
        format: KeyFileFormat::Sec1,
        comment: None,
        certificates: Vec::new(),
    })
}

/// An Ed25519 key from its seed; `stated` is the public key the file carries, if any.
fn ed25519(seed: &[u8], stated: Option<&[u8]>) -> Result<PrivateKey, KeyFileError> {
    let seed: Zeroizing<[u8; 32]> = Zeroizing::new(
        seed.try_into()
            .map_err(|_| KeyFileError::Malformed("an Ed25519 key that is not 32 bytes".into()))?,
    );
    let sk = ed25519_dalek::SigningKey::from_bytes(&seed);
    let public = sk.verifying_key().to_bytes();
    if stated.is_some_and(|s| s != public.as_slice()) {
        return malformed("the file's public key does not belong to its private key");
    }
    let inner = Zeroizing::new(
        OctetStringRef::new(seed.as_slice())
            .and_then(|o| o.to_der())
            .map_err(|e| KeyFileError::Malformed(e.to_string()))?,
    );
    let info = pkcs8::PrivateKeyInfo::new(
        pkcs8::AlgorithmIdentifierRef {
            oid: ED25519_OID,
            parameters: None,
        },
        &inner,
    );
    let pkcs8 = Zeroizing::new(
        info.to_der()
            .map_err(|e| KeyFileError::Malformed(e.to_string()))?,
    );
    Ok(PrivateKey {
        public: PublicKeyMaterial::Ed25519(public),
        secret: SecretParts::Ed25519(Zeroizing::new(seed.to_vec())),
        pkcs8,
        format: KeyFileFormat::Pkcs8,
        comment: None,
        certificates: Vec::new(),
    })
}

fn from_openssh(block: &str, passphrase: Option<&[u8]>) -> Result<PrivateKey, KeyFileError> {
    use ssh_key::private::{EcdsaKeypair, KeypairData};
    let parsed = ssh_key::PrivateKey::from_openssh(block)
        .map_err(|e| KeyFileError::Malformed(format!("a damaged OpenSSH private key: {e}")))?;
    let (key, format) = if parsed.is_encrypted() {
        let pass = passphrase.ok_or(KeyFileError::NeedsPassphrase)?;
        let plain = parsed.decrypt(pass).map_err(|e| match e {
            ssh_key::Error::Crypto | ssh_key::Error::Encoding(_) => KeyFileError::WrongPassphrase,
            other => KeyFileError::Refused(format!("cannot decrypt the key: {other}")),
        })?;
        (plain, KeyFileFormat::EncryptedOpenssh)
    } else {
        (parsed, KeyFileFormat::Openssh)
    };
    let mut out = match key.key_data() {
        KeypairData::Rsa(k) => {
            // Not ssh-key 0.6.7's TryFrom: it passes p twice as the primes, so every real
            // key fails its consistency check.
            let big = |m: &ssh_key::Mpint| {
                m.as_positive_bytes()
                    .map(rsa::BigUint::from_bytes_be)
                    .ok_or_else(|| KeyFileError::Malformed("a negative RSA value".into()))
            };
            let rsa = rsa::RsaPrivateKey::from_components(
                big(&k.public.n)?,
                big(&k.public.e)?,
                big(&k.private.d)?,
                vec![big(&k.private.p)?, big(&k.private.q)?],
            )
            .map_err(|e| KeyFileError::Malformed(format!("an inconsistent RSA key: {e}")))?;
            rsa_key(rsa)?
        }
        KeypairData::Ecdsa(k) => {
            let (oid, scalar) = match k {
                EcdsaKeypair::NistP256 { private, .. } => (P256_OID, private.as_slice()),
                EcdsaKeypair::NistP384 { private, .. } => (P384_OID, private.as_slice()),
                EcdsaKeypair::NistP521 { private, .. } => (P521_OID, private.as_slice()),
            };
            let sec1 = Zeroizing::new(
                sec1::EcPrivateKey {
                    private_key: scalar,
                    parameters: Some(sec1::EcParameters::NamedCurve(oid)),
                    public_key: Some(k.public_key_bytes()),
                }
                .to_der()
                .map_err(|e| KeyFileError::Malformed(e.to_string()))?,
            );
            from_sec1(&sec1, Some(oid))?
        }
        KeypairData::Ed25519(k) => ed25519(&k.private.to_bytes(), Some(&k.public.0))?,
        other => {
            return Err(KeyFileError::Refused(format!(
                "OpenSSH {} keys are not imported (RSA, ECDSA and Ed25519 are)",
                other
                    .algorithm()
                    .map(|a| a.to_string())
                    .unwrap_or_else(|_| "unknown".into())
            )));
        }
    };
    out.format = format;
    out.comment = Some(key.comment().to_string()).filter(|c| !c.is_empty());
    Ok(out)
}

/// The CKA_ID Mastercard's pkcs11-tools give an imported key, so that tools which pair keys
/// the same way (Java's SunPKCS11 keystores, NSS) find the pair: SHA-1 of CKA_MODULUS for
/// RSA, and of the CKA_EC_POINT value (the point in its DER OCTET STRING) for EC and Ed25519.
pub fn default_id(public: &PublicKeyMaterial) -> Vec<u8> {
    use sha1::Digest;
    let wrapped = |raw: &[u8]| {
        der::asn1::OctetStringRef::new(raw)
            .and_then(|o| o.to_der())
            .unwrap_or_default()
    };
    match public {
        PublicKeyMaterial::Rsa { n, .. } => sha1::Sha1::digest(n).to_vec(),
        PublicKeyMaterial::Ec { point, .. } => sha1::Sha1::digest(wrapped(point)).to_vec(),
        PublicKeyMaterial::Ed25519(k) => sha1::Sha1::digest(wrapped(k)).to_vec(),
    }
}

/// SHA-1 of some bytes (an id for a certificate whose key hsmctl cannot decode).
pub fn sha1(bytes: &[u8]) -> Vec<u8> {
    use sha1::Digest;
    sha1::Sha1::digest(bytes).to_vec()
}

/// The key type in `--key-type` spelling: rsa:BITS, ec:p256, ed25519.
pub fn key_type_name(public: &PublicKeyMaterial) -> String {
    match public {
        PublicKeyMaterial::Rsa { n, .. } => {
            format!("rsa:{}", (n.len() as u32) * 8 - n[0].leading_zeros())
        }
        PublicKeyMaterial::Ec { curve, .. } => {
            format!("ec:{}", curve.name().to_ascii_lowercase().replace('-', ""))
        }
        PublicKeyMaterial::Ed25519(_) => "ed25519".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A P-256 key in SEC1 PEM, as `openssl ecparam -genkey` writes it (EC PARAMETERS first).
    const SEC1: &str = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n\
-----BEGIN EC PRIVATE KEY-----\n\
MHcCAQEEID/AfYV3dEx/48amzb/UGT4YHXr4/dIrhEr0rRthA5PIoAoGCCqGSM49\n\
AwEHoUQDQgAESOslmEf2mDtD2tw6jyiIsywQzfEwc8nlxQiw5EGYdwJqkgEb9tzB\n\
jsnughHwwZphkL1aHwkqqLbKCSt0GKH3jw==\n-----END EC PRIVATE KEY-----\n";

    #[test]
    fn reads_sec1_after_parameters_and_derives_the_point() {
        let k = read_private_key(SEC1.as_bytes(), None);
        let k = match k {
            Ok(k) => k,
            // The fixture is a real key; any failure here is a decoding bug.
            Err(e) => panic!("{e}"),
        };
        assert_eq!(k.format, KeyFileFormat::Sec1);
        assert_eq!(key_type_name(&k.public), "ec:p256");
        // SHA-1 over CKA_EC_POINT's value: 04 41, then the 65-byte point.
        let PublicKeyMaterial::Ec { point, .. } = &k.public else {
            panic!("an EC key")
        };
        use sha1::Digest;
        let want = sha1::Sha1::digest([&[0x04, 0x41][..], point].concat()).to_vec();
        assert_eq!(default_id(&k.public), want);
        // The PKCS#8 form decodes back to the same key.
        let again = read_private_key(&k.pkcs8, None).map_err(|e| e.to_string());
        assert_eq!(again.map(|a| a.public).ok(), Some(k.public));
    }

    #[test]
    fn refuses_garbage_and_public_keys() {
        assert!(matches!(
            read_private_key(b"hello", None),
            Err(KeyFileError::Malformed(_))
        ));
        let public = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
        assert!(matches!(
            read_private_key(public.as_bytes(), None),
            Err(KeyFileError::Malformed(m)) if m.contains("public key")
        ));
        // A truncated body.
        let cut = SEC1.replace(
            "AwEHoUQDQgAESOslmEf2mDtD2tw6jyiIsywQzfEwc8nlxQiw5EGYdwJqkgEb9tzB\n",
            "",
        );
        assert!(read_private_key(cut.as_bytes(), None).is_err());
    }
}

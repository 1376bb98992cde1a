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
    let k = pkcs1::RsaPrivateKey::from_der(der)
        .map_err(|e| KeyFileError::Malformed(format!("a damaged PKCS#1 RSA key: {e}")))?;
    if k.other_prime_infos.is_some() {
        return Err(KeyFileError::Refused(
            "multi-prime RSA keys are not imported".into(),
        ));
    }
    // The file's CRT values are not taken on trust: they are computed again from d, p and q.
    rsa_key(
        k.modulus.as_bytes(),
        k.public_exponent.as_bytes(),
        k.private_exponent.as_bytes(),
        k.prime1.as_bytes(),
        k.prime2.as_bytes(),
    )
}

/// A PKCS#1 INTEGER of the big-endian `v`.
fn uint(v: &[u8]) -> Result<pkcs1::UintRef<'_>, KeyFileError> {
    pkcs1::UintRef::new(v).map_err(|e| KeyFileError::Malformed(e.to_string()))
}

/// `b` without its leading zero bytes.
fn unpadded(b: &[u8]) -> &[u8] {
    &b[b.iter().take_while(|x| **x == 0).count()..]
}

/// An RSA key from n, e, d, p and q (big-endian), checked as an RSA key must be (e from 2 to
/// 2^33 - 1, p·q = n, d·e ≡ 1 mod p-1 and mod q-1) with its CRT values computed (OpenSSH key
/// files carry no dP, dQ).
fn rsa_key(n: &[u8], e: &[u8], d: &[u8], p: &[u8], q: &[u8]) -> Result<PrivateKey, KeyFileError> {
    use crypto_bigint::{U2048, U3072, U4096, U6144, U8192, U16384};
    let n = unpadded(n);
    check_rsa_bits(
        (n.len() as u32 * 8).saturating_sub(n.first().map_or(0, |b| b.leading_zeros())),
    )?;
    let e = unpadded(e);
    let small_e =
        e.len() <= 5 && (2..1 << 33).contains(&e.iter().fold(0u64, |a, b| a << 8 | u64::from(*b)));
    // The narrowest width that holds n: the arithmetic's cost grows with it.
    let crt = match n.len() * 8 {
        0..=2048 => rsa_crt::<{ U2048::LIMBS }>,
        2049..=3072 => rsa_crt::<{ U3072::LIMBS }>,
        3073..=4096 => rsa_crt::<{ U4096::LIMBS }>,
        4097..=6144 => rsa_crt::<{ U6144::LIMBS }>,
        6145..=8192 => rsa_crt::<{ U8192::LIMBS }>,
        _ => rsa_crt::<{ U16384::LIMBS }>,
    };
    let Some([dp, dq, qinv]) = crt(n, e, d, p, q).filter(|_| small_e) else {
        return malformed("an inconsistent RSA key (its values do not make one key)");
    };
    let public =
        PublicKeyMaterial::from_rsa(n, e).map_err(|e| KeyFileError::Malformed(e.to_string()))?;
    let secret = |v: &[u8]| Zeroizing::new(unpadded(v).to_vec());
    let (d, p, q) = (secret(d), secret(p), secret(q));
    let pkcs1 = Zeroizing::new(
        pkcs1::RsaPrivateKey {
            modulus: uint(n)?,
            public_exponent: uint(e)?,
            private_exponent: uint(&d)?,
            prime1: uint(&p)?,
            prime2: uint(&q)?,
            exponent1: uint(&dp)?,
            exponent2: uint(&dq)?,
            coefficient: uint(&qinv)?,
            other_prime_infos: None,
        }
        .to_der()
        .map_err(|e| KeyFileError::Malformed(e.to_string()))?,
    );
    let pkcs8 = pkcs8::PrivateKeyInfo::new(
        pkcs8::AlgorithmIdentifierRef {
            oid: RSA_OID,
            parameters: Some(der::asn1::AnyRef::NULL),
        },
        &pkcs1,
    )
    .to_der()
    .map_err(|e| KeyFileError::Malformed(e.to_string()))?;
    Ok(PrivateKey {
        public,
        secret: SecretParts::Rsa {
            d,
            p,
            q,
            dp,
            dq,
            qinv,
        },
        pkcs8: Zeroizing::new(pkcs8),
        format: KeyFileFormat::Pkcs1,
        comment: None,
        certificates: Vec::new(),
    })
}

/// dP, dQ and qInv of the key (n, e, d, p, q), or None when the values do not make an RSA
/// key. crypto-bigint (the curves' own) works in constant time on the secrets' values (its
/// divisions vary only with the primes' lengths), `L` limbs wide: n fits. The values it names
/// are wiped when dropped.
fn rsa_crt<const L: usize>(
    n: &[u8],
    e: &[u8],
    d: &[u8],
    p: &[u8],
    q: &[u8],
) -> Option<[Zeroizing<Vec<u8>>; 3]> {
    use crypto_bigint::{NonZero, Uint};
    let int = |b: &[u8]| {
        let b = unpadded(b);
        let mut buf = Zeroizing::new(vec![0u8; Uint::<L>::BYTES]);
        let at = buf.len().checked_sub(b.len())?;
        buf[at..].copy_from_slice(b);
        Some(Zeroizing::new(Uint::<L>::from_be_slice(&buf)))
    };
    let (n, e, d, p, q) = (int(n)?, int(e)?, int(d)?, int(p)?, int(q)?);
    let one = Uint::<L>::ONE;
    // p odd: qInv is an inverse modulo p; both primes above 1: p-1 and q-1 are not zero.
    if p.as_words()[0] & 1 == 0 || *p <= one || *q <= one {
        return None;
    }
    let (lo, hi) = p.mul_wide(&*q);
    if lo != *n || hi != Uint::ZERO {
        return None;
    }
    // d mod (m-1), if d·e ≡ 1 modulo m-1.
    let exponent = |m: &Uint<L>| {
        let m1 = Option::<NonZero<Uint<L>>>::from(NonZero::new(m.wrapping_sub(&one)))?;
        let dm = Zeroizing::new(d.rem(&m1));
        let (r, _) = Uint::const_rem_wide(dm.mul_wide(&*e), &m1);
        (r == one).then_some(dm)
    };
    let (dp, dq) = (exponent(&p)?, exponent(&q)?);
    let p_nz = Option::<NonZero<Uint<L>>>::from(NonZero::new(*p))?;
    let (qinv, ok) = q.rem(&p_nz).inv_odd_mod(&*p);
    let qinv = Zeroizing::new(qinv);
    if !bool::from(ok) {
        return None;
    }
    let bytes = |v: &Uint<L>| {
        let mut out = Zeroizing::new(vec![0u8; Uint::<L>::BYTES]);
        let words = v.as_words().iter().rev();
        for (chunk, word) in out.chunks_exact_mut(crypto_bigint::Limb::BYTES).zip(words) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        Zeroizing::new(unpadded(&out).to_vec())
    };
    Some([bytes(&dp), bytes(&dq), bytes(&qinv)])
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

fn positive(m: &ssh_key::Mpint) -> Result<&[u8], KeyFileError> {
    m.as_positive_bytes()
        .ok_or_else(|| KeyFileError::Malformed("a negative RSA value".into()))
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
            // Not ssh-key 0.6.7's conversion: it passes p twice as the primes. The file's
            // iqmp is computed again with dP and dQ, which OpenSSH does not store.
            rsa_key(
                positive(&k.public.n)?,
                positive(&k.public.e)?,
                positive(&k.private.d)?,
                positive(&k.private.p)?,
                positive(&k.private.q)?,
            )?
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

    #[test]
    fn rsa_keys_are_checked_and_their_crt_values_computed() {
        // aws-lc-rs's key and its own CRT values: the computed ones must be the same, and
        // so must the PKCS#8 made from them.
        let key =
            rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
                .unwrap();
        let pkcs8 = key.serialize_der();
        let info = pkcs8::PrivateKeyInfo::try_from(pkcs8.as_slice()).unwrap();
        let k = pkcs1::RsaPrivateKey::from_der(info.private_key).unwrap();
        let read = read_private_key(&pkcs8, None).unwrap();
        let SecretParts::Rsa { dp, dq, qinv, .. } = &read.secret else {
            panic!("not RSA")
        };
        assert_eq!(dp.as_slice(), k.exponent1.as_bytes());
        assert_eq!(dq.as_slice(), k.exponent2.as_bytes());
        assert_eq!(qinv.as_slice(), k.coefficient.as_bytes());
        assert_eq!(read.pkcs8.as_slice(), pkcs8.as_slice());
        let parts = |d: &[u8], p: &[u8], e: &[u8]| {
            rsa_key(k.modulus.as_bytes(), e, d, p, k.prime2.as_bytes())
        };
        let (d, p, e) = (
            k.private_exponent.as_bytes(),
            k.prime1.as_bytes(),
            k.public_exponent.as_bytes(),
        );
        assert!(parts(d, p, e).is_ok());
        // A changed d, a changed p, an exponent of 1: not one key.
        let mut bad = d.to_vec();
        bad[10] ^= 1;
        assert!(matches!(parts(&bad, p, e), Err(KeyFileError::Malformed(_))));
        let mut bad = p.to_vec();
        bad[10] ^= 1;
        assert!(matches!(parts(d, &bad, e), Err(KeyFileError::Malformed(_))));
        assert!(matches!(parts(d, p, &[1]), Err(KeyFileError::Malformed(_))));
    }
}

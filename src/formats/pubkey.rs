//! Public keys between their encodings: PKCS#11 attributes (tolerantly decoded), OpenSSH,
//! SubjectPublicKeyInfo (PEM/DER) and PKCS#1 RSAPublicKey. Pure: no I/O.

use super::ec::Curve;
use der::asn1::{BitString, ObjectIdentifier, UintRef};
use der::{Decode, Encode};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use ssh_key::public::{EcdsaPublicKey, Ed25519PublicKey, KeyData, RsaPublicKey};
use ssh_key::{HashAlg, Mpint, PublicKey};

const RSA_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ED25519_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// A public key, whatever it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicKeyMaterial {
    /// RSA: big-endian modulus and exponent, without leading zeros.
    Rsa {
        /// The modulus.
        n: Vec<u8>,
        /// The public exponent.
        e: Vec<u8>,
    },
    /// ECDSA: the curve and the uncompressed SEC1 point.
    Ec {
        /// The curve (P-256, P-384, P-521).
        curve: Curve,
        /// 0x04 || X || Y.
        point: Vec<u8>,
    },
    /// Ed25519: the 32-byte key.
    Ed25519([u8; 32]),
}

/// Why a key could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError(pub String);

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyError {}

fn err<T>(msg: impl Into<String>) -> Result<T, KeyError> {
    Err(KeyError(msg.into()))
}

fn strip_zeros(b: &[u8]) -> Vec<u8> {
    b[b.iter().take_while(|x| **x == 0).count()..].to_vec()
}

/// Length of an uncompressed point on a curve (0x04 || X || Y).
fn point_len(curve: Curve) -> Option<usize> {
    match curve {
        Curve::P256 => Some(65),
        Curve::P384 => Some(97),
        Curve::P521 => Some(133),
        _ => None,
    }
}

/// CKA_EC_POINT comes raw from some tokens and DER-wrapped (OCTET STRING) from others
/// (SoftHSM2, kryoptic). Decide by the expected length, never by the first byte: a raw Ed25519
/// key may itself begin with 0x04.
pub fn unwrap_ec_point(value: &[u8], expected: usize) -> Option<Vec<u8>> {
    if value.len() == expected {
        return Some(value.to_vec());
    }
    let inner = der::asn1::OctetString::from_der(value).ok()?;
    (inner.as_bytes().len() == expected).then(|| inner.as_bytes().to_vec())
}

/// RSA modulus sizes OpenSSH accepts (SSH_RSA_MINIMUM_MODULUS_SIZE, SSH_RSA_MAXIMUM_MODULUS_SIZE).
pub const SSH_RSA_BITS: std::ops::RangeInclusive<usize> = 1024..=16384;

/// Bits of a big-endian number without leading zeros.
fn bit_len(n: &[u8]) -> usize {
    n.first()
        .map_or(0, |b| n.len() * 8 - b.leading_zeros() as usize)
}

/// Whether an uncompressed SEC1 point lies on its curve (the check OpenSSH makes with
/// sshkey_ec_validate_public).
fn on_curve(curve: Curve, point: &[u8]) -> bool {
    match curve {
        Curve::P256 => p256::PublicKey::from_sec1_bytes(point).is_ok(),
        Curve::P384 => p384::PublicKey::from_sec1_bytes(point).is_ok(),
        Curve::P521 => p521::PublicKey::from_sec1_bytes(point).is_ok(),
        _ => false,
    }
}

impl PublicKeyMaterial {
    /// From an RSA key's CKA_MODULUS and CKA_PUBLIC_EXPONENT.
    pub fn from_rsa(modulus: &[u8], exponent: &[u8]) -> Result<Self, KeyError> {
        let (n, e) = (strip_zeros(modulus), strip_zeros(exponent));
        if n.len() < 64 || e.is_empty() {
            return err("the RSA modulus or exponent is missing or too short");
        }
        Ok(PublicKeyMaterial::Rsa { n, e })
    }

    /// From an EC or Edwards key's CKA_EC_PARAMS and CKA_EC_POINT (either encoding of each).
    pub fn from_ec(params: &[u8], point: &[u8]) -> Result<Self, KeyError> {
        let curve = Curve::from_params(params).ok_or_else(|| {
            KeyError(format!(
                "unsupported curve (CKA_EC_PARAMS {})",
                hex::encode(params)
            ))
        })?;
        if curve == Curve::Ed25519 {
            let raw = unwrap_ec_point(point, 32).ok_or_else(|| {
                KeyError(format!("an Ed25519 CKA_EC_POINT of {} bytes", point.len()))
            })?;
            return Ok(PublicKeyMaterial::Ed25519(
                raw.try_into().expect("32 bytes"),
            ));
        }
        let len = point_len(curve)
            .ok_or_else(|| KeyError(format!("{} keys are not supported here", curve.name())))?;
        let raw = unwrap_ec_point(point, len)
            .filter(|p| p[0] == 0x04)
            .ok_or_else(|| {
                KeyError(format!(
                    "a {} CKA_EC_POINT that is not an uncompressed point",
                    curve.name()
                ))
            })?;
        if !on_curve(curve, &raw) {
            return err(format!(
                "the {} point is not on the curve: not a valid key",
                curve.name()
            ));
        }
        Ok(PublicKeyMaterial::Ec { curve, point: raw })
    }

    /// The key as ssh-key's KeyData; refused where OpenSSH refuses it (RSA outside 1024-16384
    /// bits), so no certificate or authorized_keys line is made that sshd would call invalid.
    pub fn key_data(&self) -> Result<KeyData, KeyError> {
        let bad = |e: ssh_key::Error| KeyError(format!("not a valid OpenSSH key: {e}"));
        Ok(match self {
            PublicKeyMaterial::Rsa { n, .. } if !SSH_RSA_BITS.contains(&bit_len(n)) => {
                return err(format!(
                    "a {}-bit RSA key: OpenSSH takes RSA keys of {} to {} bits",
                    bit_len(n),
                    SSH_RSA_BITS.start(),
                    SSH_RSA_BITS.end()
                ));
            }
            PublicKeyMaterial::Rsa { n, e } => KeyData::Rsa(RsaPublicKey {
                e: Mpint::from_positive_bytes(e).map_err(bad)?,
                n: Mpint::from_positive_bytes(n).map_err(bad)?,
            }),
            PublicKeyMaterial::Ec { point, .. } => {
                KeyData::Ecdsa(EcdsaPublicKey::from_sec1_bytes(point).map_err(bad)?)
            }
            PublicKeyMaterial::Ed25519(k) => KeyData::Ed25519(Ed25519PublicKey(*k)),
        })
    }

    /// From ssh-key's KeyData (RSA, ECDSA P-256/384/521, Ed25519).
    pub fn from_key_data(k: &KeyData) -> Result<Self, KeyError> {
        match k {
            KeyData::Rsa(r) => Self::from_rsa(
                r.n.as_positive_bytes().unwrap_or_default(),
                r.e.as_positive_bytes().unwrap_or_default(),
            ),
            KeyData::Ecdsa(e) => {
                let curve = match e {
                    EcdsaPublicKey::NistP256(_) => Curve::P256,
                    EcdsaPublicKey::NistP384(_) => Curve::P384,
                    EcdsaPublicKey::NistP521(_) => Curve::P521,
                };
                let point = e.as_sec1_bytes().to_vec();
                if !on_curve(curve, &point) {
                    return err(format!(
                        "the {} point is not on the curve: not a valid key",
                        curve.name()
                    ));
                }
                Ok(PublicKeyMaterial::Ec { curve, point })
            }
            KeyData::Ed25519(k) => Ok(PublicKeyMaterial::Ed25519(k.0)),
            other => err(format!("{} keys are not supported", other.algorithm())),
        }
    }

    /// An OpenSSH public key with this comment.
    pub fn to_ssh(&self, comment: &str) -> Result<PublicKey, KeyError> {
        Ok(PublicKey::new(self.key_data()?, comment))
    }

    /// The authorized_keys line, without a trailing newline.
    pub fn to_openssh_line(&self, comment: &str) -> Result<String, KeyError> {
        self.to_ssh(comment)?
            .to_openssh()
            .map_err(|e| KeyError(format!("cannot encode the OpenSSH key: {e}")))
    }

    /// `SHA256:...` as `ssh-keygen -l` prints it.
    pub fn ssh_fingerprint(&self) -> Result<String, KeyError> {
        Ok(self.key_data()?.fingerprint(HashAlg::Sha256).to_string())
    }

    /// PKCS#1 RSAPublicKey DER (RSA only).
    pub fn to_pkcs1_der(&self) -> Result<Vec<u8>, KeyError> {
        let PublicKeyMaterial::Rsa { n, e } = self else {
            return err("PKCS#1 holds RSA keys only");
        };
        let der_err = |e: der::Error| KeyError(format!("DER encoding failed: {e}"));
        pkcs1::RsaPublicKey {
            modulus: UintRef::new(n).map_err(der_err)?,
            public_exponent: UintRef::new(e).map_err(der_err)?,
        }
        .to_der()
        .map_err(der_err)
    }

    /// SubjectPublicKeyInfo DER.
    pub fn to_spki_der(&self) -> Result<Vec<u8>, KeyError> {
        let der_err = |e: der::Error| KeyError(format!("DER encoding failed: {e}"));
        let (oid, params, bits) = match self {
            PublicKeyMaterial::Rsa { .. } => {
                (RSA_OID, Some(der::Any::null()), self.to_pkcs1_der()?)
            }
            PublicKeyMaterial::Ec { curve, point } => (
                EC_OID,
                Some(der::Any::from_der(curve.oid_der()).map_err(der_err)?),
                point.clone(),
            ),
            PublicKeyMaterial::Ed25519(k) => (ED25519_OID, None, k.to_vec()),
        };
        SubjectPublicKeyInfoOwned {
            algorithm: AlgorithmIdentifierOwned {
                oid,
                parameters: params,
            },
            subject_public_key: BitString::from_bytes(&bits).map_err(der_err)?,
        }
        .to_der()
        .map_err(der_err)
    }

    /// From SubjectPublicKeyInfo DER.
    pub fn from_spki_der(der_bytes: &[u8]) -> Result<Self, KeyError> {
        let spki = SubjectPublicKeyInfoOwned::from_der(der_bytes)
            .map_err(|e| KeyError(format!("not a SubjectPublicKeyInfo: {e}")))?;
        let bits = spki
            .subject_public_key
            .as_bytes()
            .ok_or_else(|| KeyError("the key's BIT STRING has unused bits".into()))?;
        match spki.algorithm.oid {
            RSA_OID => Self::from_pkcs1_der(bits),
            EC_OID => {
                let params = spki
                    .algorithm
                    .parameters
                    .ok_or_else(|| KeyError("an EC key without its curve".into()))?;
                let params = params.to_der().map_err(|e| KeyError(e.to_string()))?;
                Self::from_ec(&params, bits)
            }
            ED25519_OID => Self::from_ec(Curve::Ed25519.oid_der(), bits),
            other => err(format!("unsupported key algorithm {other}")),
        }
    }

    /// From PKCS#1 RSAPublicKey DER.
    pub fn from_pkcs1_der(der_bytes: &[u8]) -> Result<Self, KeyError> {
        let k = pkcs1::RsaPublicKey::from_der(der_bytes)
            .map_err(|e| KeyError(format!("not a PKCS#1 RSAPublicKey: {e}")))?;
        Self::from_rsa(k.modulus.as_bytes(), k.public_exponent.as_bytes())
    }

    /// Key type and size as `--key-type` spells them: "rsa:2048", "ec:p256", "ed25519".
    pub fn describe(&self) -> String {
        match self {
            PublicKeyMaterial::Rsa { n, .. } => format!("rsa:{}", bit_len(n)),
            PublicKeyMaterial::Ec { curve, .. } => format!("ec:{}", curve.word()),
            PublicKeyMaterial::Ed25519(_) => "ed25519".into(),
        }
    }
}

/// A public key file's format, as detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// An OpenSSH public key line.
    OpenSsh,
    /// SubjectPublicKeyInfo, PEM ("PUBLIC KEY").
    SpkiPem,
    /// PKCS#1, PEM ("RSA PUBLIC KEY").
    Pkcs1Pem,
    /// SubjectPublicKeyInfo, DER.
    SpkiDer,
    /// PKCS#1, DER.
    Pkcs1Der,
}

/// Detects the format of a public key file and decodes it, refusing private keys and
/// certificates with a message saying what was found instead.
pub fn parse_public_key(
    bytes: &[u8],
) -> Result<(PublicKeyMaterial, InputFormat, Option<String>), KeyError> {
    if bytes.is_empty() {
        return err("the file is empty");
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let t = text.trim_start_matches('\u{feff}').trim();
        if t.contains("PRIVATE KEY-----") {
            return err(
                "this is a private key; give the public key (hsmctl never reads private key files)",
            );
        }
        if t.starts_with("-----BEGIN") {
            let (label, der_bytes) =
                super::pem::decode(t).map_err(|e| KeyError(format!("malformed PEM: {e}")))?;
            return match label.as_str() {
                "PUBLIC KEY" => Ok((
                    PublicKeyMaterial::from_spki_der(&der_bytes)?,
                    InputFormat::SpkiPem,
                    None,
                )),
                "RSA PUBLIC KEY" => Ok((
                    PublicKeyMaterial::from_pkcs1_der(&der_bytes)?,
                    InputFormat::Pkcs1Pem,
                    None,
                )),
                "CERTIFICATE" => err("this is an X.509 certificate, not a public key"),
                other => err(format!(
                    "a PEM '{other}' block is not a public key; expected PUBLIC KEY or RSA PUBLIC KEY"
                )),
            };
        }
        let first = t.split_whitespace().next().unwrap_or_default();
        if first.contains("-cert-v01@openssh.com") {
            return err("this is an OpenSSH certificate (-cert.pub), not a public key");
        }
        if first.starts_with("ssh-") || first.starts_with("ecdsa-") || first.starts_with("sk-") {
            let k = PublicKey::from_openssh(t)
                .map_err(|e| KeyError(format!("malformed OpenSSH public key: {e}")))?;
            let comment = Some(k.comment().to_string()).filter(|c| !c.is_empty());
            return Ok((
                PublicKeyMaterial::from_key_data(k.key_data())?,
                InputFormat::OpenSsh,
                comment,
            ));
        }
        // An authorized_keys line with options before the key (from="...",no-pty ssh-ed25519 ...).
        if t.lines().count() == 1
            && let Ok(entry) = t.parse::<ssh_key::authorized_keys::Entry>()
        {
            let k = entry.public_key();
            let comment = Some(k.comment().to_string()).filter(|c| !c.is_empty());
            return Ok((
                PublicKeyMaterial::from_key_data(k.key_data())?,
                InputFormat::OpenSsh,
                comment,
            ));
        }
        if t.lines().count() > 1 || t.is_ascii() && !bytes.contains(&0) && bytes[0] != 0x30 {
            return err(
                "not a public key: expected an OpenSSH line, PEM (PUBLIC KEY or RSA PUBLIC KEY) or DER",
            );
        }
    }
    if let Ok(k) = PublicKeyMaterial::from_spki_der(bytes) {
        return Ok((k, InputFormat::SpkiDer, None));
    }
    if let Ok(k) = PublicKeyMaterial::from_pkcs1_der(bytes) {
        return Ok((k, InputFormat::Pkcs1Der, None));
    }
    err("not a public key: expected an OpenSSH line, PEM (PUBLIC KEY or RSA PUBLIC KEY) or DER")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test";

    #[test]
    fn ec_points_decode_by_length_not_first_byte() {
        let raw = [0x04u8; 32]; // an Ed25519 key that starts with 0x04
        let wrapped = [&[0x04, 0x20][..], &raw].concat();
        assert_eq!(unwrap_ec_point(&raw, 32).unwrap(), raw);
        assert_eq!(unwrap_ec_point(&wrapped, 32).unwrap(), raw);
        let mut p521 = vec![0x04u8; 133];
        p521[1] = 7;
        let wrapped = [&[0x04, 0x81, 0x85][..], &p521].concat();
        assert_eq!(unwrap_ec_point(&wrapped, 133).unwrap(), p521);
        assert!(unwrap_ec_point(&[0x04, 0x20, 1], 32).is_none());
    }

    #[test]
    fn round_trips_through_every_encoding() {
        let (k, fmt, comment) = parse_public_key(ED.as_bytes()).unwrap();
        assert_eq!(fmt, InputFormat::OpenSsh);
        assert_eq!(comment.as_deref(), Some("test"));
        assert_eq!(k.to_openssh_line("test").unwrap(), ED);
        let spki = k.to_spki_der().unwrap();
        assert_eq!(parse_public_key(&spki).unwrap().0, k);
        let pem = super::super::pem::encode("PUBLIC KEY", &spki);
        assert_eq!(
            parse_public_key(pem.as_bytes()).unwrap().1,
            InputFormat::SpkiPem
        );
        let rsa = PublicKeyMaterial::from_rsa(&[0xc5; 256], &[0, 1, 0, 1]).unwrap();
        assert_eq!(rsa.describe(), "rsa:2048");
        let pkcs1 = rsa.to_pkcs1_der().unwrap();
        assert_eq!(
            parse_public_key(&pkcs1).unwrap(),
            (rsa.clone(), InputFormat::Pkcs1Der, None)
        );
        assert_eq!(
            parse_public_key(&rsa.to_spki_der().unwrap()).unwrap().0,
            rsa
        );
    }

    #[test]
    fn refuses_what_is_not_a_public_key() {
        for bad in [
            &b""[..],
            b"-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n",
            b"ssh-ed25519-cert-v01@openssh.com AAAA x",
            b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9o",
            b"ssh-foo AAAA",
            b"hello world",
            b"\x30\x03\x02\x01\x05",
        ] {
            assert!(
                parse_public_key(bad).is_err(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}

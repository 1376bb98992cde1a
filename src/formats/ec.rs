//! Elliptic curves as PKCS#11 names them in CKA_EC_PARAMS: a DER OID, or (Ed25519 and Ed448 on
//! some tokens) a DER PrintableString with the curve's name.

/// The curves hsmctl generates and recognizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Curve {
    /// NIST P-256 (secp256r1, prime256v1).
    P256,
    /// NIST P-384 (secp384r1).
    P384,
    /// NIST P-521 (secp521r1).
    P521,
    /// Ed25519 (edwards25519).
    Ed25519,
    /// Ed448.
    Ed448,
    /// X25519 (key agreement).
    X25519,
    /// X448 (key agreement).
    X448,
}

impl Curve {
    /// Every curve, for lookups.
    pub const ALL: [Curve; 7] = [
        Curve::P256,
        Curve::P384,
        Curve::P521,
        Curve::Ed25519,
        Curve::Ed448,
        Curve::X25519,
        Curve::X448,
    ];

    /// The DER-encoded OID, as CKA_EC_PARAMS carries it.
    pub fn oid_der(self) -> &'static [u8] {
        match self {
            Curve::P256 => &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
            Curve::P384 => &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22],
            Curve::P521 => &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23],
            Curve::Ed25519 => &[0x06, 0x03, 0x2b, 0x65, 0x70],
            Curve::Ed448 => &[0x06, 0x03, 0x2b, 0x65, 0x71],
            Curve::X25519 => &[0x06, 0x03, 0x2b, 0x65, 0x6e],
            Curve::X448 => &[0x06, 0x03, 0x2b, 0x65, 0x6f],
        }
    }

    /// The name some tokens use in a PrintableString instead of the OID.
    fn printable_name(self) -> Option<&'static str> {
        match self {
            Curve::Ed25519 => Some("edwards25519"),
            Curve::Ed448 => Some("edwards448"),
            Curve::X25519 => Some("curve25519"),
            Curve::X448 => Some("curve448"),
            _ => None,
        }
    }

    /// CKA_EC_PARAMS as a DER PrintableString (the older Edwards-curve convention).
    pub fn printable_der(self) -> Option<Vec<u8>> {
        let name = self.printable_name()?;
        let mut v = vec![0x13, name.len() as u8];
        v.extend_from_slice(name.as_bytes());
        Some(v)
    }

    /// The usual name: "P-256", "Ed25519", ...
    /// The curve as `--key-type` spells it (`ec:p256`, `ed25519`): the one vocabulary of
    /// tables, JSON and arguments.
    pub fn word(self) -> &'static str {
        match self {
            Curve::P256 => "p256",
            Curve::P384 => "p384",
            Curve::P521 => "p521",
            Curve::Ed25519 => "ed25519",
            Curve::Ed448 => "ed448",
            Curve::X25519 => "x25519",
            Curve::X448 => "x448",
        }
    }

    /// The curve's name as standards write it (P-256, Ed25519).
    pub fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Ed25519 => "Ed25519",
            Curve::Ed448 => "Ed448",
            Curve::X25519 => "X25519",
            Curve::X448 => "X448",
        }
    }

    /// The key size in bits, as tools report it.
    pub fn bits(self) -> u32 {
        match self {
            Curve::P256 => 256,
            Curve::P384 => 384,
            Curve::P521 => 521,
            Curve::Ed25519 | Curve::X25519 => 255,
            Curve::Ed448 | Curve::X448 => 448,
        }
    }

    /// Decodes CKA_EC_PARAMS, accepting the OID and the PrintableString forms.
    pub fn from_params(params: &[u8]) -> Option<Curve> {
        Curve::ALL
            .into_iter()
            .find(|c| c.oid_der() == params || c.printable_der().as_deref() == Some(params))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_both_edwards_forms() {
        assert_eq!(
            Curve::from_params(&[0x06, 0x03, 0x2b, 0x65, 0x70]),
            Some(Curve::Ed25519)
        );
        let printable = b"\x13\x0cedwards25519";
        assert_eq!(Curve::from_params(printable), Some(Curve::Ed25519));
        assert_eq!(Curve::Ed25519.printable_der().unwrap(), printable);
        assert_eq!(Curve::from_params(Curve::P384.oid_der()), Some(Curve::P384));
        assert_eq!(Curve::from_params(&[0x06, 0x01, 0x00]), None);
    }
}

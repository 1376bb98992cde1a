//! The client identity: a software key pair and a self-signed certificate naming the client
//! (CN = the name, a DNS or IP SAN), as Luna's `vtl createCert` makes. No I/O.

use rcgen::{
    CertificateParams, DnType, ExtendedKeyUsagePurpose, KeyPair, KeyUsagePurpose, PublicKeyData,
    SanType,
};
use zeroize::Zeroizing;

/// Key types for the client identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientKeyType {
    /// RSA 2048 (what Luna clients make).
    Rsa2048,
    /// RSA 3072.
    Rsa3072,
    /// RSA 4096.
    Rsa4096,
    /// ECDSA P-256.
    EcP256,
    /// ECDSA P-384.
    EcP384,
}

impl ClientKeyType {
    /// The name, as `--key-type` takes it.
    pub fn name(self) -> &'static str {
        match self {
            ClientKeyType::Rsa2048 => "rsa:2048",
            ClientKeyType::Rsa3072 => "rsa:3072",
            ClientKeyType::Rsa4096 => "rsa:4096",
            ClientKeyType::EcP256 => "ec:p256",
            ClientKeyType::EcP384 => "ec:p384",
        }
    }
}

/// A new client key and certificate.
pub struct Identity {
    /// The private key, PKCS#8 DER.
    pub key_pkcs8: Zeroizing<Vec<u8>>,
    /// The certificate, DER.
    pub cert: Vec<u8>,
}

/// An RSA key made by aws-lc-rs (through rcgen), signing with SHA-256 as before.
fn rsa(size: rcgen::RsaKeySize) -> Result<KeyPair, rcgen::Error> {
    KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, size)
}

/// Generates a key of `kind` and a certificate for `name` valid for `days` from now.
pub fn generate(kind: ClientKeyType, name: &str, days: u32) -> Result<Identity, String> {
    let key = match kind {
        ClientKeyType::EcP256 => KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256),
        ClientKeyType::EcP384 => KeyPair::generate_for(&rcgen::PKCS_ECDSA_P384_SHA384),
        ClientKeyType::Rsa2048 => rsa(rcgen::RsaKeySize::_2048),
        ClientKeyType::Rsa3072 => rsa(rcgen::RsaKeySize::_3072),
        ClientKeyType::Rsa4096 => rsa(rcgen::RsaKeySize::_4096),
    }
    .map_err(|e| e.to_string())?;
    let cert = certificate(&key, name, days)?;
    Ok(Identity {
        key_pkcs8: Zeroizing::new(key.serialize_der()),
        cert,
    })
}

/// A self-signed client certificate for `key`.
pub fn certificate(key: &KeyPair, name: &str, days: u32) -> Result<Vec<u8>, String> {
    let mut p = CertificateParams::default();
    p.distinguished_name.push(DnType::CommonName, name);
    p.subject_alt_names
        .push(match name.parse::<std::net::IpAddr>() {
            Ok(ip) => SanType::IpAddress(ip),
            Err(_) => SanType::DnsName(name.try_into().map_err(|e: rcgen::Error| e.to_string())?),
        });
    let now = time::OffsetDateTime::now_utc();
    // A little slack for clocks that run behind the appliance's.
    p.not_before = now - time::Duration::minutes(5);
    p.not_after = now + time::Duration::days(i64::from(days));
    let mut serial = [0u8; 16];
    getrandom::getrandom(&mut serial).map_err(|e| e.to_string())?;
    serial[0] &= 0x7f;
    p.serial_number = Some(rcgen::SerialNumber::from_slice(&serial));
    p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    if key.algorithm() == &rcgen::PKCS_RSA_SHA256 {
        p.key_usages.push(KeyUsagePurpose::KeyEncipherment);
    }
    p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    // What strict verifiers require: CA:FALSE (critical) and the key identifiers.
    p.is_ca = rcgen::IsCa::ExplicitNoCa;
    p.key_identifier_method =
        rcgen::KeyIdMethod::PreSpecified(super::x509_ext::key_id(&key.subject_public_key_info()));
    p.use_authority_key_identifier_extension = true;
    p.self_signed(key)
        .map(|c| c.der().to_vec())
        .map_err(|e| e.to_string())
}

/// The key type of a PKCS#8 key (to roll a key into one of the same kind).
pub fn key_type(key: &KeyPair) -> ClientKeyType {
    if key.algorithm() == &rcgen::PKCS_ECDSA_P256_SHA256 {
        ClientKeyType::EcP256
    } else if key.algorithm() == &rcgen::PKCS_ECDSA_P384_SHA384 {
        ClientKeyType::EcP384
    } else {
        match key.der_bytes().len() {
            n if n > 500 => ClientKeyType::Rsa4096,
            n if n > 370 => ClientKeyType::Rsa3072,
            _ => ClientKeyType::Rsa2048,
        }
    }
}

/// Reads a PKCS#8 key (PEM, its first block, or DER).
pub fn read_key(bytes: &[u8]) -> Result<KeyPair, String> {
    let refused = |e: String| format!("not a PKCS#8 private key hsmctl can use: {e}");
    let der = match std::str::from_utf8(bytes) {
        Ok(t) if t.contains("-----BEGIN") => {
            let block = super::pem::parts(t).into_iter().find_map(|p| match p {
                super::pem::Part::Block { text, .. } => Some(text),
                _ => None,
            });
            Zeroizing::new(
                super::pem::decode(block.unwrap_or_default())
                    .map_err(refused)?
                    .1,
            )
        }
        _ => Zeroizing::new(bytes.to_vec()),
    };
    // aws-lc-rs reads PKCS#1, SEC1 and P-521 keys too; the client key stays what the client
    // identity has always been: PKCS#8 with RSA, P-256, P-384 or Ed25519.
    let p521 = [
        &rcgen::PKCS_ECDSA_P521_SHA256,
        &rcgen::PKCS_ECDSA_P521_SHA384,
        &rcgen::PKCS_ECDSA_P521_SHA512,
    ];
    pkcs8::PrivateKeyInfo::try_from(der.as_slice()).map_err(|e| refused(e.to_string()))?;
    match KeyPair::try_from(der.as_slice()) {
        Ok(k) if p521.contains(&k.algorithm()) => Err(refused("a P-521 key".into())),
        k => k.map_err(|e| refused(e.to_string())),
    }
}

/// SubjectPublicKeyInfo DER of a key.
pub fn spki(key: &KeyPair) -> Vec<u8> {
    key.subject_public_key_info()
}

/// Whether the DER certificate `cert` holds `key`'s public key.
pub fn certifies(cert: &[u8], key: &KeyPair) -> bool {
    let spki = spki(key);
    x509_parser::parse_x509_certificate(cert)
        .is_ok_and(|(_, c)| c.tbs_certificate.subject_pki.raw == spki.as_slice())
}

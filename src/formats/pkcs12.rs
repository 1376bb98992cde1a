//! PKCS#12 (PFX) files as OpenSSL 3 and Java write them: the MAC checked (HMAC-SHA-1/256/384/
//! 512 over the PKCS#12 KDF), PBES2-encrypted safes and shrouded key bags decrypted; legacy
//! RC2/3DES encryption is refused with the fix. Out come one PKCS#8 key (zeroizing) and the
//! certificates. Pure, no I/O; the RustCrypto `pkcs12` and `cms` crates give the structures.

use super::private_key::{KeyFileError, Secret};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use zeroize::{Zeroize, Zeroizing};

const DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ENCRYPTED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
const PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
const SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

/// What a PKCS#12 file holds.
pub struct Pkcs12Contents {
    /// The private key, PKCS#8 PrivateKeyInfo DER.
    pub pkcs8: Secret,
    /// The certificates, DER, in file order.
    pub certificates: Vec<Vec<u8>>,
}

fn damaged(what: impl std::fmt::Display) -> KeyFileError {
    KeyFileError::Malformed(format!("a damaged PKCS#12 file: {what}"))
}

fn legacy() -> KeyFileError {
    KeyFileError::Convert(
        "the PKCS#12 file uses legacy RC2/3DES encryption; re-export it with AES: `openssl \
         pkcs12 -in OLD -legacy -nodes | openssl pkcs12 -export -keypbe AES-256-CBC -certpbe \
         AES-256-CBC -macalg sha256 -out NEW`"
            .into(),
    )
}

/// Whether the bytes are a PFX at all (for format detection).
pub fn is_pkcs12(der: &[u8]) -> bool {
    pkcs12::pfx::Pfx::from_der(der).is_ok()
}

/// The MAC over the authenticated safe, with the PKCS#12 KDF's MAC key from `pass`.
fn verify_mac(
    mac: &pkcs12::mac_data::MacData,
    pass: &str,
    data: &[u8],
) -> Result<(), KeyFileError> {
    use hmac::{Hmac, Mac};
    use pkcs12::kdf::{Pkcs12KeyType, derive_key_utf8};
    let salt = mac.mac_salt.as_bytes();
    let rounds = mac.iterations;
    let want = mac.mac.digest.as_bytes();
    macro_rules! check {
        ($d:ty, $len:expr) => {{
            let key = Zeroizing::new(
                derive_key_utf8::<$d>(pass, salt, Pkcs12KeyType::Mac, rounds, $len)
                    .map_err(damaged)?,
            );
            let mut m = <Hmac<$d> as Mac>::new_from_slice(&key).map_err(damaged)?;
            m.update(data);
            m.verify_slice(want).is_ok()
        }};
    }
    let ok = match mac.mac.algorithm.oid {
        SHA1 => check!(sha1::Sha1, 20),
        SHA256 => check!(sha2::Sha256, 32),
        SHA384 => check!(sha2::Sha384, 48),
        SHA512 => check!(sha2::Sha512, 64),
        other => {
            return Err(KeyFileError::Convert(format!(
                "the PKCS#12 MAC algorithm {other} is not supported"
            )));
        }
    };
    if ok {
        Ok(())
    } else {
        Err(KeyFileError::WrongPassphrase)
    }
}

/// The OCTET STRING inside a ContentInfo's [0] content.
fn octets(content: &der::Any) -> Result<Vec<u8>, KeyFileError> {
    OctetString::from_der(&content.to_der().map_err(damaged)?)
        .map(OctetString::into_bytes)
        .map_err(damaged)
}

/// Decrypts a PBES2 blob; anything else is legacy (or unknown) encryption.
fn pbes2_decrypt(
    alg: &spki::AlgorithmIdentifierOwned,
    pass: &str,
    ciphertext: &[u8],
) -> Result<Secret, KeyFileError> {
    if alg.oid != PBES2 {
        return Err(legacy());
    }
    let der = alg.to_der().map_err(damaged)?;
    let alg_ref = spki::AlgorithmIdentifierRef::from_der(&der).map_err(damaged)?;
    let scheme = pkcs8::pkcs5::EncryptionScheme::try_from(alg_ref).map_err(|_| legacy())?;
    scheme
        .decrypt(pass, ciphertext)
        .map(Zeroizing::new)
        .map_err(|_| KeyFileError::WrongPassphrase)
}

/// Decodes a PFX with `pass` (the empty password too: some files have one).
pub fn read_pkcs12(der: &[u8], pass: &str) -> Result<Pkcs12Contents, KeyFileError> {
    let pfx = pkcs12::pfx::Pfx::from_der(der).map_err(damaged)?;
    if pfx.auth_safe.content_type != DATA {
        return Err(KeyFileError::Convert(
            "a public-key-protected PKCS#12 file (only password integrity is supported)".into(),
        ));
    }
    let safe = octets(&pfx.auth_safe.content)?;
    match &pfx.mac_data {
        Some(mac) => verify_mac(mac, pass, &safe)?,
        None => {
            return Err(KeyFileError::Convert(
                "the PKCS#12 file has no MAC, so its integrity cannot be checked".into(),
            ));
        }
    }
    let safes = pkcs12::authenticated_safe::AuthenticatedSafe::from_der(&safe).map_err(damaged)?;
    let mut keys: Vec<Secret> = Vec::new();
    let mut certificates = Vec::new();
    for ci in safes {
        let contents: Secret = match ci.content_type {
            DATA => Zeroizing::new(octets(&ci.content)?),
            ENCRYPTED_DATA => {
                let ed = cms::encrypted_data::EncryptedData::from_der(
                    &ci.content.to_der().map_err(damaged)?,
                )
                .map_err(damaged)?;
                let info = ed.enc_content_info;
                let ct = info
                    .encrypted_content
                    .ok_or_else(|| damaged("empty encrypted data"))?;
                pbes2_decrypt(&info.content_enc_alg, pass, ct.as_bytes())?
            }
            other => {
                return Err(KeyFileError::Convert(format!(
                    "PKCS#12 safes of type {other} are not supported"
                )));
            }
        };
        let bags = pkcs12::safe_bag::SafeContents::from_der(&contents).map_err(damaged)?;
        for mut bag in bags {
            // bag_value is the whole [0] EXPLICIT element; its content is the bag.
            let value = der::Any::from_der(&bag.bag_value).map_err(damaged)?;
            let inner = value.value();
            match bag.bag_id {
                pkcs12::PKCS_12_PKCS8_KEY_BAG_OID => {
                    let epki = pkcs8::EncryptedPrivateKeyInfo::from_der(inner).map_err(damaged)?;
                    let alg = spki::AlgorithmIdentifierOwned::from_der(
                        &epki.encryption_algorithm.to_der().map_err(damaged)?,
                    )
                    .map_err(damaged)?;
                    keys.push(pbes2_decrypt(&alg, pass, epki.encrypted_data)?);
                }
                pkcs12::PKCS_12_KEY_BAG_OID => keys.push(Zeroizing::new(inner.to_vec())),
                pkcs12::PKCS_12_CERT_BAG_OID => {
                    let cert = pkcs12::cert_type::CertBag::from_der(inner).map_err(damaged)?;
                    if cert.cert_id == pkcs12::PKCS_12_X509_CERT_OID {
                        certificates.push(cert.cert_value.into_bytes());
                    }
                }
                // CRLs and secrets are not imported.
                _ => {}
            }
            // A plaintext key bag's bytes were copied here by the decoder: wipe them.
            bag.bag_value.zeroize();
        }
    }
    let pkcs8 = match keys.len() {
        1 => keys.remove(0),
        0 => {
            return Err(KeyFileError::Convert(
                "the PKCS#12 file holds no private key (use import-cert for certificates)".into(),
            ));
        }
        n => {
            return Err(KeyFileError::Convert(format!(
                "the PKCS#12 file holds {n} private keys; split it with openssl pkcs12"
            )));
        }
    };
    Ok(Pkcs12Contents {
        pkcs8,
        certificates,
    })
}

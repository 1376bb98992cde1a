//! PKCS#12 (RFC 7292) files. Written for a client identity: the key in a shrouded key bag and
//! the certificates in an encrypted bag, both PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC), under an
//! HMAC-SHA-256 MAC: what OpenSSL 3 writes and reads with its default provider (no RC2, no
//! 3DES, no legacy provider). Read for import-key: the MAC checked (HMAC-SHA-1/256/384/512),
//! PBES2 safes and shrouded key bags decrypted into zeroizing buffers; legacy RC2/3DES refused
//! with the fix. Pure: no I/O.

use super::private_key::{KeyFileError, Secret};
use der::asn1::{Any, OctetString, SetOfVec};
use der::oid::ObjectIdentifier;
use der::{Decode, Encode};
use hmac::Mac;
use pkcs12::safe_bag::SafeBag;
use x509_cert::attr::Attribute;
use zeroize::{Zeroize, Zeroizing};

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_ENCRYPTED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
const LOCAL_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.21");
const FRIENDLY_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.20");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
const SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

/// PBKDF2 iterations for the key and the certificates, and the MAC's KDF: OpenSSL 3's
/// default is 2048; more costs little here (one file, written once).
const ITERATIONS: u32 = 100_000;

fn e(x: impl std::fmt::Display) -> String {
    x.to_string()
}

fn random<const N: usize>() -> Result<[u8; N], String> {
    let mut b = [0u8; N];
    getrandom::getrandom(&mut b).map_err(e)?;
    Ok(b)
}

/// PBES2 parameters over a fresh salt and IV (kept by the caller: the parameters borrow them).
fn pbes2<'a>(
    salt: &'a [u8; 16],
    iv: &'a [u8; 16],
) -> Result<pkcs8::pkcs5::pbes2::Parameters<'a>, String> {
    pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(ITERATIONS, salt, iv).map_err(e)
}

fn attributes(key_id: &[u8], friendly: &str) -> Result<SetOfVec<Attribute>, String> {
    let one = |oid, value: Any| -> Result<Attribute, String> {
        Ok(Attribute {
            oid,
            values: SetOfVec::try_from(vec![value]).map_err(e)?,
        })
    };
    let mut set = SetOfVec::new();
    set.insert(one(
        LOCAL_KEY_ID,
        Any::encode_from(&OctetString::new(key_id).map_err(e)?).map_err(e)?,
    )?)
    .map_err(e)?;
    set.insert(one(
        FRIENDLY_NAME,
        Any::encode_from(&der::asn1::BmpString::from_utf8(friendly).map_err(e)?).map_err(e)?,
    )?)
    .map_err(e)?;
    Ok(set)
}

fn content_info(
    content_type: ObjectIdentifier,
    content: &impl Encode,
) -> Result<cms::content_info::ContentInfo, String> {
    Ok(cms::content_info::ContentInfo {
        content_type,
        content: Any::from_der(&content.to_der().map_err(e)?).map_err(e)?,
    })
}

/// A PKCS#12 file holding `key_pkcs8` (PKCS#8 DER), its certificate `cert` and the `chain`
/// (DER, issuers), encrypted and MACed under `password`. `name` becomes the friendly name.
pub fn write(
    key_pkcs8: &[u8],
    cert: &[u8],
    chain: &[Vec<u8>],
    name: &str,
    password: &str,
) -> Result<Vec<u8>, String> {
    let key_id = crate::formats::sha256_hex(cert);
    let key_id = &hex::decode(&key_id[..40]).map_err(e)?;
    // The key: a pkcs8ShroudedKeyBag.
    let info = pkcs8::PrivateKeyInfo::try_from(key_pkcs8).map_err(e)?;
    let (salt, iv) = (random::<16>()?, random::<16>()?);
    let shrouded = info
        .encrypt_with_params(pbes2(&salt, &iv)?, password.as_bytes())
        .map_err(e)?;
    let key_bag = SafeBag {
        bag_id: pkcs12::PKCS_12_PKCS8_KEY_BAG_OID,
        bag_value: shrouded.as_bytes().to_vec(),
        bag_attributes: Some(attributes(key_id, name)?),
    };
    // The certificates: certBags, the client's own with the key's localKeyId.
    let mut cert_bags = Vec::new();
    for (i, der) in std::iter::once(cert)
        .chain(chain.iter().map(Vec::as_slice))
        .enumerate()
    {
        let bag = pkcs12::cert_type::CertBag {
            cert_id: pkcs12::PKCS_12_X509_CERT_OID,
            cert_value: OctetString::new(der).map_err(e)?,
        };
        cert_bags.push(SafeBag {
            bag_id: pkcs12::PKCS_12_CERT_BAG_OID,
            bag_value: bag.to_der().map_err(e)?,
            bag_attributes: if i == 0 {
                Some(attributes(key_id, name)?)
            } else {
                None
            },
        });
    }
    let plain_certs = cert_bags.to_der().map_err(e)?;
    let (salt, iv) = (random::<16>()?, random::<16>()?);
    let params = pbes2(&salt, &iv)?;
    let encrypted = params
        .encrypt(password.as_bytes(), &plain_certs)
        .map_err(e)?;
    let encrypted_data = cms::encrypted_data::EncryptedData {
        version: cms::content_info::CmsVersion::V0,
        enc_content_info: cms::enveloped_data::EncryptedContentInfo {
            content_type: ID_DATA,
            content_enc_alg: spki::AlgorithmIdentifierOwned {
                oid: pkcs8::pkcs5::pbes2::PBES2_OID,
                parameters: Some(Any::encode_from(&params).map_err(e)?),
            },
            encrypted_content: Some(OctetString::new(encrypted).map_err(e)?),
        },
        unprotected_attrs: None,
    };
    let safe = vec![
        content_info(ID_ENCRYPTED_DATA, &encrypted_data)?,
        content_info(
            ID_DATA,
            &OctetString::new(vec![key_bag].to_der().map_err(e)?).map_err(e)?,
        )?,
    ];
    let auth_safe = safe.to_der().map_err(e)?;
    // The MAC: HMAC-SHA-256 keyed by the PKCS#12 KDF (RFC 7292 appendix B) over the
    // AuthenticatedSafe's bytes.
    let salt = random::<16>()?;
    let iterations = i32::try_from(ITERATIONS).map_err(e)?;
    let mac_key = zeroize::Zeroizing::new(
        pkcs12::kdf::derive_key_utf8::<sha2::Sha256>(
            password,
            &salt,
            pkcs12::kdf::Pkcs12KeyType::Mac,
            iterations,
            32,
        )
        .map_err(e)?,
    );
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&mac_key).map_err(e)?;
    mac.update(&auth_safe);
    let pfx = pkcs12::pfx::Pfx {
        version: pkcs12::pfx::Version::V3,
        auth_safe: content_info(ID_DATA, &OctetString::new(auth_safe).map_err(e)?)?,
        mac_data: Some(pkcs12::mac_data::MacData {
            mac: pkcs12::digest_info::DigestInfo {
                algorithm: spki::AlgorithmIdentifierOwned {
                    oid: SHA256,
                    parameters: Some(Any::null()),
                },
                digest: OctetString::new(mac.finalize().into_bytes().to_vec()).map_err(e)?,
            },
            mac_salt: OctetString::new(salt.to_vec()).map_err(e)?,
            iterations,
        }),
    };
    pfx.to_der().map_err(e)
}

/// Whether `der` is a PKCS#12 file whose MAC verifies under `password` (a self-check).
pub fn mac_verifies(der_bytes: &[u8], password: &str) -> bool {
    let Ok(pfx) = pkcs12::pfx::Pfx::from_der(der_bytes) else {
        return false;
    };
    let (Some(md), Ok(os)) = (
        pfx.mac_data,
        pfx.auth_safe.content.decode_as::<OctetString>(),
    ) else {
        return false;
    };
    verify_mac(&md, password, os.as_bytes()).is_ok()
}

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
    if pfx.auth_safe.content_type != ID_DATA {
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
            ID_DATA => Zeroizing::new(octets(&ci.content)?),
            ID_ENCRYPTED_DATA => {
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

#[cfg(test)]
mod tests {
    #[test]
    fn writes_a_pfx_whose_mac_verifies() {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let cert = rcgen::CertificateParams::new(vec!["c".into()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        let p12 = super::write(&key.serialize_der(), cert.der(), &[], "c", "passphrase").unwrap();
        assert!(super::mac_verifies(&p12, "passphrase"));
        assert!(!super::mac_verifies(&p12, "wrong"));
    }
}

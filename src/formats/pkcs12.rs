//! PKCS#12 (RFC 7292) files for a client identity: the key in a shrouded key bag and the
//! certificates in an encrypted bag, both PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC), under an
//! HMAC-SHA-256 MAC: what OpenSSL 3 writes and reads with its default provider (no RC2, no
//! 3DES, no legacy provider). Pure: no I/O.

use der::asn1::{Any, OctetString, SetOfVec};
use der::oid::ObjectIdentifier;
use der::{Decode, Encode};
use hmac::Mac;
use pkcs12::safe_bag::SafeBag;
use x509_cert::attr::Attribute;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_ENCRYPTED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
const LOCAL_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.21");
const FRIENDLY_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.20");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

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
    let Ok(key) = pkcs12::kdf::derive_key_utf8::<sha2::Sha256>(
        password,
        md.mac_salt.as_bytes(),
        pkcs12::kdf::Pkcs12KeyType::Mac,
        md.iterations,
        32,
    ) else {
        return false;
    };
    let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key) else {
        return false;
    };
    mac.update(os.as_bytes());
    mac.verify_slice(md.mac.digest.as_bytes()).is_ok()
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

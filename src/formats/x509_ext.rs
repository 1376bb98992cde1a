//! Certificate extensions and names for certificates hsmctl issues: key identifiers (RFC 7093
//! method 1), the profiles' basicConstraints, key usage and extended key usage, SANs, and the
//! command line's subject and usages in x509-cert's types. Pure: no I/O.

use der::asn1::{Ia5String, ObjectIdentifier, OctetString};
use der::oid::AssociatedOid;
use der::{Any, Decode, Encode, Tag};
use rcgen::{DnType, ExtendedKeyUsagePurpose, KeyUsagePurpose, SanType};
use sha2::Digest;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages,
    SubjectAltName, SubjectKeyIdentifier,
};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

/// What a certificate issued by `sign-csr` is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertProfile {
    /// A TLS server: CA:FALSE, digitalSignature (and keyEncipherment for RSA), serverAuth.
    Server,
    /// A TLS client: CA:FALSE, digitalSignature (and keyEncipherment for RSA), clientAuth.
    Client,
    /// A CA (an intermediate): CA:TRUE with a path length, keyCertSign, cRLSign.
    Ca,
    /// Only CA:FALSE and the key identifiers.
    None,
}

/// The key identifier of a SubjectPublicKeyInfo: RFC 7093 method 1, the leftmost 160 bits of
/// the SHA-256 of the subjectPublicKey BIT STRING's value (RFC 5280's method 1 with SHA-256
/// for SHA-1). Falls back to hashing the whole DER if it does not parse.
pub fn key_id(spki_der: &[u8]) -> Vec<u8> {
    let bits = spki::SubjectPublicKeyInfoRef::from_der(spki_der)
        .ok()
        .map(|s| s.subject_public_key.raw_bytes().to_vec());
    let digest = sha2::Sha256::digest(bits.as_deref().unwrap_or(spki_der));
    digest[..20].to_vec()
}

fn ext<T: AssociatedOid + Encode>(value: &T, critical: bool) -> Result<Extension, String> {
    Ok(Extension {
        extn_id: T::OID,
        critical,
        extn_value: OctetString::new(value.to_der().map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?,
    })
}

/// The usages a certificate gets: basicConstraints, key usage, extended key usage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usages {
    /// basicConstraints: Some(path length) for a CA (None inside: unconstrained), None for an
    /// end entity (CA:FALSE).
    pub ca: Option<Option<u8>>,
    /// Key usage bits; empty: no extension.
    pub key_usage: Vec<KeyUsagePurpose>,
    /// Extended key usages; empty: no extension.
    pub ext_key_usage: Vec<ExtendedKeyUsagePurpose>,
}

/// The usages of `profile` for a key; `rsa` adds keyEncipherment to end entities (TLS 1.2's
/// RSA key exchange).
pub fn profile_usages(profile: CertProfile, rsa: bool, path_len: Option<u8>) -> Usages {
    let ee = |eku: Vec<ExtendedKeyUsagePurpose>| Usages {
        ca: None,
        key_usage: if rsa {
            vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::KeyEncipherment,
            ]
        } else {
            vec![KeyUsagePurpose::DigitalSignature]
        },
        ext_key_usage: eku,
    };
    match profile {
        CertProfile::Server => ee(vec![ExtendedKeyUsagePurpose::ServerAuth]),
        CertProfile::Client => ee(vec![ExtendedKeyUsagePurpose::ClientAuth]),
        CertProfile::Ca => Usages {
            ca: Some(path_len),
            key_usage: vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::KeyCertSign,
                KeyUsagePurpose::CrlSign,
            ],
            ext_key_usage: Vec::new(),
        },
        CertProfile::None => Usages {
            ca: None,
            key_usage: Vec::new(),
            ext_key_usage: Vec::new(),
        },
    }
}

fn key_usage_bit(k: &KeyUsagePurpose) -> KeyUsages {
    match k {
        KeyUsagePurpose::DigitalSignature => KeyUsages::DigitalSignature,
        KeyUsagePurpose::ContentCommitment => KeyUsages::NonRepudiation,
        KeyUsagePurpose::KeyEncipherment => KeyUsages::KeyEncipherment,
        KeyUsagePurpose::DataEncipherment => KeyUsages::DataEncipherment,
        KeyUsagePurpose::KeyAgreement => KeyUsages::KeyAgreement,
        KeyUsagePurpose::KeyCertSign => KeyUsages::KeyCertSign,
        KeyUsagePurpose::CrlSign => KeyUsages::CRLSign,
        KeyUsagePurpose::EncipherOnly => KeyUsages::EncipherOnly,
        KeyUsagePurpose::DecipherOnly => KeyUsages::DecipherOnly,
    }
}

fn eku_oid(e: &ExtendedKeyUsagePurpose) -> Result<ObjectIdentifier, String> {
    let text = match e {
        ExtendedKeyUsagePurpose::Any => "2.5.29.37.0",
        ExtendedKeyUsagePurpose::ServerAuth => "1.3.6.1.5.5.7.3.1",
        ExtendedKeyUsagePurpose::ClientAuth => "1.3.6.1.5.5.7.3.2",
        ExtendedKeyUsagePurpose::CodeSigning => "1.3.6.1.5.5.7.3.3",
        ExtendedKeyUsagePurpose::EmailProtection => "1.3.6.1.5.5.7.3.4",
        ExtendedKeyUsagePurpose::TimeStamping => "1.3.6.1.5.5.7.3.8",
        ExtendedKeyUsagePurpose::OcspSigning => "1.3.6.1.5.5.7.3.9",
        ExtendedKeyUsagePurpose::Other(arcs) => {
            let arcs: Vec<u32> = arcs
                .iter()
                .map(|a| u32::try_from(*a).map_err(|_| "an OID arc out of range".to_string()))
                .collect::<Result<_, _>>()?;
            return ObjectIdentifier::from_arcs(arcs).map_err(|e| e.to_string());
        }
    };
    ObjectIdentifier::new(text).map_err(|e| e.to_string())
}

/// The extensions of an issued certificate, in the usual order: basicConstraints (critical),
/// key usage (critical), extended key usage, SANs (critical when the subject is empty), the
/// subject's and the issuer's key identifiers, then `extra` (copied from a request) where
/// they name an extension not already there.
pub fn issued_extensions(
    usages: &Usages,
    sans: &[GeneralName],
    subject_empty: bool,
    subject_key_id: &[u8],
    authority_key_id: &[u8],
    extra: &[Extension],
) -> Result<Vec<Extension>, String> {
    let octets = |b: &[u8]| OctetString::new(b).map_err(|e| e.to_string());
    let mut out = vec![ext(
        &BasicConstraints {
            ca: usages.ca.is_some(),
            path_len_constraint: usages.ca.flatten(),
        },
        true,
    )?];
    if !usages.key_usage.is_empty() {
        let mut bits = flagset::FlagSet::<KeyUsages>::default();
        for k in &usages.key_usage {
            bits |= key_usage_bit(k);
        }
        out.push(ext(&KeyUsage(bits), true)?);
    }
    if !usages.ext_key_usage.is_empty() {
        let oids = usages
            .ext_key_usage
            .iter()
            .map(eku_oid)
            .collect::<Result<_, _>>()?;
        out.push(ext(&ExtendedKeyUsage(oids), false)?);
    }
    if !sans.is_empty() {
        out.push(ext(&SubjectAltName(sans.to_vec()), subject_empty)?);
    }
    out.push(ext(&SubjectKeyIdentifier(octets(subject_key_id)?), false)?);
    out.push(ext(
        &AuthorityKeyIdentifier {
            key_identifier: Some(octets(authority_key_id)?),
            authority_cert_issuer: None,
            authority_cert_serial_number: None,
        },
        false,
    )?);
    for e in extra {
        if !out.iter().any(|o| o.extn_id == e.extn_id) {
            out.push(e.clone());
        }
    }
    Ok(out)
}

/// The SubjectKeyIdentifier of a certificate's extensions, if it has one.
pub fn subject_key_id(exts: &[Extension]) -> Option<Vec<u8>> {
    exts.iter()
        .find(|e| e.extn_id == SubjectKeyIdentifier::OID)
        .and_then(|e| SubjectKeyIdentifier::from_der(e.extn_value.as_bytes()).ok())
        .map(|s| s.0.as_bytes().to_vec())
}

/// The SANs in a list of extensions (a request's), if any.
pub fn sans_of(exts: &[Extension]) -> Result<Vec<GeneralName>, String> {
    match exts.iter().find(|e| e.extn_id == SubjectAltName::OID) {
        None => Ok(Vec::new()),
        Some(e) => SubjectAltName::from_der(e.extn_value.as_bytes())
            .map(|s| s.0)
            .map_err(|e| format!("the request's subjectAltName does not parse: {e}")),
    }
}

/// A command-line SAN (see `x509::san`) as a GeneralName.
pub fn general_name(san: &SanType) -> Result<GeneralName, String> {
    let ia5 = |s: &str| Ia5String::new(s).map_err(|_| format!("'{s}' is not ASCII"));
    Ok(match san {
        SanType::DnsName(d) => GeneralName::DnsName(ia5(d.as_str())?),
        SanType::Rfc822Name(d) => GeneralName::Rfc822Name(ia5(d.as_str())?),
        SanType::URI(d) => GeneralName::UniformResourceIdentifier(ia5(d.as_str())?),
        SanType::IpAddress(ip) => GeneralName::IpAddress(
            OctetString::new(match ip {
                std::net::IpAddr::V4(a) => a.octets().to_vec(),
                std::net::IpAddr::V6(a) => a.octets().to_vec(),
            })
            .map_err(|e| e.to_string())?,
        ),
        _ => return Err("unsupported SAN kind".into()),
    })
}

fn dn_oid(t: &DnType) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(match t {
        DnType::CommonName => "2.5.4.3",
        DnType::OrganizationName => "2.5.4.10",
        DnType::OrganizationalUnitName => "2.5.4.11",
        DnType::CountryName => "2.5.4.6",
        DnType::StateOrProvinceName => "2.5.4.8",
        DnType::LocalityName => "2.5.4.7",
        _ => "1.2.840.113549.1.9.1",
    })
}

/// A subject from the command line as an X.501 Name, one attribute per RDN in the order
/// given: UTF8String, but PrintableString for the country and IA5String for emailAddress, as
/// RFC 5280 asks.
pub fn name(dn: &[(DnType, String)]) -> Result<Name, String> {
    let mut rdns = Vec::new();
    for (t, v) in dn {
        let tag = match t {
            DnType::CountryName => Tag::PrintableString,
            DnType::CustomDnType(_) => Tag::Ia5String,
            _ => Tag::Utf8String,
        };
        let value = Any::new(tag, v.as_bytes()).map_err(|e| e.to_string())?;
        let atv = AttributeTypeAndValue {
            oid: dn_oid(t),
            value,
        };
        rdns.push(RelativeDistinguishedName(
            der::asn1::SetOfVec::try_from(vec![atv]).map_err(|e| e.to_string())?,
        ));
    }
    Ok(RdnSequence(rdns))
}

/// A time as X.509 wants it: UTCTime through 2049, GeneralizedTime after (RFC 5280 4.1.2.5).
pub fn x509_time(t: time::OffsetDateTime) -> Result<x509_cert::time::Time, String> {
    let secs = u64::try_from(t.unix_timestamp())
        .map_err(|_| "a date before 1970 cannot be written".to_string())?;
    let d = std::time::Duration::from_secs(secs);
    Ok(if t.year() < 2050 {
        der::asn1::UtcTime::from_unix_duration(d)
            .map_err(|e| e.to_string())?
            .into()
    } else {
        der::asn1::GeneralizedTime::from_unix_duration(d)
            .map_err(|e| e.to_string())?
            .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_follow_rfc_7093_method_1() {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let spki = rcgen::PublicKeyData::subject_public_key_info(&key);
        let id = key_id(&spki);
        assert_eq!(id.len(), 20);
        // The hash covers the key bits (the last 65 bytes of a P-256 SPKI), not the whole DER.
        assert_eq!(
            id,
            sha2::Sha256::digest(&spki[spki.len() - 65..])[..20].to_vec()
        );
    }

    #[test]
    fn profiles_make_their_extensions() {
        let u = profile_usages(CertProfile::Ca, false, Some(0));
        let exts = issued_extensions(&u, &[], false, &[1; 20], &[2; 20], &[]).unwrap();
        assert_eq!(exts.len(), 4, "BC, KU, SKI, AKI");
        assert!(exts[0].critical && exts[1].critical);
        let bc = BasicConstraints::from_der(exts[0].extn_value.as_bytes()).unwrap();
        assert_eq!((bc.ca, bc.path_len_constraint), (true, Some(0)));
        let ee = profile_usages(CertProfile::Server, true, None);
        assert_eq!(ee.key_usage.len(), 2);
        let exts = issued_extensions(&ee, &[], false, &[1; 20], &[2; 20], &[]).unwrap();
        // CA:FALSE is the empty SEQUENCE (DEFAULT FALSE is not written).
        assert_eq!(exts[0].extn_value.as_bytes(), &[0x30, 0x00]);
        assert_eq!(subject_key_id(&exts), Some(vec![1; 20]));
        // 2050-01-01 is written as GeneralizedTime.
        let t = x509_time(time::OffsetDateTime::from_unix_timestamp(2_524_608_000).unwrap());
        assert!(matches!(t, Ok(x509_cert::time::Time::GeneralTime(_))));
    }
}

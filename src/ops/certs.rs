//! The names a certificate object records about its certificate (import-cert, import-key).

use crate::exit::{Exit, fail};
use anyhow::Result;

/// What a certificate object records about its certificate.
pub struct CertNames {
    /// The subject, for people.
    pub subject: String,
    /// CKA_SUBJECT: the subject's DER.
    pub subject_der: Vec<u8>,
    /// CKA_ISSUER: the issuer's DER.
    pub issuer_der: Vec<u8>,
    /// CKA_SERIAL_NUMBER: the serial as a DER INTEGER.
    pub serial_der: Vec<u8>,
}

/// The subject, issuer and serial of a certificate, as its token object records them.
pub fn names_of(der: &[u8]) -> Result<CertNames> {
    let bad = |e: String| fail(Exit::BadInput, e);
    let (_, c) = x509_parser::parse_x509_certificate(der).map_err(|e| bad(e.to_string()))?;
    let t = &c.tbs_certificate;
    let serial = der::asn1::UintRef::new(t.raw_serial()).map_err(|e| bad(e.to_string()))?;
    Ok(CertNames {
        subject: t.subject.to_string(),
        subject_der: t.subject.as_raw().to_vec(),
        issuer_der: t.issuer.as_raw().to_vec(),
        serial_der: der::Encode::to_der(&serial).map_err(|e| bad(e.to_string()))?,
    })
}

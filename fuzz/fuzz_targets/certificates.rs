//! Certificate input: lenient PEM/DER parsing, the strict CAFile.pem reader, certificate fields.
#![no_main]
use hsmctl::formats::{bundle::Bundle, cert};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(certs) = cert::parse_certificates(data) {
        for c in &certs {
            let _ = cert::CertSummary::of(c);
            let _ = cert::certificate_key(c);
        }
        // What is written back must read back the same.
        let again = Bundle::parse(cert::to_pem(&certs).as_bytes());
        assert!(again.problems.is_empty());
        assert_eq!(again.certs, certs);
    }
    let _ = cert::parse_one_certificate(data);
    let b = Bundle::parse(data);
    let _ = b.render();
});

//! Public-key input (OpenSSH lines, SPKI and PKCS#1 in PEM or DER), and the OpenSSH
//! certificate options and validity parsers.
#![no_main]
use hsmctl::formats::{pubkey, ssh_cert};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok((key, _, _)) = pubkey::parse_public_key(data) {
        // A key that was read can be written in every form.
        let _ = key.to_openssh_line("c");
        let _ = key.to_spki_der();
        let _ = ssh_cert::key_blob(&key);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let mut fields = ssh_cert::CertOptions::defaults(false);
        for opt in text.split(',') {
            let _ = fields.apply(opt);
        }
        let _ = ssh_cert::parse_validity(text, 1_700_000_000, &|_, _, _, _, _, _, _| None);
    }
});

//! Attribute decoders: EC parameters and points (wrapped or raw), RSA modulus and exponent,
//! CKA_ID text.
#![no_main]
use hsmctl::formats::{ec::Curve, parse_hex_id, pubkey};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let split = data.first().map_or(0, |b| *b as usize).min(data.len().saturating_sub(1));
    let (a, b) = data.get(1..).unwrap_or(&[]).split_at(split.min(data.len().saturating_sub(1)));
    let _ = Curve::from_params(a);
    let _ = pubkey::PublicKeyMaterial::from_ec(a, b);
    let _ = pubkey::PublicKeyMaterial::from_rsa(a, b);
    for len in [32, 65, 97, 133] {
        let _ = pubkey::unwrap_ec_point(b, len);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_hex_id(text);
    }
});

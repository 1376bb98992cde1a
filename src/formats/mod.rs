//! Pure data formats: parsing and printing with no I/O, unit-tested in place.

pub mod agent_proto;
pub mod bundle;
pub mod cert;
pub mod client_identity;
pub mod csr;
pub mod ec;
pub mod host;
pub mod input;
pub mod pem;
pub mod pkcs11_uri;
pub mod pkcs12;
pub mod private_key;
pub mod pubkey;
pub mod resign;
pub mod ssh_cert;
pub mod text;
pub mod x509;
pub mod x509_ext;

/// SHA-256 of `bytes`, lowercase hex (fingerprints in reports and the server registry).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// Parses a hex byte string as users write CKA_IDs: an optional `0x`, optional `:` separators.
/// None for anything else, and for an empty string.
pub fn parse_hex_id(text: &str) -> Option<Vec<u8>> {
    let t = text.trim();
    let t = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .unwrap_or(t);
    let clean: String = t.chars().filter(|c| *c != ':').collect();
    hex::decode(clean).ok().filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_hex_ids() {
        assert_eq!(super::parse_hex_id("0x0A:0b"), Some(vec![0x0a, 0x0b]));
        assert_eq!(super::parse_hex_id("10000001"), Some(vec![0x10, 0, 0, 1]));
        assert_eq!(super::parse_hex_id(""), None);
        assert_eq!(super::parse_hex_id("abc"), None);
        assert_eq!(super::parse_hex_id("zz"), None);
    }
}

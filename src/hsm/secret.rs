//! Secret-key generation (AES, generic secrets for HMAC) with every attribute explicit, read
//! back like key pairs: a token that did not honour the template gets the key destroyed.

use super::error::HsmResult;
use super::ffi::{MechType, Template};
use super::keygen::{Usage, generated_flags};
use super::objects::ObjectInfo;
use super::session::HsmSession;
use super::types::TokenEntry;
use cryptoki_sys::*;

/// What kind of secret key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretSpec {
    /// AES with a key of this many bytes (16, 24, 32).
    Aes(u32),
    /// A generic secret (HMAC) of this many bytes.
    Generic(u32),
}

impl SecretSpec {
    /// Parses `aes:128`, `aes:192`, `aes:256`, `generic:BITS` (80 to 4096, a multiple of 8).
    pub fn parse(text: &str) -> Result<SecretSpec, String> {
        let lower = text.trim().to_ascii_lowercase();
        let (family, bits) = lower.split_once(':').unwrap_or((&lower, ""));
        let bits: u32 = bits
            .parse()
            .map_err(|_| format!("'{text}': give a size in bits, as aes:256 or generic:256"))?;
        match family {
            "aes" if matches!(bits, 128 | 192 | 256) => Ok(SecretSpec::Aes(bits / 8)),
            "aes" => Err(format!("'{text}': AES keys are 128, 192 or 256 bits")),
            "generic" | "hmac" if (80..=4096).contains(&bits) && bits.is_multiple_of(8) => {
                Ok(SecretSpec::Generic(bits / 8))
            }
            "generic" | "hmac" => Err(format!(
                "'{text}': generic secrets are 80 to 4096 bits, a multiple of 8"
            )),
            _ => Err(format!(
                "unknown secret key type '{text}'; use aes:128, aes:192, aes:256 or generic:BITS"
            )),
        }
    }

    /// The canonical spelling: `aes:256`, `generic:256`.
    pub fn name(self) -> String {
        match self {
            SecretSpec::Aes(n) => format!("aes:{}", n * 8),
            SecretSpec::Generic(n) => format!("generic:{}", n * 8),
        }
    }

    /// Whether this is an AES key (its usage defaults differ).
    pub fn is_aes(self) -> bool {
        matches!(self, SecretSpec::Aes(_))
    }

    /// (generation mechanism, its name).
    pub fn mechanism(self) -> (CK_MECHANISM_TYPE, &'static str) {
        match self {
            SecretSpec::Aes(_) => (CKM_AES_KEY_GEN, "CKM_AES_KEY_GEN"),
            SecretSpec::Generic(_) => (CKM_GENERIC_SECRET_KEY_GEN, "CKM_GENERIC_SECRET_KEY_GEN"),
        }
    }

    fn key_type(self) -> CK_KEY_TYPE {
        match self {
            SecretSpec::Aes(_) => CKK_AES,
            SecretSpec::Generic(_) => CKK_GENERIC_SECRET,
        }
    }

    fn len(self) -> u32 {
        match self {
            SecretSpec::Aes(n) | SecretSpec::Generic(n) => n,
        }
    }
}

/// A validated secret-key generation.
#[derive(Debug, Clone)]
pub struct SecretKeyRequest {
    /// The key type and size.
    pub spec: SecretSpec,
    /// CKA_LABEL.
    pub label: String,
    /// CKA_ID.
    pub id: Vec<u8>,
    /// Usage flags (all on the one key).
    pub usage: Usage,
    /// CKA_EXTRACTABLE (false unless confirmed).
    pub extractable: bool,
    /// CKA_MODIFIABLE.
    pub modifiable: bool,
}

impl HsmSession<'_> {
    /// Generates the key, verifies the token's copy, and destroys it if the template was not
    /// honoured.
    pub fn generate_secret(
        &self,
        req: &SecretKeyRequest,
        token: &TokenEntry,
    ) -> HsmResult<ObjectInfo> {
        let u = req.usage;
        let t = Template::new()
            .class(CKO_SECRET_KEY)
            .key_type(req.spec.key_type())
            .ulong(CKA_VALUE_LEN, req.spec.len() as CK_ULONG)
            .bool(CKA_TOKEN, true)
            .bool(CKA_PRIVATE, true)
            .bool(CKA_SENSITIVE, true)
            .bool(CKA_EXTRACTABLE, req.extractable)
            .bool(CKA_MODIFIABLE, req.modifiable)
            .label(&req.label)
            .id(&req.id)
            .bool(CKA_SIGN, u.sign)
            .bool(CKA_VERIFY, u.verify)
            .bool(CKA_ENCRYPT, u.encrypt)
            .bool(CKA_DECRYPT, u.decrypt)
            .bool(CKA_WRAP, u.wrap)
            .bool(CKA_UNWRAP, u.unwrap)
            .bool(CKA_DERIVE, u.derive);
        let h = self
            .ffi
            .generate_key(MechType(req.spec.mechanism().0), &t)?
            .0;
        let mut want = generated_flags(req.extractable, req.modifiable);
        want.extend([
            (CKA_SIGN, "CKA_SIGN", u.sign),
            (CKA_VERIFY, "CKA_VERIFY", u.verify),
            (CKA_ENCRYPT, "CKA_ENCRYPT", u.encrypt),
            (CKA_DECRYPT, "CKA_DECRYPT", u.decrypt),
            (CKA_WRAP, "CKA_WRAP", u.wrap),
            (CKA_UNWRAP, "CKA_UNWRAP", u.unwrap),
            (CKA_DERIVE, "CKA_DERIVE", u.derive),
        ]);
        self.confirm_template(&[(h, &want, "secret")])?;
        self.object(h, token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_secret_key_types() {
        assert_eq!(SecretSpec::parse("aes:256"), Ok(SecretSpec::Aes(32)));
        assert_eq!(SecretSpec::parse("AES:128"), Ok(SecretSpec::Aes(16)));
        assert_eq!(
            SecretSpec::parse("generic:256"),
            Ok(SecretSpec::Generic(32))
        );
        assert!(SecretSpec::parse("aes:512").is_err());
        assert!(SecretSpec::parse("generic:81").is_err());
        assert!(SecretSpec::parse("des:64").is_err());
        assert_eq!(SecretSpec::Aes(24).name(), "aes:192");
    }
}

//! Key-pair generation with every attribute set explicitly, then read back: a token that did
//! not honour the template (SoftHSM2 defaults CKA_SENSITIVE to false when it is left out) gets
//! both halves destroyed and an error, never a weak key.

use super::error::{HsmError, HsmResult};
use super::ffi::{AttrBuf, MechType, ObjectHandle, Template};
use super::objects::ObjectInfo;
use super::session::HsmSession;
use super::types::TokenEntry;
use crate::formats::ec::Curve;
use cryptoki_sys::*;

/// What kind of key pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySpec {
    /// RSA with this modulus size.
    Rsa(u32),
    /// ECDSA on a NIST curve.
    Ec(Curve),
    /// EdDSA on Ed25519.
    Ed25519,
}

impl KeySpec {
    /// Parses `rsa:2048`, `ec:p256`, `EC:prime256v1`, `secp384r1`, `ed25519`, `edwards25519`, ...
    pub fn parse(text: &str) -> Result<KeySpec, String> {
        let lower = text.trim().to_ascii_lowercase();
        if let Some(bits) = lower
            .strip_prefix("rsa:")
            .or_else(|| lower.strip_prefix("rsa"))
        {
            // "rsa" alone is RSA-2048 (pkcs11-tool's habit); "rsa:" with nothing after the
            // colon is a size left out by mistake.
            if bits.is_empty() && !lower.ends_with(':') {
                return Ok(KeySpec::Rsa(2048));
            }
            return bits
                .parse::<u32>()
                .map(KeySpec::Rsa)
                .map_err(|_| format!("'{text}': RSA takes a size in bits, as rsa:2048"));
        }
        let curve = lower
            .strip_prefix("ec:")
            .or_else(|| lower.strip_prefix("ecdsa:"))
            .unwrap_or(&lower);
        Ok(match curve {
            "p256" | "p-256" | "prime256v1" | "secp256r1" | "nistp256" => KeySpec::Ec(Curve::P256),
            "p384" | "p-384" | "secp384r1" | "nistp384" => KeySpec::Ec(Curve::P384),
            "p521" | "p-521" | "secp521r1" | "nistp521" => KeySpec::Ec(Curve::P521),
            "ed25519" | "edwards25519" | "eddsa" | "eddsa:ed25519" => KeySpec::Ed25519,
            _ => {
                return Err(format!(
                    "unknown key type '{text}'; use rsa:BITS, ec:p256, ec:p384, ec:p521 or ed25519"
                ));
            }
        })
    }

    /// The canonical spelling: `rsa:2048`, `ec:p256`, `ed25519`.
    pub fn name(self) -> String {
        match self {
            KeySpec::Rsa(bits) => format!("rsa:{bits}"),
            KeySpec::Ec(c) => format!("ec:{}", c.name().to_ascii_lowercase().replace('-', "")),
            KeySpec::Ed25519 => "ed25519".into(),
        }
    }

    /// Key size in bits.
    pub fn bits(self) -> u32 {
        match self {
            KeySpec::Rsa(b) => b,
            KeySpec::Ec(c) => c.bits(),
            KeySpec::Ed25519 => Curve::Ed25519.bits(),
        }
    }

    pub(crate) fn key_type(self) -> CK_KEY_TYPE {
        match self {
            KeySpec::Rsa(_) => CKK_RSA,
            KeySpec::Ec(_) => CKK_EC,
            KeySpec::Ed25519 => CKK_EC_EDWARDS,
        }
    }

    /// The generation mechanisms for this key type: (code, name) of the default one.
    pub fn default_mechanism(self) -> (CK_MECHANISM_TYPE, &'static str) {
        match self {
            KeySpec::Rsa(_) => (CKM_RSA_PKCS_KEY_PAIR_GEN, "CKM_RSA_PKCS_KEY_PAIR_GEN"),
            KeySpec::Ec(_) => (CKM_EC_KEY_PAIR_GEN, "CKM_EC_KEY_PAIR_GEN"),
            KeySpec::Ed25519 => (CKM_EC_EDWARDS_KEY_PAIR_GEN, "CKM_EC_EDWARDS_KEY_PAIR_GEN"),
        }
    }
}

/// The X9.31 RSA generation mechanism (`--mechanism x9.31`).
pub const RSA_X9_31: (CK_MECHANISM_TYPE, &str) =
    (CKM_RSA_X9_31_KEY_PAIR_GEN, "CKM_RSA_X9_31_KEY_PAIR_GEN");

/// The usage flags of a pair: public-half ones (verify, encrypt, wrap) and private-half ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// CKA_SIGN on the private key.
    pub sign: bool,
    /// CKA_VERIFY on the public key.
    pub verify: bool,
    /// CKA_ENCRYPT on the public key.
    pub encrypt: bool,
    /// CKA_DECRYPT on the private key.
    pub decrypt: bool,
    /// CKA_WRAP on the public key.
    pub wrap: bool,
    /// CKA_UNWRAP on the private key.
    pub unwrap: bool,
    /// CKA_DERIVE on the private key.
    pub derive: bool,
}

/// Everything a generation needs, already validated.
#[derive(Debug, Clone)]
pub struct KeygenRequest {
    /// The key type.
    pub spec: KeySpec,
    /// The generation mechanism (CKM_ code).
    pub mechanism: CK_MECHANISM_TYPE,
    /// RSA public exponent, big-endian without leading zeros.
    pub public_exponent: Vec<u8>,
    /// CKA_LABEL of the public key.
    pub label_public: String,
    /// CKA_LABEL of the private key.
    pub label_private: String,
    /// CKA_ID of both halves.
    pub id: Vec<u8>,
    /// Usage flags.
    pub usage: Usage,
    /// CKA_EXTRACTABLE of the private key (false unless explicitly confirmed).
    pub extractable: bool,
    /// CKA_MODIFIABLE of both halves.
    pub modifiable: bool,
}

/// The generated pair, as read back from the token.
#[derive(Debug, Clone)]
pub struct KeygenResult {
    /// The public key.
    pub public: ObjectInfo,
    /// The private key.
    pub private: ObjectInfo,
}

fn templates(req: &KeygenRequest, ec_params: Option<&[u8]>) -> (Template, Template) {
    let u = req.usage;
    let mut public = Template::new()
        .class(CKO_PUBLIC_KEY)
        .key_type(req.spec.key_type())
        .bool(CKA_TOKEN, true)
        .bool(CKA_PRIVATE, false)
        .bool(CKA_MODIFIABLE, req.modifiable)
        .label(&req.label_public)
        .id(&req.id)
        .bool(CKA_VERIFY, u.verify)
        .bool(CKA_VERIFY_RECOVER, false)
        .bool(CKA_ENCRYPT, u.encrypt)
        .bool(CKA_WRAP, u.wrap)
        .bool(CKA_DERIVE, false);
    let private = Template::new()
        .class(CKO_PRIVATE_KEY)
        .key_type(req.spec.key_type())
        .bool(CKA_TOKEN, true)
        .bool(CKA_PRIVATE, true)
        .bool(CKA_SENSITIVE, true)
        .bool(CKA_EXTRACTABLE, req.extractable)
        .bool(CKA_MODIFIABLE, req.modifiable)
        .label(&req.label_private)
        .id(&req.id)
        .bool(CKA_SIGN, u.sign)
        .bool(CKA_SIGN_RECOVER, false)
        .bool(CKA_DECRYPT, u.decrypt)
        .bool(CKA_UNWRAP, u.unwrap)
        .bool(CKA_DERIVE, u.derive);
    match (req.spec, ec_params) {
        (KeySpec::Rsa(bits), _) => {
            public = public
                .ulong(CKA_MODULUS_BITS, bits as CK_ULONG)
                .bytes(CKA_PUBLIC_EXPONENT, &req.public_exponent);
        }
        (_, Some(params)) => public = public.bytes(CKA_EC_PARAMS, params),
        (_, None) => {}
    }
    (public, private)
}

/// (attribute, its name, the value it must have) for one half.
pub(crate) type Expected = Vec<(CK_ATTRIBUTE_TYPE, &'static str, bool)>;

/// Expected values after generation, checked on the token's own copy.
fn expectations(req: &KeygenRequest) -> (Expected, Expected) {
    let u = req.usage;
    let public = vec![
        (CKA_TOKEN, "CKA_TOKEN", true),
        (CKA_PRIVATE, "CKA_PRIVATE", false),
        (CKA_VERIFY, "CKA_VERIFY", u.verify),
        (CKA_ENCRYPT, "CKA_ENCRYPT", u.encrypt),
        (CKA_WRAP, "CKA_WRAP", u.wrap),
    ];
    let mut private = generated_flags(req.extractable, req.modifiable);
    private.extend([
        (CKA_SIGN, "CKA_SIGN", u.sign),
        (CKA_DECRYPT, "CKA_DECRYPT", u.decrypt),
        (CKA_UNWRAP, "CKA_UNWRAP", u.unwrap),
        (CKA_DERIVE, "CKA_DERIVE", u.derive),
    ]);
    (public, private)
}

/// What a key made on the token (private or secret) must say about where it has been: on
/// the token, private, always sensitive, extractable only if asked, made here (CKA_LOCAL).
pub(crate) fn generated_flags(extractable: bool, modifiable: bool) -> Expected {
    vec![
        (CKA_TOKEN, "CKA_TOKEN", true),
        (CKA_PRIVATE, "CKA_PRIVATE", true),
        (CKA_SENSITIVE, "CKA_SENSITIVE", true),
        (CKA_ALWAYS_SENSITIVE, "CKA_ALWAYS_SENSITIVE", true),
        (CKA_EXTRACTABLE, "CKA_EXTRACTABLE", extractable),
        (CKA_NEVER_EXTRACTABLE, "CKA_NEVER_EXTRACTABLE", !extractable),
        (CKA_LOCAL, "CKA_LOCAL", true),
        (CKA_MODIFIABLE, "CKA_MODIFIABLE", modifiable),
    ]
}

/// Errors of C_GenerateKeyPair that are about the request, so nothing can have been stored.
fn rejected_up_front(code: Option<CK_RV>) -> bool {
    matches!(
        code,
        Some(
            CKR_MECHANISM_INVALID
                | CKR_MECHANISM_PARAM_INVALID
                | CKR_TEMPLATE_INCOMPLETE
                | CKR_TEMPLATE_INCONSISTENT
                | CKR_ATTRIBUTE_TYPE_INVALID
                | CKR_ATTRIBUTE_VALUE_INVALID
                | CKR_ATTRIBUTE_READ_ONLY
                | CKR_DOMAIN_PARAMS_INVALID
                | CKR_CURVE_NOT_SUPPORTED
                | CKR_KEY_SIZE_RANGE
                | CKR_USER_NOT_LOGGED_IN
                | CKR_SESSION_READ_ONLY
        )
    )
}

impl HsmSession<'_> {
    /// Reads back the boolean attributes each new object must have; if any differs, every
    /// object of `checks` is destroyed and the error names what the token did not honour.
    pub(crate) fn confirm_template(&self, checks: &[(u64, &Expected, &str)]) -> HsmResult<()> {
        let mut wrong = Vec::new();
        for (handle, want, what) in checks {
            let mut attrs: Vec<AttrBuf> =
                want.iter().map(|(k, _, _)| AttrBuf::new(*k, 1)).collect();
            self.ffi
                .read_attributes(ObjectHandle(*handle), &mut attrs)?;
            for ((_, name, expected), got) in want.iter().zip(&attrs) {
                match got.value().and_then(super::attributes::boolean) {
                    Some(v) if v == *expected => {}
                    Some(v) => wrong.push(format!("{what} {name} is {v} (asked {expected})")),
                    None => wrong.push(format!("{what} {name} cannot be read back")),
                }
            }
        }
        if wrong.is_empty() {
            return Ok(());
        }
        let cleanup = checks
            .iter()
            .map(|(h, _, _)| self.destroy(*h))
            .find_map(Result::err);
        Err(HsmError::Other(format!(
            "the token did not honour the key template ({}); {}",
            wrong.join(", "),
            match cleanup {
                None => "the new objects were destroyed".to_string(),
                Some(e) => format!("destroying the new objects failed too: {e}"),
            }
        )))
    }

    /// Objects carrying this CKA_ID (any class).
    pub fn with_id(&self, id: &[u8]) -> HsmResult<Vec<u64>> {
        self.search(&Template::new().id(id))
    }

    /// The labels of every key object (public, private, secret): one search per class.
    pub fn key_labels(&self) -> HsmResult<std::collections::HashSet<String>> {
        let mut handles = Vec::new();
        for class in [CKO_PRIVATE_KEY, CKO_PUBLIC_KEY, CKO_SECRET_KEY] {
            handles.extend(self.search(&Template::new().class(class))?);
        }
        let mut labels = std::collections::HashSet::new();
        self.read_each(&handles, &[(CKA_LABEL, 128)], |_, a| {
            labels.insert(String::from_utf8_lossy(a[0].value().unwrap_or_default()).into_owned());
            Ok(())
        })?;
        Ok(labels)
    }

    /// Key objects (public, private or secret) carrying this label.
    pub fn keys_with_label(&self, label: &str) -> HsmResult<Vec<u64>> {
        let mut found = Vec::new();
        for class in [CKO_PRIVATE_KEY, CKO_PUBLIC_KEY, CKO_SECRET_KEY] {
            found.extend(self.search(&Template::new().class(class).label(label))?);
        }
        Ok(found)
    }

    /// Generates the pair, verifies the token's copy, and leaves nothing behind on failure.
    pub fn generate(&self, req: &KeygenRequest, token: &TokenEntry) -> HsmResult<KeygenResult> {
        let params: Vec<Option<Vec<u8>>> = match req.spec {
            KeySpec::Rsa(_) => vec![None],
            KeySpec::Ec(c) => vec![Some(c.oid_der().to_vec())],
            // The OID is standard; some tokens only take the older PrintableString form.
            KeySpec::Ed25519 => vec![
                Some(Curve::Ed25519.oid_der().to_vec()),
                Curve::Ed25519.printable_der(),
            ],
        };
        let mut last_err = None;
        for p in &params {
            let (public, private) = templates(req, p.as_deref());
            match self
                .ffi
                .generate_key_pair(MechType(req.mechanism), &public, &private)
            {
                Ok((pub_h, priv_h)) => {
                    return self.verify_generated(req, token, pub_h.0, priv_h.0);
                }
                Err(e) => {
                    let params_refused = matches!(
                        e.code(),
                        Some(
                            CKR_DOMAIN_PARAMS_INVALID
                                | CKR_CURVE_NOT_SUPPORTED
                                | CKR_ATTRIBUTE_VALUE_INVALID
                        )
                    );
                    if !rejected_up_front(e.code()) {
                        // A device error may still have stored one or both halves.
                        self.remove_orphans(&req.id)?;
                    }
                    last_err = Some(e);
                    if !params_refused {
                        break;
                    }
                }
            }
        }
        Err(last_err.expect("at least one attempt"))
    }

    fn remove_orphans(&self, id: &[u8]) -> HsmResult<()> {
        for h in self.with_id(id)? {
            self.destroy(h)?;
        }
        Ok(())
    }

    fn verify_generated(
        &self,
        req: &KeygenRequest,
        token: &TokenEntry,
        pub_h: u64,
        priv_h: u64,
    ) -> HsmResult<KeygenResult> {
        let (want_pub, want_priv) = expectations(req);
        self.confirm_template(&[
            (pub_h, &want_pub, "public"),
            (priv_h, &want_priv, "private"),
        ])?;
        let (mut public, mut private) = (self.object(pub_h, token)?, self.object(priv_h, token)?);
        (public.paired, private.paired) = (Some(true), Some(true));
        Ok(KeygenResult { public, private })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_type_aliases() {
        assert_eq!(KeySpec::parse("rsa:2048"), Ok(KeySpec::Rsa(2048)));
        assert_eq!(KeySpec::parse("RSA:4096"), Ok(KeySpec::Rsa(4096)));
        assert_eq!(
            KeySpec::parse("EC:prime256v1"),
            Ok(KeySpec::Ec(Curve::P256))
        );
        assert_eq!(KeySpec::parse("secp384r1"), Ok(KeySpec::Ec(Curve::P384)));
        assert_eq!(KeySpec::parse("ec:p521"), Ok(KeySpec::Ec(Curve::P521)));
        assert_eq!(KeySpec::parse("edwards25519"), Ok(KeySpec::Ed25519));
        assert!(KeySpec::parse("rsa:big").is_err());
        assert!(KeySpec::parse("ec:p192").is_err());
        assert_eq!(KeySpec::Ec(Curve::P256).name(), "ec:p256");
    }
}

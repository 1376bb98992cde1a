//! `hsmctl test-key`: a self-check of keys inside the token. Each private key signs random data
//! that its public half (same CKA_ID) must verify, or the public half encrypts what the
//! private key must decrypt; RSA moduli of both halves are compared; secret keys do an AES or
//! HMAC round trip. Per key: ok, wrong pair, mechanism not supported.

use super::Ctx;
use super::object_select::object_filter;
use super::token_select::Login;
use crate::cli::keys::TestKeyArgs;
use crate::exit::{Exit, fail};
use crate::hsm::{
    HsmError, HsmSession, ObjectFilter, ObjectInfo, RoundTrip, SigScheme, TokenPublicKey, Want,
    spec_of,
};
use crate::output::{Report, table};
use anyhow::Result;
use serde::Serialize;

/// The outcome for one key.
#[derive(Serialize)]
pub struct KeyTest {
    /// CKA_LABEL.
    pub label: String,
    /// CKA_ID, hex.
    pub id: String,
    /// CKO_PRIVATE_KEY or CKO_SECRET_KEY.
    pub class: String,
    /// rsa:2048, ec:P-256, aes:256 ...
    pub key_type: String,
    /// The key's URI.
    pub uri: String,
    /// ok, wrong_pair, mechanism_not_supported, no_public_key, not_tested, error.
    pub status: &'static str,
    /// What was done: sign/verify rsa-pkcs1-sha256, encrypt/decrypt CKM_RSA_PKCS, ...
    pub operation: Option<String>,
    /// Why, when not ok.
    pub detail: Option<String>,
}

/// Every key tested.
#[derive(Serialize)]
pub struct TestKeyReport {
    /// The keys, in listing order.
    pub keys: Vec<KeyTest>,
    /// How many are a wrong pair or failed with an error.
    pub failures: usize,
}

impl Report for TestKeyReport {
    fn human(&self) -> String {
        let mut t = table(&["Label", "ID", "Key type", "Result", "Operation", "Detail"]);
        for k in &self.keys {
            t.add_row([
                k.label.clone(),
                k.id.clone(),
                k.key_type.clone(),
                k.status.replace('_', " "),
                k.operation.clone().unwrap_or_default(),
                k.detail.clone().unwrap_or_default(),
            ]);
        }
        format!("{t}\n")
    }
}

impl TestKeyReport {
    /// Exit 1 when a key is a wrong pair or its test failed, after the report is printed.
    pub fn outcome(&self) -> Result<()> {
        match self.failures {
            0 => Ok(()),
            n => Err(fail(
                Exit::Failed,
                format!("{n} key(s) failed the self-check"),
            )),
        }
    }
}

/// A failed operation as a status: the module lacking a mechanism is not the key's fault.
fn status_of(e: &HsmError) -> &'static str {
    match e.exit() {
        Exit::Unsupported => "mechanism_not_supported",
        _ => "error",
    }
}

fn test_private(
    session: &HsmSession,
    o: &ObjectInfo,
    publics: &[&TokenPublicKey],
) -> (&'static str, Option<String>, Option<String>) {
    let [public] = publics else {
        return match publics.len() {
            0 => (
                "no_public_key",
                None,
                Some("no public key has its CKA_ID".into()),
            ),
            n => (
                "error",
                None,
                Some(format!(
                    "{n} public keys have its CKA_ID; test them one by one with --id"
                )),
            ),
        };
    };
    let material = match &public.material {
        Ok(m) => m.clone(),
        Err(e) => return ("mechanism_not_supported", None, Some(e.clone())),
    };
    if let Ok(Some(own)) = session.private_key_public_part(o.handle)
        && own != material
    {
        return (
            "wrong_pair",
            Some("compare moduli".into()),
            Some("the private key's modulus differs from the public key's".into()),
        );
    }
    let can = |u: &str| o.usage.contains(&u);
    if can("sign") {
        let scheme = match SigScheme::for_key(spec_of(&material), None, false, false) {
            Ok(s) => s,
            Err(e) => return ("mechanism_not_supported", None, Some(e)),
        };
        let op = Some(format!("sign/verify {}", scheme.name()));
        let result = session.random(32).and_then(|msg| {
            let sig = session.sign_data(o.handle, scheme, &msg)?;
            session.verify_data(public.handle, scheme, &msg, &sig)
        });
        return match result {
            Ok(true) => ("ok", op, None),
            Ok(false) => (
                "wrong_pair",
                op,
                Some("the public key does not verify the private key's signature".into()),
            ),
            Err(e) => (status_of(&e), op, Some(e.to_string())),
        };
    }
    if can("decrypt")
        && matches!(
            material,
            crate::formats::pubkey::PublicKeyMaterial::Rsa { .. }
        )
    {
        let kind = RoundTrip::Rsa;
        let op = Some(format!("encrypt/decrypt {}", kind.mechanism()));
        return match session.round_trip(kind, public.handle, o.handle) {
            Ok(true) => ("ok", op, None),
            Ok(false) => (
                "wrong_pair",
                op,
                Some("the private key does not decrypt what the public key encrypted".into()),
            ),
            Err(e) => (status_of(&e), op, Some(e.to_string())),
        };
    }
    (
        "not_tested",
        None,
        Some("the key may neither sign nor decrypt".into()),
    )
}

fn test_secret(
    session: &HsmSession,
    o: &ObjectInfo,
) -> (&'static str, Option<String>, Option<String>) {
    let can = |u: &str| o.usage.contains(&u);
    let kind = match o.key_type_constant.as_deref() {
        Some("CKK_AES") if can("encrypt") && can("decrypt") => RoundTrip::Aes,
        Some("CKK_GENERIC_SECRET") if can("sign") && can("verify") => RoundTrip::Hmac,
        _ => {
            return (
                "not_tested",
                None,
                Some("no round trip for this key type and usage".into()),
            );
        }
    };
    let op = Some(match kind {
        RoundTrip::Hmac => format!("sign/verify {}", kind.mechanism()),
        _ => format!("encrypt/decrypt {}", kind.mechanism()),
    });
    match session.round_trip(kind, o.handle, o.handle) {
        Ok(true) => ("ok", op, None),
        Ok(false) => (
            "error",
            op,
            Some("the round trip did not give the data back".into()),
        ),
        Err(e) => (status_of(&e), op, Some(e.to_string())),
    }
}

/// Tests the selected private and secret keys (all of them without a selector).
pub fn run(ctx: &Ctx, args: &TestKeyArgs) -> Result<TestKeyReport> {
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let filter = object_filter(&args.object, sel.uri.as_ref())?;
    let token = sel.initialized()?.clone();
    let session = sel.session(false, Login::Required, &args.pin)?;
    let objects: Vec<ObjectInfo> = session
        .list(&filter, &token)?
        .into_iter()
        .filter(|o| matches!(o.class.as_str(), "CKO_PRIVATE_KEY" | "CKO_SECRET_KEY"))
        .collect();
    if objects.is_empty() {
        return Err(fail(
            Exit::NotFound,
            format!(
                "no private or secret key matches {} on token '{}'",
                filter.describe(),
                token.label
            ),
        ));
    }
    // One search for every public key, matched to the private keys by CKA_ID.
    let publics = session.public_keys(&ObjectFilter::default(), &token)?;
    let mut keys = Vec::new();
    for o in &objects {
        let (status, operation, detail) = if o.class == "CKO_SECRET_KEY" {
            test_secret(&session, o)
        } else {
            let same: Vec<&TokenPublicKey> = publics
                .iter()
                .filter(|p| p.id_bytes == o.id_bytes)
                .collect();
            test_private(&session, o, &same)
        };
        keys.push(KeyTest {
            label: o.label.clone(),
            id: o.id.clone(),
            class: o.class.clone(),
            key_type: o.kind(),
            uri: o.uri.clone(),
            status,
            operation,
            detail,
        });
    }
    let failures = keys
        .iter()
        .filter(|k| matches!(k.status, "wrong_pair" | "error"))
        .count();
    Ok(TestKeyReport { keys, failures })
}

//! Test oracle: reads key attributes through cryptoki's own high-level API (not hsmctl's raw
//! path) and prints one JSON object per key: `p11attrs MODULE TOKEN_LABEL OBJECT_LABEL` with
//! the user PIN in P11ATTRS_PIN. Used by tests/keys.rs; SOFTHSM2_CONF picks the store.

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::object::{Attribute, AttributeType};
use cryptoki::session::UserType;
use cryptoki::types::AuthPin;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, module, token_label, object_label] = args.as_slice() else {
        return Err("usage: p11attrs MODULE TOKEN_LABEL OBJECT_LABEL".into());
    };
    let pin = AuthPin::from(std::env::var("P11ATTRS_PIN")?);
    let p = Pkcs11::new(module)?;
    p.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))?;
    let slot = p
        .get_slots_with_initialized_token()?
        .into_iter()
        .find(|s| {
            p.get_token_info(*s)
                .map(|t| t.label() == token_label)
                .unwrap_or(false)
        })
        .ok_or("token not found")?;
    let session = p.open_ro_session(slot)?;
    session.login(UserType::User, Some(&pin))?;
    let wanted = [
        AttributeType::Class,
        AttributeType::Sensitive,
        AttributeType::AlwaysSensitive,
        AttributeType::Extractable,
        AttributeType::NeverExtractable,
        AttributeType::Private,
        AttributeType::Local,
        AttributeType::Token,
        AttributeType::Sign,
        AttributeType::Verify,
        AttributeType::Id,
    ];
    for h in session.find_objects(&[Attribute::Label(object_label.as_bytes().to_vec())])? {
        let mut fields = Vec::new();
        for a in session.get_attributes(h, &wanted)? {
            let (k, v) = match a {
                Attribute::Class(c) => ("class", format!("\"{c}\"")),
                Attribute::Sensitive(b) => ("sensitive", b.to_string()),
                Attribute::AlwaysSensitive(b) => ("always_sensitive", b.to_string()),
                Attribute::Extractable(b) => ("extractable", b.to_string()),
                Attribute::NeverExtractable(b) => ("never_extractable", b.to_string()),
                Attribute::Private(b) => ("private", b.to_string()),
                Attribute::Local(b) => ("local", b.to_string()),
                Attribute::Token(b) => ("token", b.to_string()),
                Attribute::Sign(b) => ("sign", b.to_string()),
                Attribute::Verify(b) => ("verify", b.to_string()),
                Attribute::Id(id) => ("id", format!("\"{}\"", hex::encode(id))),
                _ => continue,
            };
            fields.push(format!("\"{k}\":{v}"));
        }
        println!("{{{}}}", fields.join(","));
    }
    drop(session);
    p.finalize()?;
    Ok(())
}

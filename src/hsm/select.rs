//! Token selection: by label, serial, slot id or `pkcs11:` URI, else the only initialized token.

use super::error::{HsmError, HsmResult};
use super::types::SlotEntry;
use crate::formats::pkcs11_uri::Pkcs11Uri;

/// What the user asked for. Every field given must match.
#[derive(Debug, Default)]
pub struct TokenSelector {
    /// `--token LABEL`.
    pub label: Option<String>,
    /// `--serial SERIAL`.
    pub serial: Option<String>,
    /// `--slot ID`.
    pub slot: Option<u64>,
    /// `--uri pkcs11:...`.
    pub uri: Option<Pkcs11Uri>,
}

/// Which tokens a command can work on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// An initialized token (almost every command).
    Initialized,
    /// Any present token; with no selector, the first uninitialized one (`token init`).
    ForInit,
}

impl TokenSelector {
    /// True when no criterion was given.
    pub fn is_empty(&self) -> bool {
        self.label.is_none() && self.serial.is_none() && self.slot.is_none() && self.uri.is_none()
    }

    fn matches(&self, s: &SlotEntry) -> bool {
        let t = s.token.as_ref();
        let field = |want: &Option<String>, have: Option<&str>| {
            want.as_deref().is_none_or(|w| have == Some(w))
        };
        let mut ok = field(&self.label, t.map(|t| t.label.as_str()))
            && field(&self.serial, t.map(|t| t.serial.as_str()))
            && self.slot.is_none_or(|id| id == s.slot_id);
        if let Some(u) = &self.uri {
            ok = ok
                && field(&u.token, t.map(|t| t.label.as_str()))
                && field(&u.serial, t.map(|t| t.serial.as_str()))
                && field(&u.manufacturer, t.map(|t| t.manufacturer.as_str()))
                && field(&u.model, t.map(|t| t.model.as_str()))
                && field(&u.slot_description, Some(&s.description))
                && field(&u.slot_manufacturer, Some(&s.manufacturer))
                && u.slot_id.is_none_or(|id| id == s.slot_id);
        }
        ok
    }

    /// The criteria as the user gave them, for messages (a URI without its pin-value).
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(l) = &self.label {
            parts.push(format!("--token '{l}'"));
        }
        if let Some(s) = &self.serial {
            parts.push(format!("--serial '{s}'"));
        }
        if let Some(id) = self.slot {
            parts.push(format!("--slot {id}"));
        }
        if let Some(u) = &self.uri {
            parts.push(format!("--uri '{u}'"));
        }
        parts.join(" ")
    }
}

fn seen(slots: &[SlotEntry]) -> String {
    let lines: Vec<String> = slots
        .iter()
        .map(|s| format!("  {}", s.describe()))
        .collect();
    if lines.is_empty() {
        "the module reports no slots".into()
    } else {
        format!("tokens seen:\n{}", lines.join("\n"))
    }
}

fn selection(message: String, slots: &[SlotEntry], how: &str) -> HsmError {
    HsmError::Selection {
        message,
        hint: format!("{how}\n{}", seen(slots)),
    }
}

/// Picks one slot from `slots` (as `Hsm::slots` returned them) for `sel`.
pub fn select_token<'a>(
    slots: &'a [SlotEntry],
    sel: &TokenSelector,
    want: Want,
) -> HsmResult<&'a SlotEntry> {
    const PICK: &str = "select one with --token LABEL, --serial SERIAL, --slot ID or --uri";
    if sel.is_empty() {
        let candidates: Vec<&SlotEntry> = match want {
            Want::Initialized => slots
                .iter()
                .filter(|s| s.initialized_token().is_some())
                .collect(),
            Want::ForInit => slots
                .iter()
                .filter(|s| s.token.as_ref().is_some_and(|t| !t.flags.token_initialized))
                .take(1)
                .collect(),
        };
        return match candidates.as_slice() {
            [one] => Ok(one),
            [] if want == Want::ForInit => Err(selection(
                "no slot has a free (uninitialized) token".into(),
                slots,
                "to re-initialize a token, select it and pass --force",
            )),
            [] => Err(selection(
                "no initialized token found".into(),
                slots,
                "initialize one with `hsmctl token init --label LABEL`",
            )),
            many => Err(selection(
                format!("{} initialized tokens found and none selected", many.len()),
                slots,
                PICK,
            )),
        };
    }
    let mut found: Vec<&SlotEntry> = slots
        .iter()
        .filter(|s| s.token_present && sel.matches(s))
        .collect();
    // A selector that names no token (a URI with only object attributes) matches every
    // token; a command that needs an initialized one considers only those (SoftHSM2 always
    // shows a free slot beside its tokens).
    if want == Want::Initialized && found.iter().any(|s| s.initialized_token().is_some()) {
        found.retain(|s| s.initialized_token().is_some());
    }
    match found.as_slice() {
        [] => Err(selection(
            format!("no token matches {}", sel.describe()),
            slots,
            PICK,
        )),
        [one] if want == Want::Initialized && one.initialized_token().is_none() => Err(selection(
            format!("the token in slot {} is not initialized", one.slot_id),
            slots,
            "initialize it with `hsmctl token init --label LABEL`",
        )),
        [one] => Ok(one),
        many => Err(selection(
            format!("{} matches {} tokens", sel.describe(), many.len()),
            slots,
            "tokens can share a label; select by --serial SERIAL",
        )),
    }
}

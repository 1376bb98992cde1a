//! `hsmctl token init`: C_InitToken, then C_InitPIN for the user PIN.

use super::TokenReport;
use crate::cli::TokenInitArgs;
use crate::commands::Ctx;
use crate::commands::pins::{check_pin_length, login, so_pin_spec, user_pin_spec};
use crate::exit::{Exit, fail, fail_hint};
use crate::hsm::{Hsm, Role, SlotEntry, Want};
use anyhow::Result;

/// PKCS#11 token labels are 32 bytes, blank padded.
const MAX_LABEL_BYTES: usize = 32;

/// Initializes the selected (or first free) token.
pub fn run(ctx: &Ctx, args: &TokenInitArgs) -> Result<TokenReport> {
    let label = args.label.as_str();
    if label.trim().is_empty() {
        return Err(fail(Exit::Usage, "--label must not be empty"));
    }
    // Token labels are padded with spaces: 'main ' would read back as 'main'.
    if label != label.trim() {
        return Err(fail_hint(
            Exit::Usage,
            format!("--label '{label}' begins or ends with spaces"),
            "token labels are space-padded (so trailing spaces vanish): give the label without them",
        ));
    }
    if label.len() > MAX_LABEL_BYTES || label.chars().any(char::is_control) {
        return Err(fail(
            Exit::Usage,
            format!(
                "--label '{}' is {} bytes or holds control characters; a token label is at most {MAX_LABEL_BYTES} bytes of printable UTF-8",
                label.escape_default(),
                label.len()
            ),
        ));
    }
    let sel = ctx.select(&args.token, Want::ForInit)?;
    let token = sel
        .token()
        .ok_or_else(|| {
            fail(
                Exit::Module,
                format!("slot {} has no token", sel.slot.slot_id),
            )
        })?
        .clone();
    let reinit = token.flags.token_initialized;
    if reinit && !args.force {
        let visible = sel.hsm.session(sel.slot.slot_id, false)?.count_objects()?;
        return Err(fail_hint(
            Exit::Conflict,
            format!(
                "{} is already initialized and holds {visible} public objects (private ones are \
                 not counted without a login); initializing it erases all of them",
                sel.name()
            ),
            "pass --force to erase the token",
        ));
    }
    // Another initialized token with this label would make every `--token LABEL` ambiguous.
    let twin = sel.hsm.slots()?.into_iter().find(|s| {
        s.slot_id != sel.slot.slot_id
            && s.token
                .as_ref()
                .is_some_and(|t| t.flags.token_initialized && t.label == label)
    });
    if let Some(twin) = twin.filter(|_| !args.force) {
        let serial = twin.token.map(|t| t.serial).unwrap_or_default();
        return Err(fail_hint(
            Exit::Conflict,
            format!("another token is labelled '{label}' already (serial {serial})"),
            "choose another --label (then --token LABEL stays unambiguous), or pass --force",
        ));
    }
    let context = sel.name();
    // A new token's SO PIN is being chosen, so ask twice; a re-init needs the current one.
    let so_pin = ctx.pin(&so_pin_spec(&args.so_pin, !reinit), &context)?;
    let user_pin = ctx.pin(
        &user_pin_spec(&args.pin, None, true),
        &format!("token '{label}'"),
    )?;
    check_pin_length(&so_pin, &token, "SO PIN")?;
    check_pin_length(&user_pin, &token, "user PIN")?;

    ctx.lock(&sel)?;
    ctx.verbose(|| format!("C_InitToken on slot {}", sel.slot.slot_id));
    sel.hsm.init_token(sel.slot.slot_id, &so_pin, label)?;
    let slot = find_initialized(sel.hsm, sel.slot.slot_id, label)?;
    let token = slot
        .token
        .clone()
        .expect("find_initialized returns a slot with a token");
    let session = sel.hsm.session(slot.slot_id, true)?;
    login(ctx, &session, Role::So, &so_pin, &token)?;
    session.init_pin(&user_pin)?;
    Ok(TokenReport::new("initialized", &token))
}

/// Finds the token just initialized. Real HSMs keep the slot id; SoftHSM2 moves the token to a
/// new slot named after its serial, so fall back to the one token with this label and no user
/// PIN yet.
fn find_initialized(hsm: &Hsm, old_slot: u64, label: &str) -> Result<SlotEntry> {
    // A fresh C_GetSlotList: SoftHSM2 only shows the moved token (and a new free slot) then.
    let slots = hsm.slots()?;
    let is_ours = |s: &SlotEntry| s.initialized_token().is_some_and(|t| t.label == label);
    if let Some(s) = slots.iter().find(|s| s.slot_id == old_slot && is_ours(s)) {
        return Ok(s.clone());
    }
    let fresh: Vec<SlotEntry> = slots
        .into_iter()
        .filter(|s| {
            is_ours(s)
                && s.token
                    .as_ref()
                    .is_some_and(|t| !t.flags.user_pin_initialized)
        })
        .collect();
    match <[SlotEntry; 1]>::try_from(fresh) {
        Ok([one]) => Ok(one),
        Err(_) => Err(fail_hint(
            Exit::Failed,
            format!(
                "the token was initialized as '{label}', but it cannot be told apart from other \
                 tokens to set its user PIN"
            ),
            "set the user PIN with `hsmctl token init-pin --serial SERIAL` (see `hsmctl slots`)",
        )),
    }
}

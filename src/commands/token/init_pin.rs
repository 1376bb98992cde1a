//! `hsmctl token init-pin`: the security officer sets the user PIN (C_InitPIN).

use super::TokenReport;
use crate::cli::TokenInitPinArgs;
use crate::commands::Ctx;
use crate::commands::pins::{check_pin_length, login, so_pin_spec, user_pin_spec};
use crate::hsm::{Role, Want};
use anyhow::Result;

/// Logs in as SO and sets a new user PIN, which also unlocks a locked one.
pub fn run(ctx: &Ctx, args: &TokenInitPinArgs) -> Result<TokenReport> {
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let token = sel
        .token()
        .expect("an initialized token was selected")
        .clone();
    let context = sel.name();
    let so_pin = ctx.pin(&so_pin_spec(&args.so_pin, false), &context)?;
    let user_pin = ctx.pin(&user_pin_spec(&args.pin, None, true), &context)?;
    check_pin_length(&user_pin, &token, "user PIN")?;
    let session = sel.hsm.session(sel.slot.slot_id, true)?;
    login(ctx, &session, Role::So, &so_pin, &token)?;
    ctx.lock(&sel)?;
    session.init_pin(&user_pin)?;
    Ok(TokenReport::new("user_pin_set", &token))
}

//! `hsmctl token set-pin`: C_SetPIN for the user or (with --so) the security officer.

use super::TokenReport;
use crate::cli::TokenSetPinArgs;
use crate::commands::Ctx;
use crate::commands::pins::{check_pin_length, login, new_pin_spec, so_pin_spec, user_pin_spec};
use crate::exit::{Exit, fail};
use crate::hsm::{Role, Want};
use anyhow::Result;

/// Logs in with the current PIN and sets the new one.
pub fn run(ctx: &Ctx, args: &TokenSetPinArgs) -> Result<TokenReport> {
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let token = sel
        .token()
        .expect("an initialized token was selected")
        .clone();
    let (role, current_spec, action) = if args.so {
        (Role::So, so_pin_spec(&args.so_pin, false), "so_pin_changed")
    } else {
        (
            Role::User,
            user_pin_spec(&args.pin, sel.uri.as_ref(), false),
            "user_pin_changed",
        )
    };
    let context = sel.name();
    let current = ctx.pin(&current_spec, &context)?;
    let new = ctx.pin(&new_pin_spec(&args.new_pin), &context)?;
    check_pin_length(&new, &token, "new PIN")?;
    if secrecy::ExposeSecret::expose_secret(&new) == secrecy::ExposeSecret::expose_secret(&current)
    {
        return Err(fail(
            Exit::Usage,
            "the new PIN is the same as the current one",
        ));
    }
    let session = sel.hsm.session(sel.slot.slot_id, true)?;
    login(ctx, &session, role, &current, &token)?;
    ctx.lock(&sel)?;
    session.set_pin(&current, &new)?;
    Ok(TokenReport::new(action, &token))
}

//! PIN specs (where each PIN comes from) and the one login every command makes.

use crate::cli::args::{NewPinArgs, PinArgs, SoPinArgs};
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::pkcs11_uri::Pkcs11Uri;
use crate::hsm::{HsmSession, Role, TokenEntry};
use crate::pin::PinSpec;
use anyhow::Result;
use secrecy::{ExposeSecret, SecretString};
use std::path::PathBuf;

use super::context::Ctx;

/// The user PIN's sources, including `pin-source`/`pin-value` from the token URI.
pub fn user_pin_spec<'a>(a: &'a PinArgs, uri: Option<&'a Pkcs11Uri>, confirm: bool) -> PinSpec<'a> {
    PinSpec {
        what: "user PIN",
        flag: "--pin",
        file: a.pin_file.as_deref(),
        env: a.pin_env.as_deref(),
        fd: a.pin_fd,
        default_env: "HSMCTL_PIN",
        uri_source: uri.and_then(|u| u.pin_source.as_ref()).map(|s| {
            // RFC 7512 allows a file: URI or a plain path.
            PathBuf::from(s.strip_prefix("file:").unwrap_or(s))
        }),
        uri_value: uri.and_then(|u| u.pin_value.as_ref()),
        confirm,
        held: a.held.as_ref(),
    }
}

/// The security officer PIN's sources.
pub fn so_pin_spec(a: &SoPinArgs, confirm: bool) -> PinSpec<'_> {
    PinSpec {
        what: "SO PIN",
        flag: "--so-pin",
        file: a.so_pin_file.as_deref(),
        env: a.so_pin_env.as_deref(),
        fd: a.so_pin_fd,
        default_env: "HSMCTL_SO_PIN",
        uri_source: None,
        uri_value: None,
        confirm,
        held: a.held.as_ref(),
    }
}

/// A new PIN's sources (always confirmed on a terminal).
pub fn new_pin_spec(a: &NewPinArgs) -> PinSpec<'_> {
    PinSpec {
        what: "new PIN",
        flag: "--new-pin",
        file: a.new_pin_file.as_deref(),
        env: a.new_pin_env.as_deref(),
        fd: a.new_pin_fd,
        default_env: "HSMCTL_NEW_PIN",
        uri_source: None,
        uri_value: None,
        confirm: true,
        held: a.held.as_ref(),
    }
}

/// The PIN's length when the token's PIN length range excludes it (None when it fits).
fn outside_pin_range(pin: &SecretString, token: &TokenEntry) -> Option<usize> {
    let len = pin.expose_secret().len();
    let (min, max) = (token.min_pin_length, token.max_pin_length);
    // Some modules report 0 for "no limit"; only enforce a real range.
    ((min > 0 && len < min) || (max > 0 && len > max)).then_some(len)
}

/// Refuses a PIN the token would reject for its length, before the token sees it.
pub fn check_pin_length(pin: &SecretString, token: &TokenEntry, what: &str) -> Result<()> {
    if let Some(len) = outside_pin_range(pin, token) {
        return Err(fail(
            Exit::Usage,
            format!(
                "the {what} has {len} characters; this token accepts {} to {}",
                token.min_pin_length, token.max_pin_length
            ),
        ));
    }
    Ok(())
}

/// Logs in once, after refusing a locked PIN and warning when the next failure may lock it.
pub fn login(
    ctx: &Ctx,
    session: &HsmSession,
    role: Role,
    pin: &SecretString,
    token: &TokenEntry,
) -> Result<()> {
    let f = &token.flags;
    let (locked, final_try, low, who) = match role {
        Role::User => (
            f.user_pin_locked,
            f.user_pin_final_try,
            f.user_pin_count_low,
            "user",
        ),
        Role::So => (
            f.so_pin_locked,
            f.so_pin_final_try,
            f.so_pin_count_low,
            "SO",
        ),
    };
    if locked {
        return Err(fail_hint(
            Exit::Auth,
            format!("the {who} PIN of token '{}' is locked", token.label),
            match role {
                Role::User => {
                    "the security officer can set a new user PIN with `hsmctl token init-pin`"
                }
                Role::So => {
                    "the SO PIN can only be reset by re-initializing the token, which erases it"
                }
            },
        ));
    }
    if final_try {
        ctx.warn(format!(
            "one more wrong {who} PIN locks token '{}'",
            token.label
        ));
    } else if low {
        ctx.warn(format!(
            "a wrong {who} PIN was entered on token '{}' since the last login",
            token.label
        ));
    }
    // A PIN the token's length range excludes cannot be right: refused here, it costs no retry.
    if let Some(len) = outside_pin_range(pin, token) {
        return Err(fail_hint(
            Exit::Auth,
            format!(
                "the {who} PIN given has {len} characters; token '{}' takes {} to {}",
                token.label, token.min_pin_length, token.max_pin_length
            ),
            "it was not tried (a wrong PIN costs a retry); check the PIN source",
        ));
    }
    session.login(role, pin).map_err(|e| {
        if e.code().map(crate::hsm::ckr_name).as_deref() == Some("CKR_PIN_INCORRECT") {
            let what = if who == "SO" { "SO PIN" } else { "user PIN" };
            fail_hint(
                Exit::Auth,
                format!(
                    "token '{}' refused {} (C_Login: CKR_PIN_INCORRECT)",
                    token.label,
                    crate::pin::source_of(what)
                ),
                "hsmctl never retries a login, so a token that counts failures lost one \
                 attempt; correct that source and run the command again",
            )
        } else {
            e.into()
        }
    })?;
    Ok(())
}

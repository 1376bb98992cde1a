//! `hsmctl agent`: an ssh-agent that offers exactly the token keys it is given (with their
//! certificates) and signs inside the token.
//!
//! Start-up happens in the foreground, in the process the user ran: token, PIN, login and keys
//! are checked there, so a wrong PIN is exit 5 where the user sees it. In the background
//! (the default) that process then starts a copy of itself with `--launched`, hands it the
//! PIN through a pipe, waits until it listens, prints the shell lines and exits. The copy is a
//! new program (exec, not a bare fork): PKCS#11 modules, with their threads and connections,
//! do not survive a fork.

mod launch;
mod serve;

pub mod keys;

use crate::cli::agent::{AgentArgs, KeyRef};
use crate::cli::args::TokenArgs;
use crate::commands::Ctx;
use crate::commands::pins::{login, user_pin_spec};
use crate::exit::{Exit, fail, fail_hint};
use crate::hsm::{Role, SessionPool, Want, select_token};
use crate::output::event_log::EventLog;
use anyhow::Result;
use keys::parse_uri;
use std::time::Duration;

/// Runs the agent (or, with `-k`, stops one).
pub fn run(ctx: &Ctx, args: AgentArgs) -> Result<()> {
    if args.kill {
        return launch::kill(&args);
    }
    let lifetime = args.lifetime.as_deref().map(parse_lifetime).transpose()?;
    if args.order.is_empty() {
        return Err(fail_hint(
            Exit::Usage,
            "no key to offer",
            "name the keys with --label, --id or --uri (repeatable); `hsmctl list --class \
             private --login` shows them",
        ));
    }
    let mut socket = launch::Socket::choose(args.socket.as_deref())?;
    let log = EventLog::new(args.json);
    let (sel, token) = select(ctx, &args)?;
    // The PIN before the keys are looked for, so that a prompt comes first.
    let pin = if args.launched {
        launch::pin_from_launcher()?
    } else {
        ctx.pin(
            &user_pin_spec(&args.pin, sel.uri.as_ref(), false),
            &sel.name(),
        )?
    };
    let session = sel.hsm.session(sel.slot.slot_id, false)?;
    // One C_Login, never retried; its errors name the PIN's source.
    login(ctx, &session, Role::User, &pin, &token)?;
    let offered = keys::resolve(ctx, &session, &token, &args)?;
    // From here on the agent only signs: other hsmctl commands may change the token meanwhile.
    ctx.release_store_lock();
    for w in ctx.take_warnings() {
        log.event("warning", &[("message", w.into())]);
    }
    if args.confirm
        && let Some(w) = serve::askpass_problem()
    {
        log.event("warning", &[("message", w.into())]);
    }
    if !args.foreground && !args.launched {
        // Checked here, with the PIN known good; the background copy logs in again.
        drop(session);
        return launch::background(&args, &socket, &pin);
    }
    let listener = socket.bind()?;
    let pool = SessionPool::new(sel.hsm, sel.slot.slot_id, pin, session);
    let agent = serve::Agent::new(pool, offered, args.confirm, log.clone());
    // The handlers first: a client may stop the agent as soon as it has announced itself.
    launch::stop_on_signal_or(lifetime, socket.clone(), log);
    launch::announce(&args, &socket)?;
    if args.launched {
        agent.log().to_syslog();
        // The background copy drops its terminal (and the launcher's `$(...)`).
        crate::sys::stdio_to_null();
    }
    agent.log().event(
        "started",
        &[
            ("socket", socket.path().display().to_string().into()),
            ("agent_pid", std::process::id().into()),
            ("keys", agent.key_count().into()),
            ("certificates", agent.cert_count().into()),
        ],
    );
    serve::serve(&agent, listener);
    Ok(())
}

/// The token: from --token/--serial/--slot, else the first --uri. Every --uri must name that
/// token (or none).
fn select<'a>(
    ctx: &'a Ctx,
    args: &AgentArgs,
) -> Result<(
    crate::commands::token_select::Selected<'a>,
    crate::hsm::TokenEntry,
)> {
    let uris: Vec<&str> = args
        .order
        .iter()
        .filter_map(|k| match k {
            KeyRef::Uri(u) => Some(u.as_str()),
            _ => None,
        })
        .collect();
    let token_args = TokenArgs {
        token: args.token.clone(),
        serial: args.serial.clone(),
        slot: args.slot,
        uri: uris.first().map(|u| u.to_string()),
    };
    let sel = ctx.select(&token_args, Want::Initialized)?;
    let token = sel.initialized()?.clone();
    let slots = sel.hsm.slots()?;
    for u in uris.iter().skip(1) {
        let selector = crate::hsm::TokenSelector {
            uri: Some(parse_uri(u)?),
            ..Default::default()
        };
        let other = select_token(&slots, &selector, Want::Initialized)?;
        if other.slot_id != sel.slot.slot_id {
            return Err(fail(
                Exit::Usage,
                format!(
                    "--uri {u} names another token than '{}': one agent serves one token",
                    token.label
                ),
            ));
        }
    }
    Ok((sel, token))
}

/// `--lifetime`, in ssh-agent's time format: seconds, or numbers with units s, m, h, d and w
/// run together (`90m`, `1h30m`, `1w`).
fn parse_lifetime(text: &str) -> Result<Duration> {
    let bad = |why: &str| {
        fail_hint(
            Exit::Usage,
            format!("--lifetime {text:?}: {why}"),
            "give seconds, or numbers with s, m, h, d or w (90m, 1h30m, 8h), from 1 second to \
             365 days",
        )
    };
    let t = text.trim();
    let (mut total, mut digits) = (0u64, String::new());
    for c in t.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let per = match c.to_ascii_lowercase() {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            'w' => 7 * 86400,
            _ => return Err(bad("not a duration")),
        };
        let n: u64 = digits.parse().map_err(|_| bad("not a duration"))?;
        total = n
            .checked_mul(per)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(|| bad("too long"))?;
        digits.clear();
    }
    if !digits.is_empty() {
        // A number without a unit counts seconds, as in ssh-agent ("1m30" is 90 seconds).
        let n: u64 = digits.parse().map_err(|_| bad("too long"))?;
        total = total.checked_add(n).ok_or_else(|| bad("too long"))?;
    } else if t.is_empty() || !t.ends_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(bad("not a duration"));
    }
    match total {
        0 => Err(bad("must be at least 1 second")),
        n if n > 365 * 86400 => Err(bad("must be at most 365 days")),
        n => Ok(Duration::from_secs(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_lifetime;

    #[test]
    fn lifetimes() {
        assert_eq!(parse_lifetime("90").unwrap().as_secs(), 90);
        assert_eq!(parse_lifetime("90m").unwrap().as_secs(), 5400);
        assert_eq!(parse_lifetime("8H").unwrap().as_secs(), 28800);
        assert_eq!(parse_lifetime("1d").unwrap().as_secs(), 86400);
        assert_eq!(parse_lifetime("1h30m").unwrap().as_secs(), 5400);
        assert_eq!(parse_lifetime("1w").unwrap().as_secs(), 604800);
        assert_eq!(parse_lifetime("1m30").unwrap().as_secs(), 90);
        for bad in [
            "",
            "0",
            "0s",
            "-1",
            "1x",
            "m",
            "h1",
            "99999999999999999999",
            "366d",
            "1.5h",
        ] {
            assert!(parse_lifetime(bad).is_err(), "{bad}");
        }
    }
}

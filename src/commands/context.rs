//! What every command shares: the global options, the lazily loaded module, token selection
//! and PIN sources.

use crate::cli::args::{GlobalArgs, NewPinArgs, PinArgs, SoPinArgs, TokenArgs};
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::pkcs11_uri::Pkcs11Uri;
use crate::hsm::{
    Hsm, HsmSession, ModuleChoice, Role, SlotEntry, TokenEntry, TokenSelector, Want,
    resolve_module, select_token,
};
use crate::pin::PinSpec;
use crate::store::config;
use anyhow::Result;
use secrecy::{ExposeSecret, SecretString};
use std::cell::OnceCell;
use std::path::PathBuf;

/// The state of one hsmctl run. The module is loaded on first use, so help, completions and
/// file-only commands never load one.
pub struct Ctx {
    global: GlobalArgs,
    hsm: OnceCell<Hsm>,
}

/// A token picked by the user's selector, with the parsed URI (for its PIN attributes).
pub struct Selected<'a> {
    /// The loaded module.
    pub hsm: &'a Hsm,
    /// The slot and its token.
    pub slot: SlotEntry,
    /// The `--uri`, parsed.
    pub uri: Option<Pkcs11Uri>,
}

impl Selected<'_> {
    /// The selected token (present: selection only returns slots with a token).
    pub fn token(&self) -> Option<&TokenEntry> {
        self.slot.token.as_ref()
    }

    /// A short name for prompts and messages.
    pub fn name(&self) -> String {
        match self.slot.initialized_token() {
            Some(t) => format!("token '{}' (serial {})", t.label, t.serial),
            None => format!("the free token in slot {}", self.slot.slot_id),
        }
    }
}

impl Ctx {
    /// A context for one run.
    pub fn new(global: GlobalArgs) -> Self {
        Ctx {
            global,
            hsm: OnceCell::new(),
        }
    }

    /// Prints a progress or diagnostic line on stderr when `-v` was given.
    pub fn verbose(&self, msg: impl FnOnce() -> String) {
        if self.global.verbose > 0 {
            eprintln!("hsmctl: {}", msg());
        }
    }

    /// The module, loaded and initialized once per process.
    pub fn hsm(&self, uri: Option<&Pkcs11Uri>) -> Result<&Hsm> {
        if let Some(h) = self.hsm.get() {
            return Ok(h);
        }
        let nonempty = |v: std::ffi::OsString| (!v.is_empty()).then(|| PathBuf::from(v));
        let mut choice = ModuleChoice {
            flag: self.global.module.clone(),
            uri: uri.and_then(|u| u.module_path.clone()),
            env: std::env::var_os("HSMCTL_MODULE").and_then(nonempty),
            config: None,
        };
        // The config file is read only when nothing more specific named a module.
        if choice.flag.is_none() && choice.uri.is_none() && choice.env.is_none() {
            let home = config::home_dir(self.global.home.as_deref());
            let (cfg, path) = config::load(home.as_deref())?;
            choice.config = cfg.module.zip(path);
        }
        let (path, source) = resolve_module(choice)?;
        self.verbose(|| format!("module {} ({source})", path.display()));
        let hsm = Hsm::load(&path)?;
        Ok(self.hsm.get_or_init(|| hsm))
    }

    /// Loads the module and picks the token the user selected.
    pub fn select(&self, args: &TokenArgs, want: Want) -> Result<Selected<'_>> {
        let uri = match &args.uri {
            None => None,
            Some(text) => Some(text.parse::<Pkcs11Uri>().map_err(|e| {
                fail_hint(
                    Exit::Usage,
                    format!("invalid --uri: {e}"),
                    "a token URI looks like 'pkcs11:token=LABEL' or 'pkcs11:serial=SERIAL'",
                )
            })?),
        };
        let hsm = self.hsm(uri.as_ref())?;
        let slots = hsm.slots()?;
        let selector = TokenSelector {
            label: args.token.clone(),
            serial: args.serial.clone(),
            slot: args.slot,
            uri,
        };
        let slot = select_token(&slots, &selector, want)?.clone();
        self.verbose(|| format!("selected {}", slot.describe()));
        Ok(Selected {
            hsm,
            slot,
            uri: selector.uri,
        })
    }
}

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
    }
}

/// Refuses a PIN the token would reject for its length, before the token sees it.
pub fn check_pin_length(pin: &SecretString, token: &TokenEntry, what: &str) -> Result<()> {
    let len = pin.expose_secret().len();
    let (min, max) = (token.min_pin_length, token.max_pin_length);
    // Some modules report 0 for "no limit"; only enforce a real range.
    if (min > 0 && len < min) || (max > 0 && len > max) {
        return Err(fail(
            Exit::Usage,
            format!("the {what} has {len} characters; this token accepts {min} to {max}"),
        ));
    }
    Ok(())
}

/// Logs in once, after refusing a locked PIN and warning when the next failure may lock it.
pub fn login(
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
        eprintln!(
            "warning: one more wrong {who} PIN locks token '{}'",
            token.label
        );
    } else if low {
        eprintln!(
            "warning: a wrong {who} PIN was entered on token '{}' since the last login",
            token.label
        );
    }
    session.login(role, pin)?;
    Ok(())
}

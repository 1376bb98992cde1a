//! Token selection: the token the user picked (`--token`, `--serial`, `--slot`, `--uri`),
//! and opening the session a command uses, logged in as it needs.

use crate::cli::args::{PinArgs, TokenArgs};
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::pkcs11_uri::Pkcs11Uri;
use crate::hsm::{Hsm, HsmSession, Role, SlotEntry, TokenEntry, TokenSelector, Want, select_token};
use anyhow::Result;

use super::context::Ctx;
use super::pins::{login, user_pin_spec};

/// A token picked by the user's selector, with the parsed URI (for its PIN attributes).
pub struct Selected<'a> {
    /// The run's context.
    pub ctx: &'a Ctx,
    /// The loaded module.
    pub hsm: &'a Hsm,
    /// The slot and its token.
    pub slot: SlotEntry,
    /// The `--uri`, parsed.
    pub uri: Option<Pkcs11Uri>,
}

/// When a command logs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Login {
    /// Always (mutations, signing).
    Required,
    /// When asked (`--login`) or when a PIN source is at hand; else public objects only.
    IfAvailable(bool),
    /// Only when a PIN source is at hand, and no note otherwise (the command reads no
    /// objects: `random`).
    Quietly,
}

impl<'a> Selected<'a> {
    /// The selected token (present: selection only returns slots with a token).
    pub fn token(&self) -> Option<&TokenEntry> {
        self.slot.token.as_ref()
    }

    /// The selected initialized token.
    pub fn initialized(&self) -> Result<&TokenEntry> {
        self.slot.initialized_token().ok_or_else(|| {
            fail(
                Exit::Module,
                format!("the token in slot {} is not initialized", self.slot.slot_id),
            )
        })
    }

    /// Opens the one session a command uses, logging in per `login`.
    pub fn session(&self, rw: bool, mode: Login, pin_args: &PinArgs) -> Result<HsmSession<'a>> {
        let token = self.initialized()?.clone();
        let spec = user_pin_spec(pin_args, self.uri.as_ref(), false);
        let wanted = match mode {
            Login::Required => true,
            Login::IfAvailable(asked) => asked || spec.available(),
            Login::Quietly => spec.available(),
        };
        // Read the PIN before touching the token, so a missing source fails fast.
        let pin = if wanted {
            Some(self.ctx.pin(&spec, &self.name())?)
        } else {
            None
        };
        let session = self.hsm.session(self.slot.slot_id, rw)?;
        if let Some(pin) = pin {
            login(self.ctx, &session, Role::User, &pin, &token)?;
        } else if token.flags.login_required && mode != Login::Quietly {
            crate::output::note(
                "note: not logged in, so private objects are not included (use --login or a PIN source)",
            );
        }
        Ok(session)
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
            ctx: self,
            hsm,
            slot,
            uri: selector.uri,
        })
    }
}

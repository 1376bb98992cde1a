//! The PKCS#11 layer: the only code that talks to a module. Loads one module per process, gets
//! its function list once, initializes it once, and finalizes it when the [`Hsm`] is dropped.
//!
//! Every call goes through `ffi` (the only `unsafe` here): safe methods with handle newtypes
//! and typed templates. The modules beside it (objects, keygen, signing ...) build requests and
//! decode answers; everything above `hsm/` sees only their safe, typed functions.
//!
//! The `cryptoki` crate is not used here (only by the test oracle `examples/p11attrs`, as a
//! reader independent of this code). hsmctl must own the calls (p11-kit's proxy hands out a
//! new function list per C_GetFunctionList and cryptoki keeps its list private; its attribute
//! reads take two calls per object; its mechanism list drops what it cannot name), and what
//! cryptoki would still have done (decode four info structs, name some mechanisms) takes a
//! few lines in `types` and one name table, where keeping it took a second name table for the
//! mechanisms it cannot name and error conversions no call could reach. `cryptoki-sys` stays:
//! it supplies the C declarations, the constants and the dlopen wrapper.

/// Declares a table of (CK_ constant, its name), so a name always spells the cryptoki-sys
/// constant it stands for: the CKR_, CKM_, CKO_, CKK_ and CKC_ tables are all made by it.
macro_rules! names {
    ($table:ident, $($name:ident),* $(,)?) => {
        const $table: &[(cryptoki_sys::CK_ULONG, &str)] = &[$(($name, stringify!($name))),*];
    };
}

mod attributes;
mod error;
mod ffi;
mod import;
mod keygen;
mod module;
mod objects;
mod pool;
mod pubkeys;
mod secret;
mod select;
mod selftest;
mod session;
mod setattr;
mod signing;
mod types;
mod x509;

pub use attributes::{class_word, hex};
pub use error::{HsmError, HsmResult, ckr_name};
pub use import::{ImportMethod, ImportRequest, ImportResult, UNWRAP_MECHANISMS, spec_of};
pub use keygen::{KeySpec, KeygenRequest, KeygenResult, RSA_X9_31, Usage};
pub use module::{ModuleChoice, ModuleSource, resolve_module};
pub use objects::{
    AttributeValue, KeyFamily, ObjClass, ObjectFilter, ObjectFlags, ObjectInfo, class_rank,
    object_uri,
};
pub use pool::{Recovery, SessionPool};
pub use pubkeys::{SignScheme, TokenPublicKey};
pub use secret::{SecretKeyRequest, SecretSpec};
pub use select::{TokenSelector, Want, select_token};
pub use selftest::RoundTrip;
pub use session::{HsmSession, Role};
pub use setattr::applicable;
pub use signing::{Hash, SigScheme, ecdsa_raw};
pub use types::{LibraryInfo, MechanismEntry, SlotEntry, TokenEntry, TokenFlags};
pub use x509::{RsaDigest, TokenSigner, ecdsa_der};

use ffi::{MechType, SlotId};
use secrecy::{ExposeSecret, SecretString};
use std::path::{Path, PathBuf};

/// A loaded and initialized PKCS#11 module.
pub struct Hsm {
    raw: ffi::FunctionList,
    path: PathBuf,
    // Whether our C_Initialize did it (then C_Finalize is ours to call).
    owned: bool,
}

impl Hsm {
    /// Checks the module at `path` (see `ffi::vet`; `insecure` accepts one writable by others),
    /// loads it and calls `C_Initialize`.
    pub fn load(path: &Path, insecure: bool) -> HsmResult<Hsm> {
        let raw = ffi::FunctionList::load(path, insecure)?;
        let owned = raw.initialize().map_err(|e| HsmError::Load {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        Ok(Hsm {
            raw,
            path: path.to_path_buf(),
            owned,
        })
    }

    /// The path the module was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `C_GetInfo`.
    pub fn library_info(&self) -> HsmResult<LibraryInfo> {
        LibraryInfo::from_info(&self.path, &self.raw.info()?)
    }

    /// Every slot the module reports, with its token when one is present.
    pub fn slots(&self) -> HsmResult<Vec<SlotEntry>> {
        let slots = self.raw.slot_list()?;
        slots.into_iter().map(|s| self.slot_entry(s)).collect()
    }

    fn slot_entry(&self, slot: SlotId) -> HsmResult<SlotEntry> {
        let mut entry = SlotEntry::from_info(slot.0, &self.raw.slot_info(slot)?);
        if entry.token_present {
            // A token the module cannot read is reported in its row, not fatal to the listing.
            match self
                .raw
                .token_info(slot)
                .and_then(|t| TokenEntry::from_info(&t))
            {
                Ok(t) => entry.token = Some(t),
                Err(e) => entry.token_error = Some(e.to_string()),
            }
        }
        Ok(entry)
    }

    /// Whether the slot offers a mechanism (by its CKM_ code).
    pub fn has_mechanism(&self, slot_id: u64, code: u64) -> HsmResult<bool> {
        Ok(self
            .raw
            .mechanism_list(SlotId(slot_id))?
            .contains(&MechType(code)))
    }

    /// Every mechanism of a slot with its key-size range and flags.
    pub fn mechanisms(&self, slot_id: u64) -> HsmResult<Vec<MechanismEntry>> {
        let slot = SlotId(slot_id);
        self.raw
            .mechanism_list(slot)?
            .into_iter()
            .map(|m| Ok(MechanismEntry::new(m.0, self.raw.mechanism_info(slot, m)?)))
            .collect()
    }

    /// `C_InitToken`: erases the token in `slot_id` and sets its label and SO PIN.
    pub fn init_token(&self, slot_id: u64, so_pin: &SecretString, label: &str) -> HsmResult<()> {
        self.raw
            .init_token(SlotId(slot_id), so_pin.expose_secret().as_bytes(), label)
    }

    /// Opens a session on a slot; read-write when `rw`.
    pub fn session(&self, slot_id: u64, rw: bool) -> HsmResult<HsmSession<'_>> {
        Ok(HsmSession::new(self.raw.open_session(SlotId(slot_id), rw)?))
    }
}

impl Drop for Hsm {
    fn drop(&mut self) {
        // Sessions borrow the Hsm, so all are closed by now.
        if self.owned {
            self.raw.finalize();
        }
    }
}

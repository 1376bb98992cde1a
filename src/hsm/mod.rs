//! The PKCS#11 layer: the only code that uses `cryptoki`. Loads one module per process,
//! initializes it once, and finalizes it when the [`Hsm`] is dropped.

mod attributes;
mod error;
mod keygen;
mod module;
mod objects;
mod pubkeys;
mod raw;
mod select;
mod session;
mod setattr;
mod types;
mod x509;

pub use attributes::hex;
pub use error::{HsmError, HsmResult, ckr_name};
pub use keygen::{KeySpec, KeygenRequest, KeygenResult, RSA_X9_31, Usage};
pub use module::{ModuleChoice, ModuleSource, resolve_module};
pub use objects::{
    AttributeValue, KeyFamily, ObjClass, ObjectFilter, ObjectFlags, ObjectInfo, object_uri,
};
pub use pubkeys::{SignScheme, TokenPublicKey};
pub use select::{TokenSelector, Want, select_token};
pub use session::{HsmSession, Role};
pub use setattr::{AttrChange, ChangeError, applicable, parse_change};
pub use types::{LibraryInfo, MechanismEntry, SlotEntry, TokenEntry, TokenFlags};
pub use x509::{RsaDigest, TokenSigner, ecdsa_der};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::slot::Slot;
use error::CkResultExt;
use secrecy::SecretString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A loaded and initialized PKCS#11 module.
pub struct Hsm {
    ctx: Pkcs11,
    path: PathBuf,
    raw: OnceLock<raw::FunctionList>,
}

impl Hsm {
    /// Loads the module at `path` (already resolved and checked) and calls `C_Initialize`.
    pub fn load(path: &Path) -> HsmResult<Hsm> {
        let ctx = Pkcs11::new(path).map_err(|e| HsmError::Load {
            path: path.to_path_buf(),
            reason: match e {
                CkError::LibraryLoading(e) => e.to_string(),
                CkError::MissingSymbol(sym) => {
                    format!("it does not export {sym}, so it is not a PKCS#11 module")
                }
                other => error::from_ck(other).to_string(),
            },
        })?;
        let init = |flags| ctx.initialize(CInitializeArgs::new(flags));
        let mut result = init(CInitializeFlags::OS_LOCKING_OK);
        // A module that cannot use OS locking may still work single-threaded without flags.
        if let Err(CkError::Pkcs11(RvError::CantLock, _)) = result {
            result = init(CInitializeFlags::empty());
        }
        match result {
            // Another component of this process initialized it: that is a working module.
            Ok(()) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
            Err(e) => {
                return Err(HsmError::Load {
                    path: path.to_path_buf(),
                    reason: error::from_ck(e).to_string(),
                });
            }
        }
        Ok(Hsm {
            ctx,
            path: path.to_path_buf(),
            raw: OnceLock::new(),
        })
    }

    /// The module's function list, for the calls cryptoki does not offer as needed.
    fn raw(&self) -> HsmResult<&raw::FunctionList> {
        if let Some(r) = self.raw.get() {
            return Ok(r);
        }
        let r = raw::FunctionList::load(&self.path)?;
        Ok(self.raw.get_or_init(|| r))
    }

    /// The path the module was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `C_GetInfo`.
    pub fn library_info(&self) -> HsmResult<LibraryInfo> {
        let info = self.ctx.get_library_info().ck()?;
        Ok(LibraryInfo {
            path: self.path.display().to_string(),
            cryptoki_version: info.cryptoki_version().to_string(),
            manufacturer: info.manufacturer_id().to_string(),
            library_description: info.library_description().to_string(),
            library_version: info.library_version().to_string(),
        })
    }

    /// Every slot the module reports, with its token when one is present.
    pub fn slots(&self) -> HsmResult<Vec<SlotEntry>> {
        let slots = self.ctx.get_all_slots().ck()?;
        slots.into_iter().map(|s| self.slot_entry(s)).collect()
    }

    fn slot_entry(&self, slot: Slot) -> HsmResult<SlotEntry> {
        let info = self.ctx.get_slot_info(slot).ck()?;
        let mut entry = SlotEntry::from_info(slot.id(), &info);
        if info.token_present() {
            // A token the module cannot read is reported in its row, not fatal to the listing.
            match self.ctx.get_token_info(slot).ck() {
                Ok(t) => entry.token = Some(TokenEntry::from_info(&t)),
                Err(e) => entry.token_error = Some(e.to_string()),
            }
        }
        Ok(entry)
    }

    /// Re-reads one slot (after `C_InitToken`, say).
    pub fn slot(&self, slot_id: u64) -> HsmResult<SlotEntry> {
        self.slot_entry(to_slot(slot_id)?)
    }

    /// Whether the slot offers a mechanism (by its CKM_ code).
    pub fn has_mechanism(&self, slot_id: u64, code: u64) -> HsmResult<bool> {
        Ok(self.raw()?.mechanism_list(slot_id)?.contains(&code))
    }

    /// Every mechanism of a slot with its key-size range and flags.
    pub fn mechanisms(&self, slot_id: u64) -> HsmResult<Vec<MechanismEntry>> {
        let raw = self.raw()?;
        raw.mechanism_list(slot_id)?
            .into_iter()
            .map(|code| {
                Ok(MechanismEntry::new(
                    code,
                    raw.mechanism_info(slot_id, code)?,
                ))
            })
            .collect()
    }

    /// `C_InitToken`: erases the token in `slot_id` and sets its label and SO PIN.
    pub fn init_token(&self, slot_id: u64, so_pin: &SecretString, label: &str) -> HsmResult<()> {
        self.ctx.init_token(to_slot(slot_id)?, so_pin, label).ck()
    }

    /// Opens a session on a slot; read-write when `rw`.
    pub fn session(&self, slot_id: u64, rw: bool) -> HsmResult<HsmSession<'_>> {
        let slot = to_slot(slot_id)?;
        let s = if rw {
            self.ctx.open_rw_session(slot)
        } else {
            self.ctx.open_ro_session(slot)
        };
        Ok(HsmSession::new(s.ck()?, self.raw()?))
    }
}

impl Drop for Hsm {
    fn drop(&mut self) {
        // cryptoki 0.12 does not call C_Finalize on drop; sessions are closed by now because
        // commands own them for less time than the Hsm.
        let _ = self.ctx.clone().finalize();
    }
}

fn to_slot(id: u64) -> HsmResult<Slot> {
    Slot::try_from(id).ck()
}

//! The PKCS#11 layer: the only code that uses `cryptoki`. Loads one module per process, gets
//! its function list once, initializes it once, and finalizes it when the [`Hsm`] is dropped.

mod attributes;
mod calls;
mod error;
mod import;
mod keygen;
mod module;
mod objects;
mod pool;
mod pubkeys;
mod raw;
mod raw_keys;
mod secret;
mod select;
mod selftest;
mod session;
mod setattr;
mod signing;
mod types;
mod vet;
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
pub use pool::{Recovery, SessionPool, lost};
pub use pubkeys::{SignScheme, TokenPublicKey};
pub use secret::{SecretKeyRequest, SecretSpec};
pub use select::{TokenSelector, Want, select_token};
pub use selftest::RoundTrip;
pub use session::{HsmSession, Role};
pub use setattr::{AttrChange, ChangeError, applicable, parse_change};
pub use signing::{Hash, SigScheme, ecdsa_raw};
pub use types::{LibraryInfo, MechanismEntry, SlotEntry, TokenEntry, TokenFlags};
pub use x509::{RsaDigest, TokenSigner, ecdsa_der};

use cryptoki::context::Info;
use cryptoki::slot::{SlotInfo, TokenInfo};
use error::CkResultExt;
use secrecy::{ExposeSecret, SecretString};
use std::path::{Path, PathBuf};

/// A loaded and initialized PKCS#11 module.
pub struct Hsm {
    raw: raw::FunctionList,
    path: PathBuf,
    // Whether our C_Initialize did it (then C_Finalize is ours to call).
    owned: bool,
}

impl Hsm {
    /// Checks the module at `path` (see `vet`; `insecure` accepts one writable by others),
    /// loads it and calls `C_Initialize`.
    pub fn load(path: &Path, insecure: bool) -> HsmResult<Hsm> {
        vet::vet(path, insecure)?;
        let raw = raw::FunctionList::load(path)?;
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
        let info = Info::try_from(self.raw.info()?).ck()?;
        Ok(LibraryInfo {
            module: self.path.display().to_string(),
            cryptoki_version: info.cryptoki_version().to_string(),
            manufacturer: info.manufacturer_id().to_string(),
            library_description: info.library_description().to_string(),
            library_version: info.library_version().to_string(),
        })
    }

    /// Every slot the module reports, with its token when one is present.
    pub fn slots(&self) -> HsmResult<Vec<SlotEntry>> {
        let slots = self.raw.slot_list()?;
        slots.into_iter().map(|s| self.slot_entry(s)).collect()
    }

    fn slot_entry(&self, slot: u64) -> HsmResult<SlotEntry> {
        let info = SlotInfo::from(self.raw.slot_info(slot)?);
        let mut entry = SlotEntry::from_info(slot, &info);
        if info.token_present() {
            // A token the module cannot read is reported in its row, not fatal to the listing.
            match self
                .raw
                .token_info(slot)
                .and_then(|t| TokenInfo::try_from(t).ck())
            {
                Ok(t) => entry.token = Some(TokenEntry::from_info(&t)),
                Err(e) => entry.token_error = Some(e.to_string()),
            }
        }
        Ok(entry)
    }

    /// Re-reads one slot (after `C_InitToken`, say).
    pub fn slot(&self, slot_id: u64) -> HsmResult<SlotEntry> {
        self.slot_entry(slot_id)
    }

    /// Whether the slot offers a mechanism (by its CKM_ code).
    pub fn has_mechanism(&self, slot_id: u64, code: u64) -> HsmResult<bool> {
        Ok(self.raw.mechanism_list(slot_id)?.contains(&code))
    }

    /// Every mechanism of a slot with its key-size range and flags.
    pub fn mechanisms(&self, slot_id: u64) -> HsmResult<Vec<MechanismEntry>> {
        let raw = &self.raw;
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
        self.raw
            .init_token(slot_id, so_pin.expose_secret().as_bytes(), label)
    }

    /// Opens a session on a slot; read-write when `rw`.
    pub fn session(&self, slot_id: u64, rw: bool) -> HsmResult<HsmSession<'_>> {
        Ok(HsmSession::new(
            self.raw.open_session(slot_id, rw)?,
            &self.raw,
        ))
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

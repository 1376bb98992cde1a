//! Slot, token and mechanism calls: C_GetSlotList, C_GetSlotInfo, C_GetTokenInfo,
//! C_GetMechanismList, C_GetMechanismInfo and C_InitToken.
//!
//! The mechanism list is read whole, every code the module returns: cryptoki 0.12's
//! `get_mechanism_list` silently dropped every mechanism its `MechanismType` did not know
//! (30 of SoftHSM2's 70, DES and DSA and MD5 among them).

use super::{FunctionList, MechType, SlotId};
use crate::hsm::error::{HsmError, HsmResult};
use cryptoki_sys::*;

/// The most slots hsmctl accepts from a module in one answer: a faulty module must not make it
/// allocate without bound.
const MAX_SLOTS: CK_ULONG = 4096;

/// The most mechanisms, for the same reason.
const MAX_MECHANISMS: CK_ULONG = 100_000;

impl FunctionList {
    /// `C_GetSlotList` (all slots, with or without a token).
    pub(crate) fn slot_list(&self) -> HsmResult<Vec<SlotId>> {
        // The count may grow between the two calls (a reader plugged in): ask again then.
        for _ in 0..3 {
            let mut count: CK_ULONG = 0;
            // SAFETY: a size query with a null buffer.
            call!(self.list, unsafe C_GetSlotList(CK_FALSE, std::ptr::null_mut(), &mut count))?;
            if count > MAX_SLOTS {
                return Err(HsmError::Other(format!("the module claims {count} slots")));
            }
            let mut slots = vec![0 as CK_SLOT_ID; count as usize];
            // SAFETY: a fill of at most `count` entries into a buffer of `count`.
            let rv = call!(
                self.list,
                unsafe C_GetSlotList(CK_FALSE, slots.as_mut_ptr(), &mut count) => rv
            )?;
            match rv {
                CKR_BUFFER_TOO_SMALL => continue,
                rv => super::check("C_GetSlotList", rv)?,
            }
            slots.truncate((count as usize).min(slots.len()));
            return Ok(slots.into_iter().map(SlotId).collect());
        }
        Err(HsmError::Other(
            "the module's slot list keeps changing size".into(),
        ))
    }

    /// `C_GetSlotInfo`.
    pub(crate) fn slot_info(&self, slot: SlotId) -> HsmResult<CK_SLOT_INFO> {
        let mut info = CK_SLOT_INFO::default();
        // SAFETY: `info` is a valid out-pointer for one CK_SLOT_INFO.
        call!(self.list, unsafe C_GetSlotInfo(slot.0, &mut info))?;
        Ok(info)
    }

    /// `C_GetTokenInfo`.
    pub(crate) fn token_info(&self, slot: SlotId) -> HsmResult<CK_TOKEN_INFO> {
        let mut info = CK_TOKEN_INFO::default();
        // SAFETY: `info` is a valid out-pointer for one CK_TOKEN_INFO.
        call!(self.list, unsafe C_GetTokenInfo(slot.0, &mut info))?;
        Ok(info)
    }

    /// `C_GetMechanismList`, every code the module returns.
    pub(crate) fn mechanism_list(&self, slot: SlotId) -> HsmResult<Vec<MechType>> {
        let mut count: CK_ULONG = 0;
        // SAFETY: a size query with a null buffer.
        call!(self.list, unsafe C_GetMechanismList(slot.0, std::ptr::null_mut(), &mut count))?;
        if count > MAX_MECHANISMS {
            return Err(HsmError::Other(format!(
                "the module claims {count} mechanisms"
            )));
        }
        let mut codes = vec![0; count as usize];
        // SAFETY: a fill of at most `count` entries into a buffer of `count`.
        call!(self.list, unsafe C_GetMechanismList(slot.0, codes.as_mut_ptr(), &mut count))?;
        codes.truncate((count as usize).min(codes.len()));
        Ok(codes.into_iter().map(MechType).collect())
    }

    /// `C_GetMechanismInfo` for any code.
    pub(crate) fn mechanism_info(
        &self,
        slot: SlotId,
        mechanism: MechType,
    ) -> HsmResult<CK_MECHANISM_INFO> {
        let mut info = CK_MECHANISM_INFO::default();
        // SAFETY: `info` is a valid out-pointer for one CK_MECHANISM_INFO.
        call!(self.list, unsafe C_GetMechanismInfo(slot.0, mechanism.0, &mut info))?;
        Ok(info)
    }

    /// `C_InitToken` with the label blank-padded to 32 bytes (the caller checked its length).
    pub(crate) fn init_token(&self, slot: SlotId, so_pin: &[u8], label: &str) -> HsmResult<()> {
        let mut padded = [b' '; 32];
        let n = label.len().min(32);
        padded[..n].copy_from_slice(&label.as_bytes()[..n]);
        // SAFETY: the module only reads the PIN and the 32-byte label.
        call!(
            self.list,
            unsafe C_InitToken(
                slot.0,
                so_pin.as_ptr().cast_mut(),
                so_pin.len() as CK_ULONG,
                padded.as_mut_ptr(),
            )
        )
    }
}

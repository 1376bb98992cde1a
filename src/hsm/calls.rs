//! Module, slot, token and session calls (C_Initialize .. C_Finalize, C_GetSlotList,
//! C_OpenSession, C_Login, the PIN calls) through the same function list as every other call.
//!
//! They cannot go through cryptoki's own context: a module may hand out a distinct function
//! list on each C_GetFunctionList (p11-kit-proxy.so does: a new proxy instance per call), and
//! sessions, slot ids and the initialized state belong to one instance. cryptoki 0.12 keeps its
//! list private, so hsmctl makes exactly one C_GetFunctionList and uses it for everything;
//! cryptoki still models what the calls return (SlotInfo, TokenInfo, Info).

use super::error::{HsmError, HsmResult};
use super::raw::{FunctionList, check, missing};
use cryptoki_sys::*;

/// The most slots or random bytes hsmctl accepts from a module in one answer: a faulty module
/// must not make it allocate without bound.
const MAX_SLOTS: CK_ULONG = 4096;

impl FunctionList {
    /// `C_Initialize` with OS locking (or none, for a module that cannot lock). Returns whether
    /// this call initialized the module; false when another component of the process already
    /// had, so hsmctl must not finalize it.
    pub(crate) fn initialize(&self) -> HsmResult<bool> {
        let f = self
            .list
            .C_Initialize
            .ok_or_else(|| missing("C_Initialize"))?;
        let mut args = CK_C_INITIALIZE_ARGS {
            CreateMutex: None,
            DestroyMutex: None,
            LockMutex: None,
            UnlockMutex: None,
            flags: CKF_OS_LOCKING_OK,
            pReserved: std::ptr::null_mut(),
        };
        // SAFETY: `args` outlives the call; a null argument means "no threads, no locking".
        let mut rv = unsafe { f(&mut args as *mut CK_C_INITIALIZE_ARGS as *mut _) };
        if rv == CKR_CANT_LOCK {
            // SAFETY: as above.
            rv = unsafe { f(std::ptr::null_mut()) };
        }
        match rv {
            CKR_CRYPTOKI_ALREADY_INITIALIZED => Ok(false),
            rv => check("C_Initialize", rv).map(|()| true),
        }
    }

    /// `C_Finalize`; errors are of no use at exit.
    pub(crate) fn finalize(&self) {
        if let Some(f) = self.list.C_Finalize {
            // SAFETY: no session of ours is open any more (they borrow the Hsm).
            unsafe { f(std::ptr::null_mut()) };
        }
    }

    /// `C_GetInfo`.
    pub(crate) fn info(&self) -> HsmResult<CK_INFO> {
        let f = self.list.C_GetInfo.ok_or_else(|| missing("C_GetInfo"))?;
        // SAFETY: CK_INFO is plain data the module fills in.
        unsafe {
            let mut info: CK_INFO = std::mem::zeroed();
            check("C_GetInfo", f(&mut info))?;
            Ok(info)
        }
    }

    /// `C_GetSlotList` (all slots, with or without a token).
    pub(crate) fn slot_list(&self) -> HsmResult<Vec<CK_SLOT_ID>> {
        let f = self
            .list
            .C_GetSlotList
            .ok_or_else(|| missing("C_GetSlotList"))?;
        // The count may grow between the two calls (a reader plugged in): ask again then.
        for _ in 0..3 {
            let mut count: CK_ULONG = 0;
            // SAFETY: a size query with a null buffer, then a fill of at most `count` entries.
            unsafe {
                check(
                    "C_GetSlotList",
                    f(CK_FALSE, std::ptr::null_mut(), &mut count),
                )?;
                if count > MAX_SLOTS {
                    return Err(HsmError::Other(format!("the module claims {count} slots")));
                }
                let mut slots = vec![0 as CK_SLOT_ID; count as usize];
                match f(CK_FALSE, slots.as_mut_ptr(), &mut count) {
                    CKR_BUFFER_TOO_SMALL => continue,
                    rv => check("C_GetSlotList", rv)?,
                }
                slots.truncate((count as usize).min(slots.len()));
                return Ok(slots);
            }
        }
        Err(HsmError::Other(
            "the module's slot list keeps changing size".into(),
        ))
    }

    /// `C_GetSlotInfo`.
    pub(crate) fn slot_info(&self, slot: CK_SLOT_ID) -> HsmResult<CK_SLOT_INFO> {
        let f = self
            .list
            .C_GetSlotInfo
            .ok_or_else(|| missing("C_GetSlotInfo"))?;
        // SAFETY: plain data the module fills in.
        unsafe {
            let mut info: CK_SLOT_INFO = std::mem::zeroed();
            check("C_GetSlotInfo", f(slot, &mut info))?;
            Ok(info)
        }
    }

    /// `C_GetTokenInfo`.
    pub(crate) fn token_info(&self, slot: CK_SLOT_ID) -> HsmResult<CK_TOKEN_INFO> {
        let f = self
            .list
            .C_GetTokenInfo
            .ok_or_else(|| missing("C_GetTokenInfo"))?;
        // SAFETY: plain data the module fills in.
        unsafe {
            let mut info: CK_TOKEN_INFO = std::mem::zeroed();
            check("C_GetTokenInfo", f(slot, &mut info))?;
            Ok(info)
        }
    }

    /// `C_InitToken` with the label blank-padded to 32 bytes (the caller checked its length).
    pub(crate) fn init_token(&self, slot: CK_SLOT_ID, so_pin: &[u8], label: &str) -> HsmResult<()> {
        let f = self
            .list
            .C_InitToken
            .ok_or_else(|| missing("C_InitToken"))?;
        let mut padded = [b' '; 32];
        let n = label.len().min(32);
        padded[..n].copy_from_slice(&label.as_bytes()[..n]);
        // SAFETY: the module only reads the PIN and the 32-byte label.
        unsafe {
            check(
                "C_InitToken",
                f(
                    slot,
                    so_pin.as_ptr() as *mut u8,
                    so_pin.len() as CK_ULONG,
                    padded.as_mut_ptr(),
                ),
            )
        }
    }

    /// `C_OpenSession`, read-write when `rw`.
    pub(crate) fn open_session(&self, slot: CK_SLOT_ID, rw: bool) -> HsmResult<CK_SESSION_HANDLE> {
        let f = self
            .list
            .C_OpenSession
            .ok_or_else(|| missing("C_OpenSession"))?;
        let flags = CKF_SERIAL_SESSION | if rw { CKF_RW_SESSION } else { 0 };
        let mut handle: CK_SESSION_HANDLE = 0;
        // SAFETY: no notification callback; the module writes the handle.
        unsafe {
            check(
                "C_OpenSession",
                f(slot, flags, std::ptr::null_mut(), None, &mut handle),
            )?;
        }
        Ok(handle)
    }

    /// `C_CloseSession`; nothing useful can be done about a failure.
    pub(crate) fn close_session(&self, session: CK_SESSION_HANDLE) {
        if let Some(f) = self.list.C_CloseSession {
            // SAFETY: a handle this list opened.
            unsafe { f(session) };
        }
    }

    /// `C_Login`.
    pub(crate) fn login(
        &self,
        session: CK_SESSION_HANDLE,
        user: CK_USER_TYPE,
        pin: &[u8],
    ) -> HsmResult<()> {
        let f = self.list.C_Login.ok_or_else(|| missing("C_Login"))?;
        // SAFETY: the module only reads the PIN.
        unsafe {
            check(
                "C_Login",
                f(
                    session,
                    user,
                    pin.as_ptr() as *mut u8,
                    pin.len() as CK_ULONG,
                ),
            )
        }
    }

    /// `C_InitPIN`.
    pub(crate) fn init_pin(&self, session: CK_SESSION_HANDLE, pin: &[u8]) -> HsmResult<()> {
        let f = self.list.C_InitPIN.ok_or_else(|| missing("C_InitPIN"))?;
        // SAFETY: the module only reads the PIN.
        unsafe {
            check(
                "C_InitPIN",
                f(session, pin.as_ptr() as *mut u8, pin.len() as CK_ULONG),
            )
        }
    }

    /// `C_SetPIN`.
    pub(crate) fn set_pin(
        &self,
        session: CK_SESSION_HANDLE,
        old: &[u8],
        new: &[u8],
    ) -> HsmResult<()> {
        let f = self.list.C_SetPIN.ok_or_else(|| missing("C_SetPIN"))?;
        // SAFETY: the module only reads both PINs.
        unsafe {
            check(
                "C_SetPIN",
                f(
                    session,
                    old.as_ptr() as *mut u8,
                    old.len() as CK_ULONG,
                    new.as_ptr() as *mut u8,
                    new.len() as CK_ULONG,
                ),
            )
        }
    }

    /// `C_GenerateRandom`.
    pub(crate) fn random(&self, session: CK_SESSION_HANDLE, len: usize) -> HsmResult<Vec<u8>> {
        let f = self
            .list
            .C_GenerateRandom
            .ok_or_else(|| missing("C_GenerateRandom"))?;
        let mut out = vec![0u8; len];
        // SAFETY: the module writes exactly `len` bytes.
        unsafe {
            check(
                "C_GenerateRandom",
                f(session, out.as_mut_ptr(), len as CK_ULONG),
            )?;
        }
        Ok(out)
    }
}

//! Sessions: C_OpenSession and C_CloseSession (on drop), and the calls that act on a session
//! as a whole: C_Login, C_InitPIN, C_SetPIN, C_GenerateRandom.

use super::{FunctionList, SessionHandle, SlotId};
use crate::hsm::Role;
use crate::hsm::error::HsmResult;
use cryptoki_sys::*;

/// An open session: the handle and the function list that opened it; closed when dropped.
pub(crate) struct Session<'a> {
    pub(super) list: &'a CK_FUNCTION_LIST,
    pub(super) handle: SessionHandle,
}

impl FunctionList {
    /// `C_OpenSession`, read-write when `rw`.
    pub(crate) fn open_session(&self, slot: SlotId, rw: bool) -> HsmResult<Session<'_>> {
        let flags = CKF_SERIAL_SESSION | if rw { CKF_RW_SESSION } else { 0 };
        let mut handle: CK_SESSION_HANDLE = 0;
        // SAFETY: no notification callback; the module writes the handle.
        call!(
            self.list,
            unsafe C_OpenSession(slot.0, flags, std::ptr::null_mut(), None, &mut handle)
        )?;
        Ok(Session {
            list: &self.list,
            handle: SessionHandle(handle),
        })
    }
}

impl Drop for Session<'_> {
    /// `C_CloseSession`; nothing useful can be done about a failure.
    fn drop(&mut self) {
        // SAFETY: a handle this list opened, closed once.
        let _ = call!(self.list, unsafe C_CloseSession(self.handle.0));
    }
}

impl Session<'_> {
    /// `C_Login`.
    pub(crate) fn login(&self, role: Role, pin: &[u8]) -> HsmResult<()> {
        let user = match role {
            Role::User => CKU_USER,
            Role::So => CKU_SO,
        };
        // SAFETY: the module only reads the PIN.
        call!(
            self.list,
            unsafe C_Login(self.handle.0, user, pin.as_ptr().cast_mut(), pin.len() as CK_ULONG)
        )
    }

    /// `C_InitPIN`.
    pub(crate) fn init_pin(&self, pin: &[u8]) -> HsmResult<()> {
        // SAFETY: the module only reads the PIN.
        call!(
            self.list,
            unsafe C_InitPIN(self.handle.0, pin.as_ptr().cast_mut(), pin.len() as CK_ULONG)
        )
    }

    /// `C_SetPIN`.
    pub(crate) fn set_pin(&self, old: &[u8], new: &[u8]) -> HsmResult<()> {
        // SAFETY: the module only reads both PINs.
        call!(
            self.list,
            unsafe C_SetPIN(
                self.handle.0,
                old.as_ptr().cast_mut(),
                old.len() as CK_ULONG,
                new.as_ptr().cast_mut(),
                new.len() as CK_ULONG,
            )
        )
    }

    /// `C_GenerateRandom`.
    pub(crate) fn random(&self, len: usize) -> HsmResult<Vec<u8>> {
        let mut out = vec![0u8; len];
        // SAFETY: the module writes exactly `len` bytes into a buffer of `len`.
        call!(
            self.list,
            unsafe C_GenerateRandom(self.handle.0, out.as_mut_ptr(), len as CK_ULONG)
        )?;
        Ok(out)
    }
}

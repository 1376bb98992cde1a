//! Loading the module and its lifetime calls: the one C_GetFunctionList, C_Initialize,
//! C_Finalize and C_GetInfo.
//!
//! hsmctl calls the module through the list it got once, never through another: a module may
//! hand out a distinct function list on each C_GetFunctionList (p11-kit-proxy.so does: a new
//! proxy instance per call), and sessions, slot ids and the initialized state belong to one
//! instance.

use super::{check, missing};
use crate::hsm::error::{HsmError, HsmResult};
use cryptoki_sys::*;
use std::path::Path;

/// The module's CK_FUNCTION_LIST, with the library handle that keeps it valid.
pub(crate) struct FunctionList {
    // Kept so the list's pointers stay valid.
    _lib: cryptoki_sys::Pkcs11,
    pub(super) list: CK_FUNCTION_LIST,
}

impl FunctionList {
    /// Checks the module at `path` (see `vet`; `insecure` accepts one writable by others),
    /// loads it and gets its function list: the only C_GetFunctionList call.
    pub(crate) fn load(path: &Path, insecure: bool) -> HsmResult<Self> {
        super::vet::vet(path, insecure)?;
        let load_error = |reason: String| HsmError::Load {
            path: path.to_path_buf(),
            reason,
        };
        // SAFETY: loading runs the library's initializers: vetted just above as a PKCS#11 module.
        let lib =
            unsafe { cryptoki_sys::Pkcs11::new(path) }.map_err(|e| load_error(e.to_string()))?;
        let get = lib.C_GetFunctionList.as_ref().map_err(|_| {
            load_error("it does not export C_GetFunctionList, so it is not a PKCS#11 module".into())
        })?;
        let mut ptr = std::ptr::null_mut();
        // SAFETY: C_GetFunctionList writes a pointer to a list the module owns for as long as
        // it stays loaded (held by `_lib`); it is copied before use.
        check("C_GetFunctionList", unsafe { get(&mut ptr) })?;
        if ptr.is_null() {
            return Err(missing("function list"));
        }
        // SAFETY: non-null, and pointing at the module's CK_FUNCTION_LIST (see above).
        let list = unsafe { *ptr };
        Ok(FunctionList { _lib: lib, list })
    }

    /// `C_Initialize` with OS locking (or none, for a module that cannot lock). Returns whether
    /// this call initialized the module; false when another component of the process already
    /// had, so hsmctl must not finalize it.
    pub(crate) fn initialize(&self) -> HsmResult<bool> {
        let mut args = CK_C_INITIALIZE_ARGS {
            CreateMutex: None,
            DestroyMutex: None,
            LockMutex: None,
            UnlockMutex: None,
            flags: CKF_OS_LOCKING_OK,
            pReserved: std::ptr::null_mut(),
        };
        // SAFETY: `args` outlives the call.
        let mut rv = call!(self.list, unsafe C_Initialize((&raw mut args).cast()) => rv)?;
        if rv == CKR_CANT_LOCK {
            // SAFETY: a null argument means "no threads, no locking".
            rv = call!(self.list, unsafe C_Initialize(std::ptr::null_mut()) => rv)?;
        }
        match rv {
            CKR_CRYPTOKI_ALREADY_INITIALIZED => Ok(false),
            rv => check("C_Initialize", rv).map(|()| true),
        }
    }

    /// `C_Finalize`; errors are of no use at exit.
    pub(crate) fn finalize(&self) {
        // SAFETY: no session of ours is open any more (they borrow the Hsm).
        let _ = call!(self.list, unsafe C_Finalize(std::ptr::null_mut()));
    }

    /// `C_GetInfo`.
    pub(crate) fn info(&self) -> HsmResult<CK_INFO> {
        let mut info = CK_INFO::default();
        // SAFETY: `info` is a valid out-pointer for one CK_INFO.
        call!(self.list, unsafe C_GetInfo(&mut info))?;
        Ok(info)
    }
}

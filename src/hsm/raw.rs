//! Calls through the module's own function list, for what cryptoki 0.12 hides: its
//! `get_mechanism_list` silently drops every mechanism its `MechanismType` does not know
//! (30 of SoftHSM2's 70, DES and DSA and MD5 among them), and its `get_mechanism_info` cannot
//! be asked about those.

use super::error::{HsmError, HsmResult, ckr_name};
use cryptoki_sys::{
    CK_FUNCTION_LIST, CK_MECHANISM_INFO, CK_MECHANISM_TYPE, CK_RV, CK_ULONG, CKR_OK,
};
use std::path::Path;

/// The module's CK_FUNCTION_LIST, with the library handle that keeps it valid.
pub(crate) struct FunctionList {
    // The module is already loaded by cryptoki; this adds a reference, it does not run its
    // constructors again. Kept so the list's pointers stay valid.
    _lib: cryptoki_sys::Pkcs11,
    list: CK_FUNCTION_LIST,
}

fn check(function: &str, rv: CK_RV) -> HsmResult<()> {
    if rv == CKR_OK {
        Ok(())
    } else {
        Err(HsmError::Ckr {
            function: function.to_string(),
            ckr: ckr_name(rv),
            code: rv,
        })
    }
}

fn missing(function: &str) -> HsmError {
    HsmError::Other(format!("the module's function list has no {function}"))
}

impl FunctionList {
    /// Gets the function list of the module at `path` (which must already be loaded).
    pub(crate) fn load(path: &Path) -> HsmResult<Self> {
        // SAFETY: the same library cryptoki loaded and initialized; C_GetFunctionList returns a
        // pointer to a list the module owns for as long as it stays loaded (held by `_lib`).
        unsafe {
            let lib = cryptoki_sys::Pkcs11::new(path).map_err(|e| HsmError::Load {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
            let get = lib
                .C_GetFunctionList
                .as_ref()
                .map_err(|_| missing("C_GetFunctionList"))?;
            let mut ptr = std::ptr::null_mut();
            check("C_GetFunctionList", get(&mut ptr))?;
            if ptr.is_null() {
                return Err(missing("function list"));
            }
            let list = *ptr;
            Ok(FunctionList { _lib: lib, list })
        }
    }

    /// `C_GetMechanismList`, every code the module returns.
    pub(crate) fn mechanism_list(&self, slot: u64) -> HsmResult<Vec<CK_MECHANISM_TYPE>> {
        let f = self
            .list
            .C_GetMechanismList
            .ok_or_else(|| missing("C_GetMechanismList"))?;
        let mut count: CK_ULONG = 0;
        // SAFETY: a size query with a null buffer, then a fill of exactly `count` entries.
        unsafe {
            check(
                "C_GetMechanismList",
                f(slot, std::ptr::null_mut(), &mut count),
            )?;
            // Bound what a faulty module can make us allocate.
            if count > 100_000 {
                return Err(HsmError::Other(format!(
                    "the module claims {count} mechanisms"
                )));
            }
            let mut codes = vec![0; count as usize];
            check(
                "C_GetMechanismList",
                f(slot, codes.as_mut_ptr(), &mut count),
            )?;
            codes.truncate(count as usize);
            Ok(codes)
        }
    }

    /// `C_GetMechanismInfo` for any code.
    pub(crate) fn mechanism_info(
        &self,
        slot: u64,
        code: CK_MECHANISM_TYPE,
    ) -> HsmResult<CK_MECHANISM_INFO> {
        let f = self
            .list
            .C_GetMechanismInfo
            .ok_or_else(|| missing("C_GetMechanismInfo"))?;
        let mut info = CK_MECHANISM_INFO::default();
        // SAFETY: `info` is a valid out-pointer for one CK_MECHANISM_INFO.
        unsafe { check("C_GetMechanismInfo", f(slot, code, &mut info))? };
        Ok(info)
    }
}

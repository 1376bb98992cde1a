//! The one place hsmctl calls into a PKCS#11 module, and so the only `unsafe` of `hsm/`: the
//! checks before dlopen (`vet`), the module's function list, and a safe method for every C_
//! function hsmctl uses, taking and returning the handle newtypes below and the typed
//! [`Template`] instead of raw pointers. A session's handle never leaves [`Session`], which
//! closes it when dropped.
//!
//! Every call goes through the one `call!` macro: look the function up in the list (a
//! missing entry is [`missing`]'s error), call it, and turn its CK_RV into an [`HsmError`]
//! ([`check`]). The callers' SAFETY comments say why the pointers they pass are valid.
//!
//! `cryptoki-sys` supplies the C declarations (CK_ structs, CK_ constants, the dlopen
//! wrapper); nothing here goes through the `cryptoki` crate (see `hsm`'s header for why).

use super::error::{HsmError, HsmResult, ckr_name};
use cryptoki_sys::{
    CK_MECHANISM_TYPE, CK_OBJECT_HANDLE, CK_RV, CK_SESSION_HANDLE, CK_SLOT_ID, CKR_OK,
};

/// Looks `C_X` up in a function list, calls it and checks its CK_RV: `Ok(())` for CKR_OK,
/// else [`HsmError::Ckr`] naming the function. The `=> rv` form returns the CK_RV unchecked,
/// for the calls whose other return values are answers (C_GetAttributeValue, C_Verify ...).
/// `unsafe` is written at each use, where the SAFETY comment for its arguments stands.
macro_rules! call {
    ($list:expr, unsafe $f:ident($($arg:expr),* $(,)?) => rv) => {
        match $list.$f {
            Some(f) => Ok(unsafe { f($($arg),*) }),
            None => Err($crate::hsm::ffi::missing(stringify!($f))),
        }
    };
    ($list:expr, unsafe $f:ident($($arg:expr),* $(,)?)) => {
        call!($list, unsafe $f($($arg),*) => rv)
            .and_then(|rv| $crate::hsm::ffi::check(stringify!($f), rv))
    };
}

mod crypto;
mod library;
mod objects;
mod sessions;
mod slots;
mod vet;

pub(crate) use crypto::{Mechanism, Param};
pub(crate) use library::FunctionList;
pub(crate) use objects::{AttrBuf, Template};
pub(crate) use sessions::Session;

/// A slot id, as C_GetSlotList returns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SlotId(pub(crate) CK_SLOT_ID);

/// A session handle; only [`Session`], which closes it, holds one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SessionHandle(CK_SESSION_HANDLE);

/// An object handle (valid in the sessions of the process that found it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ObjectHandle(pub(crate) CK_OBJECT_HANDLE);

/// A mechanism type (CKM_ code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MechType(pub(crate) CK_MECHANISM_TYPE);

/// The error for a CK_RV other than CKR_OK returned by `function`.
pub(crate) fn check(function: &str, rv: CK_RV) -> HsmResult<()> {
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

/// The error for a function the module's list does not have.
pub(crate) fn missing(function: &str) -> HsmError {
    HsmError::Other(format!("the module's function list has no {function}"))
}

//! The module's function list (one C_GetFunctionList per process; see `calls` for why every
//! call goes through it) and the object calls, which cryptoki 0.12 hides or does not offer: its `get_mechanism_list` silently drops every mechanism its `MechanismType` does not
//! know (30 of SoftHSM2's 70, DES and DSA and MD5 among them); its `get_attributes` makes two
//! calls per object where one with preallocated buffers does; it has no X9.31 generation.

use super::error::{HsmError, HsmResult, ckr_name};
use cryptoki_sys::*;
use std::path::Path;

/// The module's CK_FUNCTION_LIST, with the library handle that keeps it valid.
pub(crate) struct FunctionList {
    // Kept so the list's pointers stay valid.
    _lib: cryptoki_sys::Pkcs11,
    pub(super) list: CK_FUNCTION_LIST,
}

pub(super) fn check(function: &str, rv: CK_RV) -> HsmResult<()> {
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

pub(super) fn missing(function: &str) -> HsmError {
    HsmError::Other(format!("the module's function list has no {function}"))
}

impl FunctionList {
    /// Loads the module at `path` and gets its function list: the only C_GetFunctionList call.
    pub(crate) fn load(path: &Path) -> HsmResult<Self> {
        // SAFETY: C_GetFunctionList returns a pointer to a list the module owns for as long as
        // it stays loaded (held by `_lib`).
        unsafe {
            let lib = cryptoki_sys::Pkcs11::new(path).map_err(|e| HsmError::Load {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
            let get = lib.C_GetFunctionList.as_ref().map_err(|_| HsmError::Load {
                path: path.to_path_buf(),
                reason: "it does not export C_GetFunctionList, so it is not a PKCS#11 module"
                    .into(),
            })?;
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

/// One attribute to read: its type and a buffer; after the read, `len` is the value's length
/// or `None` when the module did not return it (invalid for the object, or sensitive).
pub(crate) struct AttrBuf {
    pub(crate) kind: CK_ATTRIBUTE_TYPE,
    pub(crate) buf: Vec<u8>,
    pub(crate) len: Option<usize>,
}

impl AttrBuf {
    /// A request with room for `cap` bytes.
    pub(crate) fn new(kind: CK_ATTRIBUTE_TYPE, cap: usize) -> Self {
        AttrBuf {
            kind,
            buf: vec![0; cap],
            len: None,
        }
    }

    /// The value read, if any.
    pub(crate) fn value(&self) -> Option<&[u8]> {
        self.len.map(|n| &self.buf[..n])
    }
}

/// Values longer than this are refused: no attribute hsmctl reads is near it, and a faulty
/// module must not make us allocate without bound.
const MAX_ATTR_LEN: CK_ULONG = 1 << 20;

impl FunctionList {
    /// Reads `attrs` of one object with ONE C_GetAttributeValue into preallocated buffers. Only
    /// values that did not fit are fetched again, and only if the module rejects the batch
    /// outright is each attribute read on its own.
    pub(crate) fn read_attributes(
        &self,
        session: CK_SESSION_HANDLE,
        object: CK_OBJECT_HANDLE,
        attrs: &mut [AttrBuf],
    ) -> HsmResult<()> {
        let f = self
            .list
            .C_GetAttributeValue
            .ok_or_else(|| missing("C_GetAttributeValue"))?;
        let mut template: Vec<CK_ATTRIBUTE> = attrs
            .iter_mut()
            .map(|a| CK_ATTRIBUTE {
                type_: a.kind,
                pValue: a.buf.as_mut_ptr().cast(),
                ulValueLen: a.buf.len() as CK_ULONG,
            })
            .collect();
        // SAFETY: each template entry points at its own buffer of the stated length.
        let rv = unsafe {
            f(
                session,
                object,
                template.as_mut_ptr(),
                template.len() as CK_ULONG,
            )
        };
        match rv {
            CKR_OK
            | CKR_ATTRIBUTE_SENSITIVE
            | CKR_ATTRIBUTE_TYPE_INVALID
            | CKR_BUFFER_TOO_SMALL => {
                let mut refetch = Vec::new();
                for (i, (a, t)) in attrs.iter_mut().zip(&template).enumerate() {
                    if t.ulValueLen == CK_UNAVAILABLE_INFORMATION {
                        a.len = None;
                        // Too small is reported the same way as invalid; ask again alone.
                        if rv == CKR_BUFFER_TOO_SMALL {
                            refetch.push(i);
                        }
                    } else if t.ulValueLen as usize > a.buf.len() {
                        refetch.push(i);
                    } else {
                        a.len = Some(t.ulValueLen as usize);
                    }
                }
                for i in refetch {
                    self.read_one(session, object, &mut attrs[i])?;
                }
                Ok(())
            }
            CKR_OBJECT_HANDLE_INVALID
            | CKR_SESSION_HANDLE_INVALID
            | CKR_DEVICE_REMOVED
            | CKR_TOKEN_NOT_PRESENT
            | CKR_SESSION_CLOSED
            | CKR_CRYPTOKI_NOT_INITIALIZED => check("C_GetAttributeValue", rv),
            _ => {
                for a in attrs.iter_mut() {
                    self.read_one(session, object, a)?;
                }
                Ok(())
            }
        }
    }

    /// Reads one attribute: its length, then its value.
    pub(crate) fn read_one(
        &self,
        session: CK_SESSION_HANDLE,
        object: CK_OBJECT_HANDLE,
        a: &mut AttrBuf,
    ) -> HsmResult<()> {
        let f = self
            .list
            .C_GetAttributeValue
            .ok_or_else(|| missing("C_GetAttributeValue"))?;
        a.len = None;
        let mut t = CK_ATTRIBUTE {
            type_: a.kind,
            pValue: std::ptr::null_mut(),
            ulValueLen: 0,
        };
        // SAFETY: a length query (null pValue), then a read into a buffer of that length.
        unsafe {
            let rv = f(session, object, &mut t, 1);
            if rv != CKR_OK || t.ulValueLen == CK_UNAVAILABLE_INFORMATION {
                return match rv {
                    CKR_OBJECT_HANDLE_INVALID | CKR_SESSION_HANDLE_INVALID | CKR_DEVICE_REMOVED => {
                        check("C_GetAttributeValue", rv)
                    }
                    _ => Ok(()),
                };
            }
            if t.ulValueLen > MAX_ATTR_LEN {
                return Err(HsmError::Other(format!(
                    "the module reports a {}-byte value for attribute 0x{:x}",
                    t.ulValueLen, a.kind
                )));
            }
            a.buf.resize(t.ulValueLen as usize, 0);
            t.pValue = a.buf.as_mut_ptr().cast();
            let rv = f(session, object, &mut t, 1);
            if rv == CKR_OK && t.ulValueLen as usize <= a.buf.len() {
                a.len = Some(t.ulValueLen as usize);
            }
        }
        Ok(())
    }

    /// Whether the module answers C_GetAttributeValue for this one attribute with
    /// CKR_ATTRIBUTE_SENSITIVE (as opposed to the attribute not existing).
    pub(crate) fn is_sensitive(
        &self,
        session: CK_SESSION_HANDLE,
        object: CK_OBJECT_HANDLE,
        kind: CK_ATTRIBUTE_TYPE,
    ) -> bool {
        let Some(f) = self.list.C_GetAttributeValue else {
            return false;
        };
        let mut t = CK_ATTRIBUTE {
            type_: kind,
            pValue: std::ptr::null_mut(),
            ulValueLen: 0,
        };
        // SAFETY: a length query with a null pValue.
        unsafe { f(session, object, &mut t, 1) == CKR_ATTRIBUTE_SENSITIVE }
    }

    /// C_GenerateKeyPair with any mechanism code (cryptoki 0.12 has no X9.31 generation).
    pub(crate) fn generate_key_pair(
        &self,
        session: CK_SESSION_HANDLE,
        mechanism: CK_MECHANISM_TYPE,
        public: &mut Template,
        private: &mut Template,
    ) -> HsmResult<(CK_OBJECT_HANDLE, CK_OBJECT_HANDLE)> {
        let f = self
            .list
            .C_GenerateKeyPair
            .ok_or_else(|| missing("C_GenerateKeyPair"))?;
        let (mut public, mut private) = (public.ck(), private.ck());
        let mut mech = CK_MECHANISM {
            mechanism,
            pParameter: std::ptr::null_mut(),
            ulParameterLen: 0,
        };
        let (mut pub_h, mut priv_h) = (CK_INVALID_HANDLE, CK_INVALID_HANDLE);
        // SAFETY: the templates' pointers stay valid for the call (their owners outlive it).
        let rv = unsafe {
            f(
                session,
                &mut mech,
                public.as_mut_ptr(),
                public.len() as CK_ULONG,
                private.as_mut_ptr(),
                private.len() as CK_ULONG,
                &mut pub_h,
                &mut priv_h,
            )
        };
        check("C_GenerateKeyPair", rv)?;
        Ok((pub_h, priv_h))
    }
}

/// An attribute template that owns its values; `ck()` gives the C view for one call. Values
/// are wiped when it is dropped: an import's template carries private key material.
#[derive(Default, Clone)]
pub(crate) struct Template {
    items: Vec<(CK_ATTRIBUTE_TYPE, Vec<u8>)>,
}

impl Drop for Template {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        for (_, v) in &mut self.items {
            v.zeroize();
        }
    }
}

impl Template {
    /// Adds a CK_BBOOL.
    pub(crate) fn bool(mut self, kind: CK_ATTRIBUTE_TYPE, v: bool) -> Self {
        self.items.push((kind, vec![v as u8]));
        self
    }

    /// Adds a CK_ULONG.
    pub(crate) fn ulong(mut self, kind: CK_ATTRIBUTE_TYPE, v: CK_ULONG) -> Self {
        self.items.push((kind, v.to_ne_bytes().to_vec()));
        self
    }

    /// Adds a byte string.
    pub(crate) fn bytes(mut self, kind: CK_ATTRIBUTE_TYPE, v: &[u8]) -> Self {
        self.items.push((kind, v.to_vec()));
        self
    }

    /// Adds raw bytes under a type (for values decoded elsewhere).
    pub(crate) fn push(&mut self, kind: CK_ATTRIBUTE_TYPE, v: Vec<u8>) {
        self.items.push((kind, v));
    }

    /// The entries, in order.
    pub(crate) fn items(&self) -> &[(CK_ATTRIBUTE_TYPE, Vec<u8>)] {
        &self.items
    }

    /// The C view; valid while `self` is neither moved nor changed.
    pub(crate) fn ck(&mut self) -> Vec<CK_ATTRIBUTE> {
        self.items
            .iter_mut()
            .map(|(kind, v)| CK_ATTRIBUTE {
                type_: *kind,
                pValue: if v.is_empty() {
                    std::ptr::null_mut()
                } else {
                    v.as_mut_ptr().cast()
                },
                ulValueLen: v.len() as CK_ULONG,
            })
            .collect()
    }
}

/// More objects than this in one search is refused rather than allocated.
const MAX_OBJECTS: usize = 10_000_000;

impl FunctionList {
    /// C_FindObjectsInit / C_FindObjects (1,000 at a time) / C_FindObjectsFinal.
    pub(crate) fn find_objects(
        &self,
        session: CK_SESSION_HANDLE,
        template: &mut Template,
    ) -> HsmResult<Vec<CK_OBJECT_HANDLE>> {
        let init = self
            .list
            .C_FindObjectsInit
            .ok_or_else(|| missing("C_FindObjectsInit"))?;
        let find = self
            .list
            .C_FindObjects
            .ok_or_else(|| missing("C_FindObjects"))?;
        let fin = self
            .list
            .C_FindObjectsFinal
            .ok_or_else(|| missing("C_FindObjectsFinal"))?;
        let mut t = template.ck();
        let mut found = Vec::new();
        // SAFETY: the template points into `template`, alive for the whole search; each
        // C_FindObjects writes at most 1,000 handles into a buffer with room for them.
        unsafe {
            check(
                "C_FindObjectsInit",
                init(session, t.as_mut_ptr(), t.len() as CK_ULONG),
            )?;
            let result = loop {
                let start = found.len();
                found.resize(start + 1000, CK_INVALID_HANDLE);
                let mut got: CK_ULONG = 0;
                let rv = find(session, found[start..].as_mut_ptr(), 1000, &mut got);
                found.truncate(start + (got as usize).min(1000));
                if let Err(e) = check("C_FindObjects", rv) {
                    break Err(e);
                }
                if got == 0 {
                    break Ok(());
                }
                if found.len() > MAX_OBJECTS {
                    break Err(HsmError::Other(format!(
                        "more than {MAX_OBJECTS} objects match"
                    )));
                }
            };
            let fin_rv = fin(session);
            result?;
            check("C_FindObjectsFinal", fin_rv)?;
        }
        Ok(found)
    }

    /// C_SetAttributeValue.
    pub(crate) fn set_attributes(
        &self,
        session: CK_SESSION_HANDLE,
        object: CK_OBJECT_HANDLE,
        template: &mut Template,
    ) -> HsmResult<()> {
        let f = self
            .list
            .C_SetAttributeValue
            .ok_or_else(|| missing("C_SetAttributeValue"))?;
        let mut t = template.ck();
        // SAFETY: the template points into `template`, alive for the call.
        check("C_SetAttributeValue", unsafe {
            f(session, object, t.as_mut_ptr(), t.len() as CK_ULONG)
        })
    }

    /// C_DestroyObject.
    pub(crate) fn destroy_object(
        &self,
        session: CK_SESSION_HANDLE,
        object: CK_OBJECT_HANDLE,
    ) -> HsmResult<()> {
        let f = self
            .list
            .C_DestroyObject
            .ok_or_else(|| missing("C_DestroyObject"))?;
        // SAFETY: plain handles.
        check("C_DestroyObject", unsafe { f(session, object) })
    }
}

impl FunctionList {
    /// C_SignInit + one C_Sign with a mechanism that takes no parameters.
    pub(crate) fn sign(
        &self,
        session: CK_SESSION_HANDLE,
        key: CK_OBJECT_HANDLE,
        mechanism: CK_MECHANISM_TYPE,
        data: &[u8],
    ) -> HsmResult<Vec<u8>> {
        self.sign_mech(session, key, super::raw_keys::plain(mechanism), data)
    }

    /// RSASSA-PSS with SHA-2 `hash` (CKM_SHA256 ...), MGF1 of the same hash and a salt as long
    /// as the digest: the parameters X.509 and TLS use.
    pub(crate) fn sign_pss(
        &self,
        session: CK_SESSION_HANDLE,
        key: CK_OBJECT_HANDLE,
        hash: CK_MECHANISM_TYPE,
        data: &[u8],
    ) -> HsmResult<Vec<u8>> {
        self.sign_mech(session, key, super::raw_keys::pss(hash), data)
    }
}

impl FunctionList {
    /// C_CreateObject.
    pub(crate) fn create_object(
        &self,
        session: CK_SESSION_HANDLE,
        template: &mut Template,
    ) -> HsmResult<CK_OBJECT_HANDLE> {
        let f = self
            .list
            .C_CreateObject
            .ok_or_else(|| missing("C_CreateObject"))?;
        let mut t = template.ck();
        let mut h = CK_INVALID_HANDLE;
        // SAFETY: the template points into `template`, alive for the call.
        check("C_CreateObject", unsafe {
            f(session, t.as_mut_ptr(), t.len() as CK_ULONG, &mut h)
        })?;
        Ok(h)
    }
}

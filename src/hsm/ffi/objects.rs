//! Object calls: C_FindObjects*, C_GetAttributeValue, C_SetAttributeValue, C_CreateObject,
//! C_DestroyObject, and the typed [`Template`] they take.
//!
//! Attributes are read with ONE C_GetAttributeValue per object into preallocated buffers
//! ([`AttrBuf`]); cryptoki 0.12's `get_attributes` made two calls per object.

use super::{ObjectHandle, Session, check};
use crate::hsm::error::{HsmError, HsmResult};
use cryptoki_sys::*;

/// An attribute template that owns its values, built typed:
/// `Template::new().class(CKO_PUBLIC_KEY).bool(CKA_VERIFY, true).id(&id)`. Values are wiped
/// when it is dropped: an import's template carries private key material.
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
    /// An empty template (matches every object in a search).
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// CKA_CLASS.
    pub(crate) fn class(self, class: CK_OBJECT_CLASS) -> Self {
        self.ulong(CKA_CLASS, class)
    }

    /// CKA_KEY_TYPE.
    pub(crate) fn key_type(self, key_type: CK_KEY_TYPE) -> Self {
        self.ulong(CKA_KEY_TYPE, key_type)
    }

    /// CKA_LABEL.
    pub(crate) fn label(self, label: &str) -> Self {
        self.bytes(CKA_LABEL, label.as_bytes())
    }

    /// CKA_ID.
    pub(crate) fn id(self, id: &[u8]) -> Self {
        self.bytes(CKA_ID, id)
    }

    /// A CK_BBOOL attribute.
    pub(crate) fn bool(mut self, kind: CK_ATTRIBUTE_TYPE, v: bool) -> Self {
        self.items.push((kind, vec![v as u8]));
        self
    }

    /// A CK_ULONG attribute.
    pub(crate) fn ulong(mut self, kind: CK_ATTRIBUTE_TYPE, v: CK_ULONG) -> Self {
        self.items.push((kind, v.to_ne_bytes().to_vec()));
        self
    }

    /// A byte-string attribute (or one encoded elsewhere).
    pub(crate) fn bytes(mut self, kind: CK_ATTRIBUTE_TYPE, v: &[u8]) -> Self {
        self.items.push((kind, v.to_vec()));
        self
    }

    /// The entries, in order.
    pub(crate) fn items(&self) -> impl Iterator<Item = (CK_ATTRIBUTE_TYPE, &[u8])> {
        self.items.iter().map(|(k, v)| (*k, v.as_slice()))
    }

    /// The C view, valid while `self` is neither moved nor changed. The pointers are `*mut`
    /// only because the C declarations are: every call given a template only reads it.
    pub(super) fn ck(&self) -> Vec<CK_ATTRIBUTE> {
        self.items
            .iter()
            .map(|(kind, v)| CK_ATTRIBUTE {
                type_: *kind,
                pValue: if v.is_empty() {
                    std::ptr::null_mut()
                } else {
                    v.as_ptr().cast_mut().cast()
                },
                ulValueLen: v.len() as CK_ULONG,
            })
            .collect()
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

/// More objects than this in one search is refused rather than allocated.
const MAX_OBJECTS: usize = 10_000_000;

/// How many handles one C_FindObjects asks for.
const FIND_BATCH: usize = 1000;

impl Session<'_> {
    /// Reads `attrs` of one object with ONE C_GetAttributeValue into preallocated buffers. Only
    /// values that did not fit are fetched again, and only if the module rejects the batch
    /// outright is each attribute read on its own.
    pub(crate) fn read_attributes(
        &self,
        object: ObjectHandle,
        attrs: &mut [AttrBuf],
    ) -> HsmResult<()> {
        let mut template: Vec<CK_ATTRIBUTE> = attrs
            .iter_mut()
            .map(|a| CK_ATTRIBUTE {
                type_: a.kind,
                pValue: a.buf.as_mut_ptr().cast(),
                ulValueLen: a.buf.len() as CK_ULONG,
            })
            .collect();
        // SAFETY: each template entry points at its own buffer of the stated length.
        let rv = call!(
            self.list,
            unsafe C_GetAttributeValue(
                self.handle.0,
                object.0,
                template.as_mut_ptr(),
                template.len() as CK_ULONG,
            ) => rv
        )?;
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
                    self.read_one(object, &mut attrs[i])?;
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
                    self.read_one(object, a)?;
                }
                Ok(())
            }
        }
    }

    /// Reads one attribute: its length, then its value.
    pub(crate) fn read_one(&self, object: ObjectHandle, a: &mut AttrBuf) -> HsmResult<()> {
        a.len = None;
        let mut t = CK_ATTRIBUTE {
            type_: a.kind,
            pValue: std::ptr::null_mut(),
            ulValueLen: 0,
        };
        // SAFETY: a length query (null pValue).
        let rv =
            call!(self.list, unsafe C_GetAttributeValue(self.handle.0, object.0, &mut t, 1) => rv)?;
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
        // SAFETY: a read into a buffer of the length just reported.
        let rv =
            call!(self.list, unsafe C_GetAttributeValue(self.handle.0, object.0, &mut t, 1) => rv)?;
        if rv == CKR_OK && t.ulValueLen as usize <= a.buf.len() {
            a.len = Some(t.ulValueLen as usize);
        }
        Ok(())
    }

    /// Whether the module answers C_GetAttributeValue for this one attribute with
    /// CKR_ATTRIBUTE_SENSITIVE (as opposed to the attribute not existing).
    pub(crate) fn is_sensitive(&self, object: ObjectHandle, kind: CK_ATTRIBUTE_TYPE) -> bool {
        let mut t = CK_ATTRIBUTE {
            type_: kind,
            pValue: std::ptr::null_mut(),
            ulValueLen: 0,
        };
        // SAFETY: a length query with a null pValue.
        call!(self.list, unsafe C_GetAttributeValue(self.handle.0, object.0, &mut t, 1) => rv)
            .is_ok_and(|rv| rv == CKR_ATTRIBUTE_SENSITIVE)
    }

    /// C_FindObjectsInit / C_FindObjects (1,000 at a time) / C_FindObjectsFinal.
    pub(crate) fn find_objects(&self, template: &Template) -> HsmResult<Vec<ObjectHandle>> {
        let mut t = template.ck();
        // SAFETY: the template points into `template`, alive for the whole search.
        call!(
            self.list,
            unsafe C_FindObjectsInit(self.handle.0, t.as_mut_ptr(), t.len() as CK_ULONG)
        )?;
        let mut found: Vec<CK_OBJECT_HANDLE> = Vec::new();
        let result = loop {
            let start = found.len();
            found.resize(start + FIND_BATCH, CK_INVALID_HANDLE);
            let mut got: CK_ULONG = 0;
            // SAFETY: at most FIND_BATCH handles into a buffer with room for them.
            let rv = call!(
                self.list,
                unsafe C_FindObjects(
                    self.handle.0,
                    found[start..].as_mut_ptr(),
                    FIND_BATCH as CK_ULONG,
                    &mut got,
                )
            );
            found.truncate(start + (got as usize).min(FIND_BATCH));
            if let Err(e) = rv {
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
        // SAFETY: ends the search begun above, whatever became of it.
        let finished = call!(self.list, unsafe C_FindObjectsFinal(self.handle.0));
        result?;
        finished?;
        Ok(found.into_iter().map(ObjectHandle).collect())
    }

    /// C_SetAttributeValue.
    pub(crate) fn set_attributes(
        &self,
        object: ObjectHandle,
        template: &Template,
    ) -> HsmResult<()> {
        let mut t = template.ck();
        // SAFETY: the template points into `template`, alive for the call.
        call!(
            self.list,
            unsafe C_SetAttributeValue(self.handle.0, object.0, t.as_mut_ptr(), t.len() as CK_ULONG)
        )
    }

    /// C_CreateObject.
    pub(crate) fn create_object(&self, template: &Template) -> HsmResult<ObjectHandle> {
        let mut t = template.ck();
        let mut h = CK_INVALID_HANDLE;
        // SAFETY: the template points into `template`, alive for the call.
        call!(
            self.list,
            unsafe C_CreateObject(self.handle.0, t.as_mut_ptr(), t.len() as CK_ULONG, &mut h)
        )?;
        Ok(ObjectHandle(h))
    }

    /// C_DestroyObject.
    pub(crate) fn destroy_object(&self, object: ObjectHandle) -> HsmResult<()> {
        // SAFETY: plain handles.
        call!(self.list, unsafe C_DestroyObject(self.handle.0, object.0))
    }
}

//! Key generation and cryptography: C_GenerateKeyPair, C_GenerateKey, C_UnwrapKey, and the
//! one-part C_Sign, C_Verify, C_Encrypt and C_Decrypt with any mechanism and parameters
//! (cryptoki 0.12 had no X9.31 generation and names only the mechanisms it models).

use super::{MechType, ObjectHandle, Session, Template, check};
use crate::hsm::error::HsmResult;
use cryptoki_sys::*;

/// A mechanism's parameter block.
pub(crate) enum Param<'a> {
    /// None.
    None,
    /// Raw bytes (an IV).
    Bytes(&'a mut [u8]),
    /// RSASSA-PSS parameters.
    Pss(CK_RSA_PKCS_PSS_PARAMS),
}

/// A mechanism with its parameters, owned for the call.
pub(crate) struct Mechanism<'a> {
    /// The CKM_ code.
    pub(crate) code: MechType,
    /// Its parameters.
    pub(crate) param: Param<'a>,
}

impl Mechanism<'_> {
    /// A mechanism without parameters.
    pub(crate) fn plain(code: MechType) -> Mechanism<'static> {
        Mechanism {
            code,
            param: Param::None,
        }
    }

    /// RSASSA-PSS for SHA-2 `hash` (CKM_SHA256 ...): the combined mechanism, MGF1 with the
    /// same hash and a salt as long as the digest (the parameters X.509, TLS and openssl's
    /// `rsa_pss_saltlen:digest` use).
    pub(crate) fn pss(hash: MechType) -> Mechanism<'static> {
        let (code, mgf, salt) = match hash.0 {
            CKM_SHA384 => (CKM_SHA384_RSA_PKCS_PSS, CKG_MGF1_SHA384, 48),
            CKM_SHA512 => (CKM_SHA512_RSA_PKCS_PSS, CKG_MGF1_SHA512, 64),
            _ => (CKM_SHA256_RSA_PKCS_PSS, CKG_MGF1_SHA256, 32),
        };
        Mechanism {
            code: MechType(code),
            param: Param::Pss(CK_RSA_PKCS_PSS_PARAMS {
                hashAlg: hash.0,
                mgf,
                sLen: salt,
            }),
        }
    }

    /// The C view; it points into `self`, which must stay in place for the call.
    fn ck(&mut self) -> CK_MECHANISM {
        let (p, len): (*mut std::ffi::c_void, usize) = match &mut self.param {
            Param::None => (std::ptr::null_mut(), 0),
            Param::Bytes(b) => (b.as_mut_ptr().cast(), b.len()),
            Param::Pss(p) => (
                (p as *mut CK_RSA_PKCS_PSS_PARAMS).cast(),
                std::mem::size_of::<CK_RSA_PKCS_PSS_PARAMS>(),
            ),
        };
        CK_MECHANISM {
            mechanism: self.code.0,
            pParameter: p,
            ulParameterLen: len as CK_ULONG,
        }
    }
}

/// Room for any supported key's signature (RSA-16384 is 2,048 bytes), and for what one
/// encryption adds to its input (padding, a block).
const OUTPUT_ROOM: usize = 2048;

/// C_xInit, then the one-part C_x into a buffer of `room` bytes: the shape signing, encryption
/// and decryption share.
macro_rules! one_part {
    ($session:expr, $init:ident, $run:ident,
     $key:expr, $mechanism:expr, $data:expr, $room:expr) => {{
        let mut m = $mechanism.ck();
        let mut out = vec![0u8; $room];
        let mut len = out.len() as CK_ULONG;
        // SAFETY: the mechanism points into `$mechanism`, alive for the call.
        call!($session.list, unsafe $init($session.handle.0, &mut m, $key.0))?;
        // SAFETY: the input is only read; `out` has room for `len` bytes.
        call!(
            $session.list,
            unsafe $run(
                $session.handle.0,
                $data.as_ptr().cast_mut(),
                $data.len() as CK_ULONG,
                out.as_mut_ptr(),
                &mut len,
            )
        )?;
        out.truncate(len as usize);
        Ok(out)
    }};
}

impl Session<'_> {
    /// C_GenerateKeyPair: (public, private).
    pub(crate) fn generate_key_pair(
        &self,
        mechanism: MechType,
        public: &Template,
        private: &Template,
    ) -> HsmResult<(ObjectHandle, ObjectHandle)> {
        let (mut public, mut private) = (public.ck(), private.ck());
        let mut mech = Mechanism::plain(mechanism).ck();
        let (mut pub_h, mut priv_h) = (CK_INVALID_HANDLE, CK_INVALID_HANDLE);
        // SAFETY: the mechanism and templates point at values alive for the call.
        call!(
            self.list,
            unsafe C_GenerateKeyPair(
                self.handle.0,
                &mut mech,
                public.as_mut_ptr(),
                public.len() as CK_ULONG,
                private.as_mut_ptr(),
                private.len() as CK_ULONG,
                &mut pub_h,
                &mut priv_h,
            )
        )?;
        Ok((ObjectHandle(pub_h), ObjectHandle(priv_h)))
    }

    /// A new object from a mechanism and a template: `run` makes the call (C_GenerateKey,
    /// C_UnwrapKey) with the C views of both and the out-handle.
    fn new_object<F>(
        &self,
        mechanism: MechType,
        template: &Template,
        run: F,
    ) -> HsmResult<ObjectHandle>
    where
        F: FnOnce(&mut CK_MECHANISM, &mut [CK_ATTRIBUTE], &mut CK_OBJECT_HANDLE) -> HsmResult<()>,
    {
        let mut t = template.ck();
        let mut mech = Mechanism::plain(mechanism).ck();
        let mut h = CK_INVALID_HANDLE;
        run(&mut mech, &mut t, &mut h)?;
        Ok(ObjectHandle(h))
    }

    /// C_GenerateKey (a secret key).
    pub(crate) fn generate_key(
        &self,
        mechanism: MechType,
        template: &Template,
    ) -> HsmResult<ObjectHandle> {
        self.new_object(mechanism, template, |mech, t, h| {
            // SAFETY: the mechanism and template point at values alive for the call.
            call!(
                self.list,
                unsafe C_GenerateKey(self.handle.0, mech, t.as_mut_ptr(), t.len() as CK_ULONG, h)
            )
        })
    }

    /// C_UnwrapKey of `wrapped` under `key` into an object made from `template`.
    pub(crate) fn unwrap_key(
        &self,
        mechanism: MechType,
        key: ObjectHandle,
        wrapped: &[u8],
        template: &Template,
    ) -> HsmResult<ObjectHandle> {
        self.new_object(mechanism, template, |mech, t, h| {
            // SAFETY: `wrapped` is only read; the mechanism and template are alive for the call.
            call!(
                self.list,
                unsafe C_UnwrapKey(
                    self.handle.0,
                    mech,
                    key.0,
                    wrapped.as_ptr().cast_mut(),
                    wrapped.len() as CK_ULONG,
                    t.as_mut_ptr(),
                    t.len() as CK_ULONG,
                    h,
                )
            )
        })
    }

    /// C_SignInit + C_Sign.
    pub(crate) fn sign(
        &self,
        key: ObjectHandle,
        mut mechanism: Mechanism,
        data: &[u8],
    ) -> HsmResult<Vec<u8>> {
        one_part!(self, C_SignInit, C_Sign, key, mechanism, data, OUTPUT_ROOM)
    }

    /// C_SignInit, the context-specific C_Login a key with CKA_ALWAYS_AUTHENTICATE needs
    /// (with `pin`), then C_Sign.
    pub(crate) fn sign_authenticated(
        &self,
        key: ObjectHandle,
        mut mechanism: Mechanism,
        data: &[u8],
        pin: &[u8],
    ) -> HsmResult<Vec<u8>> {
        let mut m = mechanism.ck();
        // SAFETY: the mechanism points into `mechanism`, alive for the call.
        call!(self.list, unsafe C_SignInit(self.handle.0, &mut m, key.0))?;
        // SAFETY: the module only reads the PIN.
        call!(
            self.list,
            unsafe C_Login(
                self.handle.0,
                CKU_CONTEXT_SPECIFIC,
                pin.as_ptr().cast_mut(),
                pin.len() as CK_ULONG
            )
        )?;
        let mut out = vec![0u8; OUTPUT_ROOM];
        let mut len = out.len() as CK_ULONG;
        // SAFETY: `data` is only read; `out` has room for `len` bytes.
        call!(
            self.list,
            unsafe C_Sign(
                self.handle.0,
                data.as_ptr().cast_mut(),
                data.len() as CK_ULONG,
                out.as_mut_ptr(),
                &mut len,
            )
        )?;
        out.truncate(len as usize);
        Ok(out)
    }

    /// C_VerifyInit + C_Verify: Ok(true) for a good signature, Ok(false) for
    /// CKR_SIGNATURE_INVALID or CKR_SIGNATURE_LEN_RANGE.
    pub(crate) fn verify(
        &self,
        key: ObjectHandle,
        mut mechanism: Mechanism,
        data: &[u8],
        signature: &[u8],
    ) -> HsmResult<bool> {
        let mut m = mechanism.ck();
        // SAFETY: the mechanism points into `mechanism`, alive for the call.
        call!(self.list, unsafe C_VerifyInit(self.handle.0, &mut m, key.0))?;
        // SAFETY: `data` and `signature` are only read.
        let rv = call!(
            self.list,
            unsafe C_Verify(
                self.handle.0,
                data.as_ptr().cast_mut(),
                data.len() as CK_ULONG,
                signature.as_ptr().cast_mut(),
                signature.len() as CK_ULONG,
            ) => rv
        )?;
        match rv {
            CKR_SIGNATURE_INVALID | CKR_SIGNATURE_LEN_RANGE => Ok(false),
            rv => check("C_Verify", rv).map(|()| true),
        }
    }

    /// C_EncryptInit + C_Encrypt, or C_DecryptInit + C_Decrypt when `decrypt`; one part.
    pub(crate) fn crypt(
        &self,
        key: ObjectHandle,
        mut mechanism: Mechanism,
        data: &[u8],
        decrypt: bool,
    ) -> HsmResult<Vec<u8>> {
        let room = data.len() + OUTPUT_ROOM;
        if decrypt {
            one_part!(self, C_DecryptInit, C_Decrypt, key, mechanism, data, room)
        } else {
            one_part!(self, C_EncryptInit, C_Encrypt, key, mechanism, data, room)
        }
    }
}

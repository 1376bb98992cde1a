//! Secret-key generation, unwrapping, verification and encryption through the one function
//! list (see `calls` for why nothing goes through cryptoki's context).

use super::error::HsmResult;
use super::raw::{FunctionList, Template, check, missing};
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
pub(crate) struct Mech<'a> {
    /// The CKM_ code.
    pub(crate) code: CK_MECHANISM_TYPE,
    /// Its parameters.
    pub(crate) param: Param<'a>,
}

impl Mech<'_> {
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
            mechanism: self.code,
            pParameter: p,
            ulParameterLen: len as CK_ULONG,
        }
    }
}

/// A mechanism without parameters.
pub(crate) fn plain(code: CK_MECHANISM_TYPE) -> Mech<'static> {
    Mech {
        code,
        param: Param::None,
    }
}

/// RSASSA-PSS for SHA-2 `hash` (CKM_SHA256 ...): the combined mechanism, MGF1 with the same
/// hash and a salt as long as the digest (the parameters X.509, TLS and openssl's
/// `rsa_pss_saltlen:digest` use).
pub(crate) fn pss(hash: CK_MECHANISM_TYPE) -> Mech<'static> {
    let (code, mgf, salt) = match hash {
        CKM_SHA384 => (CKM_SHA384_RSA_PKCS_PSS, CKG_MGF1_SHA384, 48),
        CKM_SHA512 => (CKM_SHA512_RSA_PKCS_PSS, CKG_MGF1_SHA512, 64),
        _ => (CKM_SHA256_RSA_PKCS_PSS, CKG_MGF1_SHA256, 32),
    };
    Mech {
        code,
        param: Param::Pss(CK_RSA_PKCS_PSS_PARAMS {
            hashAlg: hash,
            mgf,
            sLen: salt,
        }),
    }
}

impl FunctionList {
    /// C_GenerateKey (a secret key).
    pub(crate) fn generate_key(
        &self,
        session: CK_SESSION_HANDLE,
        mechanism: CK_MECHANISM_TYPE,
        template: &mut Template,
    ) -> HsmResult<CK_OBJECT_HANDLE> {
        let f = self
            .list
            .C_GenerateKey
            .ok_or_else(|| missing("C_GenerateKey"))?;
        let mut t = template.ck();
        let mut mech = plain(mechanism).ck();
        let mut h = CK_INVALID_HANDLE;
        // SAFETY: the mechanism and template point at values alive for the call.
        check("C_GenerateKey", unsafe {
            f(
                session,
                &mut mech,
                t.as_mut_ptr(),
                t.len() as CK_ULONG,
                &mut h,
            )
        })?;
        Ok(h)
    }

    /// C_UnwrapKey of `wrapped` under `key` into an object made from `template`.
    pub(crate) fn unwrap_key(
        &self,
        session: CK_SESSION_HANDLE,
        mechanism: CK_MECHANISM_TYPE,
        key: CK_OBJECT_HANDLE,
        wrapped: &[u8],
        template: &mut Template,
    ) -> HsmResult<CK_OBJECT_HANDLE> {
        let f = self
            .list
            .C_UnwrapKey
            .ok_or_else(|| missing("C_UnwrapKey"))?;
        let mut t = template.ck();
        let mut mech = plain(mechanism).ck();
        let mut h = CK_INVALID_HANDLE;
        // SAFETY: `wrapped` is only read; the template points into `template`.
        check("C_UnwrapKey", unsafe {
            f(
                session,
                &mut mech,
                key,
                wrapped.as_ptr() as *mut u8,
                wrapped.len() as CK_ULONG,
                t.as_mut_ptr(),
                t.len() as CK_ULONG,
                &mut h,
            )
        })?;
        Ok(h)
    }

    /// C_SignInit + C_Sign with any mechanism and parameters.
    pub(crate) fn sign_mech(
        &self,
        session: CK_SESSION_HANDLE,
        key: CK_OBJECT_HANDLE,
        mech: Mech,
        data: &[u8],
    ) -> HsmResult<Vec<u8>> {
        self.sign_mech_auth(session, key, mech, data, None)
    }

    /// C_SignInit, then (for a key with CKA_ALWAYS_AUTHENTICATE) the context-specific
    /// C_Login with `context_pin`, then C_Sign.
    pub(crate) fn sign_mech_auth(
        &self,
        session: CK_SESSION_HANDLE,
        key: CK_OBJECT_HANDLE,
        mut mech: Mech,
        data: &[u8],
        context_pin: Option<&[u8]>,
    ) -> HsmResult<Vec<u8>> {
        let init = self.list.C_SignInit.ok_or_else(|| missing("C_SignInit"))?;
        let sign = self.list.C_Sign.ok_or_else(|| missing("C_Sign"))?;
        let mut m = mech.ck();
        // Room for any supported key's signature (RSA-16384 is 2,048 bytes).
        let mut out = vec![0u8; 2048];
        let mut len = out.len() as CK_ULONG;
        // SAFETY: `init` only reads the mechanism.
        check("C_SignInit", unsafe { init(session, &mut m, key) })?;
        if let Some(pin) = context_pin {
            self.login(session, CKU_CONTEXT_SPECIFIC, pin)?;
        }
        // SAFETY: `data` is only read; `out` has room for `len` bytes.
        unsafe {
            check(
                "C_Sign",
                sign(
                    session,
                    data.as_ptr() as *mut u8,
                    data.len() as CK_ULONG,
                    out.as_mut_ptr(),
                    &mut len,
                ),
            )?;
        }
        out.truncate(len as usize);
        Ok(out)
    }

    /// C_VerifyInit + C_Verify: Ok(true) for a good signature, Ok(false) for
    /// CKR_SIGNATURE_INVALID or CKR_SIGNATURE_LEN_RANGE.
    pub(crate) fn verify_mech(
        &self,
        session: CK_SESSION_HANDLE,
        key: CK_OBJECT_HANDLE,
        mut mech: Mech,
        data: &[u8],
        signature: &[u8],
    ) -> HsmResult<bool> {
        let init = self
            .list
            .C_VerifyInit
            .ok_or_else(|| missing("C_VerifyInit"))?;
        let verify = self.list.C_Verify.ok_or_else(|| missing("C_Verify"))?;
        let mut m = mech.ck();
        // SAFETY: `data` and `signature` are only read.
        unsafe {
            check("C_VerifyInit", init(session, &mut m, key))?;
            let rv = verify(
                session,
                data.as_ptr() as *mut u8,
                data.len() as CK_ULONG,
                signature.as_ptr() as *mut u8,
                signature.len() as CK_ULONG,
            );
            match rv {
                CKR_SIGNATURE_INVALID | CKR_SIGNATURE_LEN_RANGE => Ok(false),
                rv => check("C_Verify", rv).map(|()| true),
            }
        }
    }

    /// C_EncryptInit + C_Encrypt (`decrypt` false) or C_DecryptInit + C_Decrypt, one part.
    pub(crate) fn crypt(
        &self,
        session: CK_SESSION_HANDLE,
        key: CK_OBJECT_HANDLE,
        mut mech: Mech,
        data: &[u8],
        decrypt: bool,
    ) -> HsmResult<Vec<u8>> {
        let (init, run, names) = if decrypt {
            (
                self.list.C_DecryptInit,
                self.list.C_Decrypt,
                ("C_DecryptInit", "C_Decrypt"),
            )
        } else {
            (
                self.list.C_EncryptInit,
                self.list.C_Encrypt,
                ("C_EncryptInit", "C_Encrypt"),
            )
        };
        let init = init.ok_or_else(|| missing(names.0))?;
        let run = run.ok_or_else(|| missing(names.1))?;
        let mut m = mech.ck();
        let mut out = vec![0u8; data.len() + 2048];
        let mut len = out.len() as CK_ULONG;
        // SAFETY: `data` is only read; `out` has room for `len` bytes.
        unsafe {
            check(names.0, init(session, &mut m, key))?;
            check(
                names.1,
                run(
                    session,
                    data.as_ptr() as *mut u8,
                    data.len() as CK_ULONG,
                    out.as_mut_ptr(),
                    &mut len,
                ),
            )?;
        }
        out.truncate(len as usize);
        Ok(out)
    }
}

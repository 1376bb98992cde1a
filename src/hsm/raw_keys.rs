//! Secret-key generation, unwrapping, verification and encryption through the one function
//! list (see `calls` for why nothing goes through cryptoki's context).

use super::error::HsmResult;
use super::raw::{FunctionList, Template, check, missing};
use cryptoki_sys::*;

/// A mechanism with an optional parameter block that the caller keeps alive for the call.
pub(crate) struct Mech<'a> {
    /// The CKM_ code.
    pub(crate) code: CK_MECHANISM_TYPE,
    /// Its parameter bytes (a CK_RSA_PKCS_PSS_PARAMS, an IV), if any.
    pub(crate) param: Option<&'a mut [u8]>,
}

impl Mech<'_> {
    fn ck(&mut self) -> CK_MECHANISM {
        let (p, len) = match self.param.as_deref_mut() {
            Some(b) => (b.as_mut_ptr().cast(), b.len() as CK_ULONG),
            None => (std::ptr::null_mut(), 0),
        };
        CK_MECHANISM {
            mechanism: self.code,
            pParameter: p,
            ulParameterLen: len,
        }
    }
}

/// A mechanism without parameters.
pub(crate) fn plain(code: CK_MECHANISM_TYPE) -> Mech<'static> {
    Mech { code, param: None }
}

/// The bytes of a CK_RSA_PKCS_PSS_PARAMS for SHA-2 `hash` (salt as long as the digest).
pub(crate) fn pss_params(hash: CK_MECHANISM_TYPE) -> Vec<u8> {
    let (mgf, salt) = match hash {
        CKM_SHA384 => (CKG_MGF1_SHA384, 48),
        CKM_SHA512 => (CKG_MGF1_SHA512, 64),
        _ => (CKG_MGF1_SHA256, 32),
    };
    [hash, mgf, salt]
        .iter()
        .flat_map(|v: &CK_ULONG| v.to_ne_bytes())
        .collect()
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
        mut mech: Mech,
        data: &[u8],
    ) -> HsmResult<Vec<u8>> {
        let init = self.list.C_SignInit.ok_or_else(|| missing("C_SignInit"))?;
        let sign = self.list.C_Sign.ok_or_else(|| missing("C_Sign"))?;
        let mut m = mech.ck();
        // Room for any supported key's signature (RSA-16384 is 2,048 bytes).
        let mut out = vec![0u8; 2048];
        let mut len = out.len() as CK_ULONG;
        // SAFETY: `data` is only read; `out` has room for `len` bytes.
        unsafe {
            check("C_SignInit", init(session, &mut m, key))?;
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

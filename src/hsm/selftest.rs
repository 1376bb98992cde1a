//! Round trips inside the token for `test-key`: encrypt then decrypt (RSA PKCS#1 v1.5, AES-CBC
//! with padding) and HMAC sign then verify, on random data from the token.

use super::error::HsmResult;
use super::ffi::{MechType, Mechanism, ObjectHandle, Param};
use super::session::HsmSession;
use cryptoki_sys::*;

/// Which round trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundTrip {
    /// CKM_RSA_PKCS: the public key encrypts, the private key decrypts.
    Rsa,
    /// CKM_AES_CBC_PAD with a random IV, one key both ways.
    Aes,
    /// CKM_SHA256_HMAC: one key signs and verifies.
    Hmac,
}

impl RoundTrip {
    /// The mechanism's name, for reports.
    pub fn mechanism(self) -> &'static str {
        match self {
            RoundTrip::Rsa => "CKM_RSA_PKCS",
            RoundTrip::Aes => "CKM_AES_CBC_PAD",
            RoundTrip::Hmac => "CKM_SHA256_HMAC",
        }
    }
}

impl HsmSession<'_> {
    /// Encrypts (or MACs) 32 random bytes with `first` and decrypts (or verifies) with
    /// `second`: Ok(true) when the data comes back (the MAC verifies).
    pub fn round_trip(&self, kind: RoundTrip, first: u64, second: u64) -> HsmResult<bool> {
        let data = self.random(32)?;
        let (first, second) = (ObjectHandle(first), ObjectHandle(second));
        let plain = |code| Mechanism::plain(MechType(code));
        match kind {
            RoundTrip::Rsa => {
                let c = self.ffi.crypt(first, plain(CKM_RSA_PKCS), &data, false)?;
                match self.ffi.crypt(second, plain(CKM_RSA_PKCS), &c, true) {
                    Ok(p) => Ok(p == data),
                    // The wrong private key sees bad padding.
                    Err(e) if e.code() == Some(CKR_ENCRYPTED_DATA_INVALID) => Ok(false),
                    Err(e) => Err(e),
                }
            }
            RoundTrip::Aes => {
                let (mut iv, mut iv2) = (self.random(16)?, Vec::new());
                iv2.extend_from_slice(&iv);
                let enc = Mechanism {
                    code: MechType(CKM_AES_CBC_PAD),
                    param: Param::Bytes(&mut iv),
                };
                let c = self.ffi.crypt(first, enc, &data, false)?;
                let dec = Mechanism {
                    code: MechType(CKM_AES_CBC_PAD),
                    param: Param::Bytes(&mut iv2),
                };
                let p = self.ffi.crypt(second, dec, &c, true)?;
                Ok(p == data)
            }
            RoundTrip::Hmac => {
                let mac = self.sign_plain(first.0, CKM_SHA256_HMAC, &data)?;
                self.ffi.verify(second, plain(CKM_SHA256_HMAC), &data, &mac)
            }
        }
    }
}

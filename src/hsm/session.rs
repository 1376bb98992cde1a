//! Sessions and logins.

use super::error::HsmResult;
use super::ffi::{self, Template};
use cryptoki_sys::*;
use secrecy::{ExposeSecret, SecretString};

/// Who logs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The normal user (CKU_USER).
    User,
    /// The security officer (CKU_SO).
    So,
}

/// An open session on one token; closed when dropped.
pub struct HsmSession<'a> {
    pub(crate) ffi: ffi::Session<'a>,
}

impl<'a> HsmSession<'a> {
    pub(crate) fn new(ffi: ffi::Session<'a>) -> Self {
        HsmSession { ffi }
    }

    /// C_GenerateRandom from the token's RNG.
    pub fn random(&self, len: u32) -> HsmResult<Vec<u8>> {
        self.ffi.random(len as usize)
    }

    /// `C_Login`, exactly once: a failed login is never retried, so a token that counts failed
    /// attempts loses only one.
    pub fn login(&self, role: Role, pin: &SecretString) -> HsmResult<()> {
        match self.ffi.login(role, pin.expose_secret().as_bytes()) {
            // Logins are per application on a token: another session of ours already did it.
            Err(e) if e.code() == Some(CKR_USER_ALREADY_LOGGED_IN) => Ok(()),
            other => other,
        }
    }

    /// `C_InitPIN`: the logged-in SO sets the user PIN.
    pub fn init_pin(&self, pin: &SecretString) -> HsmResult<()> {
        self.ffi.init_pin(pin.expose_secret().as_bytes())
    }

    /// `C_SetPIN`: changes the PIN of whoever is logged in.
    pub fn set_pin(&self, old: &SecretString, new: &SecretString) -> HsmResult<()> {
        self.ffi.set_pin(
            old.expose_secret().as_bytes(),
            new.expose_secret().as_bytes(),
        )
    }

    /// How many objects this session can see (private ones only after a login).
    pub fn count_objects(&self) -> HsmResult<usize> {
        Ok(self.ffi.find_objects(&Template::new())?.len())
    }
}

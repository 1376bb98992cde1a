//! Sessions and logins.

use super::error::{CkResultExt, HsmResult};
use super::raw::FunctionList;
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::session::{Session, UserType};
use secrecy::SecretString;

/// Who logs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The normal user (CKU_USER).
    User,
    /// The security officer (CKU_SO).
    So,
}

/// An open session on one token. Object operations go through the module's function list
/// (see `raw`); login and PIN management through cryptoki.
pub struct HsmSession<'a> {
    s: Session,
    pub(crate) raw: &'a FunctionList,
}

impl<'a> HsmSession<'a> {
    pub(crate) fn new(s: Session, raw: &'a FunctionList) -> Self {
        HsmSession { s, raw }
    }

    /// The raw session handle, for calls through the function list.
    pub(crate) fn handle(&self) -> cryptoki_sys::CK_SESSION_HANDLE {
        self.s.handle()
    }

    /// C_GenerateRandom from the token's RNG.
    pub fn random(&self, len: u32) -> HsmResult<Vec<u8>> {
        self.s.generate_random_vec(len).ck()
    }

    /// `C_Login`, exactly once: a failed login is never retried, so a token that counts failed
    /// attempts loses only one.
    pub fn login(&self, role: Role, pin: &SecretString) -> HsmResult<()> {
        let user = match role {
            Role::User => UserType::User,
            Role::So => UserType::So,
        };
        match self.s.login(user, Some(pin)) {
            // Logins are per application on a token: another session of ours already did it.
            Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => Ok(()),
            other => other.ck(),
        }
    }

    /// `C_InitPIN`: the logged-in SO sets the user PIN.
    pub fn init_pin(&self, pin: &SecretString) -> HsmResult<()> {
        self.s.init_pin(pin).ck()
    }

    /// `C_SetPIN`: changes the PIN of whoever is logged in.
    pub fn set_pin(&self, old: &SecretString, new: &SecretString) -> HsmResult<()> {
        self.s.set_pin(old, new).ck()
    }

    /// How many objects this session can see (private ones only after a login).
    pub fn count_objects(&self) -> HsmResult<usize> {
        Ok(self
            .raw
            .find_objects(self.handle(), &mut Default::default())?
            .len())
    }
}

//! Sessions for a long-running server (the agent): taken per request, one at a time per
//! thread, and reopened with a fresh login when the token lost them (an HSM restart, a
//! removed device, a closed session).

use super::Hsm;
use super::error::{HsmError, HsmResult};
use super::session::{HsmSession, Role};
use cryptoki_sys::*;
use secrecy::SecretString;
use std::sync::Mutex;

/// Return values after which the session, or the login behind it, is gone: the request is
/// worth one more try on a new session, logged in again.
const SESSION_LOST: &[CK_RV] = &[
    CKR_SESSION_HANDLE_INVALID,
    CKR_SESSION_CLOSED,
    CKR_DEVICE_REMOVED,
    CKR_TOKEN_NOT_PRESENT,
    CKR_USER_NOT_LOGGED_IN,
    CKR_DEVICE_ERROR,
];

/// Return values that mean a key handle went stale (the object was re-created, or the module
/// restarted): worth one more try with the key looked up again, on the same session.
const HANDLE_LOST: &[CK_RV] = &[CKR_KEY_HANDLE_INVALID, CKR_OBJECT_HANDLE_INVALID];

/// Whether an error means the session (or the login) was lost.
fn lost(e: &HsmError) -> bool {
    e.code().is_some_and(|rv| SESSION_LOST.contains(&rv))
}

fn handle_lost(e: &HsmError) -> bool {
    e.code().is_some_and(|rv| HANDLE_LOST.contains(&rv))
}

/// What a request took beyond its first try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// Nothing: the first try answered.
    None,
    /// The key was looked up again (its handle had gone stale).
    Key,
    /// A new session and a new login (the token had lost them).
    Session,
}

/// Idle sessions on one token, all under one user login made with the held PIN.
pub struct SessionPool<'a> {
    hsm: &'a Hsm,
    slot: u64,
    // Held for the agent's life: a restarted HSM forgets the login, and the agent logs in again
    // rather than die. SecretString zeroizes it when the pool goes.
    pin: SecretString,
    idle: Mutex<Vec<HsmSession<'a>>>,
}

impl<'a> SessionPool<'a> {
    /// A pool on `slot`, starting with a session already logged in with `pin`.
    pub fn new(hsm: &'a Hsm, slot: u64, pin: SecretString, first: HsmSession<'a>) -> Self {
        SessionPool {
            hsm,
            slot,
            pin,
            idle: Mutex::new(vec![first]),
        }
    }

    /// The PIN, for a key's context-specific login.
    pub fn pin(&self) -> &SecretString {
        &self.pin
    }

    /// Runs `job` on an idle session (or a new one). When it fails because a key handle went
    /// stale, it runs again on the same session, told so by its `again` argument (to look its
    /// key up again). When the session or the login was lost, every idle session is dropped
    /// (they went with it), a new session logs in again and `job` runs once more. Says which
    /// recovery it took.
    pub fn with_session<T>(
        &self,
        job: impl Fn(&HsmSession<'a>, bool) -> HsmResult<T>,
    ) -> HsmResult<(T, Recovery)> {
        let session = self.take()?;
        match job(&session, false) {
            Err(e) if handle_lost(&e) => {
                let r = job(&session, true);
                self.give_back(session);
                r.map(|v| (v, Recovery::Key))
            }
            Err(e) if lost(&e) => {
                drop(session);
                self.idle.lock().unwrap_or_else(|p| p.into_inner()).clear();
                let fresh = self.hsm.session(self.slot, false)?;
                fresh.login(Role::User, &self.pin)?;
                let r = job(&fresh, true);
                if !r.as_ref().is_err_and(lost) {
                    self.give_back(fresh);
                }
                r.map(|v| (v, Recovery::Session))
            }
            r => {
                self.give_back(session);
                r.map(|v| (v, Recovery::None))
            }
        }
    }

    fn take(&self) -> HsmResult<HsmSession<'a>> {
        let found = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        match found {
            Some(s) => Ok(s),
            // Logins are per application: a new session shares the one made at start-up.
            None => self.hsm.session(self.slot, false),
        }
    }

    fn give_back(&self, s: HsmSession<'a>) {
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).push(s);
    }
}

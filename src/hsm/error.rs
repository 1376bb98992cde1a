//! Typed PKCS#11 errors: the CKR name, the function that returned it, the exit code and a hint.

use crate::exit::Exit;
use cryptoki_sys::*;
use std::path::PathBuf;

/// An error from the PKCS#11 layer. Everything above `hsm/` sees only this type.
#[derive(Debug, thiserror::Error)]
pub enum HsmError {
    /// A PKCS#11 function returned something other than CKR_OK.
    #[error("{function} failed: {ckr}")]
    Ckr {
        /// The PKCS#11 function, as `C_Login`.
        function: String,
        /// The return value's name, as `CKR_PIN_INCORRECT`.
        ckr: String,
        /// The numeric return value.
        code: CK_RV,
    },
    /// The module file could not be loaded as a PKCS#11 library.
    #[error("cannot load PKCS#11 module {path}: {reason}")]
    Load {
        /// The module path as resolved.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// No module was named and none was found at the default locations.
    #[error("no PKCS#11 module given, and none found at {searched}")]
    NoModule {
        /// The default locations that were tried.
        searched: String,
    },
    /// No token, or more than one, answers the selection; `hint` lists the tokens there are.
    #[error("{message}")]
    Selection {
        /// What was asked for and what was found.
        message: String,
        /// The tokens seen, one per line, with how to pick one.
        hint: String,
    },
    /// Something this build or this module cannot do (exit 8).
    #[error("{0}")]
    Unsupported(String),
    /// Any other failure inside the PKCS#11 layer (bad data from the module, limits exceeded).
    #[error("{0}")]
    Other(String),
}

/// Shorthand for results of the PKCS#11 layer.
pub type HsmResult<T> = Result<T, HsmError>;

impl HsmError {
    /// The CKR code, when the error came from a PKCS#11 function.
    pub fn code(&self) -> Option<CK_RV> {
        match self {
            HsmError::Ckr { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// The exit code this error maps to (see the conventions' table).
    pub fn exit(&self) -> Exit {
        let Some(code) = self.code() else {
            return match self {
                HsmError::Load { .. } | HsmError::NoModule { .. } | HsmError::Selection { .. } => {
                    Exit::Module
                }
                HsmError::Unsupported(_) => Exit::Unsupported,
                _ => Exit::Failed,
            };
        };
        match code {
            CKR_PIN_INCORRECT
            | CKR_PIN_LOCKED
            | CKR_PIN_EXPIRED
            | CKR_PIN_INVALID
            | CKR_PIN_LEN_RANGE
            | CKR_USER_NOT_LOGGED_IN
            | CKR_USER_PIN_NOT_INITIALIZED
            | CKR_USER_TYPE_INVALID
            | CKR_USER_ANOTHER_ALREADY_LOGGED_IN
            | CKR_USER_TOO_MANY_TYPES => Exit::Auth,
            CKR_TOKEN_NOT_PRESENT
            | CKR_TOKEN_NOT_RECOGNIZED
            | CKR_SLOT_ID_INVALID
            | CKR_DEVICE_REMOVED
            | CKR_CRYPTOKI_NOT_INITIALIZED => Exit::Module,
            CKR_MECHANISM_INVALID
            | CKR_FUNCTION_NOT_SUPPORTED
            | CKR_KEY_TYPE_INCONSISTENT
            | CKR_CURVE_NOT_SUPPORTED
            | CKR_DOMAIN_PARAMS_INVALID => Exit::Unsupported,
            CKR_OBJECT_HANDLE_INVALID | CKR_KEY_HANDLE_INVALID => Exit::NotFound,
            _ => Exit::Failed,
        }
    }

    /// A hint for the CKR codes a user can do something about.
    pub fn hint(&self) -> Option<String> {
        match self {
            HsmError::Load { .. } | HsmError::NoModule { .. } => {
                return Some(
                    "pass a PKCS#11 module with --module or HSMCTL_MODULE: a path (for SoftHSM2 \
                     /usr/lib/softhsm/libsofthsm2.so) or a p11-kit module name (softhsm2, \
                     opensc-pkcs11: the files in /usr/share/p11-kit/modules)"
                        .into(),
                );
            }
            HsmError::Selection { hint, .. } => return Some(hint.clone()),
            _ => {}
        }
        let text: &str = match self.code()? {
            CKR_PIN_INCORRECT => {
                "check the PIN source (--pin-file, --pin-env, --pin-fd); hsmctl never retries a \
                 login, so a token that counts failures lost one attempt"
            }
            CKR_PIN_LOCKED => {
                "the PIN is locked; the security officer can set a new user PIN with \
                 `hsmctl token init-pin`"
            }
            CKR_PIN_LEN_RANGE | CKR_PIN_INVALID => {
                "the PIN's length or characters are outside what the token accepts; \
                 `hsmctl slot show` gives the token's PIN length range"
            }
            CKR_PIN_EXPIRED => "the PIN has expired; set a new one with `hsmctl token set-pin`",
            CKR_USER_NOT_LOGGED_IN => "this operation needs a login; give a PIN source",
            CKR_USER_PIN_NOT_INITIALIZED => {
                "the token has no user PIN yet; set it with `hsmctl token init-pin`"
            }
            CKR_TOKEN_NOT_RECOGNIZED => {
                "the module does not recognize the token in this slot; check that it is a \
                 token this module supports"
            }
            CKR_TOKEN_NOT_PRESENT | CKR_DEVICE_REMOVED => {
                "the token was removed or the connection to the HSM was lost; check the \
                 device or network link and run the command again"
            }
            CKR_SLOT_ID_INVALID => {
                "slot ids are not stable (SoftHSM2 and p11-kit renumber them); select the \
                 token with --token LABEL or --serial SERIAL"
            }
            CKR_MECHANISM_INVALID | CKR_FUNCTION_NOT_SUPPORTED => {
                "this module does not support the operation; `hsmctl slot show --mechanisms` \
                 lists what it offers"
            }
            CKR_TOKEN_WRITE_PROTECTED | CKR_SESSION_READ_ONLY => "the token is write-protected",
            CKR_ATTRIBUTE_READ_ONLY | CKR_ACTION_PROHIBITED => {
                "the token refuses this change (the object may have CKA_MODIFIABLE=false)"
            }
            _ => return None,
        };
        Some(text.into())
    }
}

// The CKR_ codes named in messages (any other is shown in hex by [`ckr_name`]).
names!(
    CKR_TABLE,
    CKR_CANCEL,
    CKR_HOST_MEMORY,
    CKR_SLOT_ID_INVALID,
    CKR_GENERAL_ERROR,
    CKR_FUNCTION_FAILED,
    CKR_ARGUMENTS_BAD,
    CKR_NO_EVENT,
    CKR_NEED_TO_CREATE_THREADS,
    CKR_CANT_LOCK,
    CKR_ATTRIBUTE_READ_ONLY,
    CKR_ATTRIBUTE_SENSITIVE,
    CKR_ATTRIBUTE_TYPE_INVALID,
    CKR_ATTRIBUTE_VALUE_INVALID,
    CKR_ACTION_PROHIBITED,
    CKR_DATA_INVALID,
    CKR_DATA_LEN_RANGE,
    CKR_DEVICE_ERROR,
    CKR_DEVICE_MEMORY,
    CKR_DEVICE_REMOVED,
    CKR_ENCRYPTED_DATA_INVALID,
    CKR_ENCRYPTED_DATA_LEN_RANGE,
    CKR_FUNCTION_CANCELED,
    CKR_FUNCTION_NOT_PARALLEL,
    CKR_FUNCTION_NOT_SUPPORTED,
    CKR_KEY_HANDLE_INVALID,
    CKR_KEY_SIZE_RANGE,
    CKR_KEY_TYPE_INCONSISTENT,
    CKR_KEY_NOT_NEEDED,
    CKR_KEY_CHANGED,
    CKR_KEY_NEEDED,
    CKR_KEY_INDIGESTIBLE,
    CKR_KEY_FUNCTION_NOT_PERMITTED,
    CKR_KEY_NOT_WRAPPABLE,
    CKR_KEY_UNEXTRACTABLE,
    CKR_MECHANISM_INVALID,
    CKR_MECHANISM_PARAM_INVALID,
    CKR_OBJECT_HANDLE_INVALID,
    CKR_OPERATION_ACTIVE,
    CKR_OPERATION_NOT_INITIALIZED,
    CKR_PIN_INCORRECT,
    CKR_PIN_INVALID,
    CKR_PIN_LEN_RANGE,
    CKR_PIN_EXPIRED,
    CKR_PIN_LOCKED,
    CKR_SESSION_CLOSED,
    CKR_SESSION_COUNT,
    CKR_SESSION_HANDLE_INVALID,
    CKR_SESSION_PARALLEL_NOT_SUPPORTED,
    CKR_SESSION_READ_ONLY,
    CKR_SESSION_EXISTS,
    CKR_SESSION_READ_ONLY_EXISTS,
    CKR_SESSION_READ_WRITE_SO_EXISTS,
    CKR_SIGNATURE_INVALID,
    CKR_SIGNATURE_LEN_RANGE,
    CKR_TEMPLATE_INCOMPLETE,
    CKR_TEMPLATE_INCONSISTENT,
    CKR_TOKEN_NOT_PRESENT,
    CKR_TOKEN_NOT_RECOGNIZED,
    CKR_TOKEN_WRITE_PROTECTED,
    CKR_UNWRAPPING_KEY_HANDLE_INVALID,
    CKR_UNWRAPPING_KEY_SIZE_RANGE,
    CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT,
    CKR_USER_ALREADY_LOGGED_IN,
    CKR_USER_NOT_LOGGED_IN,
    CKR_USER_PIN_NOT_INITIALIZED,
    CKR_USER_TYPE_INVALID,
    CKR_USER_ANOTHER_ALREADY_LOGGED_IN,
    CKR_USER_TOO_MANY_TYPES,
    CKR_WRAPPED_KEY_INVALID,
    CKR_WRAPPED_KEY_LEN_RANGE,
    CKR_WRAPPING_KEY_HANDLE_INVALID,
    CKR_WRAPPING_KEY_SIZE_RANGE,
    CKR_WRAPPING_KEY_TYPE_INCONSISTENT,
    CKR_RANDOM_SEED_NOT_SUPPORTED,
    CKR_RANDOM_NO_RNG,
    CKR_DOMAIN_PARAMS_INVALID,
    CKR_CURVE_NOT_SUPPORTED,
    CKR_BUFFER_TOO_SMALL,
    CKR_SAVED_STATE_INVALID,
    CKR_INFORMATION_SENSITIVE,
    CKR_STATE_UNSAVEABLE,
    CKR_CRYPTOKI_NOT_INITIALIZED,
    CKR_CRYPTOKI_ALREADY_INITIALIZED,
    CKR_MUTEX_BAD,
    CKR_MUTEX_NOT_LOCKED,
    CKR_FUNCTION_REJECTED,
);

/// The CKR name of a return value, or its hex form for vendor and unknown codes.
pub fn ckr_name(code: CK_RV) -> String {
    match CKR_TABLE.iter().find(|(c, _)| *c == code) {
        Some((_, name)) => (*name).to_string(),
        None if code >= CKR_VENDOR_DEFINED => {
            format!("CKR_VENDOR_DEFINED+0x{:x}", code - CKR_VENDOR_DEFINED)
        }
        None => format!("CKR_0x{code:08x}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_codes_and_maps_pin_errors_to_auth() {
        assert_eq!(ckr_name(CKR_PIN_INCORRECT), "CKR_PIN_INCORRECT");
        assert_eq!(
            ckr_name(CKR_VENDOR_DEFINED + 0x2a),
            "CKR_VENDOR_DEFINED+0x2a"
        );
        assert_eq!(ckr_name(0x0fff), "CKR_0x00000fff");
        let e = crate::hsm::ffi::check("C_Login", CKR_PIN_INCORRECT).unwrap_err();
        assert_eq!(e.to_string(), "C_Login failed: CKR_PIN_INCORRECT");
        assert_eq!(e.exit(), Exit::Auth);
        assert!(e.hint().is_some());
    }
}

//! `hsmctl token ...`: initialization and PIN management.

pub mod init;
pub mod init_pin;
pub mod set_pin;

use crate::hsm::TokenEntry;
use crate::output::Report;
use serde::Serialize;

/// What a token command did, to which token.
#[derive(Serialize)]
pub struct TokenReport {
    /// What was done: `initialized`, `user_pin_set`, `user_pin_changed`, `so_pin_changed`.
    pub action: &'static str,
    /// The token label.
    pub label: String,
    /// The token serial number.
    pub serial: String,
    /// The token's `pkcs11:` URI.
    pub uri: String,
}

impl TokenReport {
    /// A report about `token`. No slot id: SoftHSM2 and p11-kit renumber slots, so the serial
    /// and the URI are what to select the token by next time.
    pub fn new(action: &'static str, token: &TokenEntry) -> Self {
        TokenReport {
            action,
            label: token.label.clone(),
            serial: token.serial.clone(),
            uri: token.uri.clone(),
        }
    }
}

impl Report for TokenReport {
    fn human(&self) -> String {
        let what = match self.action {
            "initialized" => "initialized; user PIN set",
            "user_pin_set" => "user PIN set by the security officer",
            "user_pin_changed" => "user PIN changed",
            "so_pin_changed" => "SO PIN changed",
            other => other,
        };
        format!(
            "Token '{}' (serial {}): {what}.\n{}\n",
            self.label, self.serial, self.uri
        )
    }
}

//! What cmu asks, in Luna's order: the password (unless `-password` or HSMCTL_PIN gives it),
//! then, for RSA without `-mech`, the mechanism menu.

use super::translate::{Refuse, mechanism};
use crate::luna::{HeldPin, LunaError};
use std::io::IsTerminal;

/// The PIN for this run: `-password` (which works, with a warning), else HSMCTL_PIN, else
/// Luna's prompt on a terminal naming Luna's slot number; None leaves hsmctl's own error for
/// no PIN source (exit 5).
pub fn held_pin(
    password: Option<HeldPin>,
    slot: Option<&str>,
) -> Result<Option<HeldPin>, LunaError> {
    if let Some(pin) = password {
        eprintln!(
            "warning: -password puts the PIN where other users can read it (ps, shell \
             history); set HSMCTL_PIN or let cmu ask instead"
        );
        return Ok(Some(pin));
    }
    if let Some(v) = std::env::var_os("HSMCTL_PIN").filter(|v| !v.is_empty()) {
        let v = zeroize::Zeroizing::new(v.into_encoded_bytes());
        // Single-threaded here; the PIN stays out of child processes' environments and of
        // /proc/PID/environ.
        crate::sys::scrub_env("HSMCTL_PIN");
        return Ok(Some(HeldPin::new(
            String::from_utf8_lossy(&v).into_owned().into(),
        )));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let slot = match slot {
        Some(s) => s.to_string(),
        None => crate::luna::only_initialized().unwrap_or(0).to_string(),
    };
    let pin = crate::pin::ask(&format!("Please enter password for token in slot {slot} "))
        .map_err(|e| LunaError(e.to_string()))?;
    Ok(Some(HeldPin::new(pin)))
}

/// Luna's RSA mechanism question on a terminal (PKCS without one).
pub fn mechanism_menu() -> Result<&'static str, Refuse> {
    use std::io::{BufRead, Write};
    if !std::io::stdin().is_terminal() {
        return Ok("pkcs");
    }
    loop {
        eprint!(
            "Select RSA Mechanism Type -\n[1] PKCS [2] FIPS 186-3 Only Primes [3] FIPS 186-3 Auxiliary Primes : "
        );
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line).unwrap_or(0) == 0 {
            return Err(LunaError("no mechanism chosen".into()).into());
        }
        match line.trim() {
            "1" | "2" | "3" => return mechanism(line.trim()),
            _ => eprintln!("Please enter 1, 2 or 3."),
        }
    }
}

//! Jobs shared by several commands, between the commands and the layers below (hsm, formats,
//! store): a command calls them; they never call a command, and they print nothing.

pub mod certs;
pub mod identity;
pub mod keys;
pub mod servers;

//! What hsmctl keeps on disk: the home directory and its config file.

pub mod atomic;
pub mod chrystoki;
pub mod client_dir;
pub mod config;
pub mod input;
pub mod lock;
pub mod luna_handles;
pub mod shred;

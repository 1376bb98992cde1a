//! What hsmctl keeps on disk: the home directory and its config file.

pub mod config;
pub mod lock;

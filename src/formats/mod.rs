//! Pure data formats: parsing and printing with no I/O, unit-tested in place.

pub mod ec;
pub mod pkcs11_uri;

//! Plain, serializable descriptions of the module, its slots, tokens and mechanisms.

use crate::formats::pkcs11_uri;
use cryptoki::mechanism::{MechanismInfo, MechanismType};
use cryptoki::slot::{Limit, SlotInfo, TokenInfo};
use cryptoki_sys::*;
use serde::Serialize;

/// `C_GetInfo`, plus where the module was loaded from.
#[derive(Debug, Clone, Serialize)]
pub struct LibraryInfo {
    /// The module file.
    pub module: String,
    /// The Cryptoki (PKCS#11) version the module implements.
    pub cryptoki_version: String,
    /// `manufacturerID`.
    pub manufacturer: String,
    /// `libraryDescription`.
    pub library_description: String,
    /// `libraryVersion`.
    pub library_version: String,
}

/// One slot, with its token when present.
#[derive(Debug, Clone, Serialize)]
pub struct SlotEntry {
    /// The slot id (not stable across module loads on every module).
    pub slot_id: u64,
    /// `slotDescription`.
    pub description: String,
    /// The slot's `manufacturerID`.
    pub manufacturer: String,
    /// The slot's hardware version.
    pub hardware_version: String,
    /// The slot's firmware version.
    pub firmware_version: String,
    /// CKF_TOKEN_PRESENT.
    pub token_present: bool,
    /// CKF_REMOVABLE_DEVICE.
    pub removable_device: bool,
    /// CKF_HW_SLOT.
    pub hardware_slot: bool,
    /// The token, when one is present and readable.
    pub token: Option<TokenEntry>,
    /// Why the token could not be read, when it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_error: Option<String>,
}

impl SlotEntry {
    pub(crate) fn from_info(slot_id: u64, info: &SlotInfo) -> Self {
        SlotEntry {
            slot_id,
            description: info.slot_description().to_string(),
            manufacturer: info.manufacturer_id().to_string(),
            hardware_version: info.hardware_version().to_string(),
            firmware_version: info.firmware_version().to_string(),
            token_present: info.token_present(),
            removable_device: info.removable_device(),
            hardware_slot: info.hardware_slot(),
            token: None,
            token_error: None,
        }
    }

    /// The token when it is present and initialized.
    pub fn initialized_token(&self) -> Option<&TokenEntry> {
        self.token.as_ref().filter(|t| t.flags.token_initialized)
    }

    /// The slot's `pkcs11:` URI: the token's when initialized, else the slot id's.
    pub fn uri(&self) -> String {
        match self.initialized_token() {
            Some(t) => t.uri.clone(),
            None => format!("pkcs11:slot-id={}", self.slot_id),
        }
    }

    /// One line naming the slot and its token, for messages.
    pub fn describe(&self) -> String {
        match (&self.token, &self.token_error) {
            // Token data: escaped, since this line goes into messages and hints.
            (Some(t), _) if t.flags.token_initialized => format!(
                "slot {}: token '{}', serial {}",
                self.slot_id,
                crate::formats::text::escaped(&t.label),
                crate::formats::text::escaped(&t.serial)
            ),
            (Some(_), _) => format!("slot {}: uninitialized token", self.slot_id),
            (None, Some(e)) => format!("slot {}: unreadable token ({e})", self.slot_id),
            (None, None) => format!("slot {}: no token", self.slot_id),
        }
    }
}

/// The token flags an administrator acts on.
#[derive(Debug, Clone, Serialize)]
pub struct TokenFlags {
    /// CKF_TOKEN_INITIALIZED.
    pub token_initialized: bool,
    /// CKF_LOGIN_REQUIRED.
    pub login_required: bool,
    /// CKF_USER_PIN_INITIALIZED.
    pub user_pin_initialized: bool,
    /// CKF_USER_PIN_COUNT_LOW: a wrong PIN was entered since the last success.
    pub user_pin_count_low: bool,
    /// CKF_USER_PIN_FINAL_TRY: one more wrong PIN locks the token.
    pub user_pin_final_try: bool,
    /// CKF_USER_PIN_LOCKED.
    pub user_pin_locked: bool,
    /// CKF_USER_PIN_TO_BE_CHANGED.
    pub user_pin_to_be_changed: bool,
    /// CKF_SO_PIN_COUNT_LOW.
    pub so_pin_count_low: bool,
    /// CKF_SO_PIN_FINAL_TRY.
    pub so_pin_final_try: bool,
    /// CKF_SO_PIN_LOCKED.
    pub so_pin_locked: bool,
    /// CKF_SO_PIN_TO_BE_CHANGED.
    pub so_pin_to_be_changed: bool,
    /// CKF_WRITE_PROTECTED.
    pub write_protected: bool,
    /// CKF_RNG.
    pub rng: bool,
    /// CKF_PROTECTED_AUTHENTICATION_PATH (PIN pad).
    pub protected_authentication_path: bool,
    /// CKF_CLOCK_ON_TOKEN.
    pub clock_on_token: bool,
    /// CKF_ERROR_STATE.
    pub error_state: bool,
}

impl TokenFlags {
    /// The flags that are set, by short name, for human tables.
    pub fn short_names(&self) -> Vec<&'static str> {
        [
            (self.token_initialized, "initialized"),
            (self.login_required, "login-required"),
            (self.user_pin_initialized, "user-pin-initialized"),
            (self.user_pin_count_low, "USER-PIN-COUNT-LOW"),
            (self.user_pin_final_try, "USER-PIN-FINAL-TRY"),
            (self.user_pin_locked, "USER-PIN-LOCKED"),
            (self.user_pin_to_be_changed, "user-pin-to-be-changed"),
            (self.so_pin_count_low, "SO-PIN-COUNT-LOW"),
            (self.so_pin_final_try, "SO-PIN-FINAL-TRY"),
            (self.so_pin_locked, "SO-PIN-LOCKED"),
            (self.write_protected, "write-protected"),
            (self.error_state, "ERROR-STATE"),
        ]
        .into_iter()
        .filter_map(|(set, name)| set.then_some(name))
        .collect()
    }
}

/// One token: identity, versions, flags, limits and its `pkcs11:` URI.
#[derive(Debug, Clone, Serialize)]
pub struct TokenEntry {
    /// CKA_LABEL of the token (blank padding removed).
    pub label: String,
    /// `serialNumber`.
    pub serial: String,
    /// `manufacturerID`.
    pub manufacturer: String,
    /// `model`.
    pub model: String,
    /// The token's hardware version.
    pub hardware_version: String,
    /// The token's firmware version.
    pub firmware_version: String,
    /// The token flags.
    pub flags: TokenFlags,
    /// Shortest PIN the token accepts.
    pub min_pin_length: usize,
    /// Longest PIN the token accepts.
    pub max_pin_length: usize,
    /// Open sessions, when the token says.
    pub session_count: Option<u64>,
    /// Session limit: a number, "unlimited" or null when the token does not say.
    pub max_session_count: Option<String>,
    /// Open read-write sessions, when the token says.
    pub rw_session_count: Option<u64>,
    /// Read-write session limit.
    pub max_rw_session_count: Option<String>,
    /// Public memory in bytes, when the token says.
    pub total_public_memory: Option<usize>,
    /// Free public memory in bytes.
    pub free_public_memory: Option<usize>,
    /// Private memory in bytes.
    pub total_private_memory: Option<usize>,
    /// Free private memory in bytes.
    pub free_private_memory: Option<usize>,
    /// The token's clock (ISO 8601), when it has one.
    pub utc_time: Option<String>,
    /// The token's `pkcs11:` URI.
    pub uri: String,
}

fn limit(l: Limit) -> Option<String> {
    match l {
        Limit::Max(n) => Some(n.to_string()),
        Limit::Infinite => Some("unlimited".into()),
        Limit::Unavailable => None,
    }
}

impl TokenEntry {
    pub(crate) fn from_info(t: &TokenInfo) -> Self {
        TokenEntry {
            label: t.label().to_string(),
            serial: t.serial_number().to_string(),
            manufacturer: t.manufacturer_id().to_string(),
            model: t.model().to_string(),
            hardware_version: t.hardware_version().to_string(),
            firmware_version: t.firmware_version().to_string(),
            flags: TokenFlags {
                token_initialized: t.token_initialized(),
                login_required: t.login_required(),
                user_pin_initialized: t.user_pin_initialized(),
                user_pin_count_low: t.user_pin_count_low(),
                user_pin_final_try: t.user_pin_final_try(),
                user_pin_locked: t.user_pin_locked(),
                user_pin_to_be_changed: t.user_pin_to_be_changed(),
                so_pin_count_low: t.so_pin_count_low(),
                so_pin_final_try: t.so_pin_final_try(),
                so_pin_locked: t.so_pin_locked(),
                so_pin_to_be_changed: t.so_pin_to_be_changed(),
                write_protected: t.write_protected(),
                rng: t.rng(),
                protected_authentication_path: t.protected_authentication_path(),
                clock_on_token: t.clock_on_token(),
                error_state: t.error_state(),
            },
            min_pin_length: t.min_pin_length(),
            max_pin_length: t.max_pin_length(),
            session_count: t.session_count(),
            max_session_count: limit(t.max_session_count()),
            rw_session_count: t.rw_session_count(),
            max_rw_session_count: limit(t.max_rw_session_count()),
            total_public_memory: t.total_public_memory(),
            free_public_memory: t.free_public_memory(),
            total_private_memory: t.total_private_memory(),
            free_private_memory: t.free_private_memory(),
            utc_time: t.utc_time().map(|u| u.as_iso8601_string()),
            uri: pkcs11_uri::token_uri(
                t.model(),
                t.manufacturer_id(),
                t.serial_number(),
                t.label(),
            ),
        }
    }
}

/// One mechanism of a slot.
#[derive(Debug, Clone, Serialize)]
pub struct MechanismEntry {
    /// The CKM_ name (vendor mechanisms as `CKM_VENDOR_DEFINED+0x...`).
    pub name: String,
    /// The numeric mechanism type, hex.
    pub code: String,
    /// `ulMinKeySize` (bits or bytes, as the mechanism defines).
    pub min_key_size: usize,
    /// `ulMaxKeySize`.
    pub max_key_size: usize,
    /// The CKF_ flags set, by short name (`sign`, `verify`, `generate_key_pair`, ...).
    pub flags: Vec<&'static str>,
}

impl MechanismEntry {
    pub(crate) fn new(code: CK_MECHANISM_TYPE, raw: CK_MECHANISM_INFO) -> Self {
        let info = MechanismInfo::from(raw);
        let name = mechanism_name(code);
        let flags = [
            (info.hardware(), "hw"),
            (info.encrypt(), "encrypt"),
            (info.decrypt(), "decrypt"),
            (info.digest(), "digest"),
            (info.sign(), "sign"),
            (info.sign_recover(), "sign_recover"),
            (info.verify(), "verify"),
            (info.verify_recover(), "verify_recover"),
            (info.generate(), "generate"),
            (info.generate_key_pair(), "generate_key_pair"),
            (info.wrap(), "wrap"),
            (info.unwrap(), "unwrap"),
            (info.derive(), "derive"),
            (info.ec_f_p(), "ec_f_p"),
            (info.ec_f_2m(), "ec_f_2m"),
            (info.ec_from_parameters(), "ec_parameters"),
            (info.ec_from_oid(), "ec_oid"),
            (info.ec_uncompressed(), "ec_uncompress"),
            (info.ec_compressed(), "ec_compress"),
        ]
        .into_iter()
        .filter_map(|(set, name)| set.then_some(name))
        .collect();
        MechanismEntry {
            name,
            code: format!("0x{code:08x}"),
            min_key_size: info.min_key_size(),
            max_key_size: info.max_key_size(),
            flags,
        }
    }
}

/// Names cryptoki's `MechanismType` cannot be built for (it refuses codes it does not model).
macro_rules! ckm_table {
    ($($name:ident),* $(,)?) => {
        const CKM_EXTRA: &[(CK_MECHANISM_TYPE, &str)] = &[$(($name, stringify!($name))),*];
    };
}

ckm_table!(
    CKM_DES_KEY_GEN,
    CKM_DES_ECB,
    CKM_DES_CBC,
    CKM_DES_CBC_PAD,
    CKM_DES2_KEY_GEN,
    CKM_DES3_KEY_GEN,
    CKM_DES3_ECB,
    CKM_DES3_CBC,
    CKM_DES3_CBC_PAD,
    CKM_DES3_CMAC,
    CKM_DES_ECB_ENCRYPT_DATA,
    CKM_DES_CBC_ENCRYPT_DATA,
    CKM_DES3_ECB_ENCRYPT_DATA,
    CKM_DES3_CBC_ENCRYPT_DATA,
    CKM_AES_ECB_ENCRYPT_DATA,
    CKM_AES_CMAC_GENERAL,
    CKM_AES_MAC,
    CKM_DH_PKCS_KEY_PAIR_GEN,
    CKM_DH_PKCS_DERIVE,
    CKM_DH_PKCS_PARAMETER_GEN,
    CKM_DSA_KEY_PAIR_GEN,
    CKM_DSA_PARAMETER_GEN,
    CKM_DSA,
    CKM_DSA_SHA1,
    CKM_DSA_SHA224,
    CKM_DSA_SHA256,
    CKM_DSA_SHA384,
    CKM_DSA_SHA512,
    CKM_MD2,
    CKM_MD5,
    CKM_MD5_HMAC,
    CKM_MD5_RSA_PKCS,
    CKM_SHA224_RSA_PKCS,
    CKM_SHA224_RSA_PKCS_PSS,
    CKM_SHA_1,
    CKM_SHA_1_HMAC,
    CKM_SHA224,
    CKM_SHA224_HMAC,
    CKM_SHA256_HMAC,
    CKM_SHA384_HMAC,
    CKM_SHA512_HMAC,
    CKM_RSA_X9_31_KEY_PAIR_GEN,
    CKM_RSA_X9_31,
    CKM_SHA1_RSA_X9_31,
    CKM_RSA_PKCS_TPM_1_1,
    CKM_RSA_PKCS_OAEP_TPM_1_1,
    CKM_ECDH1_COFACTOR_DERIVE,
    CKM_ECMQV_DERIVE,
    CKM_GOSTR3410_KEY_PAIR_GEN,
    CKM_GOSTR3410,
    CKM_GOSTR3411,
    CKM_GOST28147_KEY_GEN,
    CKM_CONCATENATE_BASE_AND_KEY,
    CKM_CONCATENATE_BASE_AND_DATA,
    CKM_XOR_BASE_AND_DATA,
    CKM_EXTRACT_KEY_FROM_KEY,
    CKM_SSL3_PRE_MASTER_KEY_GEN,
    CKM_TLS_PRE_MASTER_KEY_GEN,
    CKM_CAMELLIA_KEY_GEN,
    CKM_CAMELLIA_ECB,
    CKM_CAMELLIA_CBC,
    CKM_AES_OFB,
    CKM_AES_CFB8,
    CKM_AES_CFB64,
    CKM_AES_CCM,
    CKM_AES_CTS,
    CKM_AES_XCBC_MAC,
    CKM_BLOWFISH_KEY_GEN,
    CKM_BLOWFISH_CBC,
    CKM_TWOFISH_KEY_GEN,
    CKM_TWOFISH_CBC,
);

/// The CKM_ name of a mechanism code; vendor codes as `CKM_VENDOR_DEFINED+0x...`.
pub fn mechanism_name(code: CK_MECHANISM_TYPE) -> String {
    if code >= CKM_VENDOR_DEFINED {
        return format!("CKM_VENDOR_DEFINED+0x{:x}", code - CKM_VENDOR_DEFINED);
    }
    if let Ok(m) = MechanismType::try_from(code) {
        return m.to_string();
    }
    match CKM_EXTRA.iter().find(|(c, _)| *c == code) {
        Some((_, name)) => (*name).to_string(),
        None => format!("CKM_0x{code:08x}"),
    }
}

//! Plain, serializable descriptions of the module, its slots, tokens and mechanisms, decoded
//! from the C structs `ffi` returns, and the CKM_ name table.

use super::error::{HsmError, HsmResult};
use crate::formats::pkcs11_uri;
use cryptoki_sys::*;
use serde::Serialize;
use std::path::Path;

/// A blank-padded CK_UTF8CHAR field as text (invalid UTF-8 replaced, padding removed).
fn text(field: &[CK_UTF8CHAR]) -> String {
    String::from_utf8_lossy(field)
        .trim_end_matches(' ')
        .to_string()
}

/// A CK_VERSION as `major.minor`.
fn version(v: CK_VERSION) -> String {
    format!("{}.{}", v.major, v.minor)
}

/// Whether `bit` is set in `flags`.
fn has(flags: CK_FLAGS, bit: CK_FLAGS) -> bool {
    flags & bit != 0
}

/// A count or size, None when the token says CK_UNAVAILABLE_INFORMATION.
fn available(v: CK_ULONG) -> Option<CK_ULONG> {
    (v != CK_UNAVAILABLE_INFORMATION).then_some(v)
}

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

impl LibraryInfo {
    pub(crate) fn from_info(module: &Path, info: &CK_INFO) -> HsmResult<Self> {
        // The flags are reserved (zero) in every PKCS#11 version: anything else is not a
        // CK_INFO this code understands.
        if info.flags != 0 {
            return Err(HsmError::Other(format!(
                "C_GetInfo returned reserved flags 0x{:x}",
                info.flags
            )));
        }
        Ok(LibraryInfo {
            module: module.display().to_string(),
            cryptoki_version: version(info.cryptokiVersion),
            manufacturer: text(&info.manufacturerID),
            library_description: text(&info.libraryDescription),
            library_version: version(info.libraryVersion),
        })
    }
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
    pub(crate) fn from_info(slot_id: u64, info: &CK_SLOT_INFO) -> Self {
        SlotEntry {
            slot_id,
            description: text(&info.slotDescription),
            manufacturer: text(&info.manufacturerID),
            hardware_version: version(info.hardwareVersion),
            firmware_version: version(info.firmwareVersion),
            token_present: has(info.flags, CKF_TOKEN_PRESENT),
            removable_device: has(info.flags, CKF_REMOVABLE_DEVICE),
            hardware_slot: has(info.flags, CKF_HW_SLOT),
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

/// A session limit: a number, "unlimited" (CK_EFFECTIVELY_INFINITE) or None (unavailable).
fn limit(v: CK_ULONG) -> Option<String> {
    match v {
        CK_UNAVAILABLE_INFORMATION => None,
        CK_EFFECTIVELY_INFINITE => Some("unlimited".into()),
        n => Some(n.to_string()),
    }
}

/// The token's clock, `YYYYMMDDhhmmss00` in ASCII digits, as ISO 8601.
fn utc_time(clock: &[u8; 16]) -> HsmResult<String> {
    let field = |range: std::ops::Range<usize>| -> HsmResult<u16> {
        std::str::from_utf8(&clock[range])
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| {
                HsmError::Other(format!(
                    "the token's clock '{}' is not YYYYMMDDhhmmss",
                    String::from_utf8_lossy(clock)
                ))
            })
    };
    Ok(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        field(0..4)?,
        field(4..6)?,
        field(6..8)?,
        field(8..10)?,
        field(10..12)?,
        field(12..14)?
    ))
}

impl TokenEntry {
    pub(crate) fn from_info(t: &CK_TOKEN_INFO) -> HsmResult<Self> {
        let flag = |bit| has(t.flags, bit);
        let (label, manufacturer, model, serial) = (
            text(&t.label),
            text(&t.manufacturerID),
            text(&t.model),
            text(&t.serialNumber),
        );
        let size = |v| available(v).map(|n| n as usize);
        Ok(TokenEntry {
            uri: pkcs11_uri::token_uri(&model, &manufacturer, &serial, &label),
            label,
            serial,
            manufacturer,
            model,
            hardware_version: version(t.hardwareVersion),
            firmware_version: version(t.firmwareVersion),
            flags: TokenFlags {
                token_initialized: flag(CKF_TOKEN_INITIALIZED),
                login_required: flag(CKF_LOGIN_REQUIRED),
                user_pin_initialized: flag(CKF_USER_PIN_INITIALIZED),
                user_pin_count_low: flag(CKF_USER_PIN_COUNT_LOW),
                user_pin_final_try: flag(CKF_USER_PIN_FINAL_TRY),
                user_pin_locked: flag(CKF_USER_PIN_LOCKED),
                user_pin_to_be_changed: flag(CKF_USER_PIN_TO_BE_CHANGED),
                so_pin_count_low: flag(CKF_SO_PIN_COUNT_LOW),
                so_pin_final_try: flag(CKF_SO_PIN_FINAL_TRY),
                so_pin_locked: flag(CKF_SO_PIN_LOCKED),
                so_pin_to_be_changed: flag(CKF_SO_PIN_TO_BE_CHANGED),
                write_protected: flag(CKF_WRITE_PROTECTED),
                rng: flag(CKF_RNG),
                protected_authentication_path: flag(CKF_PROTECTED_AUTHENTICATION_PATH),
                clock_on_token: flag(CKF_CLOCK_ON_TOKEN),
                error_state: flag(CKF_ERROR_STATE),
            },
            min_pin_length: t.ulMinPinLen as usize,
            max_pin_length: t.ulMaxPinLen as usize,
            session_count: available(t.ulSessionCount),
            max_session_count: limit(t.ulMaxSessionCount),
            rw_session_count: available(t.ulRwSessionCount),
            max_rw_session_count: limit(t.ulMaxRwSessionCount),
            total_public_memory: size(t.ulTotalPublicMemory),
            free_public_memory: size(t.ulFreePublicMemory),
            total_private_memory: size(t.ulTotalPrivateMemory),
            free_private_memory: size(t.ulFreePrivateMemory),
            utc_time: if flag(CKF_CLOCK_ON_TOKEN) {
                Some(utc_time(&t.utcTime)?)
            } else {
                None
            },
        })
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
    pub(crate) fn new(code: CK_MECHANISM_TYPE, info: CK_MECHANISM_INFO) -> Self {
        let flags = [
            (CKF_HW, "hw"),
            (CKF_ENCRYPT, "encrypt"),
            (CKF_DECRYPT, "decrypt"),
            (CKF_DIGEST, "digest"),
            (CKF_SIGN, "sign"),
            (CKF_SIGN_RECOVER, "sign_recover"),
            (CKF_VERIFY, "verify"),
            (CKF_VERIFY_RECOVER, "verify_recover"),
            (CKF_GENERATE, "generate"),
            (CKF_GENERATE_KEY_PAIR, "generate_key_pair"),
            (CKF_WRAP, "wrap"),
            (CKF_UNWRAP, "unwrap"),
            (CKF_DERIVE, "derive"),
            (CKF_EC_F_P, "ec_f_p"),
            (CKF_EC_F_2M, "ec_f_2m"),
            (CKF_EC_ECPARAMETERS, "ec_parameters"),
            (CKF_EC_OID, "ec_oid"),
            (CKF_EC_UNCOMPRESS, "ec_uncompress"),
            (CKF_EC_COMPRESS, "ec_compress"),
        ]
        .into_iter()
        .filter_map(|(bit, name)| has(info.flags, bit).then_some(name))
        .collect();
        MechanismEntry {
            name: mechanism_name(code),
            code: format!("0x{code:08x}"),
            min_key_size: info.ulMinKeySize as usize,
            max_key_size: info.ulMaxKeySize as usize,
            flags,
        }
    }
}

// The CKM_ codes named in reports (any other is shown in hex by [`mechanism_name`]): the
// names reports have always shown, those cryptoki 0.12 knew and those hsmctl added for the
// rest of SoftHSM2's list (DES, DSA, MD5 ...).
names!(
    CKM_NAMES,
    CKM_RSA_PKCS_KEY_PAIR_GEN,
    CKM_RSA_PKCS,
    CKM_RSA_X_509,
    CKM_MD5_RSA_PKCS,
    CKM_SHA1_RSA_PKCS,
    CKM_RSA_PKCS_OAEP,
    CKM_RSA_X9_31_KEY_PAIR_GEN,
    CKM_RSA_X9_31,
    CKM_SHA1_RSA_X9_31,
    CKM_RSA_PKCS_PSS,
    CKM_SHA1_RSA_PKCS_PSS,
    CKM_ML_KEM_KEY_PAIR_GEN,
    CKM_DSA_KEY_PAIR_GEN,
    CKM_DSA,
    CKM_DSA_SHA1,
    CKM_DSA_SHA224,
    CKM_DSA_SHA256,
    CKM_DSA_SHA384,
    CKM_DSA_SHA512,
    CKM_ML_KEM,
    CKM_ML_DSA_KEY_PAIR_GEN,
    CKM_ML_DSA,
    CKM_HASH_ML_DSA,
    CKM_DH_PKCS_KEY_PAIR_GEN,
    CKM_DH_PKCS_DERIVE,
    CKM_HASH_ML_DSA_SHA224,
    CKM_HASH_ML_DSA_SHA256,
    CKM_HASH_ML_DSA_SHA384,
    CKM_HASH_ML_DSA_SHA512,
    CKM_HASH_ML_DSA_SHA3_224,
    CKM_HASH_ML_DSA_SHA3_256,
    CKM_HASH_ML_DSA_SHA3_384,
    CKM_HASH_ML_DSA_SHA3_512,
    CKM_HASH_ML_DSA_SHAKE128,
    CKM_SLH_DSA_KEY_PAIR_GEN,
    CKM_SLH_DSA,
    CKM_HASH_SLH_DSA,
    CKM_HASH_SLH_DSA_SHA224,
    CKM_HASH_SLH_DSA_SHA256,
    CKM_HASH_SLH_DSA_SHA384,
    CKM_HASH_SLH_DSA_SHA512,
    CKM_HASH_SLH_DSA_SHA3_224,
    CKM_HASH_SLH_DSA_SHA3_256,
    CKM_HASH_SLH_DSA_SHA3_384,
    CKM_HASH_SLH_DSA_SHA3_512,
    CKM_HASH_SLH_DSA_SHAKE128,
    CKM_SHA256_RSA_PKCS,
    CKM_SHA384_RSA_PKCS,
    CKM_SHA512_RSA_PKCS,
    CKM_SHA256_RSA_PKCS_PSS,
    CKM_SHA384_RSA_PKCS_PSS,
    CKM_SHA512_RSA_PKCS_PSS,
    CKM_SHA224_RSA_PKCS,
    CKM_SHA224_RSA_PKCS_PSS,
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
    CKM_MD2,
    CKM_MD5,
    CKM_MD5_HMAC,
    CKM_SHA_1,
    CKM_SHA_1_HMAC,
    CKM_SHA256,
    CKM_SHA256_HMAC,
    CKM_SHA224,
    CKM_SHA224_HMAC,
    CKM_SHA384,
    CKM_SHA384_HMAC,
    CKM_SHA512,
    CKM_SHA512_HMAC,
    CKM_GENERIC_SECRET_KEY_GEN,
    CKM_CONCATENATE_BASE_AND_KEY,
    CKM_CONCATENATE_BASE_AND_DATA,
    CKM_CONCATENATE_DATA_AND_BASE,
    CKM_XOR_BASE_AND_DATA,
    CKM_EXTRACT_KEY_FROM_KEY,
    CKM_SSL3_PRE_MASTER_KEY_GEN,
    CKM_TLS_PRE_MASTER_KEY_GEN,
    CKM_SP800_108_COUNTER_KDF,
    CKM_SP800_108_FEEDBACK_KDF,
    CKM_SP800_108_DOUBLE_PIPELINE_KDF,
    CKM_CAMELLIA_KEY_GEN,
    CKM_CAMELLIA_ECB,
    CKM_CAMELLIA_CBC,
    CKM_EC_KEY_PAIR_GEN,
    CKM_ECDSA,
    CKM_ECDSA_SHA1,
    CKM_ECDSA_SHA256,
    CKM_ECDSA_SHA384,
    CKM_ECDSA_SHA512,
    CKM_ECDH1_DERIVE,
    CKM_ECDH1_COFACTOR_DERIVE,
    CKM_ECMQV_DERIVE,
    CKM_EC_EDWARDS_KEY_PAIR_GEN,
    CKM_EC_MONTGOMERY_KEY_PAIR_GEN,
    CKM_EDDSA,
    CKM_AES_KEY_GEN,
    CKM_AES_ECB,
    CKM_AES_CBC,
    CKM_AES_MAC,
    CKM_AES_CBC_PAD,
    CKM_AES_CTR,
    CKM_AES_GCM,
    CKM_AES_CCM,
    CKM_AES_CTS,
    CKM_AES_CMAC,
    CKM_AES_CMAC_GENERAL,
    CKM_AES_XCBC_MAC,
    CKM_BLOWFISH_KEY_GEN,
    CKM_BLOWFISH_CBC,
    CKM_TWOFISH_KEY_GEN,
    CKM_TWOFISH_CBC,
    CKM_DES_ECB_ENCRYPT_DATA,
    CKM_DES_CBC_ENCRYPT_DATA,
    CKM_DES3_ECB_ENCRYPT_DATA,
    CKM_DES3_CBC_ENCRYPT_DATA,
    CKM_AES_ECB_ENCRYPT_DATA,
    CKM_AES_CBC_ENCRYPT_DATA,
    CKM_GOSTR3410_KEY_PAIR_GEN,
    CKM_GOSTR3410,
    CKM_GOSTR3411,
    CKM_GOST28147_KEY_GEN,
    CKM_DSA_PARAMETER_GEN,
    CKM_DH_PKCS_PARAMETER_GEN,
    CKM_AES_OFB,
    CKM_AES_CFB64,
    CKM_AES_CFB8,
    CKM_AES_CFB128,
    CKM_AES_KEY_WRAP,
    CKM_AES_KEY_WRAP_PAD,
    CKM_RSA_PKCS_TPM_1_1,
    CKM_RSA_PKCS_OAEP_TPM_1_1,
    CKM_SHA_1_KEY_GEN,
    CKM_SHA224_KEY_GEN,
    CKM_SHA256_KEY_GEN,
    CKM_SHA384_KEY_GEN,
    CKM_SHA512_KEY_GEN,
    CKM_HKDF_DERIVE,
    CKM_HKDF_DATA,
    CKM_HKDF_KEY_GEN,
);

/// The CKM_ name of a mechanism code; vendor codes as `CKM_VENDOR_DEFINED+0x...`.
pub fn mechanism_name(code: CK_MECHANISM_TYPE) -> String {
    if code >= CKM_VENDOR_DEFINED {
        return format!("CKM_VENDOR_DEFINED+0x{:x}", code - CKM_VENDOR_DEFINED);
    }
    match CKM_NAMES.iter().find(|(c, _)| *c == code) {
        Some((_, name)) => (*name).to_string(),
        None => format!("CKM_0x{code:08x}"),
    }
}

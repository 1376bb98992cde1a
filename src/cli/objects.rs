//! Arguments of the object commands: generatekeypair, list, show, setattribute, delete, doctor.

use super::args::{
    LoginArgs, ObjectArgs, OutputArgs, PinArgs, TokenArgs, UsageArgs, WrapUsageArgs,
};
use crate::formats::input::parse_bool;
use clap::Args;

/// RSA generation mechanisms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RsaMechanism {
    /// CKM_RSA_PKCS_KEY_PAIR_GEN
    Pkcs,
    /// CKM_RSA_X9_31_KEY_PAIR_GEN
    #[value(name = "x9.31", alias = "x931")]
    X931,
}

/// Arguments of `generatekeypair`.
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// rsa:BITS, ec:p256, ec:p384, ec:p521 or ed25519 (also EC:prime256v1, secp384r1, edwards25519)
    #[arg(long, value_name = "TYPE")]
    pub key_type: String,

    /// RSA public exponent, decimal or 0x-hex [default: 65537]
    #[arg(long, value_name = "E")]
    pub public_exponent: Option<String>,

    /// RSA generation mechanism [default: pkcs]
    #[arg(long, value_enum, value_name = "MECH")]
    pub mechanism: Option<RsaMechanism>,

    /// CKA_LABEL of both halves
    #[arg(long, value_name = "LABEL", conflicts_with_all = ["label_public", "label_private"],
          required_unless_present_all = ["label_public", "label_private"])]
    pub label: Option<String>,

    /// CKA_LABEL of the public key (with --label-private)
    #[arg(long, value_name = "LABEL", requires = "label_private")]
    pub label_public: Option<String>,

    /// CKA_LABEL of the private key (with --label-public)
    #[arg(long, value_name = "LABEL", requires = "label_public")]
    pub label_private: Option<String>,

    /// CKA_ID of both halves, hex [default: 16 random bytes from the token]
    #[arg(long, value_name = "HEX")]
    pub id: Option<String>,

    /// Usage flags
    #[command(flatten)]
    pub usage: UsageArgs,

    /// Key-wrapping usage flags (RSA only)
    #[command(flatten)]
    pub wrapping: WrapUsageArgs,

    /// CKA_MODIFIABLE of both halves (false: not even the label can change later)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool, default_value = "true")]
    pub modifiable: bool,

    /// Make the private key extractable (wrappable off the token); needs --allow-extractable
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub extractable: Option<bool>,

    /// Confirm that an extractable private key is intended
    #[arg(long)]
    pub allow_extractable: bool,

    /// Allow RSA keys shorter than 2048 bits (down to 512)
    #[arg(long)]
    pub allow_weak: bool,

    /// Allow a CKA_ID or label that objects on the token already use
    #[arg(long)]
    pub allow_duplicate: bool,

    /// Generate N pairs in one session, labelled LABEL-0001 ... (with random ids; needs --label)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000),
          conflicts_with_all = ["label_public", "id"])]
    pub count: Option<u32>,

    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// Filters
    #[command(flatten)]
    pub object: ObjectArgs,

    /// Only keys of this type, in keygen's words: rsa, rsa:2048, ec, ec:p256, ec:p384, ec:p521,
    /// ed25519, and generatekey's: aes, aes:256, generic, generic:256
    #[arg(long, value_name = "TYPE")]
    pub key_type: Option<String>,

    /// Show every column (URIs too) and every value whole, even on a narrow terminal
    #[arg(long)]
    pub wide: bool,

    /// Logging in
    #[command(flatten)]
    pub auth: LoginArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// Which object (exactly one must match)
    #[command(flatten)]
    pub object: ObjectArgs,

    /// Logging in
    #[command(flatten)]
    pub auth: LoginArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `setattribute`.
#[derive(Debug, Args)]
pub struct SetAttributeArgs {
    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// Which object (exactly one, or one key pair with --pair)
    #[command(flatten)]
    pub object: ObjectArgs,

    /// NAME=VALUE to set: label=TEXT, id=HEX, or a boolean (sign, verify, encrypt, decrypt, wrap,
    /// unwrap, derive, sign_recover, verify_recover, sensitive, extractable, private, copyable,
    /// destroyable); repeatable. CKA_MODIFIABLE is fixed at creation (--modifiable on keygen)
    #[arg(long = "set", value_name = "NAME=VALUE", required = true)]
    pub set: Vec<String>,

    /// Apply to both halves of the selected key pair (each attribute where it applies)
    #[arg(long)]
    pub pair: bool,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// Which objects
    #[command(flatten)]
    pub object: ObjectArgs,

    /// Also delete the other half of each selected key (same CKA_ID)
    #[arg(long)]
    pub pair: bool,

    /// Delete every object the selector matches (otherwise more than one is refused)
    #[arg(long)]
    pub all_matching: bool,

    /// Do not ask for confirmation (required when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Repair CKA_IDs where the right one is unambiguous
    #[arg(long)]
    pub fix: bool,

    /// Do not ask before repairing (required when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

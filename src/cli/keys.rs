//! Arguments of the everyday key commands: generatekey, import-key, sign, verify-signature,
//! test-key and random.

use super::args::{
    LoginArgs, ObjectArgs, OutFileArgs, OutputArgs, PinArgs, TokenArgs, UsageArgs, WrapUsageArgs,
};
use super::client::PassphraseArgs;
use crate::formats::input::parse_bool;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `generatekey`.
#[derive(Debug, Args)]
pub struct GenerateKeyArgs {
    /// aes:128, aes:192, aes:256, or generic:BITS (an HMAC key of 80 to 4096 bits, a multiple of 8)
    #[arg(long, value_name = "TYPE")]
    pub key_type: String,

    /// CKA_LABEL of the key
    #[arg(long, value_name = "LABEL")]
    pub label: String,

    /// CKA_ID, hex [default: 16 random bytes from the token]
    #[arg(long, value_name = "HEX")]
    pub id: Option<String>,

    /// Usage flags
    #[command(flatten)]
    pub usage: UsageArgs,

    /// Key-wrapping usage flags
    #[command(flatten)]
    pub wrapping: WrapUsageArgs,

    /// CKA_MODIFIABLE (false: not even the label can change later)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool, default_value = "true")]
    pub modifiable: bool,

    /// Make the key extractable (wrappable off the token); needs --allow-extractable
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub extractable: Option<bool>,

    /// Confirm that an extractable key is intended
    #[arg(long)]
    pub allow_extractable: bool,

    /// Allow a CKA_ID or label that objects on the token already use
    #[arg(long)]
    pub allow_duplicate: bool,

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

/// Arguments of `import-key`.
#[derive(Debug, Args)]
pub struct ImportKeyArgs {
    /// The key file: PEM or DER PKCS#8 (also encrypted), PKCS#1, SEC1, PKCS#12 (its
    /// certificates are stored too), or an OpenSSH private key; - for stdin
    #[arg(value_name = "FILE")]
    pub input: PathBuf,

    /// CKA_LABEL of both halves
    #[arg(long, value_name = "LABEL")]
    pub label: String,

    /// CKA_ID of both halves, hex [default: SHA-1 of CKA_MODULUS (RSA) or CKA_EC_POINT (EC,
    /// Ed25519), as Mastercard's pkcs11-tools set it, so Java keystores pair the halves]
    #[arg(long, value_name = "HEX")]
    pub id: Option<String>,

    /// Usage flags
    #[command(flatten)]
    pub usage: UsageArgs,

    /// CKA_WRAP on the public key and CKA_UNWRAP on the private key (RSA) [default: false]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub wrapping: Option<bool>,

    /// CKA_MODIFIABLE of both halves
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool, default_value = "true")]
    pub modifiable: bool,

    /// Store the private key with C_UnwrapKey under a session-only AES key (RFC 5649) instead
    /// of C_CreateObject; done anyway when the module refuses plaintext private keys
    #[arg(long)]
    pub unwrap: bool,

    /// After a successful import, overwrite and remove the key file (asks on a terminal)
    #[arg(long)]
    pub shred: bool,

    /// Do not ask before --shred (required when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Allow a CKA_ID or label that objects on the token already use
    #[arg(long)]
    pub allow_duplicate: bool,

    /// The key file's passphrase, when it is encrypted [default variable: HSMCTL_KEY_PASSPHRASE]
    #[command(flatten)]
    pub passphrase: PassphraseArgs,

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

/// How a signature is made; the defaults are those of `openssl dgst -sign`.
#[derive(Debug, Args)]
pub struct SignatureArgs {
    /// The digest [default: RSA sha256; ECDSA the curve's: P-256 sha256, P-384 sha384, P-521
    /// sha512]; Ed25519 signs the message itself
    #[arg(long, value_enum)]
    pub digest: Option<super::args::Digest>,

    /// RSASSA-PSS (MGF1 with the same digest, salt as long as the digest) instead of PKCS#1 v1.5
    #[arg(long)]
    pub pss: bool,

    /// ECDSA signatures as r || s (as PKCS#11 and JOSE use them) instead of DER
    #[arg(long)]
    pub raw: bool,
}

/// Arguments of `sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The data to sign, or - for stdin
    #[arg(value_name = "FILE")]
    pub input: PathBuf,

    /// The signing key (its private half signs)
    #[command(flatten)]
    pub object: ObjectArgs,

    /// The signature scheme
    #[command(flatten)]
    pub scheme: SignatureArgs,

    /// Where the signature is written
    #[command(flatten)]
    pub file: OutFileArgs,

    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

    /// Output format of the report (--json: the signature in hex when there is no -o)
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `verify-signature`.
#[derive(Debug, Args)]
pub struct VerifySignatureArgs {
    /// The signed data, or - for stdin
    #[arg(value_name = "FILE")]
    pub input: PathBuf,

    /// The signature file (binary, as `sign` and `openssl dgst -sign` write it)
    #[arg(long, value_name = "FILE")]
    pub signature: PathBuf,

    /// Verify with this public key file (OpenSSH, SPKI PEM/DER, PKCS#1) instead of a token key
    #[arg(long, value_name = "FILE")]
    pub pubkey: Option<PathBuf>,

    /// The token key (its public half verifies)
    #[command(flatten)]
    pub object: ObjectArgs,

    /// The signature scheme
    #[command(flatten)]
    pub scheme: SignatureArgs,

    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// Logging in
    #[command(flatten)]
    pub auth: LoginArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `test-key`.
#[derive(Debug, Args)]
pub struct TestKeyArgs {
    /// Which keys (default: every private and secret key on the token)
    #[command(flatten)]
    pub object: ObjectArgs,

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

/// Arguments of `random`.
#[derive(Debug, Args)]
pub struct RandomArgs {
    /// How many bytes (1 to 1048576)
    #[arg(value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_048_576))]
    pub bytes: u32,

    /// Print lowercase hex (and a newline) instead of raw bytes
    #[arg(long, conflicts_with = "base64")]
    pub hex: bool,

    /// Print base64 (and a newline) instead of raw bytes
    #[arg(long)]
    pub base64: bool,

    /// Where the bytes are written
    #[command(flatten)]
    pub file: OutFileArgs,

    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// The user PIN (only if given: C_GenerateRandom needs no login)
    #[command(flatten)]
    pub pin: PinArgs,

    /// Output format of the report (--json: the bytes in hex when there is no -o)
    #[command(flatten)]
    pub output: OutputArgs,
}

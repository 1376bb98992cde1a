//! Arguments of the OpenSSH commands: export-ssh-pubkey, export-pubkey, convert-pubkey,
//! sign-ssh-cert (the agent's are in `agent`).

use super::args::{JsonArgs, LoginArgs, ObjectArgs, OutFileArgs, OutputArgs, PinArgs, TokenArgs};
use clap::Args;

/// Public key formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KeyFormat {
    /// OpenSSH public key line
    Openssh,
    /// SubjectPublicKeyInfo, PEM ("PUBLIC KEY")
    Pem,
    /// SubjectPublicKeyInfo, DER
    Der,
    /// PKCS#1 RSAPublicKey, PEM ("RSA PUBLIC KEY")
    Pkcs1,
    /// PKCS#1 RSAPublicKey, DER
    #[value(name = "pkcs1-der")]
    Pkcs1Der,
}

/// Arguments of `export-ssh-pubkey`.
#[derive(Debug, Args)]
pub struct ExportSshArgs {
    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// Which key (default: every public key on the token)
    #[command(flatten)]
    pub object: ObjectArgs,

    /// The comment of each line (default: the key's CKA_LABEL)
    #[arg(long, value_name = "TEXT")]
    pub comment: Option<String>,

    /// Print fingerprints (as ssh-keygen -l) instead of keys
    #[arg(long)]
    pub fingerprint: bool,

    /// authorized_keys options to put before each line, as 'from="10.0.0.0/8",no-pty'
    #[arg(long, value_name = "OPTIONS")]
    pub options: Option<String>,

    /// Where the result is written
    #[command(flatten)]
    pub file: OutFileArgs,

    /// Logging in
    #[command(flatten)]
    pub auth: LoginArgs,

    /// Output format of the report (--json: keys with fingerprints and URIs)
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `export-pubkey`.
#[derive(Debug, Args)]
pub struct ExportPubkeyArgs {
    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// Which key (exactly one)
    #[command(flatten)]
    pub object: ObjectArgs,

    /// The format to write
    #[arg(long, value_enum, default_value = "pem")]
    pub format: KeyFormat,

    /// Print the SHA-256 fingerprint of the SubjectPublicKeyInfo (and the OpenSSH one) instead
    #[arg(long)]
    pub fingerprint: bool,

    /// Where the result is written
    #[command(flatten)]
    pub file: OutFileArgs,

    /// Logging in
    #[command(flatten)]
    pub auth: LoginArgs,

    /// Output format of the report
    #[command(flatten)]
    pub output: JsonArgs,
}

/// Arguments of `convert-pubkey`.
#[derive(Debug, Args)]
pub struct ConvertPubkeyArgs {
    /// The public key file (OpenSSH, PEM or DER; SPKI or PKCS#1), or - for stdin
    #[arg(value_name = "FILE")]
    pub input: std::path::PathBuf,

    /// The format to write
    #[arg(long, value_enum, default_value = "openssh")]
    pub format: KeyFormat,

    /// The comment of an OpenSSH output (default: the input's comment)
    #[arg(long, value_name = "TEXT")]
    pub comment: Option<String>,

    /// Where the result is written
    #[command(flatten)]
    pub file: OutFileArgs,

    /// Output format of the report
    #[command(flatten)]
    pub output: JsonArgs,
}

/// Arguments of `sign-ssh-cert`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("ca").required(true).args(["ca_label", "ca_id", "ca_uri", "ca_pubkey"])))]
pub struct SignSshCertArgs {
    /// Public keys to certify: files, directories (every *.pub but -cert.pub), or - to read
    /// paths from stdin, one per line
    #[arg(value_name = "KEY", required = true)]
    pub keys: Vec<std::path::PathBuf>,

    /// The CA key by CKA_LABEL
    #[arg(long, value_name = "LABEL")]
    pub ca_label: Option<String>,

    /// The CA key by CKA_ID (hex)
    #[arg(long, value_name = "HEX")]
    pub ca_id: Option<String>,

    /// The CA key by pkcs11: URI (may also name the token)
    #[arg(long, value_name = "URI")]
    pub ca_uri: Option<String>,

    /// The CA key by its public key file, the ssh-keygen -s way
    #[arg(long, value_name = "FILE")]
    pub ca_pubkey: Option<std::path::PathBuf>,

    /// Key identity recorded in the certificate and in sshd's logs (ssh-keygen -I)
    #[arg(short = 'I', long, value_name = "KEY_ID")]
    pub key_id: String,

    /// Principals (user or host names), comma-separated (ssh-keygen -n)
    #[arg(short = 'n', long, value_name = "LIST")]
    pub principals: Option<String>,

    /// Validity, as ssh-keygen -V: +52w, -1d:+1w, YYYYMMDD[HHMM[SS]][Z]:..., always:forever
    #[arg(short = 'V', long, value_name = "INTERVAL", allow_hyphen_values = true)]
    pub validity: Option<String>,

    /// Serial number of the first certificate; the next ones count up (ssh-keygen -z)
    #[arg(short = 'z', long, value_name = "N", default_value_t = 0)]
    pub cert_serial: u64,

    /// Certificate option, as ssh-keygen -O (force-command=, source-address=, no-pty,
    /// permit-*, clear, critical:NAME[=V], extension:NAME[=V]); repeatable
    #[arg(short = 'O', long = "option", value_name = "OPTION")]
    pub options: Vec<String>,

    /// Sign host certificates instead of user certificates (ssh-keygen -h)
    #[arg(long)]
    pub host: bool,

    /// Allow a certificate with no principals (valid for every user or host)
    #[arg(long)]
    pub allow_any_principal: bool,

    /// Allow a certificate that never expires (no -V, or an end of "forever")
    #[arg(long)]
    pub allow_forever: bool,

    /// Write the certificate to FILE (one input key only) instead of KEY-cert.pub
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,

    /// Replace existing certificate files
    #[arg(long)]
    pub force: bool,

    /// Signing threads, each with its own session (1-256) [default: the number of cores]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,

    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

    /// Output format of the audit summary (--json: per certificate serial, key id, principals,
    /// validity, key fingerprint, output path)
    #[command(flatten)]
    pub output: OutputArgs,
}

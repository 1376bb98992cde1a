//! Arguments of the X.509 commands: request-cert, selfsign-cert, import-cert, export-cert
//! (sign-csr's are in `ca`).

use super::args::{LoginArgs, ObjectArgs, OutFileArgs, OutputArgs, PinArgs, TokenArgs, X509Args};
use clap::Args;

/// Arguments of `request-cert`.
#[derive(Debug, Args)]
pub struct RequestCertArgs {
    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// The key pair (its public and private halves are found together)
    #[command(flatten)]
    pub object: ObjectArgs,

    /// Subject, names and usages
    #[command(flatten)]
    pub x509: X509Args,

    /// Where the request is written
    #[command(flatten)]
    pub file: OutFileArgs,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

    /// Output format of the report
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `selfsign-cert`.
#[derive(Debug, Args)]
pub struct SelfsignCertArgs {
    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// The key pair (its public and private halves are found together)
    #[command(flatten)]
    pub object: ObjectArgs,

    /// Subject, names and usages
    #[command(flatten)]
    pub x509: X509Args,

    /// Start of validity, YYYYMMDD or YYYY-MM-DD (UTC) [default: now]
    #[arg(long, value_name = "DATE")]
    pub not_before: Option<String>,

    /// End of validity, YYYYMMDD or YYYY-MM-DD (UTC) (instead of --days)
    #[arg(long, value_name = "DATE", conflicts_with = "days")]
    pub not_after: Option<String>,

    /// Days of validity from --not-before (1-36500)
    #[arg(long, value_name = "N", default_value_t = 365,
          value_parser = clap::value_parser!(u32).range(1..=36500))]
    pub days: u32,

    /// Serial number, hex [default: 16 random bytes]
    #[arg(long, value_name = "HEX")]
    pub serial_number: Option<String>,

    /// A CA certificate (basicConstraints CA:TRUE, keyCertSign and cRLSign)
    #[arg(long)]
    pub ca: bool,

    /// Also store the certificate on the token (CKO_CERTIFICATE with the key's CKA_ID and label)
    #[arg(long)]
    pub store: bool,

    /// Store the certificate on the token under this label (implies --store)
    #[arg(long, value_name = "LABEL")]
    pub store_label: Option<String>,

    /// Where the certificate is written
    #[command(flatten)]
    pub file: OutFileArgs,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

    /// Output format of the report
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `import-cert`.
#[derive(Debug, Args)]
pub struct ImportCertArgs {
    /// The certificate file (PEM or DER), or - for stdin
    #[arg(value_name = "FILE")]
    pub input: std::path::PathBuf,

    /// CKA_LABEL of the certificate object [default: the matching key's label]
    #[arg(long, value_name = "LABEL")]
    pub label: Option<String>,

    /// Store it even if its public key matches no key on the token
    #[arg(long)]
    pub allow_orphan: bool,

    /// CKA_ID for an orphan certificate, hex [default: 16 random bytes]
    #[arg(long, value_name = "HEX", requires = "allow_orphan")]
    pub id: Option<String>,

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

/// Arguments of `export-cert`.
#[derive(Debug, Args)]
pub struct ExportCertArgs {
    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// Which certificate (exactly one)
    #[command(flatten)]
    pub object: ObjectArgs,

    /// Write DER instead of PEM
    #[arg(long)]
    pub der: bool,

    /// Where it is written
    #[command(flatten)]
    pub file: OutFileArgs,

    /// Logging in
    #[command(flatten)]
    pub auth: LoginArgs,

    /// Output format of the report
    #[command(flatten)]
    pub output: OutputArgs,
}

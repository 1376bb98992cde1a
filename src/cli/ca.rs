//! Arguments of `sign-csr`: a certificate authority whose key is on the token.

use super::args::value_enum;
use super::args::{OutputArgs, PinArgs, TokenArgs, X509Args};
use crate::formats::x509_ext::CertProfile;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `sign-csr`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("ca").required(true).args(["ca_label", "ca_id", "ca_uri"])))]
pub struct SignCsrArgs {
    /// Certificate requests to sign (PEM or DER), or - for stdin; each becomes NAME.crt beside
    /// its request unless -o is given
    #[arg(value_name = "CSR", required = true)]
    pub csrs: Vec<PathBuf>,

    /// The CA key by CKA_LABEL
    #[arg(long, value_name = "LABEL")]
    pub ca_label: Option<String>,

    /// The CA key by CKA_ID (hex)
    #[arg(long, value_name = "HEX")]
    pub ca_id: Option<String>,

    /// The CA key by pkcs11: URI (may also name the token)
    #[arg(long, value_name = "URI")]
    pub ca_uri: Option<String>,

    /// The CA certificate (PEM or DER) [default: the certificate object with the CA key's
    /// CKA_ID]
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,

    /// What the certificates are for: key usage, extended key usage, basicConstraints
    #[arg(long, value_enum, default_value = "server")]
    pub profile: CertProfileArg,

    /// pathLenConstraint of a CA certificate (--profile ca) [default: none]
    #[arg(long, value_name = "N")]
    pub path_len: Option<u8>,

    /// Also copy the extensions the request asks for (those the profile does not set), as
    /// openssl's copy_extensions = copy
    #[arg(long)]
    pub copy_extensions: bool,

    /// Subject override (else the request's), SAN override (else the request's), usage
    /// overrides (else the profile's), signature options
    #[command(flatten)]
    pub x509: X509Args,

    /// Start of validity, YYYYMMDD or YYYY-MM-DD (UTC) [default: now]
    #[arg(long, value_name = "DATE")]
    pub not_before: Option<String>,

    /// End of validity, YYYYMMDD or YYYY-MM-DD (UTC) (instead of --days)
    #[arg(long, value_name = "DATE", conflicts_with = "days")]
    pub not_after: Option<String>,

    /// Days of validity from --not-before (1-36500) [default: 365, or up to the CA
    /// certificate's end when that comes sooner]
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=36500))]
    pub days: Option<u32>,

    /// Allow a certificate that ends after the CA certificate does
    #[arg(long)]
    pub allow_beyond_ca: bool,

    /// Serial number, hex (one request only) [default: 16 random bytes, positive]
    #[arg(long, value_name = "HEX")]
    pub serial_number: Option<String>,

    /// Sign requests for RSA keys shorter than 2048 bits
    #[arg(long)]
    pub allow_weak: bool,

    /// Write the certificate to FILE, or - for stdout (one request only)
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Replace existing certificate files
    #[arg(long)]
    pub force: bool,

    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

    /// Output format of the report (--json: per certificate serial, subject, fingerprint)
    #[command(flatten)]
    pub output: OutputArgs,
}

value_enum! {
    /// What a certificate issued by `sign-csr` is for.
    CertProfileArg => CertProfile {
        /// A TLS server: CA:FALSE, digitalSignature (and keyEncipherment for RSA), serverAuth
        Server,
        /// A TLS client: CA:FALSE, digitalSignature (and keyEncipherment for RSA), clientAuth
        Client,
        /// A CA (an intermediate): CA:TRUE with --path-len, keyCertSign, cRLSign, digitalSignature
        Ca,
        /// Only CA:FALSE and the key identifiers; usages from --key-usage, --ext-key-usage or
        /// --copy-extensions
        None,
    }
}

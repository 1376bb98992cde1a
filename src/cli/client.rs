//! Arguments of the client-directory commands (Luna's `vtl`): server registration, the
//! client identity, HTL tokens, verify.

use super::args::OutputArgs;
use super::args::value_enum;
use crate::formats::client_identity::ClientKeyType;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// A Luna client configuration to keep in step.
#[derive(Debug, Args, Clone)]
pub struct ChrystokiArgs {
    /// Also maintain the `LunaSA Client` section of this Chrystoki.conf (else the directory in
    /// ChrystokiConfigurationPath, else `chrystoki_conf` in hsmctl.toml)
    #[arg(long, value_name = "PATH")]
    pub chrystoki_conf: Option<PathBuf>,
}

/// Arguments of `addserver`.
#[derive(Debug, Args)]
pub struct AddServerArgs {
    /// The server's host name or IP address, kept as typed (another letter case or IPv6
    /// spelling of a registered server is the same server)
    #[arg(short = 'n', long = "name", value_name = "HOST")]
    pub name: String,

    /// The server certificate: PEM or DER, one certificate (`-` reads stdin)
    #[arg(
        short = 'c',
        long = "cert",
        value_name = "FILE",
        required_unless_present = "fetch"
    )]
    pub cert: Option<PathBuf>,

    /// Fetch the certificate from a TLS handshake with HOST:PORT instead; shows its SHA-256
    /// fingerprint and subject and registers it after confirmation (or --yes)
    #[arg(long, value_name = "HOST:PORT", conflicts_with = "cert")]
    pub fetch: Option<String>,

    /// The server's NTLS port (1-65535)
    #[arg(short = 'p', long, default_value_t = crate::store::config::DEFAULT_PORT,
          value_parser = clap::value_parser!(u16).range(1..))]
    pub port: u16,

    /// The server requires a Host Trust Link one-time token (see `htl install`)
    #[arg(long)]
    pub htl: bool,

    /// The file holds a chain: the server certificate first, then its issuers (all go into the
    /// bundle)
    #[arg(long)]
    pub chain: bool,

    /// Replace the certificate of a server registered with another one
    #[arg(long)]
    pub force: bool,

    /// Rewrite a damaged CAFile.pem, keeping its intact certificates and dropping the rest
    #[arg(long)]
    pub repair: bool,

    /// Accept a certificate that has expired or is not yet valid
    #[arg(long)]
    pub allow_expired: bool,

    /// Accept a CA certificate (basicConstraints CA:TRUE) as the server certificate
    #[arg(long)]
    pub allow_ca: bool,

    /// Refuse a certificate whose subject CN and SANs do not name the server (by default it is
    /// registered with a warning: the link trusts the pinned certificate, not its name)
    #[arg(long)]
    pub strict_names: bool,

    /// Accepted for older scripts: a name mismatch is now a warning unless --strict-names
    #[arg(long, hide = true, conflicts_with = "strict_names")]
    pub allow_name_mismatch: bool,

    /// Register a fetched certificate without asking
    #[arg(short = 'y', long)]
    pub yes: bool,

    /// Luna client configuration
    #[command(flatten)]
    pub chrystoki: ChrystokiArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `deleteserver`.
#[derive(Debug, Args)]
pub struct DeleteServerArgs {
    /// The server's host name or IP address, in any form addserver accepts
    #[arg(short = 'n', long = "name", value_name = "HOST")]
    pub name: String,

    /// Luna client configuration
    #[command(flatten)]
    pub chrystoki: ChrystokiArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `listservers`.
#[derive(Debug, Args)]
pub struct ListServersArgs {
    /// Luna client configuration
    #[command(flatten)]
    pub chrystoki: ChrystokiArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `createcert`.
#[derive(Debug, Args)]
pub struct CreateCertArgs {
    /// The client's name: its host name (exactly, letter case included, as the appliance will
    /// register it) or IP address
    #[arg(short = 'n', long = "name", value_name = "NAME")]
    pub name: String,

    /// The client key's type
    #[arg(long, value_enum, default_value = "rsa:2048")]
    pub key_type: ClientKeyTypeArg,

    /// Validity of the self-signed certificate, in days
    #[arg(long, default_value_t = 3650, value_parser = clap::value_parser!(u32).range(1..=36500))]
    pub days: u32,

    /// Replace an existing client key and certificate of that name (and the --pkcs12 file)
    #[arg(long)]
    pub force: bool,

    /// Also write the client key and certificate as a PKCS#12 file (0600)
    #[command(flatten)]
    pub pkcs12: Pkcs12Args,

    /// Luna client configuration
    #[command(flatten)]
    pub chrystoki: ChrystokiArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// A PKCS#12 copy of the client identity.
#[derive(Debug, Args)]
pub struct Pkcs12Args {
    /// Write the client key, its certificate and any --chain into FILE as PKCS#12 (mode 0600;
    /// PBES2 with PBKDF2-SHA-256 and AES-256-CBC, HMAC-SHA-256 MAC), under a passphrase from
    /// --passphrase-file, --passphrase-env, HSMCTL_PKCS12_PASSPHRASE or a prompt
    #[arg(long, value_name = "FILE")]
    pub pkcs12: Option<PathBuf>,

    /// Issuer certificates (PEM) to put into the PKCS#12 file after the client certificate
    #[arg(long, value_name = "FILE", requires = "pkcs12")]
    pub chain: Option<PathBuf>,

    /// Passphrase source of the PKCS#12 file
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}

/// Arguments of `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Also make a mutual-TLS handshake with every registered server, as the client identity,
    /// trusting only CAFile.pem
    #[arg(long)]
    pub connect: bool,

    /// Seconds to wait for each server (1-3600)
    #[arg(long, default_value_t = 10, value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub connect_timeout: u64,

    /// Only the local checks: do not load a PKCS#11 module to list slots
    #[arg(long)]
    pub no_slots: bool,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `htl` subcommands.
#[derive(Debug, Subcommand)]
pub enum HtlCommand {
    /// Install a one-time token for a server registered with --htl, as htl/<server>.ott (0600)
    Install(HtlInstallArgs),
    /// The HTL servers and whether each has a token installed
    Show(HtlShowArgs),
}

/// Arguments of `htl install`.
#[derive(Debug, Args)]
pub struct HtlInstallArgs {
    /// The registered server the token is for
    #[arg(short = 'n', long = "name", value_name = "HOST")]
    pub name: String,

    /// The one-time token file from the appliance
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Replace a token already installed
    #[arg(long)]
    pub force: bool,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `htl show`.
#[derive(Debug, Args)]
pub struct HtlShowArgs {
    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `client-key` subcommands.
#[derive(Debug, Subcommand)]
pub enum ClientKeyCommand {
    /// The client identity: public key, fingerprint, creation time, certificate
    Show(ClientKeyShowArgs),
    /// A new key and certificate for the client identity; the old pair is kept as .old
    Roll(ClientKeyRollArgs),
    /// The client key as an encrypted PKCS#8 file (passphrase from a file, a variable, or a prompt)
    Backup(ClientKeyBackupArgs),
    /// Put back a client key from a backup (it must match the client certificate)
    Restore(ClientKeyRestoreArgs),
    /// The client key and certificate (and a chain) as a PKCS#12 file, for libraries that take one
    Export(ClientKeyExportArgs),
}

/// Which client identity.
#[derive(Debug, Args)]
pub struct ClientNameArgs {
    /// The client name (default: the one createcert made, from hsmctl.toml)
    #[arg(short = 'n', long = "name", value_name = "NAME")]
    pub name: Option<String>,
}

/// Where a passphrase (a backup's, a PKCS#12 file's, a key file's) comes from (else its
/// variable, else a prompt on a terminal).
#[derive(Debug, Args)]
pub struct PassphraseArgs {
    /// Read the passphrase from the first line of FILE (not group/world-readable)
    #[arg(long, value_name = "FILE", group = "passphrase")]
    pub passphrase_file: Option<PathBuf>,

    /// Read the passphrase from environment variable VAR
    #[arg(long, value_name = "VAR", group = "passphrase")]
    pub passphrase_env: Option<String>,

    /// Read the passphrase from the open file descriptor N
    #[arg(long, value_name = "N", group = "passphrase")]
    pub passphrase_fd: Option<i32>,
}

/// Arguments of `client-key show`.
#[derive(Debug, Args)]
pub struct ClientKeyShowArgs {
    /// Which client identity
    #[command(flatten)]
    pub client: ClientNameArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `client-key roll`.
#[derive(Debug, Args)]
pub struct ClientKeyRollArgs {
    /// Which client identity
    #[command(flatten)]
    pub client: ClientNameArgs,

    /// The new key's type (default: the current key's)
    #[arg(long, value_enum)]
    pub key_type: Option<ClientKeyTypeArg>,

    /// Validity of the new certificate, in days
    #[arg(long, default_value_t = 3650, value_parser = clap::value_parser!(u32).range(1..=36500))]
    pub days: u32,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `client-key backup`.
#[derive(Debug, Args)]
pub struct ClientKeyBackupArgs {
    /// Which client identity
    #[command(flatten)]
    pub client: ClientNameArgs,

    /// The backup file to write (0600)
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: PathBuf,

    /// Replace an existing backup file
    #[arg(long)]
    pub force: bool,

    /// Passphrase source
    #[command(flatten)]
    pub passphrase: PassphraseArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `client-key export`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["pkcs12"])))]
pub struct ClientKeyExportArgs {
    /// Which client identity
    #[command(flatten)]
    pub client: ClientNameArgs,

    /// The PKCS#12 file, its chain and passphrase
    #[command(flatten)]
    pub pkcs12: Pkcs12Args,

    /// Replace an existing PKCS#12 file
    #[arg(long)]
    pub force: bool,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `client-key restore`.
#[derive(Debug, Args)]
pub struct ClientKeyRestoreArgs {
    /// Which client identity
    #[command(flatten)]
    pub client: ClientNameArgs,

    /// The backup file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Replace a different key that is in place now (it is kept as .old)
    #[arg(long)]
    pub force: bool,

    /// Passphrase source
    #[command(flatten)]
    pub passphrase: PassphraseArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

value_enum! {
    /// Key types for the client identity.
    ClientKeyTypeArg => ClientKeyType {
        /// RSA 2048 (what Luna clients make)
        #[value(name = "rsa:2048")]
        Rsa2048,
        /// RSA 3072
        #[value(name = "rsa:3072")]
        Rsa3072,
        /// RSA 4096
        #[value(name = "rsa:4096")]
        Rsa4096,
        /// ECDSA P-256
        #[value(name = "ec:p256")]
        EcP256,
        /// ECDSA P-384
        #[value(name = "ec:p384")]
        EcP384,
    }
}

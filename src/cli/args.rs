//! Argument groups shared by several commands, so a flag is spelled the same way everywhere.

use crate::formats::input::parse_bool;
use crate::hsm::ObjClass;
use crate::output::Format;
use clap::Args;
use std::path::PathBuf;

/// A clap value enum standing for a lower layer's plain enum (clap stays in `cli`): the same
/// variants, their doc comments as the help text, and the conversion into the plain type.
macro_rules! value_enum {
    ($(#[$m:meta])* $name:ident => $target:path { $($(#[$vm:meta])* $v:ident),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
        pub enum $name {
            $($(#[$vm])* $v),*
        }

        impl From<$name> for $target {
            fn from(v: $name) -> Self {
                match v {
                    $($name::$v => <$target>::$v),*
                }
            }
        }
    };
}
pub(crate) use value_enum;

value_enum! {
    /// How a report is printed.
    FormatArg => Format {
        /// Tables and text for people.
        Human,
        /// One JSON document (snake_case keys; the shape is API).
        Json,
    }
}

/// Options every command accepts.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit's proxy, SoftHSM2)
    #[arg(
        help_heading = "Module, home and diagnostics",
        long,
        global = true,
        value_name = "PATH"
    )]
    pub module: Option<PathBuf>,

    /// Load a module file that its group or everyone may write (never needed for a packaged one)
    #[arg(help_heading = "Module, home and diagnostics", long, global = true)]
    pub insecure_module: bool,

    /// hsmctl's home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)
    #[arg(
        help_heading = "Module, home and diagnostics",
        long,
        global = true,
        value_name = "DIR"
    )]
    pub home: Option<PathBuf>,

    /// Say more on stderr (which module was loaded and why, which token was selected)
    #[arg(help_heading = "Module, home and diagnostics", short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after
    /// that)
    #[arg(help_heading = "Module, home and diagnostics", long, global = true, value_name = "SECONDS", default_value_t = 120,
          value_parser = clap::value_parser!(u64).range(0..=86400))]
    pub lock_timeout: u64,
}

/// Object selection, shared by every command that works on objects.
#[derive(Debug, Clone, Args)]
pub struct ObjectArgs {
    /// Select objects by CKA_LABEL
    #[arg(help_heading = "Object selection", long, value_name = "LABEL")]
    pub label: Option<String>,

    /// Select objects by CKA_ID (hex)
    #[arg(help_heading = "Object selection", long, value_name = "HEX")]
    pub id: Option<String>,

    /// Select objects of one class
    #[arg(
        help_heading = "Object selection",
        long,
        value_enum,
        value_name = "CLASS"
    )]
    pub class: Option<ClassArg>,

    /// Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)
    #[arg(help_heading = "Object selection", long, value_name = "N")]
    pub handle: Option<u64>,
}

value_enum! {
    /// Object classes by the words users type (`--class`); hsm's own type is [`ObjClass`].
    ClassArg => ObjClass {
        /// CKO_PRIVATE_KEY.
        Private,
        /// CKO_PUBLIC_KEY.
        Public,
        /// CKO_CERTIFICATE.
        Cert,
        /// CKO_SECRET_KEY.
        #[value(name = "secret-key", alias = "secret")]
        SecretKey,
        /// CKO_DATA.
        Data,
    }
}

/// Where an artifact (a key, a certificate) is written.
#[derive(Debug, Args)]
pub struct OutFileArgs {
    /// Write to FILE (atomically) instead of stdout
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,

    /// Replace an existing --out file
    #[arg(long)]
    pub force: bool,
}

/// Token selection.
#[derive(Debug, Clone, Args)]
pub struct TokenArgs {
    /// Select the token by its label
    #[arg(help_heading = "Token selection", long, value_name = "LABEL")]
    pub token: Option<String>,

    /// Select the token by its serial number
    #[arg(help_heading = "Token selection", long, value_name = "SERIAL")]
    pub serial: Option<String>,

    /// Select the token by slot id (slot ids are not stable on every module; prefer --serial)
    #[arg(help_heading = "Token selection", long, value_name = "ID")]
    pub slot: Option<u64>,

    /// Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)
    #[arg(help_heading = "Token selection", long, value_name = "URI")]
    pub uri: Option<String>,
}

/// Output format.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Print one JSON document instead of a table (same as --format json)
    #[arg(long, conflicts_with = "format")]
    pub json: bool,

    /// Report format: human or json (--output is an older spelling; files are -o/--out)
    #[arg(long, value_enum, value_name = "FORMAT", alias = "output")]
    pub format: Option<FormatArg>,
}

impl OutputArgs {
    /// The format asked for; human by default.
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            self.format.map_or(Format::Human, Format::from)
        }
    }
}

/// The report format of a command whose `--format` names the artifact's format
/// (export-pubkey, convert-pubkey): `--json` only (`--output json` too, the older spelling).
#[derive(Debug, Args)]
pub struct JsonArgs {
    /// Print one JSON document instead of text
    #[arg(long, conflicts_with = "output")]
    pub json: bool,

    /// The older spelling of --json (--output json)
    #[arg(long, value_enum, value_name = "FORMAT", hide = true)]
    pub output: Option<FormatArg>,
}

impl JsonArgs {
    /// The format asked for; human by default.
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            self.output.map_or(Format::Human, Format::from)
        }
    }
}

/// Where the user PIN comes from (else HSMCTL_PIN, else a prompt on a terminal).
#[derive(Debug, Args, Default)]
pub struct PinArgs {
    /// Read the user PIN from the first line of FILE (mode 600, not a symlink)
    #[arg(
        help_heading = "User PIN",
        long,
        value_name = "FILE",
        group = "user_pin"
    )]
    pub pin_file: Option<PathBuf>,

    /// Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]
    #[arg(
        help_heading = "User PIN",
        long,
        value_name = "VAR",
        group = "user_pin"
    )]
    pub pin_env: Option<String>,

    /// Read the user PIN from the open file descriptor N
    #[arg(help_heading = "User PIN", long, value_name = "N", group = "user_pin")]
    pub pin_fd: Option<i32>,

    /// A PIN the caller already holds (the Luna tools' login or prompt): used first, never
    /// from the command line
    #[arg(skip)]
    pub held: Option<secrecy::SecretString>,
}

/// Logging in where a command can work without it: `--login`, and the user PIN's sources.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Log in, so that private objects are seen too (implied by any PIN source)
    #[arg(long)]
    pub login: bool,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,
}

/// Where the security officer's PIN comes from (else HSMCTL_SO_PIN, else a prompt).
#[derive(Debug, Args)]
pub struct SoPinArgs {
    /// Read the SO PIN from the first line of FILE (mode 600, not a symlink)
    #[arg(help_heading = "SO PIN", long, value_name = "FILE", group = "so_pin")]
    pub so_pin_file: Option<PathBuf>,

    /// Read the SO PIN from the environment variable VAR [default variable: HSMCTL_SO_PIN]
    #[arg(help_heading = "SO PIN", long, value_name = "VAR", group = "so_pin")]
    pub so_pin_env: Option<String>,

    /// Read the SO PIN from the open file descriptor N
    #[arg(help_heading = "SO PIN", long, value_name = "N", group = "so_pin")]
    pub so_pin_fd: Option<i32>,

    /// A PIN the caller already holds (the Luna tools' login or prompt): used first, never
    /// from the command line
    #[arg(skip)]
    pub held: Option<secrecy::SecretString>,
}

/// Where a new PIN comes from (else HSMCTL_NEW_PIN, else a prompt asked twice).
#[derive(Debug, Args)]
pub struct NewPinArgs {
    /// Read the new PIN from the first line of FILE (mode 600, not a symlink)
    #[arg(help_heading = "New PIN", long, value_name = "FILE", group = "new_pin")]
    pub new_pin_file: Option<PathBuf>,

    /// Read the new PIN from the environment variable VAR [default variable: HSMCTL_NEW_PIN]
    #[arg(help_heading = "New PIN", long, value_name = "VAR", group = "new_pin")]
    pub new_pin_env: Option<String>,

    /// Read the new PIN from the open file descriptor N
    #[arg(help_heading = "New PIN", long, value_name = "N", group = "new_pin")]
    pub new_pin_fd: Option<i32>,

    /// A PIN the caller already holds (the Luna tools' login or prompt): used first, never
    /// from the command line
    #[arg(skip)]
    pub held: Option<secrecy::SecretString>,
}

/// Subject, alternative names and usages of a CSR or certificate.
#[derive(Debug, Args)]
pub struct X509Args {
    /// The subject, as 'CN=web1,O=Corp,C=FI' (or OpenSSL's '/CN=web1/O=Corp')
    #[arg(long, value_name = "DN")]
    pub subject: Option<String>,

    /// Subject common name (CN)
    #[arg(long, value_name = "TEXT")]
    pub cn: Option<String>,

    /// Subject organization (O)
    #[arg(long = "o", value_name = "TEXT")]
    pub org: Option<String>,

    /// Subject organizational unit (OU)
    #[arg(long, value_name = "TEXT")]
    pub ou: Option<String>,

    /// Subject country, two letters (C)
    #[arg(long = "c", value_name = "CC")]
    pub country: Option<String>,

    /// Subject state or province (ST)
    #[arg(long, value_name = "TEXT")]
    pub st: Option<String>,

    /// Subject locality (L)
    #[arg(long = "l", value_name = "TEXT")]
    pub locality: Option<String>,

    /// Subject emailAddress
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,

    /// DNS name SAN (repeatable)
    #[arg(long, value_name = "NAME")]
    pub dns: Vec<String>,

    /// IP address SAN (repeatable)
    #[arg(long, value_name = "ADDRESS")]
    pub ip: Vec<String>,

    /// Email SAN (repeatable)
    #[arg(long, value_name = "ADDRESS")]
    pub email_san: Vec<String>,

    /// URI SAN (repeatable)
    #[arg(long, value_name = "URI")]
    pub uri_san: Vec<String>,

    /// Key usages, comma-separated (digitalSignature, keyEncipherment, keyCertSign, cRLSign, ...)
    #[arg(long, value_name = "LIST")]
    pub key_usage: Option<String>,

    /// Extended key usages, comma-separated (serverAuth, clientAuth, codeSigning, ...)
    #[arg(long, value_name = "LIST")]
    pub ext_key_usage: Option<String>,

    /// The digest of an RSA signature (ECDSA keys use their curve's SHA-2: P-521 uses SHA-512)
    #[arg(long, value_enum, default_value = "sha256")]
    pub digest: Digest,

    /// Sign RSA keys with RSASSA-PSS (MGF1 with the same digest, salt as long as the digest)
    /// instead of PKCS#1 v1.5
    #[arg(long)]
    pub pss: bool,

    /// Write DER instead of PEM
    #[arg(long)]
    pub der: bool,
}

/// Digests for RSA X.509 signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Digest {
    /// SHA-256
    Sha256,
    /// SHA-384
    Sha384,
    /// SHA-512
    Sha512,
}

/// Usage flags of a new or imported key; each takes an optional true/false.
#[derive(Debug, Args, Default, Clone)]
pub struct UsageArgs {
    /// CKA_SIGN on the private or secret key [default: true; AES keys: false]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub sign: Option<bool>,

    /// CKA_VERIFY on the public or secret key [default: true; AES keys: false]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub verify: Option<bool>,

    /// CKA_ENCRYPT on the public key (RSA) or the AES key [default: false; AES keys: true]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub encrypt: Option<bool>,

    /// CKA_DECRYPT on the private key (RSA) or the AES key [default: false; AES keys: true]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub decrypt: Option<bool>,

    /// CKA_DERIVE on the private key (EC: ECDH) or the secret key [default: false]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub derive: Option<bool>,
}

/// The key-wrapping usage flags of a new key.
#[derive(Debug, Args, Default, Clone)]
pub struct WrapUsageArgs {
    /// CKA_WRAP on the public key (RSA) or the secret key [default: false]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub wrap: Option<bool>,

    /// CKA_UNWRAP on the private key (RSA) or the secret key [default: false]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub unwrap: Option<bool>,
}

//! The command line, as clap definitions only: no I/O here. Doc comments are the help text.

pub mod args;
pub mod ca;
pub mod client;
pub mod examples;
pub mod keys;

use crate::exit::EXIT_CODES_HELP;
use crate::formats::input::parse_bool;
use args::{
    GlobalArgs, JsonArgs, NewPinArgs, ObjectArgs, OutFileArgs, OutputArgs, PinArgs, SoPinArgs,
    TokenArgs, UsageArgs, WrapUsageArgs, X509Args,
};
use clap::{Args, Parser, Subcommand};

/// Environment variables, listed in --help and the man pages.
pub const ENV_HELP: &str = "\
Environment:
  HSMCTL_MODULE     PKCS#11 module to load when --module is not given
  HSMCTL_HOME       home directory (config file hsmctl.toml)
  HSMCTL_PIN        user PIN when no --pin-* option is given (removed from the environment once read)
  HSMCTL_SO_PIN     security officer PIN when no --so-pin-* option is given
  HSMCTL_NEW_PIN    new PIN for `token set-pin` when no --new-pin-* option is given
  HSMCTL_BACKUP_PASSPHRASE  passphrase of `client-key backup`/`restore` (no --passphrase-*)
  HSMCTL_PKCS12_PASSPHRASE  passphrase of --pkcs12 files (no --passphrase-*)
  HSMCTL_KEY_PASSPHRASE     passphrase of an encrypted key file for `import-key` (no --passphrase-*)
  NO_COLOR          plain ASCII tables even on a terminal";

/// Admin toolkit for PKCS#11 hardware security modules
#[derive(Debug, Parser)]
#[command(
    name = "hsmctl",
    version,
    long_about = "hsmctl administers PKCS#11 tokens (Thales Luna, Futurex, Entrust nShield, SoftHSM2, \
                  or any other module): slots and tokens, key pairs, objects, OpenSSH keys and \
                  certificates, and X.509 from token keys.",
    after_long_help = format!("{ENV_HELP}\n\n{EXIT_CODES_HELP}")
)]
pub struct Cli {
    /// Options for every command
    #[command(flatten)]
    pub global: GlobalArgs,

    /// The command to run
    #[command(subcommand)]
    pub command: Command,
}

/// The headings of `hsmctl --help` and the commands under each; a command in none of them is
/// listed under "Other" (a test keeps every command in a group).
pub const GROUPS: &[(&str, &[&str])] = &[
    ("Tokens", &["slots", "slot", "info", "token"]),
    (
        "Keys and objects",
        &[
            "generatekeypair",
            "generatekey",
            "import-key",
            "list",
            "show",
            "setattribute",
            "delete",
            "doctor",
            "test-key",
            "sign",
            "verify-signature",
            "random",
        ],
    ),
    (
        "OpenSSH",
        &[
            "export-ssh-pubkey",
            "export-pubkey",
            "convert-pubkey",
            "sign-ssh-cert",
            "agent",
        ],
    ),
    (
        "X.509",
        &[
            "request-cert",
            "selfsign-cert",
            "sign-csr",
            "import-cert",
            "export-cert",
        ],
    ),
    (
        "Client directory (Luna's vtl)",
        &[
            "addserver",
            "deleteserver",
            "listservers",
            "createcert",
            "verify",
            "htl",
            "client-key",
        ],
    ),
    ("Other", &["completions"]),
];

/// The command line with `--help` listing the commands under [`GROUPS`]' headings.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let cmd = Cli::command();
    let mut listing = String::new();
    let subs: Vec<&clap::Command> = cmd.get_subcommands().filter(|c| !c.is_hide_set()).collect();
    let grouped = |name: &str| GROUPS.iter().any(|(_, names)| names.contains(&name));
    for (heading, names) in GROUPS {
        let members: Vec<&&clap::Command> = subs
            .iter()
            .filter(|c| {
                names.contains(&c.get_name()) || (*heading == "Other" && !grouped(c.get_name()))
            })
            .collect();
        if members.is_empty() {
            continue;
        }
        listing.push_str(&format!("{heading}:\n"));
        for c in members {
            let about = c.get_about().map(|a| a.to_string()).unwrap_or_default();
            listing.push_str(&format!("  {:<19} {about}\n", c.get_name()));
        }
        listing.push('\n');
    }
    cmd.help_template(format!(
        "{{about-with-newline}}\n{{usage-heading}} {{usage}}\n\n{listing}Options:\n{{options}}{{after-help}}"
    ))
}

/// hsmctl's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every slot and its token (label, serial, model, versions, flags, pkcs11: URI)
    #[command(visible_alias = "partitions")]
    Slots(SlotsArgs),

    /// One slot or partition in detail
    #[command(subcommand, visible_alias = "partition")]
    Slot(SlotCommand),

    /// The module's own information (C_GetInfo) and where it was loaded from
    Info(InfoArgs),

    /// Initialize tokens and manage their PINs
    #[command(subcommand)]
    Token(TokenCommand),

    /// Generate a key pair on the token (RSA, EC, Ed25519), sensitive and non-extractable
    #[command(visible_alias = "keygen")]
    Generatekeypair(KeygenArgs),

    /// Generate a secret key on the token (AES, generic), sensitive and non-extractable
    Generatekey(keys::GenerateKeyArgs),

    /// Import a private key file (PKCS#8, PKCS#1, SEC1, PKCS#12, OpenSSH) as a token key pair
    ImportKey(keys::ImportKeyArgs),

    /// Sign a file with a token key (RSA PKCS#1 v1.5 or PSS, ECDSA, Ed25519), as openssl dgst -sign
    Sign(keys::SignArgs),

    /// Verify a signature with a token key or a public key file (exit 0 good, 1 bad)
    VerifySignature(keys::VerifySignatureArgs),

    /// Self-check keys inside the token: sign and verify (or encrypt and decrypt), pair match
    TestKey(keys::TestKeyArgs),

    /// Random bytes from the token's generator (C_GenerateRandom)
    Random(keys::RandomArgs),

    /// List objects: class, key type and size, label, id, usage, pairing, pkcs11: URI
    #[command(visible_alias = "objects")]
    List(ListArgs),

    /// Every readable attribute of one object, decoded by name
    #[command(visible_alias = "getattribute")]
    Show(ShowArgs),

    /// Change an object's label, id or boolean attributes (never weakening a key)
    Setattribute(SetAttributeArgs),

    /// Delete objects (with --pair, both halves of a key pair)
    Delete(DeleteArgs),

    /// OpenSSH authorized_keys lines for token keys (RSA, ECDSA, Ed25519), like ssh-keygen -D
    ExportSshPubkey(ExportSshArgs),

    /// One token public key as SPKI PEM/DER, PKCS#1 or OpenSSH
    ExportPubkey(ExportPubkeyArgs),

    /// Convert a public key file between OpenSSH, SPKI (PEM/DER) and PKCS#1 (detects the input)
    ConvertPubkey(ConvertPubkeyArgs),

    /// Sign OpenSSH user or host certificates with a CA key on the token, one or many
    SignSshCert(SignSshCertArgs),

    /// A PKCS#10 certificate request signed inside the token by the selected key
    #[command(visible_alias = "requestcertificate")]
    RequestCert(RequestCertArgs),

    /// A self-signed X.509 certificate for a token key (optionally stored on the token)
    #[command(visible_alias = "selfsigncertificate")]
    SelfsignCert(SelfsignCertArgs),

    /// Issue X.509 certificates for PKCS#10 requests, signed inside the token by a CA key
    #[command(
        visible_alias = "issue-cert",
        long_about = "Issue X.509 certificates for PKCS#10 requests, signed inside the token by a \
                      CA key with its CA certificate (the certificate object beside the key, or \
                      --ca-cert). Each request's signature and key are checked first. Subject and \
                      SANs come from the request unless overridden; the profile sets key usage, \
                      extended key usage and basicConstraints; every certificate carries subject \
                      and authority key identifiers. Several requests are signed under one login."
    )]
    SignCsr(ca::SignCsrArgs),

    /// Store a certificate on the token beside its key (same CKA_ID), PEM or DER
    ImportCert(ImportCertArgs),

    /// Write a certificate object from the token as PEM or DER
    ExportCert(ExportCertArgs),

    /// Check that keys and certificates pair up by CKA_ID and really match; --fix repairs ids
    Doctor(DoctorArgs),

    /// Register a server's certificate (cert/server/<name>Cert.pem and CAFile.pem), like vtl addServer
    #[command(visible_alias = "addServer")]
    Addserver(client::AddServerArgs),

    /// Remove a registered server and its certificate from the bundle
    #[command(visible_alias = "deleteServer")]
    Deleteserver(client::DeleteServerArgs),

    /// The registered servers
    #[command(visible_alias = "listServers")]
    Listservers(client::ListServersArgs),

    /// Create the client's key and self-signed certificate (cert/client/<name>Key.pem, <name>.pem)
    #[command(visible_alias = "createCert")]
    Createcert(client::CreateCertArgs),

    /// The slots the module shows, and a health check of the client directory (--connect: TLS)
    Verify(client::VerifyArgs),

    /// Host Trust Link one-time tokens
    #[command(subcommand)]
    Htl(client::HtlCommand),

    /// The client identity's key: show, roll, backup, restore
    #[command(subcommand)]
    ClientKey(client::ClientKeyCommand),

    /// Print a shell completion script to stdout
    #[command(after_long_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
}

/// Arguments of `slots`.
#[derive(Debug, Args)]
pub struct SlotsArgs {
    /// Show every value whole (URIs, flags), even on a narrow terminal
    #[arg(long)]
    pub wide: bool,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `slot` subcommands.
#[derive(Debug, Subcommand)]
pub enum SlotCommand {
    /// Show one token in detail: identity, flags, PIN lengths, sessions, memory
    Show(SlotShowArgs),
}

/// Arguments of `slot show`.
#[derive(Debug, Args)]
pub struct SlotShowArgs {
    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// Also list every mechanism with its key-size range and flags
    #[arg(long)]
    pub mechanisms: bool,

    /// Show every value whole (the URI), even on a narrow terminal
    #[arg(long)]
    pub wide: bool,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `info`.
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `token` subcommands.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Initialize a token: set its label and SO PIN (C_InitToken), then the user PIN (C_InitPIN)
    #[command(
        long_about = "Initialize a token: C_InitToken with the SO PIN and the label, then C_InitPIN \
                      with the user PIN. Without a selector, the first slot with a free \
                      (uninitialized) token is used. An initialized token is erased only with --force."
    )]
    Init(TokenInitArgs),

    /// Change the user PIN (or with --so, the SO PIN), logging in with the current one
    SetPin(TokenSetPinArgs),

    /// As security officer, set a new user PIN (unlocks a locked user PIN)
    InitPin(TokenInitPinArgs),
}

/// Arguments of `token init`.
#[derive(Debug, Args)]
pub struct TokenInitArgs {
    /// The new token label (at most 32 bytes of UTF-8)
    #[arg(long, value_name = "LABEL")]
    pub label: String,

    /// Erase a token that is already initialized, with every object on it
    #[arg(long)]
    pub force: bool,

    /// Token selection (default: the first slot with a free token)
    #[command(flatten)]
    pub token: TokenArgs,

    /// The SO PIN to set (or, for an initialized token, its current SO PIN)
    #[command(flatten)]
    pub so_pin: SoPinArgs,

    /// The user PIN to set
    #[command(flatten)]
    pub pin: PinArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `token set-pin`.
#[derive(Debug, Args)]
pub struct TokenSetPinArgs {
    /// Change the security officer's PIN instead of the user's
    #[arg(long)]
    pub so: bool,

    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// The current user PIN
    #[command(flatten)]
    pub pin: PinArgs,

    /// The current SO PIN (with --so)
    #[command(flatten)]
    pub so_pin: SoPinArgs,

    /// The new PIN
    #[command(flatten)]
    pub new_pin: NewPinArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `token init-pin`.
#[derive(Debug, Args)]
pub struct TokenInitPinArgs {
    /// Token selection
    #[command(flatten)]
    pub token: TokenArgs,

    /// The SO PIN
    #[command(flatten)]
    pub so_pin: SoPinArgs,

    /// The user PIN to set
    #[command(flatten)]
    pub pin: PinArgs,

    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

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

    /// Log in, so that private objects are listed (also implied by any PIN source)
    #[arg(long)]
    pub login: bool,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

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

    /// Log in, so that private objects can be shown (also implied by any PIN source)
    #[arg(long)]
    pub login: bool,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

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

    /// Log in, to find keys whose public half is private (also implied by any PIN source)
    #[arg(long)]
    pub login: bool,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

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

    /// Log in, to find keys whose public half is private (also implied by any PIN source)
    #[arg(long)]
    pub login: bool,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

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

    /// Log in first (certificates are usually public)
    #[arg(long)]
    pub login: bool,

    /// The user PIN
    #[command(flatten)]
    pub pin: PinArgs,

    /// Output format of the report
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

/// Where completion scripts go, for `completions --help` (the Debian package installs them in
/// the system directories).
const COMPLETIONS_HELP: &str = "\
Where the script goes (for this user; the Debian package installs all three system-wide):
  bash  hsmctl completions bash > ~/.local/share/bash-completion/completions/hsmctl
  zsh   hsmctl completions zsh > ~/.zfunc/_hsmctl   (with fpath+=~/.zfunc before compinit)
  fish  hsmctl completions fish > ~/.config/fish/completions/hsmctl.fish
System-wide: /usr/share/bash-completion/completions/hsmctl,
/usr/share/zsh/vendor-completions/_hsmctl, /usr/share/fish/vendor_completions.d/hsmctl.fish.
The scripts of vtl, cmu and lunacm are in the source tree's completions/ directory.";

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

impl Command {
    /// The PIN arguments of this command (user, SO, new), where it has them: the Luna tools put
    /// the PINs they hold there (`PinArgs::held`), typed, instead of in argv.
    pub fn pin_args_mut(
        &mut self,
    ) -> (
        Option<&mut PinArgs>,
        Option<&mut SoPinArgs>,
        Option<&mut NewPinArgs>,
    ) {
        match self {
            Command::Token(TokenCommand::Init(a)) => (Some(&mut a.pin), Some(&mut a.so_pin), None),
            Command::Token(TokenCommand::SetPin(a)) => {
                (Some(&mut a.pin), Some(&mut a.so_pin), Some(&mut a.new_pin))
            }
            Command::Token(TokenCommand::InitPin(a)) => {
                (Some(&mut a.pin), Some(&mut a.so_pin), None)
            }
            Command::Generatekeypair(a) => (Some(&mut a.pin), None, None),
            Command::List(a) => (Some(&mut a.pin), None, None),
            Command::Show(a) => (Some(&mut a.pin), None, None),
            Command::Setattribute(a) => (Some(&mut a.pin), None, None),
            Command::Delete(a) => (Some(&mut a.pin), None, None),
            Command::ExportSshPubkey(a) => (Some(&mut a.pin), None, None),
            Command::ExportPubkey(a) => (Some(&mut a.pin), None, None),
            Command::SignSshCert(a) => (Some(&mut a.pin), None, None),
            Command::RequestCert(a) => (Some(&mut a.pin), None, None),
            Command::SelfsignCert(a) => (Some(&mut a.pin), None, None),
            Command::SignCsr(a) => (Some(&mut a.pin), None, None),
            Command::ImportCert(a) => (Some(&mut a.pin), None, None),
            Command::ExportCert(a) => (Some(&mut a.pin), None, None),
            Command::Doctor(a) => (Some(&mut a.pin), None, None),
            Command::ImportKey(a) => (Some(&mut a.pin), None, None),
            _ => (None, None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    /// clap's own consistency checks (duplicate flags, bad groups) over every subcommand.
    #[test]
    fn cli_definitions_are_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}

//! The command line, as clap definitions only: no I/O here. Doc comments are the help text.

pub mod agent;
pub mod args;
pub mod ca;
pub mod client;
pub mod examples;
pub mod keys;
pub mod objects;
pub mod ssh;
pub mod tokens;
pub mod x509;

pub use objects::*;
pub use ssh::*;
pub use tokens::*;
pub use x509::*;

use crate::exit::EXIT_CODES_HELP;
use args::{GlobalArgs, NewPinArgs, PinArgs, SoPinArgs};
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

    /// An ssh-agent offering only the token keys named, with their certificates
    #[command(
        long_about = "An ssh-agent offering only the token keys named (--label, --id, --uri; in \
                      that order), with their OpenSSH certificates (--cert). Signatures are made \
                      inside the token: RSA (rsa-sha2-256/512), ECDSA P-256/P-384/P-521 and \
                      Ed25519. It logs in once at start-up, forks into the background and prints \
                      the shell lines for SSH_AUTH_SOCK and SSH_AGENT_PID, as ssh-agent does; -D \
                      keeps it in the foreground. Every signature is logged (stderr, or syslog in \
                      the background)."
    )]
    Agent(Box<agent::AgentArgs>),

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
            Command::List(a) => (Some(&mut a.auth.pin), None, None),
            Command::Show(a) => (Some(&mut a.auth.pin), None, None),
            Command::Setattribute(a) => (Some(&mut a.pin), None, None),
            Command::Delete(a) => (Some(&mut a.pin), None, None),
            Command::ExportSshPubkey(a) => (Some(&mut a.auth.pin), None, None),
            Command::ExportPubkey(a) => (Some(&mut a.auth.pin), None, None),
            Command::SignSshCert(a) => (Some(&mut a.pin), None, None),
            Command::RequestCert(a) => (Some(&mut a.pin), None, None),
            Command::SelfsignCert(a) => (Some(&mut a.pin), None, None),
            Command::SignCsr(a) => (Some(&mut a.pin), None, None),
            Command::ImportCert(a) => (Some(&mut a.pin), None, None),
            Command::ExportCert(a) => (Some(&mut a.auth.pin), None, None),
            Command::Doctor(a) => (Some(&mut a.pin), None, None),
            Command::ImportKey(a) => (Some(&mut a.pin), None, None),
            Command::VerifySignature(a) => (Some(&mut a.auth.pin), None, None),
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

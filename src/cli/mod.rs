//! The command line, as clap definitions only: no I/O here. Doc comments are the help text.

pub mod args;

use crate::exit::EXIT_CODES_HELP;
use args::{GlobalArgs, NewPinArgs, OutputArgs, PinArgs, SoPinArgs, TokenArgs};
use clap::{Args, Parser, Subcommand};

/// Environment variables, listed in --help and the man pages.
const ENV_HELP: &str = "\
Environment:
  HSMCTL_MODULE     PKCS#11 module to load when --module is not given
  HSMCTL_HOME       home directory (config file hsmctl.toml)
  HSMCTL_PIN        user PIN when no --pin-* option is given (removed from the environment once read)
  HSMCTL_SO_PIN     security officer PIN when no --so-pin-* option is given
  HSMCTL_NEW_PIN    new PIN for `token set-pin` when no --new-pin-* option is given
  NO_COLOR          plain ASCII tables even on a terminal";

/// Admin toolkit for PKCS#11 hardware security modules
#[derive(Debug, Parser)]
#[command(
    name = "hsmctl",
    version,
    long_about = "hsmctl administers PKCS#11 tokens (Thales Luna, Futurex, Entrust nShield, SoftHSM2, \
                  or any other module): slots and tokens, key pairs, objects, OpenSSH keys and \
                  certificates, X.509, and the Luna client's server-certificate exchange.",
    after_long_help = format!("{ENV_HELP}\n\n{EXIT_CODES_HELP}"),
    propagate_version = true
)]
pub struct Cli {
    /// Options for every command
    #[command(flatten)]
    pub global: GlobalArgs,

    /// The command to run
    #[command(subcommand)]
    pub command: Command,
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

    /// Print a shell completion script to stdout
    Completions(CompletionsArgs),
}

/// Arguments of `slots`.
#[derive(Debug, Args)]
pub struct SlotsArgs {
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

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

//! Arguments of the token commands: slots, slot show, info, token init/set-pin/init-pin.

use super::args::{NewPinArgs, OutputArgs, PinArgs, SoPinArgs, TokenArgs};
use clap::{Args, Subcommand};

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

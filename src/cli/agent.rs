//! Arguments of `hsmctl agent`: an ssh-agent offering chosen token keys.

use super::args::PinArgs;
use clap::Args;
use std::path::PathBuf;

/// One key given on the command line, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyRef {
    /// `--label`.
    Label(String),
    /// `--id` (hex).
    Id(String),
    /// `--uri`.
    Uri(String),
}

/// The agent's usage and environment, after its options in --help and the man page.
const AGENT_HELP: &str = "\
Use:
  eval \"$(hsmctl agent --label ssh-key)\"   start it (PIN asked once)
  ssh user@host                           ssh-add -L lists its keys
  eval \"$(hsmctl agent -k)\"               stop it

Environment:
  SSH_AUTH_SOCK   printed for the shell to set
  SSH_AGENT_PID   printed too; -k stops the agent it names
  SSH_ASKPASS     what --confirm asks (exit 0 allows a signature)
  SHELL           ending in csh, selects -c's syntax
  TMPDIR          where the socket's directory is made (/tmp)
  HSMCTL_PIN      the user PIN, when no --pin-* option is given

Signals: SIGTERM, SIGINT and SIGHUP stop it (exit 128 + the signal), removing the socket.
The log: one line per event (started, signed, refused, reopened, locked, unlocked, stopped)
on stderr with -D, else syslog (facility auth); --json makes each a JSON object.
Exit codes at start-up are hsmctl's: 5 for a wrong PIN (never retried), 6 for a key not
found, 7 for an -a path that exists.";

/// Arguments of `agent`.
#[derive(Debug, Args)]
#[command(after_help = AGENT_HELP)]
pub struct AgentArgs {
    /// Offer the key pair with this CKA_LABEL (repeatable; keys are offered in the order given)
    #[arg(help_heading = "Keys offered", long, value_name = "LABEL")]
    pub label: Vec<String>,

    /// Offer the key pair with this CKA_ID, in hex (repeatable)
    #[arg(help_heading = "Keys offered", long, value_name = "HEX")]
    pub id: Vec<String>,

    /// Offer the key a pkcs11: URI names (repeatable; its token attributes select the token)
    #[arg(help_heading = "Keys offered", long, value_name = "URI")]
    pub uri: Vec<String>,

    /// Also offer this OpenSSH certificate (a -cert.pub file) with the offered key it certifies
    /// (repeatable)
    #[arg(help_heading = "Keys offered", long, value_name = "FILE")]
    pub cert: Vec<PathBuf>,

    /// Also offer the OpenSSH certificates stored on the token for the offered keys: data
    /// objects holding a -cert.pub line (`pkcs11-tool --write-object FILE --type data` stores one)
    #[arg(help_heading = "Keys offered", long)]
    pub token_certs: bool,

    /// Select the token by its label
    #[arg(help_heading = "Token selection", long, value_name = "LABEL")]
    pub token: Option<String>,

    /// Select the token by its serial number
    #[arg(help_heading = "Token selection", long, value_name = "SERIAL")]
    pub serial: Option<String>,

    /// Select the token by slot id (slot ids are not stable on every module; prefer --serial)
    #[arg(help_heading = "Token selection", long, value_name = "ID")]
    pub slot: Option<u64>,

    /// Stay in the foreground, logging to stderr (default: fork into the background)
    #[arg(short = 'D', long)]
    pub foreground: bool,

    /// Listen on this socket path (default: agent.PID in a new private directory under TMPDIR)
    #[arg(short = 'a', long = "socket", value_name = "SOCKET")]
    pub socket: Option<PathBuf>,

    /// Print C-shell commands (setenv) instead of Bourne shell ones
    #[arg(short = 'c', long = "csh", conflicts_with = "sh")]
    pub csh: bool,

    /// Print Bourne shell commands (the default unless SHELL ends in csh)
    #[arg(short = 's', long = "sh")]
    pub sh: bool,

    /// End the agent after this long: seconds, or numbers with s, m, h, d or w (90m, 1h30m, 8h)
    #[arg(short = 't', long, value_name = "TIME")]
    pub lifetime: Option<String>,

    /// Stop the agent named by SSH_AGENT_PID, and print the commands that unset its variables
    #[arg(
        short = 'k',
        long = "kill",
        conflicts_with_all = ["label", "id", "uri", "cert", "token_certs", "foreground", "socket", "lifetime", "confirm"]
    )]
    pub kill: bool,

    /// Ask through SSH_ASKPASS before each signature (with no askpass program, every signature
    /// is refused)
    #[arg(long)]
    pub confirm: bool,

    /// Write the log lines, and the start-up line on stdout, as JSON objects (one per line)
    #[arg(long)]
    pub json: bool,

    /// The user PIN (read once, at start-up)
    #[command(flatten)]
    pub pin: PinArgs,

    /// The keys in the order given across --label, --id and --uri (filled after parsing).
    #[arg(skip)]
    pub order: Vec<KeyRef>,

    /// Set in the background copy the launcher starts: the PIN comes on stdin, "ready" goes
    /// to stdout
    #[arg(long, hide = true)]
    pub launched: bool,
}

impl AgentArgs {
    /// Puts the keys in command-line order, from clap's indices of each occurrence.
    pub fn fill_order(&mut self, m: &clap::ArgMatches) {
        let mut keyed: Vec<(usize, KeyRef)> = Vec::new();
        let mut take = |name: &str, make: fn(String) -> KeyRef, values: &[String]| {
            if let Some(idx) = m.indices_of(name) {
                keyed.extend(idx.zip(values.iter().cloned().map(make)));
            }
        };
        take("label", KeyRef::Label, &self.label);
        take("id", KeyRef::Id, &self.id);
        take("uri", KeyRef::Uri, &self.uri);
        keyed.sort_by_key(|(i, _)| *i);
        self.order = keyed.into_iter().map(|(_, k)| k).collect();
    }
}

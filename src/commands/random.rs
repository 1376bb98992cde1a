//! `hsmctl random N`: bytes from the token's generator, raw, hex or base64.

use super::Ctx;
use super::token_select::Login;
use crate::cli::keys::RandomArgs;
use crate::hsm::Want;
use crate::output::{Format, Report, deliver};
use anyhow::Result;
use serde::Serialize;

/// Random bytes drawn.
#[derive(Serialize)]
pub struct RandomReport {
    /// How many bytes.
    pub bytes: u32,
    /// raw, hex or base64.
    pub encoding: &'static str,
    /// Where they were written, when not to stdout.
    pub written_to: Option<String>,
    /// The bytes in the chosen encoding (hex for raw), with --json and no -o.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

impl Report for RandomReport {
    fn human(&self) -> String {
        match &self.written_to {
            Some(p) => format!("{} random bytes written to {p}\n", self.bytes),
            None => String::new(),
        }
    }
}

/// One C_GenerateRandom of N bytes (no login unless a PIN source is given).
pub fn run(ctx: &Ctx, args: &RandomArgs) -> Result<RandomReport> {
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let session = sel.session(false, Login::Quietly, &args.pin)?;
    let bytes = session.random(args.bytes)?;
    let (encoding, out, binary) = if args.hex {
        (
            "hex",
            format!("{}\n", hex::encode(&bytes)).into_bytes(),
            false,
        )
    } else if args.base64 {
        use base64ct::Encoding;
        (
            "base64",
            format!("{}\n", base64ct::Base64::encode_string(&bytes)).into_bytes(),
            false,
        )
    } else {
        ("raw", bytes, true)
    };
    let json = args.output.format() == Format::Json;
    let (written_to, data) = deliver(
        args.file.out.as_deref(),
        &out,
        args.file.force,
        binary,
        json,
    )?;
    Ok(RandomReport {
        bytes: args.bytes,
        encoding,
        written_to,
        data: data.map(|d| d.trim_end().to_string()),
    })
}

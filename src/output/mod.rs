//! Rendering reports: one JSON document with `--json`, else comfy-table for people.
//! Stdout carries only results; a closed pipe ends the output quietly (exit 0).

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;
use std::io::{self, IsTerminal, Write};

/// A command's result: serializable for `--json`, renderable for people.
pub trait Report: Serialize {
    /// The human form, ending with a newline.
    fn human(&self) -> String;
}

/// How a report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables and text for people.
    Human,
    /// One JSON document (snake_case keys; the shape is API).
    Json,
}

/// A new table: UTF-8 borders and terminal-width wrapping on a terminal; plain ASCII with no
/// wrapping when stdout is piped or `NO_COLOR` is set.
pub fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    let tty = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    if tty {
        t.load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        t.load_preset(presets::ASCII_FULL_CONDENSED).force_no_tty();
    }
    t.set_header(header.iter().copied());
    t
}

/// A two-column key/value table.
pub fn details(rows: &[(&str, String)]) -> Table {
    let mut t = table(&["Field", "Value"]);
    for (k, v) in rows {
        t.add_row([k.to_string(), v.clone()]);
    }
    t
}

/// Prints a report to stdout in the chosen format.
pub fn emit<R: Report>(report: &R, format: Format) -> io::Result<()> {
    let text = match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(report).map_err(io::Error::other)?;
            s.push('\n');
            s
        }
        Format::Human => report.human(),
    };
    write_stdout(text.as_bytes())
}

/// Writes to stdout; a reader that went away (`| head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// `yes`/`no` for human tables.
pub fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

/// An optional value for human tables.
pub fn or_dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_string(), |v| v.to_string())
}

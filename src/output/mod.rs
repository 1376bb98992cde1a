//! Rendering reports: one JSON document with `--json`, else comfy-table for people.
//! Stdout carries only results; a closed pipe ends the output quietly (exit 0).

pub mod event_log;
mod table;

use serde::Serialize;
use std::io::{self, IsTerminal, Write};

/// A command's result: serializable for `--json`, renderable for people.
pub trait Report: Serialize {
    /// The human form, ending with a newline.
    fn human(&self) -> String;

    /// Warnings the run collected: in the JSON document (a `warnings` field), and written once
    /// to stderr for people.
    fn warnings(&self) -> &[String] {
        &[]
    }

    /// A closing line for people ("12 objects"): on stderr, so that stdout keeps one line per
    /// row.
    fn summary(&self) -> Option<String> {
        None
    }

    /// The report's own `warnings` field, for reports that have one: the run's other warnings
    /// (collected in the context) are put in front of its own. None: [`emit_with`] adds the
    /// field.
    fn warnings_mut(&mut self) -> Option<&mut Vec<String>> {
        None
    }
}

/// A report without a `warnings` field of its own, given one: `--json` gains `warnings` after
/// the report's fields, and people see them on stderr.
#[derive(Serialize)]
struct WithWarnings<'a, R: Report> {
    #[serde(flatten)]
    report: &'a R,
    warnings: Vec<String>,
}

impl<R: Report> Report for WithWarnings<'_, R> {
    fn human(&self) -> String {
        self.report.human()
    }

    fn warnings(&self) -> &[String] {
        &self.warnings
    }

    fn summary(&self) -> Option<String> {
        self.report.summary()
    }
}

/// Prints a report with the run's collected warnings (`extra`) in front of its own.
pub fn emit_with<R: Report>(report: &mut R, extra: Vec<String>, format: Format) -> io::Result<()> {
    if extra.is_empty() {
        return emit(report, format);
    }
    if let Some(own) = report.warnings_mut() {
        own.splice(0..0, extra);
        return emit(report, format);
    }
    let wrapped = WithWarnings {
        report: &*report,
        warnings: extra,
    };
    emit(&wrapped, format)
}

/// Writes warnings on stderr as [`emit`] renders a report's: for those a run collected that no
/// report carried (the command failed, or a Luna tool printed its own form).
pub fn print_warnings(warnings: &[String]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

/// A line for the person at the terminal as the run goes, in no report: a `-v` trace, what a
/// confirmation prompt is about to ask, a note on what the run leaves out.
pub fn note(line: &str) {
    eprintln!("{line}");
}

/// How a report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tables and text for people.
    Human,
    /// One JSON document (snake_case keys; the shape is API).
    Json,
}

pub use table::{Table, table};

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
        // The last line of defence for values interpolated into text: no control sequence of a
        // label or subject reaches the terminal (JSON keeps the exact value, escaped as JSON).
        Format::Human => {
            print_warnings(report.warnings());
            let text = crate::formats::text::terminal_safe(&report.human()).into_owned();
            if let Some(line) = report.summary() {
                write_stdout(text.as_bytes())?;
                eprintln!("{line}");
                return Ok(());
            }
            text
        }
    };
    write_stdout(text.as_bytes())
}

/// Writes to stdout; a reader that went away (`| head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    // A closed stdout is an I/O failure (exit 9), not a place to drop results.
    if crate::sys::stdout_closed() {
        return Err(io::Error::other("standard output is closed"));
    }
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

/// Writes an artifact (a key, a certificate) to `out` atomically (mode 0644, `force` to
/// replace), or to stdout; binary data is not sent to a terminal.
pub fn artifact(
    out: Option<&std::path::Path>,
    bytes: &[u8],
    force: bool,
    binary: bool,
) -> anyhow::Result<()> {
    let to_stdout = match out {
        Some(p) => p.as_os_str() == "-",
        None => true,
    };
    match out {
        Some(path) if !to_stdout => crate::store::atomic::write_output(path, bytes, 0o644, force),
        _ if binary && io::stdout().is_terminal() => Err(crate::exit::fail_hint(
            crate::exit::Exit::Usage,
            "the output is binary and stdout is a terminal",
            "write it with -o FILE, or redirect stdout (random takes --hex or --base64)",
        )),
        _ => Ok(write_stdout(bytes)?),
    }
}

/// Delivers an artifact as [`artifact`] does, except with `--json` and no `out`: then it is not
/// written but returned for the report (text as is, binary as hex), so that stdout stays one JSON
/// document. Returns (where it was written, the data for the report).
pub fn deliver(
    out: Option<&std::path::Path>,
    bytes: &[u8],
    force: bool,
    binary: bool,
    json: bool,
) -> anyhow::Result<(Option<String>, Option<String>)> {
    // `-o -` is stdout, which --json keeps for the one JSON document.
    let out = out.filter(|p| p.as_os_str() != "-");
    if json && out.is_none() {
        let data = if binary {
            hex::encode(bytes)
        } else {
            String::from_utf8_lossy(bytes).into_owned()
        };
        return Ok((None, Some(data)));
    }
    artifact(out, bytes, force, binary)?;
    Ok((out.map(|p| p.display().to_string()), None))
}

/// A time as RFC 3339 (UTC), as reports show times.
pub fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Plain {
        b: u8,
        a: u8,
    }

    impl Report for Plain {
        fn human(&self) -> String {
            String::new()
        }
    }

    // The run's warnings come last, after the report's own fields in their own order.
    #[test]
    fn a_report_without_warnings_gains_them_last() {
        let wrapped = WithWarnings {
            report: &Plain { b: 1, a: 2 },
            warnings: vec!["w".into()],
        };
        assert_eq!(
            serde_json::to_string(&wrapped).unwrap(),
            r#"{"b":1,"a":2,"warnings":["w"]}"#
        );
        assert_eq!(wrapped.warnings(), ["w"]);
    }
}

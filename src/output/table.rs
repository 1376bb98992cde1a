//! Tables for people. On a terminal: comfy-table's borders, fitted to the terminal's width by
//! shortening the widest columns, with an ellipsis where a value is cut: a row never wraps and
//! a label is never split across lines. Piped: plain aligned columns, no width limit, one row
//! per line (awk and cut friendly). `--wide` shows every value whole on a terminal too.

use comfy_table::{ContentArrangement, presets};
use std::fmt;
use std::io::{self, IsTerminal};

/// A table: headers and rows of cells (cells are escaped on the way in).
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    wide: bool,
    // Columns never cut (a serial is what people select by).
    whole: Vec<String>,
}

/// A new table with these column headers.
pub fn table(header: &[&str]) -> Table {
    Table {
        header: header.iter().map(|h| h.to_string()).collect(),
        rows: Vec::new(),
        wide: false,
        whole: Vec::new(),
    }
}

fn width_of(s: &str) -> usize {
    s.chars().count()
}

/// `s` cut to `w` characters, the last one an ellipsis when anything was cut.
fn fit(s: &str, w: usize) -> String {
    if width_of(s) <= w {
        return s.to_string();
    }
    let mut out: String = s.chars().take(w.saturating_sub(1)).collect();
    out.push('…');
    out
}

impl Table {
    /// Adds one row.
    pub fn add_row<I, S>(&mut self, cells: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        // Cells hold token data (labels, subjects): escaped, so a label cannot draw on the screen.
        self.rows.push(
            cells
                .into_iter()
                .map(|c| {
                    let c: String = c.into();
                    match crate::formats::text::escaped(&c) {
                        std::borrow::Cow::Borrowed(_) => c,
                        std::borrow::Cow::Owned(e) => e,
                    }
                })
                .collect(),
        );
        self
    }

    /// Shows every value whole on a terminal too, in the plain layout (rows may then be wider
    /// than the terminal; borders would only add to that).
    pub fn wide(&mut self, wide: bool) -> &mut Self {
        self.wide = wide;
        self
    }

    /// Columns (by header) that are never cut to fit the terminal.
    pub fn keep_whole(&mut self, headers: &[&str]) -> &mut Self {
        self.whole.extend(headers.iter().map(|h| h.to_string()));
        self
    }

    /// Natural column widths: the longest cell or header of each column.
    fn widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.header.iter().map(|h| width_of(h)).collect();
        for r in &self.rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(width_of(c));
            }
        }
        widths
    }

    /// Column widths that fit `total` characters of terminal, borders included: the widest
    /// column gives up a character at a time, never below 4 characters (columns kept whole
    /// keep their width).
    pub(crate) fn fitted(&self, total: usize) -> Vec<usize> {
        let mut widths = self.widths();
        // comfy-table's UTF8 borders: one per column and one more, plus a space each side.
        let chrome = 3 * widths.len() + 1;
        let floor: Vec<usize> = self
            .header
            .iter()
            .zip(&widths)
            .map(|(h, w)| {
                if self.whole.contains(h) {
                    *w
                } else {
                    // Headers may be cut too ("Manufa…"): never below 4 characters.
                    4.min(*w)
                }
            })
            .collect();
        while widths.iter().sum::<usize>() + chrome > total {
            let Some((i, _)) = widths
                .iter()
                .enumerate()
                .filter(|(i, w)| **w > floor[*i])
                .max_by_key(|(_, w)| **w)
            else {
                break;
            };
            widths[i] -= 1;
        }
        widths
    }

    /// The plain form: aligned columns separated by two spaces, a header line, then one line
    /// per row, no width limit.
    pub(crate) fn plain(&self) -> String {
        let widths = self.widths();
        let mut out = String::with_capacity(
            (self.rows.len() + 1) * (widths.iter().sum::<usize>() + 2 * widths.len()),
        );
        let line = |cells: &[String], out: &mut String| {
            let last = widths.len().saturating_sub(1);
            for (i, w) in widths.iter().enumerate() {
                let c = cells.get(i).map_or("", String::as_str);
                out.push_str(c);
                if i < last {
                    out.extend(std::iter::repeat_n(' ', w - width_of(c).min(*w) + 2));
                }
            }
            // Trailing blanks of an empty last column are not worth keeping.
            let trimmed = out.trim_end_matches(' ').len();
            out.truncate(trimmed);
            out.push('\n');
        };
        line(&self.header, &mut out);
        for r in &self.rows {
            line(r, &mut out);
        }
        out.pop();
        out
    }

    /// The terminal form, `columns` wide.
    pub(crate) fn boxed(&self, columns: Option<usize>) -> String {
        let widths = match columns {
            Some(c) if !self.wide => self.fitted(c),
            _ => self.widths(),
        };
        let mut t = comfy_table::Table::new();
        t.load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(self.header.iter().zip(&widths).map(|(h, w)| fit(h, *w)));
        for r in &self.rows {
            t.add_row(r.iter().zip(&widths).map(|(c, w)| fit(c, *w)));
        }
        t.to_string()
    }
}

/// The terminal's width in columns, when stdout is one.
fn terminal_columns() -> Option<usize> {
    let (_, cols) = console::Term::stdout().size_checked()?;
    Some(usize::from(cols)).filter(|c| *c > 0)
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() && !self.wide {
            return f.write_str(&self.boxed(terminal_columns()));
        }
        f.write_str(&self.plain())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = table(&["Label", "ID", "Usage"]);
        t.add_row([
            "web-frontend-prod-tls-2026-rotation-a",
            "0a1b2c3d4e5f",
            "sign",
        ]);
        t.add_row(["k", "01", "sign,verify"]);
        t
    }

    #[test]
    fn plain_tables_align_columns_one_row_per_line() {
        assert_eq!(
            sample().plain(),
            "Label                                  ID            Usage\n\
             web-frontend-prod-tls-2026-rotation-a  0a1b2c3d4e5f  sign\n\
             k                                      01            sign,verify"
        );
    }

    #[test]
    fn boxed_tables_fit_the_terminal_and_never_wrap() {
        for cols in [40, 60, 80, 120] {
            let text = sample().boxed(Some(cols));
            assert_eq!(text.lines().count(), 6, "{cols}:\n{text}");
            for l in text.lines() {
                assert!(width_of(l) <= cols, "{cols}: {l}");
            }
        }
        let narrow = sample().boxed(Some(40));
        assert!(narrow.contains('…'), "{narrow}");
        let wide = sample().wide(true).boxed(Some(40)).to_string();
        assert!(
            wide.contains("web-frontend-prod-tls-2026-rotation-a"),
            "{wide}"
        );
        let mut kept = sample();
        kept.keep_whole(&["ID"]);
        assert!(kept.boxed(Some(40)).contains("0a1b2c3d4e5f"));
    }
}

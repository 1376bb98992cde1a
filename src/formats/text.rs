//! Untrusted text (labels, subjects, names read from tokens and files) made safe for a terminal:
//! control characters and bidirectional overrides are shown escaped, never interpreted.

use std::borrow::Cow;

/// Whether a character could move the cursor, recolour, clear the screen or reorder what a
/// person reads: C0/C1 controls (ESC starts every terminal sequence) and Unicode bidi controls.
fn dangerous(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let bad = |c: char| dangerous(c) && !(keep_newlines && c == '\n');
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One value for a table cell or a message: every control character escaped (`\u{1b}`, `\n`).
pub fn escaped(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// Rendered multi-line text: control characters escaped, line breaks kept.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_interpret() {
        assert_eq!(escaped("k\u{1b}[2J\nrow"), "k\\u{1b}[2J\\nrow");
        assert_eq!(escaped("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(escaped("tab\there"), "tab\\there");
        assert_eq!(escaped("plain é ✓"), "plain é ✓");
        assert!(matches!(escaped("plain"), Cow::Borrowed(_)));
        assert_eq!(terminal_safe("a\nb\u{9b}c"), "a\nb\\u{9b}c");
    }
}

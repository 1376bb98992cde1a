//! PEM, read and written in one place: a scanner that finds the blocks of a text (lenient
//! about a BOM, CRLF and text around them) and says what it met in order, so that strict
//! readers (the CA bundle) and lenient ones (certificate and key input) agree on where a
//! block starts and ends; pem-rfc7468 (der's own) decodes and encodes each block. The scanner
//! borrows from its input and copies nothing: private keys go through it. Pure: no I/O.

/// One part of a PEM text, in order of appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'a> {
    /// Text outside any block (possibly blank).
    Text(&'a str),
    /// A block from its BEGIN line to its END line, undecoded.
    Block {
        /// The label of the BEGIN line ("CERTIFICATE").
        label: &'a str,
        /// The block's text, BEGIN and END lines included.
        text: &'a str,
    },
    /// A BEGIN line whose END line does not come before the next BEGIN line or the end.
    Truncated(&'a str),
    /// A BEGIN line without its closing dashes; nothing after it is read.
    Unclosed,
}

/// The parts of `text` (a leading BOM dropped; CRLF line ends are kept, and pem-rfc7468
/// reads them).
pub fn parts(text: &str) -> Vec<Part<'_>> {
    const BEGIN: &str = "-----BEGIN ";
    let mut out = Vec::new();
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        let Some(start) = rest.find(BEGIN) else {
            out.push(Part::Text(rest));
            return out;
        };
        out.push(Part::Text(&rest[..start]));
        let block = &rest[start..];
        let Some(label_len) = block[BEGIN.len()..].find("-----") else {
            out.push(Part::Unclosed);
            return out;
        };
        let label = &block[BEGIN.len()..BEGIN.len() + label_len];
        let next_begin = block[BEGIN.len()..].find(BEGIN).map(|i| i + BEGIN.len());
        let end_line = format!("-----END {label}-----");
        let end = block
            .find(&end_line)
            .map(|e| e + end_line.len())
            .filter(|end| next_begin.is_none_or(|nb| *end <= nb));
        match (end, next_begin) {
            (Some(end), _) => {
                out.push(Part::Block {
                    label,
                    text: &block[..end],
                });
                rest = &block[end..];
            }
            (None, Some(nb)) => {
                out.push(Part::Truncated(label));
                rest = &block[nb..];
            }
            (None, None) => {
                out.push(Part::Truncated(label));
                return out;
            }
        }
    }
}

/// Every block of `text` as (label, DER), text around them ignored; a truncated, unclosed or
/// undecodable block is an error.
pub fn blocks(text: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out = Vec::new();
    for part in parts(text) {
        match part {
            Part::Text(_) => {}
            Part::Block { label, text } => {
                let der = decode(text)
                    .map_err(|e| format!("the PEM block '{label}' is corrupt: {e}"))?
                    .1;
                out.push((label.to_string(), der));
            }
            Part::Truncated(label) => {
                return Err(format!(
                    "the PEM block '{label}' is truncated (no END line)"
                ));
            }
            Part::Unclosed => return Err("a PEM header is not closed".into()),
        }
    }
    Ok(out)
}

/// Decodes one PEM document (a block's text, nothing around it): (label, DER).
pub fn decode(text: &str) -> Result<(String, Vec<u8>), String> {
    pem_rfc7468::decode_vec(text.as_bytes())
        .map(|(label, der)| (label.to_string(), der))
        .map_err(|e| e.to_string())
}

/// `der` as PEM under `label`: 64-column base64, LF line ends, a final newline.
pub fn encode(label: &str, der: &[u8]) -> String {
    // pem-rfc7468 fails only on a malformed label, and hsmctl's labels are its own constants.
    pem_rfc7468::encode_string(label, pem_rfc7468::LineEnding::LF, der)
        .expect("hsmctl's PEM labels are valid")
}

#[cfg(test)]
mod tests {
    use super::{Part, blocks, decode, encode, parts};

    #[test]
    fn round_trips_and_reports_every_part() {
        let a = encode("CERTIFICATE", b"one");
        let b = encode("PRIVATE KEY", b"two");
        assert!(a.starts_with("-----BEGIN CERTIFICATE-----\n") && a.ends_with("-----\n"));
        assert_eq!(decode(&a).unwrap(), ("CERTIFICATE".into(), b"one".to_vec()));
        // BOM, CRLF and text around the blocks.
        let text = format!("\u{feff}note\r\n{}{b}", a.replace('\n', "\r\n"));
        assert_eq!(
            blocks(&text).unwrap(),
            vec![
                ("CERTIFICATE".into(), b"one".to_vec()),
                ("PRIVATE KEY".into(), b"two".to_vec())
            ]
        );
        let p = parts(&text);
        assert_eq!(p[0], Part::Text("note\r\n"));
        let crlf = a.trim_end().replace('\n', "\r\n");
        assert!(matches!(p[1], Part::Block { label: "CERTIFICATE", text } if text == crlf));
        // A block without its END line stops at the next BEGIN, which is read on.
        let cut = format!("{}{b}", &a[..a.len() - 30]);
        let p = parts(&cut);
        assert_eq!(p[1], Part::Truncated("CERTIFICATE"));
        assert!(matches!(
            p[3],
            Part::Block {
                label: "PRIVATE KEY",
                ..
            }
        ));
        assert!(blocks(&cut).unwrap_err().contains("truncated"));
        assert_eq!(parts("-----BEGIN CERT")[1], Part::Unclosed);
        assert!(
            blocks(&a.replacen("b25l", "b2!l", 1))
                .unwrap_err()
                .contains("corrupt")
        );
    }
}

//! The CA bundle (`CAFile.pem`): concatenated PEM certificates, read strictly so that damage
//! is found before hsmctl writes on top of it. Pure: no I/O.

use super::pem::Part;

/// A bundle as read: the certificates that are intact, and what is wrong with the rest.
#[derive(Debug, Default)]
pub struct Bundle {
    /// Intact certificates (DER), in file order.
    pub certs: Vec<Vec<u8>>,
    /// One line per damaged or foreign part; empty for a sound bundle.
    pub problems: Vec<String>,
}

impl Bundle {
    /// Reads `bytes`: every PEM block must be an intact CERTIFICATE; white space between blocks
    /// is fine (a missing final newline is not damage: the next write adds it).
    pub fn parse(bytes: &[u8]) -> Bundle {
        let mut b = Bundle::default();
        let Ok(text) = std::str::from_utf8(bytes) else {
            b.problems.push("the file is not text (not PEM)".into());
            return b;
        };
        let mut parts = super::pem::parts(text).into_iter().peekable();
        let mut n = 0;
        while let Some(part) = parts.next() {
            match part {
                Part::Text(t) if t.trim().is_empty() => {}
                Part::Text(_) if parts.peek().is_none() => b.problems.push(format!(
                    "text that is not a PEM block after certificate {n}"
                )),
                Part::Text(_) => b.problems.push(format!(
                    "text that is not a PEM block before certificate {}",
                    n + 1
                )),
                Part::Block { label, text } => {
                    n += 1;
                    if label != "CERTIFICATE" {
                        b.problems
                            .push(format!("block {n} is a '{label}', not a certificate"));
                        continue;
                    }
                    match super::pem::decode(text) {
                        Ok((_, der)) => match super::cert::check_der(&der) {
                            Ok(()) => b.certs.push(der),
                            Err(e) => b.problems.push(format!("block {n}: {e}")),
                        },
                        Err(e) => b.problems.push(format!(
                            "block {n}: the PEM block '{label}' is corrupt: {e}"
                        )),
                    }
                }
                Part::Truncated(_) => {
                    n += 1;
                    b.problems
                        .push(format!("certificate {n} is truncated (no END line)"));
                }
                Part::Unclosed => {
                    n += 1;
                    b.problems
                        .push(format!("block {n}: a PEM header is not closed"));
                }
            }
        }
        b
    }

    /// The bundle as canonical PEM (empty for no certificates).
    pub fn render(&self) -> String {
        super::cert::to_pem(&self.certs)
    }

    /// Adds `der` unless it is there already.
    pub fn add(&mut self, der: &[u8]) {
        if !self.certs.iter().any(|c| c == der) {
            self.certs.push(der.to_vec());
        }
    }

    /// Removes every copy of `der`.
    pub fn remove(&mut self, der: &[u8]) {
        self.certs.retain(|c| c != der);
    }
}

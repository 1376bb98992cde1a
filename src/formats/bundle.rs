//! The CA bundle (`CAFile.pem`): concatenated PEM certificates, read strictly so that damage
//! is found before hsmctl writes on top of it. Pure: no I/O.

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
        let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let mut rest = text.as_str();
        let mut n = 0;
        loop {
            let Some(start) = rest.find("-----BEGIN ") else {
                if !rest.trim().is_empty() {
                    b.problems.push(format!(
                        "text that is not a PEM block after certificate {n}"
                    ));
                }
                break;
            };
            if !rest[..start].trim().is_empty() {
                b.problems.push(format!(
                    "text that is not a PEM block before certificate {}",
                    n + 1
                ));
            }
            n += 1;
            let block = &rest[start..];
            // The block ends at its END line, or where the next BEGIN starts if it has none.
            let next_begin = block[11..].find("-----BEGIN ").map(|i| i + 11);
            let end = block.find("-----END ").and_then(|e| {
                block[e + 9..]
                    .find("-----")
                    .map(|x| e + 9 + x + 5)
                    .filter(|end| next_begin.is_none_or(|nb| *end <= nb))
            });
            let Some(end) = end else {
                b.problems
                    .push(format!("certificate {n} is truncated (no END line)"));
                match next_begin {
                    Some(nb) => {
                        rest = &block[nb..];
                        continue;
                    }
                    None => break,
                }
            };
            match super::cert::pem_blocks(&block[..end]) {
                Ok(mut blocks) if blocks.len() == 1 && blocks[0].0 == "CERTIFICATE" => {
                    let (_, der) = blocks.remove(0);
                    match super::cert::check_der(&der) {
                        Ok(()) => b.certs.push(der),
                        Err(e) => b.problems.push(format!("block {n}: {e}")),
                    }
                }
                Ok(blocks) => b.problems.push(format!(
                    "block {n} is a '{}', not a certificate",
                    blocks.first().map(|x| x.0.as_str()).unwrap_or("?")
                )),
                Err(e) => b.problems.push(format!("block {n}: {e}")),
            }
            rest = &block[end..];
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

//! OpenSSH certificates (PROTOCOL.certkeys): validity and option parsing with ssh-keygen's
//! spellings, and the encoding of the signed data and the final certificate. Written here
//! rather than with ssh-key's builder, which cannot express "forever" (2^64-1).

use super::pubkey::{KeyError, PublicKeyMaterial};
use ssh_encoding::{Encode, Writer};
use ssh_key::Mpint;

/// OpenSSH's "forever": the largest valid-before.
pub const FOREVER: u64 = u64::MAX;

/// 9999-12-31T23:59:59Z in Unix seconds: later ends count as forever.
pub const LAST_CALENDAR_SECOND: u64 = 253_402_300_799;

/// Parses an interval as sshd_config's TIME FORMATS: `90`, `10m`, `1h30m`, `52w1d`.
fn parse_interval(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let (mut total, mut num) = (0u64, String::new());
    for c in s.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let unit = match c.to_ascii_lowercase() {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            'w' => 604800,
            _ => return None,
        };
        total = total.checked_add(num.parse::<u64>().ok()?.checked_mul(unit)?)?;
        num.clear();
    }
    if !num.is_empty() {
        total = total.checked_add(num.parse::<u64>().ok()?)?;
    }
    Some(total)
}

/// Converts a calendar time to Unix seconds; `utc` false means the local time zone.
pub type ToUnix<'a> = &'a dyn Fn(i32, u32, u32, u32, u32, u32, bool) -> Option<u64>;

/// Parses one end of a `-V` interval.
fn parse_time(s: &str, now: u64, start: bool, to_unix: ToUnix) -> Option<u64> {
    match s {
        "always" if start => return Some(0),
        "forever" if !start => return Some(FOREVER),
        _ => {}
    }
    if let Some(hex) = s.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).ok();
    }
    if let Some(rel) = s.strip_prefix('-') {
        return now.checked_sub(parse_interval(rel)?);
    }
    if let Some(rel) = s.strip_prefix('+') {
        return now.checked_add(parse_interval(rel)?);
    }
    let (digits, utc) = match s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
        Some(d) => (d, true),
        None => (s, false),
    };
    if !digits.chars().all(|c| c.is_ascii_digit()) || ![8, 12, 14].contains(&digits.len()) {
        return None;
    }
    let n = |a: usize, b: usize| digits.get(a..b).map_or(Some(0), |x| x.parse::<u32>().ok());
    let (y, mo, d) = (digits[..4].parse::<i32>().ok()?, n(4, 6)?, n(6, 8)?);
    let (h, mi, sec) = (n(8, 10)?, n(10, 12)?, n(12, 14)?);
    // A day the month does not have (20250230) is not a date; OpenSSH's strptime refuses it too.
    let month = time::Month::try_from(u8::try_from(mo).ok()?).ok()?;
    time::Date::from_calendar_date(y, month, u8::try_from(d).ok()?).ok()?;
    if h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    to_unix(y, mo, d, h, mi, sec, utc)
}

/// Parses `-V`: `start:end`, or a single `+interval` / end time meaning "from now".
pub fn parse_validity(spec: &str, now: u64, to_unix: ToUnix) -> Result<(u64, u64), String> {
    let bad = || {
        format!(
            "invalid validity '{spec}'; use ssh-keygen's forms: +52w, -1d:+1w, YYYYMMDD[HHMM[SS]][Z]:..., always:forever"
        )
    };
    let (from, to) = match spec.split_once(':') {
        Some((a, b)) => (
            parse_time(a, now, true, to_unix).ok_or_else(bad)?,
            parse_time(b, now, false, to_unix).ok_or_else(bad)?,
        ),
        None => (now, parse_time(spec, now, false, to_unix).ok_or_else(bad)?),
    };
    if to <= from {
        return Err(format!("validity '{spec}' ends before it starts"));
    }
    // An end past the calendar (+99999999w is in the year 1918561) is "forever" in all but name:
    // it takes --allow-forever like forever itself.
    let to = if to > LAST_CALENDAR_SECOND {
        FOREVER
    } else {
        to
    };
    Ok((from, to))
}

/// The default extensions of an OpenSSH user certificate.
pub const DEFAULT_EXTENSIONS: [&str; 5] = [
    "permit-X11-forwarding",
    "permit-agent-forwarding",
    "permit-port-forwarding",
    "permit-pty",
    "permit-user-rc",
];

/// Critical options and extensions, as `-O` builds them up.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CertOptions {
    /// name -> value ("" for flags).
    pub critical: std::collections::BTreeMap<String, String>,
    /// name -> value ("" for flags).
    pub extensions: std::collections::BTreeMap<String, String>,
}

impl CertOptions {
    /// The starting point: user certificates get OpenSSH's default extensions, host ones none.
    pub fn defaults(host: bool) -> Self {
        let mut o = CertOptions::default();
        if !host {
            for e in DEFAULT_EXTENSIONS {
                o.extensions.insert(e.to_string(), String::new());
            }
        }
        o
    }

    /// Applies one `-O` option, with ssh-keygen's names and meanings.
    pub fn apply(&mut self, opt: &str) -> Result<(), String> {
        let (name, value) = match opt.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (opt, None),
        };
        let flag = |v: Option<&str>| match v {
            None => Ok(()),
            Some(_) => Err(format!("-O {name} takes no value")),
        };
        let needs = |v: Option<&str>| {
            v.filter(|v| !v.is_empty())
                .map(str::to_string)
                .ok_or_else(|| format!("-O {name} needs a value"))
        };
        let lower = name.to_ascii_lowercase();
        match lower.as_str() {
            "clear" => {
                flag(value)?;
                self.critical.clear();
                self.extensions.clear();
            }
            "force-command" => {
                self.critical.insert("force-command".into(), needs(value)?);
            }
            "source-address" => {
                self.critical.insert("source-address".into(), needs(value)?);
            }
            "verify-required" => {
                flag(value)?;
                self.critical
                    .insert("verify-required".into(), String::new());
            }
            "no-touch-required" => {
                flag(value)?;
                self.extensions
                    .insert("no-touch-required".into(), String::new());
            }
            _ if lower.starts_with("no-") || lower.starts_with("permit-") => {
                flag(value)?;
                let what = lower
                    .trim_start_matches("no-")
                    .trim_start_matches("permit-");
                let ext = match what {
                    "x11-forwarding" => "permit-X11-forwarding",
                    "agent-forwarding" => "permit-agent-forwarding",
                    "port-forwarding" => "permit-port-forwarding",
                    "pty" => "permit-pty",
                    "user-rc" => "permit-user-rc",
                    _ => return Err(format!("unknown certificate option '{name}'")),
                };
                if lower.starts_with("no-") {
                    self.extensions.remove(ext);
                } else {
                    self.extensions.insert(ext.into(), String::new());
                }
            }
            _ if lower.starts_with("critical:") || lower.starts_with("extension:") => {
                let (kind, custom) = name.split_once(':').expect("checked");
                if custom.is_empty() {
                    return Err(format!("-O {opt}: a name is needed after '{kind}:'"));
                }
                let map = if kind.eq_ignore_ascii_case("critical") {
                    &mut self.critical
                } else {
                    &mut self.extensions
                };
                map.insert(custom.into(), value.unwrap_or_default().into());
            }
            _ => return Err(format!("unknown certificate option '{name}'")),
        }
        Ok(())
    }
}

/// Everything the CA signs.
#[derive(Debug, Clone)]
pub struct CertFields {
    /// The certified key.
    pub key: PublicKeyMaterial,
    /// A random nonce.
    pub nonce: Vec<u8>,
    /// Serial number.
    pub serial: u64,
    /// Host (true) or user certificate.
    pub host: bool,
    /// The key id.
    pub key_id: String,
    /// Principals (empty: valid for any).
    pub principals: Vec<String>,
    /// Valid after (Unix seconds).
    pub valid_after: u64,
    /// Valid before (Unix seconds; FOREVER for no end).
    pub valid_before: u64,
    /// Options.
    pub options: CertOptions,
}

fn enc<T: Encode + ?Sized>(v: &T, out: &mut Vec<u8>) -> Result<(), KeyError> {
    v.encode(out)
        .map_err(|e| KeyError(format!("encoding failed: {e}")))
}

/// The public key blob (algorithm name, then the key's fields).
pub fn key_blob(k: &PublicKeyMaterial) -> Result<Vec<u8>, KeyError> {
    let mut out = Vec::new();
    enc(&k.key_data()?, &mut out)?;
    Ok(out)
}

fn options_blob(map: &std::collections::BTreeMap<String, String>) -> Result<Vec<u8>, KeyError> {
    // PROTOCOL.certkeys: sorted by name (BTreeMap order); values wrapped in a string of their own.
    let mut out = Vec::new();
    for (name, value) in map {
        enc(&name.as_str(), &mut out)?;
        if value.is_empty() {
            enc(&[][..] as &[u8], &mut out)?;
        } else {
            let mut inner = Vec::new();
            enc(&value.as_str(), &mut inner)?;
            enc(inner.as_slice(), &mut out)?;
        }
    }
    Ok(out)
}

/// The certificate's algorithm name for a key.
pub fn cert_type_name(k: &PublicKeyMaterial) -> Result<String, KeyError> {
    let alg = k.key_data()?.algorithm().to_string();
    Ok(format!("{alg}-cert-v01@openssh.com"))
}

/// The bytes the CA signs: every field up to and including the CA's key blob.
pub fn to_be_signed(f: &CertFields, ca: &PublicKeyMaterial) -> Result<Vec<u8>, KeyError> {
    let mut out = Vec::new();
    enc(&cert_type_name(&f.key)?.as_str(), &mut out)?;
    enc(f.nonce.as_slice(), &mut out)?;
    // The key's fields are its blob without the leading algorithm string.
    let blob = key_blob(&f.key)?;
    let alg_len = u32::from_be_bytes(blob[..4].try_into().expect("a string prefix")) as usize;
    out.write(&blob[4 + alg_len..])
        .map_err(|e| KeyError(e.to_string()))?;
    enc(&f.serial, &mut out)?;
    enc(&(if f.host { 2u32 } else { 1u32 }), &mut out)?;
    enc(&f.key_id.as_str(), &mut out)?;
    let mut principals = Vec::new();
    for p in &f.principals {
        enc(&p.as_str(), &mut principals)?;
    }
    enc(principals.as_slice(), &mut out)?;
    enc(&f.valid_after, &mut out)?;
    enc(&f.valid_before, &mut out)?;
    enc(options_blob(&f.options.critical)?.as_slice(), &mut out)?;
    enc(options_blob(&f.options.extensions)?.as_slice(), &mut out)?;
    enc(&[][..] as &[u8], &mut out)?;
    enc(key_blob(ca)?.as_slice(), &mut out)?;
    Ok(out)
}

/// The signature algorithm name for a CA key (RSA always rsa-sha2-512, never ssh-rsa).
pub fn signature_algorithm(ca: &PublicKeyMaterial) -> &'static str {
    match ca {
        PublicKeyMaterial::Rsa { .. } => "rsa-sha2-512",
        PublicKeyMaterial::Ec { curve, .. } => match curve.name() {
            "P-256" => "ecdsa-sha2-nistp256",
            "P-384" => "ecdsa-sha2-nistp384",
            _ => "ecdsa-sha2-nistp521",
        },
        PublicKeyMaterial::Ed25519(_) => "ssh-ed25519",
    }
}

/// The SSH signature blob from what the token returned (ECDSA's r || s becomes two mpints).
pub fn signature_blob(ca: &PublicKeyMaterial, raw: &[u8]) -> Result<Vec<u8>, KeyError> {
    signature_blob_as(ca, signature_algorithm(ca), raw)
}

/// The SSH signature blob under a named algorithm (an agent client may ask for rsa-sha2-256).
pub fn signature_blob_as(
    ca: &PublicKeyMaterial,
    algorithm: &str,
    raw: &[u8],
) -> Result<Vec<u8>, KeyError> {
    let data = match ca {
        PublicKeyMaterial::Ec { .. } => {
            if raw.is_empty() || !raw.len().is_multiple_of(2) {
                return Err(KeyError(format!(
                    "an ECDSA signature of {} bytes",
                    raw.len()
                )));
            }
            let (r, s) = raw.split_at(raw.len() / 2);
            let mut inner = Vec::new();
            for half in [r, s] {
                enc(
                    &Mpint::from_positive_bytes(half).map_err(|e| KeyError(e.to_string()))?,
                    &mut inner,
                )?;
            }
            inner
        }
        _ => raw.to_vec(),
    };
    let mut out = Vec::new();
    enc(&algorithm, &mut out)?;
    enc(data.as_slice(), &mut out)?;
    Ok(out)
}

/// The certificate line: `<type> <base64> <comment>` and a newline.
pub fn certificate_line(
    f: &CertFields,
    tbs: &[u8],
    signature: &[u8],
    comment: &str,
) -> Result<String, KeyError> {
    use base64ct::{Base64, Encoding};
    let mut blob = tbs.to_vec();
    enc(signature, &mut blob)?;
    let mut line = format!(
        "{} {}",
        cert_type_name(&f.key)?,
        Base64::encode_string(&blob)
    );
    if !comment.is_empty() {
        line.push(' ');
        line.push_str(comment);
    }
    line.push('\n');
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, _utc: bool) -> Option<u64> {
        // Days from civil (Howard Hinnant), UTC only: enough for tests.
        let y = if mo <= 2 { y - 1 } else { y } as i64;
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (mo as i64 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146097 + doe - 719468;
        Some((days * 86400 + (h * 3600 + mi * 60 + s) as i64) as u64)
    }

    #[test]
    fn validity_follows_ssh_keygen() {
        let now = 1_800_000_000;
        assert_eq!(
            parse_validity("+52w", now, &utc),
            Ok((now, now + 52 * 604800))
        );
        assert_eq!(
            parse_validity("-1d:+1w", now, &utc),
            Ok((now - 86400, now + 604800))
        );
        assert_eq!(
            parse_validity("always:forever", now, &utc),
            Ok((0, FOREVER))
        );
        assert_eq!(
            parse_validity("-1m:forever", now, &utc),
            Ok((now - 60, FOREVER))
        );
        assert_eq!(
            parse_validity("20260101:20270101", now, &utc),
            Ok((1767225600, 1798761600))
        );
        assert_eq!(
            parse_validity("20260101123000Z:20260102Z", now, &utc),
            Ok((1767270600, 1767312000))
        );
        assert_eq!(
            parse_validity("0x1:0x2000000000", now, &utc),
            Ok((1, 0x2000000000))
        );
        assert_eq!(parse_validity("+1h30m", now, &utc), Ok((now, now + 5400)));
        for bad in [
            "",
            "+",
            "soon",
            "forever:always",
            "+1y",
            "20261301:forever",
            "2026:forever",
            "+1w:-1w",
        ] {
            assert!(parse_validity(bad, now, &utc).is_err(), "{bad}");
        }
    }

    #[test]
    fn options_follow_ssh_keygen() {
        let mut o = CertOptions::defaults(false);
        assert_eq!(o.extensions.len(), 5);
        o.apply("no-pty").unwrap();
        o.apply("force-command=/bin/true").unwrap();
        o.apply("source-address=10.0.0.0/8").unwrap();
        o.apply("extension:login@example.com=alice").unwrap();
        assert!(!o.extensions.contains_key("permit-pty"));
        assert_eq!(o.critical["force-command"], "/bin/true");
        assert_eq!(o.extensions["login@example.com"], "alice");
        o.apply("clear").unwrap();
        assert!(o.critical.is_empty() && o.extensions.is_empty());
        o.apply("permit-pty").unwrap();
        assert_eq!(o.extensions.len(), 1);
        for bad in [
            "bogus",
            "force-command",
            "no-pty=1",
            "permit-teleport",
            "critical:",
        ] {
            assert!(CertOptions::default().apply(bad).is_err(), "{bad}");
        }
    }
}

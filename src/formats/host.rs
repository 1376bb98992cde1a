//! Host names as server and client identities: refused before they reach the filesystem when
//! they could escape a directory or confuse a shell, and canonicalized so one server has one
//! name (DNS names lowercased, IP addresses in their standard form, IPv6 per RFC 5952). Pure.

use std::net::IpAddr;

/// A checked host name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// A DNS name, lowercased.
    Dns(String),
    /// An IP address.
    Ip(IpAddr),
}

impl Host {
    /// The canonical text: the file-name stem and the registry key.
    pub fn canonical(&self) -> String {
        match self {
            Host::Dns(d) => d.clone(),
            // std's Display for Ipv6Addr is RFC 5952 (lowercase, longest zero run compressed).
            Host::Ip(ip) => ip.to_string(),
        }
    }
}

/// Refuses what could escape a directory or be read as an option: `/`, `\`, `..`, NUL,
/// control characters, a leading `-`, empty or overlong text. Checked on the raw text, before
/// any other processing.
pub fn check_safe(name: &str) -> Result<(), String> {
    let why = if name.is_empty() {
        "is empty"
    } else if name.len() > 253 {
        "is longer than 253 characters"
    } else if name.contains('/') || name.contains('\\') {
        "contains a path separator"
    } else if name.contains("..") {
        "contains '..'"
    } else if name.contains('\0') {
        "contains NUL"
    } else if name.chars().any(char::is_control) {
        "contains a control character"
    } else if name.starts_with('-') {
        "starts with '-'"
    } else if name.chars().any(char::is_whitespace) {
        "contains white space"
    } else {
        return Ok(());
    };
    Err(format!(
        "the host name {} {why}; give a DNS name or an IP address",
        shown(name)
    ))
}

/// Parses and canonicalizes a host name (see the module docs).
pub fn parse_host(name: &str) -> Result<Host, String> {
    check_safe(name)?;
    // "[::1]" is how IPv6 addresses appear in URLs and host:port pairs.
    let bare = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return Ok(Host::Ip(ip));
    }
    if bare.contains(':') {
        // host:1792 is the habit of URLs; a port goes in its own option.
        if let Some((h, p)) = bare.rsplit_once(':')
            && bare.matches(':').count() == 1
            && !h.is_empty()
            && p.chars().all(|c| c.is_ascii_digit())
        {
            return Err(format!(
                "{} looks like HOST:PORT; give the host alone and the port with -p",
                shown(name)
            ));
        }
        return Err(format!("{} is not a valid IPv6 address", shown(name)));
    }
    let lower = bare.to_ascii_lowercase();
    let labels_ok = lower.trim_end_matches('.').split('.').all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    });
    // A name whose last label is all digits is a mistyped IPv4 address (01.02.03.004,
    // 256.1.1.1, 1.2.3), never a DNS name (RFC 1123 2.1): it would register one address twice.
    let last = lower
        .trim_end_matches('.')
        .rsplit('.')
        .next()
        .unwrap_or_default();
    if !last.is_empty() && last.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "{} is not a valid IPv4 address (four numbers 0-255, no leading zeros)",
            shown(name)
        ));
    }
    if !labels_ok {
        return Err(format!(
            "{} is not a DNS name (letters, digits, '-' and '_' in dot-separated labels) or an IP address",
            shown(name)
        ));
    }
    Ok(Host::Dns(lower.trim_end_matches('.').to_string()))
}

/// Splits `host:port` (`[v6]:port` for IPv6).
pub fn parse_host_port(text: &str) -> Result<(Host, u16), String> {
    let (host, port) = match text.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') || (h.starts_with('[') && h.ends_with(']')) => (h, p),
        _ => {
            return Err(format!(
                "{} is not HOST:PORT (write an IPv6 address as [ADDRESS]:PORT)",
                shown(text)
            ));
        }
    };
    let port = port
        .parse::<u16>()
        .ok()
        .filter(|p| *p != 0)
        .ok_or_else(|| format!("{} has no valid port", shown(text)))?;
    Ok((parse_host(host)?, port))
}

/// A name quoted for messages with anything unprintable escaped.
fn shown(name: &str) -> String {
    format!("'{}'", name.escape_debug())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        let c = |n: &str| parse_host(n).unwrap().canonical();
        assert_eq!(c("HSM1.Example.COM"), "hsm1.example.com");
        assert_eq!(c("hsm1.example.com."), "hsm1.example.com");
        assert_eq!(c("2001:0db8:0000:0000:0000:0000:0000:0001"), "2001:db8::1");
        assert_eq!(c("2001:DB8::1"), "2001:db8::1");
        assert_eq!(c("[2001:db8::1]"), "2001:db8::1");
        assert_eq!(c("2001:db8:0:1:0:0:0:1"), "2001:db8:0:1::1");
        assert_eq!(c("192.0.2.10"), "192.0.2.10");
    }

    #[test]
    fn refusals() {
        for bad in [
            "",
            "../x",
            "a/b",
            "a\\b",
            "-n",
            "a\0b",
            "a\nb",
            "a b",
            "x..y",
            "1:2:3",
            "a_-.com",
            "-.com",
            "a..",
            "é.com",
            "01.02.03.004",
            "256.1.1.1",
            "1.2.3",
            "10",
        ] {
            assert!(parse_host(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            parse_host_port("[::1]:1792").unwrap(),
            (Host::Ip("::1".parse().unwrap()), 1792)
        );
        assert!(parse_host_port("::1:1792").is_err());
        assert!(parse_host_port("h:0").is_err());
        assert!(parse_host_port("h").is_err());
    }
}

//! X.509 request and certificate parameters from command-line text: subjects
//! ('CN=a,O=b,C=FI' or OpenSSL's '/CN=a/O=b'), SANs, key usages. Pure: no I/O.

use rcgen::{DnType, ExtendedKeyUsagePurpose as Eku, KeyUsagePurpose as Ku, SanType};

/// emailAddress (PKCS#9), for subjects.
const EMAIL_OID: [u64; 7] = [1, 2, 840, 113549, 1, 9, 1];

fn dn_type(key: &str) -> Result<DnType, String> {
    Ok(match key.trim().to_ascii_uppercase().as_str() {
        "CN" => DnType::CommonName,
        "O" => DnType::OrganizationName,
        "OU" => DnType::OrganizationalUnitName,
        "C" => DnType::CountryName,
        "ST" | "S" => DnType::StateOrProvinceName,
        "L" => DnType::LocalityName,
        "E" | "EMAIL" | "EMAILADDRESS" => DnType::CustomDnType(EMAIL_OID.to_vec()),
        other => {
            return Err(format!(
                "unknown subject attribute '{other}'; use CN, O, OU, C, ST, L or emailAddress"
            ));
        }
    })
}

/// Parses a subject: RFC 4514 style with `\,` escapes, or OpenSSL's `/A=b/C=d`.
pub fn parse_subject(text: &str) -> Result<Vec<(DnType, String)>, String> {
    let t = text.trim();
    let parts: Vec<String> = if let Some(rest) = t.strip_prefix('/') {
        rest.split('/').map(str::to_string).collect()
    } else {
        let (mut parts, mut cur, mut esc) = (Vec::new(), String::new(), false);
        for c in t.chars() {
            match (esc, c) {
                (true, c) => {
                    cur.push(c);
                    esc = false;
                }
                (false, '\\') => esc = true,
                (false, ',') => parts.push(std::mem::take(&mut cur)),
                (false, c) => cur.push(c),
            }
        }
        parts.push(cur);
        parts
    };
    let mut out = Vec::new();
    for p in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let (k, v) = p
            .split_once('=')
            .ok_or_else(|| format!("subject part '{p}' is not NAME=VALUE"))?;
        let v = v.trim();
        if v.is_empty() {
            return Err(format!("subject attribute {k} is empty"));
        }
        let ty = dn_type(k)?;
        if ty == DnType::CountryName
            && (v.len() != 2 || !v.chars().all(|c| c.is_ascii_alphabetic()))
        {
            return Err(format!("country '{v}' must be two letters (ISO 3166)"));
        }
        out.push((ty, v.to_string()));
    }
    if out.is_empty() {
        return Err("the subject is empty; give at least CN=...".into());
    }
    Ok(out)
}

/// A SAN of the given kind: dns, ip, email, uri.
pub fn san(kind: &str, value: &str) -> Result<SanType, String> {
    let ia5 = |v: &str| {
        v.to_string()
            .try_into()
            .map_err(|_| format!("'{v}' is not ASCII"))
    };
    Ok(match kind {
        "dns" => {
            // A wildcard stands only as the whole leftmost label (RFC 6125); the rest must be a
            // host name (not an IP address: that is --ip).
            let rest = value.strip_prefix("*.").unwrap_or(value);
            match super::host::parse_host(rest) {
                Ok(super::host::Host::Dns(_)) => {}
                Ok(super::host::Host::Ip(_)) => {
                    return Err(format!(
                        "--dns '{value}' is an IP address; give it with --ip"
                    ));
                }
                Err(e) => return Err(format!("--dns: {e}")),
            }
            SanType::DnsName(ia5(value)?)
        }
        "email" => {
            let ok = value.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !local.chars().any(|c| c.is_whitespace() || c.is_control())
                    && matches!(
                        super::host::parse_host(domain),
                        Ok(super::host::Host::Dns(_))
                    )
            });
            if !ok {
                return Err(format!(
                    "--email-san '{value}' is not an e-mail address (local@domain)"
                ));
            }
            SanType::Rfc822Name(ia5(value)?)
        }
        "uri" => {
            let ok = value.split_once(':').is_some_and(|(scheme, rest)| {
                !rest.is_empty()
                    && scheme
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphabetic())
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            }) && !value.chars().any(|c| c.is_whitespace() || c.is_control());
            if !ok {
                return Err(format!("--uri-san '{value}' is not a URI (scheme:...)"));
            }
            SanType::URI(ia5(value)?)
        }
        "ip" => SanType::IpAddress(
            value
                .parse()
                .map_err(|_| format!("'{value}' is not an IP address"))?,
        ),
        _ => return Err(format!("unknown SAN kind {kind}")),
    })
}

/// Key usages by their RFC 5280 names (case-insensitive), comma-separated.
pub fn parse_key_usage(list: &str) -> Result<Vec<Ku>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|n| {
            Ok(match n.to_ascii_lowercase().as_str() {
                "digitalsignature" => Ku::DigitalSignature,
                "nonrepudiation" | "contentcommitment" => Ku::ContentCommitment,
                "keyencipherment" => Ku::KeyEncipherment,
                "dataencipherment" => Ku::DataEncipherment,
                "keyagreement" => Ku::KeyAgreement,
                "keycertsign" => Ku::KeyCertSign,
                "crlsign" => Ku::CrlSign,
                "encipheronly" => Ku::EncipherOnly,
                "decipheronly" => Ku::DecipherOnly,
                _ => return Err(format!("unknown key usage '{n}'")),
            })
        })
        .collect()
}

/// Extended key usages by name, comma-separated.
pub fn parse_ext_key_usage(list: &str) -> Result<Vec<Eku>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|n| {
            Ok(match n.to_ascii_lowercase().as_str() {
                "serverauth" => Eku::ServerAuth,
                "clientauth" => Eku::ClientAuth,
                "codesigning" => Eku::CodeSigning,
                "emailprotection" => Eku::EmailProtection,
                "timestamping" => Eku::TimeStamping,
                "ocspsigning" => Eku::OcspSigning,
                "any" | "anyextendedkeyusage" => Eku::Any,
                _ => return Err(format!("unknown extended key usage '{n}'")),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_subjects() {
        let s = parse_subject("CN=web\\, one,O=Corp,C=FI").unwrap();
        assert_eq!(s[0], (DnType::CommonName, "web, one".to_string()));
        assert_eq!(s.len(), 3);
        assert_eq!(parse_subject("/CN=a/OU=b").unwrap().len(), 2);
        for bad in ["", "CN", "XX=1", "C=Finland", "CN="] {
            assert!(parse_subject(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_key_usage("digitalSignature, keyCertSign")
                .unwrap()
                .len(),
            2
        );
        assert!(parse_key_usage("everything").is_err());
        assert!(parse_ext_key_usage("serverAuth,clientAuth").is_ok());
        assert!(san("ip", "::1").is_ok() && san("ip", "x").is_err());
    }
}

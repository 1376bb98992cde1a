//! `pkcs11:` URIs (RFC 7512): parsing the attributes hsmctl selects by, and printing token URIs.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use secrecy::SecretString;
use std::fmt;
use std::path::PathBuf;

/// RFC 7512 leaves unreserved characters unencoded; everything else is percent-encoded.
const ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A parsed `pkcs11:` URI. `Debug` never shows `pin-value`.
#[derive(Default)]
pub struct Pkcs11Uri {
    /// `token`: the token label.
    pub token: Option<String>,
    /// `manufacturer`: the token manufacturer.
    pub manufacturer: Option<String>,
    /// `serial`: the token serial number.
    pub serial: Option<String>,
    /// `model`: the token model.
    pub model: Option<String>,
    /// `slot-id`: the slot number (not stable across module loads on every module).
    pub slot_id: Option<u64>,
    /// `slot-description`.
    pub slot_description: Option<String>,
    /// `slot-manufacturer`.
    pub slot_manufacturer: Option<String>,
    /// `library-manufacturer`.
    pub library_manufacturer: Option<String>,
    /// `library-description`.
    pub library_description: Option<String>,
    /// `library-version`.
    pub library_version: Option<String>,
    /// `object`: the object label.
    pub object: Option<String>,
    /// `id`: the object's CKA_ID bytes.
    pub id: Option<Vec<u8>>,
    /// `type`: public, private, cert, secret-key or data.
    pub object_type: Option<String>,
    /// `module-path` query attribute.
    pub module_path: Option<PathBuf>,
    /// `module-name` query attribute.
    pub module_name: Option<String>,
    /// `pin-source` query attribute (a file path).
    pub pin_source: Option<String>,
    /// `pin-value` query attribute: a PIN on the command line, honoured with a warning.
    pub pin_value: Option<SecretString>,
}

impl fmt::Debug for Pkcs11Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pkcs11Uri({self})")
    }
}

/// Prints the URI without `pin-value`, so it is safe in messages and logs.
impl fmt::Display for Pkcs11Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut path = Vec::new();
        let text = |name: &str, v: &Option<String>, out: &mut Vec<String>| {
            if let Some(v) = v {
                out.push(format!("{name}={}", encode(v)));
            }
        };
        text(
            "library-manufacturer",
            &self.library_manufacturer,
            &mut path,
        );
        text("library-description", &self.library_description, &mut path);
        text("library-version", &self.library_version, &mut path);
        text("slot-manufacturer", &self.slot_manufacturer, &mut path);
        text("slot-description", &self.slot_description, &mut path);
        if let Some(id) = self.slot_id {
            path.push(format!("slot-id={id}"));
        }
        text("model", &self.model, &mut path);
        text("manufacturer", &self.manufacturer, &mut path);
        text("serial", &self.serial, &mut path);
        text("token", &self.token, &mut path);
        if let Some(id) = &self.id {
            path.push(format!("id={}", encode_bytes(id)));
        }
        text("object", &self.object, &mut path);
        text("type", &self.object_type, &mut path);
        let mut query = Vec::new();
        if let Some(p) = &self.module_path {
            query.push(format!("module-path={}", encode(&p.to_string_lossy())));
        }
        text("module-name", &self.module_name, &mut query);
        text("pin-source", &self.pin_source, &mut query);
        write!(f, "pkcs11:{}", path.join(";"))?;
        if !query.is_empty() {
            write!(f, "?{}", query.join("&"))?;
        }
        Ok(())
    }
}

/// Percent-encodes a text attribute value.
pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, ENCODE).to_string()
}

/// Percent-encodes every byte, as p11tool and OpenSC print `id`.
pub fn encode_bytes(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("%{b:02x}")).collect()
}

/// The URI naming one token, in the attribute order p11tool prints.
pub fn token_uri(model: &str, manufacturer: &str, serial: &str, label: &str) -> String {
    format!(
        "pkcs11:model={};manufacturer={};serial={};token={}",
        encode(model),
        encode(manufacturer),
        encode(serial),
        encode(label)
    )
}

/// Why a URI was refused. Never contains the value of `pin-value`.
#[derive(Debug, PartialEq, Eq)]
pub struct UriError(pub String);

impl fmt::Display for UriError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UriError {}

fn err(msg: impl Into<String>) -> UriError {
    UriError(msg.into())
}

fn decode_bytes(name: &str, raw: &str) -> Result<Vec<u8>, UriError> {
    // A '%' must start a two-digit escape; percent_decode_str would pass a stray one through.
    let b = raw.as_bytes();
    for (i, _) in raw.match_indices('%') {
        let ok = b.len() > i + 2 && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit();
        if !ok {
            return Err(err(format!(
                "attribute '{name}' has a '%' that is not followed by two hex digits"
            )));
        }
    }
    Ok(percent_decode_str(raw).collect())
}

fn decode_text(name: &str, raw: &str) -> Result<String, UriError> {
    String::from_utf8(decode_bytes(name, raw)?).map_err(|_| {
        err(format!(
            "attribute '{name}' is not valid UTF-8 once decoded"
        ))
    })
}

fn set<T>(slot: &mut Option<T>, name: &str, value: T) -> Result<(), UriError> {
    if slot.is_some() {
        return Err(err(format!("attribute '{name}' appears twice")));
    }
    *slot = Some(value);
    Ok(())
}

impl std::str::FromStr for Pkcs11Uri {
    type Err = UriError;

    fn from_str(s: &str) -> Result<Self, UriError> {
        let rest = s
            .get(..7)
            .filter(|scheme| scheme.eq_ignore_ascii_case("pkcs11:"))
            .map(|_| &s[7..])
            .ok_or_else(|| err("a PKCS#11 URI starts with 'pkcs11:'"))?;
        let (path, query) = match rest.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (rest, None),
        };
        let mut uri = Pkcs11Uri::default();
        for part in path.split(';').filter(|p| !p.is_empty()) {
            let (name, raw) = part
                .split_once('=')
                .ok_or_else(|| err(format!("path attribute '{part}' has no '='")))?;
            let u = &mut uri;
            match name {
                "token" => set(&mut u.token, name, decode_text(name, raw)?)?,
                "manufacturer" => set(&mut u.manufacturer, name, decode_text(name, raw)?)?,
                "serial" => set(&mut u.serial, name, decode_text(name, raw)?)?,
                "model" => set(&mut u.model, name, decode_text(name, raw)?)?,
                "slot-description" => set(&mut u.slot_description, name, decode_text(name, raw)?)?,
                "slot-manufacturer" => {
                    set(&mut u.slot_manufacturer, name, decode_text(name, raw)?)?
                }
                "library-manufacturer" => {
                    set(&mut u.library_manufacturer, name, decode_text(name, raw)?)?
                }
                "library-description" => {
                    set(&mut u.library_description, name, decode_text(name, raw)?)?
                }
                "library-version" => set(&mut u.library_version, name, decode_text(name, raw)?)?,
                "object" => set(&mut u.object, name, decode_text(name, raw)?)?,
                "id" => set(&mut u.id, name, decode_bytes(name, raw)?)?,
                "slot-id" => {
                    let id = decode_text(name, raw)?.parse::<u64>().map_err(|_| {
                        err("attribute 'slot-id' must be a decimal number".to_string())
                    })?;
                    set(&mut u.slot_id, name, id)?
                }
                "type" => {
                    let t = decode_text(name, raw)?;
                    if !["public", "private", "cert", "secret-key", "data"].contains(&t.as_str()) {
                        return Err(err(format!(
                            "attribute 'type' is '{t}'; expected public, private, cert, secret-key or data"
                        )));
                    }
                    set(&mut u.object_type, name, t)?
                }
                n if n.starts_with("x-") => {}
                n => return Err(err(format!("unknown path attribute '{n}'"))),
            }
        }
        for part in query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .filter(|p| !p.is_empty())
        {
            let (name, raw) = part
                .split_once('=')
                .ok_or_else(|| err("a query attribute has no '='"))?;
            let u = &mut uri;
            match name {
                "module-path" => set(&mut u.module_path, name, decode_text(name, raw)?.into())?,
                "module-name" => set(&mut u.module_name, name, decode_text(name, raw)?)?,
                "pin-source" => set(&mut u.pin_source, name, decode_text(name, raw)?)?,
                "pin-value" => {
                    let pin = decode_text(name, raw)?;
                    set(&mut u.pin_value, name, SecretString::from(pin))?
                }
                n if n.starts_with("x-") => {}
                // The name alone is safe to echo; the value might be a secret.
                n => return Err(err(format!("unknown query attribute '{n}'"))),
            }
        }
        Ok(uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn parses_rfc7512_examples() {
        let u: Pkcs11Uri = "pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;model=1.0;object=my-certificate;type=cert;id=%69%95%3E%5C%F4%BD%EC%91;serial=".parse().unwrap();
        assert_eq!(u.token.as_deref(), Some("The Software PKCS#11 Softtoken"));
        assert_eq!(u.manufacturer.as_deref(), Some("Snake Oil, Inc."));
        assert_eq!(
            u.id.as_deref(),
            Some(&[0x69, 0x95, 0x3e, 0x5c, 0xf4, 0xbd, 0xec, 0x91][..])
        );
        assert_eq!(u.object_type.as_deref(), Some("cert"));
        assert_eq!(u.serial.as_deref(), Some(""));
    }

    #[test]
    fn query_attributes_and_redaction() {
        let u: Pkcs11Uri =
            "pkcs11:token=a?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-value=s3cr%65t"
                .parse()
                .unwrap();
        assert_eq!(u.pin_value.as_ref().unwrap().expose_secret(), "s3cret");
        assert_eq!(
            u.module_path.unwrap().to_str(),
            Some("/usr/lib/softhsm/libsofthsm2.so")
        );
        let shown = format!(
            "{:?}",
            "pkcs11:token=a?pin-value=s3cret"
                .parse::<Pkcs11Uri>()
                .unwrap()
        );
        assert!(!shown.contains("s3cret"), "{shown}");
    }

    #[test]
    fn refuses_bad_uris_without_echoing_secrets() {
        assert!("pkcs12:token=a".parse::<Pkcs11Uri>().is_err());
        assert!("pkcs11:token=a;token=b".parse::<Pkcs11Uri>().is_err());
        assert!("pkcs11:slot-id=x".parse::<Pkcs11Uri>().is_err());
        assert!("pkcs11:id=%zz".parse::<Pkcs11Uri>().is_err());
        assert!("pkcs11:bogus=1".parse::<Pkcs11Uri>().is_err());
        let e = "pkcs11:token=a?pin-valu=hunter2"
            .parse::<Pkcs11Uri>()
            .unwrap_err();
        assert!(!e.0.contains("hunter2"));
        assert!("PKCS11:x-vendor=1".parse::<Pkcs11Uri>().is_ok());
    }

    #[test]
    fn token_uri_round_trips() {
        let s = token_uri("SoftHSM v2", "SoftHSM project", "6e8d51eeb960446f", "a;b/c");
        assert_eq!(
            s,
            "pkcs11:model=SoftHSM%20v2;manufacturer=SoftHSM%20project;serial=6e8d51eeb960446f;token=a%3Bb%2Fc"
        );
        let u: Pkcs11Uri = s.parse().unwrap();
        assert_eq!(u.token.as_deref(), Some("a;b/c"));
        assert_eq!(u.to_string(), s);
    }
}

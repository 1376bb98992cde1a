//! `hsmctl list`: every object (private ones after login), pairs grouped by CKA_ID.

use super::Ctx;
use super::object_select::object_filter;
use super::token_select::Login;
use crate::cli::ListArgs;
use crate::exit::{Exit, fail, fail_hint};
use crate::hsm::{KeyFamily, KeySpec, ObjectInfo, SecretSpec, Want, class_rank};
use crate::output::{Report, table};
use anyhow::Result;
use serde::Serialize;

/// The objects of one token.
#[derive(Serialize)]
pub struct ListReport {
    /// Token label.
    pub token: String,
    /// Token serial.
    pub serial: String,
    /// How many objects are listed.
    pub count: usize,
    /// The objects, by label, then class.
    pub objects: Vec<ObjectInfo>,
    /// Every column and whole values (`--wide`); not part of the JSON.
    #[serde(skip)]
    pub wide: bool,
}

/// Whether a label selector is a glob pattern (`k*`, `web-?`, `[ab]*`).
fn is_pattern(label: &str) -> bool {
    label.contains(['*', '?', '['])
}

/// `--key-type`: a family (`rsa`, `ec`, `ed25519`), or keygen's exact spelling (`ec:p256`,
/// `rsa:2048`) matched against each key's own.
fn key_type_filter(text: &str) -> Result<(KeyFamily, Option<String>)> {
    let lower = text.trim().to_ascii_lowercase();
    let family = match lower.as_str() {
        "rsa" => return Ok((KeyFamily::Rsa, None)),
        "ec" | "ecdsa" => return Ok((KeyFamily::Ec, None)),
        "ed25519" | "edwards" | "eddsa" => return Ok((KeyFamily::Edwards, None)),
        "aes" => return Ok((KeyFamily::Aes, None)),
        "generic" | "hmac" => return Ok((KeyFamily::Generic, None)),
        t if t.starts_with("aes:") || t.starts_with("generic:") => {
            let spec = SecretSpec::parse(t).map_err(|e| fail(Exit::Usage, e))?;
            let f = if spec.is_aes() {
                KeyFamily::Aes
            } else {
                KeyFamily::Generic
            };
            return Ok((f, Some(spec.name())));
        }
        _ => KeySpec::parse(&lower).map_err(|e| {
            fail_hint(
                Exit::Usage,
                e,
                "--key-type takes rsa, rsa:BITS, ec, ec:p256, ec:p384, ec:p521, ed25519, aes, \
                 aes:BITS, generic or generic:BITS",
            )
        })?,
    };
    let f = match family {
        KeySpec::Rsa(_) => KeyFamily::Rsa,
        KeySpec::Ec(_) => KeyFamily::Ec,
        KeySpec::Ed25519 => KeyFamily::Edwards,
    };
    Ok((f, Some(family.name())))
}

/// One search, one attribute read per object, pairing in memory.
pub fn run(ctx: &Ctx, args: &ListArgs) -> Result<ListReport> {
    let sel = ctx.select(&args.token, Want::Initialized)?;
    // A label with glob characters is matched here, not by the token (which compares bytes).
    let pattern = match args.object.label.as_deref().filter(|l| is_pattern(l)) {
        Some(p) => Some(glob::Pattern::new(p).map_err(|e| {
            fail_hint(
                Exit::Usage,
                format!("--label '{p}' is not a valid pattern: {e}"),
                "patterns take * (any text), ? (one character) and [abc] (one of them)",
            )
        })?),
        None => None,
    };
    let mut object_args = args.object.clone();
    if pattern.is_some() {
        object_args.label = None;
    }
    let mut filter = object_filter(&object_args, sel.uri.as_ref())?;
    let exact_type = match &args.key_type {
        Some(t) => {
            let (family, exact) = key_type_filter(t)?;
            filter.key_type = Some(family);
            exact
        }
        None => None,
    };
    let token = sel.initialized()?.clone();
    let session = sel.session(false, Login::IfAvailable(args.auth.login), &args.auth.pin)?;
    let mut objects = session.list(&filter, &token)?;
    objects.retain(|o| {
        pattern.as_ref().is_none_or(|p| p.matches(&o.label))
            && exact_type
                .as_ref()
                .is_none_or(|t| o.key_type.as_ref() == Some(t))
    });
    // People look objects up by name: sorted by label, then class (private, public,
    // certificate, other), then id.
    objects.sort_by(|a, b| {
        (&a.label, class_rank(a.class_code), &a.id_bytes).cmp(&(
            &b.label,
            class_rank(b.class_code),
            &b.id_bytes,
        ))
    });
    Ok(ListReport {
        token: token.label,
        serial: token.serial,
        count: objects.len(),
        objects,
        wide: args.wide,
    })
}

impl Report for ListReport {
    fn human(&self) -> String {
        // Nothing matched: stdout stays empty (the count line on stderr says so).
        if self.objects.is_empty() {
            return String::new();
        }
        let mut header = vec!["Label", "Class", "Key type", "ID", "Usage", "Paired"];
        if self.wide {
            header.push("URI");
        }
        let mut t = table(&header);
        t.wide(self.wide);
        for o in &self.objects {
            // The class as --class spells it (private, public, cert, secret-key, data).
            let class = crate::hsm::class_word(o.class_code).to_string();
            let paired = match o.paired {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            };
            let mut row = vec![
                o.label.clone(),
                class,
                o.kind(),
                o.id.clone(),
                o.usage.join(","),
                paired.into(),
            ];
            if self.wide {
                row.push(o.uri.clone());
            }
            t.add_row(row);
        }
        format!("{t}\n")
    }

    fn summary(&self) -> Option<String> {
        Some(match self.count {
            0 => format!(
                "no objects on token '{}' (or none that match)",
                crate::formats::text::escaped(&self.token)
            ),
            1 => "1 object".to_string(),
            n => format!("{n} objects"),
        })
    }
}

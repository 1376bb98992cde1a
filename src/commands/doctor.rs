//! `hsmctl doctor`: keys and certificates should pair up by CKA_ID and really match (the same
//! public key). Reports orphans, duplicates, empty ids, label mismatches and mismatches;
//! `--fix` sets the CKA_ID where the right one is unambiguous.

use super::Ctx;
use super::object_select::describe_object;
use super::token_select::Login;
use crate::cli::DoctorArgs;
use crate::exit::{Exit, fail};
use crate::formats::cert::certificate_key;
use crate::formats::input::parse_change;
use crate::formats::pubkey::PublicKeyMaterial;
use crate::hsm::{ObjectFilter, ObjectInfo, Want};
use crate::output::Report;
use anyhow::Result;
use serde::Serialize;
use std::io::IsTerminal;

/// One problem found.
#[derive(Serialize, Clone)]
pub struct Finding {
    /// orphan, mismatch, duplicate_id, empty_id, label_mismatch.
    pub kind: &'static str,
    /// What is wrong, for people.
    pub message: String,
    /// The object concerned.
    pub uri: String,
    /// The CKA_ID that would repair it (hex), when unambiguous.
    pub fix_id: Option<String>,
    #[serde(skip)]
    object: Option<ObjectInfo>,
}

/// The check's result.
#[derive(Serialize)]
pub struct DoctorReport {
    /// Token label.
    pub token: String,
    /// Keys and certificates checked.
    pub objects_checked: usize,
    /// Problems found (before any repair).
    pub findings: Vec<Finding>,
    /// Ids repaired with --fix.
    pub fixed: usize,
}

impl Report for DoctorReport {
    fn human(&self) -> String {
        use crate::formats::text::escaped;
        let mut out = format!(
            "Checked {} keys and certificates on token '{}'.\n",
            self.objects_checked,
            escaped(&self.token)
        );
        if self.findings.is_empty() {
            out.push_str("No problems found.\n");
        }
        for f in &self.findings {
            out.push_str(&format!(
                "{}: {}{}\n",
                f.kind,
                // Messages quote labels: one finding, one line.
                escaped(&f.message),
                f.fix_id
                    .as_ref()
                    .map_or(String::new(), |i| format!(" (fix: CKA_ID {i})"))
            ));
        }
        if self.fixed > 0 {
            out.push_str(&format!("Repaired {} CKA_ID(s).\n", self.fixed));
        }
        out
    }
}

const PRIV: &str = "CKO_PRIVATE_KEY";
const PUB: &str = "CKO_PUBLIC_KEY";
const CERT: &str = "CKO_CERTIFICATE";

/// Runs the checks, then (with --fix) the unambiguous repairs under the store lock.
pub fn run(ctx: &Ctx, args: &DoctorArgs) -> Result<DoctorReport> {
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let token = sel.initialized()?.clone();
    let session = sel.session(args.fix, Login::Required, &args.pin)?;
    let objects: Vec<ObjectInfo> = session
        .list(&ObjectFilter::default(), &token)?
        .into_iter()
        .filter(|o| [PRIV, PUB, CERT].contains(&o.class.as_str()))
        .collect();
    // The public key each object stands for, where it can be known.
    let publics = session.public_keys(&ObjectFilter::default(), &token)?;
    let mut material: Vec<Option<PublicKeyMaterial>> = Vec::new();
    for o in &objects {
        material.push(match o.class.as_str() {
            PUB => publics
                .iter()
                .find(|p| p.handle == o.handle)
                .and_then(|p| p.material.clone().ok()),
            CERT => session
                .value(o.handle)?
                .and_then(|d| certificate_key(&d).ok()),
            _ => session.private_key_public_part(o.handle)?,
        });
    }
    // The unique CKA_ID (other than the object's own) of another object with the same key.
    let id_for = |i: usize| -> Option<String> {
        let m = material[i].as_ref()?;
        let mut ids: Vec<&str> = objects
            .iter()
            .zip(&material)
            .enumerate()
            .filter(|(j, (o, mm))| {
                *j != i && mm.as_ref() == Some(m) && !o.id.is_empty() && o.class != objects[i].class
            })
            .map(|(_, (o, _))| o.id.as_str())
            .collect();
        ids.sort();
        ids.dedup();
        match ids.as_slice() {
            [one] if *one != objects[i].id => Some(one.to_string()),
            _ => None,
        }
    };
    let mut findings = Vec::new();
    let mut add = |kind, message: String, i: usize, fix_id: Option<String>| {
        findings.push(Finding {
            kind,
            message,
            uri: objects[i].uri.clone(),
            fix_id,
            object: Some(objects[i].clone()),
        });
    };
    for (i, o) in objects.iter().enumerate() {
        let same_id = |class: &str| {
            objects
                .iter()
                .filter(|x| x.class == class && x.id == o.id && x.handle != o.handle)
                .collect::<Vec<_>>()
        };
        if o.id.is_empty() {
            add(
                "empty_id",
                format!("{} has no CKA_ID", describe_object(o)),
                i,
                id_for(i),
            );
            continue;
        }
        if !same_id(&o.class).is_empty() {
            add(
                "duplicate_id",
                format!(
                    "{} shares its CKA_ID with another object of its class",
                    describe_object(o)
                ),
                i,
                None,
            );
        }
        match o.class.as_str() {
            CERT => {
                let keys: Vec<usize> = objects
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.class == PUB && x.id == o.id)
                    .map(|(j, _)| j)
                    .collect();
                match (keys.first(), material[i].as_ref()) {
                    (None, _) => add(
                        "orphan",
                        format!("{} has no key with its CKA_ID", describe_object(o)),
                        i,
                        id_for(i),
                    ),
                    (Some(&k), Some(m)) if material[k].as_ref().is_some_and(|km| km != m) => add(
                        "mismatch",
                        format!(
                            "{} does not certify the key with its CKA_ID ({})",
                            describe_object(o),
                            describe_object(&objects[k])
                        ),
                        i,
                        id_for(i),
                    ),
                    _ => {}
                }
            }
            PUB if same_id(PRIV).is_empty() => add(
                "orphan",
                format!("{} has no private key with its CKA_ID", describe_object(o)),
                i,
                id_for(i),
            ),
            PRIV if same_id(PUB).is_empty() => add(
                "orphan",
                format!("{} has no public key with its CKA_ID", describe_object(o)),
                i,
                None,
            ),
            PRIV => {
                for p in same_id(PUB) {
                    if p.label != o.label {
                        add(
                            "label_mismatch",
                            format!(
                                "{} and {} share a CKA_ID but not a label",
                                describe_object(o),
                                describe_object(p)
                            ),
                            i,
                            None,
                        );
                    }
                }
            }
            _ => {}
        }
    }
    let mut fixed = 0;
    let fixes: Vec<&Finding> = findings.iter().filter(|f| f.fix_id.is_some()).collect();
    if args.fix && !fixes.is_empty() {
        if !args.yes && std::io::stdin().is_terminal() {
            for f in &fixes {
                crate::output::note(&format!(
                    "  {} -> CKA_ID {}",
                    f.message,
                    f.fix_id.as_deref().unwrap_or_default()
                ));
            }
        }
        ctx.confirm(
            args.yes,
            &format!("{} repair(s)", fixes.len()),
            &format!(
                "Repair {} CKA_ID(s) on token '{}'?",
                fixes.len(),
                token.label
            ),
        )?;
        ctx.lock(&sel)?;
        for f in &fixes {
            let change = parse_change(&format!("id={}", f.fix_id.as_deref().unwrap_or_default()))
                .map_err(|_| fail(Exit::Failed, "internal: a repair id did not parse"))?;
            let o = f.object.clone().expect("findings carry their object");
            session.apply_changes(std::slice::from_ref(&o), std::slice::from_ref(&change))?;
            fixed += 1;
        }
    }
    Ok(DoctorReport {
        token: token.label,
        objects_checked: objects.len(),
        findings,
        fixed,
    })
}

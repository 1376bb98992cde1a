//! `hsmctl setattribute`: label, id and boolean changes on one object or one key pair.

use super::Ctx;
use super::object_select::{describe_object, matching, object_filter, too_many};
use super::token_select::Login;
use crate::cli::SetAttributeArgs;
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::input::{ChangeError, parse_change};
use crate::hsm::{ObjectFilter, ObjectInfo, Want, applicable};
use crate::output::Report;
use anyhow::Result;
use serde::Serialize;

/// One changed object.
#[derive(Serialize)]
pub struct Changed {
    /// The name=value pairs applied to this object.
    pub changes: Vec<String>,
    /// The object, read back after the change.
    pub object: ObjectInfo,
}

/// The objects as they are after the change.
#[derive(Serialize)]
pub struct SetAttributeReport {
    /// Every changed object.
    pub objects: Vec<Changed>,
}

impl Report for SetAttributeReport {
    fn human(&self) -> String {
        self.objects
            .iter()
            .map(|c| {
                format!(
                    "Updated {}: {}\n",
                    describe_object(&c.object),
                    c.changes.join(", ")
                )
            })
            .collect()
    }
}

fn is_key(o: &ObjectInfo) -> bool {
    o.class == "CKO_PRIVATE_KEY" || o.class == "CKO_PUBLIC_KEY"
}

/// Parses every change first, then applies them under the token lock.
pub fn run(ctx: &Ctx, args: &SetAttributeArgs) -> Result<SetAttributeReport> {
    let changes = args
        .set
        .iter()
        .map(|s| {
            parse_change(s).map_err(|e| match e {
                ChangeError::Usage(m) => fail(Exit::Usage, m),
                ChangeError::Weakening(m) => {
                    fail_hint(Exit::BadInput, m, "hsmctl never weakens a key")
                }
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let filter = object_filter(&args.object, sel.uri.as_ref())?;
    if filter.is_empty() {
        return Err(fail(
            Exit::Usage,
            "select the object with --label, --id, --class or --uri",
        ));
    }
    let token = sel.initialized()?.clone();
    let session = sel.session(true, Login::Required, &args.pin)?;
    ctx.lock(&sel)?;
    let found = matching(&session, &filter, &token)?;
    let targets: Vec<ObjectInfo> = if args.pair {
        let mut ids: Vec<&Vec<u8>> = found
            .iter()
            .filter(|o| is_key(o))
            .map(|o| &o.id_bytes)
            .collect();
        ids.dedup();
        match ids.as_slice() {
            [id] if !id.is_empty() => session
                .list(
                    &ObjectFilter {
                        id: Some((*id).clone()),
                        ..Default::default()
                    },
                    &token,
                )?
                .into_iter()
                .filter(is_key)
                .collect(),
            [_] => {
                return Err(fail(
                    Exit::NotFound,
                    "the selected key has no CKA_ID to find its other half by",
                ));
            }
            [] => {
                return Err(fail(
                    Exit::NotFound,
                    format!("{} matches no key", filter.describe()),
                ));
            }
            _ => {
                return Err(fail_hint(
                    Exit::NotFound,
                    format!(
                        "{} matches keys of {} different ids",
                        filter.describe(),
                        ids.len()
                    ),
                    "narrow the selection to one key pair (--id)",
                ));
            }
        }
    } else if found.len() > 1 {
        return Err(too_many(
            &filter,
            &found,
            "narrow the selection (--class, --id, --uri), or pass --pair to change both halves of a key pair",
        ));
    } else {
        found
    };
    for c in &changes {
        if !targets
            .iter()
            .any(|o| !applicable(std::slice::from_ref(c), o).is_empty())
        {
            let what: Vec<String> = targets.iter().map(describe_object).collect();
            return Err(fail(
                Exit::Usage,
                format!("{} does not apply to {}", c.cka, what.join(" or ")),
            ));
        }
    }
    if let Some(new_id) = changes.iter().find(|c| c.name == "id") {
        let id = hex::decode(&new_id.shown).expect("parsed as hex");
        let others = session.with_id(&id)?;
        if others
            .iter()
            .any(|h| !targets.iter().any(|t| t.handle == *h))
        {
            return Err(fail_hint(
                Exit::Conflict,
                format!("CKA_ID {} is already used by another object", new_id.shown),
                "choose an unused id",
            ));
        }
    }
    session.apply_changes(&targets, &changes)?;
    let objects = targets
        .iter()
        .filter_map(|o| {
            let applied: Vec<String> = applicable(&changes, o)
                .iter()
                .map(|c| format!("{}={}", c.name, c.shown))
                .collect();
            (!applied.is_empty()).then(|| {
                Ok(Changed {
                    changes: applied,
                    object: session.object(o.handle, &token)?,
                })
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(SetAttributeReport { objects })
}

//! `hsmctl delete`: destroy objects, confirmed on a terminal or with --yes.

use super::Ctx;
use super::object_select::{describe_object, matching, object_filter};
use super::token_select::Login;
use crate::cli::DeleteArgs;
use crate::exit::{Exit, fail, fail_hint};
use crate::hsm::{ObjectFilter, ObjectInfo, Want};
use crate::output::Report;
use anyhow::Result;
use serde::Serialize;
use std::io::IsTerminal;

/// What was deleted.
#[derive(Serialize)]
pub struct DeleteReport {
    /// The objects destroyed, as they were.
    pub deleted: Vec<ObjectInfo>,
}

impl Report for DeleteReport {
    fn human(&self) -> String {
        self.deleted
            .iter()
            .map(|o| format!("Deleted {}\n", describe_object(o)))
            .collect()
    }
}

fn is_key(o: &ObjectInfo) -> bool {
    o.class == "CKO_PRIVATE_KEY" || o.class == "CKO_PUBLIC_KEY"
}

/// Finds, expands to pairs, checks ambiguity, confirms, then destroys under the lock.
pub fn run(ctx: &Ctx, args: &DeleteArgs) -> Result<DeleteReport> {
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let filter = object_filter(&args.object, sel.uri.as_ref())?;
    if filter.is_empty() {
        return Err(fail(
            Exit::Usage,
            "select what to delete with --label, --id, --class or --uri",
        ));
    }
    let token = sel.initialized()?.clone();
    let session = sel.session(true, Login::Required, &args.pin)?;
    ctx.lock(&sel)?;
    let mut targets = matching(&session, &filter, &token)?;
    // Units the user is deleting: key pairs count once with --pair.
    let units = if args.pair {
        let mut ids: Vec<Vec<u8>> = Vec::new();
        for o in targets.iter().filter(|o| is_key(o)) {
            if o.id_bytes.is_empty() {
                return Err(fail(
                    Exit::NotFound,
                    format!(
                        "{} has no CKA_ID to find its other half by",
                        describe_object(o)
                    ),
                ));
            }
            if !ids.contains(&o.id_bytes) {
                ids.push(o.id_bytes.clone());
            }
        }
        for id in &ids {
            let halves = session.list(
                &ObjectFilter {
                    id: Some(id.clone()),
                    ..Default::default()
                },
                &token,
            )?;
            for h in halves.into_iter().filter(is_key) {
                if !targets.iter().any(|t| t.handle == h.handle) {
                    targets.push(h);
                }
            }
        }
        ids.len() + targets.iter().filter(|o| !is_key(o)).count()
    } else {
        targets.len()
    };
    if units > 1 && !args.all_matching {
        let names: Vec<String> = targets.iter().map(describe_object).collect();
        return Err(fail_hint(
            Exit::NotFound,
            format!(
                "{} matches more than one {}: {}",
                filter.describe(),
                if args.pair {
                    "key pair or object"
                } else {
                    "object"
                },
                names.join("; ")
            ),
            "narrow the selection, or pass --all-matching to delete them all",
        ));
    }
    if !args.yes && std::io::stdin().is_terminal() {
        for o in &targets {
            crate::output::note(&format!("  {}", describe_object(o)));
        }
    }
    ctx.confirm(
        args.yes,
        &format!("deleting {} object(s)", targets.len()),
        &format!(
            "Delete these {} object(s) from token '{}'?",
            targets.len(),
            token.label
        ),
    )?;
    let mut deleted = Vec::new();
    for o in targets {
        session.destroy(o.handle)?;
        deleted.push(o);
    }
    Ok(DeleteReport { deleted })
}

//! `hsmctl list`: every object (private ones after login), pairs grouped by CKA_ID.

use super::Ctx;
use super::context::{Login, object_filter};
use crate::cli::ListArgs;
use crate::hsm::{ObjectInfo, Want};
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
    /// The objects, pairs together.
    pub objects: Vec<ObjectInfo>,
}

/// One search, one attribute read per object, pairing in memory.
pub fn run(ctx: &Ctx, args: &ListArgs) -> Result<ListReport> {
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let mut filter = object_filter(&args.object, sel.uri.as_ref())?;
    filter.key_type = args.key_type;
    let token = sel.initialized()?.clone();
    let session = sel.session(false, Login::IfAvailable(args.login), &args.pin)?;
    let objects = session.list(&filter, &token)?;
    Ok(ListReport {
        token: token.label,
        serial: token.serial,
        count: objects.len(),
        objects,
    })
}

impl Report for ListReport {
    fn human(&self) -> String {
        if self.objects.is_empty() {
            return format!("No objects on token '{}'.\n", self.token);
        }
        let mut t = table(&["Class", "Type", "Label", "ID", "Usage", "Paired", "URI"]);
        for o in &self.objects {
            let class = o
                .class
                .trim_start_matches("CKO_")
                .to_lowercase()
                .replace("_key", "");
            let paired = match o.paired {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            };
            t.add_row([
                class,
                o.kind(),
                o.label.clone(),
                o.id.clone(),
                o.usage.join(","),
                paired.into(),
                o.uri.clone(),
            ]);
        }
        format!("{t}\n")
    }
}

//! `hsmctl show`: every readable attribute of one object.

use super::Ctx;
use super::object_select::{exactly_one, object_filter};
use super::token_select::Login;
use crate::cli::ShowArgs;
use crate::hsm::{AttributeValue, Want};
use crate::output::{Report, table};
use anyhow::Result;
use serde::Serialize;

/// One object's attributes.
#[derive(Serialize)]
pub struct ShowReport {
    /// The object handle.
    pub handle: u64,
    /// The object's URI.
    pub uri: String,
    /// Every attribute the object has, in catalog order; sensitive ones without a value.
    pub attributes: Vec<AttributeValue>,
}

/// Selects exactly one object and reads all its attributes.
pub fn run(ctx: &Ctx, args: &ShowArgs) -> Result<ShowReport> {
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let filter = object_filter(&args.object, sel.uri.as_ref())?;
    let token = sel.initialized()?.clone();
    let session = sel.session(false, Login::IfAvailable(args.auth.login), &args.auth.pin)?;
    let object = exactly_one(&session, &filter, &token)?;
    Ok(ShowReport {
        handle: object.handle,
        uri: object.uri,
        attributes: session.all_attributes(object.handle)?,
    })
}

impl Report for ShowReport {
    fn human(&self) -> String {
        let mut t = table(&["Attribute", "Value"]);
        for a in &self.attributes {
            t.add_row([a.name.to_string(), a.display.clone()]);
        }
        format!("{}\n{t}\n", self.uri)
    }
}

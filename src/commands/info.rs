//! `hsmctl info`: the module's C_GetInfo.

use super::Ctx;
use crate::hsm::LibraryInfo;
use crate::output::{Report, details};
use anyhow::Result;
use serde::Serialize;

/// The module's self-description.
#[derive(Serialize)]
pub struct InfoReport {
    /// C_GetInfo, plus the path.
    #[serde(flatten)]
    pub info: LibraryInfo,
}

/// Loads the module and reads C_GetInfo.
pub fn run(ctx: &Ctx) -> Result<InfoReport> {
    Ok(InfoReport {
        info: ctx.hsm(None)?.library_info()?,
    })
}

impl Report for InfoReport {
    fn human(&self) -> String {
        let i = &self.info;
        let rows = [
            ("Module", i.module.clone()),
            ("Library description", i.library_description.clone()),
            ("Manufacturer", i.manufacturer.clone()),
            ("Library version", i.library_version.clone()),
            ("Cryptoki version", i.cryptoki_version.clone()),
        ];
        format!("{}\n", details(&rows))
    }
}

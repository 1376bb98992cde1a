//! `hsmctl slots`: every slot, with or without a token.

use super::Ctx;
use crate::hsm::SlotEntry;
use crate::output::{Report, table};
use anyhow::Result;
use serde::Serialize;

/// The module and its slots.
#[derive(Serialize)]
pub struct SlotsReport {
    /// The module file.
    pub module: String,
    /// Every slot, in the module's order.
    pub slots: Vec<SlotEntry>,
    /// Every value whole (`--wide`); not part of the JSON.
    #[serde(skip)]
    pub wide: bool,
}

/// Lists every slot: one C_GetSlotList, then C_GetSlotInfo and C_GetTokenInfo per slot.
pub fn run(ctx: &Ctx) -> Result<SlotsReport> {
    let hsm = ctx.hsm(None)?;
    Ok(SlotsReport {
        module: hsm.path().display().to_string(),
        wide: false,
        slots: hsm.slots()?,
    })
}

impl Report for SlotsReport {
    fn human(&self) -> String {
        if self.slots.is_empty() {
            return format!("The module {} reports no slots.\n", self.module);
        }
        let mut t = table(&[
            "Slot",
            "Label",
            "Serial",
            "Manufacturer",
            "Model",
            "HW/FW",
            "Flags",
            "URI",
        ]);
        t.wide(self.wide).keep_whole(&["Serial"]);
        for s in &self.slots {
            let row = match (&s.token, &s.token_error) {
                (Some(tok), _) => [
                    tok.label.clone(),
                    tok.serial.clone(),
                    tok.manufacturer.clone(),
                    tok.model.clone(),
                    format!("{}/{}", tok.hardware_version, tok.firmware_version),
                    if tok.flags.token_initialized {
                        tok.flags.short_names().join(", ")
                    } else {
                        "not initialized".into()
                    },
                ],
                (None, err) => [
                    String::new(),
                    String::new(),
                    s.manufacturer.clone(),
                    String::new(),
                    format!("{}/{}", s.hardware_version, s.firmware_version),
                    err.as_ref()
                        .map_or("no token".into(), |e| format!("unreadable: {e}")),
                ],
            };
            let mut cells = vec![s.slot_id.to_string()];
            cells.extend(row);
            cells.push(s.uri());
            t.add_row(cells);
        }
        format!("{t}\n")
    }
}

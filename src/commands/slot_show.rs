//! `hsmctl slot show`: one token in detail, optionally with its mechanisms.

use super::Ctx;
use crate::cli::SlotShowArgs;
use crate::hsm::{MechanismEntry, SlotEntry, Want};
use crate::output::{Report, details, or_dash, table, yes_no};
use anyhow::Result;
use serde::Serialize;

/// One slot in detail.
#[derive(Serialize)]
pub struct SlotShowReport {
    /// The module file.
    pub module: String,
    /// The slot and its token.
    pub slot: SlotEntry,
    /// The mechanisms, when `--mechanisms` was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mechanisms: Option<Vec<MechanismEntry>>,
    /// PIN states worth knowing before a login (count low, final try, locked).
    pub warnings: Vec<String>,
    /// Every value whole (`--wide`); not part of the JSON.
    #[serde(skip)]
    pub wide: bool,
}

/// Selects the token and reads its details (and mechanisms when asked).
pub fn run(ctx: &Ctx, args: &SlotShowArgs) -> Result<SlotShowReport> {
    let sel = ctx.select(&args.token, Want::Initialized)?;
    let mechanisms = if args.mechanisms {
        Some(sel.hsm.mechanisms(sel.slot.slot_id)?)
    } else {
        None
    };
    let warnings = sel
        .slot
        .token
        .as_ref()
        .map(pin_warnings)
        .unwrap_or_default();
    Ok(SlotShowReport {
        module: sel.hsm.path().display().to_string(),
        slot: sel.slot,
        mechanisms,
        warnings,
        wide: false,
    })
}

/// What the token's PIN flags say before anyone logs in: a wrong PIN now may lock it.
fn pin_warnings(t: &crate::hsm::TokenEntry) -> Vec<String> {
    let f = &t.flags;
    let label = crate::formats::text::escaped(&t.label).into_owned();
    let mut out = Vec::new();
    for (locked, final_try, low, who) in [
        (
            f.user_pin_locked,
            f.user_pin_final_try,
            f.user_pin_count_low,
            "user",
        ),
        (
            f.so_pin_locked,
            f.so_pin_final_try,
            f.so_pin_count_low,
            "SO",
        ),
    ] {
        if locked {
            out.push(format!("the {who} PIN of token '{label}' is locked"));
        } else if final_try {
            out.push(format!("one more wrong {who} PIN locks token '{label}'"));
        } else if low {
            out.push(format!(
                "a wrong {who} PIN was entered on token '{label}' since the last login"
            ));
        }
    }
    out
}

impl Report for SlotShowReport {
    fn warnings(&self) -> &[String] {
        &self.warnings
    }

    fn warnings_mut(&mut self) -> Option<&mut Vec<String>> {
        Some(&mut self.warnings)
    }

    fn human(&self) -> String {
        let s = &self.slot;
        let mut rows = vec![
            ("Slot id", s.slot_id.to_string()),
            ("Slot description", s.description.clone()),
            ("Slot manufacturer", s.manufacturer.clone()),
            (
                "Slot HW/FW version",
                format!("{}/{}", s.hardware_version, s.firmware_version),
            ),
            (
                "Removable / hardware slot",
                format!(
                    "{} / {}",
                    yes_no(s.removable_device),
                    yes_no(s.hardware_slot)
                ),
            ),
        ];
        if let Some(t) = &s.token {
            let f = &t.flags;
            rows.extend([
                ("Label", t.label.clone()),
                ("Serial", t.serial.clone()),
                ("Manufacturer", t.manufacturer.clone()),
                ("Model", t.model.clone()),
                (
                    "HW/FW version",
                    format!("{}/{}", t.hardware_version, t.firmware_version),
                ),
                ("Login required", yes_no(f.login_required)),
                ("User PIN initialized", yes_no(f.user_pin_initialized)),
                (
                    "User PIN count low / final try / locked / to change",
                    [
                        f.user_pin_count_low,
                        f.user_pin_final_try,
                        f.user_pin_locked,
                        f.user_pin_to_be_changed,
                    ]
                    .map(yes_no)
                    .join(" / "),
                ),
                (
                    "SO PIN count low / final try / locked / to change",
                    [
                        f.so_pin_count_low,
                        f.so_pin_final_try,
                        f.so_pin_locked,
                        f.so_pin_to_be_changed,
                    ]
                    .map(yes_no)
                    .join(" / "),
                ),
                ("Write protected", yes_no(f.write_protected)),
                (
                    "RNG / clock / PIN pad",
                    [f.rng, f.clock_on_token, f.protected_authentication_path]
                        .map(yes_no)
                        .join(" / "),
                ),
                (
                    "PIN length",
                    format!("{} to {}", t.min_pin_length, t.max_pin_length),
                ),
                (
                    "Sessions (open / max)",
                    format!(
                        "{} / {}",
                        or_dash(t.session_count),
                        or_dash(t.max_session_count.clone())
                    ),
                ),
                (
                    "R/W sessions (open / max)",
                    format!(
                        "{} / {}",
                        or_dash(t.rw_session_count),
                        or_dash(t.max_rw_session_count.clone())
                    ),
                ),
                (
                    "Public memory (free / total)",
                    format!(
                        "{} / {}",
                        or_dash(t.free_public_memory),
                        or_dash(t.total_public_memory)
                    ),
                ),
                (
                    "Private memory (free / total)",
                    format!(
                        "{} / {}",
                        or_dash(t.free_private_memory),
                        or_dash(t.total_private_memory)
                    ),
                ),
                ("Token time", or_dash(t.utc_time.clone())),
                ("URI", t.uri.clone()),
            ]);
        }
        let mut fields = details(&rows);
        fields.wide(self.wide);
        let mut out = format!("{fields}\n");
        if let Some(mechs) = &self.mechanisms {
            let mut t = table(&["Mechanism", "Min key", "Max key", "Flags"]);
            for m in mechs {
                t.add_row([
                    m.name.clone(),
                    m.min_key_size.to_string(),
                    m.max_key_size.to_string(),
                    m.flags.join(", "),
                ]);
            }
            out.push_str(&format!("{t}\n"));
        }
        out
    }
}

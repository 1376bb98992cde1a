//! Luna's output formats for the results hsmctl's commands return.

use crate::commands::slots::SlotsReport;

/// `vtl listSlots`.
pub fn vtl_slots(r: &SlotsReport) -> String {
    let mut s = format!(
        "Number of slots: {}\n\nThe following slots were found:\n\n",
        r.slots.len()
    );
    s.push_str(&format!(
        "{:<11} {:<33} {:<33} {:<17} {}\n",
        "Slot", "Description", "Label", "Serial #", "Status"
    ));
    s.push_str(&format!(
        "{:<11} {:<33} {:<33} {:<17} {}\n",
        "====", "===========", "=====", "========", "======"
    ));
    for slot in &r.slots {
        let (label, serial, status) = match &slot.token {
            Some(t) if t.flags.token_initialized => {
                (t.label.as_str(), t.serial.as_str(), "Present")
            }
            Some(t) => (t.label.as_str(), t.serial.as_str(), "Not initialized"),
            None => ("", "", "Empty"),
        };
        s.push_str(&format!(
            "{:<11} {:<33} {:<33} {:<17} {}\n",
            slot.slot_id, slot.description, label, serial, status
        ));
    }
    s
}

/// `cmu getattribute`: `key=value` lines, Luna's names for the common attributes.
pub fn cmu_attributes(r: &crate::commands::show::ShowReport) -> String {
    let mut s = String::new();
    for a in &r.attributes {
        let key = luna_name(a.name);
        let value = if a.sensitive {
            "(sensitive)".to_string()
        } else {
            match (a.name, &a.value) {
                ("CKA_CLASS", _) => match a.display.as_str() {
                    "CKO_PRIVATE_KEY" => "privateKey".into(),
                    "CKO_PUBLIC_KEY" => "publicKey".into(),
                    "CKO_CERTIFICATE" => "certificate".into(),
                    "CKO_SECRET_KEY" => "secretKey".into(),
                    "CKO_DATA" => "data".into(),
                    other => other.to_string(),
                },
                ("CKA_KEY_TYPE", _) => match a.display.as_str() {
                    "CKK_RSA" => "RSA".into(),
                    "CKK_EC" => "ECDSA".into(),
                    "CKK_EC_EDWARDS" => "EDDSA".into(),
                    other => other.to_string(),
                },
                (_, Some(serde_json::Value::Bool(b))) => if *b { "1" } else { "0" }.into(),
                _ => a.display.clone(),
            }
        };
        s.push_str(&format!("{key}={value}\n"));
    }
    s
}

/// CKA_SIGN -> sign, CKA_KEY_TYPE -> keyType, CKA_VALUE_LEN -> valueLen.
fn luna_name(cka: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in cka.trim_start_matches("CKA_").chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// `lunacm` `slot list`: a block per slot, then the current slot.
pub fn lunacm_slots(r: &SlotsReport, current: Option<u64>) -> String {
    let mut s = String::new();
    for slot in &r.slots {
        let row = |k: &str, v: &str| format!("{:<26}{v}\n", format!("{k} ->"));
        s.push_str(&row("Slot Id", &slot.slot_id.to_string()));
        match &slot.token {
            Some(t) => {
                s.push_str(&row("Label", &t.label));
                s.push_str(&row("Serial Number", &t.serial));
                s.push_str(&row("Model", &t.model));
                s.push_str(&row("Firmware Version", &t.firmware_version));
                s.push_str(&row(
                    "Configuration",
                    if t.flags.token_initialized {
                        "PKCS#11 token, initialized"
                    } else {
                        "PKCS#11 token, not initialized"
                    },
                ));
            }
            None => s.push_str(&row("Label", "(no token)")),
        }
        s.push_str(&row("Slot Description", &slot.description));
        s.push_str(&row("FM HW Status", "Non-FM"));
        s.push('\n');
    }
    if let Some(c) = current {
        s.push_str(&format!("Current Slot Id: {c}\n"));
    }
    s
}

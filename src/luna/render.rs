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
    // Luna's numbers (0, 1, 2, ...), not the module's slot ids.
    for (n, slot) in r.slots.iter().enumerate() {
        let (label, serial, status) = match &slot.token {
            Some(t) if t.flags.token_initialized => {
                (t.label.as_str(), t.serial.as_str(), "Present")
            }
            Some(t) => (t.label.as_str(), t.serial.as_str(), "Not initialized"),
            None => ("", "", "Empty"),
        };
        s.push_str(&format!(
            "{:<11} {:<33} {:<33} {:<17} {}\n",
            n, slot.description, label, serial, status
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

/// One of Luna's `Name -> value` lines.
fn row(k: &str, v: &str) -> String {
    format!("{:<26}{v}\n", format!("{k} ->"))
}

/// `lunacm` `slot list`: a block per slot (numbered 0, 1, 2, ... as Luna does), then the
/// current slot.
pub fn lunacm_slots(r: &SlotsReport, current: Option<usize>) -> String {
    let mut s = String::new();
    for (n, slot) in r.slots.iter().enumerate() {
        s.push_str(&row("Slot Id", &n.to_string()));
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

/// `lunacm` `partition show`: the current slot's token in Luna's `Name -> value` lines.
pub fn lunacm_partition(n: usize, slot: &crate::hsm::SlotEntry) -> String {
    let mut s = String::new();
    let Some(t) = &slot.token else {
        s.push_str(&row("Slot Id", &n.to_string()));
        s.push_str(&row("Partition Name", "(no token)"));
        return s;
    };
    let opt = |v: Option<usize>| v.map_or_else(|| "unknown".to_string(), |v| v.to_string());
    s.push_str(&row("Partition Name", &t.label));
    s.push_str(&row("Partition SN", &t.serial));
    s.push_str(&row("Slot Id", &n.to_string()));
    s.push_str(&row("Manufacturer", &t.manufacturer));
    s.push_str(&row("Model", &t.model));
    s.push_str(&row("Firmware Version", &t.firmware_version));
    s.push_str(&row(
        "Initialized",
        if t.flags.token_initialized {
            "yes"
        } else {
            "no"
        },
    ));
    s.push_str(&row(
        "User PIN Initialized",
        if t.flags.user_pin_initialized {
            "yes"
        } else {
            "no"
        },
    ));
    s.push_str(&row("Token Flags", &t.flags.short_names().join(" ")));
    s.push_str(&row("Minimum PIN Length", &t.min_pin_length.to_string()));
    s.push_str(&row("Maximum PIN Length", &t.max_pin_length.to_string()));
    s.push_str(&row("Total Public Memory", &opt(t.total_public_memory)));
    s.push_str(&row("Free Public Memory", &opt(t.free_public_memory)));
    s.push_str(&row("Total Private Memory", &opt(t.total_private_memory)));
    s.push_str(&row("Free Private Memory", &opt(t.free_private_memory)));
    s.push_str(&row("Slot Description", &slot.description));
    s
}

/// `lunacm` `partition list`: one block per initialized token.
pub fn lunacm_partitions(r: &SlotsReport) -> String {
    let mut s = String::new();
    let mut count = 0;
    for (n, slot) in r.slots.iter().enumerate() {
        if let Some(t) = slot.token.as_ref().filter(|t| t.flags.token_initialized) {
            s.push_str(&row("Slot Id", &n.to_string()));
            s.push_str(&row("Partition Name", &t.label));
            s.push_str(&row("Partition SN", &t.serial));
            s.push('\n');
            count += 1;
        }
    }
    s.push_str(&format!("Number of partitions: {count}\n"));
    s
}

/// `lunacm` `hsm showinfo`: the module (the "HSM" here) in `Name -> value` lines.
pub fn lunacm_hsm(i: &crate::hsm::LibraryInfo, slots: usize) -> String {
    let mut s = String::new();
    s.push_str(&row("Module", &i.module));
    s.push_str(&row("Library Description", &i.library_description));
    s.push_str(&row("Manufacturer", &i.manufacturer));
    s.push_str(&row("Library Version", &i.library_version));
    s.push_str(&row("Cryptoki Version", &i.cryptoki_version));
    s.push_str(&row("Number of Slots", &slots.to_string()));
    s
}

/// `lunacm` `partition contents`: the objects, with cmu's handle numbers.
pub fn lunacm_contents(objects: &[(u64, &crate::hsm::ObjectInfo)]) -> String {
    let mut s = String::new();
    for (h, o) in objects {
        let kind = match o.class.as_str() {
            "CKO_PRIVATE_KEY" => "Private Key",
            "CKO_PUBLIC_KEY" => "Public Key",
            "CKO_CERTIFICATE" => "Certificate",
            "CKO_SECRET_KEY" => "Secret Key",
            "CKO_DATA" => "Data",
            other => other,
        };
        s.push_str(&format!("{:<16}{}\n", "Label:", o.label));
        s.push_str(&format!("{:<16}{h}\n", "Handle:"));
        s.push_str(&format!("{:<16}{kind}\n", "Object Type:"));
        s.push_str(&format!(
            "{:<16}{}\n\n",
            "Object ID:",
            if o.id.is_empty() { "(none)" } else { &o.id }
        ));
    }
    s.push_str(&format!("Number of objects:  {}\n", objects.len()));
    s
}

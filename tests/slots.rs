//! `slots`, `slot show`, token selection, output formats.

mod common;
use common::*;
use std::process::Stdio;

#[test]
fn lists_two_tokens_and_the_free_slot_with_every_field() {
    let env = TestEnv::new();
    let alpha = env.init_token("alpha");
    let beta = env.init_token("beta");
    let v = env.json(&["slots"]);
    assert_eq!(v["module"], MODULE);
    let slots = v["slots"].as_array().unwrap();
    assert_eq!(slots.len(), 3, "{v:#}");
    let find = |label: &str| {
        slots
            .iter()
            .find(|s| s["token"]["label"] == label)
            .unwrap_or_else(|| panic!("{label} in {v:#}"))
    };
    for (label, serial) in [("alpha", &alpha), ("beta", &beta)] {
        let s = find(label);
        let t = &s["token"];
        assert_eq!(
            &t["serial"],
            serial.as_str(),
            "serial agrees with pkcs11-tool"
        );
        assert_eq!(t["manufacturer"], "SoftHSM project");
        assert_eq!(t["model"], "SoftHSM v2");
        assert_eq!(t["hardware_version"], "2.6");
        assert_eq!(t["firmware_version"], "2.6");
        for flag in [
            "token_initialized",
            "login_required",
            "user_pin_initialized",
        ] {
            assert_eq!(t["flags"][flag], true, "{flag}");
        }
        for flag in [
            "user_pin_count_low",
            "user_pin_final_try",
            "user_pin_locked",
            "write_protected",
        ] {
            assert_eq!(t["flags"][flag], false, "{flag}");
        }
        assert_eq!(t["min_pin_length"], 4);
        assert_eq!(
            t["uri"],
            format!(
                "pkcs11:model=SoftHSM%20v2;manufacturer=SoftHSM%20project;serial={serial};token={label}"
            )
        );
        assert!(s["slot_id"].is_u64());
        assert_eq!(s["token_present"], true);
        assert!(
            s["description"]
                .as_str()
                .unwrap()
                .starts_with("SoftHSM slot ID")
        );
    }
    let free: Vec<_> = slots
        .iter()
        .filter(|s| s["token"]["flags"]["token_initialized"] == false)
        .collect();
    assert_eq!(free.len(), 1);
    assert_eq!(free[0]["token"]["label"], "");
}

#[test]
fn human_table_is_plain_ascii_when_piped() {
    let env = TestEnv::new();
    let serial = env.init_token("tbl");
    let out = env.cmd().arg("slots").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.is_ascii(), "{text}");
    assert!(
        text.contains("tbl") && text.contains(&serial) && text.contains("not initialized"),
        "{text}"
    );
    assert!(out.stderr.is_empty(), "nothing on stderr on success");
    // The partitions alias is the same command.
    let alias = env.cmd().arg("partitions").output().unwrap();
    assert_eq!(String::from_utf8(alias.stdout).unwrap(), text);
}

#[test]
fn empty_store_lists_only_the_free_slot() {
    let env = TestEnv::new();
    let v = env.json(&["slots"]);
    assert_eq!(v["slots"].as_array().unwrap().len(), 1);
    assert_eq!(v["slots"][0]["token"]["flags"]["token_initialized"], false);
}

#[test]
fn selects_by_label_serial_slot_and_uri() {
    let env = TestEnv::new();
    env.init_token("alpha");
    let beta = env.init_token("beta");
    let slot_id = env.json(&["slot", "show", "--token", "beta"])["slot"]["slot_id"]
        .as_u64()
        .unwrap();
    let by = |args: &[&str]| {
        env.json(&[&["slot", "show"], args].concat())["slot"]["token"]["serial"].clone()
    };
    assert_eq!(by(&["--token", "beta"]), beta.as_str());
    assert_eq!(by(&["--serial", &beta]), beta.as_str());
    assert_eq!(by(&["--slot", &slot_id.to_string()]), beta.as_str());
    assert_eq!(by(&["--uri", "pkcs11:token=beta"]), beta.as_str());
    assert_eq!(
        by(&["--uri", &format!("pkcs11:serial={beta}")]),
        beta.as_str()
    );
    assert_eq!(
        by(&["--uri", "pkcs11:model=SoftHSM%20v2;token=beta"]),
        beta.as_str()
    );
    // The partition alias.
    let v = env.json(&["partition", "show", "--token", "beta"]);
    assert_eq!(v["slot"]["token"]["serial"], beta.as_str());
    // Criteria combine: label and serial must both match.
    let out = env
        .cmd()
        .args(["slot", "show", "--token", "alpha", "--serial", &beta])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn the_only_initialized_token_is_picked_without_a_selector() {
    let env = TestEnv::new();
    let serial = env.init_token("solo");
    let v = env.json(&["slot", "show"]);
    assert_eq!(v["slot"]["token"]["serial"], serial.as_str());
}

#[test]
fn no_selector_with_two_tokens_exits_4_listing_them() {
    let env = TestEnv::new();
    let a = env.init_token("alpha");
    let b = env.init_token("beta");
    let out = env.cmd().args(["slot", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let (stdout, stderr) = texts(&out);
    assert!(stdout.is_empty());
    for s in ["alpha", "beta", a.as_str(), b.as_str(), "--serial"] {
        assert!(stderr.contains(s), "{s} in {stderr}");
    }
}

#[test]
fn a_shared_label_is_ambiguous_and_serial_resolves_it() {
    let env = TestEnv::new();
    let first = env.init_token("twin");
    let second = env.init_token("twin");
    let out = env
        .cmd()
        .args(["slot", "show", "--token", "twin"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let stderr = texts(&out).1;
    assert!(
        stderr.contains("matches 2 tokens") && stderr.contains(&first) && stderr.contains(&second),
        "{stderr}"
    );
    assert_eq!(
        env.json(&["slot", "show", "--serial", &second])["slot"]["token"]["serial"],
        second.as_str()
    );
}

#[test]
fn no_match_and_uninitialized_selections_exit_4() {
    let env = TestEnv::new();
    env.init_token("alpha");
    let out = env
        .cmd()
        .args(["slot", "show", "--token", "nosuch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(texts(&out).1.contains("no token matches --token 'nosuch'"));
    assert!(texts(&out).1.contains("alpha"));
    let free = env.json(&["slots"])["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["token"]["flags"]["token_initialized"] == false)
        .unwrap()["slot_id"]
        .to_string();
    let out = env
        .cmd()
        .args(["slot", "show", "--slot", &free])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(texts(&out).1.contains("not initialized"));
}

#[test]
fn bad_uris_are_usage_errors_that_never_echo_a_pin_value() {
    let env = TestEnv::new();
    env.init_token("alpha");
    for uri in [
        "pkcs12:token=alpha",
        "pkcs11:token=alpha;token=beta",
        "pkcs11:colour=red",
    ] {
        env.cmd()
            .args(["slot", "show", "--uri", uri])
            .assert()
            .code(2);
    }
    let out = env
        .cmd()
        .args([
            "slot",
            "show",
            "--uri",
            "pkcs11:token=nosuch?pin-value=31415926",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let (stdout, stderr) = texts(&out);
    assert!(
        !stdout.contains("31415926") && !stderr.contains("31415926"),
        "{stderr}"
    );
}

#[test]
fn slot_show_details_and_mechanisms() {
    let env = TestEnv::new();
    env.init_token("mech");
    let v = env.json(&["slot", "show", "--mechanisms"]);
    assert_eq!(v["slot"]["token"]["label"], "mech");
    assert_eq!(v["slot"]["token"]["max_pin_length"], 255);
    let mechs = v["mechanisms"].as_array().unwrap();
    let find = |name: &str| {
        mechs
            .iter()
            .find(|m| m["name"] == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let rsa = find("CKM_RSA_PKCS_KEY_PAIR_GEN");
    assert!(
        rsa["flags"]
            .as_array()
            .unwrap()
            .contains(&"generate_key_pair".into())
    );
    assert!(rsa["max_key_size"].as_u64().unwrap() >= 4096);
    let ecdsa = find("CKM_ECDSA");
    assert!(ecdsa["flags"].as_array().unwrap().contains(&"sign".into()));
    // The mechanism list agrees with pkcs11-tool's.
    let listed = env.pkcs11_tool(&["-M", "--token-label", "mech"]);
    assert!(listed.contains("ECDSA") && listed.contains("RSA-PKCS-KEY-PAIR-GEN"));
    assert_eq!(
        listed.lines().filter(|l| l.starts_with("  ")).count(),
        mechs.len(),
        "{listed}"
    );
    // Without --mechanisms the key is absent; the human form names the fields.
    assert!(env.json(&["slot", "show"]).get("mechanisms").is_none());
    let human = env
        .cmd()
        .args(["slot", "show", "--mechanisms"])
        .output()
        .unwrap();
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.contains("PIN length") && text.contains("4 to 255") && text.contains("CKM_ECDSA"),
        "{text}"
    );
}

#[test]
fn a_closed_stdout_exits_0() {
    let env = TestEnv::new();
    env.init_token("pipe");
    let mut child = env
        .process()
        .args(["slot", "show", "--mechanisms", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

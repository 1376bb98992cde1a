//! generatekeypair, list, show, setattribute and delete on real SoftHSM2 tokens; key flags
//! checked by pkcs11-tool and by a cryptoki-based reader, refused inputs leave nothing behind.

mod common;
use common::*;
use serde_json::Value;

fn keygen(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.cmd()
        .env("HSMCTL_PIN", USER_PIN)
        .arg("generatekeypair")
        .args(args)
        .output()
        .unwrap()
}

fn keygen_ok(env: &TestEnv, args: &[&str]) -> Value {
    let out = keygen(env, &[args, &["--json"]].concat());
    assert!(out.status.success(), "keygen {args:?}: {}", texts(&out).1);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn list(env: &TestEnv, args: &[&str]) -> Value {
    let out = env
        .cmd()
        .env("HSMCTL_PIN", USER_PIN)
        .arg("list")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(out.status.success(), "list: {}", texts(&out).1);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_key_type_generates_secure_and_is_verified_twice() {
    let env = TestEnv::new();
    env.init_token("keys");
    let cases = [
        ("rsa:2048", "CKK_RSA", 2048, None),
        ("rsa:3072", "CKK_RSA", 3072, None),
        ("ec:p256", "CKK_EC", 256, Some("P-256")),
        ("EC:secp384r1", "CKK_EC", 384, Some("P-384")),
        ("ec:p521", "CKK_EC", 521, Some("P-521")),
        ("ed25519", "CKK_EC_EDWARDS", 255, Some("Ed25519")),
    ];
    for (i, (kt, ckk, bits, curve)) in cases.iter().enumerate() {
        let label = format!("k{i}");
        let v = keygen_ok(&env, &["--key-type", kt, "--label", &label]);
        assert_eq!(v["key_size"], *bits, "{kt}");
        let id = v["id"].as_str().unwrap();
        assert_eq!(id.len(), 32, "a fresh random 16-byte id");
        for half in ["public", "private"] {
            let o = &v[half];
            assert_eq!(o["key_type_constant"], *ckk);
            // One vocabulary: keygen's own spelling of the type.
            let word = match *ckk {
                "CKK_RSA" => format!("rsa:{bits}"),
                "CKK_EC" => format!("ec:p{bits}"),
                _ => "ed25519".to_string(),
            };
            assert_eq!(o["key_type"], word.as_str());
            assert_eq!(o["label"], label.as_str());
            assert_eq!(o["id"], id);
            assert_eq!(o["key_size"], *bits);
            assert_eq!(o["curve"].as_str(), *curve);
            assert!(o["uri"].as_str().unwrap().contains(&format!("type={half}")));
            assert_eq!(o["paired"], true);
        }
        let f = &v["private"]["flags"];
        for (flag, want) in [
            ("sensitive", true),
            ("always_sensitive", true),
            ("extractable", false),
            ("never_extractable", true),
            ("private", true),
            ("local", true),
            ("token", true),
        ] {
            assert_eq!(f[flag], want, "{kt} {flag}");
        }
        assert_eq!(v["public"]["flags"]["private"], false);
        // Oracle 1: cryptoki's own attribute reads.
        let seen = attrs_via_cryptoki(&env, "keys", &label);
        assert_eq!(seen.len(), 2, "{seen:?}");
        let private = seen
            .iter()
            .find(|o| o["class"] == "CKO_PRIVATE_KEY")
            .unwrap();
        for (flag, want) in [
            ("sensitive", true),
            ("always_sensitive", true),
            ("extractable", false),
            ("never_extractable", true),
            ("private", true),
            ("local", true),
            ("sign", true),
        ] {
            assert_eq!(private[flag], want, "cryptoki: {kt} {flag}");
        }
        assert_eq!(private["id"], id);
        let public = seen
            .iter()
            .find(|o| o["class"] == "CKO_PUBLIC_KEY")
            .unwrap();
        assert_eq!(public["private"], false);
        assert_eq!(public["verify"], true);
    }
    // Oracle 2: pkcs11-tool shows every private key's access flags.
    let listing = env.pkcs11_tool(&["--token-label", "keys", "--login", "--pin", USER_PIN, "-O"]);
    let accesses: Vec<&str> = listing
        .split("Private Key Object")
        .skip(1)
        .map(|block| {
            block
                .lines()
                .find(|l| l.trim_start().starts_with("Access:"))
                .unwrap_or("")
        })
        .collect();
    assert_eq!(accesses.len(), cases.len(), "{listing}");
    for a in accesses {
        assert!(
            a.contains("sensitive, always sensitive, never extractable, local"),
            "{a}"
        );
    }
}

#[test]
fn refused_inputs_exit_with_their_codes_and_leave_nothing() {
    let env = TestEnv::new();
    env.init_token("ref");
    keygen_ok(
        &env,
        &["--key-type", "ec:p256", "--label", "taken", "--id", "0a0b"],
    );
    let before = objects_seen_by_pkcs11_tool(&env, "ref");
    assert_eq!(before.len(), 2);
    let cases: &[(&[&str], i32, &str)] = &[
        (&["--key-type", "rsa:1024", "--label", "x"], 3, "2048"),
        (
            &["--key-type", "rsa:2047", "--label", "x", "--allow-weak"],
            3,
            "multiple of 8",
        ),
        (&["--key-type", "rsa:16392", "--label", "x"], 3, "16384"),
        (
            &words("--key-type rsa:2048 --label x --public-exponent 1"),
            3,
            "odd",
        ),
        (
            &words("--key-type rsa:2048 --label x --public-exponent 65536"),
            3,
            "odd",
        ),
        (
            &words("--key-type rsa:2048 --label x --public-exponent sixty"),
            3,
            "not a number",
        ),
        (
            &["--key-type", "dsa:1024", "--label", "x"],
            2,
            "unknown key type",
        ),
        (
            &["--key-type", "ec:p256", "--label", "x", "--encrypt"],
            2,
            "no sense",
        ),
        (
            &["--key-type", "ed25519", "--label", "x", "--derive"],
            2,
            "no sense",
        ),
        (
            &["--key-type", "rsa:2048", "--label", "x", "--derive"],
            2,
            "no sense",
        ),
        (
            &words("--key-type ec:p256 --label x --sign=false --verify=false"),
            2,
            "would have no usage",
        ),
        (
            &["--key-type", "ec:p256", "--label", "x", "--extractable"],
            2,
            "--allow-extractable",
        ),
        (
            &words("--key-type ec:p256 --label x --mechanism pkcs"),
            2,
            "RSA keys only",
        ),
        (
            &words("--key-type ec:p256 --label x --public-exponent 3"),
            2,
            "RSA keys only",
        ),
        (
            &["--key-type", "ec:p256", "--label", "x", "--id", "xyz"],
            2,
            "hex",
        ),
        (&["--key-type", "ec:p256", "--label", ""], 2, "1 to 255"),
        (&["--key-type", "ec:p256"], 2, "--label"),
        (
            &["--key-type", "ec:p256", "--label", "x", "--id", "0a0b"],
            7,
            "CKA_ID 0a0b",
        ),
        (
            &["--key-type", "ec:p256", "--label", "taken"],
            7,
            "label 'taken'",
        ),
        (
            &words("--key-type rsa:2048 --label x --mechanism x9.31"),
            8,
            "CKM_RSA_X9_31_KEY_PAIR_GEN",
        ),
    ];
    for (args, code, words) in cases {
        let out = keygen(&env, args);
        let stderr = texts(&out).1;
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {stderr}");
        assert!(
            stderr.contains(words),
            "{args:?}: {words:?} not in {stderr}"
        );
        assert!(out.stdout.is_empty());
    }
    assert_eq!(
        objects_seen_by_pkcs11_tool(&env, "ref"),
        before,
        "no object left behind"
    );
    // The wrong PIN is an authentication error, also with nothing left behind.
    let out = env
        .cmd()
        .env("HSMCTL_PIN", "00000000")
        .args(["keygen", "--key-type", "ec:p256", "--label", "y"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(objects_seen_by_pkcs11_tool(&env, "ref"), before);
}

#[test]
fn explicit_choices_are_honoured() {
    let env = TestEnv::new();
    env.init_token("opt");
    // The Luna runbook's RSA usage set, with split labels and a given id.
    let v = keygen_ok(
        &env,
        &words(
            "--key-type rsa:2048 --label-public sshpub --label-private sshpriv --id 10000001 \
             --sign T --verify T --encrypt T --decrypt T --wrap T --unwrap T \
             --public-exponent 0x10001",
        ),
    );
    assert_eq!(v["id"], "10000001");
    assert_eq!(v["public"]["label"], "sshpub");
    assert_eq!(v["private"]["label"], "sshpriv");
    assert_eq!(
        v["public"]["usage"],
        serde_json::json!(["verify", "encrypt", "wrap"])
    );
    assert_eq!(
        v["private"]["usage"],
        serde_json::json!(["sign", "decrypt", "unwrap"])
    );
    let listing = env.pkcs11_tool(&["--login", "--pin", USER_PIN, "-O", "--label", "sshpriv"]);
    assert!(listing.contains("decrypt, sign, unwrap"), "{listing}");
    // Extractable only with its confirmation; then not "never extractable".
    let v = keygen_ok(
        &env,
        &words("--key-type ec:p256 --label ext --extractable --allow-extractable"),
    );
    assert_eq!(v["private"]["flags"]["extractable"], true);
    assert_eq!(v["private"]["flags"]["never_extractable"], false);
    assert_eq!(v["private"]["flags"]["sensitive"], true);
    // A weak key with --allow-weak, warned about.
    let out = keygen(
        &env,
        &["--key-type", "rsa:1024", "--label", "weak", "--allow-weak"],
    );
    assert!(out.status.success());
    assert!(texts(&out).1.contains("warning"));
    // A duplicate label with --allow-duplicate.
    keygen_ok(
        &env,
        &words("--key-type ec:p256 --label ext --allow-duplicate"),
    );
    // ECDH-capable EC key.
    let v = keygen_ok(
        &env,
        &words("--key-type ec:p256 --label ecdh --derive --sign=false --verify=false"),
    );
    assert_eq!(v["private"]["usage"], serde_json::json!(["derive"]));
}

/// The acceptance figure: 20 rounds of 8 processes x 5 keygens on one token, no failure
/// (a fresh token store each round: SoftHSM2's file store slows with every object).
#[test]
fn eight_processes_times_five_keygens_lose_nothing() {
    for round in 0..20 {
        let env = TestEnv::new();
        env.init_token("busy");
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let mut cmds: Vec<std::process::Command> = (0..5)
                    .map(|i| {
                        let mut c = env.process();
                        c.env("HSMCTL_PIN", USER_PIN).args([
                            "keygen",
                            "--key-type",
                            "ec:p256",
                            "--label",
                            &format!("c{t}-{i}"),
                            "--json",
                        ]);
                        c
                    })
                    .collect();
                std::thread::spawn(move || {
                    cmds.iter_mut()
                        .map(|c| c.output().unwrap())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut ids = std::collections::HashSet::new();
        let mut failures = Vec::new();
        for t in threads {
            for out in t.join().unwrap() {
                if out.status.success() {
                    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
                    ids.insert(v["id"].as_str().unwrap().to_string());
                } else {
                    failures.push(texts(&out).1);
                }
            }
        }
        assert!(
            failures.is_empty(),
            "round {round}: {} of 40 failed: {failures:?}",
            failures.len()
        );
        assert_eq!(ids.len(), 40, "unique ids");
        let v = list(&env, &[]);
        assert_eq!(v["count"], 80);
        let listed: std::collections::HashSet<String> = v["objects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(listed, ids);
        assert!(
            v["objects"]
                .as_array()
                .unwrap()
                .iter()
                .all(|o| o["paired"] == true)
        );
        assert_eq!(objects_seen_by_pkcs11_tool(&env, "busy").len(), 80);
    }
}

#[test]
fn list_filters_pairs_and_login() {
    let env = TestEnv::new();
    env.init_token("ls");
    let a = keygen_ok(
        &env,
        &["--key-type", "ec:p256", "--label", "alpha", "--id", "01"],
    );
    keygen_ok(
        &env,
        &["--key-type", "rsa:2048", "--label", "beta", "--id", "02"],
    );
    keygen_ok(
        &env,
        &["--key-type", "ed25519", "--label", "gamma", "--id", "03"],
    );
    let v = list(&env, &[]);
    assert_eq!(v["count"], 6);
    assert_eq!(v["token"], "ls");
    let objs = v["objects"].as_array().unwrap();
    // Pairs stand together, private first, sorted by id.
    let order: Vec<(&str, &str)> = objs
        .iter()
        .map(|o| (o["id"].as_str().unwrap(), o["class"].as_str().unwrap()))
        .collect();
    assert_eq!(order[0], ("01", "CKO_PRIVATE_KEY"));
    assert_eq!(order[1], ("01", "CKO_PUBLIC_KEY"));
    let o = &objs[0];
    for key in [
        "handle", "class", "key_type", "key_size", "curve", "label", "id", "usage", "flags",
        "paired", "uri",
    ] {
        assert!(o.get(key).is_some(), "{key} in {o}");
    }
    assert_eq!(o["uri"], a["private"]["uri"]);
    // Filters go to the token.
    assert_eq!(list(&env, &["--key-type", "rsa"])["count"], 2);
    assert_eq!(list(&env, &["--key-type", "ed25519"])["count"], 2);
    assert_eq!(list(&env, &["--class", "private"])["count"], 3);
    assert_eq!(list(&env, &["--label", "beta"])["count"], 2);
    assert_eq!(list(&env, &["--id", "03", "--class", "public"])["count"], 1);
    assert_eq!(
        list(
            &env,
            &["--uri", "pkcs11:token=ls;object=alpha;type=private"]
        )["count"],
        1
    );
    assert_eq!(
        list(&env, &["--label", "nosuch"])["count"],
        0,
        "an empty listing is success"
    );
    // Without a PIN source only public objects are listed, with a note on stderr.
    let out = env.cmd().args(["list", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["count"], 3);
    assert!(
        v["objects"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["class"] == "CKO_PUBLIC_KEY" && o["paired"] == false)
    );
    assert!(texts(&out).1.contains("not logged in"));
    // --login without a PIN source and no terminal: exit 5.
    env.cmd().args(["list", "--login"]).assert().code(5);
    // Human output names every label.
    let out = env
        .cmd()
        .env("HSMCTL_PIN", USER_PIN)
        .arg("list")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("alpha")
            && text.contains("rsa:2048")
            && text.contains("ec:p256")
            && text.contains("ed25519"),
        "{text}"
    );
}

#[test]
fn show_decodes_every_attribute_and_marks_sensitive_ones() {
    let env = TestEnv::new();
    env.init_token("sh");
    keygen_ok(
        &env,
        &["--key-type", "ec:p384", "--label", "s", "--id", "aa"],
    );
    let out = env
        .cmd()
        .env("HSMCTL_PIN", USER_PIN)
        .args(["show", "--label", "s", "--class", "private", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", texts(&out).1);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let attr = |name: &str| {
        v["attributes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .cloned()
    };
    assert_eq!(attr("CKA_CLASS").unwrap()["value"], "CKO_PRIVATE_KEY");
    assert_eq!(attr("CKA_KEY_TYPE").unwrap()["value"], "CKK_EC");
    assert_eq!(attr("CKA_ID").unwrap()["value"], "aa");
    assert_eq!(attr("CKA_SENSITIVE").unwrap()["value"], true);
    assert_eq!(
        attr("CKA_KEY_GEN_MECHANISM").unwrap()["value"],
        "CKM_EC_KEY_PAIR_GEN"
    );
    assert_eq!(attr("CKA_EC_PARAMS").unwrap()["value"], "06052b81040022");
    let secret = attr("CKA_VALUE").unwrap();
    assert_eq!(secret["sensitive"], true);
    assert!(secret.get("value").is_none());
    assert!(
        attr("CKA_MODULUS").is_none(),
        "attributes the object lacks are left out"
    );
    let human = env
        .cmd()
        .env("HSMCTL_PIN", USER_PIN)
        .args(["getattribute", "--label", "s", "--class", "private"])
        .output()
        .unwrap();
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.contains("P-384") && text.contains("(sensitive)"),
        "{text}"
    );
    // Two objects match the label alone: exit 6 naming both.
    let out = env
        .cmd()
        .env("HSMCTL_PIN", USER_PIN)
        .args(["show", "--label", "s"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(texts(&out).1.contains("matches 2 objects"));
    env.cmd()
        .env("HSMCTL_PIN", USER_PIN)
        .args(["show", "--label", "none"])
        .assert()
        .code(6);
    env.cmd()
        .env("HSMCTL_PIN", USER_PIN)
        .args(["show"])
        .assert()
        .code(2);
}

/// The blocks of a `pkcs11-tool -O` listing whose label is `label` (its --label does not filter).
fn blocks_labelled(listing: &str, label: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    for line in listing.lines() {
        if !line.starts_with(' ') {
            blocks.push(String::new());
        }
        if let Some(b) = blocks.last_mut() {
            b.push_str(line);
            b.push('\n');
        }
    }
    let want = format!("  label:      {label}\n");
    blocks.into_iter().filter(|b| b.contains(&want)).collect()
}

#[test]
fn setattribute_changes_and_refuses_weakening() {
    let env = TestEnv::new();
    env.init_token("set");
    keygen_ok(
        &env,
        &["--key-type", "ec:p256", "--label", "old", "--id", "01"],
    );
    keygen_ok(
        &env,
        &["--key-type", "ec:p256", "--label", "other", "--id", "02"],
    );
    let set = |args: &[&str]| {
        env.cmd()
            .env("HSMCTL_PIN", USER_PIN)
            .arg("setattribute")
            .args(args)
            .output()
            .unwrap()
    };
    // Both halves renamed and re-keyed as a pair.
    let out = set(&words(
        "--label old --pair --set label=new --set id=0a0b --set sign=false --json",
    ));
    assert!(out.status.success(), "{}", texts(&out).1);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["objects"].as_array().unwrap().len(), 2);
    let listing = blocks_labelled(
        &env.pkcs11_tool(&["--login", "--pin", USER_PIN, "-O"]),
        "new",
    );
    assert_eq!(listing.matches("ID:         0a0b").count(), 2, "{listing}");
    assert!(!listing.contains("sign"), "sign turned off: {listing}");
    // Refusals, each leaving the objects as they were.
    let cases: &[(&[&str], i32)] = &[
        (
            &words("--label new --class private --set sensitive=false"),
            3,
        ),
        (
            &words("--label new --class private --set extractable=true"),
            3,
        ),
        (&words("--label new --class private --set colour=red"), 2),
        (
            &["--label", "new", "--class", "public", "--set", "sign=true"],
            2,
        ),
        (&["--label", "new", "--set", "label=x"], 6),
        (&["--label", "new", "--pair", "--set", "id=02"], 7),
        (&["--label", "gone", "--set", "label=x"], 6),
        (&["--set", "label=x"], 2),
    ];
    for (args, code) in cases {
        let out = set(args);
        assert_eq!(
            out.status.code(),
            Some(*code),
            "{args:?}: {}",
            texts(&out).1
        );
    }
    let after = blocks_labelled(
        &env.pkcs11_tool(&["--login", "--pin", USER_PIN, "-O"]),
        "new",
    );
    assert_eq!(after, listing);
    // Usage flags change both ways.
    let out = set(&["--label", "new", "--class", "private", "--set", "sign=true"]);
    assert!(out.status.success(), "{}", texts(&out).1);
    // Strengthening passes hsmctl's policy; SoftHSM2 itself holds CKA_SENSITIVE read-only after
    // creation, and that refusal reaches the user with the token's CKR name (exit 1, not 3).
    let out = set(&words("--label new --class private --set sensitive=true"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        texts(&out).1.contains("CKR_ATTRIBUTE_READ_ONLY"),
        "{}",
        texts(&out).1
    );
    assert_eq!(
        set(&[
            "--label",
            "new",
            "--class",
            "private",
            "--set",
            "copyable=true"
        ])
        .status
        .code(),
        Some(3)
    );
    // A key generated unmodifiable: the token itself refuses changes, and hsmctl says why.
    keygen_ok(
        &env,
        &words("--key-type ec:p256 --label fixed --modifiable=false"),
    );
    let out = set(&words("--label fixed --class private --set label=again"));
    assert_eq!(out.status.code(), Some(1), "{}", texts(&out).1);
    assert!(
        texts(&out).1.contains("CKA_MODIFIABLE"),
        "{}",
        texts(&out).1
    );
}

#[test]
fn delete_needs_yes_and_a_single_match() {
    let env = TestEnv::new();
    env.init_token("del");
    keygen_ok(
        &env,
        &["--key-type", "ec:p256", "--label", "a", "--id", "01"],
    );
    keygen_ok(
        &env,
        &["--key-type", "ec:p256", "--label", "b", "--id", "02"],
    );
    keygen_ok(
        &env,
        &words("--key-type ec:p256 --label b --id 03 --allow-duplicate"),
    );
    let del = |args: &[&str]| {
        env.cmd()
            .env("HSMCTL_PIN", USER_PIN)
            .arg("delete")
            .args(args)
            .output()
            .unwrap()
    };
    let count = || objects_seen_by_pkcs11_tool(&env, "del").len();
    assert_eq!(count(), 6);
    // No --yes without a terminal: exit 2, nothing deleted.
    assert_eq!(del(&["--label", "a", "--pair"]).status.code(), Some(2));
    // No selector at all: exit 2.
    assert_eq!(del(&["--yes"]).status.code(), Some(2));
    // Two pairs share label b: refused without --all-matching.
    let out = del(&["--label", "b", "--pair", "--yes"]);
    assert_eq!(out.status.code(), Some(6), "{}", texts(&out).1);
    // A label matching both halves without --pair is more than one object.
    assert_eq!(del(&["--label", "a", "--yes"]).status.code(), Some(6));
    assert_eq!(count(), 6, "nothing deleted by refused runs");
    // One half by class, then the pair.
    let out = del(&["--label", "a", "--class", "public", "--yes", "--json"]);
    assert!(out.status.success(), "{}", texts(&out).1);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["deleted"][0]["class"], "CKO_PUBLIC_KEY");
    assert_eq!(count(), 5);
    let out = del(&["--id", "01", "--pair", "--yes"]);
    assert!(out.status.success(), "{}", texts(&out).1);
    assert_eq!(count(), 4);
    let out = del(&["--label", "b", "--pair", "--all-matching", "--yes"]);
    assert!(out.status.success(), "{}", texts(&out).1);
    assert_eq!(count(), 0);
    assert_eq!(del(&["--label", "b", "--yes"]).status.code(), Some(6));
}

/// hsmctl with the user PIN and extra variables, as a raw output.
fn hsmctl(env: &TestEnv, args: &[&str], vars: &[(&str, &str)]) -> std::process::Output {
    let mut c = env.cmd();
    c.env("HSMCTL_PIN", USER_PIN).args(args);
    for (k, v) in vars {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn hsmctl_json(env: &TestEnv, args: &[&str]) -> Value {
    let out = hsmctl(env, &[args, &["--json"]].concat(), &[]);
    assert!(out.status.success(), "{args:?}: {}", texts(&out).1);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn generatekey_makes_sensitive_non_extractable_secret_keys() {
    let env = TestEnv::new();
    env.init_token("sec");
    for (kt, bits, usage) in [
        ("aes:128", 128, vec!["encrypt", "decrypt"]),
        ("aes:192", 192, vec!["encrypt", "decrypt"]),
        ("aes:256", 256, vec!["encrypt", "decrypt"]),
        ("generic:256", 256, vec!["sign", "verify"]),
    ] {
        let v = hsmctl_json(&env, &["generatekey", "--key-type", kt, "--label", kt]);
        assert_eq!(v["key_type"], kt);
        let k = &v["key"];
        assert_eq!(k["class"], "CKO_SECRET_KEY");
        assert_eq!(k["key_size"], bits);
        assert_eq!(k["usage"], serde_json::json!(usage), "{kt}");
        for (flag, want) in [
            ("sensitive", true),
            ("always_sensitive", true),
            ("extractable", false),
            ("never_extractable", true),
            ("local", true),
            ("private", true),
        ] {
            assert_eq!(k["flags"][flag], want, "{kt} {flag}");
        }
    }
    // pkcs11-tool sees every one sensitive and never extractable.
    let listing = env.pkcs11_tool(&["--token-label", "sec", "--login", "--pin", USER_PIN, "-O"]);
    let blocks: Vec<&str> = listing.split("Secret Key Object").skip(1).collect();
    assert_eq!(blocks.len(), 4, "{listing}");
    for b in &blocks {
        assert!(
            b.contains("Access:     sensitive, always sensitive, never extractable, local"),
            "{b}"
        );
    }
    // list, show and test-key handle them.
    let v = list(&env, &["--class", "secret-key"]);
    let objects = v["objects"].as_array().unwrap();
    assert_eq!(objects.len(), 4);
    assert!(
        objects
            .iter()
            .any(|o| o["key_type"] == "aes:192" && o["key_type_constant"] == "CKK_AES")
    );
    for (filter, n) in [
        ("aes", 3),
        ("aes:192", 1),
        ("generic", 1),
        ("generic:256", 1),
    ] {
        let v = list(&env, &["--key-type", filter]);
        assert_eq!(v["objects"].as_array().unwrap().len(), n, "{filter}: {v}");
    }
    let shown = hsmctl_json(&env, &["show", "--label", "aes:256"]);
    assert!(shown.to_string().contains("CKA_VALUE_LEN"), "{shown}");
    let t = hsmctl_json(&env, &["test-key", "--class", "secret-key"]);
    let statuses: Vec<&str> = t["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["ok"; 4], "{t}");
    // Refusals, before the token is touched.
    for (args, code) in [
        (vec!["--key-type", "aes:512", "--label", "x"], 2),
        (
            vec!["--key-type", "generic:256", "--label", "x", "--encrypt"],
            2,
        ),
        (
            vec!["--key-type", "aes:256", "--label", "x", "--extractable"],
            2,
        ),
        (vec!["--key-type", "aes:256", "--label", "aes:128"], 7),
    ] {
        let out = hsmctl(&env, &[&["generatekey"][..], &args].concat(), &[]);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", texts(&out).1);
    }
    assert_eq!(objects_seen_by_pkcs11_tool(&env, "sec").len(), 4);
    let out = hsmctl(&env, &["delete", "--label", "aes:128", "--yes"], &[]);
    assert!(out.status.success(), "{}", texts(&out).1);
    assert_eq!(objects_seen_by_pkcs11_tool(&env, "sec").len(), 3);
}

#[test]
fn test_key_finds_a_pair_whose_public_half_belongs_to_another_key() {
    let env = TestEnv::new();
    env.init_token("tk");
    let pt = |args: &[&str]| {
        env.pkcs11_tool(
            &[
                &["--token-label", "tk", "--login", "--pin", USER_PIN][..],
                args,
            ]
            .concat(),
        )
    };
    for (hsm_type, tool_type, a, b) in [
        ("ec:p256", "EC:prime256v1", "aa", "bb"),
        ("rsa:2048", "rsa:2048", "cc", "dd"),
    ] {
        keygen_ok(&env, &["--key-type", hsm_type, "--label", a, "--id", a]);
        pt(&words(&format!(
            "--keypairgen --key-type {tool_type} --label {b} --id {b}"
        )));
        let der = env.dir.path().join(format!("{b}.der"));
        let der = der.display();
        pt(&words(&format!(
            "--read-object --type pubkey --id {b} -o {der}"
        )));
        pt(&["--delete-object", "--type", "pubkey", "--id", a]);
        pt(&words(&format!(
            "--write-object {der} --type pubkey --id {a} --label {a}"
        )));
    }
    let out = hsmctl(&env, &["test-key", "--json"], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", texts(&out).1);
    assert!(
        texts(&out).1.contains("2 key(s) failed"),
        "{}",
        texts(&out).1
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let status = |id: &str| {
        v["keys"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["id"] == id)
            .unwrap_or_else(|| panic!("{id} missing: {v}"))["status"]
            .clone()
    };
    assert_eq!(status("aa"), "wrong_pair", "{v}");
    assert_eq!(status("cc"), "wrong_pair", "{v}");
    assert_eq!(status("bb"), "ok", "{v}");
    assert_eq!(status("dd"), "ok", "{v}");
    // One good key alone passes.
    let out = hsmctl(&env, &["test-key", "--id", "bb"], &[]);
    assert!(out.status.success(), "{}", texts(&out).1);
    assert!(texts(&out).0.contains("ok"), "{}", texts(&out).0);
    // A module without the signature mechanism: "mechanism not supported", which is not a
    // failure of the key (exit 0); the RSA pair is still wrong by its moduli.
    let lib = env.shim();
    let via_shim = |args: &[&str]| {
        env.cmd()
            .env("HSMCTL_MODULE", &lib)
            .env("HSMCTL_PIN", USER_PIN)
            .env("SHIM_SIGN_INIT_RV", "0x70")
            .args(args)
            .output()
            .unwrap()
    };
    let out = via_shim(&["test-key", "--id", "bb", "--json"]);
    assert!(out.status.success(), "{}", texts(&out).1);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["keys"][0]["status"], "mechanism_not_supported", "{v}");
    let out = via_shim(&["test-key", "--id", "cc", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["keys"][0]["status"], "wrong_pair", "{v}");
}

#[test]
fn random_bytes_come_raw_hex_or_base64() {
    let env = TestEnv::new();
    env.init_token("rnd");
    let hex1 = env.run_ok(&["random", "32", "--hex"]);
    let hex2 = env.run_ok(&["random", "32", "--hex"]);
    assert_eq!(hex1.trim().len(), 64);
    assert!(hex1.trim().chars().all(|c| c.is_ascii_hexdigit()), "{hex1}");
    assert_ne!(hex1, hex2, "two draws differ");
    let file = env.dir.path().join("r.bin");
    env.run_ok(&["random", "1000", "-o", file.to_str().unwrap()]);
    assert_eq!(std::fs::metadata(&file).unwrap().len(), 1000);
    // No overwrite without --force.
    let out = env.run(&["random", "10", "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(7));
    let b64 = env.run_ok(&["random", "48", "--base64"]);
    let decoded = std::process::Command::new("base64")
        .arg("-d")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(b64.as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(decoded.stdout.len(), 48);
    let v = env.json(&["random", "8"]);
    assert_eq!(v["bytes"], 8);
    assert_eq!(v["data"].as_str().unwrap().len(), 16);
    assert_eq!(env.run(&["random", "0"]).status.code(), Some(2));
}

#[test]
fn keygen_count_makes_numbered_pairs_and_keeps_them_when_one_fails() {
    let env = TestEnv::new();
    env.init_token("bulk");
    let v = keygen_ok(
        &env,
        &["--key-type", "ec:p256", "--label", "node", "--count", "5"],
    );
    assert_eq!(v["requested"], 5);
    assert_eq!(v["generated"], 5);
    let keys = v["keys"].as_array().unwrap();
    let labels: Vec<&str> = keys
        .iter()
        .map(|k| k["private"]["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "node-0001",
            "node-0002",
            "node-0003",
            "node-0004",
            "node-0005"
        ]
    );
    for k in keys {
        assert_eq!(k["private"]["flags"]["never_extractable"], true);
        assert_eq!(k["public"]["id"], k["private"]["id"]);
    }
    let ids: std::collections::HashSet<&str> =
        keys.iter().map(|k| k["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 5, "distinct ids");
    assert_eq!(objects_seen_by_pkcs11_tool(&env, "bulk").len(), 10);
    // The same prefix again: refused before anything is made.
    let out = keygen(
        &env,
        &["--key-type", "ec:p256", "--label", "node", "--count", "2"],
    );
    assert_eq!(out.status.code(), Some(7), "{}", texts(&out).1);
    // The third generation fails: two pairs are kept and reported, exit 1.
    let lib = env.shim();
    let out = env
        .cmd()
        .env("HSMCTL_MODULE", &lib)
        .env("HSMCTL_PIN", USER_PIN)
        .env("SHIM_FAIL_KEYGEN", "3")
        .args([
            "generatekeypair",
            "--key-type",
            "ec:p256",
            "--label",
            "f",
            "--count",
            "5",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", texts(&out).1);
    assert!(
        texts(&out).1.contains("key pair 3 of 5 failed")
            && texts(&out).1.contains("CKR_DEVICE_ERROR"),
        "{}",
        texts(&out).1
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["generated"], 2);
    assert_eq!(v["keys"].as_array().unwrap().len(), 2);
    assert_eq!(objects_seen_by_pkcs11_tool(&env, "bulk").len(), 14);
}

//! cmu's translation, pure: a command and its options in, a [`Plan`] out (the hsmctl command
//! line to run and how to render its result). What it must know of the world, Luna's slot
//! numbers and cmu's handle numbers, comes through [`Facts`]; the PIN and the RSA mechanism
//! menu are asked by the caller, after translation, in Luna's order.

use super::options::{COMMANDS, DIGESTS, USAGE_FLAGS};
use crate::exit::Exit;
pub use crate::luna::Refusal;
use crate::luna::{HeldPin, LunaError, Opts, options_of, parse_opts};
use crate::store::luna_handles::Numbered;

/// What translation asks of the world.
pub trait Facts {
    /// The module's slot id of Luna's slot number `text` (0, 1, 2, ...).
    fn slot_id(&self, text: &str) -> Result<u64, Refusal>;
    /// What cmu's handle `n` stands for.
    fn object(&self, n: u64) -> Result<Option<Numbered>, Refusal>;
    /// Whether the file `path` holds a certificate (else it is taken as a key file).
    fn is_certificate(&self, path: &str) -> bool;
}

/// Why a command line has no plan.
#[derive(Debug)]
pub enum Refuse {
    /// Luna syntax: exit 2 with cmu's usage line.
    Usage(LunaError),
    /// Syntax fine, but refused.
    Refused(Refusal),
}

impl From<LunaError> for Refuse {
    fn from(e: LunaError) -> Self {
        Refuse::Usage(e)
    }
}

impl From<Refusal> for Refuse {
    fn from(r: Refusal) -> Self {
        Refuse::Refused(r)
    }
}

/// How a result is shown.
#[derive(Debug, PartialEq, Eq)]
pub enum Render {
    /// hsmctl's own output.
    Hsmctl,
    /// `handle=<h>   label=<label>` lines, everything numbered, then filtered.
    List {
        /// `-class`, as a CKO_ name.
        class: Option<&'static str>,
        /// `-label`.
        label: Option<String>,
    },
    /// `key=value` lines of one object.
    Attributes(u64),
    /// `Handle <h>: ... set.`
    Set(u64),
    /// `Object handle <h> deleted.`
    Deleted(u64),
    /// `...The key pair was successfully <done> -> public handle(..), private handle(..)`.
    KeyPair(&'static str),
    /// `Certificate imported -> handle(<h>)`.
    Imported,
}

/// What a cmu command line becomes.
#[derive(Debug)]
pub struct Plan {
    /// The hsmctl command line (never a PIN in it).
    pub argv: Vec<String>,
    /// How the result is shown.
    pub render: Render,
    /// `-password`, held for the command.
    pub password: Option<HeldPin>,
    /// Luna's slot number for the password prompt (`-slot`), if given.
    pub slot: Option<String>,
    /// RSA without `-mech`: the menu picks the mechanism (on a terminal; else PKCS).
    pub ask_mechanism: bool,
}

impl std::fmt::Debug for HeldPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HeldPin([REDACTED])")
    }
}

fn s(x: &str) -> String {
    x.to_string()
}

/// Translates `cmd` (a name from [`COMMANDS`]) with its option words `rest`.
pub fn translate(cmd: &str, rest: &[String], facts: &dyn Facts) -> Result<Plan, Refuse> {
    let o = parse_opts(rest, options_of(COMMANDS, cmd))?;
    let mut plan = Plan {
        argv: Vec::new(),
        render: Render::Hsmctl,
        password: o
            .get("password")
            .map(|p| HeldPin::new(p.to_string().into())),
        slot: o.get("slot").map(|x| x.trim().to_string()),
        ask_mechanism: false,
    };
    let mut argv = match cmd {
        "generatekeypair" => generatekeypair(&o, &mut plan)?,
        "list" => {
            let class = match o.get("class").map(str::to_ascii_lowercase).as_deref() {
                None => None,
                Some("privatekey" | "private" | "3") => Some("CKO_PRIVATE_KEY"),
                Some("publickey" | "public" | "2") => Some("CKO_PUBLIC_KEY"),
                Some("certificate" | "cert" | "1") => Some("CKO_CERTIFICATE"),
                Some("secretkey" | "secret" | "4") => Some("CKO_SECRET_KEY"),
                Some("data" | "0") => Some("CKO_DATA"),
                Some(c) => return Err(LunaError(format!("-class '{c}' is not a class")).into()),
            };
            plan.render = Render::List {
                class,
                label: o.get("label").map(str::to_string),
            };
            // Everything is listed and numbered (so numbers of deleted objects are dropped),
            // then the filter is applied.
            vec![s("list"), s("--login")]
        }
        "getattribute" => {
            let (n, sel) = object(&o.need("handle", cmd)?, true, facts)?;
            plan.render = Render::Attributes(n);
            [vec![s("show"), s("--login")], sel].concat()
        }
        "setattribute" => {
            let (n, sel) = object(&o.need("handle", cmd)?, true, facts)?;
            let mut argv = [vec![s("setattribute")], sel].concat();
            let mut any = false;
            for (name, value) in &o.0 {
                let set = match *name {
                    "label" | "id" => format!("{name}={value}"),
                    f if USAGE_FLAGS.contains(&f) => format!("{f}={}", value == "1"),
                    _ => continue,
                };
                argv.extend([s("--set"), set]);
                any = true;
            }
            if !any {
                return Err(LunaError(
                    "setattribute needs an attribute to set (-label=..., -sign=T, ...)".into(),
                )
                .into());
            }
            plan.render = Render::Set(n);
            argv
        }
        "delete" => {
            let (n, sel) = object(&o.need("handle", cmd)?, true, facts)?;
            let mut argv = [vec![s("delete")], sel].concat();
            if o.on("force") {
                argv.push(s("--yes"));
            }
            plan.render = Render::Deleted(n);
            argv
        }
        "export" => {
            let (_, sel) = object(&o.need("handle", cmd)?, true, facts)?;
            let out = o.need("outputfile", cmd)?;
            let mut argv = if o.on("key") {
                let mut v = [vec![s("export-pubkey")], sel].concat();
                v.extend([s("--format"), s(if o.on("binary") { "der" } else { "pem" })]);
                v
            } else {
                let mut v = [vec![s("export-cert")], sel].concat();
                if o.on("binary") {
                    v.push(s("--der"));
                }
                v
            };
            argv.extend([s("-o"), out]);
            argv
        }
        "requestcertificate" | "selfsigncertificate" => certificate(cmd, &o, facts)?,
        "certify" => certify(&o, facts)?,
        "import" => import(&o, facts, &mut plan)?,
        other => return Err(LunaError(format!("unknown command '{other}'")).into()),
    };
    // Luna's slot numbers (0, 1, 2, ...) become the module's slot ids.
    if let Some(slot) = &plan.slot {
        argv.extend([s("--slot"), facts.slot_id(slot)?.to_string()]);
    }
    plan.argv = argv;
    Ok(plan)
}

/// The hsmctl selectors for cmu's handle `handle`: token serial, and class, CKA_ID and label
/// (`exact`), or just what names the key pair (the id, else the label); with the number.
fn object(handle: &str, exact: bool, facts: &dyn Facts) -> Result<(u64, Vec<String>), Refuse> {
    let n: u64 = handle
        .trim()
        .parse()
        .map_err(|_| LunaError(format!("-handle '{handle}' is not a number")))?;
    let Some(x) = facts.object(n)? else {
        // Luna's answer to a handle it has no object for: not found (6), not a usage error.
        return Err(Refusal {
            message: format!("object not found: no object has handle {n}; `cmu list` shows them"),
            exit: Exit::NotFound.code(),
        }
        .into());
    };
    if x.id.is_empty() && x.label.is_empty() {
        return Err(LunaError(format!(
            "object {n} has neither an id nor a label to find it by; give it a label with \
             `hsmctl setattribute --handle H --set label=L`"
        ))
        .into());
    }
    let mut v = vec![s("--serial"), x.serial.clone()];
    if exact {
        let class = match x.class.as_str() {
            "CKO_PRIVATE_KEY" => "private",
            "CKO_PUBLIC_KEY" => "public",
            "CKO_CERTIFICATE" => "cert",
            "CKO_SECRET_KEY" => "secret-key",
            _ => "data",
        };
        v.extend([s("--class"), s(class)]);
    }
    if !x.id.is_empty() {
        v.extend([s("--id"), x.id.clone()]);
    }
    // The label only when there is no id, or when the id is shared with another object of the
    // class (then it tells them apart): otherwise a label changed since (by hsmctl or Luna's
    // tools) must not lose the object.
    if x.id.is_empty() || (exact && x.shared_id) {
        v.extend([s("--label"), x.label.clone()]);
    }
    Ok((n, v))
}

/// Luna's curve names and numbers.
pub fn curve(text: &str) -> Result<&'static str, LunaError> {
    Ok(match text.to_ascii_lowercase().as_str() {
        "1" | "prime256v1" | "secp256r1" | "p-256" | "p256" | "nistp256" => "ec:p256",
        "2" | "secp384r1" | "p-384" | "p384" | "nistp384" => "ec:p384",
        "3" | "secp521r1" | "p-521" | "p521" | "nistp521" => "ec:p521",
        "4" | "ed25519" | "curve25519" | "edwards25519" => "ed25519",
        _ => {
            return Err(LunaError(format!(
                "-curvetype '{text}' is not a curve this tool knows (prime256v1, secp384r1, \
                 secp521r1, ed25519, or 1-4)"
            )));
        }
    })
}

/// Luna's RSA mechanism choice, by the menu's numbers or names, as hsmctl's `--mechanism`.
pub fn mechanism(text: &str) -> Result<&'static str, Refuse> {
    Ok(match text.trim().to_ascii_lowercase().as_str() {
        "1" | "pkcs" => "pkcs",
        // FIPS 186-3 auxiliary primes: X9.31 generation is the standard mechanism for it.
        "3" | "aux" | "auxprimes" | "fips186-3-aux" | "x9.31" | "x931" => "x9.31",
        // FIPS 186-3 "only primes" is a Luna vendor mechanism with no standard equivalent.
        "2" | "prime" | "primes" | "fips186-3-primes" => {
            return Err(Refusal {
                message: "FIPS 186-3 \"only primes\" generation is a Luna vendor mechanism; \
                          this module offers the standard ones: PKCS (-mech=pkcs) and, where \
                          supported, auxiliary primes by X9.31 (-mech=aux)"
                    .into(),
                exit: Exit::Unsupported.code(),
            }
            .into());
        }
        _ => {
            return Err(LunaError(format!(
                "-mech '{text}' is not pkcs (1), prime (2) or aux (3)"
            ))
            .into());
        }
    })
}

/// `import -inputFile=F`: a certificate becomes `import-cert` (stored whether or not its key
/// is on the token, as Luna stores it), a private key (PKCS#8, PKCS#1, SEC1, OpenSSH, PKCS#12
/// with `-pkcs12` or without: the format is read from the file; encrypted ones take their
/// passphrase from HSMCTL_KEY_PASSPHRASE or the prompt) becomes `import-key`.
fn import(o: &Opts, facts: &dyn Facts, plan: &mut Plan) -> Result<Vec<String>, Refuse> {
    let file = o.need("inputFile", "import")?;
    if let Some(alg) = o.get("keyalg")
        && !matches!(
            alg.to_ascii_lowercase().as_str(),
            "rsa" | "ec" | "ecdsa" | "eddsa" | "ed25519"
        )
    {
        return Err(LunaError(format!(
            "-keyalg '{alg}' is not RSA, EC or EDDSA (the key type is read from the file)"
        ))
        .into());
    }
    let label = o.get("label").map(str::to_string).unwrap_or_else(|| {
        std::path::Path::new(&file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "imported".into())
    });
    if facts.is_certificate(&file) {
        let mut argv = vec![
            s("import-cert"),
            file,
            s("--label"),
            label,
            s("--allow-orphan"),
        ];
        if let Some(id) = o.get("id") {
            argv.extend([s("--id"), s(id)]);
        }
        plan.render = Render::Imported;
        return Ok(argv);
    }
    let mut argv = vec![s("import-key"), file, s("--label"), label];
    if let Some(id) = o.get("id") {
        argv.extend([s("--id"), s(id)]);
    }
    for f in ["sign", "verify", "encrypt", "decrypt", "derive"] {
        if let Some(v) = o.get(f) {
            argv.push(format!("--{f}={}", v == "1"));
        }
    }
    if o.on("unwrap") {
        argv.push(s("--unwrap"));
    }
    plan.render = Render::KeyPair("imported");
    Ok(argv)
}

fn generatekeypair(o: &Opts, plan: &mut Plan) -> Result<Vec<String>, Refuse> {
    let key_type = match o
        .get("keyType")
        .unwrap_or("RSA")
        .to_ascii_lowercase()
        .as_str()
    {
        "rsa" => format!("rsa:{}", o.get("modulusBits").unwrap_or("2048")),
        "ecdsa" | "ec" => s(curve(o.get("curvetype").unwrap_or("prime256v1"))?),
        "eddsa" | "ed25519" => s("ed25519"),
        other => {
            return Err(LunaError(format!("-keyType '{other}' is not RSA, ECDSA or EDDSA")).into());
        }
    };
    // Luna allows labels and ids already on the token.
    let mut argv = vec![
        s("generatekeypair"),
        s("--key-type"),
        key_type.clone(),
        s("--allow-duplicate"),
    ];
    if key_type.starts_with("rsa:") {
        match o.get("mech") {
            Some(m) => argv.extend([s("--mechanism"), s(mechanism(m)?)]),
            None => plan.ask_mechanism = true,
        }
        if let Some(e) = o.get("publicExponent") {
            argv.extend([s("--public-exponent"), s(e)]);
        }
    }
    for (luna, ours) in [
        ("label", "--label"),
        ("labelPublic", "--label-public"),
        ("labelPrivate", "--label-private"),
        ("id", "--id"),
    ] {
        if let Some(v) = o.get(luna) {
            argv.extend([s(ours), s(v)]);
        }
    }
    for f in USAGE_FLAGS {
        if let Some(v) = o.get(f) {
            argv.push(format!("--{f}={}", v == "1"));
        }
    }
    if let Some(v) = o.get("modifiable") {
        argv.push(format!("--modifiable={}", v == "1"));
    }
    if o.get("extractable") == Some("1") {
        // Luna's own flag is the confirmation: the user asked for it by name.
        argv.extend([s("--extractable=true"), s("--allow-extractable")]);
    }
    plan.render = Render::KeyPair("generated");
    Ok(argv)
}

fn certificate(cmd: &str, o: &Opts, facts: &dyn Facts) -> Result<Vec<String>, Refuse> {
    let ours = if cmd == "requestcertificate" {
        "request-cert"
    } else {
        "selfsign-cert"
    };
    // The public key names the pair; the private key alone works too (same CKA_ID).
    let handle = o
        .get("publichandle")
        .or(o.get("privatehandle"))
        .ok_or_else(|| LunaError(format!("{cmd} needs -publichandle or -privatehandle")))?;
    let mut argv = vec![s(ours)];
    argv.extend(object(handle, false, facts)?.1);
    for (luna, flag) in [
        ("CN", "--cn"),
        ("O", "--o"),
        ("OU", "--ou"),
        ("C", "--c"),
        ("S", "--st"),
        ("L", "--l"),
        ("E", "--email"),
    ] {
        if let Some(v) = o.get(luna) {
            argv.extend([s(flag), s(v)]);
        }
    }
    for (luna, digest) in DIGESTS {
        if o.on(luna) {
            argv.extend([s("--digest"), s(digest)]);
        }
    }
    if let Some(f) = o.get("outputfile") {
        argv.extend([s("-o"), s(f)]);
    }
    if o.on("binary") {
        argv.push(s("--der"));
    }
    if ours == "selfsign-cert" {
        for (luna, flag) in [
            ("serialNumber", "--serial-number"),
            ("startDate", "--not-before"),
            ("endDate", "--not-after"),
        ] {
            if let Some(v) = o.get(luna) {
                argv.extend([s(flag), s(v)]);
            }
        }
        // The certificate object gets the label asked for, not the key's.
        if let Some(label) = o.get("label") {
            argv.extend([s("--store-label"), s(label)]);
        }
    }
    Ok(argv)
}

/// `certify`: a certificate for a request, signed by the CA key `-handle` (or
/// `-privatehandle`), as `sign-csr`. Luna's spellings could not all be confirmed, so both
/// `-serialNum` and `-serialNumber` are taken; names ignore case.
fn certify(o: &Opts, facts: &dyn Facts) -> Result<Vec<String>, Refuse> {
    let handle = o
        .get("handle")
        .or(o.get("privatehandle"))
        .ok_or_else(|| LunaError("certify needs -handle (the CA's private key)".into()))?;
    let input = o.need("inputfile", "certify")?;
    let output = o.need("outputfile", "certify")?;
    let mut argv = vec![s("sign-csr"), input, s("-o"), output];
    // The key's selectors, as the CA key's.
    let mut sel = object(handle, false, facts)?.1.into_iter();
    while let Some(flag) = sel.next() {
        let value = sel.next().unwrap_or_default();
        let ours = match flag.as_str() {
            "--id" => s("--ca-id"),
            "--label" => s("--ca-label"),
            other => s(other),
        };
        argv.extend([ours, value]);
    }
    for (luna, flag) in [
        ("startDate", "--not-before"),
        ("endDate", "--not-after"),
        ("serialNum", "--serial-number"),
        ("serialNumber", "--serial-number"),
        ("profile", "--profile"),
    ] {
        if let Some(v) = o.get(luna) {
            argv.extend([s(flag), s(v)]);
        }
    }
    for (luna, digest) in DIGESTS {
        if o.on(luna) {
            argv.extend([s("--digest"), s(digest)]);
        }
    }
    if o.on("binary") {
        argv.push(s("--der"));
    }
    Ok(argv)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token with slot ids 1063423206 (Luna's 0) and 1 (Luna's 1), and two numbered keys.
    struct Fake;

    impl Facts for Fake {
        fn slot_id(&self, text: &str) -> Result<u64, Refusal> {
            match text {
                "0" => Ok(1_063_423_206),
                "1" => Ok(1),
                _ => Err(Refusal {
                    message: format!("there is no slot {text}"),
                    exit: Exit::Module.code(),
                }),
            }
        }

        fn object(&self, n: u64) -> Result<Option<Numbered>, Refusal> {
            let class = match n {
                1 => "CKO_PUBLIC_KEY",
                2 => "CKO_PRIVATE_KEY",
                _ => return Ok(None),
            };
            Ok(Some(Numbered {
                handle: n,
                serial: "abc".into(),
                class: class.into(),
                id: "10000001".into(),
                label: "myssh-key".into(),
                shared_id: n == 2,
            }))
        }

        fn is_certificate(&self, path: &str) -> bool {
            path.ends_with(".pem")
        }
    }

    fn plan(line: &str) -> Result<Plan, Refuse> {
        let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        translate(&words[0], &words[1..], &Fake)
    }

    fn argv(line: &str) -> String {
        plan(line).unwrap().argv.join(" ")
    }

    fn refusal(line: &str) -> Refusal {
        match plan(line) {
            Err(Refuse::Refused(r)) => r,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn seed_000_generatekeypair_lines() {
        let p = plan(
            "generatekeypair -modulusBits=2048 -publicExponent=65537 -sign=T -verify=T \
             -encrypt=T -decrypt=T -wrap=T -unwrap=T -id=10000001 -label=myssh-key",
        )
        .unwrap();
        assert_eq!(
            p.argv.join(" "),
            "generatekeypair --key-type rsa:2048 --allow-duplicate --public-exponent 65537 \
             --label myssh-key --id 10000001 --sign=true --verify=true --encrypt=true \
             --decrypt=true --wrap=true --unwrap=true"
        );
        // No -mech: the menu asks (after the password), and the PIN is not in argv.
        assert!(
            p.ask_mechanism && p.password.is_none() && p.render == Render::KeyPair("generated")
        );
        let p = plan(
            "generatekeypair -labelpublic sshpub -labelprivate sshpriv -keytype rsa -sign T \
             -verify T -wrap T -unwrap T -encrypt T -decrypt T -publicExponent 65537 \
             -modulusBits 2048 -mech 1",
        )
        .unwrap();
        assert!(!p.ask_mechanism);
        assert!(
            p.argv.join(" ").contains(
                "--mechanism pkcs --public-exponent 65537 --label-public sshpub \
                 --label-private sshpriv"
            ),
            "{:?}",
            p.argv
        );
    }

    #[test]
    fn slot_numbers_become_slot_ids() {
        assert!(argv("list -slot=0").ends_with("--slot 1063423206"));
        assert!(argv("list -slot 1").ends_with("--slot 1"));
        assert_eq!(refusal("list -slot=5").exit, 4);
        let p = plan("list -slot=0 -password=1234").unwrap();
        assert_eq!(
            p.slot.as_deref(),
            Some("0"),
            "the prompt names Luna's number"
        );
        assert!(p.password.is_some() && !p.argv.iter().any(|a| a.contains("1234")));
    }

    #[test]
    fn handles_name_exactly_their_object() {
        assert_eq!(
            argv("getattribute -handle=2"),
            "show --login --serial abc --class private --id 10000001 --label myssh-key",
            "an id shared with another private key: the label tells them apart"
        );
        assert_eq!(
            plan("getattribute -handle=2").unwrap().render,
            Render::Attributes(2)
        );
        let r = refusal("getattribute -handle=99");
        assert_eq!(r.exit, 6);
        assert!(r.message.starts_with("object not found"), "{}", r.message);
        assert!(matches!(
            plan("getattribute -handle=x"),
            Err(Refuse::Usage(_))
        ));
        assert_eq!(
            argv("setattribute -handle=1 -label=renamed -sign=F"),
            "setattribute --serial abc --class public --id 10000001 --set label=renamed \
             --set sign=false"
        );
        assert_eq!(
            plan("setattribute -handle=1 -label=x").unwrap().render,
            Render::Set(1)
        );
        assert_eq!(
            argv("delete -handle=1 -force"),
            "delete --serial abc --class public --id 10000001 --yes"
        );
    }

    #[test]
    fn certificates_and_exports() {
        assert_eq!(
            argv(
                "selfsigncertificate -privatehandle=2 -CN=ssh -label=sshcert -outputfile=c.pem \
                 -startDate=20260101 -sha256withrsa"
            ),
            "selfsign-cert --serial abc --id 10000001 --cn ssh --digest sha256 -o c.pem \
             --not-before 20260101 --store-label sshcert"
        );
        assert_eq!(
            argv(
                "requestcertificate -publichandle=1 -privatehandle=2 -CN=web1 -O=Corp -outputfile=r.csr"
            ),
            "request-cert --serial abc --id 10000001 --cn web1 --o Corp -o r.csr"
        );
        assert_eq!(
            argv("export -handle=1 -outputfile=k.der -key -binary"),
            "export-pubkey --serial abc --class public --id 10000001 --format der -o k.der"
        );
        assert_eq!(
            argv("certify -handle=2 -inputFile=r.csr -outputFile=c.pem -serialNum=0a"),
            "sign-csr r.csr -o c.pem --serial abc --ca-id 10000001 --serial-number 0a"
        );
        assert_eq!(
            argv("import -inputFile=c.pem -label=srv"),
            "import-cert c.pem --label srv --allow-orphan"
        );
        assert_eq!(
            argv("import -inputFile=web.key -sign=T -unwrap"),
            "import-key web.key --label web --sign=true --unwrap"
        );
        assert_eq!(
            plan("import -inputFile=web.key").unwrap().render,
            Render::KeyPair("imported")
        );
        assert!(matches!(
            plan("import -inputFile=k.key -keyalg=DSA"),
            Err(Refuse::Usage(_))
        ));
    }

    #[test]
    fn refusals_and_usage_errors() {
        assert_eq!(refusal("generatekeypair -mech=prime -label=p").exit, 8);
        for bad in [
            "generatekeypair -keyType=DSA",
            "generatekeypair -keyType=ECDSA -curvetype=9",
            "generatekeypair -mech=7",
            "list -class=nothing",
            "setattribute -handle=1",
            "export -handle=1",
            "certify -inputfile=r.csr -outputfile=c.pem",
            "import -label=x",
        ] {
            assert!(matches!(plan(bad), Err(Refuse::Usage(_))), "{bad}");
        }
    }
}

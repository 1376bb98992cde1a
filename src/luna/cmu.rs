//! `cmu`: Luna's certificate management utility (generatekeypair, list, getattribute,
//! setattribute, delete, export, import, requestcertificate, selfsigncertificate, certify),
//! translated into hsmctl's commands. Luna's grammar: `-opt=value` or `-opt value`, names
//! ignoring case, booleans T/F, 1/0, true/false, commands abbreviated to an unambiguous prefix.

use super::{
    HeldPin, Kind, LunaError, Opt, Opts, Verb, opt, options_of, parse_opts, pick, print, render,
    render_with, run_translated,
};
use crate::cli::Command;
use crate::exit::Exit;
use crate::store::luna_handles::{Handles, Key};
use std::io::IsTerminal;

/// Options every token command takes.
const COMMON: &[Opt] = &[opt("slot", Kind::Value), opt("password", Kind::Value)];

/// The certificate subject options of requestcertificate and selfsigncertificate.
const SUBJECT: [Opt; 7] = [
    opt("CN", Kind::Value),
    opt("O", Kind::Value),
    opt("OU", Kind::Value),
    opt("C", Kind::Value),
    opt("S", Kind::Value),
    opt("L", Kind::Value),
    opt("E", Kind::Value),
];

/// Luna's signature algorithm switches and the digest each picks.
const DIGESTS: [(&str, &str); 6] = [
    ("sha256withrsa", "sha256"),
    ("sha384withrsa", "sha384"),
    ("sha512withrsa", "sha512"),
    ("sha256withecdsa", "sha256"),
    ("sha384withecdsa", "sha384"),
    ("sha512withecdsa", "sha512"),
];

const CERTIFICATE_OPTS: &[Opt] = &[
    SUBJECT[0],
    SUBJECT[1],
    SUBJECT[2],
    SUBJECT[3],
    SUBJECT[4],
    SUBJECT[5],
    SUBJECT[6],
    opt("publichandle", Kind::Value),
    opt("privatehandle", Kind::Value),
    opt("outputfile", Kind::Value),
    opt("binary", Kind::Switch),
    opt("label", Kind::Value),
    opt("serialNumber", Kind::Value),
    opt("startDate", Kind::Value),
    opt("endDate", Kind::Value),
    opt(DIGESTS[0].0, Kind::Switch),
    opt(DIGESTS[1].0, Kind::Switch),
    opt(DIGESTS[2].0, Kind::Switch),
    opt(DIGESTS[3].0, Kind::Switch),
    opt(DIGESTS[4].0, Kind::Switch),
    opt(DIGESTS[5].0, Kind::Switch),
    COMMON[0],
    COMMON[1],
];

/// cmu's commands and their options.
pub const COMMANDS: &[Verb] = &[
    (
        "generatekeypair",
        &[
            opt("keyType", Kind::Value),
            opt("modulusBits", Kind::Value),
            opt("publicExponent", Kind::Value),
            opt("curvetype", Kind::Value),
            opt("label", Kind::Value),
            opt("labelPublic", Kind::Value),
            opt("labelPrivate", Kind::Value),
            opt("id", Kind::Value),
            opt("mech", Kind::Value),
            opt("extractable", Kind::Bool),
            opt("modifiable", Kind::Bool),
            opt("sign", Kind::Bool),
            opt("verify", Kind::Bool),
            opt("encrypt", Kind::Bool),
            opt("decrypt", Kind::Bool),
            opt("wrap", Kind::Bool),
            opt("unwrap", Kind::Bool),
            opt("derive", Kind::Bool),
            COMMON[0],
            COMMON[1],
        ],
    ),
    (
        "list",
        &[
            opt("class", Kind::Value),
            opt("label", Kind::Value),
            COMMON[0],
            COMMON[1],
        ],
    ),
    (
        "getattribute",
        &[opt("handle", Kind::Value), COMMON[0], COMMON[1]],
    ),
    (
        "setattribute",
        &[
            opt("handle", Kind::Value),
            opt("label", Kind::Value),
            opt("id", Kind::Value),
            opt("sign", Kind::Bool),
            opt("verify", Kind::Bool),
            opt("encrypt", Kind::Bool),
            opt("decrypt", Kind::Bool),
            opt("wrap", Kind::Bool),
            opt("unwrap", Kind::Bool),
            opt("derive", Kind::Bool),
            COMMON[0],
            COMMON[1],
        ],
    ),
    (
        "delete",
        &[
            opt("handle", Kind::Value),
            opt("force", Kind::Switch),
            COMMON[0],
            COMMON[1],
        ],
    ),
    (
        "export",
        &[
            opt("handle", Kind::Value),
            opt("outputfile", Kind::Value),
            opt("key", Kind::Switch),
            opt("binary", Kind::Switch),
            COMMON[0],
            COMMON[1],
        ],
    ),
    (
        "import",
        &[
            opt("inputFile", Kind::Value),
            opt("label", Kind::Value),
            opt("id", Kind::Value),
            opt("keyalg", Kind::Value),
            opt("pkcs12", Kind::Switch),
            opt("unwrap", Kind::Switch),
            opt("sign", Kind::Bool),
            opt("verify", Kind::Bool),
            opt("encrypt", Kind::Bool),
            opt("decrypt", Kind::Bool),
            opt("derive", Kind::Bool),
            COMMON[0],
            COMMON[1],
        ],
    ),
    ("requestcertificate", CERTIFICATE_OPTS),
    ("selfsigncertificate", CERTIFICATE_OPTS),
    (
        "certify",
        &[
            opt("handle", Kind::Value),
            opt("privatehandle", Kind::Value),
            opt("inputfile", Kind::Value),
            opt("outputfile", Kind::Value),
            opt("startDate", Kind::Value),
            opt("endDate", Kind::Value),
            opt("serialNum", Kind::Value),
            opt("serialNumber", Kind::Value),
            opt("profile", Kind::Value),
            opt("binary", Kind::Switch),
            opt(DIGESTS[0].0, Kind::Switch),
            opt(DIGESTS[1].0, Kind::Switch),
            opt(DIGESTS[2].0, Kind::Switch),
            opt(DIGESTS[3].0, Kind::Switch),
            opt(DIGESTS[4].0, Kind::Switch),
            opt(DIGESTS[5].0, Kind::Switch),
            COMMON[0],
            COMMON[1],
        ],
    ),
    ("help", &[]),
];

/// Usage flags of generatekeypair and setattribute, in Luna's spelling.
const USAGE_FLAGS: &[&str] = &[
    "sign", "verify", "encrypt", "decrypt", "wrap", "unwrap", "derive",
];

pub const USAGE: &str = "cmu: Luna's certificate management utility, on any PKCS#11 module (hsmctl)

Usage: cmu <command> [-option=value | -option value ...]

  generatekeypair (gen)  -keyType=RSA|ECDSA|EDDSA -modulusBits=N -publicExponent=E
                         -curvetype=<name or number> -sign -verify -encrypt -decrypt -wrap
                         -unwrap -derive -extractable -modifiable (T/F) -label=L |
                         -labelPublic=L -labelPrivate=L  -id=HEX  -mech=pkcs|prime|aux
  list                   [-class=privateKey|publicKey|certificate|secretKey|data] [-label=L]
  getattribute           -handle=H
  setattribute           -handle=H -label=L | -id=HEX | -sign=T ...
  delete                 -handle=H [-force]
  export                 -handle=H -outputfile=F [-key] [-binary]
  import                 -inputFile=F [-label=L] [-id=HEX] [-unwrap] [-sign=T ...]: a private
                         key (PKCS#8, PKCS#1, SEC1, OpenSSH, PKCS#12 with its certificates) as
                         a key pair, or a certificate
  requestcertificate     -publichandle=H -privatehandle=H -CN= -O= -OU= -C= -S= -L= -E=
                         -outputfile=F [-binary] [-sha256withrsa | -sha384withrsa | ...]
  selfsigncertificate    -privatehandle=H -publichandle=H -CN= ... -serialNumber=HEX
                         -startDate=YYYYMMDD -endDate=YYYYMMDD -outputfile=F [-label=L]
  certify                -handle=H | -privatehandle=H (the CA key; its certificate must be
                         on the token with the same id) -inputfile=CSR -outputfile=CERT
                         [-startDate=YYYYMMDD] [-endDate=YYYYMMDD] [-serialNum=HEX |
                         -serialNumber=HEX] [-binary] [-sha256withrsa ...]
                         [-profile=server|client|ca|none (hsmctl's; default server)]
  help                   this text

Option names ignore case (-inputFile, -INPUTFILE and -inputfile are one option).
Every command takes -slot=N, and -password=PIN (visible to other users: prefer HSMCTL_PIN,
or the prompt). Curve types: 1 or prime256v1/secp256r1/P-256, 2 or secp384r1/P-384,
3 or secp521r1/P-521, 4 or ed25519/curve25519.
";

/// Runs `cmu` with the process arguments; returns the exit code.
pub fn main() -> i32 {
    crate::sys::guard_std_fds();
    let args = match super::args() {
        Ok(a) => a,
        Err(e) => return super::usage_error("cmu", &e),
    };
    let Some(first) = args.first() else {
        return print(USAGE);
    };
    if ["-h", "-help", "--help", "-?", "/?"].contains(&first.as_str()) {
        return print(USAGE);
    }
    let names: Vec<&str> = COMMANDS.iter().map(|c| c.0).collect();
    let cmd = match pick(first, &names, "command") {
        Ok(c) => c,
        Err(e) => return super::usage_error("cmu", &e),
    };
    if cmd == "help" {
        return print(USAGE);
    }
    match run(cmd, &args[1..]) {
        Ok(code) => code,
        Err(e) => super::usage_error("cmu", &e),
    }
}

fn s(x: &str) -> String {
    x.to_string()
}

/// The token selection and PIN of every command: `-slot`; the PIN from `-password` (which
/// works, with a warning), else HSMCTL_PIN, else Luna's prompt on a terminal, held for the
/// run and handed to each command it makes.
fn common(o: &Opts, argv: &mut Vec<String>) -> Result<(), LunaError> {
    if let Some(slot) = o.get("slot") {
        argv.extend([s("--slot"), s(slot)]);
    }
    let pin = held_pin(o)?;
    if let Some(pin) = pin {
        argv.extend(pin.fd_args("--pin-fd")?);
    }
    Ok(())
}

fn held_pin(o: &Opts) -> Result<Option<&'static HeldPin>, LunaError> {
    static PIN: std::sync::OnceLock<Option<HeldPin>> = std::sync::OnceLock::new();
    if let Some(p) = PIN.get() {
        return Ok(p.as_ref());
    }
    let pin = if let Some(pw) = o.get("password") {
        eprintln!(
            "warning: -password puts the PIN where other users can read it (ps, shell \
             history); set HSMCTL_PIN or let cmu ask instead"
        );
        Some(HeldPin::new(pw.to_string().into()))
    } else if let Some(v) = std::env::var_os("HSMCTL_PIN").filter(|v| !v.is_empty()) {
        let v = zeroize::Zeroizing::new(v.into_encoded_bytes());
        // Single-threaded here; the PIN stays out of child processes' environments and of
        // /proc/PID/environ.
        crate::sys::scrub_env("HSMCTL_PIN");
        Some(HeldPin::new(
            String::from_utf8_lossy(&v).into_owned().into(),
        ))
    } else if std::io::stdin().is_terminal() {
        let slot = match o.get("slot") {
            Some(s) => s.to_string(),
            None => default_slot(),
        };
        let pin = crate::pin::ask(&format!("Please enter password for token in slot {slot} "))
            .map_err(|e| LunaError(e.to_string()))?;
        Some(HeldPin::new(pin))
    } else {
        // hsmctl's own sources (--pin-* are not Luna's) and its error for none: exit 5.
        None
    };
    Ok(PIN.get_or_init(|| pin).as_ref())
}

/// The slot a command without -slot uses: the only initialized token's.
fn default_slot() -> String {
    super::slots()
        .ok()
        .and_then(|r| {
            let init: Vec<u64> = r
                .slots
                .iter()
                .filter(|x| x.token.as_ref().is_some_and(|t| t.flags.token_initialized))
                .map(|x| x.slot_id)
                .collect();
            (init.len() == 1).then(|| init[0].to_string())
        })
        .unwrap_or_else(|| "0".into())
}

/// The stable object numbers (see `store::luna_handles`) in the home directory.
fn numbers() -> anyhow::Result<Handles> {
    let home = crate::store::config::home_dir(None).ok_or_else(|| {
        crate::exit::fail_hint(
            Exit::Usage,
            "no home directory for cmu's object numbers",
            "set HSMCTL_HOME",
        )
    })?;
    Handles::open(&home, std::time::Duration::from_secs(120))
}

/// The hsmctl selectors for a cmu handle: token serial, and class, CKA_ID and label (`exact`),
/// or just what names the key pair (the id, else the label).
fn object(handle: &str, exact: bool) -> Result<Vec<String>, LunaError> {
    let n: u64 = handle
        .parse()
        .map_err(|_| LunaError(format!("-handle '{handle}' is not a number")))?;
    let numbers = numbers().map_err(|e| LunaError(e.to_string()))?;
    let Some(x) = numbers.resolve(n) else {
        return Err(LunaError(format!(
            "handle {n} is not known; `cmu list` shows the objects and their handles"
        )));
    };
    if x.id.is_empty() && x.label.is_empty() {
        return Err(LunaError(format!(
            "object {n} has neither an id nor a label to find it by; give it a label with hsmctl"
        )));
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
    // The label only when there is no id: a label changed since (by hsmctl or Luna's tools)
    // must not lose the object.
    if x.id.is_empty() {
        v.extend([s("--label"), x.label.clone()]);
    }
    Ok(v)
}

/// Luna's curve names and numbers.
fn curve(text: &str) -> Result<&'static str, LunaError> {
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

/// Luna's RSA mechanism choice: the menu's numbers or names.
fn mechanism(text: &str) -> Result<Option<&'static str>, LunaError> {
    Ok(match text.to_ascii_lowercase().as_str() {
        "1" | "pkcs" => Some("pkcs"),
        // FIPS 186-3 auxiliary primes: X9.31 generation is the standard mechanism for it.
        "3" | "aux" | "auxprimes" | "fips186-3-aux" | "x9.31" | "x931" => Some("x9.31"),
        // FIPS 186-3 "only primes" is a Luna vendor mechanism with no standard equivalent.
        "2" | "prime" | "primes" | "fips186-3-primes" => None,
        _ => {
            return Err(LunaError(format!(
                "-mech '{text}' is not pkcs (1), prime (2) or aux (3)"
            )));
        }
    })
}

/// Asks Luna's RSA mechanism question on a terminal.
fn mechanism_menu() -> Result<Option<&'static str>, LunaError> {
    use std::io::{BufRead, Write};
    loop {
        eprint!(
            "Select RSA Mechanism Type -\n[1] PKCS [2] FIPS 186-3 Only Primes [3] FIPS 186-3 Auxiliary Primes : "
        );
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line).unwrap_or(0) == 0 {
            return Err(LunaError("no mechanism chosen".into()));
        }
        match line.trim() {
            "1" | "2" | "3" => return mechanism(line.trim()),
            _ => eprintln!("Please enter 1, 2 or 3."),
        }
    }
}

fn run(cmd: &str, rest: &[String]) -> Result<i32, LunaError> {
    Ok(match cmd {
        "generatekeypair" => return generatekeypair(rest),
        "import" => return import(rest),
        "list" => {
            let o = parse_opts(rest, options_of(COMMANDS, cmd))?;
            // Everything is listed and numbered (so numbers of deleted objects are dropped),
            // then the filter is applied.
            let mut argv = vec![s("list"), s("--login")];
            let class = match o.get("class").map(str::to_ascii_lowercase).as_deref() {
                None => None,
                Some("privatekey" | "private" | "3") => Some("CKO_PRIVATE_KEY"),
                Some("publickey" | "public" | "2") => Some("CKO_PUBLIC_KEY"),
                Some("certificate" | "cert" | "1") => Some("CKO_CERTIFICATE"),
                Some("secretkey" | "secret" | "4") => Some("CKO_SECRET_KEY"),
                Some("data" | "0") => Some("CKO_DATA"),
                Some(c) => return Err(LunaError(format!("-class '{c}' is not a class"))),
            };
            let label = o.get("label").map(str::to_string);
            common(&o, &mut argv)?;
            render_with(&argv, |ctx, c| match c {
                Command::List(a) => {
                    let r = crate::commands::list::run(ctx, &a)?;
                    let keys: Vec<Key> = r
                        .objects
                        .iter()
                        .map(|x| (x.class.as_str(), x.id.as_str(), x.label.as_str()))
                        .collect();
                    let mut numbers = numbers()?;
                    let nums = numbers.number(&r.serial, &keys, true);
                    numbers.save()?;
                    Ok(r.objects
                        .iter()
                        .zip(nums)
                        .filter(|(x, _)| {
                            class.is_none_or(|c| x.class == c)
                                && label.as_ref().is_none_or(|l| &x.label == l)
                        })
                        .map(|(x, n)| format!("handle={n}   label={}\n", x.label))
                        .collect::<String>())
                }
                _ => unreachable!("translated to list"),
            })
        }
        "getattribute" => {
            let o = parse_opts(rest, options_of(COMMANDS, cmd))?;
            let handle = o.need("handle", cmd)?;
            let mut argv = vec![s("show"), s("--login")];
            argv.extend(object(&handle, true)?);
            common(&o, &mut argv)?;
            render_with(&argv, |ctx, c| match c {
                Command::Show(a) => crate::commands::show::run(ctx, &a)
                    .map(|r| format!("handle={handle}\n{}", render::cmu_attributes(&r))),
                _ => unreachable!("translated to show"),
            })
        }
        "setattribute" => {
            let o = parse_opts(rest, options_of(COMMANDS, cmd))?;
            let mut argv = vec![s("setattribute")];
            argv.extend(object(&o.need("handle", cmd)?, true)?);
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
                ));
            }
            common(&o, &mut argv)?;
            run_translated(&argv)
        }
        "delete" => {
            let o = parse_opts(rest, options_of(COMMANDS, cmd))?;
            let mut argv = vec![s("delete")];
            argv.extend(object(&o.need("handle", cmd)?, true)?);
            if o.on("force") {
                argv.push(s("--yes"));
            }
            common(&o, &mut argv)?;
            run_translated(&argv)
        }
        "export" => {
            let o = parse_opts(rest, options_of(COMMANDS, cmd))?;
            let handle = object(&o.need("handle", cmd)?, true)?;
            let out = o.need("outputfile", cmd)?;
            let mut argv = if o.on("key") {
                let mut v = vec![s("export-pubkey")];
                v.extend(handle);
                v.extend([s("--format"), s(if o.on("binary") { "der" } else { "pem" })]);
                v
            } else {
                let mut v = vec![s("export-cert")];
                v.extend(handle);
                if o.on("binary") {
                    v.push(s("--der"));
                }
                v
            };
            argv.extend([s("-o"), out]);
            common(&o, &mut argv)?;
            run_translated(&argv)
        }
        "requestcertificate" | "selfsigncertificate" => return certificate(cmd, rest),
        "certify" => return certify(rest),
        _ => 0,
    })
}

fn generatekeypair(rest: &[String]) -> Result<i32, LunaError> {
    let o = parse_opts(rest, options_of(COMMANDS, "generatekeypair"))?;
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
            return Err(LunaError(format!(
                "-keyType '{other}' is not RSA, ECDSA or EDDSA"
            )));
        }
    };
    let mut argv = vec![s("generatekeypair"), s("--key-type"), key_type.clone()];
    if key_type.starts_with("rsa:") {
        let mech = match o.get("mech") {
            Some(m) => mechanism(m)?,
            None if std::io::stdin().is_terminal() => mechanism_menu()?,
            None => Some("pkcs"),
        };
        let Some(mech) = mech else {
            eprintln!(
                "Error: FIPS 186-3 \"only primes\" generation is a Luna vendor mechanism; this \
                 module offers the standard ones: PKCS (-mech=pkcs) and, where supported, \
                 auxiliary primes by X9.31 (-mech=aux)"
            );
            return Ok(Exit::Unsupported.code());
        };
        argv.extend([s("--mechanism"), s(mech)]);
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
    common(&o, &mut argv)?;
    let generated = super::with_command(&argv, |ctx, c| match c {
        Command::Generatekeypair(a) => crate::commands::keygen::run(ctx, &a),
        _ => unreachable!("translated to generatekeypair"),
    });
    match generated {
        Ok(r) => Ok(announce_pair(&r.public, &r.private, "generated")),
        Err(code) => Ok(code),
    }
}

/// Numbers a new key pair's halves as cmu handles and says so, as cmu does; the exit code.
fn announce_pair(
    public: &crate::hsm::ObjectInfo,
    private: &crate::hsm::ObjectInfo,
    done: &str,
) -> i32 {
    let serial = public
        .uri
        .parse::<crate::formats::pkcs11_uri::Pkcs11Uri>()
        .ok()
        .and_then(|u| u.serial)
        .unwrap_or_default();
    let numbered = numbers().and_then(|mut n| {
        let nums = n.number(
            &serial,
            &[
                ("CKO_PUBLIC_KEY", &public.id, &public.label),
                ("CKO_PRIVATE_KEY", &private.id, &private.label),
            ],
            false,
        );
        n.save()?;
        Ok(nums)
    });
    let (public, private) = match numbered {
        Ok(n) => (n[0], n[1]),
        Err(e) => return crate::report_error(&e).code(),
    };
    print(&format!(
        "...The key pair was successfully {done} -> public handle({public}), private handle({private})\n"
    ))
}

/// `cmu import -inputFile=F`: a certificate becomes `import-cert`, a private key (PKCS#8,
/// PKCS#1, SEC1, OpenSSH, PKCS#12 with `-pkcs12` or without: the format is read from the file;
/// encrypted ones take their passphrase from HSMCTL_KEY_PASSPHRASE or the prompt) becomes
/// `import-key`, unwrapped where the module wants that.
fn import(rest: &[String]) -> Result<i32, LunaError> {
    let o = parse_opts(rest, options_of(COMMANDS, "import"))?;
    let file = o.need("inputFile", "import")?;
    if let Some(alg) = o.get("keyalg")
        && !matches!(
            alg.to_ascii_lowercase().as_str(),
            "rsa" | "ec" | "ecdsa" | "eddsa" | "ed25519"
        )
    {
        return Err(LunaError(format!(
            "-keyalg '{alg}' is not RSA, EC or EDDSA (the key type is read from the file)"
        )));
    }
    let head = std::fs::read(&file).unwrap_or_default();
    let is_cert = String::from_utf8_lossy(&head).contains("-----BEGIN CERTIFICATE-----");
    let label = o.get("label").map(str::to_string).unwrap_or_else(|| {
        std::path::Path::new(&file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "imported".into())
    });
    let mut argv = vec![
        s(if is_cert { "import-cert" } else { "import-key" }),
        file,
        s("--label"),
        label,
    ];
    if is_cert {
        common(&o, &mut argv)?;
        return Ok(run_translated(&argv));
    }
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
    common(&o, &mut argv)?;
    Ok(
        match super::with_command(&argv, |ctx, c| match c {
            Command::ImportKey(a) => crate::commands::import_key::run(ctx, &a),
            _ => unreachable!("translated to import-key"),
        }) {
            Ok(r) => announce_pair(&r.public, &r.private, "imported"),
            Err(code) => code,
        },
    )
}

fn certificate(cmd: &str, rest: &[String]) -> Result<i32, LunaError> {
    let o = parse_opts(rest, options_of(COMMANDS, cmd))?;
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
    argv.extend(object(handle, false)?);
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
        if o.get("label").is_some() {
            argv.push(s("--store"));
        }
    }
    common(&o, &mut argv)?;
    Ok(run_translated(&argv))
}

/// `certify`: a certificate for a request, signed by the CA key `-handle` (or
/// `-privatehandle`), as `sign-csr`. Luna's spellings could not all be confirmed, so both
/// `-serialNum` and `-serialNumber` are taken; names ignore case.
fn certify(rest: &[String]) -> Result<i32, LunaError> {
    let o = parse_opts(rest, options_of(COMMANDS, "certify"))?;
    let handle = o
        .get("handle")
        .or(o.get("privatehandle"))
        .ok_or_else(|| LunaError("certify needs -handle (the CA's private key)".into()))?;
    let input = o.need("inputfile", "certify")?;
    let output = o.need("outputfile", "certify")?;
    let mut argv = vec![s("sign-csr"), input, s("-o"), output];
    // The key's selectors, as the CA key's.
    let mut sel = object(handle, false)?.into_iter();
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
    common(&o, &mut argv)?;
    Ok(run_translated(&argv))
}

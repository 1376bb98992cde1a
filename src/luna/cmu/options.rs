//! cmu's option tables and usage text: what each command takes, in Luna's spelling.

use crate::luna::{Kind, Opt, Verb, opt};

/// Options every token command takes.
pub const COMMON: &[Opt] = &[opt("slot", Kind::Value), opt("password", Kind::Value)];

/// The certificate subject options of requestcertificate and selfsigncertificate.
pub const SUBJECT: [Opt; 7] = [
    opt("CN", Kind::Value),
    opt("O", Kind::Value),
    opt("OU", Kind::Value),
    opt("C", Kind::Value),
    opt("S", Kind::Value),
    opt("L", Kind::Value),
    opt("E", Kind::Value),
];

/// Luna's signature algorithm switches and the digest each picks.
pub const DIGESTS: [(&str, &str); 6] = [
    ("sha256withrsa", "sha256"),
    ("sha384withrsa", "sha384"),
    ("sha512withrsa", "sha512"),
    ("sha256withecdsa", "sha256"),
    ("sha384withecdsa", "sha384"),
    ("sha512withecdsa", "sha512"),
];

pub const CERTIFICATE_OPTS: &[Opt] = &[
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
pub const USAGE_FLAGS: &[&str] = &[
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
                         a key pair, or a certificate (stored whether or not its key is on the
                         token); Luna's other spellings could not be confirmed
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
Every command takes -slot=N (Luna's slot numbers: 0, 1, 2, ... in the module's order, the
order of `hsmctl slots`), and -password=PIN (visible to other users: prefer HSMCTL_PIN,
or the prompt). Curve types: 1 or prime256v1/secp256r1/P-256, 2 or secp384r1/P-384,
3 or secp521r1/P-521, 4 or ed25519/curve25519.
";

//! The EXAMPLES of the man pages: real command lines, in the order of one session on a fresh
//! SoftHSM2 store (a test runs them all, in this order, and every one must succeed). The PINs
//! come from HSMCTL_PIN / HSMCTL_SO_PIN, or the files old.pin and new.pin (mode 0600); the
//! passphrase of the backups from HSMCTL_BACKUP_PASSPHRASE and HSMCTL_PKCS12_PASSPHRASE.

/// (man page, what it does, the command line). The page is the command path as in `man
/// hsmctl-token-init` ("token init"), or "vtl", "cmu", "lunacm" for the Luna tools.
pub const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "token init",
        "Initialize the free token of a new store (SO and user PIN from HSMCTL_SO_PIN and HSMCTL_PIN)",
        "hsmctl token init --label demo",
    ),
    ("slots", "Every slot and token, as a table", "hsmctl slots"),
    (
        "slots",
        "The same as one JSON document",
        "hsmctl slots --json",
    ),
    (
        "slot show",
        "One token in detail, with its mechanisms",
        "hsmctl slot show --token demo --mechanisms",
    ),
    (
        "info",
        "Which module was loaded, and what it says of itself",
        "hsmctl info",
    ),
    (
        "generatekeypair",
        "An Ed25519 key pair for SSH logins (sensitive, not extractable)",
        "hsmctl generatekeypair --token demo --label ssh-key --key-type ed25519",
    ),
    (
        "generatekeypair",
        "A P-256 CA key that may only sign",
        "hsmctl generatekeypair --token demo --label ca --key-type ec:p256",
    ),
    (
        "list",
        "Every object, private ones included",
        "hsmctl list --token demo --login",
    ),
    (
        "list",
        "The keys whose label starts with ssh, with their URIs",
        "hsmctl list --token demo --label 'ssh*' --wide",
    ),
    (
        "show",
        "Every attribute of the public half of a key",
        "hsmctl show --token demo --label ssh-key --class public",
    ),
    (
        "export-ssh-pubkey",
        "The authorized_keys line of a token key",
        "hsmctl export-ssh-pubkey --token demo --label ssh-key",
    ),
    (
        "export-ssh-pubkey",
        "The same into a file, with a source restriction",
        "hsmctl export-ssh-pubkey --token demo --label ssh-key --options 'from=\"10.0.0.0/8\"' -o user.pub",
    ),
    (
        "export-pubkey",
        "A public key as SPKI PEM",
        "hsmctl export-pubkey --token demo --label ca --format pem -o ca.pub.pem",
    ),
    (
        "convert-pubkey",
        "An OpenSSH public key as SPKI PEM",
        "hsmctl convert-pubkey user.pub --format pem",
    ),
    (
        "sign-ssh-cert",
        "A user certificate for alice, valid for a year, signed by the token CA",
        "hsmctl sign-ssh-cert --token demo --ca-label ca -I alice -n alice -V +52w user.pub",
    ),
    (
        "agent",
        "Offer only the token key ssh-key to ssh (ssh-add -L lists it), then stop the agent",
        "eval \"$(hsmctl agent --token demo --label ssh-key)\" && ssh-add -L && eval \"$(hsmctl agent -k)\"",
    ),
    (
        "agent",
        "In the foreground for 2 seconds, logging as JSON lines, with the user certificate",
        "hsmctl agent --token demo --label ssh-key --cert user-cert.pub -D --lifetime 2 --json",
    ),
    (
        "request-cert",
        "A certificate request for a token key",
        "hsmctl request-cert --token demo --label ssh-key --cn host1.example --dns host1.example -o host1.csr",
    ),
    (
        "selfsign-cert",
        "A CA certificate for the token CA key, stored on the token beside it",
        "hsmctl selfsign-cert --token demo --label ca --cn 'Demo CA' --ca --days 3650 --store -o ca.crt",
    ),
    (
        "sign-csr",
        "A server certificate for the request, signed by the token CA",
        "hsmctl sign-csr --token demo --ca-label ca --profile server --days 365 host1.csr",
    ),
    (
        "export-cert",
        "The stored CA certificate, as PEM",
        "hsmctl export-cert --token demo --label ca -o ca-copy.crt",
    ),
    (
        "import-cert",
        "Store the server certificate beside its key",
        "hsmctl import-cert --token demo host1.crt",
    ),
    (
        "doctor",
        "Check that keys and certificates pair up",
        "hsmctl doctor --token demo",
    ),
    (
        "generatekey",
        "An AES-256 key that wraps and unwraps other keys (sensitive, not extractable)",
        "hsmctl generatekey --token demo --label wrap-key --key-type aes:256 --wrap --unwrap",
    ),
    (
        "generatekeypair",
        "Three P-256 pairs in one session: node-0001 to node-0003",
        "hsmctl generatekeypair --token demo --label node --key-type ec:p256 --count 3",
    ),
    (
        "import-key",
        "A key made by openssl onto the token, then the file overwritten and removed",
        "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out tls.key && \
         hsmctl import-key --token demo --label tls tls.key --shred --yes",
    ),
    (
        "sign",
        "Sign a file with the CA key (ECDSA with SHA-256, DER, as openssl dgst -sign)",
        "hsmctl sign --token demo --label ca host1.csr -o host1.csr.sig",
    ),
    (
        "verify-signature",
        "Check it with the token's public key",
        "hsmctl verify-signature --token demo --label ca host1.csr --signature host1.csr.sig",
    ),
    (
        "verify-signature",
        "The same with the public key file (openssl dgst -verify ca.pub.pem checks it too)",
        "hsmctl verify-signature --token demo --pubkey ca.pub.pem host1.csr --signature host1.csr.sig",
    ),
    (
        "test-key",
        "Sign and verify (or encrypt and decrypt) with every key inside the token",
        "hsmctl test-key --token demo",
    ),
    (
        "random",
        "32 random bytes from the token, as hex",
        "hsmctl random --token demo 32 --hex",
    ),
    (
        "setattribute",
        "Rename both halves of a key pair",
        "hsmctl setattribute --token demo --label ssh-key --pair --set label=ssh-login",
    ),
    (
        "selfsign-cert",
        "A server certificate naming this host, for the client directory",
        "hsmctl selfsign-cert --token demo --label ssh-login --cn hsm1.example --dns hsm1.example -o server.pem",
    ),
    (
        "createcert",
        "The client's key and certificate in the client directory",
        "hsmctl createcert -n client1",
    ),
    (
        "addserver",
        "Register a server's certificate (as vtl addServer)",
        "hsmctl addserver -n hsm1.example -c server.pem --htl",
    ),
    (
        "listservers",
        "The registered servers",
        "hsmctl listservers",
    ),
    (
        "htl install",
        "Install the server's one-time token",
        "hsmctl htl install -n hsm1.example ott.bin",
    ),
    (
        "htl show",
        "The one-time tokens installed",
        "hsmctl htl show",
    ),
    (
        "verify",
        "Check the client directory without loading a module",
        "hsmctl verify --no-slots",
    ),
    (
        "client-key show",
        "The client key and its certificate",
        "hsmctl client-key show",
    ),
    (
        "client-key backup",
        "Back the client key up, encrypted (passphrase from HSMCTL_BACKUP_PASSPHRASE)",
        "hsmctl client-key backup -o client1.key.p8",
    ),
    (
        "client-key export",
        "The client identity as PKCS#12 (passphrase from HSMCTL_PKCS12_PASSPHRASE)",
        "hsmctl client-key export --pkcs12 client1.p12",
    ),
    (
        "import-key",
        "That PKCS#12 file onto the token: the key pair and its certificate (same CKA_ID)",
        "hsmctl import-key --token demo --label client1 client1.p12 --passphrase-env HSMCTL_PKCS12_PASSPHRASE",
    ),
    (
        "client-key restore",
        "Put the backed-up key back (it must match the certificate)",
        "hsmctl client-key restore client1.key.p8 --force",
    ),
    (
        "client-key roll",
        "A new client key and certificate (the old pair kept as .old)",
        "hsmctl client-key roll",
    ),
    (
        "deleteserver",
        "Remove a server from the directory",
        "hsmctl deleteserver -n hsm1.example",
    ),
    (
        "vtl",
        "List the registered servers, in Luna's words",
        "vtl listServers",
    ),
    ("vtl", "The slots the client sees", "vtl verify"),
    (
        "cmu",
        "The objects of the token (PIN from HSMCTL_PIN)",
        "cmu list",
    ),
    (
        "lunacm",
        "The slots, once, without the shell",
        "lunacm -q slot list",
    ),
    (
        "delete",
        "Delete both halves of a key pair, without asking",
        "hsmctl delete --token demo --label ssh-login --pair --yes",
    ),
    (
        "completions",
        "Bash completion for this user (see --help for where other shells look)",
        "hsmctl completions bash > hsmctl.bash",
    ),
    (
        "token init-pin",
        "The SO sets a new user PIN (from new.pin)",
        "hsmctl token init-pin --token demo --pin-file new.pin",
    ),
    (
        "token set-pin",
        "Change the user PIN back (current from new.pin, new from old.pin)",
        "hsmctl token set-pin --token demo --pin-file new.pin --new-pin-file old.pin",
    ),
];

/// The EXAMPLES section of one man page: its own examples, or, for a page of commands (`token`,
/// `htl`), those of the commands under it.
pub fn for_page(page: &str) -> Vec<(&'static str, &'static str)> {
    let own: Vec<_> = EXAMPLES
        .iter()
        .filter(|(p, _, _)| *p == page)
        .map(|(_, what, line)| (*what, *line))
        .collect();
    if !own.is_empty() || page.is_empty() {
        return own;
    }
    EXAMPLES
        .iter()
        .filter(|(p, _, _)| {
            p.strip_prefix(page)
                .is_some_and(|rest| rest.starts_with(' '))
        })
        .map(|(_, what, line)| (*what, *line))
        .collect()
}

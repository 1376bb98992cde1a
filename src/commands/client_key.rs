//! `hsmctl client-key show | roll | backup | restore`: the client identity's key over its life
//! (the nShield `keys show/roll/backup/restore` workflow, for this client's own key).

use super::Ctx;
use crate::cli::client::{
    ClientKeyBackupArgs, ClientKeyExportArgs, ClientKeyRestoreArgs, ClientKeyRollArgs,
    ClientKeyShowArgs, ClientNameArgs, PassphraseArgs, Pkcs12Args,
};
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::cert::{CertSummary, parse_one_certificate};
use crate::formats::client_identity::{self, Identity};
use crate::formats::pem;
use crate::ops::identity::{checked_client_name, write_identity};
use crate::output::{Report, rfc3339};
use crate::pin::{PinSpec, obtain};
use crate::store::atomic::write_output;
use crate::store::client_dir::{ClientDir, read_regular};
use crate::store::input::read_input;
use anyhow::Result;
use secrecy::ExposeSecret;
use serde::Serialize;
use zeroize::Zeroizing;

/// The client identity as shown.
#[derive(Serialize)]
pub struct ClientKeyReport {
    /// What was done: "shown", "rolled", "backed up", "restored", "unchanged".
    pub action: &'static str,
    /// The client name.
    pub name: String,
    /// The key file.
    pub key_file: String,
    /// The key type (rsa:2048, ec:p256, ...).
    pub key_type: String,
    /// SHA-256 of the public key (SubjectPublicKeyInfo), lowercase hex.
    pub public_key_sha256: String,
    /// The public key, PEM.
    pub public_key: String,
    /// When the key file was written, RFC 3339.
    pub created: Option<String>,
    /// The certificate's subject.
    pub cert_subject: Option<String>,
    /// The certificate's expiry, RFC 3339.
    pub cert_not_after: Option<String>,
    /// Whether the certificate holds this key.
    pub cert_matches_key: bool,
    /// The backup file written (backup).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_file: Option<String>,
    /// The PKCS#12 file written (export).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pkcs12_file: Option<String>,
    /// A closing line for people (roll: where the old pair is kept).
    #[serde(skip)]
    pub note: Option<String>,
}

impl Report for ClientKeyReport {
    fn human(&self) -> String {
        let mut s = match self.action {
            "shown" => String::new(),
            a => format!("Client key of {} {a}.\n", self.name),
        };
        s.push_str(&format!(
            "Client:      {}\nKey file:    {}\nKey type:    {}\nCreated:     {}\nSHA-256:     {}\n",
            self.name,
            self.key_file,
            self.key_type,
            self.created.as_deref().unwrap_or("unknown"),
            self.public_key_sha256
        ));
        if let Some(b) = &self.backup_file {
            s.push_str(&format!("Backup:      {b}\n"));
        }
        if let Some(p) = &self.pkcs12_file {
            s.push_str(&format!("PKCS#12:     {p}\n"));
        }
        s.push_str(&format!(
            "Certificate: {} (until {}){}\n{}",
            self.cert_subject.as_deref().unwrap_or("missing"),
            self.cert_not_after.as_deref().unwrap_or("-"),
            if self.cert_matches_key {
                ""
            } else {
                ", DOES NOT MATCH THE KEY"
            },
            self.public_key
        ));
        s
    }

    fn summary(&self) -> Option<String> {
        self.note.clone()
    }
}

/// The client name: --name, else hsmctl.toml's `client`, else the only `cert/client/*.pem`.
fn client_name(dir: &ClientDir, a: &ClientNameArgs) -> Result<String> {
    if let Some(n) = &a.name {
        checked_client_name(n)?;
        return Ok(n.clone());
    }
    if let Some(c) = dir.config()?.client {
        return Ok(c);
    }
    let found: Vec<String> = std::fs::read_dir(dir.home().join("cert/client"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_suffix(".pem")
                .filter(|s| !s.ends_with("Key"))
                .map(str::to_string)
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(fail_hint(
            Exit::NotFound,
            "no client identity in this home",
            "create one with `hsmctl createcert -n HOSTNAME`",
        )),
        _ => Err(fail_hint(
            Exit::NotFound,
            format!("several client identities ({})", found.join(", ")),
            "pick one with --name",
        )),
    }
}

fn load_key(dir: &ClientDir, name: &str) -> Result<rcgen::KeyPair> {
    let path = dir.client_key(name);
    let bytes = Zeroizing::new(read_regular(&path)?.ok_or_else(|| {
        fail_hint(
            Exit::NotFound,
            format!("{} does not exist", path.display()),
            "create the client identity with `hsmctl createcert -n NAME`",
        )
    })?);
    client_identity::read_key(&bytes)
        .map_err(|e| fail(Exit::BadInput, format!("{}: {e}", path.display())))
}

fn describe(
    dir: &ClientDir,
    name: &str,
    key: &rcgen::KeyPair,
    action: &'static str,
) -> Result<ClientKeyReport> {
    let spki = client_identity::spki(key);
    let cert = read_regular(&dir.client_cert(name))?
        .and_then(|b| parse_one_certificate(&b).ok())
        .and_then(|der| CertSummary::of(&der).ok().map(|s| (der, s)));
    let cert_matches_key = cert
        .as_ref()
        .is_some_and(|(der, _)| client_identity::certifies(der, key));
    let created = std::fs::metadata(dir.client_key(name))
        .and_then(|m| m.modified())
        .ok()
        .map(|t| rfc3339(time::OffsetDateTime::from(t)));
    Ok(ClientKeyReport {
        action,
        name: name.to_string(),
        key_file: dir.client_key(name).display().to_string(),
        key_type: client_identity::key_type(key).name().to_string(),
        public_key_sha256: crate::formats::sha256_hex(&spki),
        public_key: pem::encode("PUBLIC KEY", &spki),
        created,
        cert_subject: cert.as_ref().map(|(_, s)| s.subject.clone()),
        cert_not_after: cert.map(|(_, s)| rfc3339(s.not_after)),
        cert_matches_key,
        backup_file: None,
        pkcs12_file: None,
        note: None,
    })
}

/// `client-key show`.
pub fn run_show(ctx: &Ctx, a: &ClientKeyShowArgs) -> Result<ClientKeyReport> {
    let dir = ctx.client_dir()?;
    let name = client_name(&dir, &a.client)?;
    let key = load_key(&dir, &name)?;
    describe(&dir, &name, &key, "shown")
}

/// `client-key roll`: a new pair in place, the old one kept as `.old`.
pub fn run_roll(ctx: &Ctx, a: &ClientKeyRollArgs) -> Result<ClientKeyReport> {
    let dir = ctx.client_dir_locked()?;
    let name = client_name(&dir, &a.client)?;
    let old = load_key(&dir, &name)?;
    let kind = a
        .key_type
        .map_or(client_identity::key_type(&old), Into::into);
    let id = client_identity::generate(kind, &name, a.days).map_err(|e| fail(Exit::Failed, e))?;
    write_identity(&dir, &name, &id, true)?;
    let note = format!(
        "The old key and certificate are kept as {}.old and {}.old; the appliance must be given \
         the new certificate before this client can connect again.",
        dir.client_key(&name).display(),
        dir.client_cert(&name).display()
    );
    let key = load_key(&dir, &name)?;
    let mut r = describe(&dir, &name, &key, "rolled")?;
    r.note = Some(note);
    Ok(r)
}

fn passphrase_spec(a: &PassphraseArgs, confirm: bool) -> PinSpec<'_> {
    PinSpec {
        what: "backup passphrase",
        flag: "--passphrase",
        file: a.passphrase_file.as_deref(),
        env: a.passphrase_env.as_deref(),
        fd: a.passphrase_fd,
        default_env: "HSMCTL_BACKUP_PASSPHRASE",
        uri_source: None,
        uri_value: None,
        confirm,
        held: None,
    }
}

/// A PKCS#12 file to write, checked before anything else is: the file free (or --force), the
/// chain read, the passphrase in hand.
pub struct Pkcs12Plan {
    /// Where it goes.
    pub path: std::path::PathBuf,
    chain: Vec<Vec<u8>>,
    pass: secrecy::SecretString,
}

impl Pkcs12Plan {
    /// The plan for --pkcs12, or None without it.
    pub fn new(a: &Pkcs12Args, force: bool) -> Result<Option<Self>> {
        let Some(path) = &a.pkcs12 else {
            return Ok(None);
        };
        crate::store::atomic::check_output(Some(path), force)?;
        let chain = match &a.chain {
            Some(c) => crate::formats::cert::parse_certificates(&read_input(c, "chain")?)
                .map_err(|e| fail(Exit::BadInput, format!("{}: {e}", c.display())))?,
            None => Vec::new(),
        };
        let spec = PinSpec {
            what: "PKCS#12 passphrase",
            default_env: "HSMCTL_PKCS12_PASSPHRASE",
            ..passphrase_spec(&a.passphrase, true)
        };
        let pass = obtain(&spec, "the PKCS#12 file")?;
        if pass.expose_secret().chars().count() < 8 {
            return Err(fail_hint(
                Exit::Usage,
                "the PKCS#12 passphrase is shorter than 8 characters",
                "choose a longer passphrase",
            ));
        }
        Ok(Some(Pkcs12Plan {
            path: path.clone(),
            chain,
            pass,
        }))
    }

    /// The file's bytes for the identity `name` (key PKCS#8 DER, certificate DER).
    pub fn bytes(&self, name: &str, key_pkcs8: &[u8], cert: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        crate::formats::pkcs12::write(
            key_pkcs8,
            cert,
            &self.chain,
            name,
            self.pass.expose_secret(),
        )
        .map(Zeroizing::new)
        .map_err(|e| fail(Exit::Failed, format!("cannot make the PKCS#12 file: {e}")))
    }
}

/// `client-key export --pkcs12`: the identity as a PKCS#12 file (0600).
pub fn run_export(ctx: &Ctx, a: &ClientKeyExportArgs) -> Result<ClientKeyReport> {
    let dir = ctx.client_dir()?;
    let name = client_name(&dir, &a.client)?;
    let key = load_key(&dir, &name)?;
    let cert = read_regular(&dir.client_cert(&name))?
        .and_then(|b| parse_one_certificate(&b).ok())
        .filter(|der| client_identity::certifies(der, &key))
        .ok_or_else(|| {
            fail_hint(
                Exit::NotFound,
                format!(
                    "{} is missing or does not hold the client key",
                    dir.client_cert(&name).display()
                ),
                "make the identity again with `hsmctl createcert`, or `client-key roll`",
            )
        })?;
    let Some(plan) = Pkcs12Plan::new(&a.pkcs12, a.force)? else {
        return Err(fail(Exit::Usage, "give --pkcs12 FILE"));
    };
    let der = Zeroizing::new(key.serialize_der());
    write_output(&plan.path, &plan.bytes(&name, &der, &cert)?, 0o600, a.force)?;
    let mut r = describe(&dir, &name, &key, "exported")?;
    r.pkcs12_file = Some(plan.path.display().to_string());
    Ok(r)
}

/// `client-key backup`: the key as encrypted PKCS#8 (PBES2: PBKDF2-SHA256 and AES-256-CBC).
pub fn run_backup(ctx: &Ctx, a: &ClientKeyBackupArgs) -> Result<ClientKeyReport> {
    let dir = ctx.client_dir()?;
    let name = client_name(&dir, &a.client)?;
    let key = load_key(&dir, &name)?;
    crate::store::atomic::check_output(Some(&a.out), a.force)?;
    let pass = obtain(
        &passphrase_spec(&a.passphrase, true),
        "the client key backup",
    )?;
    if pass.expose_secret().chars().count() < 8 {
        return Err(fail_hint(
            Exit::Usage,
            "the backup passphrase is shorter than 8 characters",
            "choose a longer passphrase",
        ));
    }
    let der = Zeroizing::new(key.serialize_der());
    let info = pkcs8::PrivateKeyInfo::try_from(der.as_slice())
        .map_err(|e| fail(Exit::Failed, e.to_string()))?;
    // PBKDF2-HMAC-SHA256 rather than pkcs8's default scrypt: OpenSSL refuses that scrypt
    // cost (over its 32 MiB limit), and an administrator must be able to read a backup with
    // `openssl pkey`. 600,000 iterations is OWASP's 2023 figure for PBKDF2-SHA256.
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|e| fail(Exit::Failed, e.to_string()))?;
    getrandom::getrandom(&mut iv).map_err(|e| fail(Exit::Failed, e.to_string()))?;
    let params = pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(600_000, &salt, &iv)
        .map_err(|e| fail(Exit::Failed, e.to_string()))?;
    let encrypted = info
        .encrypt_with_params(params, pass.expose_secret().as_bytes())
        .map_err(|e| fail(Exit::Failed, format!("cannot encrypt the key: {e}")))?;
    let text = pem::encode("ENCRYPTED PRIVATE KEY", encrypted.as_bytes());
    write_output(&a.out, text.as_bytes(), 0o600, a.force)?;
    let mut r = describe(&dir, &name, &key, "backed up")?;
    r.backup_file = Some(a.out.display().to_string());
    Ok(r)
}

/// `client-key restore`: puts back a backed-up key that matches the client certificate.
pub fn run_restore(ctx: &Ctx, a: &ClientKeyRestoreArgs) -> Result<ClientKeyReport> {
    let bytes = Zeroizing::new(read_input(&a.file, "backup file")?);
    let der = match std::str::from_utf8(&bytes) {
        Ok(t) if t.contains("-----BEGIN") => pem::decode(t.trim_start_matches('\u{feff}'))
            .map(|(_, d)| d)
            .map_err(|e| fail(Exit::BadInput, format!("{}: {e}", a.file.display())))?,
        _ => bytes.to_vec(),
    };
    let encrypted = pkcs8::EncryptedPrivateKeyInfo::try_from(der.as_slice()).map_err(|_| {
        fail_hint(
            Exit::BadInput,
            format!("{} is not an encrypted PKCS#8 key", a.file.display()),
            "give a file written by `hsmctl client-key backup`",
        )
    })?;
    let pass = obtain(
        &passphrase_spec(&a.passphrase, false),
        "the client key backup",
    )?;
    let plain = encrypted
        .decrypt(pass.expose_secret().as_bytes())
        .map_err(|_| {
            fail(
                Exit::Auth,
                "cannot decrypt the backup: wrong passphrase, or a damaged file",
            )
        })?;
    let key = client_identity::read_key(plain.as_bytes()).map_err(|e| fail(Exit::BadInput, e))?;
    let dir = ctx.client_dir_locked()?;
    let name = client_name(&dir, &a.client)?;
    let cert = read_regular(&dir.client_cert(&name))?.and_then(|b| parse_one_certificate(&b).ok());
    let matches = cert
        .as_deref()
        .is_some_and(|der| client_identity::certifies(der, &key));
    if !matches {
        return Err(fail_hint(
            Exit::BadInput,
            format!(
                "the backed-up key does not match {}; nothing was changed",
                dir.client_cert(&name).display()
            ),
            "restore the backup of this client's current key, or pick the client with --name",
        ));
    }
    let current = read_regular(&dir.client_key(&name))?.map(Zeroizing::new);
    let same = current
        .as_deref()
        .and_then(|b| client_identity::read_key(b).ok())
        .is_some_and(|k| k.serialize_der() == key.serialize_der());
    if same {
        return describe(&dir, &name, &key, "unchanged");
    }
    if current.is_some() && !a.force {
        return Err(fail_hint(
            Exit::Conflict,
            format!("{} holds another key", dir.client_key(&name).display()),
            "pass --force to replace it (it is kept as .old)",
        ));
    }
    let id = Identity {
        key_pkcs8: Zeroizing::new(key.serialize_der()),
        cert: cert.unwrap_or_default(),
    };
    write_identity(&dir, &name, &id, true)?;
    describe(&dir, &name, &key, "restored")
}

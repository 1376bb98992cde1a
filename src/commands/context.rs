//! What every command shares: the global options, the lazily loaded module, token selection
//! and PIN sources.

use crate::cli::args::{GlobalArgs, NewPinArgs, ObjectArgs, PinArgs, SoPinArgs, TokenArgs};
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::pkcs11_uri::Pkcs11Uri;
use crate::formats::pubkey::PublicKeyMaterial;
use crate::hsm::{
    Hsm, HsmSession, ModuleChoice, ObjClass, ObjectFilter, ObjectInfo, Role, SlotEntry, TokenEntry,
    TokenPublicKey, TokenSelector, Want, resolve_module, select_token,
};
use crate::pin::{self, PinSpec};
use crate::store::config;
use crate::store::lock::StoreLock;
use anyhow::Result;
use secrecy::{ExposeSecret, SecretString};
use std::cell::{OnceCell, RefCell};
use std::io::IsTerminal;
use std::path::PathBuf;

/// The state of one hsmctl run. The module is loaded on first use, so help, completions and
/// file-only commands never load one.
pub struct Ctx {
    global: GlobalArgs,
    // Declared before `lock`: the module is finalized before the store lock is released.
    hsm: OnceCell<Hsm>,
    lock: OnceCell<StoreLock>,
    // Warnings from shared steps (login, name checks) for the command's report.
    warnings: RefCell<Vec<String>>,
}

/// A token picked by the user's selector, with the parsed URI (for its PIN attributes).
pub struct Selected<'a> {
    /// The run's context.
    pub ctx: &'a Ctx,
    /// The loaded module.
    pub hsm: &'a Hsm,
    /// The slot and its token.
    pub slot: SlotEntry,
    /// The `--uri`, parsed.
    pub uri: Option<Pkcs11Uri>,
}

/// When a command logs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Login {
    /// Always (mutations, signing).
    Required,
    /// When asked (`--login`) or when a PIN source is at hand; else public objects only.
    IfAvailable(bool),
    /// Only when a PIN source is at hand, and no note otherwise (the command reads no
    /// objects: `random`).
    Quietly,
}

impl<'a> Selected<'a> {
    /// The selected token (present: selection only returns slots with a token).
    pub fn token(&self) -> Option<&TokenEntry> {
        self.slot.token.as_ref()
    }

    /// The selected initialized token.
    pub fn initialized(&self) -> Result<&TokenEntry> {
        self.slot.initialized_token().ok_or_else(|| {
            fail(
                Exit::Module,
                format!("the token in slot {} is not initialized", self.slot.slot_id),
            )
        })
    }

    /// Opens the one session a command uses, logging in per `login`.
    pub fn session(&self, rw: bool, mode: Login, pin_args: &PinArgs) -> Result<HsmSession<'a>> {
        let token = self.initialized()?.clone();
        let spec = user_pin_spec(pin_args, self.uri.as_ref(), false);
        let wanted = match mode {
            Login::Required => true,
            Login::IfAvailable(asked) => asked || spec.available(),
            Login::Quietly => spec.available(),
        };
        // Read the PIN before touching the token, so a missing source fails fast.
        let pin = if wanted {
            Some(self.ctx.pin(&spec, &self.name())?)
        } else {
            None
        };
        let session = self.hsm.session(self.slot.slot_id, rw)?;
        if let Some(pin) = pin {
            login(self.ctx, &session, Role::User, &pin, &token)?;
        } else if token.flags.login_required && mode != Login::Quietly {
            crate::output::note(
                "note: not logged in, so private objects are not included (use --login or a PIN source)",
            );
        }
        Ok(session)
    }

    /// A short name for prompts and messages.
    pub fn name(&self) -> String {
        match self.slot.initialized_token() {
            Some(t) => format!("token '{}' (serial {})", t.label, t.serial),
            None => format!("the free token in slot {}", self.slot.slot_id),
        }
    }
}

impl Drop for Ctx {
    // A run that failed (or whose report did not take them) still shows its warnings, before
    // the error message: the callers drop the context before they report the error.
    fn drop(&mut self) {
        crate::output::print_warnings(&self.take_warnings());
    }
}

impl Ctx {
    /// A context for one run.
    pub fn new(global: GlobalArgs) -> Self {
        Ctx {
            global,
            hsm: OnceCell::new(),
            lock: OnceCell::new(),
            warnings: RefCell::new(Vec::new()),
        }
    }

    /// Records a warning (without the `warning: ` prefix) for the run's report.
    pub fn warn(&self, warning: String) {
        self.warnings.borrow_mut().push(warning);
    }

    /// The warnings recorded so far, for a report; they are not printed again.
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut self.warnings.borrow_mut())
    }

    /// The client directory for reading (no lock, nothing created).
    pub fn client_dir(&self) -> Result<crate::store::client_dir::ClientDir> {
        crate::store::client_dir::ClientDir::read_only(self.global.home.as_deref())
    }

    /// The client directory, locked for a change (exit 10 after --lock-timeout).
    pub fn client_dir_locked(&self) -> Result<crate::store::client_dir::ClientDir> {
        crate::store::client_dir::ClientDir::lock(
            self.global.home.as_deref(),
            std::time::Duration::from_secs(self.global.lock_timeout),
        )
    }

    /// Prints a progress or diagnostic line on stderr when `-v` was given.
    pub fn verbose(&self, msg: impl FnOnce() -> String) {
        if self.global.verbose > 0 {
            crate::output::note(&format!("hsmctl: {}", msg()));
        }
    }

    /// The module, loaded and initialized once per process.
    pub fn hsm(&self, uri: Option<&Pkcs11Uri>) -> Result<&Hsm> {
        if let Some(h) = self.hsm.get() {
            return Ok(h);
        }
        let nonempty = |v: std::ffi::OsString| (!v.is_empty()).then(|| PathBuf::from(v));
        let mut choice = ModuleChoice {
            flag: self.global.module.clone(),
            // module-name names a p11-kit module (resolved like --module NAME).
            uri: uri.and_then(|u| {
                u.module_path
                    .clone()
                    .or_else(|| u.module_name.as_ref().map(PathBuf::from))
            }),
            env: std::env::var_os("HSMCTL_MODULE").and_then(nonempty),
            config: None,
        };
        // The config file is read only when nothing more specific named a module.
        if choice.flag.is_none() && choice.uri.is_none() && choice.env.is_none() {
            let home = config::home_dir(self.global.home.as_deref());
            let (cfg, path) = config::load(home.as_deref())?;
            choice.config = cfg.module.zip(path);
        }
        let (path, source) = resolve_module(choice)?;
        self.verbose(|| format!("module {} ({source})", path.display()));
        self.take_store_lock(&path)?;
        let hsm = Hsm::load(&path, self.global.insecure_module)?;
        Ok(self.hsm.get_or_init(|| hsm))
    }

    /// Holds the store's lock from before C_Initialize. Read-only commands go on without it when
    /// it cannot be had (no writable runtime directory); mutations then fail in [`Ctx::lock`].
    fn take_store_lock(&self, module: &std::path::Path) -> Result<()> {
        let timeout = std::time::Duration::from_secs(self.global.lock_timeout);
        match StoreLock::open(module, timeout) {
            Ok(lock) => {
                lock.acquire()?;
                let _ = self.lock.set(lock);
            }
            Err(e) => self.verbose(|| format!("no store lock: {e}")),
        }
        Ok(())
    }

    /// Confirms the store lock is held before a token is changed: a mutation without it could
    /// lose data on SoftHSM2, so it is refused (exit 9).
    pub fn lock(&self, sel: &Selected) -> Result<()> {
        self.lock.get().map(|_| ()).ok_or_else(|| {
            fail_hint(
                Exit::Io,
                format!("cannot lock the token store of {} for a change", sel.name()),
                "hsmctl keeps its store locks in $XDG_RUNTIME_DIR/hsmctl-locks (else in the temp \
                 directory): make that writable, or set XDG_RUNTIME_DIR",
            )
        })
    }

    /// Reads a PIN; while a prompt waits for a person, the store lock is let go.
    pub fn pin(&self, spec: &PinSpec, context: &str) -> Result<SecretString> {
        if spec.available() || !std::io::stdin().is_terminal() {
            pin::obtain(spec, context)
        } else {
            self.unlocked(|| pin::obtain(spec, context))
        }
    }

    /// Asks a person before a destructive change: on a terminal a yes/no prompt (default no,
    /// with the store lock let go while it waits); otherwise `--yes` is required (exit 2).
    pub fn confirm(&self, yes: bool, what: &str, prompt: &str) -> Result<()> {
        if yes {
            return Ok(());
        }
        if !std::io::stdin().is_terminal() {
            return Err(fail_hint(
                Exit::Usage,
                format!("{what} needs confirmation, and stdin is not a terminal"),
                "pass --yes",
            ));
        }
        let ok = self.unlocked(|| {
            dialoguer::Confirm::new()
                .with_prompt(prompt)
                .default(false)
                .interact()
                .map_err(|e| fail(Exit::Interrupted, format!("no confirmation: {e}")))
        })?;
        if ok {
            Ok(())
        } else {
            Err(fail(Exit::Usage, "not confirmed; nothing changed"))
        }
    }

    /// Runs `f` (which may wait for a person) with the store lock let go, then retakes it.
    pub fn unlocked<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let Some(lock) = self.lock.get() else {
            return f();
        };
        lock.release();
        let result = f();
        lock.acquire()?;
        result
    }

    /// Loads the module and picks the token the user selected.
    pub fn select(&self, args: &TokenArgs, want: Want) -> Result<Selected<'_>> {
        let uri = match &args.uri {
            None => None,
            Some(text) => Some(text.parse::<Pkcs11Uri>().map_err(|e| {
                fail_hint(
                    Exit::Usage,
                    format!("invalid --uri: {e}"),
                    "a token URI looks like 'pkcs11:token=LABEL' or 'pkcs11:serial=SERIAL'",
                )
            })?),
        };
        let hsm = self.hsm(uri.as_ref())?;
        let slots = hsm.slots()?;
        let selector = TokenSelector {
            label: args.token.clone(),
            serial: args.serial.clone(),
            slot: args.slot,
            uri,
        };
        let slot = select_token(&slots, &selector, want)?.clone();
        self.verbose(|| format!("selected {}", slot.describe()));
        Ok(Selected {
            ctx: self,
            hsm,
            slot,
            uri: selector.uri,
        })
    }
}

/// The user PIN's sources, including `pin-source`/`pin-value` from the token URI.
pub fn user_pin_spec<'a>(a: &'a PinArgs, uri: Option<&'a Pkcs11Uri>, confirm: bool) -> PinSpec<'a> {
    PinSpec {
        what: "user PIN",
        flag: "--pin",
        file: a.pin_file.as_deref(),
        env: a.pin_env.as_deref(),
        fd: a.pin_fd,
        default_env: "HSMCTL_PIN",
        uri_source: uri.and_then(|u| u.pin_source.as_ref()).map(|s| {
            // RFC 7512 allows a file: URI or a plain path.
            PathBuf::from(s.strip_prefix("file:").unwrap_or(s))
        }),
        uri_value: uri.and_then(|u| u.pin_value.as_ref()),
        confirm,
        held: a.held.as_ref(),
    }
}

/// The security officer PIN's sources.
pub fn so_pin_spec(a: &SoPinArgs, confirm: bool) -> PinSpec<'_> {
    PinSpec {
        what: "SO PIN",
        flag: "--so-pin",
        file: a.so_pin_file.as_deref(),
        env: a.so_pin_env.as_deref(),
        fd: a.so_pin_fd,
        default_env: "HSMCTL_SO_PIN",
        uri_source: None,
        uri_value: None,
        confirm,
        held: a.held.as_ref(),
    }
}

/// A new PIN's sources (always confirmed on a terminal).
pub fn new_pin_spec(a: &NewPinArgs) -> PinSpec<'_> {
    PinSpec {
        what: "new PIN",
        flag: "--new-pin",
        file: a.new_pin_file.as_deref(),
        env: a.new_pin_env.as_deref(),
        fd: a.new_pin_fd,
        default_env: "HSMCTL_NEW_PIN",
        uri_source: None,
        uri_value: None,
        confirm: true,
        held: a.held.as_ref(),
    }
}

/// The PIN's length when the token's PIN length range excludes it (None when it fits).
fn outside_pin_range(pin: &SecretString, token: &TokenEntry) -> Option<usize> {
    let len = pin.expose_secret().len();
    let (min, max) = (token.min_pin_length, token.max_pin_length);
    // Some modules report 0 for "no limit"; only enforce a real range.
    ((min > 0 && len < min) || (max > 0 && len > max)).then_some(len)
}

/// Refuses a PIN the token would reject for its length, before the token sees it.
pub fn check_pin_length(pin: &SecretString, token: &TokenEntry, what: &str) -> Result<()> {
    if let Some(len) = outside_pin_range(pin, token) {
        return Err(fail(
            Exit::Usage,
            format!(
                "the {what} has {len} characters; this token accepts {} to {}",
                token.min_pin_length, token.max_pin_length
            ),
        ));
    }
    Ok(())
}

/// Parses a hex CKA_ID (an optional 0x prefix and ':' separators are accepted).
pub fn parse_id(text: &str) -> Result<Vec<u8>> {
    crate::formats::parse_hex_id(text).ok_or_else(|| {
        fail_hint(
            Exit::Usage,
            format!("--id '{text}' is not a hex byte string"),
            "give an even number of hex digits, as --id 0a1b2c",
        )
    })
}

/// The object filter from `--label/--id/--class/--handle` and the URI's object, id and type.
pub fn object_filter(args: &ObjectArgs, uri: Option<&Pkcs11Uri>) -> Result<ObjectFilter> {
    let mut f = ObjectFilter {
        class: args.class.map(Into::into),
        key_type: None,
        label: args.label.clone(),
        id: args.id.as_deref().map(parse_id).transpose()?,
        handle: args.handle,
    };
    if let Some(u) = uri {
        let conflict =
            |what: &str| fail(Exit::Usage, format!("--{what} and the URI's {what} differ"));
        if let Some(o) = &u.object {
            if f.label.as_ref().is_some_and(|l| l != o) {
                return Err(conflict("label"));
            }
            f.label = Some(o.clone());
        }
        if let Some(id) = &u.id {
            if f.id.as_ref().is_some_and(|i| i != id) {
                return Err(conflict("id"));
            }
            f.id = Some(id.clone());
        }
        if let Some(t) = &u.object_type {
            let c = ObjClass::from_uri_type(t);
            if f.class.is_some() && f.class != c {
                return Err(conflict("class"));
            }
            f.class = c;
        }
    }
    Ok(f)
}

/// The objects matching `filter`, decoded; none is "not found" (exit 6).
pub fn matching(
    session: &HsmSession,
    filter: &ObjectFilter,
    token: &TokenEntry,
) -> Result<Vec<ObjectInfo>> {
    let found = session.list(filter, token)?;
    if found.is_empty() {
        return Err(fail_hint(
            Exit::NotFound,
            format!(
                "no object matches {} on token '{}'",
                filter.describe(),
                token.label
            ),
            format!(
                "`hsmctl list --token {} --login` shows the objects, private ones included",
                shell_word(&token.label)
            ),
        ));
    }
    Ok(found)
}

/// Exactly one object, or exit 6 naming what matched.
pub fn exactly_one(
    session: &HsmSession,
    filter: &ObjectFilter,
    token: &TokenEntry,
) -> Result<ObjectInfo> {
    if filter.is_empty() {
        return Err(fail(
            Exit::Usage,
            "select the object with --label, --id, --class or --uri",
        ));
    }
    let mut found = matching(session, filter, token)?;
    if found.len() > 1 {
        return Err(too_many(
            filter,
            &found,
            "narrow the selection with --class private|public|cert, --id, or --uri with an \
             object's URI from `hsmctl list --json`",
        ));
    }
    Ok(found.remove(0))
}

/// A selector that matched more than one object (exit 6), naming them all.
pub fn too_many(filter: &ObjectFilter, found: &[ObjectInfo], hint: &str) -> anyhow::Error {
    let names: Vec<String> = found.iter().map(describe_object).collect();
    fail_hint(
        Exit::NotFound,
        format!(
            "{} matches {} objects: {}",
            filter.describe(),
            found.len(),
            names.join("; ")
        ),
        hint,
    )
}

/// "private key 'label' (id 0a0b, handle 7)" for messages.
pub fn describe_object(o: &ObjectInfo) -> String {
    let class = o
        .class
        .trim_start_matches("CKO_")
        .replace('_', " ")
        .to_lowercase();
    format!(
        "{class} '{}' (id {}, handle {})",
        o.label,
        if o.id.is_empty() { "none" } else { &o.id },
        o.handle
    )
}

/// The key pair a filter selects: its public key (decoded) and the handle of the private key
/// that signs. One search finds both halves when they share the selector (label, id); else the
/// private half is looked up by CKA_ID.
pub fn signing_pair(
    session: &HsmSession,
    filter: &ObjectFilter,
    token: &TokenEntry,
) -> Result<(TokenPublicKey, u64)> {
    if filter.is_empty() {
        return Err(fail(
            Exit::Usage,
            "select the key with --label, --id or --uri",
        ));
    }
    let (publics, privates) = session.key_halves(filter, token)?;
    let public = one_public_key(publics, filter, token)?;
    let same_id: Vec<_> = privates
        .iter()
        .filter(|p| p.id == public.id_bytes)
        .collect();
    let handle = match same_id.as_slice() {
        [p] if p.can_sign => p.handle,
        _ => session.signing_key(&public.id_bytes)?,
    };
    Ok((public, handle))
}

/// Exactly one public key out of what `filter` matched, or exit 6 naming the matches.
pub fn one_public_key(
    mut found: Vec<TokenPublicKey>,
    filter: &ObjectFilter,
    token: &TokenEntry,
) -> Result<TokenPublicKey> {
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(fail_hint(
            Exit::NotFound,
            format!(
                "no public key matches {} on token '{}'",
                filter.describe(),
                token.label
            ),
            format!(
                "`hsmctl list --token {} --class public` shows them (with --login, also keys \
                 whose public half is private)",
                shell_word(&token.label)
            ),
        )),
        n => {
            let names: Vec<String> = found
                .iter()
                .map(|k| format!("'{}' (id {})", k.label, k.id))
                .collect();
            Err(fail_hint(
                Exit::NotFound,
                format!(
                    "{} matches {n} public keys: {}",
                    filter.describe(),
                    names.join(", ")
                ),
                "select one with --id or --uri",
            ))
        }
    }
}

/// A token public key's material, or exit 8 when hsmctl cannot use it (an unsupported curve).
pub fn usable(k: &TokenPublicKey) -> Result<PublicKeyMaterial> {
    k.material.clone().map_err(|e| {
        fail(
            Exit::Unsupported,
            format!("key '{}' (id {}): {e}", k.label, k.id),
        )
    })
}

/// Logs in once, after refusing a locked PIN and warning when the next failure may lock it.
pub fn login(
    ctx: &Ctx,
    session: &HsmSession,
    role: Role,
    pin: &SecretString,
    token: &TokenEntry,
) -> Result<()> {
    let f = &token.flags;
    let (locked, final_try, low, who) = match role {
        Role::User => (
            f.user_pin_locked,
            f.user_pin_final_try,
            f.user_pin_count_low,
            "user",
        ),
        Role::So => (
            f.so_pin_locked,
            f.so_pin_final_try,
            f.so_pin_count_low,
            "SO",
        ),
    };
    if locked {
        return Err(fail_hint(
            Exit::Auth,
            format!("the {who} PIN of token '{}' is locked", token.label),
            match role {
                Role::User => {
                    "the security officer can set a new user PIN with `hsmctl token init-pin`"
                }
                Role::So => {
                    "the SO PIN can only be reset by re-initializing the token, which erases it"
                }
            },
        ));
    }
    if final_try {
        ctx.warn(format!(
            "one more wrong {who} PIN locks token '{}'",
            token.label
        ));
    } else if low {
        ctx.warn(format!(
            "a wrong {who} PIN was entered on token '{}' since the last login",
            token.label
        ));
    }
    // A PIN the token's length range excludes cannot be right: refused here, it costs no retry.
    if let Some(len) = outside_pin_range(pin, token) {
        return Err(fail_hint(
            Exit::Auth,
            format!(
                "the {who} PIN given has {len} characters; token '{}' takes {} to {}",
                token.label, token.min_pin_length, token.max_pin_length
            ),
            "it was not tried (a wrong PIN costs a retry); check the PIN source",
        ));
    }
    session.login(role, pin).map_err(|e| {
        if e.code().map(crate::hsm::ckr_name).as_deref() == Some("CKR_PIN_INCORRECT") {
            let what = if who == "SO" { "SO PIN" } else { "user PIN" };
            fail_hint(
                Exit::Auth,
                format!(
                    "token '{}' refused {} (C_Login: CKR_PIN_INCORRECT)",
                    token.label,
                    crate::pin::source_of(what)
                ),
                "hsmctl never retries a login, so a token that counts failures lost one \
                 attempt; correct that source and run the command again",
            )
        } else {
            e.into()
        }
    })?;
    Ok(())
}

/// A word quoted for a shell command line shown in a hint (only when it needs quoting).
pub fn shell_word(w: &str) -> String {
    if !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:/@+=,".contains(c))
    {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', "'\\''"))
    }
}

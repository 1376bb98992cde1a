//! The run context every command shares: the global options, the lazily loaded module, the
//! store lock, and the warnings collected for the report.

use super::token_select::Selected;
use crate::cli::args::GlobalArgs;
use crate::exit::{Exit, fail, fail_hint};
use crate::formats::pkcs11_uri::Pkcs11Uri;
use crate::hsm::{Hsm, ModuleChoice, resolve_module};
use crate::pin::{self, PinSpec};
use crate::store::config;
use crate::store::lock::StoreLock;
use anyhow::Result;
use secrecy::SecretString;
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

    /// Lets the store lock go for the rest of the run: a long-running reader (the agent) must
    /// not hold every other hsmctl command on this store waiting.
    pub fn release_store_lock(&self) {
        if let Some(lock) = self.lock.get() {
            lock.release();
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

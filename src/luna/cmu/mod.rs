//! `cmu`: Luna's certificate management utility (generatekeypair, list, getattribute,
//! setattribute, delete, export, requestcertificate, selfsigncertificate, certify), translated into
//! hsmctl's commands. Luna's grammar: `-opt=value` or `-opt value`, names ignoring case,
//! booleans T/F, 1/0, true/false, commands abbreviated to an unambiguous prefix. Split by job:
//! `options` (the tables), `translate` (pure: a command line in, a plan out), `prompt` (the
//! password and the mechanism menu); the handle map is `store::luna_handles`.

mod options;
mod prompt;
pub mod translate;

pub use options::{COMMANDS, USAGE};

use crate::cli::Command;
use crate::exit::Exit;
use crate::luna::{Stop, options_of, pick, print, render, render_with, run_translated};
use crate::store::luna_handles::{Handles, Key, Numbered};
use translate::{Facts, Plan, Refusal, Refuse, Render};

/// Runs `cmu` with the process arguments; returns the exit code.
pub fn main() -> i32 {
    crate::sys::guard_std_fds();
    crate::luna::set_tool(crate::luna::Tool::Cmu);
    let args = match crate::luna::args() {
        Ok(a) => a,
        Err(e) => return crate::luna::usage_error("cmu", &e),
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
        Err(e) => return crate::luna::usage_error("cmu", &e),
    };
    if cmd == "help" {
        return print(USAGE);
    }
    crate::luna::running(options_of(COMMANDS, cmd));
    match run(cmd, &args[1..]) {
        Ok(code) => code,
        Err(Stop::Usage(e)) => crate::luna::usage_error("cmu", &e),
        Err(Stop::Code(code)) => code,
    }
}

/// The stable object numbers (see `store::luna_handles`) in the home directory.
pub(crate) fn numbers() -> anyhow::Result<Handles> {
    let home = crate::store::config::home_dir(None).ok_or_else(|| {
        crate::exit::fail_hint(
            Exit::Usage,
            "no home directory for cmu's object numbers",
            "set HSMCTL_HOME",
        )
    })?;
    Handles::open(&home, std::time::Duration::from_secs(120))
}

/// The world as translation sees it: the module's slots, cmu's handle map in the home.
struct Live;

impl Facts for Live {
    fn slot_id(&self, text: &str) -> Result<u64, Refusal> {
        crate::luna::slot_lookup(text)
    }

    fn object(&self, n: u64) -> Result<Option<Numbered>, Refusal> {
        // Opened and closed here: the registry's lock is taken again to number a listing.
        let handles = numbers().map_err(|e| Refusal {
            message: format!("{e:#}"),
            exit: crate::luna::exit_of(&e),
        })?;
        Ok(handles.resolve(n).cloned())
    }

    fn is_certificate(&self, path: &str) -> bool {
        // Unreadable: import-key reports it (exit 3), with the file named.
        std::fs::read(path)
            .ok()
            .and_then(|b| crate::formats::cert::parse_certificates(&b).ok())
            .is_some_and(|c| !c.is_empty())
    }
}

/// Translates, asks what is missing (the password, then the mechanism), runs, renders.
fn run(cmd: &str, rest: &[String]) -> Result<i32, Stop> {
    let mut plan = match translate::translate(cmd, rest, &Live) {
        Ok(p) => p,
        Err(Refuse::Usage(e)) => return Err(Stop::Usage(e)),
        Err(Refuse::Refused(r)) => return Err(refused(&r)),
    };
    let pin = prompt::held_pin(plan.password.take(), plan.slot.as_deref())?;
    if plan.ask_mechanism {
        match prompt::mechanism_menu() {
            Ok(m) => plan.argv.extend(["--mechanism".to_string(), m.to_string()]),
            Err(Refuse::Usage(e)) => return Err(Stop::Usage(e)),
            Err(Refuse::Refused(r)) => return Err(refused(&r)),
        }
    }
    crate::luna::hold(crate::luna::Pins {
        user: pin.as_ref(),
        ..Default::default()
    });
    Ok(execute(plan))
}

/// Prints a refusal in cmu's words; its exit code.
fn refused(r: &Refusal) -> Stop {
    if !r.message.is_empty() {
        eprintln!("Error: {}", r.message);
    }
    Stop::Code(r.exit)
}

/// Runs a plan's command and renders its result.
fn execute(plan: Plan) -> i32 {
    let argv = plan.argv;
    match plan.render {
        Render::Hsmctl => run_translated(&argv),
        Render::List { class, label } => render_with(&argv, |ctx, c| match c {
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
        }),
        Render::Attributes(n) => render_with(&argv, |ctx, c| match c {
            Command::Show(a) => crate::commands::show::run(ctx, &a)
                .map(|r| format!("handle={n}\n{}", render::cmu_attributes(&r))),
            _ => unreachable!("translated to show"),
        }),
        // cmu's handle in the message, never the module's per-process one.
        Render::Set(n) => render_with(&argv, |ctx, c| match c {
            Command::Setattribute(a) => crate::commands::setattribute::run(ctx, &a).map(|r| {
                r.objects
                    .iter()
                    .map(|c| format!("Handle {n}: {} set.\n", c.changes.join(", ")))
                    .collect()
            }),
            _ => unreachable!("translated to setattribute"),
        }),
        Render::Deleted(n) => render_with(&argv, |ctx, c| match c {
            Command::Delete(a) => crate::commands::delete::run(ctx, &a).map(|r| {
                if r.deleted.is_empty() {
                    String::new()
                } else {
                    format!("Object handle {n} deleted.\n")
                }
            }),
            _ => unreachable!("translated to delete"),
        }),
        Render::KeyPair(done) => render_with(&argv, |ctx, c| {
            let (public, private) = match c {
                Command::Generatekeypair(a) => {
                    let r = crate::commands::keygen::run(ctx, &a)?;
                    (r.public, r.private)
                }
                Command::ImportKey(a) => {
                    let r = crate::commands::import_key::run(ctx, &a)?;
                    (r.public, r.private)
                }
                _ => unreachable!("translated to generatekeypair or import-key"),
            };
            let mut n = numbers()?;
            let nums = n.number(
                &serial_of(&public.uri),
                &[
                    ("CKO_PUBLIC_KEY", &public.id, &public.label),
                    ("CKO_PRIVATE_KEY", &private.id, &private.label),
                ],
                false,
            );
            n.save()?;
            Ok(format!(
                "...The key pair was successfully {done} -> public handle({}), private \
                 handle({})\n",
                nums[0], nums[1]
            ))
        }),
        Render::Imported => render_with(&argv, |ctx, c| match c {
            Command::ImportCert(a) => {
                let report = crate::commands::certs::run_import(ctx, &a)?;
                let mut n = numbers()?;
                let nums = n.number(
                    &serial_of(&report.uri),
                    &[("CKO_CERTIFICATE", &report.id, &report.label)],
                    false,
                );
                n.save()?;
                Ok(format!("Certificate imported -> handle({})\n", nums[0]))
            }
            _ => unreachable!("translated to import-cert"),
        }),
    }
}

/// The token serial in an object's `pkcs11:` URI.
fn serial_of(uri: &str) -> String {
    uri.parse::<crate::formats::pkcs11_uri::Pkcs11Uri>()
        .ok()
        .and_then(|u| u.serial)
        .unwrap_or_default()
}

//! Stable object numbers for the Luna tools. `cmu` scripts pass handles from one run to the
//! next, but PKCS#11 handles belong to a session, and SoftHSM2 numbers objects per process in
//! an order that changes with the process's memory layout. So the Luna tools show numbers of
//! hsmctl's own, kept in the home (`luna-handles.json`), one per object (token serial, class,
//! CKA_ID, label), never reused; a number is translated back into those selectors.

use super::atomic::write_file;
use super::lock::StoreLock;
use crate::exit::{Exit, fail};
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a number stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Numbered {
    /// The number shown as the handle.
    pub handle: u64,
    /// The token's serial.
    pub serial: String,
    /// CKO_ name.
    pub class: String,
    /// CKA_ID, hex.
    pub id: String,
    /// CKA_LABEL.
    pub label: String,
    /// Another object of the token has the same class and CKA_ID (key pairs made by other
    /// tools may share one): the label then tells them apart.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared_id: bool,
}

#[derive(Default, Serialize, Deserialize)]
struct Registry {
    next: u64,
    objects: Vec<Numbered>,
}

/// One object to number: (class, id hex, label).
pub type Key<'a> = (&'a str, &'a str, &'a str);

/// The registry file, locked while it is read and written.
pub struct Handles {
    path: PathBuf,
    _lock: StoreLock,
    reg: Registry,
}

impl Handles {
    /// Opens (locked) the registry in `home`.
    pub fn open(home: &Path, timeout: Duration) -> Result<Handles> {
        let lock = StoreLock::open_file(&home.join("locks"), "luna-handles", timeout)?;
        lock.acquire()?;
        let path = home.join("luna-handles.json");
        let reg = match std::fs::read(&path) {
            Ok(b) => serde_json::from_slice(&b).map_err(|e| {
                fail(
                    Exit::BadInput,
                    format!("{} is damaged: {e}; remove it to renumber", path.display()),
                )
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Registry {
                next: 1,
                objects: Vec::new(),
            },
            Err(e) => {
                return Err(fail(
                    Exit::Io,
                    format!("cannot read {}: {e}", path.display()),
                ));
            }
        };
        Ok(Handles {
            path,
            _lock: lock,
            reg,
        })
    }

    /// Numbers for `objects` of token `serial`, in order (new objects get new numbers). With
    /// `complete`, `objects` is all the token has, and numbers of objects gone are dropped.
    pub fn number(&mut self, serial: &str, objects: &[Key], complete: bool) -> Vec<u64> {
        let mut out: Vec<Option<u64>> = vec![None; objects.len()];
        let mut taken: Vec<u64> = Vec::new();
        // First the exact matches, then objects whose label changed (same class and CKA_ID:
        // a relabelled key keeps its number), then new numbers.
        for exact in [true, false] {
            for (i, (class, id, label)) in objects.iter().enumerate() {
                if out[i].is_some() || (!exact && id.is_empty()) {
                    continue;
                }
                let found = self.reg.objects.iter_mut().find(|n| {
                    n.serial == serial
                        && n.class == *class
                        && n.id == *id
                        && (!exact || n.label == *label)
                        && !taken.contains(&n.handle)
                });
                if let Some(n) = found {
                    n.label = label.to_string();
                    taken.push(n.handle);
                    out[i] = Some(n.handle);
                }
            }
        }
        for (i, (class, id, label)) in objects.iter().enumerate() {
            if out[i].is_none() {
                let h = self.reg.next.max(1);
                self.reg.next = h + 1;
                self.reg.objects.push(Numbered {
                    handle: h,
                    serial: serial.to_string(),
                    class: class.to_string(),
                    id: id.to_string(),
                    label: label.to_string(),
                    shared_id: false,
                });
                taken.push(h);
                out[i] = Some(h);
            }
        }
        if complete {
            self.reg
                .objects
                .retain(|n| n.serial != serial || taken.contains(&n.handle));
        }
        // Which objects share their class and CKA_ID with another of the token's.
        let keys: Vec<(String, String)> = self
            .reg
            .objects
            .iter()
            .filter(|n| n.serial == serial)
            .map(|n| (n.class.clone(), n.id.clone()))
            .collect();
        for n in self.reg.objects.iter_mut().filter(|n| n.serial == serial) {
            n.shared_id = !n.id.is_empty()
                && keys
                    .iter()
                    .filter(|(c, i)| *c == n.class && *i == n.id)
                    .count()
                    > 1;
        }
        out.into_iter().flatten().collect()
    }

    /// What a number stands for.
    pub fn resolve(&self, handle: u64) -> Option<&Numbered> {
        self.reg.objects.iter().find(|n| n.handle == handle)
    }

    /// Writes the registry back (atomically).
    pub fn save(&self) -> Result<()> {
        let text = serde_json::to_string_pretty(&self.reg)
            .map_err(|e| fail(Exit::Failed, e.to_string()))?;
        write_file(&self.path, text.as_bytes(), 0o600, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_stable_and_never_reused() {
        let d = tempfile::tempdir().unwrap();
        let mut h = Handles::open(d.path(), Duration::from_secs(5)).unwrap();
        let a = h.number(
            "s",
            &[
                ("CKO_PUBLIC_KEY", "01", "a"),
                ("CKO_PRIVATE_KEY", "01", "a"),
            ],
            true,
        );
        assert_eq!(a, vec![1, 2]);
        h.save().unwrap();
        drop(h);
        let mut h = Handles::open(d.path(), Duration::from_secs(5)).unwrap();
        // Listed in another order, with a new object: the old numbers stay.
        let b = h.number(
            "s",
            &[
                ("CKO_PRIVATE_KEY", "01", "a"),
                ("CKO_DATA", "", "d"),
                ("CKO_PUBLIC_KEY", "01", "a"),
            ],
            true,
        );
        assert_eq!(b, vec![2, 3, 1]);
        // Object 3 deleted: its number is not given out again.
        let c = h.number(
            "s",
            &[
                ("CKO_PUBLIC_KEY", "01", "a"),
                ("CKO_PRIVATE_KEY", "01", "a"),
                ("CKO_DATA", "", "e"),
            ],
            true,
        );
        assert_eq!(c, vec![1, 2, 4]);
        assert_eq!(h.resolve(4).unwrap().label, "e");
        assert!(h.resolve(3).is_none());
        // A relabelled key keeps its number.
        let d = h.number(
            "s",
            &[
                ("CKO_PUBLIC_KEY", "01", "renamed"),
                ("CKO_PRIVATE_KEY", "01", "a"),
            ],
            false,
        );
        assert_eq!(d, vec![1, 2]);
        assert_eq!(h.resolve(1).unwrap().label, "renamed");
        assert!(!h.resolve(1).unwrap().shared_id);
        // Two pairs with one CKA_ID (pkcs11-tool makes them): told apart by label.
        let e = h.number(
            "s",
            &[
                ("CKO_PUBLIC_KEY", "01", "renamed"),
                ("CKO_PRIVATE_KEY", "01", "a"),
                ("CKO_PUBLIC_KEY", "01", "b"),
                ("CKO_PRIVATE_KEY", "01", "b"),
            ],
            true,
        );
        assert_eq!(e, vec![1, 2, 5, 6]);
        assert!((1..=6).filter_map(|n| h.resolve(n)).all(|n| n.shared_id));
    }
}

//! Attribute changes on the token (parsed and policed by `formats::input`): which object of a
//! pair gets which, and undoing the first half if the second half refuses them.

use super::attributes::by_name;
use super::error::{HsmError, HsmResult};
use super::ffi::{AttrBuf, ObjectHandle, Template};
use super::objects::ObjectInfo;
use super::session::HsmSession;
use crate::formats::input::{Applies, AttrChange};
use cryptoki_sys::*;

/// The attribute type of a change (every settable attribute is in the catalog: see the test).
fn kind(change: &AttrChange) -> CK_ATTRIBUTE_TYPE {
    by_name(change.cka).map_or(CKA_VENDOR_DEFINED, |(kind, _, _)| kind)
}

fn applies_to(change: &AttrChange, class: CK_OBJECT_CLASS) -> bool {
    match change.applies {
        Applies::Both => true,
        Applies::PrivateOnly => class == CKO_PRIVATE_KEY,
        Applies::PublicOnly => class == CKO_PUBLIC_KEY,
    }
}

/// The subset of `changes` that applies to an object of this class.
pub fn applicable<'c>(changes: &'c [AttrChange], object: &ObjectInfo) -> Vec<&'c AttrChange> {
    changes
        .iter()
        .filter(|c| applies_to(c, object.class_code))
        .collect()
}

impl HsmSession<'_> {
    /// Applies the applicable changes to each object, in order; if one object refuses, the
    /// objects already changed get their old values back before the error is returned.
    pub fn apply_changes(&self, objects: &[ObjectInfo], changes: &[AttrChange]) -> HsmResult<()> {
        let mut done: Vec<(u64, Template)> = Vec::new();
        for o in objects {
            let mine = applicable(changes, o);
            if mine.is_empty() {
                continue;
            }
            let mut old_values: Vec<AttrBuf> =
                mine.iter().map(|c| AttrBuf::new(kind(c), 256)).collect();
            self.ffi
                .read_attributes(ObjectHandle(o.handle), &mut old_values)?;
            let old = old_values
                .iter()
                .filter_map(|a| Some((a.kind, a.value()?)))
                .fold(Template::new(), |t, (kind, v)| t.bytes(kind, v));
            let new = mine
                .iter()
                .fold(Template::new(), |t, c| t.bytes(kind(c), &c.value));
            if let Err(e) = self.set_raw(o.handle, &new) {
                let undo = done
                    .iter()
                    .map(|(h, t)| self.set_raw(*h, t))
                    .find_map(Result::err);
                return Err(match undo {
                    None if done.is_empty() => e,
                    None => HsmError::Other(format!("{e}; the other half was restored")),
                    Some(u) => {
                        HsmError::Other(format!("{e}; restoring the other half failed too: {u}"))
                    }
                });
            }
            done.push((o.handle, old));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_settable_attribute_is_in_the_catalog() {
        for (_, cka, _) in crate::formats::input::SETTABLE {
            assert_eq!(by_name(cka).map(|(_, name, _)| name), Some(*cka));
        }
    }
}

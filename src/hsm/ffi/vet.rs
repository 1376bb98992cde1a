//! Checks on a module file before `dlopen` runs any of its code: a regular file, not writable
//! by group or others (`--insecure-module` waives this one), and an ELF shared object that
//! exports `C_GetFunctionList`. A library that is not a PKCS#11 module must never have its
//! constructors run (OpenSSH's CVE-2023-38408: ssh-agent dlopen()ed arbitrary system
//! libraries through its PKCS#11 support). It lives beside the dlopen (`library`), which runs
//! only after it.

use crate::hsm::error::{HsmError, HsmResult};
use object::{Object, ObjectSymbol};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Module files larger than this are refused unread (real modules are a few MiB).
const MAX_MODULE: u64 = 512 << 20;

/// Refuses a module file that should not be loaded; `insecure` accepts a writable one.
pub(super) fn vet(path: &Path, insecure: bool) -> HsmResult<()> {
    let refuse = |reason: String| HsmError::Load {
        path: path.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| refuse(e.to_string()))?;
    if !meta.is_file() {
        return Err(refuse("not a regular file".into()));
    }
    let mode = meta.permissions().mode();
    if mode & 0o022 != 0 && !insecure {
        return Err(refuse(format!(
            "it is writable by {} (mode {:04o}), so its code is not only its owner's; fix its \
             permissions (chmod go-w), or pass --insecure-module",
            if mode & 0o002 != 0 {
                "everyone"
            } else {
                "its group"
            },
            mode & 0o7777
        )));
    }
    if meta.len() > MAX_MODULE {
        return Err(refuse(format!(
            "it is {} MiB, larger than any PKCS#11 module",
            meta.len() >> 20
        )));
    }
    // Mapped, not read: only the ELF headers and the dynamic symbol table are touched, so the
    // check costs a few pages rather than a copy of the whole library on every start.
    let f = std::fs::File::open(path).map_err(|e| refuse(e.to_string()))?;
    // SAFETY: the mapping is read-only and private; a module file changed underneath during
    // these microseconds could only make the check fail, and it is checked again by dlopen.
    let data = unsafe { memmap2::Mmap::map(&f) }.map_err(|e| refuse(e.to_string()))?;
    let file = object::File::parse(&*data).map_err(|e| {
        refuse(format!(
            "not a shared library ({e}), so not a PKCS#11 module"
        ))
    })?;
    let exported = file
        .dynamic_symbols()
        .any(|s| s.name() == Ok("C_GetFunctionList") && s.is_definition() && s.is_global());
    if !exported {
        return Err(refuse(
            "it does not export C_GetFunctionList, so it is not a PKCS#11 module (it was not \
             loaded)"
                .into(),
        ));
    }
    Ok(())
}

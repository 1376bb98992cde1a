//! Reading input files: bounded, never blocking on a FIFO, with the reason for a refusal.

use crate::exit::{Exit, fail, fail_hint};
use anyhow::Result;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Input files larger than this are refused (no key, certificate or list is near it).
pub const MAX_INPUT: u64 = 1 << 20;

/// Reads a whole input file (`-` for stdin) of at most `MAX_INPUT` bytes. Refusals (missing,
/// a directory, a FIFO or device, too large) are bad input: exit 3.
pub fn read_input(path: &Path, what: &str) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    read_into(path, what, &mut buf)?;
    Ok(buf)
}

/// [`read_input`] for a file holding secrets (a private key): the buffer is allocated whole
/// up front, so no copy is left behind by a reallocation, and it is wiped when dropped.
pub fn read_secret_input(path: &Path, what: &str) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    let mut buf = zeroize::Zeroizing::new(Vec::with_capacity(MAX_INPUT as usize + 1));
    read_into(path, what, &mut buf)?;
    Ok(buf)
}

fn read_into(path: &Path, what: &str, buf: &mut Vec<u8>) -> Result<()> {
    let shown = path.display();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_INPUT + 1)
            .read_to_end(buf)?;
    } else {
        let mut f = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
            .open(path)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::PermissionDenied => {
                    fail(Exit::Io, format!("cannot read {what} {shown}: {e}"))
                }
                _ => fail(Exit::BadInput, format!("cannot read {what} {shown}: {e}")),
            })?;
        let meta = f.metadata()?;
        if meta.is_dir() {
            return Err(fail(
                Exit::BadInput,
                format!("{what} {shown} is a directory"),
            ));
        }
        if !meta.is_file() {
            return Err(fail(
                Exit::BadInput,
                format!("{what} {shown} is not a regular file (a FIFO, socket or device)"),
            ));
        }
        f.by_ref()
            .take(MAX_INPUT + 1)
            .read_to_end(buf)
            .map_err(|e| fail(Exit::Io, format!("cannot read {what} {shown}: {e}")))?;
    }
    if buf.len() as u64 > MAX_INPUT {
        return Err(fail_hint(
            Exit::BadInput,
            format!("{what} {shown} is larger than 1 MiB"),
            "give the key file itself",
        ));
    }
    Ok(())
}

/// Drops inputs naming a file already given (`r.pub ./r.pub DIR`, a symlink): one input, one
/// output. `-` (stdin) is kept as given. Returns the kept inputs and a warning for each one dropped.
pub fn dedup_paths(inputs: Vec<std::path::PathBuf>) -> (Vec<std::path::PathBuf>, Vec<String>) {
    let mut seen = std::collections::HashMap::new();
    let (mut kept, mut warnings) = (Vec::with_capacity(inputs.len()), Vec::new());
    for p in inputs {
        // A path that cannot be resolved is kept: reading it reports the real problem.
        let key = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        match seen.get(&key) {
            Some(first) => warnings.push(format!(
                "{} is the same file as {}: signed once",
                p.display(),
                first
            )),
            None => {
                seen.insert(key, p.display().to_string());
                kept.push(p);
            }
        }
    }
    (kept, warnings)
}

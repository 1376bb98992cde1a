//! Overwriting and removing a key file after its key went onto a token.

use crate::exit::{Exit, fail};
use anyhow::Result;
use std::io::{Seek, Write};
use std::path::Path;

/// Overwrites a regular file with zeros, flushes that to disk, then removes it. On
/// copy-on-write or journalling filesystems and SSDs the old blocks may survive: this is a
/// best effort, which the report says.
pub fn shred(path: &Path) -> Result<()> {
    let io = |e: std::io::Error| fail(Exit::Io, format!("cannot shred {}: {e}", path.display()));
    let meta = std::fs::symlink_metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(fail(
            Exit::Io,
            format!("{} is not a regular file; not shredded", path.display()),
        ));
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(io)?;
    let zeros = vec![0u8; 64 * 1024];
    let mut left = meta.len();
    f.rewind().map_err(io)?;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        f.write_all(&zeros[..n]).map_err(io)?;
        left -= n as u64;
    }
    f.sync_all().map_err(io)?;
    drop(f);
    std::fs::remove_file(path).map_err(io)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Make the removal durable too; failure here changes nothing for the caller.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

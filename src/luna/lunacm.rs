//! `lunacm`: Luna's interactive partition shell, on hsmctl's commands.

/// Runs `lunacm`; returns the exit code.
pub fn main() -> i32 {
    0
}

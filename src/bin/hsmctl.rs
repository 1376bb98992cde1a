//! The `hsmctl` binary: all logic lives in the library.

fn main() {
    std::process::exit(hsmctl::run_hsmctl());
}

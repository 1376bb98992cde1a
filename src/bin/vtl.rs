//! The `vtl` binary (Luna syntax): all logic lives in the library.

fn main() {
    std::process::exit(hsmctl::luna::vtl::main());
}

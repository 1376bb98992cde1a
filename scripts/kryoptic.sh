#!/usr/bin/env bash
# Builds kryoptic (a PKCS#11 soft token from crates.io) as a third module for the tests, with
# the build flags that work on Debian 12 (see shared/reference/pkcs11-quirks.md): the
# `minimal` feature set (RSA, ECDSA; Ed25519 needs OpenSSL 3.2+) linked to the system OpenSSL.
# Prints the module's path. The build is kept in target/kryoptic and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
version=1.5.4
out="$PWD/target/kryoptic"
lib="$out/build/target/release/libkryoptic_pkcs11.so"
if [ -f "$lib" ]; then
  echo "$lib"
  exit 0
fi
packages=(libclang1-14 libclang-common-14-dev libsqlite3-dev libssl-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "kryoptic: installing ${missing[*]}" >&2
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The crate's source: fetched through a throwaway manifest, then built as its own package
# (a cdylib is only built for the package itself, not as a dependency).
mkdir -p "$out/fetch/src"
cat > "$out/fetch/Cargo.toml" <<TOML
[package]
name = "kryoptic-fetch"
version = "0.0.0"
edition = "2021"
[dependencies]
kryoptic = { version = "=$version", default-features = false }
[workspace]
TOML
: > "$out/fetch/src/lib.rs"
(cd "$out/fetch" && cargo fetch -q)
src=$(find "${CARGO_HOME:-$HOME/.cargo}/registry/src" -maxdepth 2 -type d -name "kryoptic-$version" | head -1)
rm -rf "$out/build"
cp -r "$src" "$out/build"
gcc_include=$(dirname "$(gcc -print-libgcc-file-name)")/include
(cd "$out/build" &&
  BINDGEN_EXTRA_CLANG_ARGS="-I$gcc_include" cargo build -q --release \
    --no-default-features --features minimal,kryoptic-lib/dynamic >&2)
echo "$lib"

#!/usr/bin/env bash
# Installs the Debian packages hsmctl's demo and tests use, when any is missing:
# SoftHSM2 (the token), OpenSC (pkcs11-tool, an oracle), OpenSSH, OpenSSL, p11-kit, and
# strace (its syscall injection kills hsmctl mid-write in the crash tests), GnuTLS's certtool and
# python3-venv (the X.509 tests check certificates with certtool, and with Python cryptography's
# strict verifier, installed by pip into a virtualenv under target/: Debian's is too old), and
# gcc with libc6-dev: aws-lc-sys (the crypto backend) compiles AWS-LC's C with them (its cc
# builder: no cmake, clang or Go is needed on x86_64 Linux).
set -euo pipefail

packages=(softhsm2 opensc openssh-client openssh-server openssl p11-kit libp11-kit-dev strace man-db gnutls-bin python3-venv gcc libc6-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}" >&2
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "deps: cargo not found; install a Rust toolchain (rustup)" >&2; exit 1; }

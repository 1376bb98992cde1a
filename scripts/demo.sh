#!/usr/bin/env bash
# The main job end to end on a throwaway SoftHSM2 token under target/demo: installs what is
# missing, builds hsmctl, initializes a token and shows it. Nothing outside target/ is touched.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cargo build --release --locked --quiet
hsmctl=$PWD/target/release/hsmctl

demo=$PWD/target/demo
rm -rf "$demo"
mkdir -p "$demo/tokens"
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$demo" >"$demo/softhsm2.conf"
export SOFTHSM2_CONF=$demo/softhsm2.conf
export HSMCTL_MODULE=/usr/lib/softhsm/libsofthsm2.so
export HSMCTL_HOME=$demo/home
# Throwaway PINs, in mode-600 files: hsmctl never takes a PIN on its command line.
(umask 077; echo 'demo-so-pin' >"$demo/so.pin"; echo 'demo-user-pin' >"$demo/user.pin")

if [ -t 2 ]; then b=$'\033[1m' n=$'\033[0m'; else b= n=; fi
step() { printf '\n%s$ %s%s\n' "$b" "$*" "$n" >&2; "$@"; }
step "$hsmctl" info
step "$hsmctl" token init --label demo --so-pin-file "$demo/so.pin" --pin-file "$demo/user.pin"
step "$hsmctl" slots
step "$hsmctl" slot show --token demo
export HSMCTL_PIN=demo-user-pin   # the user PIN source for the key steps
step "$hsmctl" generatekeypair --key-type ec:p256 --label demo-ec
step "$hsmctl" generatekeypair --key-type rsa:3072 --label demo-rsa
step "$hsmctl" generatekeypair --key-type ed25519 --label demo-ed25519
step "$hsmctl" list
step "$hsmctl" show --label demo-ec --class private
# OpenSSH: the token key as an authorized_keys line, a CA on the token, a user certificate.
step "$hsmctl" export-ssh-pubkey --label demo-ec -o "$demo/demo-ec.pub"
step "$hsmctl" generatekeypair --key-type ed25519 --label demo-ssh-ca
step "$hsmctl" export-ssh-pubkey --label demo-ssh-ca -o "$demo/ssh-ca.pub"
step "$hsmctl" sign-ssh-cert --ca-label demo-ssh-ca -I demo-user -n "$(id -un)" -V +1h "$demo/demo-ec.pub"
step ssh-keygen -L -f "$demo/demo-ec-cert.pub"
printf '\nDemo token store: %s (SOFTHSM2_CONF=%s)\n' "$demo/tokens" "$SOFTHSM2_CONF" >&2

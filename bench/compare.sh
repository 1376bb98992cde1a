#!/usr/bin/env bash
# Two hsmctl builds side by side (a change's "before" and "after"), with the C floors of
# ../shared/bench: cold start (`slots` vs p11cold), listing and exporting 10,000 EC pairs
# (`list --login`, `export-ssh-pubkey` vs p11bench enum -l / -p) and 1,000 SSH certificates
# in one sign-ssh-cert run. Figures, not tests: run it on an otherwise idle machine.
# Usage: bench/compare.sh BEFORE_BINARY [AFTER_BINARY]  (AFTER defaults to this tree's release
# build; needs hyperfine, softhsm2, libp11-kit-dev, openssh-client)
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: bench/compare.sh BEFORE_BINARY [AFTER_BINARY]}
module=/usr/lib/softhsm/libsofthsm2.so
out=$PWD/target/bench
mkdir -p "$out"
if [ -z "${2:-}" ]; then
  cargo build --release --locked --quiet
  after=$PWD/target/release/hsmctl
else
  after=$2
fi
cc -O2 -I/usr/include/p11-kit-1 -o "$out/p11cold" ../shared/bench/p11cold.c -ldl
cc -O2 -I/usr/include/p11-kit-1 -o "$out/p11bench" ../shared/bench/p11bench.c -ldl -lpthread
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(umask 077; echo 1234 >"$work/pin")
export M=$module PIN=1234

# The 10k store is kept between runs (bench/list.sh makes the same one).
store=$out/store-10000
if [ ! -f "$store/done" ]; then
  rm -rf "$store" && mkdir -p "$store/tokens" "$store/home"
  printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$store" >"$store/softhsm2.conf"
  SOFTHSM2_CONF=$store/softhsm2.conf softhsm2-util --init-token --free --label bench --so-pin 12345678 --pin 1234 >/dev/null
  SOFTHSM2_CONF=$store/softhsm2.conf "$out/p11bench" populate 10000 >/dev/null
  touch "$store/done"
fi
# Cold start on a store with one empty token: SoftHSM2 reads every object file at
# C_Initialize, so the 10k store would time SoftHSM2, not the start.
empty=$work/empty && mkdir -p "$empty/tokens"
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$empty" >"$empty/softhsm2.conf"
SOFTHSM2_CONF=$empty/softhsm2.conf softhsm2-util --init-token --free --label cold --so-pin 12345678 --pin 1234 >/dev/null
echo "== cold start: slots" >&2
SOFTHSM2_CONF=$empty/softhsm2.conf HSMCTL_HOME=$empty/home \
  hyperfine -N --warmup 20 --runs 200 --export-json "$out/compare-cold.json" \
  -n floor "$out/p11cold $module" \
  -n before "$before --module $module slots" \
  -n after "$after --module $module slots" >&2

export SOFTHSM2_CONF=$store/softhsm2.conf HSMCTL_HOME=$store/home
echo "== list --login, 10,000 pairs" >&2
hyperfine -N --warmup 1 --runs 5 --export-json "$out/compare-list.json" \
  -n floor "$out/p11bench enum -l -q" \
  -n before "$before --module $module list --login --pin-file $work/pin" \
  -n after "$after --module $module list --login --pin-file $work/pin" >&2
echo "== export-ssh-pubkey, 10,000 pairs" >&2
hyperfine -N --warmup 1 --runs 5 --export-json "$out/compare-export.json" \
  -n floor "$out/p11bench enum -p -q" \
  -n before "$before --module $module export-ssh-pubkey" \
  -n after "$after --module $module export-ssh-pubkey" >&2

echo "== 1,000 SSH certificates, P-256 CA, one run" >&2
small=$work/small && mkdir -p "$small/tokens" "$work/keys"
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$small" >"$small/softhsm2.conf"
export SOFTHSM2_CONF=$small/softhsm2.conf HSMCTL_HOME=$small/home
softhsm2-util --init-token --free --label bench --so-pin 12345678 --pin 1234 >/dev/null
"$after" --module $module keygen --key-type ec:p256 --label ca --pin-file "$work/pin" >/dev/null
ssh-keygen -q -t ed25519 -N '' -C user -f "$work/user"
for i in $(seq -w 1 1000); do cp "$work/user.pub" "$work/keys/k$i.pub"; done
hyperfine -N --prepare "sh -c 'rm -f $work/keys/*-cert.pub'" --warmup 1 --runs 5 --export-json "$out/compare-bulk.json" \
  -n before "$before --module $module sign-ssh-cert --ca-label ca --pin-file $work/pin -I u -n u -V +1h $work/keys" \
  -n after "$after --module $module sign-ssh-cert --ca-label ca --pin-file $work/pin -I u -n u -V +1h $work/keys" >&2

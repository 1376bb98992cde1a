#!/usr/bin/env bash
# OpenSSH benchmarks (figures, not tests):
#  1. export-ssh-pubkey on a token with 10,000 EC pairs, against the floor (p11bench enum -p:
#     one search, one attribute call per public key) and ssh-keygen -D;
#  2. one certificate with the CA key on that token, against ssh-keygen -s ca.pub -D;
#  3. 1,000 certificates in one sign-ssh-cert run against a shell loop of ssh-keygen -s -D
#     (P-256 and RSA-2048 CAs on a small token), and bulk throughput against raw C_Sign.
# The 10k store is the one bench/list.sh made (target/bench/store-10000).
# Usage: bench/ssh.sh   (needs hyperfine, opensc, softhsm2, openssh-client)
set -euo pipefail
cd "$(dirname "$0")/.."
module=/usr/lib/softhsm/libsofthsm2.so
out=$PWD/target/bench
[ -f "$out/store-10000/done" ] || bench/list.sh 10000 >/dev/null
cc -O2 -I/usr/include/p11-kit-1 -o "$out/p11bench" ../shared/bench/p11bench.c -ldl -lpthread
cargo build --release --locked --quiet
hsmctl=$PWD/target/release/hsmctl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#!/bin/sh\necho 1234\n' >"$work/askpass" && chmod 700 "$work/askpass"
(umask 077; echo 1234 >"$work/pin")
export SSH_ASKPASS=$work/askpass SSH_ASKPASS_REQUIRE=force DISPLAY=:0 M=$module PIN=1234
ssh-keygen -q -t ed25519 -N '' -C user -f "$work/user"

# 1 and 2: the 10k token.
export SOFTHSM2_CONF=$out/store-10000/softhsm2.conf HSMCTL_HOME=$out/store-10000/home
"$hsmctl" --module $module export-ssh-pubkey --label bench-ca -o "$work/ca10k.pub" 2>/dev/null ||
  { "$hsmctl" --module $module keygen --key-type ec:p256 --label bench-ca --pin-file "$work/pin" >/dev/null &&
    "$hsmctl" --module $module export-ssh-pubkey --label bench-ca -o "$work/ca10k.pub"; }
echo "== export, 10,000 pairs" >&2
hyperfine -N --warmup 1 --runs 5 --export-json "$out/ssh-export.json" \
  -n floor "$out/p11bench enum -p -q" \
  -n "hsmctl export-ssh-pubkey" "$hsmctl --module $module export-ssh-pubkey" >&2
echo "== ssh-keygen -D, 10,000 pairs (one run)" >&2
hyperfine -N --runs 1 --export-json "$out/ssh-export-keygen.json" -n "ssh-keygen -D" "ssh-keygen -D $module" >&2
echo "== one certificate, CA on the 10,000-pair token" >&2
hyperfine -N --warmup 1 --runs 5 --export-json "$out/ssh-one-cert.json" \
  -n "hsmctl sign-ssh-cert" "$hsmctl --module $module sign-ssh-cert --ca-label bench-ca --pin-file $work/pin -I u -n u -V +1h --force $work/user.pub" >&2
hyperfine -N --runs 1 --export-json "$out/ssh-one-cert-keygen.json" \
  -n "ssh-keygen -s -D" "ssh-keygen -q -s $work/ca10k.pub -D $module -I u -n u -V +1h $work/user.pub" >&2

# 3: 1,000 certificates on a small token.
small=$work/small && mkdir -p "$small/tokens" "$work/keys"
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$small" >"$small/softhsm2.conf"
export SOFTHSM2_CONF=$small/softhsm2.conf HSMCTL_HOME=$small/home
softhsm2-util --init-token --free --label bench --so-pin 12345678 --pin 1234 >/dev/null
for i in $(seq -w 1 1000); do cp "$work/user.pub" "$work/keys/k$i.pub"; done
for ca in ec:p256 rsa:2048; do
  label=ca-${ca/:/-}
  "$hsmctl" --module $module keygen --key-type "$ca" --label "$label" --pin-file "$work/pin" >/dev/null
  "$hsmctl" --module $module export-ssh-pubkey --label "$label" -o "$work/$label.pub"
  echo "== 1,000 certificates, $ca CA" >&2
  # Each run starts with no certificates and nothing dirty: its one syncfs flushes its own work.
  hyperfine -N --prepare "sh -c 'rm -f $work/keys/*-cert.pub; sync'" --warmup 1 --runs 3 --export-json "$out/ssh-bulk-$label.json" \
    -n "hsmctl sign-ssh-cert x1000 ($ca)" "$hsmctl --module $module sign-ssh-cert --ca-label $label --pin-file $work/pin -I u -n u -V +1h $work/keys" >&2
  hyperfine --runs 1 --export-json "$out/ssh-loop-$label.json" \
    -n "ssh-keygen -s loop x1000 ($ca)" "for k in $work/keys/k*.pub; do ssh-keygen -q -s $work/$label.pub -D $module -I u -n u -V +1h \$k; done" >&2
done
echo "== bulk throughput: 5,000 certificates on tmpfs (signing, not the disk), P-256 CA" >&2
shm=$(mktemp -d /dev/shm/hsmctl-bench.XXXXXX)
trap 'rm -rf "$work" "$shm"' EXIT
for i in $(seq -w 1 5000); do cp "$work/user.pub" "$shm/k$i.pub"; done
hyperfine -N --prepare "sh -c 'rm -f $shm/*-cert.pub'" --warmup 1 --runs 5 --export-json "$out/ssh-throughput.json" \
  -n "hsmctl sign-ssh-cert x5000 tmpfs" "$hsmctl --module $module sign-ssh-cert --ca-label ca-ec-p256 --pin-file $work/pin -I u -n u -V +1h $shm" >&2
echo "== raw C_Sign, one session per core, 4 s" >&2
"$out/p11bench" mkcakeys >/dev/null 2>&1 || true
raw=$("$out/p11bench" sign p256 4 "$(nproc)" 2>&1 | tail -1)
echo "$raw" >&2
"$out/p11bench" sign rsa2048 4 "$(nproc)" 2>&1 | tail -1 >&2
echo "$raw" | sed -n 's/.*= \([0-9]*\) sig\/s.*/\1/p' >"$out/raw-p256.txt"

python3 - "$out" <<'PY'
import json, sys, glob, os
out = sys.argv[1]
med = {}
for f in glob.glob(os.path.join(out, "ssh-*.json")):
    for r in json.load(open(f))["results"]:
        med[r["command"]] = r["median"]
for k, v in sorted(med.items()):
    print(f"{k:40s} median {v*1000:10.1f} ms")
def ratio(a, b):
    if a in med and b in med:
        print(f"{a} vs {b}: {med[b]/med[a]:.1f}x faster" if med[b] > med[a] else f"{a} is {med[a]/med[b]:.2f}x the {b}")
ratio("hsmctl export-ssh-pubkey", "floor")
ratio("hsmctl export-ssh-pubkey", "ssh-keygen -D")
ratio("hsmctl sign-ssh-cert", "ssh-keygen -s -D")
ratio("hsmctl sign-ssh-cert x1000 (ec:p256)", "ssh-keygen -s loop x1000 (ec:p256)")
ratio("hsmctl sign-ssh-cert x1000 (rsa:2048)", "ssh-keygen -s loop x1000 (rsa:2048)")
raw = open(os.path.join(out, "raw-p256.txt")).read().strip()
if raw and "hsmctl sign-ssh-cert x5000 tmpfs" in med:
    rate = 5000 / med["hsmctl sign-ssh-cert x5000 tmpfs"]
    print(f"bulk throughput {rate:.0f} certificates/s = {100 * rate / int(raw):.0f}% of raw C_Sign ({raw} sig/s, P-256)")
PY

#!/usr/bin/env bash
# `hsmctl list` on a token holding 1,000 and 10,000 EC P-256 key pairs, timed side by side
# with `pkcs11-tool --login --list-objects` and the floor: ../shared/bench/p11bench.c's
# `enum -l` (one search, ONE C_GetAttributeValue per object), built into target/, never copied.
# Usage: bench/list.sh [SIZES...]   (default: 1000 10000; needs hyperfine, opensc, softhsm2)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000}")
[ $# -gt 0 ] || sizes=(1000 10000)
module=/usr/lib/softhsm/libsofthsm2.so
out=$PWD/target/bench
mkdir -p "$out"
cc -O2 -I/usr/include/p11-kit-1 -o "$out/p11bench" ../shared/bench/p11bench.c -ldl -lpthread
cargo build --release --locked --quiet
hsmctl=$PWD/target/release/hsmctl

for n in "${sizes[@]}"; do
  store=$out/store-$n
  if [ ! -f "$store/done" ]; then   # populating 10k pairs takes a while: keep the store
    rm -rf "$store" && mkdir -p "$store/tokens" "$store/home"
    printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$store" >"$store/softhsm2.conf"
    SOFTHSM2_CONF=$store/softhsm2.conf softhsm2-util --init-token --free --label bench --so-pin 12345678 --pin 1234 >/dev/null
    SOFTHSM2_CONF=$store/softhsm2.conf M=$module PIN=1234 "$out/p11bench" populate "$n" >/dev/null
    touch "$store/done"
  fi
  export SOFTHSM2_CONF=$store/softhsm2.conf HSMCTL_HOME=$store/home M=$module PIN=1234
  (umask 077; echo 1234 >"$store/pin")
  runs=$(( n >= 10000 ? 5 : 15 ))
  echo "== $n pairs ($((2 * n)) objects), logged in" >&2
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$out/list-$n.json" \
    -n floor "$out/p11bench enum -l -q" \
    -n "hsmctl list --json" "$hsmctl --module $module list --pin-file $store/pin --json" \
    -n "hsmctl list" "$hsmctl --module $module list --pin-file $store/pin" \
    -n "pkcs11-tool" "pkcs11-tool --module $module --login --pin 1234 --list-objects" >&2
  python3 - "$out/list-$n.json" "$n" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
floor = r["floor"]["median"]
for name, x in r.items():
    print(f"{sys.argv[2]:>6} pairs  {name:20s} median {x['median']*1000:8.1f} ms  {x['median']/floor:5.2f}x floor")
PY
done

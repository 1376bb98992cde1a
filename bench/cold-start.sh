#!/usr/bin/env bash
# Cold start: `hsmctl slots` against the floor, a minimal C program doing only dlopen +
# C_GetFunctionList + C_Initialize + C_GetSlotList + C_GetTokenInfo + C_Finalize
# (../shared/bench/p11cold.c, built into target/ and never copied here), on a private SoftHSM2
# store with two tokens. Timed with hyperfine, side by side; prints the ratio of the medians.
# Wall-clock medians on a shared 2-core machine swing by a quarter between runs, so the
# instruction counts (valgrind --tool=callgrind, repeatable) are printed too.
# Usage: bench/cold-start.sh [RUNS]   (needs hyperfine, libp11-kit-dev, softhsm2)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-300}
module=/usr/lib/softhsm/libsofthsm2.so
floor_src=../shared/bench/p11cold.c
out=$PWD/target/bench
mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 1; }
[ -f "$floor_src" ] || { echo "floor program $floor_src not found" >&2; exit 1; }
cc -O2 -I/usr/include/p11-kit-1 -o "$out/p11cold" "$floor_src" -ldl
cargo build --release --locked --quiet

store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
mkdir "$store/tokens"
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$store" >"$store/softhsm2.conf"
export SOFTHSM2_CONF=$store/softhsm2.conf
for label in one two; do
  softhsm2-util --init-token --free --label "$label" --so-pin 12345678 --pin 87654321 >/dev/null
done

hyperfine -N --warmup 30 --runs "$runs" --export-json "$out/cold-start.json" \
  -n floor "$out/p11cold $module" \
  -n "hsmctl slots" "target/release/hsmctl --module $module slots" \
  -n "hsmctl slots --json" "target/release/hsmctl --module $module slots --json" >&2
python3 - "$out/cold-start.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
floor = r["floor"]["median"]
for name, x in r.items():
    print(f"{name:22s} median {x['median']*1000:7.2f} ms  mean {x['mean']*1000:7.2f} ms  ratio {x['median']/floor:5.2f}x floor")
PY
if command -v valgrind >/dev/null; then
  count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'; }
  f=$(count "$out/p11cold" $module)
  h=$(count target/release/hsmctl --module $module slots)
  python3 -c "print(f'instructions: floor {$f:,}  hsmctl slots {$h:,}  ratio {$h/$f:.3f}x')"
fi

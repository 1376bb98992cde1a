#!/usr/bin/env bash
# The whole test suite: installs what is missing, checks formatting and lints, then runs every
# test against real SoftHSM2 tokens (one private token directory per test), and the
# module-independent tests once more through p11-kit's proxy (a second PKCS#11 module in front
# of the same tokens), the everyday workflow on kryoptic (a third module, built here), and the
# Debian package.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked
proxy=/usr/lib/x86_64-linux-gnu/p11-kit-proxy.so
if [ -e "$proxy" ]; then
  echo "== the module-independent tests again, through $proxy" >&2
  echo "   (skipped there: slots and module, which check SoftHSM2's own slot list and module" >&2
  echo "   files; faults and diskfaults, which load their own shim or need no module)" >&2
  HSMCTL_TEST_MODULE="$proxy" cargo test --locked \
    --test keys --test ssh --test x509 --test ca --test calls --test token --test servers \
    --test luna --test hygiene --test examples --test tables
else
  echo "== p11-kit's proxy is not installed ($proxy): the second-module run is skipped" >&2
fi
# A third module: kryoptic, built from crates.io (its build lacks Ed25519; the test says so).
echo "== the workflow on kryoptic (a third PKCS#11 module, built from crates.io)" >&2
kryoptic=$(scripts/kryoptic.sh)
# The test is #[ignore]d for runs without the module; here it runs, and fails if the module is
# missing.
HSMCTL_KRYOPTIC="$kryoptic" cargo test --locked --test kryoptic -- --ignored --nocapture
# The Debian package: built with cargo deb, its contents listed, installed, used, removed.
echo "== the Debian package (cargo deb, dpkg -i, man -w, dpkg -r)" >&2
scripts/package-check.sh

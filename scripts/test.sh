#!/usr/bin/env bash
# The whole test suite: installs what is missing, checks formatting and lints, then runs every
# test against real SoftHSM2 tokens (one private token directory per test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked

#!/usr/bin/env bash
# Builds the Debian package with cargo-deb (installed from crates.io when missing) and checks it
# as an administrator would use it: its contents, `dpkg -i`, the installed man page and binary,
# then `dpkg -r`. Needs root (CI runs as root); uses sudo otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
# Pinned: cargo-deb 3.8 builds from the dev profile with a warning, which later versions may
# turn into an error.
if ! cargo deb --version 2>/dev/null | grep -q '^cargo-deb 3\.8\.'; then
  echo "package: installing cargo-deb 3.8.0" >&2
  cargo install --locked --force cargo-deb --version 3.8.0
fi
# The package is built from the binaries the tests just built (the dev profile): it checks the
# packaging in seconds instead of a fat-LTO release build of minutes. `cargo deb` alone makes
# the release package.
cargo deb --locked --profile dev >/dev/null
deb=$(ls -t target/debian/hsmctl_*.deb | head -n 1)
contents=$(dpkg-deb -c "$deb")
for want in ./usr/bin/hsmctl ./usr/bin/vtl ./usr/bin/cmu ./usr/bin/lunacm \
  ./usr/share/man/man1/hsmctl.1 ./usr/share/man/man1/hsmctl-list.1 ./usr/share/man/man1/cmu.1 \
  ./usr/share/bash-completion/completions/hsmctl ./usr/share/zsh/vendor-completions/_hsmctl \
  ./usr/share/fish/vendor_completions.d/hsmctl.fish \
  ./usr/share/doc/hsmctl/examples/hsmctl.toml; do
  if ! grep -q -- " $want\(\.gz\)\?\$" <<<"$contents"; then
    echo "package: $deb lacks $want" >&2
    echo "$contents" >&2
    exit 1
  fi
done
"${sudo[@]}" dpkg -i "$deb" >/dev/null
trap '"${sudo[@]}" dpkg -r hsmctl >/dev/null 2>&1 || true' EXIT
man -w hsmctl >/dev/null
man -w hsmctl-sign-ssh-cert >/dev/null
/usr/bin/hsmctl --version
/usr/bin/vtl -h >/dev/null
"${sudo[@]}" dpkg -r hsmctl >/dev/null
trap - EXIT
if [ -e /usr/bin/hsmctl ]; then
  echo "package: dpkg -r left /usr/bin/hsmctl" >&2
  exit 1
fi
echo "package: $deb built, installed, checked and removed" >&2

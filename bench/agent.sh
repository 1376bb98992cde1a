#!/usr/bin/env bash
# hsmctl agent benchmarks (figures, not tests):
#  1. per-signature latency through the agent (examples/agent_sign_bench.rs: sign requests on
#     one socket connection) against raw C_Sign latency on the same kind of key (the floor:
#     ../shared/bench/p11bench.c `sign TYPE 4 1`, one session, its signatures per second
#     turned into ms per signature), for P-256 and Ed25519;
#  2. wall time of 100 sequential `ssh ... true` logins to a local sshd: through the agent,
#     and with `ssh -I libsofthsm2.so`.
# Usage: bench/agent.sh [SIGNATURES] [LOGINS]  (as root: sshd on 127.0.0.1; needs softhsm2,
# openssh-server, openssh-client, libp11-kit-dev)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5000}
logins=${2:-100}
module=/usr/lib/softhsm/libsofthsm2.so
out=$PWD/target/bench
mkdir -p "$out"
cc -O2 -I/usr/include/p11-kit-1 -o "$out/p11bench" ../shared/bench/p11bench.c -ldl -lpthread
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example agent_sign_bench
hsmctl=$PWD/target/release/hsmctl
client=$PWD/target/release/examples/agent_sign_bench
work=$(mktemp -d)
agent_pid=
sshd_pid=
cleanup() {
  [ -z "$agent_pid" ] || kill "$agent_pid" 2>/dev/null || true
  [ -z "$sshd_pid" ] || kill "$sshd_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/tokens"
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$work" >"$work/softhsm2.conf"
export SOFTHSM2_CONF=$work/softhsm2.conf HSMCTL_HOME=$work/home HSMCTL_MODULE=$module M=$module PIN=1234
softhsm2-util --init-token --free --label bench --so-pin 12345678 --pin 1234 >/dev/null
(umask 077; echo 1234 >"$work/pin")
# p11bench's own keys (sign-p256, sign-ed25519) are the keys both sides use.
"$out/p11bench" mkcakeys >/dev/null

echo "== per-signature latency, $n signatures" >&2
eval "$("$hsmctl" agent --pin-file "$work/pin" --label sign-p256 --label sign-ed25519 -a "$work/agent.sock")" >/dev/null
agent_pid=$SSH_AGENT_PID
for type in p256 ed25519; do
  through=$("$client" "$n" "sign-$type")
  echo "$type agent:       $through" >&2
  echo "$type raw C_Sign:  $("$out/p11bench" sign "$type" 4 1)" >&2
done

echo "== $logins sequential ssh logins" >&2
"$hsmctl" export-ssh-pubkey --label sign-p256 >"$work/authorized_keys"
ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p /run/sshd
cat >"$work/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $work/host_key
PidFile $work/sshd.pid
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AuthorizedKeysFile $work/authorized_keys
MaxStartups 100
EOF
/usr/sbin/sshd -D -e -f "$work/sshd_config" 2>"$work/sshd.log" &
sshd_pid=$!
sleep 1
printf '#!/bin/sh\necho 1234\n' >"$work/askpass" && chmod 700 "$work/askpass"
ssh_opts="-F /dev/null -p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=no"
loop() { # $1: extra ssh options
  local start end
  start=$(date +%s.%N)
  for _ in $(seq "$logins"); do ssh $ssh_opts $1 root@127.0.0.1 true </dev/null; done
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v n="$logins" 'BEGIN { printf "%.2f s (%.1f ms per login)\n", e - s, (e - s) * 1000 / n }'
}
echo "through the agent: $(loop "-o IdentityAgent=$SSH_AUTH_SOCK -o IdentitiesOnly=no")" >&2
echo "ssh -I:            $(SSH_ASKPASS=$work/askpass SSH_ASKPASS_REQUIRE=force DISPLAY=:0 loop "-o IdentityAgent=none -I $module")" >&2

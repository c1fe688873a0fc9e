#!/usr/bin/env bash
# `gangway ssh web-1 -- true` as a user runs it, whole process, against OpenSSH's `ssh host true` to the
# same SSH server (the sandbox's web-1) with the same key, in one run (issue 25: <= 2x OpenSSH's time,
# peak memory <= 120 MiB, with the instance known from a previous listing; the cold figure beside it).
# Medians of 9 after a warm-up; wall and CPU time and peak resident size from GNU time. Everything
# talks to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/gangway.jar ] || ./mvnw -q -B -DskipTests package
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time)"; exit 1; }
JAR=target/gangway.jar
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export GANGWAY_HOME="$work/home" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
java -jar "$JAR" sandbox --data "$work/sandbox-data" > "$work/sandbox.out" 2>/dev/null &
pid=$!
for _ in $(seq 1 300); do grep -q '^Press Ctrl+C' "$work/sandbox.out" 2>/dev/null && break; sleep 0.1; done
eval "$(grep '^export' "$work/sandbox.out")"
key="$work/sandbox-data/gangway-sandbox.pem"
port=$(target/gangway list --json 2>/dev/null | awk '/"name" : "web-1"/ {f=1} f && /"sshPort"/ {gsub(/[^0-9]/, ""); print; exit}')

# Nine runs of a command: "median-wall-ms median-cpu-ms median-peak-KiB".
measure() {
  for _ in 1 2 3 4 5 6 7 8 9; do
    /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" > /dev/null 2>&1 < /dev/null || true
    awk '{printf "%d %d %d\n", $1 * 1000, ($2 + $3) * 1000, $4}' "$work/t"
  done > "$work/runs"
  for col in 1 2 3; do cut -d' ' -f$col "$work/runs" | sort -n | awk '{a[NR]=$1} END {printf "%s ", a[5]}'; done
}
openssh=(ssh -i "$key" -p "$port" -o BatchMode=yes -o UserKnownHostsFile="$work/known_hosts"
  -o StrictHostKeyChecking=accept-new ec2-user@127.0.0.1 true)
# As a user types it once Gangway has connected to web-1 before: no --key (the key file that logged
# in then is used again); the cold figure asks EC2 and names the key.
gangway=(target/gangway ssh web-1 -- true)
cold=(target/gangway ssh web-1 --refresh --key "$key" -- true)

# Warm-up: the sandbox's JIT, the listing the cache learns from, each client's known_hosts entry.
for _ in 1 2 3; do "${openssh[@]}" > /dev/null 2>&1 || true; target/gangway list > /dev/null 2>&1; done
"${cold[@]}" > /dev/null 2>&1
"${gangway[@]}" > /dev/null 2>&1
kex_openssh=$(ssh -v "${openssh[@]:1}" 2>&1 | sed -n 's/.*kex: algorithm: //p' | head -1)
kex_gangway=$(target/gangway ssh --verbose "${gangway[@]:2}" 2>&1 | sed -n 's/.*key exchange \([^,]*\),.*/\1/p' | head -1)

read -r o_wall o_cpu o_rss <<< "$(measure "${openssh[@]}")"
read -r g_wall g_cpu g_rss <<< "$(measure "${gangway[@]}")"
read -r c_wall c_cpu c_rss <<< "$(measure "${cold[@]}")"
# The installed shell command, when the package was built (-Pjpackage): its own runtime (JDK 25+) and
# the AOT cache the build trained for `ssh` (lib/app/gangway-ssh.aot).
packaged=target/jpackage/image/Gangway/bin/gangway-cli
if [ -x "$packaged" ]; then
  "$packaged" ssh web-1 -- true > /dev/null 2>&1 || true
  read -r p_wall p_cpu p_rss <<< "$(measure "$packaged" ssh web-1 -- true)"
fi
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo "BENCH ssh host true, whole process, median of 9: OpenSSH ${o_wall} ms (${o_cpu} ms CPU, $((o_rss / 1024)) MiB peak, $kex_openssh)"
echo "BENCH gangway ssh web-1 -- true, instance known (listed, connected to before): ${g_wall} ms (${g_cpu} ms CPU, $((g_rss / 1024)) MiB peak, $kex_gangway): $(ratio "$g_wall" "$o_wall")x OpenSSH's time (target <= 2.0x, <= 120 MiB)"
echo "BENCH gangway ssh web-1 --refresh --key K -- true, EC2 asked every time: ${c_wall} ms (${c_cpu} ms CPU, $((c_rss / 1024)) MiB peak): $(ratio "$c_wall" "$o_wall")x"
# Where the time goes, each side in the same run (bench/phases.py: milestones from the lines each
# prints with -vvv / --verbose, timed as they arrive; the verbose output itself costs a little).
python3 bench/phases.py openssh 9 ssh -vvv "${openssh[@]:1}"
python3 bench/phases.py gangway 9 target/gangway --verbose "${gangway[@]:1}"
if [ -x "$packaged" ]; then
  echo "BENCH packaged gangway-cli ssh web-1 -- true, instance known: ${p_wall} ms (${p_cpu} ms CPU, $((p_rss / 1024)) MiB peak): $(ratio "$p_wall" "$o_wall")x OpenSSH's time"
fi

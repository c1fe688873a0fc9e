#!/usr/bin/env bash
# `gangway doctor` on one instance, whole process, against a sandbox answering every call after
# 100 ms (issue 20's target: <= 2 s). Prints the median of 7 for a private instance (its best way
# is its Instance Connect Endpoint) and a public one. Everything talks to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/gangway.jar ] || ./mvnw -q -B -DskipTests package
JAR=target/gangway.jar
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export GANGWAY_HOME="$work/home" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
java -jar "$JAR" sandbox --data "$work/sandbox-data" --latency 100ms > "$work/sandbox.out" 2>/dev/null &
pid=$!
for _ in $(seq 1 300); do grep -q '^Press Ctrl+C' "$work/sandbox.out" 2>/dev/null && break; sleep 0.1; done
eval "$(grep '^export' "$work/sandbox.out")"
# The sandbox's key pair, where the doctor looks for keys.
mkdir -p "$GANGWAY_HOME" && cp "$work/sandbox-data/gangway-sandbox.pem" "$work/gangway-sandbox.pem" 2>/dev/null || true
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { date +%s%3N; }
timed() { local s e; s=$(ms); "$@" > /dev/null 2>&1 || true; e=$(ms); echo $((e - s)); }
for name in db-debian web-1; do
  target/gangway doctor "$name" > /dev/null 2>&1 || true   # the sandbox's JIT warms up
  t=$(for i in 1 2 3 4 5 6 7; do timed target/gangway doctor "$name"; done | median)
  echo "BENCH gangway doctor $name, 100 ms per AWS call, whole process, median of 7: ${t} ms (target <= 2000 ms)"
done

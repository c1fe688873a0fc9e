#!/usr/bin/env bash
# Cold start to the populated window (issue 5): a new process each time, on the sandbox with 1,000
# instances (in-process, no sandbox SSH servers), timed from exec until the window reports its table
# filled (after the frame that shows the rows). Median of 5 each, measured in one run, for:
#   - the installed app (/opt/gangway/bin/Gangway), or the app-image the build made when it is not
#     installed (the same files: jlink runtime, window flags, AOT cache);
#   - plain `java -cp` with the machine's default java and no flags, beside it.
# Needs a display (xvfb-run -a bash bench/startup.sh) and `./mvnw -Pjpackage -DskipTests package` done
# first. "Cold" is a new JVM; the files are in the OS's page cache after the first run, as on a desktop.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GANGWAY_HOME="$work/home" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
args=(--sandbox-filler 1x1000 --no-sandbox-ssh --exit-when-populated)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Milliseconds from exec until the "populated" line; the line itself goes to $work/last.
until_populated() {
  local start now line
  start=$(date +%s%N)
  while IFS= read -r line; do
    if [[ $line == populated* ]]; then
      now=$(date +%s%N)
      echo "$line" > "$work/last"
      echo $(( (now - start) / 1000000 ))
    fi
  done < <("$@" "${args[@]}" 2>/dev/null)
}
measure() {
  local name=$1; shift
  "$@" "${args[@]}" > /dev/null 2>&1 || true   # once, so every timed run finds the files in the page cache
  for _ in $(seq 1 "$runs"); do
    local ms; ms=$(until_populated "$@")
    echo "$ms" >> "$work/$name"
    echo "  $name: $ms ms ($(cat "$work/last"))"
  done
  echo "$name median of $runs: $(median < "$work/$name") ms"
}

if [ -x /opt/gangway/bin/Gangway ]; then
  app=/opt/gangway/bin/Gangway
else
  app=target/jpackage/image/Gangway/bin/Gangway
fi
[ -x "$app" ] || { echo "no packaged app: run ./mvnw -Pjpackage -DskipTests package first" >&2; exit 1; }
echo "== cold start to the populated window, 1,000 sandbox instances, $runs runs each"
echo "packaged app: $app ($(grep -q AOTCache= "$(dirname "$app")/../lib/app/Gangway.cfg" && echo 'with' || echo 'without') the AOT cache)"
measure packaged "$app"
echo "plain java: $(java -version 2>&1 | head -1)"
measure plain-java java -cp "target/gangway.jar:target/lib/*" dev.gangway.app.Main
echo "packaged app vs plain java -cp: $(awk "BEGIN{printf \"%.2f\", $(median < "$work/packaged") / $(median < "$work/plain-java")}")x the time"

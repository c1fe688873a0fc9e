#!/usr/bin/env python3
"""Where one whole-process connect spends its time, from the lines it prints as they arrive.

Runs a command (OpenSSH `ssh -vvv ... true`, or `gangway --verbose ssh ... -- true`), stamps each
stderr line with its arrival time since the start, and prints the time between the milestones the
first matching lines mark. Part of bench/ssh-cli.sh (issue 25: a phase breakdown of each side in
the same run); the median of several runs per phase.
"""
import re
import statistics
import subprocess
import sys
import time

OPENSSH = [
    ("process start + TCP connect", r"Connection established"),
    ("key exchange + host-key check", r"SSH2_MSG_NEWKEYS received"),
    ("auth", r"Authenticated to|Authentication succeeded"),
    ("command + exit", None),
]
GANGWAY = [
    ("JVM start + logging", r"JVM up"),
    ("cloud, instance cache, settings", r"as learned"),
    ("plan, key file, MINA set-up, TCP, key exchange, host key, auth", r"connected to"),
    ("command + exit", None),
]


def one(command, milestones):
    start = time.monotonic()
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, errors="replace")
    marks, detail = [], ""
    pending = [m for m in milestones if m[1]]
    for line in proc.stderr:
        if pending and re.search(pending[0][1], line):
            marks.append(time.monotonic() - start)
            pending.pop(0)
            found = re.search(r" in \d+ ms \(([^)]*)\)", line)
            if found:
                detail = found.group(1)
    proc.wait()
    marks.append(time.monotonic() - start)
    if len(marks) != len(milestones):
        return None, detail
    return [1000 * (b - a) for a, b in zip([0.0] + marks[:-1], marks)], detail


def main():
    which, runs, command = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    milestones = OPENSSH if which == "openssh" else GANGWAY
    results, details = [], []
    for _ in range(runs):
        phases, detail = one(command, milestones)
        if phases:
            results.append(phases)
            details.append(detail)
    if not results:
        print(f"BENCH {which} phases: no run printed its milestones")
        return
    parts = [f"{name} {statistics.median(r[i] for r in results):.0f}" for i, (name, _) in enumerate(milestones)]
    total = statistics.median(sum(r) for r in results)
    extra = f"; inside the connect, one run: {details[len(details) // 2]}" if details[0] else ""
    print(f"BENCH {which} phases, median of {len(results)} (ms; stderr lines timed as they arrive, "
          f"total {total:.0f}): " + ", ".join(parts) + extra)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Stops the chart sources up.sh started: only the recorded pids that are still our binaries.
# The state (.tools/chart-sources) stays for the logs; up.sh starts from scratch. Safe to repeat.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
for s in "${SOURCES[@]}"; do
  if pid="$(pid_of "$s")"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 25); do pid_of "$s" >/dev/null || break; sleep 0.2; done
    if pid="$(pid_of "$s")"; then kill -KILL "$pid" 2>/dev/null || true; fi
    echo "[chart-sources] stopped $s"
  fi
  rm -f "$W/pids/$s.pid"
done

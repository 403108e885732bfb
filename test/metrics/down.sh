#!/usr/bin/env bash
# Stops what up.sh started: only the recorded pids that are still our binaries. The state
# (.tools/metrics) stays for the logs; up.sh starts from scratch. Safe to repeat.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
  s="${SERVICES[$i]}"
  if pid="$(pid_of "$s")"; then
    kill -TERM "$pid" 2>/dev/null || true
    # Prometheus closes its TSDB on SIGTERM; give it a few seconds before KILL.
    for _ in $(seq 1 50); do pid_of "$s" >/dev/null || break; sleep 0.2; done
    if pid="$(pid_of "$s")"; then kill -KILL "$pid" 2>/dev/null || true; fi
    echo "[metrics] stopped $s"
  fi
  rm -f "$W/pids/$s.pid"
done

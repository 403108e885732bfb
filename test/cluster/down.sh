#!/usr/bin/env bash
# Stop the cluster started by up.sh: only the processes recorded in
# .tools/cluster/pids whose /proc/<pid>/exe is still our binary. SIGTERM, then
# SIGKILL after a grace period. Logs are moved to
# .tools/cluster-logs/<UTC timestamp>/ (newest 10 kept), then the state
# directory (etcd data, PKI, kubeconfig) is removed. Safe to run repeatedly.
# CLUSTER_NAME=<name> stops that instance only (see common.sh).
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

GRACE="${GRACE:-8}"   # seconds between SIGTERM and SIGKILL
log() { printf '[down] %s\n' "$*"; }

if [ ! -d "$W" ]; then
  log "no cluster state in $W; nothing to do"
  exit 0
fi

pids=(); names=()
for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do   # reverse start order
  c="${COMPONENTS[$i]}"
  if pid="$(pid_of "$c")"; then
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid"); names+=("$c")
    log "SIGTERM $c (pid $pid)"
  elif [ -f "$W/pids/$c.pid" ]; then
    log "$c (pid $(cat "$W/pids/$c.pid")) is not running (or the pid is no longer ours); skipping"
  fi
done

alive_pids() { # prints "name:pid" for those still ours and alive
  local j
  for j in "${!pids[@]}"; do
    if [ "$(pid_of "${names[$j]}" 2>/dev/null)" = "${pids[$j]}" ]; then echo "${names[$j]}:${pids[$j]}"; fi
  done
}

deadline=$((SECONDS + GRACE))
while [ -n "$(alive_pids)" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
for np in $(alive_pids); do
  log "SIGKILL ${np%%:*} (pid ${np#*:}): did not exit within ${GRACE}s"
  kill -KILL "${np#*:}" 2>/dev/null || true
done
deadline=$((SECONDS + 10))
while [ -n "$(alive_pids)" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
if [ -n "$(alive_pids)" ]; then
  log "ERROR: still running after SIGKILL: $(alive_pids)"
  exit 1
fi

# Ports are released when the processes exit; wait briefly for the kernel.
busy=()
deadline=$((SECONDS + 5))
while :; do
  busy=()
  for p in "${ALL_PORTS[@]}"; do listening "$p" && busy+=("$p"); done
  [ ${#busy[@]} -eq 0 ] || [ $SECONDS -ge $deadline ] && break
  sleep 0.2
done

if [ -d "$W/logs" ] && [ -n "$(ls -A "$W/logs" 2>/dev/null)" ]; then
  dest="$LOGARCHIVE/$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$LOGARCHIVE"
  [ -e "$dest" ] && dest="$dest-$$"
  mv "$W/logs" "$dest"
  ln -sfn "$(basename "$dest")" "$LOGARCHIVE/latest"
  # keep the newest 10 archives
  find "$LOGARCHIVE" -mindepth 1 -maxdepth 1 -type d -name '20*' | sort | head -n -10 | xargs -r rm -rf
  log "logs kept in $dest"
fi
rm -rf "$W"
log "stopped ${names[*]:-nothing}; removed $W"

if [ ${#busy[@]} -gt 0 ]; then
  log "WARNING: ports still listening (not ours?): ${busy[*]}"
  ss -Hltnp | grep -E ":($(IFS='|'; echo "${busy[*]}"))\b" || true
  exit 1
fi

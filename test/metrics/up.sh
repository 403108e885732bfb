#!/usr/bin/env bash
# Starts the metrics side of the e2e tier:
#   - metrics-exporter at http://127.0.0.1:15491: /metrics says what the tests set through
#     PUT /series and DELETE /series?namespace=<theirs> (test/metrics/exporter/main.go)
#   - Prometheus at http://127.0.0.1:15490, scraping the exporter every second (job "app",
#     honor_labels, so the tests' own labels stay as they set them), one hour of retention
# Nothing listens on 127.0.0.1:15499: a test that needs an unreachable Prometheus points the action
# there, and every other test keeps the real one. up.sh refuses to start when that port is taken.
# Everything the tests need is written to .tools/metrics/metrics.json; logs are in
# .tools/metrics/logs. Binaries come from test/metrics/build.sh. Idempotent: when both run, only
# readiness is checked.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

T0=$SECONDS
log() { printf '[metrics %3ds] %s\n' "$((SECONDS - T0))" "$*"; }
fail() {
  echo "[metrics] ERROR: $*" >&2
  for s in "${SERVICES[@]}"; do
    [ -f "$W/logs/$s.log" ] && { echo "----- last 20 lines of $s.log -----" >&2; tail -n 20 "$W/logs/$s.log" >&2; }
  done
  bash "$METRICS_HERE/down.sh" >&2 || true
  exit 1
}
for b in "${SERVICES[@]}"; do
  [ -x "$BIN/$b" ] || { echo "[metrics] ERROR: $BIN/$b missing; run test/metrics/build.sh" >&2; exit 1; }
done
for t in curl setsid ss; do command -v "$t" >/dev/null || { echo "[metrics] ERROR: '$t' not found" >&2; exit 1; }; done

PROM="http://127.0.0.1:$PROMETHEUS_PORT"
# ready: Prometheus answers and its last scrape of the exporter succeeded.
ready() {
  curl -fs --max-time 2 "http://127.0.0.1:$EXPORTER_PORT/healthz" >/dev/null &&
    curl -fs --max-time 2 "$PROM/-/ready" >/dev/null &&
    curl -fs --max-time 2 "$PROM/api/v1/query" --data-urlencode "query=up{job=\"$SCRAPE_JOB\"} == 1" |
    grep -q '"result":\[{'
}

if pid_of prometheus >/dev/null && pid_of metrics-exporter >/dev/null && [ -f "$W/metrics.json" ]; then
  ready || fail "Prometheus and the exporter run but do not answer, or the last scrape failed"
  log "already running; ready"
  exit 0
fi
bash "$METRICS_HERE/down.sh" >/dev/null
for p in "$PROMETHEUS_PORT" "$EXPORTER_PORT" "$UNREACHABLE_PORT"; do
  if listening "$p"; then
    echo "[metrics] ERROR: 127.0.0.1:$p is taken by a process up.sh did not start:" >&2
    ss -Hltnp "sport = :$p" >&2 || true
    echo "[metrics] stop it, or change the ports in test/metrics/common.sh" >&2
    exit 1
  fi
done
rm -rf "$W"
mkdir -p "$W"/{pids,logs,data}

# scrape_timeout may not exceed the interval; a 1s scrape of a local exporter takes milliseconds.
cat >"$W/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: $SCRAPE_JOB
    honor_labels: true
    static_configs:
      - targets: ['127.0.0.1:$EXPORTER_PORT']
YAML

start() { # name args...
  local name=$1; shift
  # From $W: Prometheus without built-in UI assets looks for them relative to its working directory.
  (cd "$W" && exec setsid "$BIN/$name" "$@" </dev/null >"$W/logs/$name.log" 2>&1) &
  echo $! >"$W/pids/$name.pid"
  log "started $name (pid $!)"
}
start metrics-exporter -addr "127.0.0.1:$EXPORTER_PORT"
start prometheus --config.file="$W/prometheus.yml" --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" \
  --storage.tsdb.path="$W/data" --storage.tsdb.retention.time=1h --log.level=info

deadline=$((SECONDS + 60))
until ready; do
  for s in "${SERVICES[@]}"; do pid_of "$s" >/dev/null || fail "$s exited"; done
  [ $SECONDS -lt $deadline ] || fail "timed out waiting for Prometheus to scrape the exporter"
  sleep 0.3
done

cat >"$W/metrics.json" <<JSON
{
  "prometheusUrl": "$PROM",
  "exporterUrl": "http://127.0.0.1:$EXPORTER_PORT",
  "unreachableUrl": "http://127.0.0.1:$UNREACHABLE_PORT",
  "scrapeJob": "$SCRAPE_JOB",
  "scrapeIntervalSeconds": 1,
  "logs": ["$W/logs/prometheus.log", "$W/logs/metrics-exporter.log"]
}
JSON
log "ready: $W/metrics.json ($("$BIN/prometheus" --version 2>&1 | head -1))"

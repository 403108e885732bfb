# shellcheck shell=bash disable=SC2034
# Shared settings of test/metrics/{up,down}.sh (sourced). Prometheus and the exporter listen on
# 127.0.0.1 only, on fixed ports next to the chart sources' (15443, 15444) and away from the
# cluster's (16xxx, 17xxx).
METRICS_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# pid_of and listening come from the cluster's scripts; only the state folder differs.
# shellcheck source=SCRIPTDIR/../cluster/common.sh
CLUSTER_NAME="" . "$METRICS_HERE/../cluster/common.sh"
W="$ROOT/.tools/metrics"        # state: pids/ logs/ data/ prometheus.yml metrics.json
PROMETHEUS_PORT=15490           # Prometheus HTTP API: http://127.0.0.1:15490/api/v1/query
EXPORTER_PORT=15491             # the exporter the tests set: /metrics, PUT/DELETE /series
UNREACHABLE_PORT=15499          # kept free: "a Prometheus that does not answer" for the tests
SCRAPE_JOB=app
SERVICES=(metrics-exporter prometheus) # start order; down.sh stops in reverse

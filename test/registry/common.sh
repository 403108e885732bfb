# shellcheck shell=bash disable=SC2034
# Shared settings of test/registry/{up,down}.sh (sourced). Both chart sources listen on
# 127.0.0.1 only, on fixed ports next to the cluster's.
REG_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$REG_HERE/../.." && pwd)"
BIN="$ROOT/.tools/bin"
W="$ROOT/.tools/chart-sources"            # state: pki/ auth/ storage/ repo/ pids/ logs/ sources.json
REGISTRY_PORT=15443                       # OCI registry: oci://127.0.0.1:15443/charts
REPO_PORT=15444                           # chart repository: https://127.0.0.1:15444
SOURCES=(registry chartsrv)

# pid_of <binary>: the recorded pid if that process is alive and still our binary.
pid_of() {
  local f="$W/pids/$1.pid" pid exe
  [ -f "$f" ] || return 1
  pid="$(cat "$f")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null)" || return 1
  [ "${exe% (deleted)}" = "$BIN/$1" ] || return 1
  echo "$pid"
}

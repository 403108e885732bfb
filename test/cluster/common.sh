# shellcheck shell=bash disable=SC2034
# Shared settings for test/cluster/{up,down,smoke}.sh (sourced, not executed).
# Everything listens on 127.0.0.1 only, on fixed non-default ports.
#
# CLUSTER_NAME=<name> selects another, independent instance: its own state in
# .tools/cluster-<name>/ and its ports shifted by CLUSTER_PORT_OFFSET (default
# 100), so tests that pause or restart an API server never touch the shared
# default instance. Unset, everything is exactly the default instance.

CLUSTER_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$CLUSTER_HERE/../.." && pwd)"
BIN="$ROOT/.tools/bin"
CLUSTER_NAME="${CLUSTER_NAME:-}"
if [ -n "$CLUSTER_NAME" ]; then
  if ! [[ "$CLUSTER_NAME" =~ ^[a-z0-9][a-z0-9-]{0,30}$ ]]; then
    echo "CLUSTER_NAME \"$CLUSTER_NAME\": use lowercase letters, digits and -" >&2
    exit 1
  fi
  INSTANCE="-$CLUSTER_NAME"
  PORT_OFFSET="${CLUSTER_PORT_OFFSET:-100}"
else
  INSTANCE=""
  PORT_OFFSET=0
fi
W="$ROOT/.tools/cluster$INSTANCE"                 # state: pids/ logs/ pki/ etcd/ kubeconfig
LOGARCHIVE="$ROOT/.tools/cluster-logs$INSTANCE"   # down.sh moves logs here
KUBECONFIG_FILE="$W/kubeconfig"

APISERVER_PORT=$((16443 + PORT_OFFSET))
ETCD_PORT=$((16379 + PORT_OFFSET))
ETCD_PEER_PORT=$((16380 + PORT_OFFSET))
KCM_PORT=$((16257 + PORT_OFFSET))
SCHED_PORT=$((16259 + PORT_OFFSET))
KWOK_PORT=$((16247 + PORT_OFFSET))   # kwok's health/metrics endpoint (--server-address)
ALL_PORTS=("$ETCD_PORT" "$ETCD_PEER_PORT" "$APISERVER_PORT" "$KCM_PORT" "$SCHED_PORT" "$KWOK_PORT")

NODE_NAME=kwok-node-0
# start order; down.sh stops in reverse
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

kc() { "$BIN/kubectl" --kubeconfig="$KUBECONFIG_FILE" "$@"; }

# pid_of <component>: prints the recorded pid if that process is alive AND is
# still our binary (guards against pid reuse); returns 1 otherwise.
pid_of() {
  local f="$W/pids/$1.pid" pid exe
  [ -f "$f" ] || return 1
  pid="$(cat "$f")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null)" || return 1
  exe="${exe% (deleted)}"     # binary was rebuilt while running
  [ "$exe" = "$BIN/$1" ] || return 1
  echo "$pid"
}

# listening <port>: is anything listening on 127.0.0.1/any address at <port>?
listening() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

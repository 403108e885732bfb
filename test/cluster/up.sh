#!/usr/bin/env bash
# Start a local Kubernetes control plane for e2e tests: etcd, kube-apiserver
# (TLS, RBAC, service accounts), kube-controller-manager, kube-scheduler and
# kwok (fake node + fake pod lifecycle, see kwok-stages.yaml), all as
# background processes bound to 127.0.0.1. Binaries come from build.sh.
#
#   KUBECONFIG=$ROOT/.tools/cluster/kubeconfig   (API server https://127.0.0.1:16443)
#
# CLUSTER_NAME=<name> starts another instance beside it (see common.sh):
#   KUBECONFIG=$ROOT/.tools/cluster-<name>/kubeconfig (API server port +100)
#
# If the cluster is already running this only re-checks readiness. If only
# part of it is running, the leftovers are stopped (down.sh) and it starts
# fresh. On failure it prints the tail of the failing component's log, stops
# everything (logs are kept in .tools/cluster-logs/) and exits 1;
# KEEP_ON_FAILURE=1 leaves the processes running for debugging.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

T0=$SECONDS
log() { printf '[up %3ds] %s\n' "$((SECONDS - T0))" "$*"; }

fail() { # component message
  local comp=$1; shift
  echo "[up] ERROR: $*" >&2
  if [ -n "$comp" ] && [ -f "$W/logs/$comp.log" ]; then
    echo "----- last 40 lines of $W/logs/$comp.log -----" >&2
    tail -n 40 "$W/logs/$comp.log" >&2
    echo "-----" >&2
  fi
  if [ "${KEEP_ON_FAILURE:-0}" != 1 ]; then
    "$CLUSTER_HERE/down.sh" >&2 || true
  fi
  exit 1
}

# wait_until <component> <timeout-seconds> <description> <command...>
# Polls the command; fails early if the component's process died.
wait_until() {
  local comp=$1 timeout=$2 desc=$3; shift 3
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [ -n "$comp" ] && ! pid_of "$comp" >/dev/null; then
      fail "$comp" "$comp exited while waiting for: $desc"
    fi
    [ $SECONDS -lt $deadline ] || fail "$comp" "timed out after ${timeout}s waiting for: $desc"
    sleep 0.5
  done
  log "$desc: ok"
}

start() { # component args...
  local comp=$1; shift
  # setsid: own session, so a Ctrl-C/SIGHUP aimed at the caller does not hit it
  setsid "$BIN/$comp" "$@" </dev/null >"$W/logs/$comp.log" 2>&1 &
  echo $! >"$W/pids/$comp.pid"
  log "started $comp (pid $!)"
}

node_ready() {
  [ "$(kc get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = True ]
}
https_ok() { curl -fsS --max-time 2 --cacert "$W/pki/ca.crt" "$1" ; }

verify() { # the readiness contract the tests rely on
  wait_until kube-apiserver "${1:-90}" "kube-apiserver /readyz" kc get --raw /readyz
  wait_until kwok "${1:-60}" "node/$NODE_NAME Ready" node_ready
  wait_until kube-controller-manager "${1:-60}" "serviceaccount/default in namespace default" \
    kc -n default get serviceaccount default
}

# ------------------------------------------------------------- preconditions
for b in etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok; do
  [ -x "$BIN/$b" ] || { echo "[up] ERROR: $BIN/$b missing; run test/cluster/build.sh cluster" >&2; exit 1; }
done
for t in openssl curl ss setsid; do
  command -v "$t" >/dev/null || { echo "[up] ERROR: '$t' not found" >&2; exit 1; }
done

alive=(); dead=()
for c in "${COMPONENTS[@]}"; do
  if pid_of "$c" >/dev/null; then alive+=("$c"); elif [ -f "$W/pids/$c.pid" ]; then dead+=("$c"); fi
done
if [ ${#alive[@]} -eq ${#COMPONENTS[@]} ]; then
  log "cluster already running; re-checking readiness"
  verify 30
  log "ready. KUBECONFIG=$KUBECONFIG_FILE"
  exit 0
fi
if [ ${#alive[@]} -gt 0 ] || [ ${#dead[@]} -gt 0 ]; then
  log "previous cluster is only partly running (alive: ${alive[*]:-none}; dead: ${dead[*]:-none})"
  for c in "${dead[@]}"; do
    [ -f "$W/logs/$c.log" ] && { echo "----- last 20 lines of $c.log -----"; tail -n 20 "$W/logs/$c.log"; }
  done
  log "stopping leftovers and starting fresh"
  "$CLUSTER_HERE/down.sh"
fi
for p in "${ALL_PORTS[@]}"; do
  if listening "$p"; then
    echo "[up] ERROR: port $p is already in use (not by a cluster recorded in $W):" >&2
    ss -Hltnp "sport = :$p" >&2 || true
    exit 1
  fi
done

rm -rf "$W"
mkdir -p "$W"/{pids,logs,pki,etcd}
chmod 700 "$W/etcd"
PKI="$W/pki"

# ------------------------------------------------------------------------ PKI
# One CA and one certificate (CN=e2e-admin, O=system:masters, server+client
# usage) used as apiserver serving cert, client cert for every component and
# kubectl/helm, and front-proxy client cert; its key also signs SA tokens.
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=e2e-ca" \
  -keyout "$PKI/ca.key" -out "$PKI/ca.crt" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
  2>/dev/null
openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "/O=system:masters/CN=e2e-admin" \
  -keyout "$PKI/admin.key" -out "$PKI/admin.csr" 2>/dev/null
cat >"$PKI/admin.ext" <<'EOF'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,IP:127.0.0.1,IP:10.96.0.1
EOF
openssl x509 -req -sha256 -days 3650 -in "$PKI/admin.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" \
  -CAcreateserial -extfile "$PKI/admin.ext" -out "$PKI/admin.crt" 2>/dev/null
chmod 600 "$PKI"/*.key
log "PKI generated"

# Self-contained kubeconfig (certs embedded), usable by kubectl, helm, tests.
b64() { base64 -w0 <"$1"; }
cat >"$KUBECONFIG_FILE" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: e2e
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(b64 "$PKI/ca.crt")
users:
- name: e2e-admin
  user:
    client-certificate-data: $(b64 "$PKI/admin.crt")
    client-key-data: $(b64 "$PKI/admin.key")
contexts:
- name: e2e
  context:
    cluster: e2e
    user: e2e-admin
    namespace: default
current-context: e2e
EOF
chmod 600 "$KUBECONFIG_FILE"

# ----------------------------------------------------------------------- etcd
start etcd \
  --name=e2e --data-dir="$W/etcd" \
  --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="e2e=http://127.0.0.1:$ETCD_PEER_PORT" --initial-cluster-state=new \
  --auto-compaction-retention=1 --quota-backend-bytes=4294967296 \
  --unsafe-no-fsync --log-level=warn
wait_until etcd 30 "etcd /health" curl -fsS --max-time 2 "http://127.0.0.1:$ETCD_PORT/health"

# ------------------------------------------------------------- kube-apiserver
start kube-apiserver \
  --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$APISERVER_PORT" \
  --endpoint-reconciler-type=none \
  --service-cluster-ip-range=10.96.0.0/16 \
  --allow-privileged=true \
  --authorization-mode=Node,RBAC \
  --tls-cert-file="$PKI/admin.crt" --tls-private-key-file="$PKI/admin.key" \
  --client-ca-file="$PKI/ca.crt" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$PKI/admin.key" \
  --service-account-signing-key-file="$PKI/admin.key" \
  --proxy-client-cert-file="$PKI/admin.crt" --proxy-client-key-file="$PKI/admin.key" \
  --requestheader-client-ca-file="$PKI/ca.crt" --requestheader-allowed-names=e2e-admin \
  --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
  --requestheader-extra-headers-prefix=X-Remote-Extra- \
  --kubelet-client-certificate="$PKI/admin.crt" --kubelet-client-key="$PKI/admin.key" \
  --kubelet-preferred-address-types=InternalIP
wait_until kube-apiserver 90 "kube-apiserver /readyz" kc get --raw /readyz

# ------------------------------------------ controller-manager and scheduler
# --node-monitor-grace-period: an API server restart (the fault tests make one) can outlast the
# default 50 s on a busy machine; the node lifecycle controller then marks every pod not ready,
# and kwok, unlike a kubelet, never reports them ready again. No test needs a node to go away.
start kube-controller-manager \
  --kubeconfig="$KUBECONFIG_FILE" \
  --authentication-kubeconfig="$KUBECONFIG_FILE" --authorization-kubeconfig="$KUBECONFIG_FILE" \
  --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
  --bind-address=127.0.0.1 --secure-port="$KCM_PORT" \
  --tls-cert-file="$PKI/admin.crt" --tls-private-key-file="$PKI/admin.key" \
  --leader-elect=false \
  --node-monitor-grace-period=5m \
  --root-ca-file="$PKI/ca.crt" --service-account-private-key-file="$PKI/admin.key" \
  --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
  --use-service-account-credentials=false
start kube-scheduler \
  --kubeconfig="$KUBECONFIG_FILE" \
  --authentication-kubeconfig="$KUBECONFIG_FILE" --authorization-kubeconfig="$KUBECONFIG_FILE" \
  --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
  --bind-address=127.0.0.1 --secure-port="$SCHED_PORT" \
  --tls-cert-file="$PKI/admin.crt" --tls-private-key-file="$PKI/admin.key" \
  --leader-elect=false

# ----------------------------------------------------------------------- kwok
# kwok also plays the kubelet's HTTPS endpoint: the node's InternalIP/port are
# 127.0.0.1:$KWOK_PORT, so `kubectl logs [--previous]` works and returns the
# canned CRI-format log files below for every container.
now="$(date -u +%Y-%m-%dT%H:%M:%S.000000000Z)"
printf '%s stdout F %s\n' "$now" "e2e fake container: no kubelet here (kwok); this is canned output" \
  >"$W/container.log"
printf '%s stderr F %s\n' "$now" "e2e fake container: previous instance exited with code 1 (simulated)" \
  >"$W/container-previous.log"
cat >"$W/kwok-logs.yaml" <<EOF
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: e2e-canned-logs
spec:
  logs:
  - logsFile: $W/container.log
    previousLogsFile: $W/container-previous.log
EOF
start kwok \
  --kubeconfig="$KUBECONFIG_FILE" \
  --config="$CLUSTER_HERE/kwok-stages.yaml" --config="$W/kwok-logs.yaml" \
  --manage-all-nodes=true \
  --node-lease-duration-seconds=40 \
  --cidr=10.244.0.0/16 \
  --node-ip=127.0.0.1 --node-port="$KWOK_PORT" \
  --server-address="127.0.0.1:$KWOK_PORT" \
  --tls-cert-file="$PKI/admin.crt" --tls-private-key-file="$PKI/admin.key"

wait_until kube-controller-manager 60 "kube-controller-manager /healthz" https_ok "https://127.0.0.1:$KCM_PORT/healthz"
wait_until kube-scheduler 60 "kube-scheduler /healthz" https_ok "https://127.0.0.1:$SCHED_PORT/healthz"
wait_until kwok 60 "kwok /healthz" curl -fsS --max-time 2 "http://127.0.0.1:$KWOK_PORT/healthz"

# ------------------------------------------------------------- one fake node
# No taint, so unmodified charts schedule onto it. Room for the many concurrent end-to-end
# cases (each installs whole charts with resource requests) on one fake node.
kc apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Node
metadata:
  name: $NODE_NAME
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: $NODE_NAME
    kubernetes.io/os: linux
    kubernetes.io/role: agent
    node-role.kubernetes.io/agent: ""
    type: kwok
status:
  allocatable: {cpu: "1k", memory: 4Ti, pods: "1k"}
  capacity: {cpu: "1k", memory: 4Ti, pods: "1k"}
EOF
verify
log "ready in $((SECONDS - T0))s. KUBECONFIG=$KUBECONFIG_FILE"

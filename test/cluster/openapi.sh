#!/usr/bin/env bash
# Writes the OpenAPI v2 document a Kubernetes API server serves when it emulates another minor
# version (kube-apiserver --emulated-version), for the offline schema check of rendered
# manifests:  test/cluster/openapi.sh 1.33 > openapi-1.33.json
# A throw-away etcd and kube-apiserver on their own loopback ports; nothing else is touched.
set -euo pipefail
version=${1:?usage: openapi.sh <kube minor, e.g. 1.33>}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="$ROOT/.tools/bin"
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
openssl genrsa -out "$work/sa.key" 2048 2>/dev/null
token="$(openssl rand -hex 16)"
echo "$token,openapi,openapi,system:masters" >"$work/tokens.csv"
auth=(-H "Authorization: Bearer $token")
"$BIN/etcd" --name=openapi --data-dir="$work/etcd" --listen-client-urls=http://127.0.0.1:17379 \
  --advertise-client-urls=http://127.0.0.1:17379 --listen-peer-urls=http://127.0.0.1:17380 \
  --initial-advertise-peer-urls=http://127.0.0.1:17380 --initial-cluster=openapi=http://127.0.0.1:17380 \
  --unsafe-no-fsync --log-level=error >"$work/etcd.log" 2>&1 &
pids+=($!)
"$BIN/kube-apiserver" --etcd-servers=http://127.0.0.1:17379 --bind-address=127.0.0.1 \
  --advertise-address=127.0.0.1 --secure-port=17443 --cert-dir="$work/certs" \
  --endpoint-reconciler-type=none --service-cluster-ip-range=10.96.0.0/16 \
  --authorization-mode=AlwaysAllow --anonymous-auth=false --token-auth-file="$work/tokens.csv" \
  --service-account-issuer=https://kubernetes.default.svc --service-account-key-file="$work/sa.key" \
  --service-account-signing-key-file="$work/sa.key" --emulated-version="kube=$version" >"$work/apiserver.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  if curl -fsk "${auth[@]}" --max-time 2 https://127.0.0.1:17443/readyz >/dev/null 2>&1; then
    curl -fsk "${auth[@]}" --max-time 30 https://127.0.0.1:17443/openapi/v2
    exit 0
  fi
  kill -0 "${pids[1]}" 2>/dev/null || break
  sleep 0.5
done
echo "openapi.sh: kube-apiserver emulating $version did not become ready:" >&2
grep -v "etcd-client" "$work/apiserver.log" | grep -iE "error|fatal|invalid" | head -10 >&2
exit 1

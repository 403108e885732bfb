#!/usr/bin/env bash
# Starts the chart sources of the e2e tier and publishes the test charts to both:
#   - the CNCF distribution registry: https://127.0.0.1:15443, htpasswd (bcrypt) basic auth,
#     charts pushed as oci://127.0.0.1:15443/charts/<name>
#   - chartsrv: a static chart repository (index.yaml + .tgz) at https://127.0.0.1:15444 behind
#     basic auth, as GitHub Pages or any web server hosts one
# Both use TLS from a throwaway CA (.tools/chart-sources/pki/ca.crt) and one random password.
# test/charts/sources/hello is published as 1.0.0, 1.1.0, 1.1.3, 1.2.0-rc.1 and 2.0.0.
# Everything the tests need is written to .tools/chart-sources/sources.json. Binaries come from
# test/registry/build.sh. Idempotent: when both run, only readiness is checked.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

T0=$SECONDS
log() { printf '[chart-sources %3ds] %s\n' "$((SECONDS - T0))" "$*"; }
fail() {
  echo "[chart-sources] ERROR: $*" >&2
  for s in "${SOURCES[@]}"; do
    [ -f "$W/logs/$s.log" ] && { echo "----- last 20 lines of $s.log -----" >&2; tail -n 20 "$W/logs/$s.log" >&2; }
  done
  bash "$REG_HERE/down.sh" >&2 || true
  exit 1
}
for b in registry chartsrv helm4; do
  [ -x "$BIN/$b" ] || { echo "[chart-sources] ERROR: $BIN/$b missing; run test/registry/build.sh (and test/cluster/build.sh helm)" >&2; exit 1; }
done
for t in openssl curl setsid; do command -v "$t" >/dev/null || { echo "[chart-sources] ERROR: '$t' not found" >&2; exit 1; }; done

ready() {
  local user pass
  user="$(cat "$W/auth/username")"; pass="$(cat "$W/auth/password")"
  curl -fsS --max-time 2 --cacert "$W/pki/ca.crt" -u "$user:$pass" "https://127.0.0.1:$REGISTRY_PORT/v2/" >/dev/null &&
    curl -fsS --max-time 2 --cacert "$W/pki/ca.crt" -u "$user:$pass" "https://127.0.0.1:$REPO_PORT/index.yaml" >/dev/null
}

if pid_of registry >/dev/null && pid_of chartsrv >/dev/null && [ -f "$W/sources.json" ]; then
  ready || fail "the chart sources run but do not answer"
  log "already running; ready"
  exit 0
fi
bash "$REG_HERE/down.sh" >/dev/null
rm -rf "$W"
mkdir -p "$W"/{pki,auth,storage,repo,pids,logs,helm,publish}
chmod 700 "$W/auth"

# ---- TLS: a CA and one server certificate for 127.0.0.1 and localhost
PKI="$W/pki"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=deploy-action e2e chart sources CA" \
  -keyout "$PKI/ca.key" -out "$PKI/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$PKI/server.key" -out "$PKI/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$PKI/ext.cnf"
openssl x509 -req -days 2 -in "$PKI/server.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
  -extfile "$PKI/ext.cnf" -out "$PKI/server.crt" 2>/dev/null
log "TLS certificates in $PKI"

# ---- one reader account; the password is random per start and lives only in auth/
echo chart-reader >"$W/auth/username"
openssl rand -hex 18 >"$W/auth/password"
chmod 600 "$W/auth/password"
"$BIN/chartsrv" -htpasswd -user chart-reader -password-file "$W/auth/password" >"$W/auth/htpasswd"

cat >"$W/registry.yml" <<YAML
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $W/storage
http:
  addr: 127.0.0.1:$REGISTRY_PORT
  tls:
    certificate: $PKI/server.crt
    key: $PKI/server.key
auth:
  htpasswd:
    realm: charts
    path: $W/auth/htpasswd
YAML

start() { # name args...
  local name=$1; shift
  setsid "$BIN/$name" "$@" </dev/null >"$W/logs/$name.log" 2>&1 &
  echo $! >"$W/pids/$name.pid"
  log "started $name (pid $!)"
}
# The registry would export traces to localhost:4318 otherwise.
OTEL_TRACES_EXPORTER=none start registry serve "$W/registry.yml"
start chartsrv -addr "127.0.0.1:$REPO_PORT" -dir "$W/repo" -cert "$PKI/server.crt" -key "$PKI/server.key" \
  -user chart-reader -password-file "$W/auth/password"

# ---- publish test/charts/sources/hello in several versions to both sources
export HELM_CACHE_HOME="$W/helm/cache" HELM_CONFIG_HOME="$W/helm/config" HELM_DATA_HOME="$W/helm/data"
VERSIONS=(1.0.0 1.1.0 1.1.3 1.2.0-rc.1 2.0.0)
for v in "${VERSIONS[@]}"; do
  "$BIN/helm4" package "$ROOT/test/charts/sources/hello" --version "$v" --app-version "$v" -d "$W/publish" >/dev/null
done
cp "$W/publish"/*.tgz "$W/repo/"
# An index as GitHub Pages repositories serve it: absolute URLs next to index.yaml.
"$BIN/helm4" repo index "$W/repo" --url "https://127.0.0.1:$REPO_PORT"
deadline=$((SECONDS + 30))
until ready; do
  for s in "${SOURCES[@]}"; do pid_of "$s" >/dev/null || fail "$s exited"; done
  [ $SECONDS -lt $deadline ] || fail "timed out waiting for the chart sources"
  sleep 0.3
done
"$BIN/helm4" registry login "127.0.0.1:$REGISTRY_PORT" --ca-file "$PKI/ca.crt" \
  --username chart-reader --password-stdin <"$W/auth/password" >/dev/null 2>&1 || fail "helm registry login failed"
for v in "${VERSIONS[@]}"; do
  "$BIN/helm4" push "$W/publish/hello-$v.tgz" "oci://127.0.0.1:$REGISTRY_PORT/charts" --ca-file "$PKI/ca.crt" >/dev/null 2>&1 ||
    fail "helm push hello-$v failed"
done
"$BIN/helm4" registry logout "127.0.0.1:$REGISTRY_PORT" >/dev/null 2>&1 || true
log "published hello ${VERSIONS[*]} to both sources"

cat >"$W/sources.json" <<JSON
{
  "caFile": "$PKI/ca.crt",
  "username": "chart-reader",
  "passwordFile": "$W/auth/password",
  "repoUrl": "https://127.0.0.1:$REPO_PORT",
  "ociBase": "oci://127.0.0.1:$REGISTRY_PORT/charts",
  "registryHost": "127.0.0.1:$REGISTRY_PORT",
  "logs": ["$W/logs/registry.log", "$W/logs/chartsrv.log"],
  "charts": { "hello": ["$(IFS=,; echo "${VERSIONS[*]}" | sed 's/,/", "/g')"] }
}
JSON
log "ready: $W/sources.json"

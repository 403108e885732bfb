#!/usr/bin/env bash
# Build the e2e toolchain from Go modules (Go module proxy only, no downloads
# of release binaries):
#   cluster: etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
#            kubectl, kwok
#   helm:    helm3 (Helm 3), helm4 (Helm 4)
# into $ROOT/.tools/bin. Versions are pinned by the wrapper modules next to
# this script (k8s/, etcd/, kwok/, helm3/, helm4/: go.mod + go.sum are
# committed). Idempotent: a component is rebuilt only when its inputs (wrapper
# go.mod/go.sum, ldflags, Go version, this script's recipe version) changed or
# a binary is missing; otherwise it is skipped in well under a second.
#
# Usage: test/cluster/build.sh [all|cluster|helm|etcd|k8s|kwok|helm3|helm4]...
#   FORCE=1 test/cluster/build.sh   rebuild even if up to date
# Needs: Go >= 1.26 (GOTOOLCHAIN=auto fetches it through the proxy otherwise).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
STAMPS="$TOOLS/stamps"
RECIPE=1   # bump to force a rebuild everywhere when the build recipe changes

export CGO_ENABLED=0 GOWORK=off GOFLAGS="-mod=readonly -buildvcs=false"
GOBUILD=(go build -p 2 -trimpath)

T0=$SECONDS
SUMMARY=()
log() { printf '[build %4ds] %s\n' "$((SECONDS - T0))" "$*"; }
die() { printf '[build] ERROR: %s\n' "$*" >&2; exit 1; }

# version of module $2 as resolved in wrapper module dir $1 (reads go.mod only)
modver() { (cd "$HERE/$1" && go list -m -f '{{if .Replace}}{{.Replace.Version}}{{else}}{{.Version}}{{end}}' "$2"); }

# inputs_key <wrapper dir> <extra text...>: hash of everything that affects the build
inputs_key() {
  local dir=$1; shift
  { echo "recipe=$RECIPE"; (cd "$HERE/$dir" && go env GOVERSION GOOS GOARCH);
    cat "$HERE/$dir/go.mod" "$HERE/$dir/go.sum"; printf '%s\n' "$@"; } | sha256sum | cut -d' ' -f1
}

up_to_date() { # name key outputs...
  local name=$1 key=$2; shift 2
  [ "${FORCE:-0}" = 1 ] && return 1
  [ -f "$STAMPS/$name" ] && [ "$(cat "$STAMPS/$name")" = "$key" ] || return 1
  local f; for f in "$@"; do [ -x "$BIN/$f" ] || return 1; done
}

# gobuild <wrapper dir> <ldflags> <output name> <package>
gobuild() {
  local dir=$1 ldf=$2 out=$3 pkg=$4 t=$SECONDS
  log "  go build $pkg -> .tools/bin/$out"
  (cd "$HERE/$dir" && "${GOBUILD[@]}" -ldflags "$ldf" -o "$BIN/.$out.tmp" "$pkg") || die "go build $pkg failed"
  mv -f "$BIN/.$out.tmp" "$BIN/$out"
  log "  built $out in $((SECONDS - t))s ($(du -m "$BIN/$out" | cut -f1) MB)"
  SUMMARY+=("$(printf '%-26s %5ds' "$out" "$((SECONDS - t))")")
}

download() { # wrapper dir
  local t=$SECONDS
  (cd "$HERE/$1" && go mod download) || die "go mod download in $1 failed"
  local d=$((SECONDS - t))
  log "  modules for $1 downloaded/verified in ${d}s"
  SUMMARY+=("$(printf '%-26s %5ds' "download:$1" "$d")")
}

check_version() { # name expected-substring command...
  local name=$1 want=$2; shift 2
  local got; got="$("$@" 2>&1)" || die "$name: '$*' failed: $got"
  case "$got" in *"$want"*) log "  $name reports: $(echo "$got" | head -1)";;
    *) die "$name: expected version '$want', got: $got";; esac
}

# ------------------------------------------------------------------ components
build_etcd() {
  local v; v="$(modver etcd go.etcd.io/etcd/server/v3)"
  local ldf="-s -w" key; key="$(inputs_key etcd "$ldf")"
  if up_to_date etcd "$key" etcd; then log "etcd $v: up to date"; return; fi
  log "etcd $v: building"
  download etcd
  # the module root of go.etcd.io/etcd/server/v3 is the etcd main package
  gobuild etcd "$ldf" etcd go.etcd.io/etcd/server/v3
  check_version etcd "etcd Version: ${v#v}" "$BIN/etcd" --version
  echo "$key" >"$STAMPS/etcd"
}

build_k8s() {
  local v; v="$(modver k8s k8s.io/kubernetes)"   # e.g. v1.35.4
  local minor; minor="$(echo "$v" | cut -d. -f2)"
  # Stamp the version like hack/lib/version.sh does; otherwise /version says
  # v0.0.0-master+$Format:%H$ (breaks helm's .Capabilities.KubeVersion).
  local ldf="-s -w" p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldf+=" -X $p.gitVersion=$v -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
    ldf+=" -X $p.gitCommit=0000000000000000000000000000000000000000 -X $p.buildDate=2000-01-01T00:00:00Z"
  done
  local bins=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
  local key; key="$(inputs_key k8s "$ldf" "${bins[@]}")"
  if up_to_date k8s "$key" "${bins[@]}"; then log "kubernetes $v: up to date"; return; fi
  log "kubernetes $v: building ${bins[*]}"
  download k8s
  local b; for b in "${bins[@]}"; do gobuild k8s "$ldf" "$b" "k8s.io/kubernetes/cmd/$b"; done
  check_version kube-apiserver "Kubernetes $v" "$BIN/kube-apiserver" --version
  check_version kube-controller-manager "Kubernetes $v" "$BIN/kube-controller-manager" --version
  check_version kube-scheduler "Kubernetes $v" "$BIN/kube-scheduler" --version
  check_version kubectl "Client Version: $v" "$BIN/kubectl" version --client
  echo "$key" >"$STAMPS/k8s"
}

build_kwok() {
  local v; v="$(modver kwok sigs.k8s.io/kwok)"
  local ldf="-s -w" key; key="$(inputs_key kwok "$ldf")"
  if up_to_date kwok "$key" kwok; then log "kwok $v: up to date"; return; fi
  log "kwok $v: building"
  download kwok
  gobuild kwok "$ldf" kwok sigs.k8s.io/kwok/cmd/kwok
  check_version kwok "${v#v}" "$BIN/kwok" --version
  echo "$key" >"$STAMPS/kwok"
}

build_helm() { # 3|4
  local major=$1 name="helm$1" mod="helm.sh/helm/v$1"
  local v; v="$(modver "$name" "$mod")"
  local ldf="-s -w -X $mod/internal/version.version=$v -X $mod/internal/version.gitTreeState=clean"
  if [ "$major" = 3 ]; then
    # Helm 3's Makefile also stamps the default Kubernetes version (used by
    # `helm template` / lint without a cluster) from the client-go version.
    local cg; cg="$(modver "$name" k8s.io/client-go)"   # v0.MINOR.PATCH
    local kmin; kmin="$(echo "$cg" | cut -d. -f2)"
    local p; for p in pkg/lint/rules pkg/chartutil; do
      ldf+=" -X $mod/$p.k8sVersionMajor=1 -X $mod/$p.k8sVersionMinor=$kmin"
    done
  fi
  local key; key="$(inputs_key "$name" "$ldf")"
  if up_to_date "$name" "$key" "$name"; then log "$name $v: up to date"; return; fi
  log "$name $v: building"
  download "$name"
  gobuild "$name" "$ldf" "$name" "$mod/cmd/helm"
  check_version "$name" "$v" "$BIN/$name" version --template '{{.Version}}'
  [ "$("$BIN/$name" version --template '{{.Version}}')" = "$v" ] || die "$name version mismatch"
  echo "$key" >"$STAMPS/$name"
}

# ------------------------------------------------------------------------ main
command -v go >/dev/null || die "go not found in PATH"
mkdir -p "$BIN" "$STAMPS"
[ $# -gt 0 ] || set -- all
targets=()
for a in "$@"; do
  case "$a" in
    all) targets+=(etcd k8s kwok helm3 helm4);;
    cluster) targets+=(etcd k8s kwok);;
    helm) targets+=(helm3 helm4);;
    etcd|k8s|kwok|helm3|helm4) targets+=("$a");;
    -h|--help) sed -n '2,16p' "$0"; exit 0;;
    *) die "unknown target '$a' (all|cluster|helm|etcd|k8s|kwok|helm3|helm4)";;
  esac
done
log "go $(go env GOVERSION), GOCACHE=$(go env GOCACHE), GOMODCACHE=$(go env GOMODCACHE)"
for t in "${targets[@]}"; do
  ts=$SECONDS
  case "$t" in
    etcd) build_etcd;; k8s) build_k8s;; kwok) build_kwok;;
    helm3) build_helm 3;; helm4) build_helm 4;;
  esac
  log "$t done in $((SECONDS - ts))s"
done
if [ ${#SUMMARY[@]} -gt 0 ]; then
  echo "---- build times (s) ----"; printf '%s\n' "${SUMMARY[@]}"
fi
log "all done in $((SECONDS - T0))s; binaries in $BIN"

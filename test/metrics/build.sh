#!/usr/bin/env bash
# Builds the metrics side of the e2e tier from Go modules into .tools/bin:
#   prometheus:       Prometheus (cmd/prometheus), the server the metrics gate queries
#   metrics-exporter: ./exporter, an application's /metrics whose values the tests set
# Versions are pinned by the wrapper module next to this script (go.mod + go.sum, committed).
#
# Prometheus is built small: `remove_all_sd` drops every service-discovery plugin but file and
# http (plugins/minimum.go; the tests scrape a static target), and without `builtinassets` the
# web UI is not embedded (the module ships no compiled UI; the tests use the HTTP API only).
# `netgo` as in Prometheus' own .promu.yml. The version is stamped as Prometheus' Makefile does,
# so `prometheus --version` and /api/v1/status/buildinfo name the release (3.x for module v0.3xx).
#
# Idempotent: a component is rebuilt only when its inputs (go.mod/go.sum, tags, ldflags, Go,
# sources, this recipe) changed or its binary is missing; otherwise skipped in well under a second.
#
# Usage: bash test/metrics/build.sh [all|prometheus|exporter]...     FORCE=1 to rebuild
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="$ROOT/.tools/bin"
STAMPS="$ROOT/.tools/stamps"
RECIPE=1 # bump to force a rebuild when the build recipe changes
PROMETHEUS=github.com/prometheus/prometheus

T0=$SECONDS
log() { printf '[metrics build %4ds] %s\n' "$((SECONDS - T0))" "$*"; }
die() { printf '[metrics build] ERROR: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null || die "Go >= 1.26 is needed (go not found in PATH)"
export CGO_ENABLED=0 GOWORK=off GOFLAGS="-mod=readonly -buildvcs=false"

# key <text...>: hash of everything that affects a build
key() {
  { echo "recipe=$RECIPE"; (cd "$HERE" && go env GOVERSION GOOS GOARCH); cat "$HERE/go.mod" "$HERE/go.sum"
    printf '%s\n' "$@"; } | sha256sum | cut -d' ' -f1
}
up_to_date() { # stamp key binary
  [ "${FORCE:-0}" != 1 ] && [ -x "$BIN/$3" ] && [ -f "$STAMPS/$1" ] && [ "$(cat "$STAMPS/$1")" = "$2" ]
}
gobuild() { # output tags ldflags package
  local out=$1 tags=$2 ldf=$3 pkg=$4 t=$SECONDS
  (cd "$HERE" && go build -p 2 -trimpath -tags "$tags" -ldflags "$ldf" -o "$BIN/.$out.tmp" "$pkg") ||
    die "go build $pkg failed"
  mv -f "$BIN/.$out.tmp" "$BIN/$out"
  log "  built $out in $((SECONDS - t))s ($(du -m "$BIN/$out" | cut -f1) MB)"
}
downloaded=0
download() {
  [ $downloaded = 1 ] && return
  local t=$SECONDS
  (cd "$HERE" && go mod download) || die "go mod download in test/metrics failed"
  log "  modules downloaded/verified in $((SECONDS - t))s"
  downloaded=1
}

build_prometheus() {
  local mv; mv="$(cd "$HERE" && go list -m -f '{{.Version}}' "$PROMETHEUS")" # v0.316.0
  # Prometheus 3.x is published as Go module v0.3MM.P: v0.316.0 is release 3.16.0.
  local minor="${mv#v0.}"; minor="${minor%%.*}"
  [[ "$minor" =~ ^3[0-9][0-9]$ ]] || die "cannot read a Prometheus 3.x release from module version $mv"
  local v="3.$((10#${minor:1})).${mv##*.}"
  local tags="netgo,remove_all_sd"
  local ldf="-s -w -X github.com/prometheus/common/version.Version=$v"
  ldf+=" -X github.com/prometheus/common/version.Revision=$mv -X github.com/prometheus/common/version.Branch=HEAD"
  ldf+=" -X github.com/prometheus/common/version.BuildUser=deploy-action -X github.com/prometheus/common/version.BuildDate=20000101-00:00:00"
  local k; k="$(key "$tags" "$ldf")"
  if up_to_date prometheus "$k" prometheus; then log "prometheus $v: up to date"; return; fi
  log "prometheus $v ($PROMETHEUS $mv, tags $tags): building"
  download
  gobuild prometheus "$tags" "$ldf" "$PROMETHEUS/cmd/prometheus"
  local got; got="$("$BIN/prometheus" --version 2>&1 | head -1)"
  case "$got" in *"version $v "*) log "  prometheus reports: $got";; *) die "prometheus: expected version $v, got: $got";; esac
  echo "$k" >"$STAMPS/prometheus"
}

build_exporter() {
  local ldf="-s -w" k; k="$(key "$ldf" "$(cat "$HERE"/exporter/*.go)")"
  if up_to_date metrics-exporter "$k" metrics-exporter; then log "metrics-exporter: up to date"; return; fi
  log "metrics-exporter: building"
  download
  gobuild metrics-exporter "" "$ldf" ./exporter
  echo "$k" >"$STAMPS/metrics-exporter"
}

mkdir -p "$BIN" "$STAMPS"
[ $# -gt 0 ] || set -- all
for a in "$@"; do
  case "$a" in
    all) build_prometheus; build_exporter;;
    prometheus) build_prometheus;;
    exporter) build_exporter;;
    -h|--help) sed -n '2,16p' "$0"; exit 0;;
    *) die "unknown target '$a' (all|prometheus|exporter)";;
  esac
done
log "done in $((SECONDS - T0))s; binaries in $BIN"

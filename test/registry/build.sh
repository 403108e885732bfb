#!/usr/bin/env bash
# Builds the chart sources of the e2e tier from Go modules into .tools/bin: `registry` (the CNCF
# distribution registry, for OCI charts) and `chartsrv` (a static chart repository over HTTPS
# with basic auth, ./chartsrv). Versions are pinned by the wrapper module next to this script
# (go.mod + go.sum, committed). Idempotent: skipped in well under a second when both binaries are
# built from the same go.mod/go.sum, sources and Go.
#
# Usage: bash test/registry/build.sh        FORCE=1 to rebuild
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="$ROOT/.tools/bin"
STAMP="$ROOT/.tools/stamps/chart-sources"
REGISTRY=github.com/distribution/distribution/v3/cmd/registry

command -v go >/dev/null || { echo "chart sources: Go >= 1.26 is needed" >&2; exit 1; }
export CGO_ENABLED=0 GOWORK=off GOFLAGS="-mod=readonly -buildvcs=false"

version="$(cd "$HERE" && go list -m -f '{{.Version}}' github.com/distribution/distribution/v3)"
key="$({ echo "recipe=1"; (cd "$HERE" && go env GOVERSION GOOS GOARCH); cat "$HERE/go.mod" "$HERE/go.sum" "$HERE"/chartsrv/*.go; } | sha256sum | cut -d' ' -f1)"
if [ "${FORCE:-0}" != 1 ] && [ -x "$BIN/registry" ] && [ -x "$BIN/chartsrv" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$key" ]; then
  echo "chart sources: registry $version and chartsrv up to date"
  exit 0
fi

start=$SECONDS
mkdir -p "$BIN" "$(dirname "$STAMP")"
echo "chart sources: building registry $version and chartsrv"
(cd "$HERE" && go mod download)
# -X sets the version `registry --version` prints (a module build otherwise says "(devel)").
(cd "$HERE" && go build -p 2 -trimpath \
  -ldflags "-s -w -X github.com/distribution/distribution/v3/version.version=$version" \
  -o "$BIN/.registry.tmp" "$REGISTRY")
(cd "$HERE" && go build -trimpath -ldflags "-s -w" -o "$BIN/.chartsrv.tmp" ./chartsrv)
mv -f "$BIN/.registry.tmp" "$BIN/registry"
mv -f "$BIN/.chartsrv.tmp" "$BIN/chartsrv"
echo "$key" >"$STAMP"
echo "chart sources: built in $((SECONDS - start))s -> .tools/bin/registry, .tools/bin/chartsrv"
"$BIN/registry" --version

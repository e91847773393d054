#!/usr/bin/env bash
# npm run fuzz: schemathesis (from PyPI, pinned) against the built emulator, driven by the seed
# spec: every check, every phase including the stateful one (create → read → update → delete
# chains from the spec's links), bounded by a fixed seed and a small number of examples per
# operation. Fails on any server error, any response that violates the spec's schema, and any
# other failure that emulator/README.md does not explain as the spec being vaguer than the
# service (scripts/fuzz-verdict.ts decides). Reports land in .fuzz/ (gitignored).
#
# Environment: PULUMI_STATSIG_CACHE (default ~/.cache/pulumi-statsig) holds the Python venv;
# FUZZ_MAX_EXAMPLES (default 20) and FUZZ_SEED (default 1) bound and fix the run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

schemathesis_version=4.32.5
cache="${PULUMI_STATSIG_CACHE:-$HOME/.cache/pulumi-statsig}"
venv="$cache/venv"
st="$venv/bin/schemathesis"

if ! "$st" --version 2>/dev/null | grep -qF "$schemathesis_version"; then
  echo "==> installing schemathesis $schemathesis_version into $venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$schemathesis_version"
fi

out=.fuzz
rm -rf "$out"
mkdir -p "$out"

echo "==> starting the emulator"
source scripts/lib/emulator.sh
start_emulator "$out/emulator.log"

echo "==> schemathesis against $url/console/v1"
started=$(date +%s)
# Its own exit code also counts the failures the verdict accepts; the verdict decides. It runs in
# .fuzz/ so that its caches (.schemathesis/, .hypothesis/) start empty each run and stay there.
(cd "$out" && "$st" run ../openapi/statsig-console-api.yaml \
  --url "$url/console/v1" \
  --header "STATSIG-API-KEY: console-emulator" \
  --checks all \
  --phases examples,coverage,fuzzing,stateful \
  --max-examples "${FUZZ_MAX_EXAMPLES:-20}" \
  --seed "${FUZZ_SEED:-1}" \
  --workers 1 \
  --suppress-health-check all \
  --no-color \
  --report json --report-json-path report.json >schemathesis.txt 2>&1) || true
echo "    schemathesis ran $(($(date +%s) - started)) s; its output: $out/schemathesis.txt"
[ -s "$out/report.json" ] || { tail -n 40 "$out/schemathesis.txt"; exit 1; }

if ! node dist/scripts/fuzz-verdict.js "$out/report.json" "$url"; then
  # The failures in full, for whoever reads the CI log.
  sed -n '/= FAILURES =/,/= SUMMARY =/p' "$out/schemathesis.txt" | head -n 300
  exit 1
fi

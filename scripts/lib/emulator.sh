# Sourced by scripts/demo.sh and scripts/fuzz.sh (run from the repository root, after a build).
#
# start_emulator LOG [ARGS...]: starts the built emulator on a free port in the background, its
# output in LOG, with ARGS passed on; waits until it prints `listening on <url>`. Sets `emu_pid`
# and `url`, and an EXIT trap that stops it. Exits the script (showing LOG) if it does not start.
start_emulator() {
  local log="$1"
  shift
  node dist/emulator/cli.js --port 0 "$@" >"$log" 2>&1 &
  emu_pid=$!
  trap 'kill "$emu_pid" 2>/dev/null || true; wait "$emu_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    grep -q "listening on" "$log" 2>/dev/null && break
    kill -0 "$emu_pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.1
  done
  url="$(grep -o 'http://[^ ]*' "$log" | head -n 1)"
  [ -n "$url" ] || { echo "the emulator did not start"; cat "$log"; exit 1; }
}

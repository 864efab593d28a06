#!/usr/bin/env bash
# Smoke test of a start: runs the engine (default `npm start`, or the command given as arguments)
# on a fresh embedded data folder, waits for /health on $PORT (default 3917), prints it, and stops
# exactly the process group it started — never another engine running on the machine.
# `npm start` runs node as a child of npm: the command starts in a session (and process group) of
# its own with setsid, and the whole group is stopped by its id (TERM, then KILL after 15 s).
set -euo pipefail
port="${PORT:-3917}"
cmd=("$@")
[ ${#cmd[@]} -gt 0 ] || cmd=(npm start)

data=$(mktemp -d)
PORT="$port" COBUILD_DATA_DIR="$data" setsid "${cmd[@]}" >"$data/start.log" 2>&1 &
pgid=$!

stop_group() {
  kill -TERM -- "-$pgid" 2>/dev/null || return 0
  for _ in $(seq 1 150); do
    kill -0 -- "-$pgid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pgid" 2>/dev/null || true
}
trap stop_group EXIT

ok=0
for _ in $(seq 1 ${SMOKE_WAIT_SECONDS:-90}); do
  if curl -fsS "http://127.0.0.1:$port/health" >"$data/health.json" 2>/dev/null; then ok=1; break; fi
  kill -0 -- "-$pgid" 2>/dev/null || break
  sleep 1
done
stop_group
trap - EXIT
if [ "$ok" != 1 ]; then cat "$data/start.log"; echo "the start did not answer /health on port $port"; rm -rf "$data"; exit 1; fi
cat "$data/health.json"; echo
rm -rf "$data"

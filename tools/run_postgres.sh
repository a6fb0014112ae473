#!/usr/bin/env bash
# make run-postgres: an embedded PostgreSQL 18 + pgvector in .pgdata/, the corpus built into
# it, and two `reportqa serve` replicas behind one port (tools/rr_proxy.py, round robin).
# For trying replicas on a laptop; production puts a real load balancer in front
# (docs/scaling.md). Ctrl-C stops the replicas, the proxy and the database.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
DATA=${REPORTQA_PG_DATA:-.pgdata}
PGPORT=${REPORTQA_PG_PORT:-55432}
PORT=${REPORTQA_PORT:-8000}
HOST=${REPORTQA_HOST:-127.0.0.1}

URL=$("$BIN/python" -m reportqa.store.postgres.embedded "$DATA" --port "$PGPORT")
export REPORTQA_STORE="$URL"
echo "PostgreSQL: $URL (data in $DATA)"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    "$BIN/python" -m reportqa.store.postgres.embedded "$DATA" --port "$PGPORT" --stop || true
}
trap cleanup EXIT INT TERM
"$BIN/reportqa" db init
"$BIN/reportqa" index build --if-stale
for n in 1 2; do
    "$BIN/reportqa" serve --host 127.0.0.1 --port $((PORT + n)) &
    pids+=($!)
done
echo "two replicas on ports $((PORT + 1)) and $((PORT + 2)); serving on http://$HOST:$PORT"
"$BIN/python" tools/rr_proxy.py --host "$HOST" "$PORT" "127.0.0.1:$((PORT + 1))" \
    "127.0.0.1:$((PORT + 2))" &
pids+=($!)
wait "${pids[@]}"

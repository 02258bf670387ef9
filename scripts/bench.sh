#!/usr/bin/env bash
# Load figures for the request paths every screen depends on, against the release
# binary: the public site lookup and an authenticated staff request (token check,
# session liveness, user reload). Needs wrk (apt-get install wrk).
#   scripts/bench.sh                      # SQLite in a temporary directory
#   scripts/bench.sh postgres://postgres@127.0.0.1:5432/madoguchi_bench
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p madoguchi >/dev/null
database_url=${1:-}
dir=$(mktemp -d)
port=18181
env ${database_url:+DATABASE_URL=$database_url} MADOGUCHI_DATA_DIR="$dir" MADOGUCHI_DEMO=1 MADOGUCHI_BIND=127.0.0.1:$port RUST_LOG=warn \
  target/release/madoguchi serve >"$dir/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -sf 127.0.0.1:$port/api/ready >/dev/null && break; sleep 0.2; done
token=$(curl -s -X POST 127.0.0.1:$port/api/v1/auth/login -H 'content-type: application/json' \
  -d '{"tenant":"demo","login_id":"admin","password":"madoguchi-demo"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
echo "database: ${database_url:-SQLite}; $(nproc) cores shared by server and wrk"
report() { awk '/Requests\/sec/{r=$2} /Latency/{l=$2} /Non-2xx/{n=$0} END{print r" req/s, mean latency "l" "n}'; }
printf 'GET /api/v1/public/demo/site  '; wrk -t2 -c32 -d8s http://127.0.0.1:$port/api/v1/public/demo/site | report
printf 'GET /api/v1/me (bearer)       '; wrk -t2 -c32 -d8s -H "Authorization: Bearer $token" http://127.0.0.1:$port/api/v1/me | report

# Sourced by the measuring scripts: picks the server binary, starts it on a free port with
# the demo tenant on a throwaway SQLite database, waits until it is ready, and stops it and
# removes the database when the script ends. Sets `bin`, `dir`, `port`, `base` (…/api),
# `pid` and `started`; extra environment for the server comes as arguments (NAME=value).
serve_demo() {
  bin=${MADOGUCHI_BIN:-}
  if [ -z "$bin" ]; then
    if [ -x target/release/madoguchi ]; then bin=target/release/madoguchi; else bin=target/debug/madoguchi; fi
  else
    bin=$(cd "$OLDPWD" && realpath "$bin")
  fi
  [ -x "$bin" ] || { echo "no server binary at $bin (set MADOGUCHI_BIN)" >&2; exit 1; }
  dir=$(mktemp -d)
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  base=http://127.0.0.1:$port/api
  started=$SECONDS
  env MADOGUCHI_DATA_DIR="$dir/data" DATABASE_URL="sqlite://$dir/data/madoguchi.db?mode=rwc" MADOGUCHI_DEMO=1 \
    MADOGUCHI_BIND=127.0.0.1:$port RUST_LOG=warn "$@" "$bin" serve >"$dir/server.log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
  for _ in $(seq 300); do
    curl -sf "$base/ready" >/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the server stopped:" >&2; tail -20 "$dir/server.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "the server did not get ready" >&2
  exit 1
}

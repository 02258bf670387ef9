#!/usr/bin/env bash
# Fuzzes the running API with schemathesis (property-based tests generated from the
# OpenAPI document the server serves at /api/openapi.json): once per staff role with
# that role's bearer token, then anonymously. The server runs from a built binary on a
# throwaway SQLite database with the demo tenant and a pinned clock; its log is kept.
# Exits non-zero when schemathesis reports any failure, the server dies or its log has a
# panic. Staff runs sign in through schemathesis's dynamic bearer auth (POST
# /api/v1/auth/login) and sign in again on any 401, since access tokens last 5 minutes.
# Operations whose rules go beyond JSON Schema list them under `x-rules`; such an operation
# may answer 422 to schema-valid data, and fuzz_hooks.py then checks that the 422 names
# only declared rules. With the defaults the seven runs take about 9 minutes on 2 cores.
#
#   scripts/api-fuzz.sh                    # all runs
#   FUZZ_RUNS="viewer anonymous" scripts/api-fuzz.sh
#
# Environment (all optional):
#   MADOGUCHI_BIN        server binary (default target/debug/madoguchi; nothing is built here)
#   FUZZ_OUT             where reports and the server log go (default: a new /tmp/madoguchi-fuzz.XXXX)
#   FUZZ_PORT            port to serve on (default: a free one)
#   FUZZ_RUNS            runs, in order (default "viewer call_center ledger own_password admin
#                        admin_reset anonymous": own_password alone fuzzes the signed-in
#                        viewer's own password change, whose wrong current passwords lock
#                        that login ID, so it runs after the viewer's run and before the
#                        administrator's, which may reset the viewer's password; admin after
#                        the other roles since it changes and deletes users and settings;
#                        admin_reset alone fuzzes the administrator's password reset, which
#                        ends the sessions of the user it resets (its stateful phase finds
#                        the admin's own ID and resets it, so it runs apart, after admin);
#                        anonymous last since fuzzing /auth/login spends the address's
#                        sign-in failures and may lock login IDs)
#   FUZZ_MAX_TIME        seconds per run (default 90)
#   FUZZ_SHORT_TIME      seconds of the admin_reset and own_password runs (default 20)
#   FUZZ_MAX_EXAMPLES    test cases per operation and phase cycle (default 30)
#   FUZZ_WORKERS         schemathesis workers (default 1: with two, hypothesis in one thread
#                        changes the recursion limit while the other parses source for a
#                        lambda's description, and CPython 3.11 raises "AST constructor
#                        recursion depth mismatch", a runtime error of the tool)
#   FUZZ_SEED            seed, for a run to be repeated (default: random, printed)
#   FUZZ_CLOCK_START     the server's clock (default 2026-12-07T10:00:00+09:00, a Monday)
#   FUZZ_SURVEY          1: take a 422 to schema-valid data from every operation, and list
#                        the codes each answered in refusals.md (to see which rules a run meets)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

SCHEMATHESIS_VERSION=4.32.5
VENV="$ROOT/.venv-fuzz"
BIN="${MADOGUCHI_BIN:-target/debug/madoguchi}"
[[ "$BIN" = /* ]] || BIN="$ROOT/$BIN"
RUNS="${FUZZ_RUNS:-viewer call_center ledger own_password admin admin_reset anonymous}"
MAX_TIME="${FUZZ_MAX_TIME:-90}"
SHORT_TIME="${FUZZ_SHORT_TIME:-20}"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-30}"
WORKERS="${FUZZ_WORKERS:-1}"
SEED="${FUZZ_SEED:-$RANDOM$RANDOM}"
CLOCK_START="${FUZZ_CLOCK_START:-2026-12-07T10:00:00+09:00}"
SURVEY="${FUZZ_SURVEY:-}"
TENANT=demo
DEMO_PASSWORD=madoguchi-demo

if [[ ! -x "$BIN" ]]; then
  echo "no server binary at $BIN: build it (cargo build -p madoguchi) or set MADOGUCHI_BIN" >&2
  exit 2
fi

# --- schemathesis in its own venv, pinned --------------------------------------------
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "version $SCHEMATHESIS_VERSION\$"; then
  echo "=== installing schemathesis $SCHEMATHESIS_VERSION into .venv-fuzz ==="
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
PY="$VENV/bin/python"
HELPER="$ROOT/scripts/api_fuzz.py"
# fuzz_hooks.py adds the check that a 422 to schema-valid data names only declared rules.
export SCHEMATHESIS_HOOKS=fuzz_hooks
export PYTHONPATH="$ROOT/scripts${PYTHONPATH:+:$PYTHONPATH}"

OUT="${FUZZ_OUT:-$(mktemp -d /tmp/madoguchi-fuzz.XXXX)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
rm -rf "$OUT/data" "$OUT/runs.tsv" "$OUT/summary.md" "$OUT/refusals.ndjson"
export FUZZ_REFUSALS_LOG="$OUT/refusals.ndjson"
mkdir -p "$OUT/data" "$OUT/cwd"
LOG="$OUT/server.log"
PORT="${FUZZ_PORT:-$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
BASE="http://127.0.0.1:$PORT"

# --- the server -------------------------------------------------------------------------
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
trap stop_server EXIT

echo "=== starting $BIN on $BASE (data and log in $OUT) ==="
(
  # Nothing from the caller's environment or a .env file: started from an empty directory.
  for name in $(compgen -e); do
    case "$name" in MADOGUCHI_*|DATABASE_URL|RUST_LOG) unset "$name" ;; esac
  done
  cd "$OUT/cwd"
  export DATABASE_URL="sqlite://$OUT/data/madoguchi.db?mode=rwc"
  export MADOGUCHI_DATA_DIR="$OUT/data"
  export MADOGUCHI_BIND="127.0.0.1:$PORT"
  export MADOGUCHI_PUBLIC_URL="$BASE"
  export MADOGUCHI_DEMO=1
  export MADOGUCHI_CLOCK_START="$CLOCK_START"
  export MADOGUCHI_RESIDENT_DIST="$ROOT/frontend-resident/dist"
  export MADOGUCHI_STAFF_DIST="$ROOT/frontend-staff/dist"
  export RUST_LOG=info
  exec "$BIN" serve
) >"$LOG" 2>&1 &
SERVER_PID=$!

panics() { grep -i -c 'panic' "$LOG" || true; }

ready=""
for _ in $(seq 1 120); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/api/ready" || true)" = 200 ]]; then
    ready=1; break
  fi
  sleep 0.5
done
if [[ -z "$ready" ]]; then
  echo "FAIL: the server did not become ready at $BASE/api/ready within 60 s" >&2
  echo "--- last lines of $LOG ---" >&2
  tail -n 20 "$LOG" >&2
  echo "panic lines in the server log: $(panics)" >&2
  exit 1
fi
SCHEMA="$OUT/openapi.json"
curl -sf "$BASE/api/openapi.json" -o "$SCHEMA"

# --- staff: sign every role in before any fuzzing; a viewer is created (the demo has none)
declare -A LOGIN=([admin]=admin [admin_reset]=admin [call_center]=callcenter [ledger]=ledger [viewer]=viewer [own_password]=viewer)
sign_in() { "$PY" "$HELPER" login "$BASE" "$TENANT" "$1" "$DEMO_PASSWORD"; }

ADMIN_TOKEN="$(sign_in admin | cut -d' ' -f1)" || true
[[ -n "$ADMIN_TOKEN" ]] || { echo "FAIL: cannot sign in as admin" >&2; exit 1; }
"$PY" "$HELPER" create-user "$BASE" "$ADMIN_TOKEN" viewer "デモ 閲覧者" "$DEMO_PASSWORD" viewer
for role in admin call_center ledger viewer; do  # admin_reset signs in as admin
  answer="$(sign_in "${LOGIN[$role]}")" || { echo "FAIL: cannot sign in as ${LOGIN[$role]}" >&2; exit 1; }
  echo "signed in as ${LOGIN[$role]} ($role), access token for ${answer##* } s"
done

# Every run's schemathesis.toml: public routes take a tenant slug, mostly `demo` (a random
# slug only meets `tenant.not_found`); nothing signs up or in by itself. A staff run signs
# in through /api/v1/auth/login and again whenever an answer is 401: access tokens last
# 5 minutes, and the admin run makes its own token stale by changing its own roles.
write_config() {  # write_config FILE [LOGIN_ID]
  cat >"$1" <<TOML
[auth]
auto-signup = false

[dictionaries.tenants]
values = ["$TENANT"]

[parameters]
"path.tenant" = { dictionary = "tenants", probability = 0.7 }
TOML
  if [[ -n "${2:-}" ]]; then
    cat >>"$1" <<TOML

[auth.dynamic.openapi.bearer]
path = "/api/v1/auth/login"
payload = { tenant = "$TENANT", login_id = "$2", password = "$DEMO_PASSWORD" }
extract_selector = "/access_token"
retry_on = [401]
TOML
  fi
  # Operations with rules beyond the schema (`x-rules`) may answer 422 to schema-valid
  # data, naming a declared rule (fuzz_hooks.py holds them to it).
  "$PY" "$HELPER" rule-config "$SCHEMA" ${SURVEY:+all} >>"$1"
}

echo "=== fuzzing: runs \"$RUNS\", ${MAX_TIME} s each, --max-examples $MAX_EXAMPLES, seed $SEED ==="
: >"$OUT/runs.tsv"
server_died=0
for run in $RUNS; do
  mkdir -p "$OUT/$run"
  login_id=""
  if [[ "$run" != anonymous ]]; then
    login_id="${LOGIN[$run]:-}"
    [[ -n "$login_id" ]] || { echo "unknown run $run (${!LOGIN[*]} or anonymous)" >&2; exit 2; }
  fi
  write_config "$OUT/$run/schemathesis.toml" "$login_id"
  args=(
    --config-file "$OUT/$run/schemathesis.toml" --no-color run "$SCHEMA"
    --url "$BASE"
    --checks all
    --max-examples "$MAX_EXAMPLES"
    --max-time "$([[ "$run" = admin_reset || "$run" = own_password ]] && echo "$SHORT_TIME" || echo "$MAX_TIME")"
    --continue-on-failure
    --workers "$WORKERS"
    --seed "$SEED"
    --request-timeout 20
    --suppress-health-check all
    --generation-database none
    --report junit,ndjson
    --report-dir "$OUT/$run"
    --report-junit-path "$OUT/$run/junit.xml"
    --report-ndjson-path "$OUT/$run/events.ndjson"
  )
  if [[ -n "$login_id" ]]; then
    # Sign-in itself is fuzzed by the anonymous run only (wrong passwords lock login IDs).
    # So are wrong current passwords: a role's own password change is fuzzed apart, in
    # the own_password run, after which that login ID may stay locked.
    case "$run" in
      own_password) args+=(--include-path-regex '^/api/v1/me/password$') ;;
      admin_reset) args+=(--exclude-path-regex '^/api/v1/auth/' --include-operation-id reset_password) ;;
      admin) args+=(--exclude-path-regex '^/api/v1/(auth/|me/password$)' --exclude-operation-id reset_password) ;;
      *) args+=(--exclude-path-regex '^/api/v1/(auth/|me/password$)') ;;
    esac
  fi
  echo "--- $run (signed in as ${login_id:-nobody}): schemathesis ${args[*]}"
  started=$(date +%s)
  set +e
  "$VENV/bin/schemathesis" "${args[@]}" >"$OUT/$run/output.txt" 2>&1
  code=$?
  set -e
  seconds=$(( $(date +%s) - started ))
  printf '%s\t%s\t%s\n' "$run" "$code" "$seconds" >>"$OUT/runs.tsv"
  tail -n 25 "$OUT/$run/output.txt" | sed "s/^/    /"
  echo "--- $run: exit $code after ${seconds} s (full output: $OUT/$run/output.txt)"
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "FAIL: the server died during the $run run" >&2
    server_died=1
    break
  fi
done

# Undeclared methods: 405 with Allow, or something else (schemathesis's unsupported_method
# check samples a few; this asks every path once).
if (( ! server_died )); then
  echo "=== undeclared methods, every path (status, Allow header) ==="
  "$PY" "$HELPER" probe-methods "$BASE" "$SCHEMA" "$OUT/methods.md" || true
fi

stop_server
status=$server_died
if [[ -s "$OUT/refusals.ndjson" ]]; then
  "$PY" "$HELPER" refusals "$OUT/refusals.ndjson" >"$OUT/refusals.md"
fi
"$PY" "$HELPER" summarise "$OUT" || status=1
n_panics=$(panics)
if [[ "$n_panics" != 0 ]]; then
  echo "FAIL: $n_panics line(s) of $LOG mention a panic:"
  grep -i 'panic' "$LOG" | head -n 5
  status=1
fi
echo "reports: $OUT (summary.md, methods.md, <run>/junit.xml, <run>/output.txt, server.log)"
if (( status )); then echo "api-fuzz: FAILED"; else echo "api-fuzz: no failure found"; fi
exit "$status"

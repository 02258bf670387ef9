#!/usr/bin/env bash
# Whether a sign-in's answer time tells known login IDs from unknown or locked ones:
# POST /api/v1/auth/login with a wrong password, 100 attempts each at
#   known:   existing users, each given at most threshold-1 failures (never locked);
#   unknown: login IDs nobody has, spread the same way (counted like known ones);
#   locked:  one existing user locked first by `threshold` wrong passwords (429 each).
# The groups take turns (round-robin, the order rotating each round) so that drift
# touches all alike; each attempt comes from its own X-Forwarded-For address, since
# failed sign-ins are limited per address (50 per 15 minutes). Times are curl's
# time_total, client-side. Reports per group: count, statuses, mean, standard
# deviation, min, median, max (ms).
# Starts its own server (demo tenant, SQLite in a fresh temporary directory, a free
# port, MADOGUCHI_TRUST_FORWARDED=1) and stops it at the end. Needs curl and python3:
#   MADOGUCHI_BIN=target/debug/madoguchi scripts/sign-in-timing.sh
# (default: target/release/madoguchi if present, else target/debug/madoguchi).
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=lib/serve.sh
source scripts/lib/serve.sh
serve_demo MADOGUCHI_TRUST_FORWARDED=1
attempts=100
wrong='Wrong-password-0'

# Every request its own client address, 10.x.y.z from a counter. Called in this shell,
# not in a $(…) subshell, where the count would be lost.
n_addr=0
next_addr() {
  n_addr=$((n_addr + 1))
  addr="10.$((n_addr >> 16 & 255)).$((n_addr >> 8 & 255)).$((n_addr & 255))"
}
# attempt LOGIN_ID PASSWORD, after next_addr: prints "status seconds".
attempt() {
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$base/v1/auth/login" \
    -H 'content-type: application/json' -H "x-forwarded-for: $addr" \
    -d "{\"tenant\":\"demo\",\"login_id\":\"$1\",\"password\":\"$2\"}"
}
# api METHOD PATH [JSON], after next_addr: the answer's body; fails on an HTTP error.
api() {
  curl -sf -X "$1" "$base/v1$2" -H "authorization: Bearer $token" -H "x-forwarded-for: $addr" \
    ${3:+-H 'content-type: application/json' -d "$3"}
}

next_addr
token=$(curl -sf -X POST "$base/v1/auth/login" -H 'content-type: application/json' -H "x-forwarded-for: $addr" \
  -d '{"tenant":"demo","login_id":"admin","password":"madoguchi-demo"}' |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
next_addr
read -r threshold lock_minutes < <(api GET /admin/settings |
  python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["lockout_threshold"], d["lockout_minutes"])')
# The run must end before the lock does (a debug build hashes slowly): lock for a day.
next_addr
api PATCH /admin/settings '{"lockout_minutes":1440}' >/dev/null
per_id=$((threshold - 1))
ids=$(((attempts + per_id - 1) / per_id))
echo "lockout threshold $threshold (lock $lock_minutes min, set to 1440 for this run):" \
  "$ids known and $ids unknown login IDs, at most $per_id failures each"

create_user() {
  next_addr
  api POST /admin/users "{\"login_id\":\"$1\",\"name\":\"計測 $1\",\"roles\":[\"viewer\"],\"password\":\"Madoguchi 2026\"}" >/dev/null
}
for i in $(seq 0 $((ids - 1))); do create_user "$(printf 'timing-known-%03d' "$i")"; done
create_user timing-locked

# Lock timing-locked: `threshold` wrong passwords; the last one locks (429).
lock_statuses=()
for _ in $(seq "$threshold"); do
  next_addr
  read -r code _ < <(attempt timing-locked "$wrong")
  lock_statuses+=("$code")
done
echo "locking timing-locked: ${lock_statuses[*]}"
[ "${lock_statuses[-1]}" = 429 ] || echo "UNEXPECTED: the ${threshold}th wrong password answered ${lock_statuses[-1]}, not 429"

# The measured attempts, round-robin with the order rotating each round.
groups=(known unknown locked)
for i in $(seq 0 $((attempts - 1))); do
  for k in 0 1 2; do
    group=${groups[$(((i + k) % 3))]}
    case $group in
      known) login_id=$(printf 'timing-known-%03d' $((i / per_id))) ;;
      unknown) login_id=$(printf 'timing-nobody-%03d' $((i / per_id))) ;;
      locked) login_id=timing-locked ;;
    esac
    next_addr
    echo "$group $(attempt "$login_id" "$wrong")"
  done
done >"$dir/times"

echo "server: $bin (pid $pid), SQLite in a temporary directory, $(nproc) cores; $attempts attempts per group"
python3 - "$dir/times" <<'EOF'
import statistics, sys
from collections import Counter, defaultdict
times, statuses = defaultdict(list), defaultdict(Counter)
for line in open(sys.argv[1]):
    group, status, seconds = line.split()
    times[group].append(float(seconds) * 1000)
    statuses[group][status] += 1
header = ("group", "count", "statuses", "mean", "stdev", "min", "median", "max")
rows = [header]
for group in ("known", "unknown", "locked"):
    t = times[group]
    rows.append((group, str(len(t)), " ".join(f"{s}×{c}" for s, c in sorted(statuses[group].items())),
                 *(f"{v:.1f}" for v in (statistics.mean(t), statistics.stdev(t), min(t), statistics.median(t), max(t)))))
widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
for n, r in enumerate(rows):
    print("  ".join(c.ljust(w) if i < 3 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    if n == 0:
        print("  ".join("-" * w for w in widths))
print("(times in ms, curl time_total)")
expected = {"known": "401", "unknown": "401", "locked": "429"}
for group, want in expected.items():
    other = {s: c for s, c in statuses[group].items() if s != want}
    if other:
        print(f"UNEXPECTED: {group} answered {other} besides {want}")
EOF
echo "total run time: $((SECONDS - started))s"

#!/usr/bin/env bash
# The server's resident memory (Linux /proc) around the ledger's bulk paths:
#   a. baseline: VmRSS after start and a sign-in;
#   b. a 1,000,000-card issuance CSV (製造管理番号,氏名,生年月日) imported in one request;
#   c. every card exported as UTF-8 CSV (streamed): peak RSS, bytes, seconds, line count;
#   d. a just-under-48-MiB issuance CSV with a bad management number on every line:
#      peak RSS, status (422 expected), answer size, errors_total, errors listed (1,000).
# The peak (VmHWM) is reset before each of b–d (`echo 5 > /proc/PID/clear_refs`).
# Starts its own server (demo tenant, SQLite in a fresh temporary directory, a free
# port) and stops it at the end. Needs curl and python3 only; runs against a build:
#   MADOGUCHI_BIN=target/debug/madoguchi scripts/peak-rss.sh
# (default: target/release/madoguchi if present, else target/debug/madoguchi).
# PEAK_RSS_CARDS changes the number of cards of step b; the table says how many.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=lib/serve.sh
source scripts/lib/serve.sh
serve_demo
cards=${PEAK_RSS_CARDS:-1000000}
limit=$((48 * 1024 * 1024)) # the server's import limit (crates/http/src/routes/ledger/imports.rs)

# /proc/PID/status fields in kB, shown in MiB.
kb() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$pid/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
reset_peak() { echo 5 >"/proc/$pid/clear_refs"; }
# An access token lives 5 minutes: each step signs in afresh.
login() {
  curl -sf -X POST "$base/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"tenant\":\"demo\",\"login_id\":\"$1\",\"password\":\"madoguchi-demo\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
json_field() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"d": d}))' "$@"; }

rows=()
row() { rows+=("$(printf '%s\t%s\t%s\t%s\t%s' "$@")"); }
odd=()

# a. Baseline.
token=$(login ledger)
row "a. baseline (started, signed in)" "-" "-" "peak $(mib "$(kb VmHWM)")" "$(mib "$(kb VmRSS)")"

# b. Import the cards.
python3 - "$dir/issuance.csv" "$cards" <<'EOF'
import sys
path, count = sys.argv[1], int(sys.argv[2])
with open(path, "w", encoding="utf-8", newline="\n") as f:
    f.write("製造管理番号,氏名,生年月日\n")
    # A1B000000..A1B999999: 3 letters or digits and 6 digits (ManagementNumber::parse).
    for start in range(0, count, 100_000):
        f.write("".join(f"A{n // 1_000_000 + 1}B{n % 1_000_000:06d},山田 太郎,1980-01-01\n"
                        for n in range(start, min(count, start + 100_000))))
EOF
import_bytes=$(stat -c %s "$dir/issuance.csv")
[ "$import_bytes" -le "$limit" ] || { echo "the generated file ($import_bytes bytes) is over the 48 MiB limit" >&2; exit 1; }
token=$(login ledger)
reset_peak
read -r code secs < <(curl -sS -o "$dir/import.json" -w '%{http_code} %{time_total}\n' -X POST \
  "$base/v1/ledger/imports/issuance" -H "authorization: Bearer $token" -H 'content-type: text/csv' \
  --data-binary @"$dir/issuance.csv")
peak=$(kb VmHWM)
imported=$([ "$code" = 200 ] && json_field "$dir/import.json" 'd["cards"]' || echo "?")
[ "$code" = 200 ] && [ "$imported" = "$cards" ] ||
  odd+=("import answered $code, cards=$imported: $(head -c 300 "$dir/import.json")")
row "b. import $cards cards ($(mib $((import_bytes / 1024))) CSV)" "$code, $imported cards" "${secs}s" \
  "peak $(mib "$peak")" "$(mib "$(kb VmRSS)")"
rm -f "$dir/issuance.csv"

# c. Export every card (the demo tenant's own cards included).
token=$(login ledger)
total=$(curl -sf "$base/v1/ledger/cards?per_page=1" -H "authorization: Bearer $token" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])')
reset_peak
lines=$(curl -sS -w '%{stderr}%{http_code} %{size_download} %{time_total}\n' \
  "$base/v1/ledger/cards/export?encoding=utf-8" -H "authorization: Bearer $token" 2>"$dir/export.w" | wc -l)
peak=$(kb VmHWM)
read -r code bytes secs < <(tail -1 "$dir/export.w")
expected=$((total + 1))
check=$([ "$lines" = "$expected" ] && echo "= 1 + $total cards" || echo "expected $expected")
[ "$code" = 200 ] && [ "$lines" = "$expected" ] || odd+=("export answered $code with $lines lines, $check")
row "c. export all cards (CSV, UTF-8)" "$code, $bytes bytes, $lines lines $check" "${secs}s" \
  "peak $(mib "$peak")" "$(mib "$(kb VmRSS)")"

# d. A file of bad lines just under the limit.
python3 - "$dir/bad.csv" "$limit" <<'EOF'
import sys
path, limit = sys.argv[1], int(sys.argv[2])
header = "製造管理番号,氏名,生年月日\n".encode()
line = lambda n: f"X{n:07d},誤記 太郎,1980-01-01\n".encode()  # 8 characters: not a management number
size, n, chunks = len(header), 0, [header]
while size + len(line(n)) <= limit - 1024:
    chunks.append(line(n)); size += len(chunks[-1]); n += 1
open(path, "wb").write(b"".join(chunks))
EOF
bad_bytes=$(stat -c %s "$dir/bad.csv")
bad_lines=$(($(wc -l <"$dir/bad.csv") - 1))
token=$(login ledger)
reset_peak
read -r code size secs < <(curl -sS -o "$dir/bad.json" -w '%{http_code} %{size_download} %{time_total}\n' -X POST \
  "$base/v1/ledger/imports/issuance" -H "authorization: Bearer $token" -H 'content-type: text/csv' \
  --data-binary @"$dir/bad.csv")
peak=$(kb VmHWM)
errors_total=$(json_field "$dir/bad.json" 'd.get("errors_total")' 2>/dev/null || echo "?")
listed=$(json_field "$dir/bad.json" 'len(d.get("errors", []))' 2>/dev/null || echo "?")
[ "$code" = 422 ] && [ "$listed" = 1000 ] && [ "$errors_total" = "$bad_lines" ] ||
  odd+=("bad file answered $code: errors_total=$errors_total (lines $bad_lines), listed=$listed")
row "d. bad file ($bad_bytes bytes, $bad_lines lines)" \
  "$code, answer $size bytes, errors_total $errors_total, listed $listed" "${secs}s" \
  "peak $(mib "$peak")" "$(mib "$(kb VmRSS)")"
rm -f "$dir/bad.csv"

echo "server: $bin (pid $pid), SQLite in a temporary directory, $(nproc) cores"
{
  printf 'step\tresult\ttime\tpeak RSS (VmHWM)\tRSS after (VmRSS)\n'
  printf '%s\n' "${rows[@]}"
} | python3 -c '
import sys
rows = [l.rstrip("\n").split("\t") for l in sys.stdin]
widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
for n, r in enumerate(rows):
    print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    if n == 0:
        print("  ".join("-" * w for w in widths))
'
for o in "${odd[@]}"; do echo "UNEXPECTED: $o"; done
echo "total run time: $((SECONDS - started))s"

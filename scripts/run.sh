#!/usr/bin/env bash
# Builds both SPAs and runs the service on 127.0.0.1:8080 with the demo tenant on
# SQLite (data/madoguchi.db); mails are written to data/outbox/.
set -euo pipefail
cd "$(dirname "$0")/.."

for app in frontend-resident frontend-staff; do
  echo "=== building $app ==="
  (cd "$app" && npm ci --no-audit --no-fund && npm run build)
done

echo "=== building and starting madoguchi ==="
export MADOGUCHI_DEMO="${MADOGUCHI_DEMO:-1}"
exec cargo run --release --locked -p madoguchi -- serve

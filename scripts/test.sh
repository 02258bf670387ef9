#!/usr/bin/env bash
# Runs every test: formatting and lints, Rust unit and integration tests on SQLite and PostgreSQL,
# the OpenAPI drift check, both SPAs' type checks, unit tests and builds, and the
# end-to-end tests of both SPAs in Chromium (/usr/bin/chromium; .ci/run installs it) and
# the resident booking flow in WebKit (WebKitGTK's WebKitWebDriver under Xvfb),
# with axe-core's WCAG 2.1 A/AA rules on every resident page; then schemathesis (from PyPI,
# in .venv-fuzz) over the OpenAPI document against the built server, for each role.
#
# The API and browser tests run on a clock they set: MADOGUCHI_CLOCK_START (RFC 3339, e.g.
# 2026-12-31T23:58:00+09:00) starts every test's server there; unset, at the real time.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test (SQLite and PostgreSQL)"
cargo test --workspace --locked 2>&1 | tee target/test-output.log
grep -E '^test result:' target/test-output.log | awk '{p+=$4; f+=$6; i+=$8} END {printf "Rust tests: %d passed, %d failed, %d ignored\n", p, f, i}'

for app in frontend-resident frontend-staff; do
  step "$app: npm ci, typecheck, unit tests, build"
  (cd "$app" && npm ci --no-audit --no-fund && npm run typecheck && npm run lint && npm run format:check && npm test && npm run build)
done

step "end-to-end: the real server and Debian's Chromium"
cargo build --locked -p madoguchi
(cd frontend-staff && npm run e2e)
(cd frontend-resident && npm run e2e)

step "end-to-end: the resident flow in WebKit (Safari's engine), WebKitGTK under Xvfb"
(cd frontend-resident && npm run e2e:webkit)
echo "Screenshots: $(pwd)/screenshots/"

step "API contract: schemathesis over the whole document, for each role and anonymously"
# A fixed seed, so that a finding can be replayed; scripts/api-fuzz.sh alone draws one.
FUZZ_SEED="${FUZZ_SEED:-20261207}" FUZZ_MAX_TIME="${FUZZ_MAX_TIME:-60}" FUZZ_OUT=target/api-fuzz scripts/api-fuzz.sh

step "all tests passed"

#!/usr/bin/env bash
# The card ledger's load figures on PostgreSQL (see crates/server/examples/ledger_load.rs):
# a 100,000-line issuance CSV imported through the API, and searches of 1,000,000 cards.
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust) or BENCH_POSTGRES=postgres://…/postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p madoguchi
cargo run --release --locked -p madoguchi --example ledger_load -- target/release/madoguchi

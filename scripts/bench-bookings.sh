#!/usr/bin/env bash
# The booking engine's load figures on PostgreSQL through two server processes
# (see crates/server/examples/booking_load.rs). Needs PostgreSQL at 127.0.0.1:5432
# (user postgres, trust) or BENCH_POSTGRES=postgres://…/postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p madoguchi
cargo run --release --locked -p madoguchi --example booking_load -- target/release/madoguchi

#!/usr/bin/env bash
# The README's test command: every Rust test (unit, integration, golden,
# property, corpus, header) and every C test (scripts/test-c.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace
bash scripts/test-c.sh

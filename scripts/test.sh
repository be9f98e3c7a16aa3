#!/usr/bin/env bash
# The README's test command: every Rust test (unit, integration, golden,
# property, corpus, header, schemas), every C test (scripts/test-c.sh) and
# every Python test (scripts/test-python.sh, in a virtual environment of its
# own).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace
bash scripts/test-c.sh
bash scripts/test-python.sh

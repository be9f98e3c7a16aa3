#!/usr/bin/env bash
# Measures test coverage of the `peer-support` crate (core/): line, region
# and function coverage of the whole test suite, per file, with
# cargo-llvm-cov. A developer's measurement; CI does not run it.
#
# Usage: scripts/coverage.sh [CARGO-LLVM-COV ARGS...]
#   e.g. scripts/coverage.sh --html   (extra args replace --summary-only)
# Needs cargo-llvm-cov (`cargo install cargo-llvm-cov`) and the
# `llvm-tools-preview` rustup component (`rustup component add llvm-tools-preview`).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo llvm-cov --version >/dev/null 2>&1; then
  echo "cargo-llvm-cov is not installed. Coverage needs:" >&2
  echo "  cargo install cargo-llvm-cov" >&2
  echo "  rustup component add llvm-tools-preview" >&2
  exit 1
fi

if [ "$#" -eq 0 ]; then
  set -- --summary-only
fi
cargo llvm-cov --package peer-support "$@"

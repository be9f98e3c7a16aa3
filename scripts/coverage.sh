#!/usr/bin/env bash
# Measures test coverage of the `peer-support` crate (core/): line, region
# and function coverage of the whole test suite, per file, with
# cargo-llvm-cov. A developer's measurement; CI does not run it.
#
# Usage: scripts/coverage.sh [CARGO-LLVM-COV ARGS...]
#   e.g. scripts/coverage.sh --html   (extra args replace --summary-only)
# Needs cargo-llvm-cov (`cargo install cargo-llvm-cov`) and LLVM's tools of
# the same major version as rustc's (`rustc -vV`): the `llvm-tools-preview`
# rustup component, or Debian's `llvm-N` package, which this script finds
# (`apt-get install llvm-22` for rustc 1.95).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo llvm-cov --version >/dev/null 2>&1; then
  echo "cargo-llvm-cov is not installed. Coverage needs:" >&2
  echo "  cargo install cargo-llvm-cov" >&2
  echo "  rustup component add llvm-tools-preview" >&2
  exit 1
fi

# Without the rustup component, use Debian's LLVM of rustc's major version.
llvm_major=$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
if [ -z "${LLVM_COV:-}" ] && [ -x "/usr/lib/llvm-$llvm_major/bin/llvm-cov" ]; then
  export LLVM_COV=/usr/lib/llvm-$llvm_major/bin/llvm-cov
  export LLVM_PROFDATA=/usr/lib/llvm-$llvm_major/bin/llvm-profdata
fi

if [ "$#" -eq 0 ]; then
  set -- --summary-only
fi
cargo llvm-cov --package peer-support "$@"

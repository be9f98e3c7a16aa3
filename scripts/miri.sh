#!/usr/bin/env bash
# Checks the library's unit tests under Miri, the interpreter that detects
# undefined behaviour (the crate forbids `unsafe`, so this mainly covers its
# dependencies as the crate uses them). Slow; a developer's measurement, CI
# does not run it.
#
# Usage: scripts/miri.sh [CARGO-TEST ARGS...]   e.g. scripts/miri.sh supervision
# Needs the `miri` component of a nightly toolchain:
#   rustup toolchain install nightly --component miri
#   (or, with nightly installed: rustup +nightly component add miri)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo +nightly miri --version >/dev/null 2>&1; then
  echo "Miri is not available. It needs the miri component of a nightly toolchain:" >&2
  echo "  rustup toolchain install nightly --component miri" >&2
  echo "  (or, if nightly is installed: rustup +nightly component add miri)" >&2
  exit 1
fi

cargo +nightly miri test -p peer-support --lib "$@"

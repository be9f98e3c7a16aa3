#!/usr/bin/env bash
# The C ABI's decision benchmark (ffi/bench/decide.c) beside the in-process
# Rust one (core/benches/decisions.rs), in one run: nanoseconds per
# decision by code and by id, the floors, and heap allocations per decision.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
mkdir -p "$target/c"
cargo build -q --release -p peer-support-ffi
cc -std=c11 -O2 -Wall -Wextra -Werror -pedantic -Iffi/include ffi/bench/decide.c \
  "$target/release/libpeer_support.a" -lpthread -ldl -lm \
  -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=posix_memalign \
  -o "$target/c/bench_decide"
echo "== In-process Rust (cargo bench -p peer-support --bench decisions)"
cargo bench -q -p peer-support --bench decisions 2>/dev/null
echo "== Through the C ABI"
"$target/c/bench_decide"

#!/usr/bin/env bash
# The C library's tests: builds libpeer_support (release), then builds and
# runs the C tests (tests/c/), the conformance corpus through C and the PMO
# example (examples/c/), each plain, under AddressSanitizer with
# UndefinedBehaviorSanitizer, and under valgrind (memcheck); the example is
# also built as C++. Every run must be clean: no failure, no sanitizer
# report, no valgrind error, no leak.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-target}"
out="$target/c"
mkdir -p "$out"
cargo build -q --release -p peer-support-ffi
lib="$target/release/libpeer_support.a"
libs=(-lpthread -ldl -lm)
warn=(-std=c11 -Wall -Wextra -Werror -pedantic -Iffi/include -Itests/c)
san=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g)

build() { # NAME SOURCE EXTRA-FLAGS...
  local name=$1 source=$2
  shift 2
  cc "${warn[@]}" "$@" "$source" "$lib" "${libs[@]}" -o "$out/$name"
}
build test_api tests/c/test_api.c -O1 -g
build corpus tests/c/corpus.c -O1 -g
build test_threads tests/c/test_threads.c -O2 -g -pthread
build pmo_integration examples/c/pmo_integration.c -O1 -g
build test_api_san tests/c/test_api.c -O1 "${san[@]}"
build corpus_san tests/c/corpus.c -O1 "${san[@]}"
build test_threads_san tests/c/test_threads.c -O1 -pthread "${san[@]}"
build pmo_integration_san examples/c/pmo_integration.c -O1 "${san[@]}"
# The example as C++, with the same warnings as errors.
c++ -x c++ -std=c++17 -Wall -Wextra -Werror -pedantic -Iffi/include \
  examples/c/pmo_integration.c -x none "$lib" "${libs[@]}" -o "$out/pmo_integration_cpp"

corpus=(tests/corpus/*.json)
# The example's output: the PMO menu, a refusal explained in Swedish, the
# supervision check before booking, the audit.
check_example() { # OUTPUT-FILE
  grep -q "Föra journalanteckningar" "$1"
  grep -q "Varför en funktion inte erbjuds" "$1"
  grep -q "rkc.pmo.no_journal_notes" "$1"
  grep -q "Gruppträffen" "$1"
  grep -q "Granskning av enheten rkc-skovde-example" "$1"
}

echo "== C tests, plain"
"$out/test_api"
"$out/corpus" "${corpus[@]}"
"$out/test_threads" 1000000
"$out/pmo_integration" >"$out/pmo.txt"
check_example "$out/pmo.txt"
"$out/pmo_integration_cpp" >"$out/pmo_cpp.txt"
cmp "$out/pmo.txt" "$out/pmo_cpp.txt"

echo "== C tests, AddressSanitizer and UndefinedBehaviorSanitizer"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
"$out/test_api_san"
"$out/corpus_san" "${corpus[@]}"
"$out/test_threads_san" 1000000
"$out/pmo_integration_san" >"$out/pmo_san.txt"
cmp "$out/pmo.txt" "$out/pmo_san.txt"

echo "== C tests, valgrind"
# A leak is memory lost (definitely, indirectly or possibly); the built-in
# models, parsed once per process and kept in a static cache, stay
# reachable to the end, as valgrind reports for any static data.
vg=(valgrind -q --error-exitcode=99 --leak-check=full
  --show-leak-kinds=definite,indirect,possible
  --errors-for-leak-kinds=definite,indirect,possible)
"${vg[@]}" "$out/test_api"
"${vg[@]}" "$out/corpus" "${corpus[@]}"
"${vg[@]}" "$out/test_threads" 1000000
"${vg[@]}" "$out/pmo_integration" >/dev/null
echo "== Installed with ffi/install.sh, built with pkg-config"
prefix="$out/prefix"
rm -rf "$prefix"
bash ffi/install.sh "$prefix" >/dev/null
if command -v pkg-config >/dev/null; then
  export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
  [ "$(pkg-config --modversion peer_support)" = "$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)" ]
  # shellcheck disable=SC2046 # pkg-config's flags are words
  cc examples/c/pmo_integration.c $(pkg-config --cflags --libs peer_support) -o "$out/pmo_shared"
  LD_LIBRARY_PATH="$prefix/lib" "$out/pmo_shared" >"$out/pmo_shared.txt"
  cmp "$out/pmo.txt" "$out/pmo_shared.txt"
  # The README's ten-line example.
  sed -n '/^```c$/,/^```$/p' README.md | sed '1d;$d' >"$out/readme_example.c"
  # shellcheck disable=SC2046
  cc "${warn[@]}" "$out/readme_example.c" $(pkg-config --cflags --libs peer_support) \
    -o "$out/readme_example"
  [ "$(LD_LIBRARY_PATH="$prefix/lib" "$out/readme_example")" = "rkc.limit.no_treatment_advice" ]
elif [ "${CI:-}" = true ]; then
  echo "pkg-config is not installed: the installed library cannot be checked" >&2
  exit 1
else
  echo "NOTICE: pkg-config is not installed; the installed library was not built against" >&2
fi
echo "C tests: all clean"

#!/usr/bin/env bash
# Fuzzes the `peer-support` crate with cargo-fuzz (libFuzzer) for MINUTES
# minutes per target (default 5): `policy_load` (unit-policy loading) and
# `audit` (the unit audit). A developer's tool; CI does not run it (CI runs
# the same bodies over the seeds in the stable test `tests/fuzz_smoke.rs`).
#
# Usage: [FUZZ_TARGETS=audit] [FUZZ_ARGS=-max_len=8192] [FUZZ_SANITIZER=leak] fuzz/run.sh [MINUTES]
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
#
# Before fuzzing, fuzz/corpus/<target>/ (git-ignored) is created and seeded
# from examples/ (examples/data/*.json for audit, examples/policies/*.json
# for policy_load) and tests/repro/*.json (the reproducers: files with
# `policy` in the name are unit policies, the others unit records). Crashes,
# timeouts and leaks are written to fuzz/artifacts/<target>/; the script
# exits non-zero if a run leaves a new artifact there.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

minutes=${1:-5}
if ! [[ "$minutes" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: fuzz/run.sh [MINUTES]   (a whole number of minutes, default 5)" >&2
  exit 2
fi
seconds=$((minutes * 60))

if ! version=$(cargo +nightly fuzz --version 2>/dev/null); then
  echo "cargo-fuzz (with a nightly toolchain) is needed; install it with:" >&2
  echo "  cargo install cargo-fuzz" >&2
  echo "  (and, if missing: rustup toolchain install nightly)" >&2
  exit 1
fi
echo "$version; $minutes minute(s) per target"

# FUZZ_TARGETS picks targets ("audit"); FUZZ_ARGS adds libFuzzer flags
# ("-max_len=8192"); FUZZ_SANITIZER picks cargo-fuzz's sanitizer ("leak" is
# faster than the default "address" and still finds leaks).
read -r -a targets <<<"${FUZZ_TARGETS:-policy_load audit}"
read -r -a extra <<<"${FUZZ_ARGS:-}"

# Seeds a target's corpus: SEED FILES... are copied into fuzz/corpus/TARGET.
seed() {
  local target=$1
  shift
  local dir=$root/fuzz/corpus/$target
  mkdir -p "$dir"
  local file
  for file in "$@"; do
    [ -f "$file" ] && cp -f "$file" "$dir/"
  done
  return 0
}

shopt -s nullglob
seed audit examples/data/*.json
seed policy_load examples/policies/*.json
repro=$root/tests/repro
if [ -d "$repro" ]; then
  for file in "$repro"/*.json; do
    case $(basename "$file") in
      *policy*) seed policy_load "$file" ;;
      *) seed audit "$file" ;;
    esac
  done
fi

logs=$(mktemp -d "${TMPDIR:-/tmp}/peer-support-fuzz.XXXXXX")
found=0
summary=()
for target in "${targets[@]}"; do
  artifacts=$root/fuzz/artifacts/$target
  mkdir -p "$artifacts"
  before=$(find "$artifacts" -type f | sort)
  log=$logs/$target.log
  echo
  echo "== $target: $(find "$root/fuzz/corpus/$target" -type f | wc -l) corpus file(s); log in $log"
  status=0
  cargo +nightly fuzz run ${FUZZ_SANITIZER:+--sanitizer "$FUZZ_SANITIZER"} "$target" "$root/fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -print_final_stats=1 "${extra[@]}" \
    >"$log" 2>&1 || status=$?

  executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1 || true)
  new=$(comm -13 <(echo "$before") <(find "$artifacts" -type f | sort) | sed '/^$/d' || true)
  echo "executions: ${executions:-unknown} (exit status $status)"
  if [ -n "$new" ]; then
    found=1
    echo "artifacts:"
    echo "$new" | sed 's/^/  /'
    # The panic message or libFuzzer's reason, for a first look.
    grep -E "panicked at|^thread '|ERROR: libFuzzer|ERROR: LeakSanitizer|ERROR: AddressSanitizer|SUMMARY:" "$log" | head -n 10 | sed 's/^/  /' || true
    summary+=("$target: ${executions:-?} executions, $(echo "$new" | wc -l) artifact(s)")
  elif [ "$status" -ne 0 ]; then
    found=1
    echo "cargo fuzz failed without an artifact; the end of its log:"
    tail -n 30 "$log" | sed 's/^/  /'
    summary+=("$target: failed (exit status $status), see $log")
  else
    summary+=("$target: ${executions:-?} executions, no findings")
  fi
done

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
if [ "$found" -ne 0 ]; then
  echo "Reproduce an artifact with: cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/FILE" >&2
  exit 1
fi

#!/usr/bin/env bash
# Measures mutation testing: how many of cargo-mutants' small code changes
# in core/ (the `peer-support` crate) the test suite catches, per file.
# A developer's measurement, slow (every mutant rebuilds and runs the tests);
# CI does not run it.
#
# Usage: scripts/mutants.sh [CARGO-MUTANTS ARGS...]
#   e.g. scripts/mutants.sh --file core/src/supervision.rs
# Needs cargo-mutants (`cargo install cargo-mutants`). Results go to
# mutants.out/ (git-ignored); the summary is read from mutants.out/outcomes.json.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo mutants --version >/dev/null 2>&1; then
  echo "cargo-mutants is not installed; install it with:" >&2
  echo "  cargo install cargo-mutants" >&2
  exit 1
fi

status=0
# The `mutants` profile (root Cargo.toml) builds without debug information;
# nextest, where installed, runs the test binaries without the doc tests.
tool=()
if cargo nextest --version >/dev/null 2>&1; then
  tool=(--test-tool nextest)
fi
cargo mutants --package peer-support --profile mutants --gitignore true "${tool[@]}" "$@" || status=$?

# Where cargo-mutants wrote (`--output DIR` puts mutants.out/ in DIR).
out=.
args=("$@")
for i in "${!args[@]}"; do
  if [ "${args[$i]}" = "--output" ] || [ "${args[$i]}" = "-o" ]; then
    out=${args[$((i + 1))]:-.}
  fi
done
outcomes=$out/mutants.out/outcomes.json
if [ ! -f "$outcomes" ]; then
  echo "no $outcomes (cargo mutants exited with $status)" >&2
  exit "$status"
fi

echo
echo "Per file (from $outcomes):"
if command -v python3 >/dev/null 2>&1; then
  python3 - "$outcomes" <<'PY'
import collections, json, sys

with open(sys.argv[1]) as f:
    data = json.load(f)
counts = collections.defaultdict(collections.Counter)
for outcome in data.get("outcomes", []):
    scenario = outcome.get("scenario")
    if not isinstance(scenario, dict) or "Mutant" not in scenario:
        continue  # the baseline
    mutant = scenario["Mutant"]
    path = mutant.get("file") or mutant.get("source_file", {}).get("path", "?")
    counts[path][outcome.get("summary", "?")] += 1
kinds = [("CaughtMutant", "caught"), ("MissedMutant", "missed"),
         ("Timeout", "timeout"), ("Unviable", "unviable")]
print(f"{'file':<40} " + " ".join(f"{name:>8}" for _, name in kinds) + "  caught%")
total = collections.Counter()
for path in sorted(counts):
    c = counts[path]
    total.update(c)
    viable = c["CaughtMutant"] + c["MissedMutant"]
    pct = f"{100 * c['CaughtMutant'] / viable:6.1f}%" if viable else "     -"
    print(f"{path:<40} " + " ".join(f"{c[k]:>8}" for k, _ in kinds) + f"  {pct}")
viable = total["CaughtMutant"] + total["MissedMutant"]
pct = f"{100 * total['CaughtMutant'] / viable:6.1f}%" if viable else "     -"
print(f"{'total':<40} " + " ".join(f"{total[k]:>8}" for k, _ in kinds) + f"  {pct}")
PY
elif command -v jq >/dev/null 2>&1; then
  jq -r '
    [.outcomes[] | select(.scenario | type == "object" and has("Mutant"))
     | {file: .scenario.Mutant.file, summary}]
    | group_by(.file)[]
    | "\(.[0].file)\tcaught \(map(select(.summary == "CaughtMutant")) | length)"
      + "\tmissed \(map(select(.summary == "MissedMutant")) | length)"
      + "\ttimeout \(map(select(.summary == "Timeout")) | length)"
      + "\tunviable \(map(select(.summary == "Unviable")) | length)"
  ' "$outcomes"
else
  echo "(neither python3 nor jq found; see $outcomes and mutants.out/missed.txt)"
fi
echo "Missed mutants are listed in mutants.out/missed.txt."
exit "$status"

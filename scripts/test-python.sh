#!/usr/bin/env bash
# The Python module's tests, in a virtual environment of their own
# (target/python-venv): builds and installs the module with pip (`pip
# install ./python`, as an analyst would), then runs pytest with warnings as
# errors (the API, the errors, hypothesis properties and the conformance
# corpus), mypy.stubtest on the package and mypy --strict on the package and
# its tests.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
venv="$target/python-venv"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
venv=$(cd "$venv" && pwd)
"$venv/bin/python" -m pip install -q --disable-pip-version-check \
  "pytest>=8" "hypothesis>=6" "mypy>=1.10" "pandas>=2.2" "pandas-stubs" "matplotlib>=3.6"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps ./python
echo "== Python tests"
"$venv/bin/python" -m pytest -q -W error -p no:cacheprovider python/tests
echo "== The README's Python example"
sed -n '/^```python$/,/^```$/p' README.md | sed '1d;$d' >"$target/readme_example.py"
"$venv/bin/python" -W error "$target/readme_example.py"
echo "== The analyst's report (examples/python/analyst_report.py)"
report="$target/analyst_report"
rm -rf "$report"
"$venv/bin/python" -W error examples/python/analyst_report.py --out "$report"
for file in report.md supervision_compliance.png participation_promises.png participation_rungs.png \
  decisions_by_outcome.png; do
  [ -s "$report/$file" ] || { echo "the analyst's report did not write $file" >&2; exit 1; }
done
echo "== stubtest"
# From outside the checkout, so that the installed package is the one checked.
(cd "$target" && "$venv/bin/python" -m mypy.stubtest peer_support)
echo "== mypy --strict"
"$venv/bin/python" -m mypy --strict --no-incremental python/peer_support python/tests

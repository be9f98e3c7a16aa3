"""The ``peer-support`` command: outputs and exit codes, as the Rust
example's (0 done, 2 bad input, 64 bad arguments, 74 cannot write)."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

import peer_support as ps
from peer_support.cli import main

ROOT = pathlib.Path(__file__).resolve().parents[2]
UNIT = ROOT / "examples" / "data" / "vgr_ward.json"


def test_the_audit_as_text_json_and_html(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(UNIT)]) == 0
    assert capsys.readouterr().out == ps.audit(UNIT, "sv", "text")
    assert main(["audit", str(UNIT), "--lang", "en", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == ps.audit(UNIT, "en").to_dict()
    assert main(["audit", str(UNIT), "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert page == ps.audit(UNIT, "sv", "html") and page.startswith("<!DOCTYPE html>")


def test_the_audit_as_csv_tables_into_a_directory(tmp_path: pathlib.Path) -> None:
    assert main(["audit", str(UNIT), "--lang", "en", "--format", "csv", "--out", str(tmp_path / "t")]) == 0
    tables = ps.audit_csv(UNIT, "en")
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == sorted(f"{n}.csv" for n in tables)
    for name, csv in tables.items():
        assert (tmp_path / "t" / f"{name}.csv").read_bytes() == csv.encode("utf-8")


def test_decide_policy_report_and_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decide", "--model", "rkc", "patient.treatment_advice", "601", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    rkc = ps.Engine.builtin("rkc")
    assert out == rkc.decide("patient.treatment_advice").explain("en") + "\n" + rkc.decide(601).explain("en")
    assert main(["policy-report", "skane_mentor", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["policy_report"]["report_version"] == 2
    policy = ROOT / "examples" / "policies" / "malmo_mentors.json"
    assert main(["policy-report", str(policy), "--lang", "en"]) == 0
    assert capsys.readouterr().out == ps.Engine.from_policy(policy).policy_report("en", "text")
    assert main(["schema", "unit_record"]) == 0
    assert json.loads(capsys.readouterr().out) == ps.schema("unit_record")


def test_bad_input_exits_2_with_one_line_naming_the_path(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 3, "unit_id": "Tolvan", "model": "rkc", "as_of": "2026-11-24", '
                   '"supporters": [], "x": "Tolvan 19121212"}', encoding="utf-8")
    assert main(["audit", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "19121212" not in err
    assert main(["audit", str(tmp_path / "missing.json")]) == 2
    assert "cannot be read" in capsys.readouterr().err
    assert main(["decide", "--model", "Tolvan", "journal.write_note"]) == 2
    assert "Tolvan" not in capsys.readouterr().err
    # A digit that is not ASCII is an id, not a code.
    assert main(["decide", "--model", "rkc", "²"]) == 0
    assert capsys.readouterr().out == ps.Engine.builtin("rkc").decide("²").explain("sv")


def exit_code(argv: list[str]) -> int:
    """The exit status of the command, whether argparse exits or main returns."""
    try:
        return main(argv)
    except SystemExit as e:
        return int(str(e.code))


def test_bad_arguments_exit_64(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["audit", str(UNIT), "--format", "csv"],
        ["audit", str(UNIT), "--out", str(tmp_path)],
        ["audit", str(UNIT), "--format", "Tolvan"],
        ["schema", "Tolvan"],
        ["audit", str(UNIT), "--lang", "Tolvan"],
        ["decide", "--model", "rkc", "journal.write_note", "--Tolvan"],
        [],
    ):
        assert exit_code(argv) == 64, argv
        err = capsys.readouterr().err
        assert "usage" in err and "Tolvan" not in err, err


def test_a_directory_that_cannot_be_written_exits_74(capsys: pytest.CaptureFixture[str]) -> None:
    # A directory under a file cannot be made.
    assert main(["audit", str(UNIT), "--format", "csv", "--out", str(UNIT / "t")]) == 74
    assert capsys.readouterr().err.startswith("peer-support: cannot write the output")


def test_the_console_script_is_installed_and_helps_in_english() -> None:
    script = pathlib.Path(sys.executable).parent / "peer-support"
    assert script.exists()
    done = subprocess.run([script, "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "usage: peer-support" in done.stdout
    assert "exit status" in done.stdout

"""The analysts' batch questions: lists, dicts of lists and DataFrames in;
Columns or DataFrames out, the same answers as one question at a time."""

from __future__ import annotations

import datetime
import math

import pandas as pd
import pytest

from peer_support import Columns, Engine, InputError, Outcome


@pytest.fixture(scope="module")
def rkc() -> Engine:
    return Engine.builtin("rkc")


def test_a_log_decided_as_each_action_alone(rkc: Engine) -> None:
    ids = [a["id"] for a in rkc.actions()]
    codes = [a["code"] for a in rkc.actions()]
    log = ids + codes + ["no.such_action", 99999]
    columns = rkc.decide_log(log)
    assert isinstance(columns, Columns) and columns.rows == len(log)
    singles = [rkc.decide(a) for a in log]
    assert columns["outcome"] == [d.outcome.value for d in singles]
    assert columns["allowed"] == [d.allowed for d in singles]
    assert columns["rule_ids"] == [";".join(d.rule_ids) for d in singles]
    assert columns["action"] == [d.action for d in singles]
    assert rkc.decide_log({"action": log})["outcome"] == columns["outcome"]
    assert rkc.decide_log([{"action": a} for a in log])["outcome"] == columns["outcome"]


def test_a_log_as_a_data_frame_keeps_its_index(rkc: Engine) -> None:
    ids = [a["id"] for a in rkc.actions()] + ["no.such_action"]
    frame = pd.DataFrame({"action": ids, "patient": range(len(ids))}, index=[f"r{i}" for i in range(len(ids))])
    answer = rkc.decide_log(frame)
    assert list(answer.index) == list(frame.index)
    assert list(answer.columns) == ["action", "outcome", "allowed", "rule_ids"]
    assert answer["outcome"].dtype == "category" and answer["rule_ids"].dtype == "category"
    singles = [rkc.decide(a) for a in ids]
    assert list(answer["outcome"].astype(str)) == [d.outcome.value for d in singles]
    assert list(answer["allowed"]) == [d.allowed for d in singles]
    assert list(answer["rule_ids"].astype(str)) == [";".join(d.rule_ids) for d in singles]
    assert answer["action"].iloc[-1] is None or (isinstance(answer["action"].iloc[-1], float) and math.isnan(answer["action"].iloc[-1]))
    assert Outcome(answer["outcome"].iloc[0]) is singles[0].outcome
    # The Columns of the same log make the same frame.
    as_columns = rkc.decide_log(ids).to_frame()
    assert list(as_columns["outcome"].astype(str)) == list(answer["outcome"].astype(str))


def test_a_log_without_its_column_or_with_a_gap_is_an_input_error(rkc: Engine) -> None:
    with pytest.raises(InputError) as caught:
        rkc.decide_log(pd.DataFrame({"activity": ["journal.write_note"]}))
    assert caught.value.path == "action"
    with pytest.raises(InputError) as gap:
        rkc.decide_log(pd.DataFrame({"action": ["journal.write_note", None]}))
    assert gap.value.path == "action[1]"
    with pytest.raises(InputError) as nan:
        rkc.decide_log({"action": ["journal.write_note", float("nan")]})
    assert nan.value.path == "action[1]"
    with pytest.raises(InputError) as wrong:
        rkc.decide_log([1.5])
    assert wrong.value.path == "actions[0]"


def test_promises_row_by_row(rkc: Engine) -> None:
    frame = pd.DataFrame(
        {"promised": ["dialogue", None, "consultation", float("nan")],
         "delivered": ["consultation", "dialogue", "dialogue", "information"]}
    )
    answer = rkc.promise_table(frame)
    assert list(answer["outcome"].astype(str)) == ["not_kept", "unstated", "exceeded", "unstated"]
    columns = rkc.promise_table({"promised": ["dialogue"], "delivered": ["dialogue"]})
    assert columns["outcome"] == ["kept"]
    with pytest.raises(InputError) as caught:
        rkc.promise_table({"delivered": ["dialogue", "Tolvan"]})
    assert caught.value.path == "delivered[1]" and "Tolvan" not in str(caught.value)
    with pytest.raises(InputError) as missing:
        rkc.promise_table({"promised": ["dialogue"], "delivered": [None]})
    assert missing.value.path == "delivered[0]"


def test_supervision_per_supporter_and_kind() -> None:
    nsph = Engine.builtin("nsph")
    supporters = pd.DataFrame({"supporter": ["a", "b"], "start": pd.to_datetime(["2026-01-15", "2026-02-01"])})
    sessions = pd.DataFrame(
        {"supporter": ["a", "a", "b"],
         "date": [datetime.date(2026, 2, 15), datetime.date(2026, 3, 10), datetime.date(2026, 2, 20)],
         "kind": ["experience_based"] * 3}
    )
    table = nsph.supervision_table(supporters, sessions, "2026-03-15")
    assert list(table.columns)[:3] == ["supporter", "kind", "next_due"]
    alone = nsph.supervision("2026-01-15", [{"date": "2026-02-15", "kind": "experience_based"},
                                            {"date": "2026-03-10", "kind": "experience_based"}], "2026-03-15")
    row = table[(table["supporter"] == "a") & (table["kind"] == "experience_based")].iloc[0]
    (kind,) = alone.kinds
    assert row["next_due"] == kind.next_due and row["compliance"] == kind.compliance
    assert set(table["supporter"]) == {"a", "b"}
    with pytest.raises(InputError) as unknown:
        nsph.supervision_table(supporters, {"supporter": ["c"], "date": ["2026-02-01"], "kind": ["experience_based"]}, "2026-03-15")
    assert unknown.value.path == "sessions.supporter[0]"
    with pytest.raises(InputError) as noon:
        nsph.supervision_table({"supporter": ["a"], "start": [datetime.datetime(2026, 1, 15, 9, 30)]},
                               {"supporter": [], "date": [], "kind": []}, "2026-03-15")
    assert noon.value.path == "start[0]"


def test_tables_of_unequal_columns_or_repeated_supporters_are_refused(rkc: Engine) -> None:
    with pytest.raises(InputError) as unequal:
        rkc.promise_table({"promised": ["dialogue"], "delivered": ["dialogue", "dialogue"]})
    assert unequal.value.kind == "unequal_columns"
    nsph = Engine.builtin("nsph")
    with pytest.raises(InputError) as twice:
        nsph.supervision_table({"supporter": ["a", "a"], "start": ["2026-01-01", "2026-01-02"]},
                               {"supporter": [], "date": [], "kind": []}, "2026-03-15")
    assert twice.value.path == "supporter[1]" and twice.value.kind == "duplicate_id"
    with pytest.raises(InputError) as late:
        nsph.supervision_table({"supporter": ["a", "b"], "start": ["2026-01-01", "2026-02-01"]},
                               {"supporter": ["b", "a", "b"],
                                "date": ["2026-02-10", "2026-02-11", "2026-01-10"],
                                "kind": ["experience_based"] * 3}, "2026-03-15")
    # The third session of the table, b's second: before b's start.
    assert late.value.path == "sessions[2].date" and late.value.kind == "before_start"


def test_an_audit_as_one_frame_per_rule_family() -> None:
    import pathlib

    import peer_support as ps

    unit = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data" / "vgr_ward.json"
    report = ps.audit(unit, "en")
    frames = report.to_frames()
    assert list(frames) == ["boundaries", "certification", "supervision", "participation", "readiness"]
    csv = ps.audit_csv(unit, "en")
    for name, frame in frames.items():
        assert list(frame.columns) == csv[name].split("\r\n")[0].split(","), name
        assert len(frame) == csv[name].count("\r\n") - 1, name
    answer = report.answer
    assert list(frames["supervision"]["supporter"]) == [
        s["supporter"] for s in answer["supervision"] for _ in s["kinds"]
    ]
    assert list(frames["certification"]["standing"]) == [c["standing"] for c in answer["certification"]]

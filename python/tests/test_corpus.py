"""The shared conformance corpus (tests/corpus/*.json) through Python: every
case must give the answer its expectation states, as it does through Rust
(tests/corpus.rs) and C (tests/c/corpus.c). The format is documented in
tests/corpus.rs."""

from __future__ import annotations

import json
import math
import pathlib
from typing import Any

import pytest

import peer_support
from peer_support import Engine, Outcome, PolicyError

CORPUS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "corpus"


def cases() -> list[Any]:
    found = []
    for path in sorted(CORPUS.glob("*.json")):
        corpus = json.loads(path.read_text(encoding="utf-8"))
        assert corpus["corpus_version"] == 3, path
        for case in corpus["cases"]:
            found.append(pytest.param(case, id=f"{path.stem}:{case['id']}"))
    assert found, f"no corpus in {CORPUS}"
    return found


def engine_of(case: dict[str, Any]) -> Engine:
    assert ("model" in case) != ("policy" in case), "give exactly one of model and policy"
    if "model" in case:
        return Engine.builtin(case["model"])
    return Engine.from_policy(case["policy"])


def same_number(got: Any, want: Any) -> bool:
    if want is None or got is None:
        return got is None and want is None
    return math.isclose(got, want, abs_tol=1e-6)


#: The fields an expectation may have, per question (as tests/corpus.rs reads them).
KNOWN = {
    "error": {"error", "path"},
    "action": {"outcome", "conditions_on", "deviations"},
    "sessions": None,  # per kind: next_due, days_overdue, window_days, overdue_days, interval
    "evidence": {"standing", "status", "category", "met_on", "missing", "unmet_recommendations", "needs"},
    "started": {"ready", "missing", "suggestions", "not_yet_due", "components"},
    "text": {"rungs", "ambiguous", "mandate_note", "methods"},
    "delivered": {"outcome"},
}
KIND = {"next_due", "days_overdue", "window_days", "overdue_days", "interval"}


@pytest.mark.parametrize("case", cases())
def test_case(case: dict[str, Any]) -> None:
    assert case["source"].strip()
    expect = case["expect"]
    question = "error" if "error" in expect else next(q for q in KNOWN if q in case)
    allowed = KNOWN[question]
    if allowed is None:
        assert all(set(kind) == KIND for kind in expect.values()), expect
    else:
        assert set(expect) <= allowed, set(expect) - allowed
    if "error" in expect:
        with pytest.raises(PolicyError) as caught:
            engine_of(case)
        assert caught.value.kind == expect["error"]
        if "path" in expect:
            assert caught.value.path == expect["path"]
        return
    engine = engine_of(case)
    if "action" in case:
        asked = [engine.decide(case["action"])]
        if "code" in case:
            asked.append(engine.decide(case["code"]))
        for d in asked:
            assert d.outcome is Outcome(expect["outcome"])
            if "deviations" in expect:
                assert d.deviations == expect["deviations"]
            if "conditions_on" in expect:
                parties = {
                    c["on"]
                    for reason in d.to_dict()["reasons"]
                    for c in reason["rule"].get("conditions", [])
                }
                assert parties == set(expect["conditions_on"])
        assert asked[0].rule_ids == asked[-1].rule_ids
    elif "sessions" in case:
        sup = engine.supervision(
            case["start"], case["sessions"], case["as_of"], case.get("evidence", [])
        )
        kinds = {k.kind: k for k in sup.kinds}
        for kind, want in expect.items():
            got = kinds[kind]
            assert got.next_due.isoformat() == want["next_due"]
            assert (got.days_overdue, got.window_days, got.overdue_days) == (
                want["days_overdue"],
                want["window_days"],
                want["overdue_days"],
            )
            assert {k: v for k, v in got.interval.items() if v} == {
                k: v for k, v in want["interval"].items() if v
            }
    elif "evidence" in case:
        cert = engine.certification(case["evidence"], case["as_of"])
        assert cert.standing.value == expect["standing"]
        assert cert.status == expect["status"]
        assert cert.category.value == expect["category"]
        met_on = cert.met_on.isoformat() if cert.met_on else None
        assert met_on == expect["met_on"]
        assert cert.missing == expect["missing"]
        assert cert.unmet_recommendations == expect["unmet_recommendations"]
        unmet = cert.answer["missing"] + cert.answer["unmet_recommendations"]
        for rule, pairs in expect.get("needs", {}).items():
            (item,) = [u for u in unmet if u["rule_id"] == rule]
            assert [[n["kind"], n["state"]] for n in item["evidence"]] == pairs
    elif "started" in case:
        ready = engine.readiness(case.get("facts", {}), case["started"])
        assert ready.ready == expect["ready"]
        for field in ("missing", "suggestions", "not_yet_due"):
            if field in expect:
                assert getattr(ready, field) == expect[field], field
        components = ready.components
        for cid, want in expect.get("components", {}).items():
            score = components[cid]
            assert same_number(score.score, want["score"]), cid
            assert (score.in_place, score.due) == (want["in_place"], want["due"]), cid
    elif "text" in case:
        c = engine.classify_participation(case["text"])
        assert [r.value for r in c.rungs] == expect["rungs"]
        assert c.ambiguous == expect["ambiguous"]
        assert (c.mandate_note is not None) == expect["mandate_note"]
        if "methods" in expect:
            assert c.methods == expect["methods"]
    elif "delivered" in case:
        check = engine.check_promise(case["delivered"], case.get("promised"))
        assert check.outcome.value == expect["outcome"]
    else:
        pytest.fail("no question this runner knows")


def test_the_package_answers_with_the_library_version() -> None:
    check = Engine.builtin("nsph").check_promise("dialogue", "dialogue")
    assert check.library_version == peer_support.__version__

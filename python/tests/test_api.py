"""The package's API: engines, decisions, each rule family's answers, the
reports, the errors."""

from __future__ import annotations

import dataclasses
import datetime
import json
import pathlib

import pytest

import peer_support as ps
from peer_support import Engine, InputError, Outcome, PeerSupportError, PolicyError

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rkc() -> Engine:
    return Engine.builtin("rkc")


def test_an_engine_from_a_model_a_path_a_text_or_a_dict() -> None:
    path = ROOT / "examples" / "policies" / "malmo_mentors.json"
    by_path = Engine.from_policy(path)
    by_text = Engine.from_policy(path.read_text(encoding="utf-8"))
    by_dict = Engine.from_policy(json.loads(path.read_text(encoding="utf-8")))
    assert by_path.policy_id == by_text.policy_id == by_dict.policy_id == "example-malmo-mentors"
    assert by_path.policy_hash == by_text.policy_hash == by_dict.policy_hash
    assert by_path.model == "skane_mentor"
    assert Engine.builtin("rkc").policy_hash != by_path.policy_hash
    assert repr(by_path) == "Engine(policy='example-malmo-mentors', model='skane_mentor')"


def test_a_decision_by_id_or_code(rkc: Engine) -> None:
    d = rkc.decide("patient.treatment_advice")
    assert d.outcome is Outcome.FORBIDDEN
    assert not d.allowed and not d.outcome.allowed
    assert "rkc.limit.no_treatment_advice" in d.rule_ids
    assert d.code is not None
    by_code = rkc.decide(d.code)
    assert by_code.outcome is d.outcome and by_code.rule_ids == d.rule_ids
    assert "Inte tillåtet" in d.explain("sv")
    assert "Forbidden" in d.explain("en") and d.explain() == d.explain("en")
    as_dict = d.to_dict()
    assert as_dict["outcome"] == "forbidden"
    assert as_dict["action"]["id"] == "patient.treatment_advice"
    assert repr(d) == "Decision('patient.treatment_advice', forbidden)"


def test_an_action_outside_the_catalogue_is_an_answer(rkc: Engine) -> None:
    d = rkc.decide("no.such_action")
    assert d.outcome is Outcome.NOT_IN_CATALOGUE
    assert d.action is None and d.code is None and d.rule_ids == []
    assert rkc.decide(99999).outcome is Outcome.NOT_IN_CATALOGUE


def test_the_catalogue(rkc: Engine) -> None:
    actions = rkc.actions()
    assert {"id", "code", "group", "label"} <= set(actions[0])
    assert len({a["code"] for a in actions}) == len(actions)
    assert all(rkc.decide(a["id"]).code == a["code"] for a in actions)


@dataclasses.dataclass
class Evidence:
    kind: str
    date: datetime.date
    hours: float | None = None


def test_certification_from_dicts_or_dataclasses_and_dates_or_text() -> None:
    nsph = Engine.builtin("nsph")
    a = nsph.certification([Evidence("lived_experience", datetime.date(2026, 1, 10))], datetime.date(2026, 11, 24))
    b = nsph.certification([{"kind": "lived_experience", "date": "2026-01-10"}], "2026-11-24")
    assert a.to_dict() == b.to_dict()
    assert a.standing is ps.Standing.NOT_STARTED
    assert a.category is ps.Category.NOT_QUALIFIED
    assert a.met_on is None
    assert "nsph.cert.lived_experience" not in a.missing
    assert a.policy == ps.PolicyStamp("nsph", "nsph", nsph.policy_hash)
    assert a.label and a.status.startswith("nsph.status.")


def test_supervision_readiness_participation() -> None:
    nsph = Engine.builtin("nsph")
    sup = nsph.supervision(
        "2026-01-15", [{"date": datetime.date(2026, 2, 15), "kind": "experience_based"}], "2026-03-15"
    )
    (kind,) = sup.kinds
    assert kind.kind == "experience_based"
    assert kind.next_due == datetime.date(2026, 3, 15) and kind.days_overdue == 0
    ready = Engine.builtin("rkc").readiness({"rkc.ready.employment": True}, started=False, lang="sv")
    assert not ready.ready
    assert ready.components["employment"].score == 1.0
    assert "rkc.ready.planning_meeting" in ready.missing
    c = nsph.classify_participation("Brukarrådet bjuds in till ett dialogseminarium")
    assert c.ambiguous and c.mandate_note is not None
    assert ps.Rung.CONSULTATION in c.rungs
    p = nsph.check_promise(ps.Rung.CONSULTATION, promised="dialogue", lang="sv")
    assert p.outcome is ps.PromiseOutcome.NOT_KEPT
    assert p.promised is ps.Rung.DIALOGUE and p.delivered is ps.Rung.CONSULTATION
    assert p.text


def test_reports() -> None:
    engine = Engine.builtin("skane_mentor")
    text = engine.policy_report("sv", "text")
    assert isinstance(text, str) and "skane" in text
    report = engine.policy_report()
    assert isinstance(report, ps.PolicyReport)
    assert report.answer["report_version"] == 2
    record = ROOT / "examples" / "data" / "vgr_ward.json"
    audit = ps.audit(record)
    assert isinstance(audit, ps.AuditReport) and audit.answer["unit_id"]
    assert ps.audit(record, "sv", "text").startswith("Granskning")
    assert ps.audit(record, format="text").startswith("Audit")
    assert engine.policy_report(format="text") == engine.policy_report("en", "text")
    assert ps.audit(json.loads(record.read_text(encoding="utf-8")), "en").to_dict() == audit.to_dict()


def test_schemas() -> None:
    assert set(ps.SCHEMA_NAMES) >= {"unit_record", "unit_policy", "response"}
    for name in ps.SCHEMA_NAMES:
        assert ps.schema(name)["$schema"].startswith("https://json-schema.org/")
    with pytest.raises(InputError) as caught:
        ps.schema("Tolvan")
    assert "Tolvan" not in str(caught.value)


MARKER = "Tolvan 19121212-1212"


def no_marker(error: BaseException) -> None:
    """Nothing the error carries repeats the marker: its message, its
    arguments, its path and kind, nor an exception it was raised from."""
    assert isinstance(error, PeerSupportError), type(error)
    assert error.__cause__ is None and error.__context__ is None, repr(error.__context__)
    text = f"{error} {error!r} {error.args} {error.path} {error.kind}"
    assert "Tolvan" not in text and "19121212" not in text, text


def test_a_policy_that_does_not_load_is_a_policy_error() -> None:
    with pytest.raises(PolicyError) as caught:
        Engine.from_policy({"schema_version": 3, "id": "u", "extends": "rkc", "x": MARKER})
    e = caught.value
    assert isinstance(e, ValueError) and isinstance(e, PeerSupportError)
    # An unknown field is named on the object that holds it, never by its key.
    assert (e.kind, e.path) == ("shape", "")
    assert "x" not in str(e).split(":")[-1]
    no_marker(e)
    with pytest.raises(PolicyError) as caught:
        Engine.from_policy("{")
    assert caught.value.kind == "syntax"
    with pytest.raises(InputError) as bad_model:
        Engine.builtin(MARKER)
    assert bad_model.value.kind == "unknown_model"
    no_marker(bad_model.value)
    with pytest.raises(InputError):
        Engine.from_policy(42)  # type: ignore[arg-type]


def test_a_value_the_engine_refuses_is_an_input_error_naming_its_path() -> None:
    nsph = Engine.builtin("nsph")
    with pytest.raises(InputError) as caught:
        nsph.certification([{"kind": MARKER, "date": "2026-01-10"}], "2026-11-24")
    assert caught.value.path == "evidence[0].kind"
    assert caught.value.kind == "unknown_evidence_kind"
    no_marker(caught.value)
    with pytest.raises(InputError) as after:
        nsph.certification([{"kind": "lived_experience", "date": "2026-12-10"}], "2026-11-24")
    assert after.value.kind == "after_as_of" and after.value.path == "evidence[0].date"
    with pytest.raises(InputError) as shape:
        nsph.certification([{"kind": "lived_experience", "date": "10/1/2026"}], "2026-11-24")
    assert shape.value.path == "evidence[0].date"
    no_marker(shape.value)
    with pytest.raises(InputError) as facts:
        Engine.builtin("rkc").readiness({MARKER: True}, started=False)
    assert facts.value.path == "facts[0]" and facts.value.kind == "unknown_readiness_item"
    no_marker(facts.value)
    with pytest.raises(InputError) as lang:
        nsph.decide("journal.write_note").explain(MARKER)
    assert lang.value.kind == "unknown_lang"
    no_marker(lang.value)
    with pytest.raises(InputError) as noon:
        nsph.certification([], datetime.datetime(2026, 11, 24, 12, 0))
    assert noon.value.path == "as_of" and noon.value.kind == "not_a_date"
    with pytest.raises(InputError) as nan:
        nsph.certification([{"kind": "lived_experience", "date": "2026-01-10", "hours": float("nan")}], "2026-11-24")
    assert nan.value.path == "evidence[0][2]"
    with pytest.raises(InputError) as weird:
        nsph.certification([object()], "2026-11-24")
    assert weird.value.kind == "wrong_type"
    with pytest.raises(InputError) as wrong:
        nsph.decide(1.5)  # type: ignore[arg-type]
    assert wrong.value.kind == "wrong_type"


def test_an_audit_of_a_bad_record_names_the_path() -> None:
    record = {"schema_version": 3, "unit_id": "u", "model": "rkc", "as_of": "2026-11-24",
              "supporters": [{"id": MARKER, "employment": {"form": "volunteer"}},
                             {"id": MARKER, "employment": {"form": "volunteer"}}]}
    with pytest.raises(InputError) as caught:
        ps.audit(record)
    assert caught.value.path == "supporters[1].id" and caught.value.kind == "duplicate_id"
    no_marker(caught.value)
    record["policy"] = {"schema_version": 3, "id": "u", "extends": "rkc", "boundaries": [
        {"id": "u.r", "action": "patient.treatment_advice", "verdict": "allowed",
         "citation": {"source": "s", "line": 1, "quote": "q"}, "message": {"sv": "m", "en": "m"}}]}
    with pytest.raises(PolicyError) as loosens:
        ps.audit(record)
    assert loosens.value.kind == "loosens"
    assert loosens.value.path == "policy.boundaries[0].verdict"


def test_text_that_is_not_unicode_is_an_input_error_without_the_text(rkc: Engine) -> None:
    lone = "Tolvan \udc80 19121212"
    for call in (
        lambda: rkc.decide(lone),
        lambda: rkc.decide_log([lone]),
        lambda: Engine.builtin(lone),
        lambda: rkc.decide("journal.write_note").explain(lone),
        lambda: ps.schema(lone),
    ):
        with pytest.raises(InputError) as caught:
            call()
        assert caught.value.kind == "not_utf8"
        no_marker(caught.value)
    with pytest.raises(PolicyError) as policy:
        Engine.from_policy({"schema_version": 3, "id": lone, "extends": "rkc"})
    no_marker(policy.value)
    with pytest.raises(PolicyError) as text:
        Engine.from_policy('{"schema_version": 3, "id": "' + lone + '", "extends": "rkc"}')
    assert text.value.kind == "not_utf8"
    no_marker(text.value)


def test_a_file_that_cannot_be_read_names_neither_its_path_nor_its_bytes(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "Tolvan-19121212.json"
    with pytest.raises(PolicyError) as caught:
        Engine.from_policy(missing)
    assert caught.value.kind == "io"
    no_marker(caught.value)
    latin1 = tmp_path / "Tolvan.json"
    latin1.write_bytes('{"id": "Tolvan 19121212 \xe5"}'.encode("latin-1"))
    with pytest.raises(PolicyError) as bad:
        Engine.from_policy(latin1)
    assert bad.value.kind == "not_utf8"
    no_marker(bad.value)
    with pytest.raises(InputError) as record:
        ps.audit(latin1)
    assert record.value.kind == "not_utf8"
    no_marker(record.value)


def test_a_bool_or_a_key_that_is_not_a_str_is_refused(rkc: Engine) -> None:
    with pytest.raises(InputError) as caught:
        rkc.decide(True)
    assert caught.value.kind == "wrong_type"
    with pytest.raises(InputError) as key:
        rkc.readiness({1: True}, started=False)  # type: ignore[dict-item]
    assert key.value.path == "facts[0]" and key.value.kind == "wrong_type"

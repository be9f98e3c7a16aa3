"""Properties of the engine seen from Python, as the Rust property tests
state them (tests/properties.rs)."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from peer_support import Engine, Outcome, PromiseOutcome, Rung

ENGINES = {m: Engine.builtin(m) for m in ("nsph", "rkc", "skane_mentor", "base")}
ACTIONS = ENGINES["rkc"].actions()
RUNGS = list(Rung)


@given(st.sampled_from(sorted(ENGINES)), st.sampled_from(ACTIONS))
def test_an_action_is_decided_the_same_by_id_and_by_code(model: str, action: dict[str, object]) -> None:
    """An action's decision by id equals its decision by code."""
    engine = ENGINES[model]
    by_id, by_code = engine.decide(str(action["id"])), engine.decide(int(str(action["code"])))
    assert (by_id.outcome, by_id.rule_ids) == (by_code.outcome, by_code.rule_ids)


IDS = {str(a["id"]) for a in ACTIONS}


@given(st.sampled_from(sorted(ENGINES)), st.text(max_size=40).filter(lambda t: t not in IDS))
def test_an_id_outside_the_catalogue_is_not_in_the_catalogue(model: str, text: str) -> None:
    """Any text that is not a catalogue id (nor a retired one) is decided
    not in the catalogue: not allowed, with no action and no rule."""
    d = ENGINES[model].decide(text)
    if d.outcome is not Outcome.RETIRED:
        assert d.outcome is Outcome.NOT_IN_CATALOGUE
        assert d.action is None and d.rule_ids == [] and not d.allowed


@given(st.sampled_from(RUNGS), st.one_of(st.none(), st.sampled_from(RUNGS)))
def test_a_promise_is_kept_exactly_when_the_rungs_are_equal(delivered: Rung, promised: Rung | None) -> None:
    """A promise is kept when the delivered rung is the promised one, exceeded
    when higher, not kept when lower, and unstated without a promise."""
    outcome = ENGINES["rkc"].check_promise(delivered, promised).outcome
    if promised is None:
        assert outcome is PromiseOutcome.UNSTATED
    else:
        order = RUNGS.index(delivered) - RUNGS.index(promised)
        expected = {0: PromiseOutcome.KEPT}.get(order, PromiseOutcome.EXCEEDED if order > 0 else PromiseOutcome.NOT_KEPT)
        assert outcome is expected


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=300), max_size=12),
    st.integers(min_value=0, max_value=300),
)
def test_an_extra_session_never_lowers_compliance(days: list[int], extra: int) -> None:
    """Adding a session to a log can only raise (or keep) a kind's compliance."""
    start, as_of = datetime.date(2026, 1, 1), datetime.date(2026, 11, 1)
    engine = ENGINES["nsph"]

    def compliance(offsets: list[int]) -> float:
        sessions = [
            {"date": start + datetime.timedelta(days=d), "kind": "experience_based"} for d in offsets
        ]
        (kind,) = engine.supervision(start, sessions, as_of).kinds
        assert kind.compliance is not None
        return kind.compliance

    assert compliance(days + [extra]) >= compliance(days) - 1e-12

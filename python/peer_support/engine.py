"""The engine: a prepared policy that answers every rule family's questions."""

from __future__ import annotations

import array
import datetime
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, overload

from . import _native
from ._convert import document_text, jsonable
from .results import (
    AuditReport,
    CertificationReport,
    Classification,
    PolicyReport,
    PromiseCheck,
    ReadinessReport,
    SupervisionReport,
)
from .batch import Columns, _pandas, column, is_frame
from .errors import InputError
from .types import Rung


#: The version of the request shapes the engine reads.
REQUEST_VERSION: int = _native.REQUEST_VERSION


class Engine:
    """A prepared policy. Build it once; it is immutable and may be shared
    between threads."""

    __slots__ = ("_native",)

    def __init__(self, native: _native.Engine) -> None:
        self._native = native

    @classmethod
    def builtin(cls, model: str) -> Engine:
        """The engine of a built-in model: ``"nsph"``, ``"rkc"``,
        ``"skane_mentor"`` or ``"base"``."""
        return cls(_native.Engine.builtin(model))

    @classmethod
    def from_policy(cls, policy: str | os.PathLike[str] | Mapping[str, Any]) -> Engine:
        """The engine of a unit policy: a path (``os.PathLike``) is a file,
        a ``str`` is the JSON text, a ``dict`` is the document."""
        return cls(_native.Engine.from_policy_json(document_text(policy, "policy")))

    @property
    def policy_id(self) -> str:
        """The policy's id (the model's for a built-in model)."""
        return self._native.policy_id

    @property
    def model(self) -> str:
        """The model the policy extends."""
        return self._native.model

    @property
    def policy_hash(self) -> str:
        """The policy's content hash, for a log of what decided."""
        return self._native.policy_hash

    def actions(self) -> list[dict[str, Any]]:
        """The catalogue: id, code, group, label and where the line lies."""
        return self._native.actions()

    def decide(self, action: str | int) -> _native.Decision:
        """The decision for an action id or code."""
        return self._native.decide(action)

    def decide_log(self, log: Any) -> Any:
        """A whole activity log decided: ``log`` is a sequence of action ids
        or codes, or a table with an ``action`` column (a list of dicts, a
        dict of lists or a DataFrame). The answer has one row per action:
        ``action`` (the id, None outside the catalogue), ``outcome`` (the
        outcome's name), ``allowed`` and ``rule_ids`` (joined by ``;``): a
        DataFrame with the log's index when given one, else Columns."""
        if is_frame(log):
            if "action" not in log.columns:
                raise InputError("action: no such column", "action", "missing_column")
            actions, name = log["action"].tolist(), "action"
        elif isinstance(log, Mapping):
            actions, name = list(column(log, "action", optional=True)), "action"
        elif isinstance(log, Sequence) and log and isinstance(log[0], Mapping):
            actions, name = column(log, "action", optional=True), "action"
        else:
            actions, name = list(log), "actions"
        # The native side refuses an absent action (None, NaN) with its path.
        outcome_bytes, slot_bytes = self._native.decide_columns(actions, name)
        names = _native.OUTCOMES
        rule_ids = self._native.slot_rule_ids()
        slot_actions = self._native.slot_actions()
        allowed = tuple(n in ("allowed", "allowed_with_conditions") for n in names)
        if is_frame(log):
            import numpy as np

            pd = _pandas()
            codes = np.frombuffer(outcome_bytes, dtype=np.uint8)
            slots = np.frombuffer(slot_bytes, dtype="<u4").astype(np.int64)
            outside = len(slot_actions) - 1
            rules, rule_codes = np.unique(np.asarray(rule_ids, dtype=object), return_inverse=True)
            return pd.DataFrame(
                {
                    "action": pd.Categorical.from_codes(
                        np.where(slots == outside, -1, slots), categories=slot_actions[:-1]
                    ),
                    "outcome": pd.Categorical.from_codes(codes, categories=names),
                    "allowed": np.asarray(allowed)[codes],
                    "rule_ids": pd.Categorical.from_codes(rule_codes[slots], categories=rules),
                },
                index=log.index,
            )
        slots_array = array.array("I", slot_bytes)
        if sys.byteorder == "big":  # pragma: no cover - the slots are little-endian
            slots_array.byteswap()
        return Columns(
            {
                "action": list(map(slot_actions.__getitem__, slots_array)),
                "outcome": list(map(names.__getitem__, outcome_bytes)),
                "allowed": list(map(allowed.__getitem__, outcome_bytes)),
                "rule_ids": list(map(rule_ids.__getitem__, slots_array)),
            }
        )

    def promise_table(self, log: Any) -> Any:
        """Promised against delivered participation, row by row: a table with
        ``delivered`` and, optionally, ``promised`` (absent: no promise
        stated). The answer's column ``outcome`` is ``kept``, ``exceeded``,
        ``not_kept`` or ``unstated``: a DataFrame with the log's index when
        given one, else Columns."""
        delivered = column(log, "delivered")
        promised = column(log, "promised", optional=True)
        checked: dict[tuple[str | None, str], str] = {}
        outcomes = []
        for i, (p, d) in enumerate(zip(promised, delivered)):
            key = (None if p is None else _rung(p), _rung(d))
            if key not in checked:
                try:
                    checked[key] = self.check_promise(key[1], key[0]).outcome.value
                except InputError as e:
                    field = e.path or "delivered"
                    raise InputError(f"{field}[{i}]: not a rung of the ladder", f"{field}[{i}]", e.kind) from None
            outcomes.append(checked[key])
        if is_frame(log):
            pd = _pandas()
            categories = ["kept", "exceeded", "not_kept", "unstated"]
            return pd.DataFrame({"outcome": pd.Categorical(outcomes, categories=categories)}, index=log.index)
        return Columns({"outcome": outcomes})

    def supervision_table(
        self,
        supporters: Any,
        sessions: Any,
        as_of: datetime.date | str,
        lang: Literal["sv", "en"] = "en",
    ) -> Any:
        """Supervision per peer supporter and required kind: ``supporters``
        has ``supporter`` and ``start``, ``sessions`` has ``supporter``,
        ``date`` and ``kind``. One row per supporter and kind: ``supporter``,
        ``kind``, ``next_due``, ``days_overdue``, ``overdue``,
        ``longest_gap_days``, ``window_days``, ``overdue_days``,
        ``compliance``; a DataFrame when ``supporters`` is one, else
        Columns."""
        ids = column(supporters, "supporter")
        starts = column(supporters, "start")
        by_supporter: dict[Any, list[dict[str, Any]]] = {s: [] for s in ids}
        for i, (s, date, kind) in enumerate(
            zip(column(sessions, "supporter"), column(sessions, "date"), column(sessions, "kind"))
        ):
            if s not in by_supporter:
                raise InputError(
                    f"sessions.supporter[{i}]: no peer supporter of that id in supporters",
                    f"sessions.supporter[{i}]",
                    "unknown_supporter",
                )
            by_supporter[s].append({"date": jsonable(date, f"sessions.date[{i}]"), "kind": kind})
        names = ["supporter", "kind", "next_due", "days_overdue", "overdue", "longest_gap_days",
                 "window_days", "overdue_days", "compliance"]
        out: dict[str, list[Any]] = {n: [] for n in names}
        for i, (s, start) in enumerate(zip(ids, starts)):
            first_day = jsonable(start, f"start[{i}]")
            try:
                report = self.supervision(first_day, by_supporter[s], as_of, lang=lang)
            except InputError as e:
                raise InputError(f"supporters[{i}]: {e}", f"supporters[{i}].{e.path}", e.kind) from None
            for k in report.kinds:
                for name, value in zip(names, (s, k.kind, k.next_due, k.days_overdue, k.overdue,
                                               k.longest_gap_days, k.window_days, k.overdue_days,
                                               k.compliance)):
                    out[name].append(value)
        columns = Columns(out)
        return columns.to_frame() if is_frame(supporters) else columns

    def certification(
        self,
        evidence: Sequence[Any],
        as_of: datetime.date | str,
        lang: Literal["sv", "en"] = "en",
    ) -> CertificationReport:
        """Where a person stands, from their dated evidence (dicts or
        dataclasses with ``kind``, ``date`` and, as the kind needs,
        ``reported``, ``hours``, ``category``, ``topics``)."""
        request = {
            "schema_version": REQUEST_VERSION,
            "lang": lang,
            "as_of": jsonable(as_of, "as_of"),
            "evidence": jsonable(list(evidence), "evidence"),
        }
        return CertificationReport(self._native.certification(request))

    def supervision(
        self,
        start: datetime.date | str,
        sessions: Sequence[Any],
        as_of: datetime.date | str,
        evidence: Sequence[Any] = (),
        lang: Literal["sv", "en"] = "en",
    ) -> SupervisionReport:
        """How a supervision log (sessions with ``date`` and ``kind``) keeps
        each required kind's cadence since ``start``."""
        request = {
            "schema_version": REQUEST_VERSION,
            "lang": lang,
            "as_of": jsonable(as_of, "as_of"),
            "start": jsonable(start, "start"),
            "sessions": jsonable(list(sessions), "sessions"),
            "evidence": jsonable(list(evidence), "evidence"),
        }
        return SupervisionReport(self._native.supervision(request))

    def readiness(
        self,
        facts: Mapping[str, bool | int],
        started: bool,
        lang: Literal["sv", "en"] = "en",
    ) -> ReadinessReport:
        """What is in place, from the unit's facts by item id."""
        request = {
            "schema_version": REQUEST_VERSION,
            "lang": lang,
            "facts": jsonable(facts, "facts"),
            "started": started,
        }
        return ReadinessReport(self._native.readiness(request))

    def classify_participation(self, text: str) -> Classification:
        """Which rungs of the participation ladder ``text`` names."""
        request = {"schema_version": REQUEST_VERSION, "text": text}
        return Classification(self._native.classify_participation(request))

    def check_promise(
        self,
        delivered: Rung | str,
        promised: Rung | str | None = None,
        lang: Literal["sv", "en"] = "en",
    ) -> PromiseCheck:
        """Whether the promised rung of participation was kept."""
        request = {
            "schema_version": REQUEST_VERSION,
            "lang": lang,
            "delivered": _rung(delivered),
            "promised": None if promised is None else _rung(promised),
        }
        return PromiseCheck(self._native.check_promise(request))

    @overload
    def policy_report(self, lang: Literal["sv", "en"] = ..., format: Literal["json"] = ...) -> PolicyReport: ...
    @overload
    def policy_report(self, lang: Literal["sv", "en"], format: Literal["text"]) -> str: ...

    def policy_report(self, lang: Literal["sv", "en"] = "en", format: Literal["text", "json"] = "json") -> PolicyReport | str:
        """Every task's outcome under the model beside the unit's, with what
        the unit changed: a report object, or text."""
        report = self._native.policy_report(lang, format)
        return report if isinstance(report, str) else PolicyReport(report)

    def __repr__(self) -> str:
        return f"Engine(policy={self.policy_id!r}, model={self.model!r})"


def _rung(value: Rung | str) -> str:
    return value.value if isinstance(value, Rung) else value


@overload
def audit(
    record: str | os.PathLike[str] | Mapping[str, Any],
    lang: Literal["sv", "en"] = ...,
    format: Literal["json"] = ...,
) -> AuditReport: ...
@overload
def audit(
    record: str | os.PathLike[str] | Mapping[str, Any], lang: Literal["sv", "en"], format: Literal["text"]
) -> str: ...


def audit(
    record: str | os.PathLike[str] | Mapping[str, Any],
    lang: Literal["sv", "en"] = "en",
    format: Literal["text", "json"] = "json",
) -> AuditReport | str:
    """The audit of a unit record (a path, JSON text or the document): a
    report object, or text."""
    report = _native.audit(document_text(record, "record"), lang, format)
    return report if isinstance(report, str) else AuditReport(report)


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of a document the library reads or writes (one of
    ``SCHEMA_NAMES``)."""
    import json

    result: dict[str, Any] = json.loads(_native.schema(name))
    return result


#: The names ``schema`` knows.
SCHEMA_NAMES: list[str] = list(_native.SCHEMA_NAMES)

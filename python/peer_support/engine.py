"""The engine: a prepared policy that answers every rule family's questions."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

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
from .batch import Columns, _pandas, columns, is_frame
from .errors import InputError, PolicyError
from .types import PromiseOutcome, Rung

if TYPE_CHECKING:  # pragma: no cover
    import pandas


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
        return cls(_native.Engine.from_policy_json(document_text(policy, "policy", PolicyError)))

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

    @overload
    def decide_log(self, log: pandas.DataFrame) -> pandas.DataFrame: ...
    @overload
    def decide_log(self, log: Sequence[Any] | Mapping[str, Sequence[Any]]) -> Columns: ...

    def decide_log(self, log: Any) -> Any:
        """A whole activity log decided: ``log`` is a sequence of action ids
        or codes, or a table with an ``action`` column (a list of dicts, a
        dict of lists or a DataFrame). The answer has one row per action:
        ``action`` (the id, absent outside the catalogue), ``outcome`` (the
        outcome's name), ``allowed`` (as the engine says) and ``rule_ids``
        (joined by ``;``): a DataFrame with the log's index when given one,
        else Columns. An absent action is an InputError naming its row."""
        if is_frame(log):
            if "action" not in log.columns:
                raise InputError("action: no such column", "action", "missing_column")
            actions, name = log["action"].tolist(), "action"
        elif isinstance(log, Mapping) or (
            isinstance(log, Sequence) and log and isinstance(log[0], Mapping)
        ):
            actions, name = columns(log, ["action"], check_absent=False)["action"], "action"
        else:
            actions, name = list(log), "actions"
        # The engine refuses an absent or mistyped action, naming name[i].
        if not is_frame(log):
            action, outcome, allowed, rule_ids = self._native.decide_lists(actions, name)
            return Columns({"action": action, "outcome": outcome, "allowed": allowed, "rule_ids": rule_ids})
        import numpy as np

        outcome_bytes, slot_bytes = self._native.decide_columns(actions, name)
        names = _native.OUTCOMES
        rule_names = self._native.slot_rule_ids()
        slot_actions = self._native.slot_actions()
        pd = _pandas()
        codes = np.frombuffer(outcome_bytes, dtype=np.uint8)
        slots = np.frombuffer(slot_bytes, dtype="<u4").astype(np.int64)
        outside = len(slot_actions) - 1
        rules, rule_codes = np.unique(np.asarray(rule_names, dtype=object), return_inverse=True)
        allowed_by_code = np.asarray([n in _native.ALLOWED_OUTCOMES for n in names])
        return pd.DataFrame(
            {
                "action": pd.Categorical.from_codes(
                    np.where(slots == outside, -1, slots), categories=slot_actions[:-1]
                ),
                "outcome": pd.Categorical.from_codes(codes, categories=names),
                "allowed": allowed_by_code[codes],
                "rule_ids": pd.Categorical.from_codes(rule_codes[slots], categories=rules),
            },
            index=log.index,
        )

    @overload
    def promise_table(self, log: pandas.DataFrame) -> pandas.DataFrame: ...
    @overload
    def promise_table(self, log: Sequence[Any] | Mapping[str, Sequence[Any]]) -> Columns: ...

    def promise_table(self, log: Any) -> Any:
        """Promised against delivered participation, row by row: a table with
        ``delivered`` and, optionally, ``promised`` (absent: no promise
        stated). The answer's column ``outcome`` is the engine's
        (``kept``, ``exceeded``, ``not_kept``, ``unstated``), asked once per
        distinct pair: a DataFrame with the log's index when given one, else
        Columns."""
        table = columns(log, ["delivered"], optional=["promised"])
        checked: dict[tuple[Any, Any], str] = {}
        outcomes = []
        for i, (p, d) in enumerate(zip(table["promised"], table["delivered"])):
            key = (None if p is None else _rung(p), _rung(d))
            if key not in checked:
                refused: InputError | None = None
                try:
                    checked[key] = self.check_promise(key[1], key[0]).outcome.value
                except InputError as e:
                    refused = e
                if refused is not None:
                    field = refused.path or "delivered"
                    raise InputError(
                        f"{field}[{i}]: not accepted ({refused.kind})", f"{field}[{i}]", refused.kind
                    )
            outcomes.append(checked[key])
        if is_frame(log):
            pd = _pandas()
            categories = [o.value for o in PromiseOutcome]
            return pd.DataFrame(
                {"outcome": pd.Categorical(outcomes, categories=categories)}, index=log.index
            )
        return Columns({"outcome": outcomes})

    @overload
    def supervision_table(
        self, supporters: pandas.DataFrame, sessions: Any, as_of: datetime.date | str
    ) -> pandas.DataFrame: ...
    @overload
    def supervision_table(
        self,
        supporters: Sequence[Any] | Mapping[str, Sequence[Any]],
        sessions: Any,
        as_of: datetime.date | str,
    ) -> Columns: ...

    def supervision_table(self, supporters: Any, sessions: Any, as_of: datetime.date | str) -> Any:
        """Supervision per peer supporter and required kind: ``supporters``
        has ``supporter`` and ``start``, ``sessions`` has ``supporter``,
        ``date`` and ``kind``. One row per supporter and kind: ``supporter``,
        ``kind``, ``next_due``, ``days_overdue``, ``longest_gap_days``,
        ``window_days``, ``overdue_days``, ``compliance``; a DataFrame when
        ``supporters`` is one, else Columns. An error names the row of the
        table it comes from (``sessions[7].date``)."""
        people = columns(supporters, ["supporter", "start"])
        log = columns(sessions, ["supporter", "date", "kind"])
        rows: dict[Any, list[int]] = {}
        for i, s in enumerate(people["supporter"]):
            if s in rows:
                raise InputError(
                    f"supporter[{i}]: this id is given to an earlier supporter too",
                    f"supporter[{i}]",
                    "duplicate_id",
                )
            rows[s] = []
        for j, s in enumerate(log["supporter"]):
            if s not in rows:
                raise InputError(
                    f"sessions.supporter[{j}]: no peer supporter of that id in supporters",
                    f"sessions.supporter[{j}]",
                    "unknown_supporter",
                )
            rows[s].append(j)
        names = ["supporter", "kind", "next_due", "days_overdue", "longest_gap_days",
                 "window_days", "overdue_days", "compliance"]
        out: dict[str, list[Any]] = {n: [] for n in names}
        for i, (s, start) in enumerate(zip(people["supporter"], people["start"])):
            own = rows[s]
            sessions_of = [{"date": log["date"][j], "kind": log["kind"][j]} for j in own]
            refused: InputError | None = None
            try:
                report = self.supervision(start, sessions_of, as_of)
            except InputError as e:
                refused = e
            if refused is not None:
                raise _in_table(refused, i, own)
            for k in report.kinds:
                values = (s, k.kind, k.next_due, k.days_overdue, k.longest_gap_days,
                          k.window_days, k.overdue_days, k.compliance)
                for name, value in zip(names, values):
                    out[name].append(value)
        table = Columns(out)
        return table.to_frame() if is_frame(supporters) else table

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
    @overload
    def policy_report(self, *, format: Literal["text"]) -> str: ...

    def policy_report(self, lang: Literal["sv", "en"] = "en", format: Literal["text", "json"] = "json") -> PolicyReport | str:
        """Every task's outcome under the model beside the unit's, with what
        the unit changed: a report object, or text."""
        report = self._native.policy_report(lang, format)
        return report if isinstance(report, str) else PolicyReport(report)

    def __repr__(self) -> str:
        return f"Engine(policy={self.policy_id!r}, model={self.model!r})"


def _rung(value: Rung | str) -> str:
    return value.value if isinstance(value, Rung) else value


def _in_table(e: InputError, supporter: int, sessions: list[int]) -> InputError:
    """An error about one supporter's request, named by the rows of the
    tables it came from: ``sessions[j]`` by the sessions table's row,
    ``start`` by the supporters table's."""
    path = e.path or ""
    if path.startswith("sessions["):
        j, rest = path[len("sessions["):].split("]", 1)
        path = f"sessions[{sessions[int(j)]}]{rest}"
    elif path.startswith("start"):
        path = f"start[{supporter}]"
    elif path != "as_of":
        path = f"supporters[{supporter}]"
    return InputError(f"{path}: not accepted ({e.kind})", path, e.kind)


@overload
def audit(
    record: str | os.PathLike[str] | Mapping[str, Any],
    lang: Literal["sv", "en"] = ...,
    format: Literal["json"] = ...,
) -> AuditReport: ...
@overload
def audit(
    record: str | os.PathLike[str] | Mapping[str, Any],
    lang: Literal["sv", "en"],
    format: Literal["text", "html"],
) -> str: ...
@overload
def audit(
    record: str | os.PathLike[str] | Mapping[str, Any], *, format: Literal["text", "html"]
) -> str: ...


def audit(
    record: str | os.PathLike[str] | Mapping[str, Any],
    lang: Literal["sv", "en"] = "en",
    format: Literal["text", "json", "html"] = "json",
) -> AuditReport | str:
    """The audit of a unit record (a path, JSON text or the document): a
    report object (``json``), text, or one self-contained, printable HTML
    page (``html``)."""
    text = document_text(record, "record")
    if format == "html":
        return _native.audit_html(text, lang)
    report = _native.audit(text, lang, format)
    return report if isinstance(report, str) else AuditReport(report, text, lang)


def audit_csv(
    record: str | os.PathLike[str] | Mapping[str, Any], lang: Literal["sv", "en"] = "en"
) -> dict[str, str]:
    """The audit of a unit record as CSV text, one table per rule family, by
    name: ``boundaries``, ``certification``, ``supervision``,
    ``participation``, ``readiness``."""
    return dict(_native.audit_csv(document_text(record, "record"), lang))


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of a document the library reads or writes (one of
    ``SCHEMA_NAMES``)."""
    import json

    result: dict[str, Any] = json.loads(_native.schema(name))
    return result


#: The names ``schema`` knows.
SCHEMA_NAMES: list[str] = list(_native.SCHEMA_NAMES)

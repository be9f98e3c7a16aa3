"""The engine: a prepared policy that answers every rule family's questions."""

from __future__ import annotations

import datetime
import os
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

    def decide_many(self, actions: Iterable[str | int]) -> tuple[list[Any], list[str]]:
        """The outcomes and the deciding rule ids (joined by ``;``) of many
        actions, decided without holding the GIL."""
        return self._native.decide_many(list(actions))

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

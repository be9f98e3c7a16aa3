"""The engine's answers as typed objects. Each keeps the response the engine
wrote (``to_dict()``, the versioned JSON shape of ``core/schemas/response.json``)
and names what decided it (``library_version``, ``policy``)."""

from __future__ import annotations

import copy
import dataclasses
import datetime
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from .types import Category, PromiseOutcome, Rung, Standing

if TYPE_CHECKING:  # pragma: no cover
    import pandas


class PolicyStamp(NamedTuple):
    """The policy an answer was decided under."""

    id: str
    model: str
    content_hash: str


def _date(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


class Response:
    """An answer of the engine."""

    __slots__ = ("_data",)
    _field: ClassVar[str] = ""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    @property
    def library_version(self) -> str:
        """The version of the library that answered."""
        return str(self._data["library_version"])

    @property
    def policy(self) -> PolicyStamp:
        """The policy the answer was decided under."""
        p = self._data["policy"]
        return PolicyStamp(p["id"], p["model"], p["content_hash"])

    @property
    def answer(self) -> Any:
        """The answer's JSON, as the response holds it."""
        return self._data[self._field]

    def to_dict(self) -> dict[str, Any]:
        """The whole response, as the engine wrote it (a copy)."""
        return copy.deepcopy(self._data)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(policy={self.policy.id!r})"


class CertificationReport(Response):
    """Where a person stands under a policy."""

    _field = "certification"

    @property
    def standing(self) -> Standing:
        return Standing(self.answer["standing"])

    @property
    def status(self) -> str:
        """The status's id, in the model's words (``nsph.status.certified``)."""
        return str(self.answer["status"]["id"])

    @property
    def label(self) -> str:
        """The status in the model's words, in the request's language."""
        return str(self.answer["status"]["label"])

    @property
    def category(self) -> Category:
        return Category(self.answer["status"]["category"])

    @property
    def met_on(self) -> datetime.date | None:
        """When every required item was met, if it was."""
        return _date(self.answer.get("met_on"))

    @property
    def missing(self) -> list[str]:
        """The ids of the required items not met."""
        return [u["rule_id"] for u in self.answer["missing"]]

    @property
    def unmet_recommendations(self) -> list[str]:
        """The ids of the recommended items not met."""
        return [u["rule_id"] for u in self.answer["unmet_recommendations"]]


@dataclasses.dataclass(frozen=True)
class KindStatus:
    """How one required kind of supervision keeps its cadence."""

    kind: str
    label: str
    rule_id: str
    last_session: datetime.date | None
    next_due: datetime.date
    days_overdue: int
    longest_gap_days: int
    interval: dict[str, int]
    window_days: int
    overdue_days: int
    compliance: float | None
    cadence_source: str


class SupervisionReport(Response):
    """How a supervision log keeps each required kind's cadence."""

    _field = "supervision"

    @property
    def kinds(self) -> list[KindStatus]:
        return [
            KindStatus(
                kind=k["kind"],
                label=k["label"],
                rule_id=k["rule_id"],
                last_session=_date(k.get("last_session")),
                next_due=datetime.date.fromisoformat(k["next_due"]),
                days_overdue=k["days_overdue"],
                longest_gap_days=k["longest_gap_days"],
                interval=dict(k["interval"]),
                window_days=k["window_days"],
                overdue_days=k["overdue_days"],
                compliance=k.get("compliance"),
                cadence_source=k["cadence_source"],
            )
            for k in self.answer
        ]


@dataclasses.dataclass(frozen=True)
class ComponentScore:
    """A readiness component's fidelity score (the project's own scale)."""

    component: str
    label: str
    score: float | None
    in_place: int
    due: int


class ReadinessReport(Response):
    """What is in place before and after a peer supporter starts."""

    _field = "readiness"

    @property
    def ready(self) -> bool:
        return bool(self.answer["ready"])

    @property
    def started(self) -> bool:
        return bool(self.answer["started"])

    @property
    def missing(self) -> list[str]:
        """The ids of the due items not in place."""
        return [f["rule_id"] for f in self.answer["missing"]]

    @property
    def suggestions(self) -> list[str]:
        """The ids of the suggestions and examples not reported in place."""
        return [f["rule_id"] for f in self.answer["suggestions"]]

    @property
    def not_yet_due(self) -> list[str]:
        return list(self.answer["not_yet_due"])

    @property
    def components(self) -> dict[str, ComponentScore]:
        return {
            c["component"]: ComponentScore(
                c["component"], c["label"], c["score"], c["in_place"], c["due"]
            )
            for c in self.answer["components"]
        }


class Classification(Response):
    """Which rungs of the participation ladder a text names."""

    _field = "classification"

    @property
    def rungs(self) -> list[Rung]:
        return [Rung(r) for r in self.answer["rungs"]]

    @property
    def methods(self) -> list[str]:
        """The methods named, as the table (or the unit) writes them in Swedish."""
        return [m["method"] for m in self.answer["matches"]]

    @property
    def ambiguous(self) -> bool:
        return bool(self.answer["ambiguous"])

    @property
    def mandate_note(self) -> dict[str, str] | None:
        """What the source says of a method whose rung depends on its mandate,
        in Swedish and English (``{"sv": ..., "en": ...}``)."""
        note = self.answer.get("mandate_note")
        return None if note is None else dict(note)


class PromiseCheck(Response):
    """A promise of participation against what was delivered."""

    _field = "promise"

    @property
    def promised(self) -> Rung | None:
        p = self.answer.get("promised")
        return None if p is None else Rung(p)

    @property
    def delivered(self) -> Rung:
        return Rung(self.answer["delivered"])

    @property
    def outcome(self) -> PromiseOutcome:
        return PromiseOutcome(self.answer["outcome"])

    @property
    def text(self) -> str:
        """The check in one sentence, in the request's language."""
        return str(self.answer["text"])


class PolicyReport(Response):
    """Every task's outcome under the model beside the unit's."""

    _field = "policy_report"


class AuditReport(Response):
    """The audit of a unit: every rule family over its records."""

    __slots__ = ("_record", "_lang")
    _field = "audit"

    def __init__(self, data: dict[str, Any], record: str | None = None, lang: str = "en") -> None:
        super().__init__(data)
        self._record = record
        self._lang = lang

    def to_frames(self) -> dict[str, pandas.DataFrame]:
        """One pandas DataFrame per rule family (``boundaries``,
        ``certification``, ``supervision``, ``participation``,
        ``readiness``), with the stable column names of the library's CSV
        tables (``core/src/render.rs``)."""
        import io

        from . import _native
        from .batch import _pandas

        if self._record is None:
            raise ValueError("to_frames needs the report of peer_support.audit, which keeps its record")
        pd = _pandas()
        return {
            name: pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
            for name, csv in _native.audit_csv(self._record, self._lang)
        }


__all__ = [
    "AuditReport",
    "CertificationReport",
    "Classification",
    "ComponentScore",
    "KindStatus",
    "PolicyReport",
    "PolicyStamp",
    "PromiseCheck",
    "ReadinessReport",
    "Response",
    "SupervisionReport",
]

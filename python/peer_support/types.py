"""The enums of the engine's answers. Their values are the JSON names."""

from __future__ import annotations

import enum

from . import _native

#: The outcomes that allow the action, as the engine says.
_ALLOWED = frozenset(_native.ALLOWED_OUTCOMES)


class Outcome(enum.Enum):
    """The outcome of a boundary decision. Only ``ALLOWED`` and
    ``ALLOWED_WITH_CONDITIONS`` allow."""

    ALLOWED = "allowed"
    ALLOWED_WITH_CONDITIONS = "allowed_with_conditions"
    SHOULD_NOT = "should_not"
    FORBIDDEN = "forbidden"
    NOT_ADDRESSED = "not_addressed"
    NOT_IN_CATALOGUE = "not_in_catalogue"
    RETIRED = "retired"

    @property
    def allowed(self) -> bool:
        """Whether this outcome allows the action (as the engine says)."""
        return self.value in _ALLOWED


class Rung(enum.Enum):
    """A rung of the participation ladder, lowest first."""

    INFORMATION = "information"
    CONSULTATION = "consultation"
    DIALOGUE = "dialogue"
    COLLABORATION = "collaboration"
    CO_DETERMINATION = "co_determination"


class Standing(enum.Enum):
    """Where a person stands under a model, in the library's terms."""

    NOT_ELIGIBLE = "not_eligible"
    NOT_STARTED = "not_started"
    IN_TRAINING = "in_training"
    MET = "met"
    LAPSED = "lapsed"


class Category(enum.Enum):
    """A standing's category, the same in every model."""

    QUALIFIED = "qualified"
    IN_PROGRESS = "in_progress"
    NOT_QUALIFIED = "not_qualified"
    LAPSED = "lapsed"


class PromiseOutcome(enum.Enum):
    """A promise of participation against what was delivered."""

    KEPT = "kept"
    EXCEEDED = "exceeded"
    NOT_KEPT = "not_kept"
    UNSTATED = "unstated"


__all__ = ["Category", "Outcome", "PromiseOutcome", "Rung", "Standing"]

"""The package's exceptions.

Every error the engine reports is a :class:`PeerSupportError`: a
:class:`PolicyError` when a policy does not load, an :class:`InputError` when a
request, a unit record or an argument is not acceptable. Both are also
:class:`ValueError`. Each names the JSON path of the offending element of the
documented schema (``evidence[0].date``) and a stable ``kind``; no message
repeats a value of the input.
"""

from __future__ import annotations


class PeerSupportError(Exception):
    """An error of the peer-support engine."""

    path: str | None
    """The JSON path of the offending element (``evidence[0].date``), if any."""
    kind: str
    """A stable snake_case name of the problem (``after_as_of``, ``shape``, ...)."""

    def __init__(self, message: str, path: str | None = None, kind: str = "other") -> None:
        super().__init__(message)
        self.path = path
        self.kind = kind


class PolicyError(PeerSupportError, ValueError):
    """A unit policy (or a unit record's own policy) does not load."""


class InputError(PeerSupportError, ValueError):
    """A request, a unit record or an argument is not acceptable."""


__all__ = ["InputError", "PeerSupportError", "PolicyError"]

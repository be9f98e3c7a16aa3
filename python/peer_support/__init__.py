"""peer-support: the rules of professional peer support in Swedish
mental-health care (NSPH, the Red Cross treatment centres, Region Skåne's
mentors), as one engine that explains its answers.

>>> import peer_support
>>> engine = peer_support.Engine.builtin("rkc")
>>> engine.decide("patient.treatment_advice").outcome
<Outcome.FORBIDDEN: 'forbidden'>

The engine is the Rust library's (the same answers as through Rust and C);
this package translates Python values to its requests and its responses to
typed objects.
"""

from __future__ import annotations

from ._native import Decision, __version__
from .batch import Columns
from .engine import REQUEST_VERSION, SCHEMA_NAMES, Engine, audit, audit_csv, schema
from .errors import InputError, PeerSupportError, PolicyError
from .results import (
    AuditReport,
    CertificationReport,
    Classification,
    ComponentScore,
    KindStatus,
    PolicyReport,
    PolicyStamp,
    PromiseCheck,
    ReadinessReport,
    Response,
    SupervisionReport,
)
from .types import Category, Outcome, PromiseOutcome, Rung, Standing

__all__ = [
    "REQUEST_VERSION",
    "SCHEMA_NAMES",
    "AuditReport",
    "Category",
    "CertificationReport",
    "Classification",
    "Columns",
    "ComponentScore",
    "Decision",
    "Engine",
    "InputError",
    "KindStatus",
    "Outcome",
    "PeerSupportError",
    "PolicyError",
    "PolicyReport",
    "PolicyStamp",
    "PromiseCheck",
    "PromiseOutcome",
    "ReadinessReport",
    "Response",
    "Rung",
    "Standing",
    "SupervisionReport",
    "__version__",
    "audit",
    "audit_csv",
    "schema",
]

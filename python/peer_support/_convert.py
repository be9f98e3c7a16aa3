"""Python values to the JSON the engine reads: dates as ISO text, dataclasses
and mappings as objects, sequences as arrays. Nothing is guessed: a value of
another type, a date-time that is not midnight or a NaN is an InputError
naming its path, never its value."""

from __future__ import annotations

import dataclasses
import datetime
import math
import os
from collections.abc import Mapping, Sequence
from typing import Any

from .errors import InputError

JSON = Any


def jsonable(value: Any, path: str) -> JSON:
    """The JSON-able form of ``value`` (at ``path`` of the request, for errors)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(f"{path}: not a finite number", path, "not_a_number")
        return value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None or value.time() != datetime.time(0, 0):
            raise InputError(
                f"{path}: a date-time that is not a date (midnight, no time zone)",
                path,
                "not_a_date",
            )
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # A field left None is a field not given.
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return {k: jsonable(v, f"{path}.{k}") for k, v in fields.items() if v is not None}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v, f"{path}[{i}]") for i, (k, v) in enumerate(value.items())}
    if isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)):
        return [jsonable(v, f"{path}[{i}]") for i, v in enumerate(value)]
    item = getattr(value, "item", None)
    if callable(item):  # a NumPy scalar
        return jsonable(item(), path)
    raise InputError(
        f"{path}: a value of a type the engine does not read "
        "(a date, str, int, float, bool, None, dataclass, mapping or sequence)",
        path,
        "wrong_type",
    )


def document_text(source: Any, argument: str) -> str:
    """The JSON text of a document given as a path (``os.PathLike``), as JSON
    text (``str``) or as the document itself (a ``dict``)."""
    import json

    if isinstance(source, os.PathLike):
        with open(source, encoding="utf-8") as f:
            return f.read()
    if isinstance(source, str):
        return source
    if isinstance(source, Mapping):
        return json.dumps(jsonable(source, argument), ensure_ascii=False)
    raise InputError(
        f"{argument}: neither a path (os.PathLike), JSON text (str) nor a dict",
        argument,
        "wrong_type",
    )

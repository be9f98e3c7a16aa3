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

from .errors import InputError, PeerSupportError

JSON = Any


def jsonable(value: Any, path: str) -> JSON:
    """The JSON-able form of ``value`` (at ``path`` of the request, for errors).

    Python does not know the schema, so an error found here names positions
    (``evidence[0][2]`` for the third field of the first piece of evidence),
    never a key or a value; the engine names the fields of what it reads.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(f"{path}: not a finite number", path, "not_a_number")
        return value
    if type(value).__name__ == "NaTType":  # pandas' missing date-time
        return None
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
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        out = {}
        for i, (k, v) in enumerate(value.items()):
            if not isinstance(k, str):
                raise InputError(f"{path}[{i}]: a key that is not a str", f"{path}[{i}]", "wrong_type")
            out[k] = jsonable(v, f"{path}[{i}]")
        return out
    if isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)):
        return [jsonable(v, f"{path}[{i}]") for i, v in enumerate(value)]
    if type(value).__module__ == "numpy" and getattr(value, "ndim", None) == 0:
        return jsonable(value.item(), path)  # a NumPy scalar
    raise InputError(
        f"{path}: a value of a type the engine does not read "
        "(a date, str, int, float, bool, None, dataclass, mapping or sequence)",
        path,
        "wrong_type",
    )


def document_text(source: Any, argument: str, error: type[PeerSupportError] = InputError) -> str:
    """The JSON text of a document given as a path (``os.PathLike``), as JSON
    text (``str``) or as the document itself (a ``dict``); a file that
    cannot be read is an ``error`` (naming neither the path nor the bytes)."""
    import json

    if isinstance(source, os.PathLike):
        # Neither the path nor the file's bytes appear in the error, nor in an
        # exception it could be chained to: it is raised outside the handler.
        data: bytes | None = None
        try:
            with open(source, "rb") as f:
                data = f.read()
        except OSError:
            pass
        if data is None:
            raise error(f"{argument}: the file cannot be read", argument, "io")
        text: str | None = None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if text is None:
            raise error(f"{argument}: the file is not UTF-8 text", argument, "not_utf8")
        return text
    if isinstance(source, str):
        return source
    if isinstance(source, Mapping):
        # ASCII JSON: text that is not valid Unicode reaches the engine
        # escaped, and is refused there with its path.
        return json.dumps(jsonable(source, argument), ensure_ascii=True)
    raise InputError(
        f"{argument}: neither a path (os.PathLike), JSON text (str) nor a dict",
        argument,
        "wrong_type",
    )

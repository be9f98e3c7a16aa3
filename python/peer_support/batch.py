"""Analysts' batch questions over columns: a whole activity log decided,
supervision per supporter and kind, promised against delivered
participation.

A table is a list of dicts (rows), a dict of lists (columns) or a pandas
DataFrame. The answer is a DataFrame when a DataFrame was given (same index,
categorical string columns), otherwise :class:`Columns`, which
``to_frame()`` turns into one. pandas is optional (``pip install
'peer-support[pandas]'``). Absent values (None, NaN, NaT) are accepted only
where a field is optional; elsewhere they are an InputError naming the
column and the row's position.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas


class Columns(Mapping[str, list[Any]]):
    """Columns of equal length, by name."""

    __slots__ = ("_columns",)

    def __init__(self, columns: dict[str, list[Any]]) -> None:
        self._columns = columns

    def __getitem__(self, name: str) -> list[Any]:
        return self._columns[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    @property
    def rows(self) -> int:
        """The number of rows."""
        return len(next(iter(self._columns.values()), []))

    def to_frame(self) -> pandas.DataFrame:
        """The columns as a pandas DataFrame (string columns categorical)."""
        pd = _pandas()
        frame: pandas.DataFrame = pd.DataFrame(self._columns)
        for name in frame.columns:
            if frame[name].dtype == object and all(isinstance(v, str) for v in frame[name]):
                frame[name] = frame[name].astype("category")
        return frame

    def __repr__(self) -> str:
        return f"Columns({list(self._columns)}, rows={self.rows})"


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "pandas is needed for DataFrames: pip install 'peer-support[pandas]'"
        ) from e
    return pandas


def is_frame(table: Any) -> bool:
    """Whether ``table`` is a pandas DataFrame (without importing pandas)."""
    return type(table).__module__.startswith("pandas") and hasattr(table, "columns")


def columns(
    table: Any,
    required: Sequence[str],
    optional: Sequence[str] = (),
    *,
    check_absent: bool = True,
) -> dict[str, list[Any]]:
    """The named columns of a table, as lists of equal length: absent values
    (None, NaN, NaT) as None; in a required column, an InputError naming
    ``column[i]`` (unless ``check_absent`` is off, for a caller whose engine
    call names them). A missing required column, columns of unequal length
    or a row that is not a dict is an InputError too."""
    out: dict[str, list[Any]] = {}
    for name in [*required, *optional]:
        needed = name in required
        if is_frame(table):
            present = name in table.columns
            values = table[name].tolist() if present else None
        elif isinstance(table, Mapping):
            present = name in table
            values = list(table[name]) if present else None
        elif isinstance(table, Sequence):
            present = True
            values = []
            for i, row in enumerate(table):
                if not isinstance(row, Mapping):
                    raise InputError(f"[{i}]: a row that is not a dict", f"[{i}]", "wrong_type")
                if needed and name not in row:
                    raise InputError(f"{name}[{i}]: is required", f"{name}[{i}]", "missing_field")
                values.append(row.get(name))
        else:
            raise InputError(
                "table: neither a list of dicts, a dict of lists nor a DataFrame",
                "table",
                "wrong_type",
            )
        if values is None:
            if needed:
                raise InputError(f"{name}: no such column", name, "missing_column")
            continue
        if check_absent or not needed:
            values = [None if _absent(v) else v for v in values]
        if needed and check_absent:
            for i, v in enumerate(values):
                if v is None:
                    raise InputError(f"{name}[{i}]: is required", f"{name}[{i}]", "missing_field")
        out[name] = values
    lengths = {len(v) for v in out.values()}
    if len(lengths) > 1:
        raise InputError("table: columns of unequal length", "table", "unequal_columns")
    rows = lengths.pop() if lengths else 0
    for name in optional:
        out.setdefault(name, [None] * rows)
    return out


def _absent(value: Any) -> bool:
    """None, NaN or NaT."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NaTType", "NAType")


__all__ = ["Columns"]

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


def column(table: Any, name: str, *, optional: bool = False) -> list[Any]:
    """Column ``name`` of a table as a list; absent values as None where
    ``optional``, an InputError elsewhere."""
    if is_frame(table):
        if name not in table.columns:
            if optional:
                return [None] * len(table)
            raise InputError(f"{name}: no such column", name, "missing_column")
        values = table[name].tolist()
    elif isinstance(table, Mapping):
        if name not in table:
            if optional:
                return [None] * len(next(iter(table.values()), []))
            raise InputError(f"{name}: no such column", name, "missing_column")
        values = list(table[name])
    elif isinstance(table, Sequence):
        values = []
        for i, row in enumerate(table):
            if not isinstance(row, Mapping):
                raise InputError(f"[{i}]: a row that is not a dict", f"[{i}]", "wrong_type")
            if name not in row and not optional:
                raise InputError(f"[{i}].{name}: is required", f"[{i}].{name}", "missing_field")
            values.append(row.get(name))
    else:
        raise InputError(
            "table: neither a list of dicts, a dict of lists nor a DataFrame", "table", "wrong_type"
        )
    out = [None if _absent(v) else v for v in values]
    if not optional:
        for i, v in enumerate(out):
            if v is None:
                raise InputError(f"{name}[{i}]: is required", f"{name}[{i}]", "missing_field")
    return out


def _absent(value: Any) -> bool:
    """None, NaN or NaT."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NaTType", "NAType")


__all__ = ["Columns"]

"""Query results straight into numpy columns, for loading millions of rows in seconds.

The ORM would build a row object per row and run every value through its column type (a
Python datetime per timestamp, an enum member per kind), which costs microseconds a value:
minutes at a million people. Here the driver's own values are read a chunk at a time and
each column converted in one numpy call, so no more than a chunk of rows ever exists as
Python objects. Dates and times come as ISO text on both dialects (SQLite stores them so;
PostgreSQL formats them) because numpy parses text far faster than it converts datetimes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Date, Select, String, func, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from goodword.storage.base import WorkspaceRow
from goodword.storage.session import workspace_id

Convert = Callable[[Sequence[Any]], NDArray[Any]]

_CHUNK = 100_000
_SECONDS_PER_DAY = 86_400


def read_columns(
    session: Session, query: Select[*tuple[Any, ...]], *convert: Convert
) -> list[NDArray[Any]]:
    """One array per selected column, each made by its converter from the driver's values."""
    if session.autoflush:  # what session.execute would do, so pending rows are seen
        session.flush()
    # The cursor is read directly, past SQLAlchemy's rows; its default fetch strategy keeps no
    # rows of its own (streaming would, so it is not asked for).
    result = session.connection().execute(query)
    parts: list[list[NDArray[Any]]] = [[] for _ in convert]
    columns = [itemgetter(i) for i in range(len(convert))]
    collecting = gc.isenabled()
    # Millions of row tuples, each freed as soon as its chunk is converted: the cycle
    # collector would only walk them again and again (a third of the time), never free one.
    gc.disable()
    try:
        while rows := result.cursor.fetchmany(_CHUNK):
            for part, column, make in zip(parts, columns, convert, strict=True):
                part.append(make(list(map(column, rows))))
    finally:
        result.close()
        if collecting:
            gc.enable()
    columns_read = []
    for make in convert:  # each column's chunks are let go once joined: half the peak memory
        chunks = parts.pop(0)
        columns_read.append(np.concatenate(chunks) if chunks else make(()))
    return columns_read


def in_workspace(session: Session, column: InstrumentedAttribute[int]) -> ColumnElement[bool]:
    """`column` is the session's workspace, put so the database reads fastest.

    SQLite keeps no statistics, so it answers the plain condition through the workspace index
    (a random read of the table per row), which takes three times as long as reading the
    table through when every row qualifies. When the file holds this one workspace, the
    condition is written so that no index can serve it. PostgreSQL plans from statistics.
    """
    wid = workspace_id(session)
    if session.get_bind().dialect.name == "sqlite":
        workspaces = session.scalar(select(func.count()).select_from(WorkspaceRow))
        if workspaces == 1:
            return column + 0 == wid
    return column == wid


def as_text(session: Session, column: Any) -> ColumnElement[str]:
    """A date or timestamp column as ISO text, which `days` reads."""
    if session.get_bind().dialect.name != "postgresql":
        return type_coerce(column, String())  # SQLite keeps them as ISO text already
    date_only = isinstance(column.type, Date)
    return func.to_char(column, "YYYY-MM-DD" if date_only else "YYYY-MM-DD HH24:MI:SS.US")


def ints(values: Sequence[Any]) -> NDArray[np.int64]:
    return np.fromiter(values, dtype=np.int64, count=len(values))


def ints_or(missing: int) -> Convert:
    """Integers where a NULL becomes `missing`."""

    def convert(values: Sequence[Any]) -> NDArray[np.int64]:
        filled = (missing if v is None else v for v in values)
        return np.fromiter(filled, dtype=np.int64, count=len(values))

    return convert


def bools(values: Sequence[Any]) -> NDArray[np.bool_]:
    return np.fromiter(values, dtype=np.bool_, count=len(values))


def floats(values: Sequence[Any]) -> NDArray[np.float64]:
    """Floats, NULL as NaN."""
    return np.array(values, dtype=np.float64).reshape(len(values))


def is_null(values: Sequence[Any]) -> NDArray[np.bool_]:
    return np.fromiter((v is None for v in values), dtype=np.bool_, count=len(values))


def texts(values: Sequence[Any]) -> NDArray[np.object_]:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


class Categories:
    """A converter that reads a text column as codes: each distinct value is kept once, in
    `values`, and each row gets its index there. A million people of a few thousand titles
    never exist as a million strings at once."""

    def __init__(self) -> None:
        self._index: dict[Any, int] = {}

    def __call__(self, values: Sequence[Any]) -> NDArray[np.int64]:
        index = self._index
        for value in dict.fromkeys(values):
            index.setdefault(value, len(index))
        return np.fromiter(map(index.__getitem__, values), dtype=np.int64, count=len(values))

    @property
    def values(self) -> list[Any]:
        return list(self._index)


def codes(table: Mapping[str, int], missing: int = -1) -> Convert:
    """A small integer per value from `table` (an enum's values, say), `missing` for others."""

    def convert(values: Sequence[Any]) -> NDArray[np.int16]:
        found = (table.get(v, missing) for v in values)
        return np.fromiter(found, dtype=np.int16, count=len(values))

    return convert


def days(values: Sequence[Any]) -> NDArray[np.float64]:
    """Days since 1970-01-01 UTC from ISO text (see `as_text`), NaN for NULL; the same number,
    bit for bit, as `timestamp() / 86400` of the UTC datetime or the day count of a date."""
    text = [v or "NaT" for v in values]
    micros = np.array(text, dtype="datetime64[us]").reshape(len(values))
    out = micros.astype(np.int64) / 1e6 / _SECONDS_PER_DAY
    out[np.isnat(micros)] = np.nan
    return out

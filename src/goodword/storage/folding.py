"""`text.fold` in SQL, so names compare case- and accent-insensitively inside the database.

A stored folded column would need a migration and a second copy of every name; folding at
query time costs one pass over the workspace's rows, which SQL does in milliseconds for the
tens of thousands of people a network holds.
"""

from __future__ import annotations

import sqlite3
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, String, func, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from goodword.text import fold

SQLITE_FUNCTION = "gw_fold"
# Latin (Vietnamese included), Greek and Cyrillic letters with marks: the names a contact
# list holds. Polytonic Greek would add some sixty replace() calls to every folded column.
_FOLDED_RANGES = (range(0x80, 0x530), range(0x1E00, 0x1F00))


class folded(FunctionElement[str]):  # noqa: N801  (reads as a SQL function)
    """The folded form of a text column: what `text.fold` gives for its value."""

    type = String()
    inherit_cache = True

    def __init__(self, column: ColumnElement[Any] | Any) -> None:
        super().__init__(column)


def register_sqlite(connection: sqlite3.Connection) -> None:
    """SQLite has no accent folding of its own, so it calls Python's."""
    connection.create_function(SQLITE_FUNCTION, 1, _fold_or_none, deterministic=True)


def _fold_or_none(value: str | None) -> str | None:
    return None if value is None else fold(value)


@cache
def _tables() -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """(from, to) for `translate`, and the letters that fold to more than one (ß → ss).

    Marks that fold to nothing end `from` beyond the length of `to`, which translate deletes.
    """
    single_from, single_to, dropped, multiple = [], [], [], []
    for code in (code for codes in _FOLDED_RANGES for code in codes):
        char = chr(code)
        key = fold(char)
        if key == char:
            continue
        if len(key) == 1:
            single_from.append(char)
            single_to.append(key)
        elif not key:
            dropped.append(char)
        else:
            multiple.append((char, key))
    return "".join(single_from + dropped), "".join(single_to), tuple(multiple)


@compiles(folded, "sqlite")
def _compile_sqlite(element: folded, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{SQLITE_FUNCTION}({compiler.process(element.clauses, **kw)})"


@compiles(folded)
def _compile_translate(element: folded, compiler: SQLCompiler, **kw: Any) -> str:
    # Both cases are in the table, so the result does not depend on the server's locale.
    source, target, multiple = _tables()
    (column,) = element.clauses
    expression: ColumnElement[str] = func.translate(
        func.lower(column), literal(source), literal(target)
    )
    for char, key in multiple:
        expression = func.replace(expression, literal(char), literal(key))
    return compiler.process(expression, **kw)

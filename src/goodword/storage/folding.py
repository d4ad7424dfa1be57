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
# Latin (Vietnamese included), Greek (polytonic too) and Cyrillic letters with marks: the
# names a contact list holds.
_FOLDED_RANGES = (range(0x80, 0x530), range(0x1E00, 0x2000))


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
    """(from, to) for `translate`, and the letters that fold to more than one character,
    grouped by what follows the first: ("ᾳᾼ…", "ι") as ᾳ folds to αι, ("ßẞ", "s") for ss.

    Such a letter translates to the first character of its fold, after a regexp_replace has
    put the rest behind it: one call per group, where a replace() per letter would be some
    ninety calls on every folded column (sixty of them Greek vowels with an iota subscript).
    Marks that fold to nothing end `from` beyond the length of `to`, which translate deletes.
    """
    single_from, single_to, dropped = [], [], []
    groups: dict[str, list[str]] = {}
    for code in (code for codes in _FOLDED_RANGES for code in codes):
        char = chr(code)
        key = fold(char)
        if key == char:
            continue
        if not key:
            dropped.append(char)
            continue
        single_from.append(char)
        single_to.append(key[0])
        if len(key) > 1:
            groups.setdefault(key[1:], []).append(char)
    expanding = tuple(("".join(chars), rest) for rest, chars in groups.items())
    return "".join(single_from + dropped), "".join(single_to), expanding


@compiles(folded, "sqlite")
def _compile_sqlite(element: folded, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{SQLITE_FUNCTION}({compiler.process(element.clauses, **kw)})"


@compiles(folded)
def _compile_translate(element: folded, compiler: SQLCompiler, **kw: Any) -> str:
    # Both cases are in the tables, so the result does not depend on the server's locale.
    source, target, expanding = _tables()
    (column,) = element.clauses
    expression: ColumnElement[str] = func.lower(column)
    for chars, rest in expanding:
        # Every character here is a non-ASCII letter, so none is special in a bracket
        # expression; listing them (no ranges) keeps the match free of collation rules.
        expression = func.regexp_replace(
            expression, literal(f"([{chars}])"), literal(f"\\1{rest}"), literal("g")
        )
    expression = func.translate(expression, literal(source), literal(target))
    return compiler.process(expression, **kw)

"""Bulk writes: one statement per chunk of rows, for imports and generated data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, ColumnDefault, Enum, Table, bindparam, func, insert, select, text
from sqlalchemy.orm import Session

from goodword.storage.session import workspace_id

CHUNK = 5000


def insert_rows(session: Session, model: type[Any], rows: Iterable[dict[str, Any]]) -> None:
    """Inserts many rows of one table through the driver's executemany.

    SQLAlchemy's per-row parameter handling costs more than SQLite's insert itself, so the
    statement is compiled once, each column's bind processor is applied directly, and
    column defaults are evaluated once per call. Rows may be a generator: they are taken a
    chunk at a time, so a large import never holds them all.
    """
    chunks = _chunks(rows)
    first = next(chunks, None)
    if first is None:
        return
    table = model.__table__
    connection = session.connection()
    dialect = connection.dialect
    names = list(first[0])
    defaults = _defaults(table, names)
    columns = [table.c[name] for name in [*names, *defaults]]
    compiled = (
        insert(table).values({c.name: bindparam(c.name) for c in columns}).compile(dialect=dialect)
    )
    order = list(compiled.positiontup or []) if compiled.positional else [c.name for c in columns]
    given = [n for n in order if n not in defaults]
    # The statement lists the given columns first, then the defaulted ones, as built above.
    assert order == [*given, *(n for n in order if n in defaults)]
    fetch = itemgetter(*given)
    constant = tuple(_bind(table.c[n].type, defaults[n], dialect) for n in order if n in defaults)
    position = {n: i for i, n in enumerate(given)}
    active = [
        (position[n], _memoised(process) if _few_values(table.c[n].type) else process)
        for n in given
        if (process := table.c[n].type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    for chunk in chain([first], chunks):
        prepared: list[Any] = []
        for row in chunk:
            got = fetch(row)
            values = list(got) if len(given) > 1 else [got]
            for i, process in active:
                if values[i] is not None:
                    values[i] = process(values[i])
            prepared.append((*values, *constant))
        if not compiled.positional:
            names = [*given, *(n for n in order if n in defaults)]
            prepared = [dict(zip(names, values, strict=True)) for values in prepared]
        connection.exec_driver_sql(compiled.string, prepared)


def _few_values(type_: Any) -> bool:
    """Enum and Boolean columns hold a handful of distinct values, worth converting once each."""
    return isinstance(type_, Enum | Boolean)


def _memoised(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            seen[value] = converted = process(value)
            return converted

    return convert


def _chunks(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _bind(type_: Any, value: Any, dialect: Any) -> Any:
    # The dialect's own implementation: SQLite's DATETIME writes the text SQLAlchemy reads back.
    process = type_.dialect_impl(dialect).bind_processor(dialect)
    return process(value) if process is not None and value is not None else value


def _defaults(table: Table, given: list[str]) -> dict[str, Any]:
    """Python-side defaults of the columns not given, evaluated once for the whole batch."""
    found: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if column.name in given or default is None or not isinstance(default, ColumnDefault):
            continue
        found[column.name] = default.arg(None) if default.is_callable else default.arg
    return found


def reserve_ids(session: Session, model: type[Any], count: int) -> list[int]:
    """Ids no other writer will use, so linked rows can be inserted without RETURNING.

    RETURNING in parameter order makes SQLite insert one row per statement; explicit ids
    keep one statement per chunk.
    """
    if count == 0:
        return []
    table = model.__table__
    if session.get_bind().dialect.name == "postgresql":
        return list(
            session.scalars(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:table, 'id'))"
                    " FROM generate_series(1, :count)"
                ),
                {"table": table.name, "count": count},
            )
        )
    # A write takes SQLite's lock first, so no one else can take the ids read next.
    session.execute(
        text("UPDATE workspace SET name = name WHERE id = :id"), {"id": workspace_id(session)}
    )
    top = session.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0
    return list(range(top + 1, top + 1 + count))


def insert_returning_ids(
    session: Session, model: type[Any], rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Inserts `rows` and returns their new ids in order."""
    ids = reserve_ids(session, model, len(rows))
    insert_rows(session, model, [{**row, "id": pid} for row, pid in zip(rows, ids, strict=True)])
    return ids

"""Bulk writes: one statement per chunk of rows, for imports and generated data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import (
    Boolean,
    ColumnDefault,
    Connection,
    Enum,
    Table,
    bindparam,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.orm import Session

from goodword.storage.session import workspace_id

CHUNK = 5000
T = TypeVar("T")


def insert_rows(session: Session, model: type[Any], rows: Iterable[dict[str, Any]]) -> None:
    """Inserts many rows of one table, each a dict of column values (the keys of the first)."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return
    names = list(first)
    fetch = itemgetter(*names)
    values = map(fetch, chain([first], iterator))
    insert_values(session, model, names, values if len(names) > 1 else ((v,) for v in values))


def insert_values(
    session: Session, model: type[Any], columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
) -> None:
    """Inserts many rows of one table, each a tuple of `columns`, through executemany.

    SQLAlchemy's per-row parameter handling costs more than SQLite's insert itself, so each
    column's bind processor is applied a column at a time, column defaults are evaluated
    once per call, and a column that is empty throughout a chunk is left out of its
    statement (binding costs per value). Rows may be a generator: they are taken a chunk at
    a time, so a large import never holds them all.
    """
    table = model.__table__
    connection = session.connection()
    dialect = connection.dialect
    defaults = _defaults(table, list(columns))
    names = (*columns, *defaults)
    constant = [_bind(table.c[n].type, value, dialect) for n, value in defaults.items()]
    active = [
        (i, _converter(table.c[name].type, process))
        for i, name in enumerate(columns)
        if (process := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
    ]
    # Leaving a column out stores NULL only when neither side has a default for it.
    optional = {
        i
        for i, name in enumerate(names)
        if table.c[name].server_default is None and table.c[name].default is None
    }
    statements: dict[tuple[int, ...], _Statement] = {}
    for chunk in _chunks(rows):
        cells: list[Sequence[Any]] = list(zip(*chunk, strict=True))
        for i, convert in active:
            cells[i] = convert(cells[i])
        cells.extend([value] * len(chunk) for value in constant)
        keep = tuple(
            i for i, cell in enumerate(cells) if i not in optional or cell.count(None) < len(cell)
        )
        keep = keep or tuple(range(len(names)))
        if keep not in statements:
            statements[keep] = _Statement.of(table, [names[i] for i in keep], dialect)
        statements[keep].execute(connection, [cells[i] for i in keep])


@dataclass(frozen=True)
class _Statement:
    """An INSERT of some columns: SQL text, the order its values bind in, names if by name."""

    sql: str
    order: list[int]
    names: list[str] | None

    def execute(self, connection: Connection, cells: Sequence[Sequence[Any]]) -> None:
        """Runs the statement for every row of `cells`, given column by column."""
        values = zip(*[cells[i] for i in self.order], strict=True)
        if self.names is None:
            connection.exec_driver_sql(self.sql, list(values))
        else:
            named = [dict(zip(self.names, row, strict=True)) for row in values]
            connection.exec_driver_sql(self.sql, named)

    @classmethod
    def of(cls, table: Table, chosen: list[str], dialect: Any) -> _Statement:
        compiled = insert(table).values({n: bindparam(n) for n in chosen}).compile(dialect=dialect)
        if compiled.positional:  # SQLite: in the table's column order
            return cls(compiled.string, [chosen.index(n) for n in compiled.positiontup or []], None)
        return cls(compiled.string, list(range(len(chosen))), chosen)  # psycopg: by name


def _converter(
    type_: Any, process: Callable[[Any], Any]
) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """A column's bind processor applied to a whole column of values.

    Enum and Boolean columns hold a handful of distinct values: each is converted once.
    """
    if isinstance(type_, Enum | Boolean):

        def convert_few(values: Sequence[Any]) -> Sequence[Any]:
            table = {v: process(v) for v in set(values) if v is not None}
            table[None] = None
            return list(map(table.__getitem__, values))

        return convert_few

    def convert(values: Sequence[Any]) -> Sequence[Any]:
        return [None if v is None else process(v) for v in values]

    return convert


def _chunks(rows: Iterable[T]) -> Iterator[list[T]]:
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

"""Bulk inserts for the demo: Core executemany in chunks, and ids claimed up front.

Rows that others link to get explicit ids counted up from the first free one, so linking
needs no RETURNING. On PostgreSQL the id sequence is moved past a claimed range at once,
so rows inserted later through the sequence never collide with the demo's ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, func, insert, select, text

from goodword.models import metadata

CHUNK = 25_000
# SQLite's default 2 MB page cache thrashes once the indexes outgrow it; a million people
# load about a third faster with this much, still far below the memory budget.
SQLITE_CACHE_KIB = 256 * 1024
TABLES = metadata.tables


class TableWriter:
    """Inserts rows for one workspace, counts them, and hands out ids nobody else takes."""

    def __init__(self, connection: Connection, workspace_id: int) -> None:
        self.connection = connection
        self.workspace_id = workspace_id
        self.counts: Counter[str] = Counter()
        self.postgres = connection.dialect.name == "postgresql"

    @contextmanager
    def large_cache(self) -> Iterator[None]:
        """A bigger SQLite page cache while loading, given back afterwards."""
        if self.connection.dialect.name != "sqlite":
            yield
            return
        before = self.connection.exec_driver_sql("PRAGMA cache_size").scalar()
        self.connection.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        try:
            yield
        finally:
            self.connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")

    def write(self, batch: Mapping[str, Sequence[Mapping[str, object]]]) -> None:
        """Tables in the batch's order, which is the order their foreign keys need."""
        for table, rows in batch.items():
            self.insert(table, rows)

    def insert(self, table: str, rows: Sequence[Mapping[str, object]]) -> None:
        target = TABLES[table]
        for start in range(0, len(rows), CHUNK):
            self.connection.execute(insert(target), rows[start : start + CHUNK])
        self.counts[table] += len(rows)

    def existing(self, table: str, column: str) -> set[str]:
        """Values already in the workspace that the demo must not repeat (unique names)."""
        rows = TABLES[table]
        query = select(rows.c[column]).where(rows.c.workspace_id == self.workspace_id)
        return set(self.connection.scalars(query))

    def first_free(self, table: str) -> int:
        """Above the highest id and, on PostgreSQL, above anything the sequence handed out."""
        top = self.connection.scalar(select(func.coalesce(func.max(TABLES[table].c.id), 0)))
        issued = 0
        if self.postgres:
            issued = self.connection.scalar(
                text(
                    "SELECT coalesce(pg_sequence_last_value("
                    "pg_get_serial_sequence(:table, 'id')::regclass), 0)"
                ),
                {"table": table},
            )
        return max(int(top or 0), int(issued or 0)) + 1

    def claim(self, table: str, count: int, *, first: int | None = None) -> int:
        """Returns the first of `count` ids; moves the sequence past them at once.

        setval is not undone by a rollback, which only leaves a harmless gap in the ids.
        """
        start = self.first_free(table) if first is None else first
        if self.postgres and count:
            self.connection.execute(
                text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :last)"),
                {"table": table, "last": start + count - 1},
            )
        return start

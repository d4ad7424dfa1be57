"""Opening a workspace: the database, its schema check, and transactions scoped to it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, inspect, select
from sqlalchemy.orm import Session

import goodword.models  # noqa: F401  (registers every table before the first query)
from goodword.config import DEFAULT_WORKSPACE, resolve_database
from goodword.errors import SchemaOutOfDate
from goodword.people.service import get_owner
from goodword.storage import schema
from goodword.storage.base import WorkspaceRow
from goodword.storage.engine import make_engine, sqlite_path


@dataclass(frozen=True)
class Workspace:
    """A handle on one workspace in one database; every service call runs in its transaction."""

    bind: Engine | Connection
    id: int
    name: str

    @contextmanager
    def transaction(self, *, commit: bool = True) -> Iterator[Session]:
        """Commits when the block ends, rolls back everything if it raises.

        With `commit=False` the work is always rolled back: a dry run sees every effect
        (counts, conflicts) and leaves nothing behind.
        """
        # On a Connection (tests) the session nests in a savepoint the caller rolls back.
        with (
            Session(
                self.bind,
                info={"workspace_id": self.id},
                join_transaction_mode="create_savepoint",
                expire_on_commit=False,
            ) as session,
            session.begin() as transaction,
        ):
            yield session
            if not commit:
                transaction.rollback()

    @property
    def engine(self) -> Engine:
        return self.bind if isinstance(self.bind, Engine) else self.bind.engine

    def close(self) -> None:
        if isinstance(self.bind, Engine):
            self.bind.dispose()


def open_workspace(
    target: str | None = None,
    *,
    name: str = DEFAULT_WORKSPACE,
    bind: Engine | Connection | None = None,
) -> Workspace:
    """Opens (creating if needed) a workspace in the database `target` names.

    A personal SQLite file is created or upgraded automatically, after a backup copy;
    a server database must be upgraded explicitly with `goodword db upgrade`.

    Raises: SchemaOutOfDate when the schema is behind and cannot be upgraded here.
    """
    if bind is None:
        bind = make_engine(resolve_database(target))
        check_schema(bind)
    workspace_id = _ensure_workspace(bind, name)
    return Workspace(bind=bind, id=workspace_id, name=name)


def check_schema(engine: Engine) -> None:
    """Raises: SchemaOutOfDate naming what to run."""
    current = schema.current_revision(engine)
    head = schema.head_revision()
    if current == head:
        return
    path = sqlite_path(str(engine.url))
    if current is not None and not schema.is_known(current):
        raise SchemaOutOfDate(
            f"The database was written by a newer goodword (schema {current}).",
            hint="Upgrade goodword to open it.",
        )
    if engine.dialect.name == "sqlite":
        if current is not None and path is not None and path.exists():
            shutil.copy2(path, path.with_name(f"{path.name}.before-{head}"))
        schema.upgrade(engine)
        return
    if current is None and not inspect(engine).get_table_names():
        raise SchemaOutOfDate(
            "The database has no goodword schema yet.", hint="Run `goodword init` to create it."
        )
    raise SchemaOutOfDate(
        f"The database schema is out of date ({current or 'none'}, need {head}).",
        hint="Run `goodword db upgrade`.",
    )


def _ensure_workspace(bind: Engine | Connection, name: str) -> int:
    with Session(bind, join_transaction_mode="create_savepoint") as session, session.begin():
        row = session.scalar(select(WorkspaceRow).where(WorkspaceRow.name == name))
        if row is None:
            row = WorkspaceRow(name=name, currency="USD", phone_region="US")
            session.add(row)
            session.flush()
        session.info["workspace_id"] = row.id
        get_owner(session)
        return row.id

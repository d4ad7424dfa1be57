"""Opening a workspace: the database, its schema check, and transactions scoped to it."""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, event, inspect, select, update
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction

import goodword.models  # noqa: F401  (registers every table before the first query)
from goodword.config import DEFAULT_WORKSPACE, resolve_database
from goodword.errors import SchemaOutOfDate
from goodword.people.models import Person
from goodword.people.service import get_owner
from goodword.storage import schema
from goodword.storage.base import WorkspaceRow
from goodword.storage.engine import make_engine, read_bind, sqlite_path, write_bind

# The write-lock key for what is not yet one workspace's: creating a workspace.
_CREATING = 0


@dataclass(frozen=True)
class Workspace:
    """A handle on one workspace in one database; every service call runs in its transaction."""

    bind: Engine | Connection
    id: int
    name: str

    @contextmanager
    def transaction(self, *, commit: bool = True) -> Iterator[Session]:
        """Commits when the block ends, rolls back everything if it raises.

        It holds the workspace's write lock from its first statement, so concurrent writers
        (commands, web requests) wait their turn instead of failing (see `write_bind`).
        With `commit=False` the work is always rolled back: a dry run sees every effect
        (counts, conflicts) and leaves nothing behind.
        """
        with self._session(write_bind(self.bind, self.id)) as (session, transaction):
            yield session
            if not commit:
                transaction.rollback()
                return
            session.execute(
                update(WorkspaceRow)
                .where(WorkspaceRow.id == self.id)
                .values(data_version=secrets.randbits(62))
            )

    def data_version(self) -> int:
        """A token that changes whenever a transaction of this workspace commits."""
        with self.read() as session:
            return (
                session.scalar(select(WorkspaceRow.data_version).where(WorkspaceRow.id == self.id))
                or 0
            )

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A transaction for work that only reads: it takes no write lock, so it neither
        waits for writers nor holds them up.

        Raises: RuntimeError (a bug, not a user error) if the work tries to write, which
        without the lock could fail under concurrent writers.
        """
        with self._session(read_bind(self.bind)) as (session, _):
            event.listen(session, "before_flush", _refuse_writes)
            yield session

    @contextmanager
    def _session(self, bind: Engine | Connection) -> Iterator[tuple[Session, SessionTransaction]]:
        # On a Connection (tests) the session nests in a savepoint the caller rolls back.
        with (
            Session(
                bind,
                info={"workspace_id": self.id},
                join_transaction_mode="create_savepoint",
                expire_on_commit=False,
            ) as session,
            session.begin() as transaction,
        ):
            yield session, transaction

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
    """The workspace's id, creating it and its owner if missing.

    It looks first without the write lock, so opening an existing workspace (every command
    does) never queues behind a writer; only creating one takes the lock, and looks again.
    """
    reading = read_bind(bind)
    with (
        Session(reading, join_transaction_mode="create_savepoint") as session,
        session.begin() as transaction,
    ):
        found = session.execute(
            select(WorkspaceRow.id, Person.id)
            .outerjoin(Person, (Person.workspace_id == WorkspaceRow.id) & Person.is_me)
            .where(WorkspaceRow.name == name)
            .limit(1)
        ).first()
        transaction.rollback()
    if found is not None and found[1] is not None:
        return found[0]
    creating = write_bind(bind, _CREATING)
    with Session(creating, join_transaction_mode="create_savepoint") as session, session.begin():
        row = session.scalar(select(WorkspaceRow).where(WorkspaceRow.name == name))
        if row is None:
            row = WorkspaceRow(name=name, currency="USD", phone_region="US")
            session.add(row)
            session.flush()
        session.info["workspace_id"] = row.id
        get_owner(session)
        return row.id


def _refuse_writes(session: Session, _context: UOWTransaction, _instances: object) -> None:
    raise RuntimeError("A Workspace.read() session cannot write; use transaction() instead.")

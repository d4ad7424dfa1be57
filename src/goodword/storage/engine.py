"""One engine per database, tuned for its dialect."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, overload

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from goodword.errors import InvalidInput
from goodword.storage.folding import register_sqlite

# How long a writer waits for the writers before it, on either dialect. Generous, because the
# lock is held by whole commands: a large import or `demo` keeps it for seconds, and a `log`
# started meanwhile should wait its turn rather than fail.
WRITE_WAIT_SECONDS = 30

# The execution option that marks a connection's transactions as writes; its value is the
# lock key (a workspace id, or 0 for creating workspaces and migrating).
WRITE_LOCK = "goodword_write_lock"


def database_url(target: str) -> str:
    """A path becomes a SQLite URL; `postgresql://` gets the psycopg 3 driver."""
    if "://" not in target:
        if target == ":memory:":
            return "sqlite://"
        path = Path(target).expanduser().resolve()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InvalidInput(f"Cannot create {path.parent}: {exc.strerror}.") from None
        return f"sqlite:///{path}"
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    return target


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for memory and other dialects."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(target: str, **kwargs: Any) -> Engine:
    """Raises: InvalidInput when the URL is malformed or names a driver not installed."""
    url = database_url(target)
    try:
        engine = create_engine(url, **kwargs)
    except (ArgumentError, ValueError) as exc:  # unknown dialect, malformed host or port
        raise InvalidInput(f"'{target}' is not a database URL or file: {exc}.") from None
    except (ModuleNotFoundError, ImportError) as exc:
        raise InvalidInput(
            f"Cannot open {make_url(url).render_as_string(hide_password=True)}: {exc}.",
            hint="For PostgreSQL install goodword[postgres].",
        ) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
        # pysqlite's own BEGIN handling breaks SAVEPOINT; SQLAlchemy emits BEGIN itself instead.
        event.listen(engine, "begin", _begin_sqlite)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _begin_postgresql)
    return engine


@overload
def write_bind(bind: Engine, key: int) -> Engine: ...
@overload
def write_bind(bind: Connection, key: int) -> Connection: ...
@overload
def write_bind(bind: Engine | Connection, key: int) -> Engine | Connection: ...
def write_bind(bind: Engine | Connection, key: int) -> Engine | Connection:
    """What a write transaction runs on: its BEGIN takes the write lock for `key`.

    Writers take turns instead of failing. A transaction that reads and then writes cannot
    join a queue halfway: on SQLite, asking for the write lock after reading fails at once
    (the snapshot may be stale, so the busy timeout does not apply), and on PostgreSQL two
    writers that both found no tag or organisation named X both insert it and one breaks a
    unique constraint. Taking the lock before the first statement makes both dialects wait
    at BEGIN for up to WRITE_WAIT_SECONDS, and everything the transaction reads stays true
    until it commits. Retrying a failed unit of work would need every command to be
    re-runnable as a whole; a lock at BEGIN needs nothing of them.

    A Connection is returned as it is: whoever began its transaction (a test, a caller of
    the library) owns its locking.
    """
    if isinstance(bind, Connection):
        return bind
    return bind.execution_options(**{WRITE_LOCK: key})


def read_bind(bind: Engine | Connection) -> Engine | Connection:
    """What a read-only transaction runs on: one moment's data, without the write lock.

    On PostgreSQL that is REPEATABLE READ READ ONLY; a deferred SQLite transaction in WAL
    mode reads one snapshot already. Neither waits for writers nor holds them up.
    """
    if isinstance(bind, Connection) or bind.dialect.name != "postgresql":
        return bind
    return bind.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)


def _begin_sqlite(connection: Connection) -> None:
    # IMMEDIATE takes the write lock now, where the busy timeout makes it wait its turn.
    writing = WRITE_LOCK in connection.get_execution_options()
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _begin_postgresql(connection: Connection) -> None:
    key = connection.get_execution_options().get(WRITE_LOCK)
    if key is None:
        return
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{WRITE_WAIT_SECONDS}s'")
    # Keyed by schema too, so workspaces of different schemas in one database never queue
    # behind each other; released when the transaction ends.
    connection.execute(
        text("SELECT pg_advisory_xact_lock(hashtext('goodword.' || current_schema()), :key)"),
        {"key": key},
    )


def _tune_sqlite(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # WAL lets the web app read while the CLI writes; the busy timeout waits for the write
    # lock instead of failing (see write_bind).
    dbapi_connection.isolation_level = None
    register_sqlite(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {WRITE_WAIT_SECONDS * 1000}")
    # 32 MB of page cache (the default is 2 MB) keeps indexes in memory during bulk writes.
    cursor.execute("PRAGMA cache_size = -32768")
    if cursor.execute("PRAGMA database_list").fetchone()[2]:
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()

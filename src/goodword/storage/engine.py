"""One engine per database, tuned for its dialect."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from goodword.errors import InvalidInput


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
    return engine


def _begin_sqlite(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def _tune_sqlite(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # WAL lets the web app read while the CLI writes; the busy timeout waits instead of failing.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    # 32 MB of page cache (the default is 2 MB) keeps indexes in memory during bulk writes.
    cursor.execute("PRAGMA cache_size = -32768")
    if cursor.execute("PRAGMA database_list").fetchone()[2]:
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()

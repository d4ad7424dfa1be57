"""Backup and restore: a consistent copy while the app may be running, and reading it back.

A SQLite file is copied with SQLite's online backup API, which reads one snapshot while
other connections keep writing (WAL); any other database is written as the JSON archive
from one read transaction. Restore reads either kind and imports it as an archive, so both
go through the same checks and the same all-or-nothing import.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from goodword.errors import Conflict, InvalidInput
from goodword.io.archive import export_archive, import_archive, write_archive
from goodword.io.detect import SQLITE_MAGIC
from goodword.io.errors import MalformedFile
from goodword.storage.engine import make_engine, sqlite_path
from goodword.workspace import Workspace, check_schema, open_workspace


def backup(workspace: Workspace, dest: Path, *, overwrite: bool = False) -> str:
    """Writes a copy of the database to `dest`: "sqlite" (a database file) or "archive" (JSON).

    The copy is written beside `dest` and renamed into place, so a failed backup never
    leaves a half-written file where a good one was.

    Raises: Conflict when `dest` exists and `overwrite` is not set; InvalidInput when
    `dest` is the live database itself or cannot be written.
    """
    dest = Path(dest)
    if dest.is_dir():
        raise InvalidInput(f"{dest} is a folder; name the backup file to write.")
    if dest.exists() and not overwrite:
        raise Conflict(
            f"{dest} already exists.",
            hint="Choose another file, or pass --overwrite to replace it.",
        )
    source = sqlite_path(str(workspace.engine.url))
    if source is not None and dest.resolve() == source.resolve():
        raise InvalidInput(f"{dest} is the database itself; back it up to another file.")
    try:
        with replacing(dest) as partial:
            if source is not None:
                _copy_sqlite(source, partial)
                return "sqlite"
            with _snapshot(workspace) as session, partial.open("w", encoding="utf-8") as out:
                write_archive(session, out)
            return "archive"
    except OSError as exc:
        raise InvalidInput(f"Cannot write {dest}: {exc.strerror or exc}.") from None
    except sqlite3.Error as exc:  # the copy could not be opened or the live file is gone
        raise InvalidInput(f"Cannot back up to {dest}: {exc}.") from None


def restore(workspace: Workspace, source: Path, *, force: bool = False) -> dict[str, int]:
    """Reads a backup (SQLite file or JSON archive) into `workspace`; returns rows per table.

    Raises: MalformedFile for a file that is not a goodword backup; Conflict when the
    workspace holds data and `force` is not set; SchemaOutOfDate for a newer backup.
    """
    source = Path(source)
    archive = read_backup(source, workspace.name)
    with workspace.transaction() as session:
        return load_archive(session, archive, source, force=force)


def load_archive(
    session: Session, archive: dict[str, Any], source: Path, *, force: bool = False
) -> dict[str, int]:
    """`import_archive`, with any problem in the archive reported against its file.

    Raises: MalformedFile naming `source`; Conflict when the workspace holds data.
    """
    try:
        return import_archive(session, archive, force=force)
    except MalformedFile:
        raise
    except InvalidInput as exc:
        problem = f"{exc.message} {exc.hint}" if exc.hint else exc.message
        raise MalformedFile(source, None, problem) from None


def people_in(counts: dict[str, int]) -> int:
    """People an archive brought in: every archive carries its owner, who is not new."""
    return max(counts.get("person", 0) - 1, 0)


@contextmanager
def replacing(dest: Path) -> Iterator[Path]:
    """A scratch path beside `dest` that replaces it when the block succeeds.

    Raises: InvalidInput when the folder does not exist (a typo should not create folders).
    """
    if not dest.parent.is_dir():
        raise InvalidInput(f"Cannot write {dest}: the folder {dest.parent} does not exist.")
    partial = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        yield partial
        with partial.open("rb") as written:  # on disk before it takes the name
            os.fsync(written.fileno())
        os.replace(partial, dest)
    finally:
        partial.unlink(missing_ok=True)


def _copy_sqlite(source: Path, target: Path) -> None:
    """One snapshot of the live file, made standalone (no -wal beside it) for copying around."""
    # A connection of our own, so the copy holds what is committed, not a caller's open work.
    # mode=rw: a database file that vanished is an error, never silently created empty.
    live_uri = f"{source.resolve().as_uri()}?mode=rw"
    with (
        closing(sqlite3.connect(live_uri, uri=True, timeout=30)) as live,
        closing(sqlite3.connect(target)) as copy,
    ):
        live.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")


@contextmanager
def _snapshot(workspace: Workspace) -> Iterator[Session]:
    """One read transaction, REPEATABLE READ on PostgreSQL, so every table is of one moment."""
    if not isinstance(workspace.bind, Engine):
        # A caller's connection already has its transaction; read inside it.
        with workspace.read() as session:
            yield session
        return
    with workspace.bind.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        with replace(workspace, bind=connection).read() as session:
            yield session


def read_backup(path: Path, name: str) -> dict[str, Any]:
    """The archive of workspace `name` (or the only one) in a JSON archive or SQLite backup.

    Raises: InvalidInput for a missing file; MalformedFile for a file that is neither a
    goodword archive nor a goodword database.
    """
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise InvalidInput(f"{path} does not exist.") from None
    except OSError as exc:
        raise MalformedFile(path, None, f"cannot be read ({exc.strerror}).") from None
    if head == SQLITE_MAGIC:
        return _read_sqlite(path, name)
    return _read_archive_file(path)


def _read_archive_file(path: Path) -> dict[str, Any]:
    """Raises: MalformedFile naming the line where the JSON breaks."""
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise MalformedFile(
            path, line, "is neither a goodword archive (JSON) nor a SQLite backup."
        ) from None
    except json.JSONDecodeError as exc:
        raise MalformedFile(path, exc.lineno, f"is not valid JSON ({exc.msg}).") from None
    if not isinstance(data, dict):
        raise MalformedFile(path, None, "is JSON but not a goodword archive.")
    return data


def _read_sqlite(path: Path, name: str) -> dict[str, Any]:
    """The archive of one workspace in a SQLite backup.

    It is read from a private copy, so neither opening it (which may upgrade its schema
    or add a workspace) nor a crash can change the backup file itself.

    Raises: MalformedFile for a database that is not a goodword backup.
    """
    with tempfile.TemporaryDirectory(prefix="goodword-restore-") as scratch:
        copy = Path(scratch) / "backup.db"
        shutil.copyfile(path, copy)
        wal = path.with_name(f"{path.name}-wal")
        if wal.exists():  # a raw copy of a live database keeps recent commits here
            shutil.copyfile(wal, copy.with_name(f"{copy.name}-wal"))
        engine = make_engine(str(copy))
        try:
            try:
                chosen = _workspace_in(path, copy, name)
                check_schema(engine)  # upgrades an older backup; refuses a newer one
                workspace = open_workspace(bind=engine, name=chosen)
                with workspace.transaction() as session:
                    return export_archive(session)
            except (sqlite3.DatabaseError, SQLAlchemyError) as exc:
                # Damage anywhere in the backup is the backup's fault, not the live database's.
                raise MalformedFile(path, None, f"is not a goodword database ({exc}).") from None
        finally:
            engine.dispose()


def _workspace_in(path: Path, copy: Path, name: str) -> str:
    """`name` when the backup has it, else its only workspace.

    Raises: MalformedFile when the backup has no workspace or several and none is `name`.
    """
    with closing(sqlite3.connect(copy)) as db:
        names = [row[0] for row in db.execute("SELECT name FROM workspace ORDER BY id")]
    if name in names or len(names) == 1:
        return name if name in names else str(names[0])
    if not names:
        raise MalformedFile(path, None, "holds no workspace.")
    raise MalformedFile(
        path,
        None,
        f"holds the workspaces {', '.join(names)} but none named '{name}'; "
        "restore into a workspace of one of those names.",
    )

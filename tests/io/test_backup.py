"""Backup while the app runs, and restore that refuses to mix networks or read bad files."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from test_archive import FULL, build, canonical

from conftest import needs_pg, pg_schema, require_pg_url
from goodword.errors import Conflict, InvalidInput, SchemaOutOfDate
from goodword.io.archive import VERSION, export_archive, write_archive
from goodword.io.backup import backup, restore
from goodword.io.errors import MalformedFile
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person
from goodword.storage.schema import upgrade
from goodword.workspace import Workspace, open_workspace


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Workspace]:
    """A SQLite file database with a committed network, as the running app would have it."""
    workspace = open_workspace(str(tmp_path / "live.db"), name="default")
    with workspace.transaction() as session:
        build(session, FULL)
    yield workspace
    workspace.close()


def archive_of(workspace: Workspace) -> dict[str, Any]:
    with workspace.transaction() as session:
        return export_archive(session)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def people_count(workspace: Workspace) -> int:
    with workspace.transaction() as session:
        query = select(func.count()).where(Person.workspace_id == workspace.id)
        return int(session.scalar(query) or 0)


# --- backup ---------------------------------------------------------------------------------


def test_sqlite_backup_during_an_open_write_is_a_consistent_copy(
    live: Workspace, tmp_path: Path
) -> None:
    db = tmp_path / "live.db"
    writer = sqlite3.connect(db)
    try:
        assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO tag (workspace_id, name) VALUES (?, 'half-done')", (live.id,))
        assert backup(live, tmp_path / "copy.db") == "sqlite"
    finally:
        writer.rollback()
        writer.close()
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("SELECT count(*) FROM tag WHERE name = 'half-done'").fetchone()[0] == 0
    assert not (tmp_path / "copy.db-wal").exists()
    reopened = open_workspace(str(tmp_path / "copy.db"), name="default")
    try:
        assert canonical(archive_of(reopened)) == canonical(archive_of(live))
    finally:
        reopened.close()


def test_sqlite_backup_restores_into_a_fresh_database(live: Workspace, tmp_path: Path) -> None:
    dest = tmp_path / "backup.db"
    backup(live, dest)
    before = digest(dest)
    fresh = open_workspace(str(tmp_path / "fresh.db"), name="default")
    try:
        counts = restore(fresh, dest)
        assert canonical(archive_of(fresh)) == canonical(archive_of(live))
        assert counts["person"] == people_count(live)
    finally:
        fresh.close()
    assert digest(dest) == before, "restoring must not touch the backup file"


def test_backup_refuses_to_overwrite_a_file_unless_allowed(live: Workspace, tmp_path: Path) -> None:
    dest = tmp_path / "taken.db"
    dest.write_text("keep me")
    with pytest.raises(Conflict, match="already exists"):
        backup(live, dest)
    assert dest.read_text() == "keep me"
    assert backup(live, dest, overwrite=True) == "sqlite"
    assert dest.read_bytes().startswith(b"SQLite format 3\x00")
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_backup_refuses_to_write_over_the_live_database_or_a_folder(
    live: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput, match="database itself"):
        backup(live, tmp_path / "live.db", overwrite=True)
    with pytest.raises(InvalidInput, match="is a folder"):
        backup(live, tmp_path, overwrite=True)


def test_backup_of_a_memory_database_is_the_archive(tmp_path: Path) -> None:
    memory = open_workspace(":memory:", name="default")
    try:
        with memory.transaction() as session:
            build(session, FULL)
        assert backup(memory, tmp_path / "backup.json") == "archive"
        archive = json.loads((tmp_path / "backup.json").read_text(encoding="utf-8"))
        assert canonical(archive) == canonical(archive_of(memory))
    finally:
        memory.close()


@needs_pg
def test_backup_of_postgresql_is_a_repeatable_read_archive_that_restores(tmp_path: Path) -> None:
    url = require_pg_url()
    with pg_schema(url) as engine:
        upgrade(engine)
        source = open_workspace(bind=engine, name="source")
        with source.transaction() as session:
            build(session, FULL)
        assert backup(source, tmp_path / "team.json") == "archive"
        target = open_workspace(bind=engine, name="target")
        restore(target, tmp_path / "team.json")
        assert canonical(archive_of(target)) == canonical(archive_of(source))


# --- restore ---------------------------------------------------------------------------------


def archive_file(workspace: Workspace, path: Path, **change: Any) -> Path:
    """An archive of a network in another workspace on the same connection."""
    source = open_workspace(bind=workspace.bind, name=f"src-{uuid.uuid4().hex[:10]}")
    with source.transaction() as session:
        build(session, FULL)
        archive = export_archive(session) | change
    path.write_text(json.dumps(archive), encoding="utf-8")
    return path


def names(session: Session) -> list[str]:
    query = select(Person.name).where(Person.workspace_id == session.info["workspace_id"])
    return sorted(session.scalars(query))


def test_restore_refuses_a_workspace_with_data_unless_forced(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = archive_file(workspace, tmp_path / "a.json")
    with workspace.transaction() as session:
        create_person(session, fields=PersonFields(name="Zoe Kept"))
    with pytest.raises(Conflict, match="not empty"):
        restore(workspace, path)
    with workspace.transaction() as session:
        assert names(session) == ["Me", "Zoe Kept"]
    restore(workspace, path, force=True)
    with workspace.transaction() as session:
        assert names(session) == sorted(["Me", *(p.name for p in FULL.people)])


def test_restore_reads_a_streamed_archive(workspace: Workspace, tmp_path: Path) -> None:
    source = open_workspace(bind=workspace.bind, name=f"src-{uuid.uuid4().hex[:10]}")
    path = tmp_path / "streamed.json"
    with source.transaction() as session, path.open("w", encoding="utf-8") as out:
        build(session, FULL)
        write_archive(session, out)
    restore(workspace, path)
    assert canonical(archive_of(workspace)) == canonical(archive_of(source))


def test_restore_refuses_an_archive_from_a_newer_goodword(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = archive_file(workspace, tmp_path / "new.json", version=VERSION + 1)
    with pytest.raises(MalformedFile, match="newer goodword") as raised:
        restore(workspace, path)
    assert "new.json" in str(raised.value)
    with workspace.transaction() as session:
        assert names(session) == ["Me"]


def _not_goodword_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE recipes (name TEXT)")
    sqlite3.connect(path).close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "neither a goodword archive"),
        (b"", "not valid JSON"),
        (b'{"format": "goodword-archive",\n  "version": ', "bad.bin:2: is not valid JSON"),
        (b"[1, 2, 3]", "not a goodword archive"),
        (b'{"hello": "world"}', "not a goodword archive"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "not a goodword database"),
        (None, "not a goodword database"),
    ],
)
def test_restore_rejects_a_bad_file_clearly_and_changes_nothing(
    workspace: Workspace, tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "bad.bin"
    if content is None:
        _not_goodword_sqlite(path)
    else:
        path.write_bytes(content)
    with pytest.raises(MalformedFile, match=message) as raised:
        restore(workspace, path)
    assert raised.value.path == str(path)
    with workspace.transaction() as session:
        assert names(session) == ["Me"]


def test_restore_of_a_missing_file_says_so(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        restore(workspace, tmp_path / "nowhere.json")


def test_sqlite_restore_falls_back_to_the_only_workspace(live: Workspace, tmp_path: Path) -> None:
    backup(live, tmp_path / "backup.db")
    other = open_workspace(str(tmp_path / "other.db"), name="team")
    try:
        restore(other, tmp_path / "backup.db")
        assert canonical(archive_of(other)) == canonical(archive_of(live))
    finally:
        other.close()


def test_sqlite_restore_names_the_workspaces_when_none_matches(
    live: Workspace, tmp_path: Path
) -> None:
    open_workspace(str(tmp_path / "live.db"), name="second").close()
    backup(live, tmp_path / "backup.db")
    other = open_workspace(str(tmp_path / "other.db"), name="team")
    try:
        with pytest.raises(MalformedFile, match="default, second"):
            restore(other, tmp_path / "backup.db")
        assert people_count(other) == 1
    finally:
        other.close()


def test_sqlite_restore_refuses_a_backup_from_a_newer_goodword(
    live: Workspace, tmp_path: Path
) -> None:
    backup(live, tmp_path / "backup.db")
    with sqlite3.connect(tmp_path / "backup.db") as db:
        db.execute("UPDATE alembic_version SET version_num = '29991231_9999'")
    db.close()
    other = open_workspace(str(tmp_path / "other.db"), name="default")
    try:
        with pytest.raises(SchemaOutOfDate, match="newer goodword"):
            restore(other, tmp_path / "backup.db")
        assert people_count(other) == 1
    finally:
        other.close()


def test_a_backup_sqlite_cannot_write_is_one_clear_error(live: Workspace) -> None:
    with pytest.raises(InvalidInput, match=r"Cannot back up to /proc/goodword\.db"):
        backup(live, Path("/proc/goodword.db"))


def test_restore_of_a_damaged_backup_blames_the_backup(live: Workspace, tmp_path: Path) -> None:
    dest = tmp_path / "backup.db"
    backup(live, dest)
    data = bytearray(dest.read_bytes())
    page = 4096
    data[2 * page :] = bytes(len(data) - 2 * page)  # every table's pages, zeroed
    dest.write_bytes(bytes(data))
    target = open_workspace(str(tmp_path / "target.db"))
    with pytest.raises(MalformedFile) as raised:
        restore(target, dest)
    assert raised.value.path == str(dest)

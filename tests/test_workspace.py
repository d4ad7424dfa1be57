"""Transactions on a workspace: writers take turns, readers never wait, reads never write."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from conftest import BACKENDS, pg_schema, require_pg_url
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person
from goodword.storage.schema import upgrade
from goodword.workspace import Workspace, open_workspace

# Long enough for a thread that is not blocked to finish on a busy machine.
PATIENCE = 20.0


@pytest.fixture(params=BACKENDS)
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """A workspace on its own engine, as a command or web request gets it (no test savepoint)."""
    if request.param == "sqlite":
        workspace = open_workspace(str(tmp_path / "goodword.db"))
        yield workspace
        workspace.close()
        return
    with pg_schema(require_pg_url()) as engine:
        upgrade(engine)
        yield open_workspace(bind=engine)


def names(workspace: Workspace) -> set[str]:
    with workspace.read() as session:
        return set(session.scalars(select(Person.name).where(~Person.is_me)))


def test_a_writer_waits_for_the_one_before_it_and_then_sees_its_work(shared: Workspace) -> None:
    first_wrote, release_first = threading.Event(), threading.Event()
    seen_by_second: list[set[str]] = []

    def first() -> None:
        with shared.transaction() as session:
            create_person(session, fields=PersonFields(name="First"))
            first_wrote.set()
            release_first.wait(PATIENCE)

    def second() -> None:
        first_wrote.wait(PATIENCE)
        with shared.transaction() as session:
            # Read before writing: the pattern that failed when the lock came only at the write.
            seen_by_second.append(set(session.scalars(select(Person.name))))
            create_person(session, fields=PersonFields(name="Second"))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_wrote.wait(PATIENCE)
    threads[1].join(0.5)  # the second writer is queued behind the first, not failing
    release_first.set()
    for thread in threads:
        thread.join(PATIENCE)

    assert len(seen_by_second) == 1
    assert "First" in seen_by_second[0]
    assert names(shared) == {"First", "Second"}


def test_a_reader_does_not_wait_for_a_writer(shared: Workspace) -> None:
    wrote, release = threading.Event(), threading.Event()

    def writer() -> None:
        with shared.transaction() as session:
            create_person(session, fields=PersonFields(name="Uncommitted"))
            wrote.set()
            release.wait(PATIENCE)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert wrote.wait(PATIENCE)
        assert names(shared) == set()  # read while the writer holds the lock
    finally:
        release.set()
        thread.join(PATIENCE)
    assert names(shared) == {"Uncommitted"}


def test_a_read_transaction_refuses_to_write(workspace: Workspace) -> None:
    with pytest.raises(RuntimeError, match="cannot write"), workspace.read() as session:
        create_person(session, fields=PersonFields(name="Sneaky"))


def test_data_version_changes_when_a_write_commits_and_not_on_reads(workspace: Workspace) -> None:
    before = workspace.data_version()
    with workspace.read() as session:
        session.scalar(select(Person.id).limit(1))
    assert workspace.data_version() == before
    with workspace.transaction() as session:
        create_person(session, fields=PersonFields(name="Aoife Byrne"))
    after = workspace.data_version()
    assert after != before
    with workspace.transaction(commit=False) as session:
        create_person(session, fields=PersonFields(name="Dev Raman"))
    assert workspace.data_version() == after

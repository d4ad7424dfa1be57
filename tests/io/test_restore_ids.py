"""Restoring an archive where its ids are free keeps them: `#20` is still `#20`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from test_archive import FULL, build

from conftest import BACKENDS, pg_schema, require_pg_url
from goodword.io.archive import archived_tables, export_archive, import_archive
from goodword.people.service import PersonFields, create_person, get_owner
from goodword.profiles.forget import delete_person
from goodword.referrals.service import add_referral
from goodword.storage.engine import make_engine
from goodword.storage.schema import upgrade
from goodword.workspace import open_workspace


@pytest.fixture(params=BACKENDS)
def fresh_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A newly migrated database of its own, so no other test's rows hold any id."""
    if request.param == "sqlite":
        engine = make_engine(str(tmp_path / "fresh.db"))
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    with pg_schema(require_pg_url()) as engine:
        upgrade(engine)
        yield engine


def archive_with_gaps(tmp_path: Path) -> dict[str, Any]:
    """A network whose ids have holes, as a year of adding and deleting leaves them."""
    source = open_workspace(str(tmp_path / "source.db"), name="default")
    try:
        with source.transaction() as session:
            gone = [create_person(session, fields=PersonFields(name=f"Gone {n}")) for n in (1, 2)]
            build(session, FULL)
            for person in gone:
                delete_person(session, person=person)
            archive = export_archive(session)
    finally:
        source.close()
    loaded: dict[str, Any] = json.loads(json.dumps(archive))
    return loaded


def ids_of(archive: dict[str, Any]) -> dict[str, list[int]]:
    return {
        name: sorted(row["id"] for row in rows if "id" in row)
        for name, rows in archive["tables"].items()
    }


def test_a_restore_into_an_empty_database_keeps_every_id(
    fresh_engine: Engine, tmp_path: Path
) -> None:
    archive = archive_with_gaps(tmp_path)
    target = open_workspace(bind=fresh_engine, name="default")

    with target.transaction() as session:
        import_archive(session, archive)
        restored = export_archive(session)

    assert ids_of(restored) == ids_of(archive)
    assert all(archive["tables"][table.name] for table in archived_tables() if "id" in table.c)
    assert restored["tables"]["ledger_entry"] == archive["tables"]["ledger_entry"]


def test_after_a_restore_new_rows_take_new_ids(fresh_engine: Engine, tmp_path: Path) -> None:
    archive = archive_with_gaps(tmp_path)
    target = open_workspace(bind=fresh_engine, name="default")
    with target.transaction() as session:
        import_archive(session, archive)
    top = max(ids_of(archive)["person"])

    with target.transaction() as session:
        ann = create_person(session, fields=PersonFields(name="New Ann"))
        dev = create_person(session, fields=PersonFields(name="New Dev"))
        referral = add_referral(
            session,
            referrer=ann,
            prospect=dev,
            receiver=get_owner(session),
            currency="GBP",
            at=datetime(2026, 3, 2, tzinfo=UTC),
        )

    assert top < ann.id < dev.id
    assert referral.id > max(ids_of(archive)["referral"])

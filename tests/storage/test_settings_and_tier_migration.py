"""Revision 0008: settings start empty (every default holds), people already known follow the
suggested tier, and the owner is found by index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, inspect, select, text

from conftest import BACKENDS, pg_schema, require_pg_url
from goodword.models import metadata
from goodword.storage.engine import make_engine
from goodword.storage.schema import upgrade


@pytest.fixture(params=BACKENDS)
def at_0007(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A new database migrated to the revision before the one under test."""
    if request.param == "sqlite":
        engine = make_engine(str(tmp_path / "old.db"))
        upgrade(engine, "0007")
        yield engine
        engine.dispose()
        return
    with pg_schema(require_pg_url()) as engine:
        upgrade(engine, "0007")
        yield engine


def test_upgrading_keeps_everyone_on_the_suggested_tier(at_0007: Engine) -> None:
    with at_0007.begin() as db:
        db.execute(insert(metadata.tables["workspace"]).values(id=1, name="default"))
        db.execute(
            text(
                "INSERT INTO person (id, workspace_id, name, kind, is_me, created_at, updated_at) "
                "VALUES (1, 1, 'Me', 'person', true, '2026-11-01 09:00:00', "
                "'2026-11-01 09:00:00'), (2, 1, 'Ann Lee', 'person', false, "
                "'2026-11-01 09:00:00', '2026-11-01 09:00:00')"
            )
        )

    upgrade(at_0007)

    person, setting = metadata.tables["person"], metadata.tables["setting"]
    with at_0007.begin() as db:
        assert db.execute(select(person.c.name, person.c.tier).order_by(person.c.id)).all() == [
            ("Me", None),
            ("Ann Lee", None),
        ]
        assert db.execute(select(setting)).all() == []
        db.execute(person.update().where(person.c.id == 2).values(tier="inner"))
        assert db.scalar(select(person.c.tier).where(person.c.id == 2)) == "inner"
    assert "ix_person_owner" in {i["name"] for i in inspect(at_0007).get_indexes("person")}

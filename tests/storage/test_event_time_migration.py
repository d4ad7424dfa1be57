"""Revision 0007: an event keeps its time of day; events from before keep theirs unknown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select, text

from conftest import BACKENDS, pg_schema, require_pg_url
from goodword.models import metadata
from goodword.storage.engine import make_engine
from goodword.storage.schema import upgrade


@pytest.fixture(params=BACKENDS)
def at_0006(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A new database migrated to the revision before the one under test."""
    if request.param == "sqlite":
        engine = make_engine(str(tmp_path / "old.db"))
        upgrade(engine, "0006")
        yield engine
        engine.dispose()
        return
    with pg_schema(require_pg_url()) as engine:
        upgrade(engine, "0006")
        yield engine


def test_upgrading_keeps_every_event_with_its_time_unknown(at_0006: Engine) -> None:
    with at_0006.begin() as db:
        db.execute(insert(metadata.tables["workspace"]).values(id=1, name="default"))
        db.execute(
            text(
                "INSERT INTO event (id, workspace_id, name, starts_on, created_at) "
                "VALUES (1, 1, 'Chamber breakfast', '2026-11-20', '2026-11-01 09:00:00')"
            )
        )

    upgrade(at_0006)

    event = metadata.tables["event"]
    with at_0006.begin() as db:
        assert db.execute(select(event.c.starts_on, event.c.starts_time)).one() == (
            date(2026, 11, 20),
            None,
        )
        db.execute(event.update().values(starts_time=time(7, 30)))
        assert db.scalar(select(event.c.starts_time)) == time(7, 30)

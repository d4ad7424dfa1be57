"""Revision 0009: everyone already known gets the search text the application would write,
so a database upgraded with people in it finds them at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select, text

from conftest import BACKENDS, pg_schema, require_pg_url
from goodword.models import metadata
from goodword.people.queries import PeopleFilter, count_people, search_people
from goodword.people.search import refresh_search
from goodword.storage.engine import make_engine
from goodword.storage.schema import upgrade
from goodword.workspace import open_workspace
from people.test_search import CHECK_INDEX


@pytest.fixture(params=BACKENDS)
def at_0008(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(str(tmp_path / "old.db"))
        upgrade(engine, "0008")
        yield engine
        engine.dispose()
        return
    with pg_schema(require_pg_url()) as engine:
        upgrade(engine, "0008")
        yield engine


ROWS = (
    "INSERT INTO person (id, workspace_id, name, kind, is_me, industry, created_at, updated_at) "
    "VALUES (1, 1, 'Me', 'person', true, NULL, '2026-11-01', '2026-11-01'), "
    "(2, 1, 'Zoë Roy', 'person', false, 'Banking', '2026-11-01', '2026-11-01')",
    "INSERT INTO organisation (id, workspace_id, name, created_at) "
    "VALUES (1, 1, 'Société Générale', '2026-11-01'), (2, 1, 'Old Bank', '2026-11-01')",
    "INSERT INTO employment (id, workspace_id, person_id, org_id, title, ended_on) "
    "VALUES (1, 1, 2, 1, 'Directrice', NULL), (2, 1, 2, 2, 'Clerk', '2020-01-01')",
    "INSERT INTO handle (id, workspace_id, person_id, kind, value, is_primary, is_normalised) "
    "VALUES (1, 1, 2, 'email', 'zoe@sg.fr', true, true)",
    "INSERT INTO note (id, workspace_id, person_id, body, created_at) "
    "VALUES (1, 1, 2, 'Met at VivaTech', '2026-11-01')",
)


def test_upgrading_makes_everyone_findable_as_the_application_would(at_0008: Engine) -> None:
    with at_0008.begin() as db:
        db.execute(insert(metadata.tables["workspace"]).values(id=1, name="default"))
        for statement in ROWS:
            db.execute(text(statement))

    upgrade(at_0008)

    search = metadata.tables["person_search"]
    with at_0008.connect() as db:
        migrated = db.execute(select(search).order_by(search.c.person_id)).all()
        if at_0008.dialect.name == "sqlite":
            db.execute(text(CHECK_INDEX))
    workspace = open_workspace(bind=at_0008)
    with workspace.transaction() as session:
        names = {q: [p.name for p in search_people(session, query=q)] for q in
                 ("societe", "ZOE@SG", "vivatech", "directrice", "banking", "zoe")}  # fmt: skip
        assert names == {key: ["Zoë Roy"] for key in names}
        assert search_people(session, query="clerk", fuzzy=False) == []  # a past job
        assert count_people(session, only=PeopleFilter(org="old bank")) == 0
        refresh_search(session)
        rebuilt = session.execute(select(search).order_by(search.c.person_id)).all()
    assert migrated == rebuilt

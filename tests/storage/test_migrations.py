"""The migrations build exactly the schema the models describe, alike on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, make_url, text

import goodword.models
from conftest import BACKENDS, needs_pg, pg_schema, require_pg_url
from goodword.errors import SchemaOutOfDate
from goodword.storage.engine import make_engine
from goodword.storage.schema import (
    alembic_config,
    current_revision,
    head_revision,
    is_modelled,
    known_revisions,
    upgrade,
)
from goodword.workspace import open_workspace

WITHOUT_WORKSPACE = {"workspace", "alembic_version"}


def _fresh_sqlite(tmp: Path) -> Iterator[Engine]:
    engine = make_engine(str(tmp / "fresh.db"))
    yield engine
    engine.dispose()


def _fresh_pg() -> Iterator[Engine]:
    url = require_pg_url()
    with pg_schema(url) as engine:
        yield engine


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    for engine in _fresh_sqlite(tmp_path_factory.mktemp("migrated")):
        upgrade(engine)
        yield engine


@pytest.fixture(scope="module")
def migrated_pg() -> Iterator[Engine]:
    for engine in _fresh_pg():
        upgrade(engine)
        yield engine


@pytest.fixture(params=BACKENDS)
def migrated(request: pytest.FixtureRequest) -> Engine:
    """A database upgraded from empty to head by the migrations alone."""
    name = "migrated_sqlite" if request.param == "sqlite" else "migrated_pg"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


def test_upgrading_an_empty_database_reaches_the_head_revision(migrated: Engine) -> None:
    assert current_revision(migrated) == head_revision()
    with migrated.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head_revision()
    tables = {t for t in inspect(migrated).get_table_names() if is_modelled(t, "table")}
    assert set(goodword.models.metadata.tables) | {"alembic_version"} == tables


def test_the_revisions_read_from_file_names_are_alembics_own() -> None:
    # Opening a database reads the file names instead of importing Alembic (see schema.py).
    script = ScriptDirectory.from_config(alembic_config())
    oldest_first = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert list(known_revisions()) == oldest_first
    assert head_revision() == script.get_current_head()


def test_a_database_before_its_first_migration_has_no_revision(tmp_path: Path) -> None:
    for engine in _fresh_sqlite(tmp_path):
        assert current_revision(engine) is None


def test_the_migrations_and_the_models_agree(migrated: Engine) -> None:
    with migrated.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": is_modelled}
        )
        assert compare_metadata(context, goodword.models.metadata) == []


def test_every_table_but_the_workspace_itself_belongs_to_a_workspace(migrated: Engine) -> None:
    inspector = inspect(migrated)
    missing = [
        table
        for table in inspector.get_table_names()
        if table not in WITHOUT_WORKSPACE
        and is_modelled(table, "table")
        and "workspace_id" not in {c["name"] for c in inspector.get_columns(table)}
    ]
    assert missing == []


def test_every_model_table_but_the_workspace_itself_has_a_workspace_id() -> None:
    missing = [
        table.name
        for table in goodword.models.metadata.sorted_tables
        if table.name not in WITHOUT_WORKSPACE and "workspace_id" not in table.c
    ]
    assert missing == []


def _constraint_names(engine: Engine) -> dict[str, set[str | None]]:
    inspector = inspect(engine)
    names: dict[str, set[str | None]] = {}
    for table in goodword.models.metadata.tables:
        names[table] = (
            {c["name"] for c in inspector.get_unique_constraints(table)}
            | {c["name"] for c in inspector.get_foreign_keys(table)}
            | {c["name"] for c in inspector.get_check_constraints(table)}
            | {c["name"] for c in inspector.get_indexes(table)}
            | {inspector.get_pk_constraint(table)["name"]}
        )
    return names


@needs_pg
def test_constraint_names_are_the_same_on_sqlite_and_postgresql(
    migrated_sqlite: Engine, migrated_pg: Engine
) -> None:
    on_sqlite, on_pg = _constraint_names(migrated_sqlite), _constraint_names(migrated_pg)
    assert on_sqlite == on_pg
    assert {"uq_handle_workspace_id_kind_value", "fk_handle_person_id_person"} <= on_pg["handle"]
    assert {
        "uq_relationship_workspace_id_person_a_id_person_b_id",
        "ck_relationship_ordered_pair",
        "fk_relationship_person_a_id_person",
    } <= on_pg["relationship"]


def test_opening_a_new_sqlite_file_creates_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "new" / "goodword.db"
    workspace = open_workspace(str(path))
    try:
        assert path.exists()
        assert [p.name for p in path.parent.iterdir() if ".before-" in p.name] == []
        assert current_revision(workspace.engine) == head_revision()
        with workspace.transaction() as session:
            assert session.execute(text("SELECT count(*) FROM person WHERE is_me")).scalar() == 1
    finally:
        workspace.close()


def test_a_sqlite_file_from_a_newer_goodword_is_refused_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "goodword.db"
    open_workspace(str(path)).close()
    engine = make_engine(str(path))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffffffff'"))
    engine.dispose()
    with pytest.raises(SchemaOutOfDate, match="newer goodword") as caught:
        open_workspace(str(path))
    assert "Upgrade goodword" in str(caught.value)
    assert current_revision(engine) == "ffffffff"
    engine.dispose()


def _only_schema(url: str, schema: pg_schema) -> str:
    only_this_schema = {"options": f"-csearch_path={schema.name}"}
    return make_url(url).update_query_dict(only_this_schema).render_as_string(False)


@needs_pg
def test_an_upgraded_postgresql_database_opens_with_its_owner() -> None:
    url = require_pg_url()
    schema = pg_schema(url)
    with schema:
        upgrade(schema.engine)
        workspace = open_workspace(_only_schema(url, schema), name="team")
        try:
            with workspace.transaction() as session:
                owners = session.execute(
                    text("SELECT count(*) FROM person WHERE is_me AND workspace_id = :w"),
                    {"w": workspace.id},
                ).scalar()
            assert owners == 1
        finally:
            workspace.close()


@needs_pg
def test_an_empty_postgresql_database_asks_for_goodword_init() -> None:
    url = require_pg_url()
    schema = pg_schema(url)
    with schema:
        with pytest.raises(SchemaOutOfDate, match="no goodword schema") as caught:
            open_workspace(_only_schema(url, schema))
        assert caught.value.hint is not None
        assert "goodword init" in caught.value.hint
        assert inspect(schema.engine).get_table_names() == []

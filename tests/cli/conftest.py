"""Running the real `goodword` command on SQLite and on PostgreSQL.

SQLite: each test gets its own copy of a migrated file. PostgreSQL: one migrated throw-away
schema per run, and each test its own workspace (`GOODWORD_WORKSPACE`), which is how team mode
keeps tenants apart too. Either way the command is given the database with `--db`.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cli.support import Cli, Database, schema_url
from conftest import BACKENDS, pg_schema, require_pg_url
from goodword.storage.engine import make_engine
from goodword.storage.schema import upgrade


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies, so migrations run once."""
    path = tmp_path_factory.mktemp("cli-template") / "goodword.db"
    engine = make_engine(str(path))
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_cli_url() -> Iterator[str]:
    """A migrated throw-away schema for the whole run, as a URL the CLI can open."""
    url = require_pg_url()
    schema = pg_schema(url)
    with schema as engine:
        upgrade(engine)
        yield schema_url(url, schema.name)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    """A migrated database with a workspace of its own for this test."""
    if backend == "sqlite":
        path = tmp_path / "goodword.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return Database(backend, str(path), None)
    url = request.getfixturevalue("pg_cli_url")
    return Database(backend, url, f"test-{uuid.uuid4().hex}")


@pytest.fixture
def empty_database(backend: str, tmp_path: Path) -> Iterator[Database]:
    """A database without the goodword schema: a new file, or a new empty schema."""
    if backend == "sqlite":
        yield Database(backend, str(tmp_path / "new" / "goodword.db"), None)
        return
    url = require_pg_url()
    schema = pg_schema(url)
    with schema:
        yield Database(backend, schema_url(url, schema.name), None)


@pytest.fixture
def cli(database: Database) -> Cli:
    return Cli(database)


@pytest.fixture
def empty_cli(empty_database: Database) -> Cli:
    return Cli(empty_database)


@pytest.fixture
def cli_json(cli: Cli) -> Callable[..., Any]:
    return cli.json

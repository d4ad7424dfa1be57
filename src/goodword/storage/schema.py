"""Creating and upgrading the schema through the packaged Alembic migrations.

Every command opens the database and checks its schema revision, so that check must be
cheap: it reads the revision table and the names of the migration files, and Alembic (a
fifth of a second to import) is loaded only when the schema has to change.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, String, column, inspect, select, table

from goodword.storage.engine import make_engine, write_bind

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# Date-named revision files keep the history readable in a listing, and name the revision
# each holds: `20261127_0001_create_the_goodword_schema.py` holds revision 0001.
FILE_TEMPLATE = "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s"
_REVISION_FILE = re.compile(r"^\d{8}_(?P<rev>[0-9A-Za-z]+)_\w*\.py$")
# Where Alembic records the revision a database is at (its defaults, which env.py keeps).
# SQLite's full-text index over `person_search` and its shadow tables: built by a migration
# in raw SQL, outside the models, which therefore never compare against them.
SEARCH_INDEX_PREFIX = "person_search_fts"


def is_modelled(name: str | None, type_: str, _parents: object = None) -> bool:
    """False for the tables of the search index (Alembic's `include_name` hook)."""
    return not (type_ == "table" and (name or "").startswith(SEARCH_INDEX_PREFIX))


_VERSION_TABLE = table("alembic_version", column("version_num", String(32)))


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", FILE_TEMPLATE)
    config.attributes["engine"] = engine
    return config


def known_revisions() -> tuple[str, ...]:
    """Every revision this version can migrate to, oldest first, from the file names.

    The history is linear and files sort by date, then by revision within a day; a test
    checks that this agrees with Alembic's own reading of the scripts.
    """
    names = sorted(p.name for p in (MIGRATIONS / "versions").iterdir())
    return tuple(m["rev"] for m in map(_REVISION_FILE.match, names) if m)


def head_revision() -> str:
    return known_revisions()[-1]


def is_known(revision: str) -> bool:
    """False for a revision from a newer goodword, which this version must not touch."""
    return revision in known_revisions()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None before its first migration."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(_VERSION_TABLE.name):
            return None
        return connection.scalar(select(_VERSION_TABLE.c.version_num))


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrates under the write lock, so of several processes opening a new database at
    once one creates the schema and the others, once it is done, find nothing to do."""
    from alembic import command

    with write_bind(engine, 0).begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def upgrade_database(target: str) -> tuple[str | None, str]:
    """Migrates the database at `target` (a path or URL) to the head; (before, after)."""
    engine = make_engine(target)
    try:
        before = current_revision(engine)
        upgrade(engine)
        return before, current_revision(engine) or head_revision()
    finally:
        engine.dispose()


def database_revision(target: str) -> str | None:
    """The revision the database at `target` is at; None before its first migration."""
    engine = make_engine(target)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()

"""Creating and upgrading the schema through the packaged Alembic migrations."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from goodword.storage.engine import make_engine, write_bind

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Date-named revision files keep the history readable in a listing.
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrates under the write lock, so of several processes opening a new database at
    once one creates the schema and the others, once it is done, find nothing to do."""
    with write_bind(engine, 0).begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def is_known(revision: str) -> bool:
    """False for a revision from a newer goodword, which this version must not touch."""
    script = ScriptDirectory.from_config(alembic_config())
    return any(rev.revision == revision for rev in script.walk_revisions())


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

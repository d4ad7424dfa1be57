"""Alembic environment: runs on the connection goodword hands it (see storage.schema)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from goodword.models import metadata
from goodword.storage.schema import is_modelled


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=is_modelled,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("goodword migrations run through `goodword db upgrade`.")
run_migrations(connection)

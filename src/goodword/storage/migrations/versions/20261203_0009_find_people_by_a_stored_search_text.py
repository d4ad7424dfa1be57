"""find people by a stored search text: each person's folded name, organisations and the rest,
indexed, instead of folding every row on each search

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite's trigram index finds a substring of three letters or more without reading every
# row; it follows `person_search` through these triggers (an external-content FTS5 table).
SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE person_search_fts USING fts5("
    "body, content='person_search', content_rowid='person_id', tokenize='trigram')",
    "CREATE TRIGGER person_search_fts_insert AFTER INSERT ON person_search BEGIN "
    "INSERT INTO person_search_fts(rowid, body) VALUES (new.person_id, new.body); END",
    "CREATE TRIGGER person_search_fts_delete AFTER DELETE ON person_search BEGIN "
    "INSERT INTO person_search_fts(person_search_fts, rowid, body) "
    "VALUES ('delete', old.person_id, old.body); END",
    "CREATE TRIGGER person_search_fts_update AFTER UPDATE ON person_search BEGIN "
    "INSERT INTO person_search_fts(person_search_fts, rowid, body) "
    "VALUES ('delete', old.person_id, old.body); "
    "INSERT INTO person_search_fts(rowid, body) VALUES (new.person_id, new.body); END",
)


def upgrade() -> None:
    op.create_table(
        "person_search",
        sa.Column("person_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("org_key", sa.Text(), server_default="", nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_search_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_person_search_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_person_search")),
    )
    op.create_index(
        "ix_person_search_workspace_name",
        "person_search",
        ["workspace_id", "name_key", "person_id"],
        unique=False,
    )
    # The tier filter reads the few people set to a tier without passing everyone.
    op.create_index("ix_person_workspace_tier", "person", ["workspace_id", "tier"], unique=False)
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for statement in SQLITE_INDEX:
            op.execute(statement)
    _fill(connection)


def _fill(connection: sa.Connection) -> None:
    """Every workspace's rows, built by the code that keeps them current."""
    from goodword.people.search import refresh_search

    for (wid,) in connection.execute(sa.text("SELECT id FROM workspace")):
        with Session(bind=connection, info={"workspace_id": wid}) as session:
            refresh_search(session)
            session.flush()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE person_search_fts")
    op.drop_index("ix_person_workspace_tier", table_name="person")
    op.drop_index("ix_person_search_workspace_name", table_name="person_search")
    op.drop_table("person_search")

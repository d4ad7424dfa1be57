"""find people by a stored search text: each person's folded name, organisations and the rest,
indexed, instead of folding every row on each search

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite's trigram index finds a substring of three letters or more without reading every
# row (an external-content FTS5 table over `person_search`). The application adds the rows
# it writes (in bulk, which is far faster than a trigger row by row); these triggers take
# out rows deleted or changed by any means, a person's deletion cascading included.
SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE person_search_fts USING fts5("
    "body, content='person_search', content_rowid='person_id', tokenize='trigram')",
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
    indexed = connection.dialect.name == "sqlite" and _trigrams(connection)
    if indexed:
        for statement in SQLITE_INDEX:
            op.execute(statement)
    _fill(connection)
    if indexed:
        op.execute("INSERT INTO person_search_fts(person_search_fts) VALUES ('rebuild')")


def _trigrams(connection: sa.Connection) -> bool:
    """Whether this SQLite has FTS5's trigram tokenizer (3.34 and later, built with FTS5);
    without it people are searched by scanning their rows, slower but the same answers."""
    try:
        connection.exec_driver_sql(
            "CREATE VIRTUAL TABLE temp.goodword_trigram_probe USING fts5(x, tokenize='trigram')"
        )
    except sa.exc.OperationalError:
        return False
    connection.exec_driver_sql("DROP TABLE temp.goodword_trigram_probe")
    return True


# What each person is found by, as the code of this revision builds it (people.search): kept
# here as it stood, so later changes to that code never change what this revision does.
_DETAILS = (
    "SELECT person_id, value FROM handle",
    "SELECT person_id, title FROM employment WHERE ended_on IS NULL",
    "SELECT e.person_id, o.name FROM employment e JOIN organisation o ON o.id = e.org_id "
    "WHERE e.ended_on IS NULL",
    "SELECT pt.person_id, t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id",
    "SELECT person_id, body FROM note",
)
_ORGS = 2  # the current organisations, which the organisation filter reads alone


def _fill(connection: sa.Connection) -> None:
    from goodword.text import fold

    def key(text: str) -> str:
        return " ".join(fold(text).split())

    found: list[dict[int, list[str]]] = []
    for query in _DETAILS:
        by_person: dict[int, list[str]] = {}
        for pid, value in connection.execute(sa.text(query)):
            if value:
                by_person.setdefault(pid, []).append(value)
        found.append(by_person)
    people = connection.execute(
        sa.text("SELECT id, workspace_id, name, industry, city, country FROM person")
    )
    rows = [
        {
            "person_id": pid,
            "workspace_id": wid,
            "name_key": fold(name)[:200],  # folding can lengthen a name past the column
            "org_key": "\n".join(key(o) for o in found[_ORGS].get(pid, [])),
            "body": "\n".join(
                key(t) for t in (name, *fields, *(v for f in found for v in f.get(pid, []))) if t
            ),
        }
        for pid, wid, name, *fields in people
    ]
    target = sa.table(
        "person_search", *(sa.column(c) for c in ("person_id", "workspace_id", "name_key",
                                                  "org_key", "body"))
    )  # fmt: skip
    for start in range(0, len(rows), 5000):
        connection.execute(sa.insert(target), rows[start : start + 5000])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE person_search_fts")
    op.drop_index("ix_person_workspace_tier", table_name="person")
    op.drop_index("ix_person_search_workspace_name", table_name="person_search")
    op.drop_table("person_search")

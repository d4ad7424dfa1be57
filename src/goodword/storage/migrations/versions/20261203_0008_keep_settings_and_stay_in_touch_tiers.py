"""keep workspace settings and each person's stay-in-touch tier; find the owner by index

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 13:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "setting",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_setting_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "key", name=op.f("pk_setting")),
    )
    # Everyone already known follows the suggested tier (NULL) until the user sets one.
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "tier",
                sa.Enum(
                    "inner",
                    "active",
                    "potential",
                    "none",
                    name="tier",
                    native_enum=False,
                    create_constraint=False,
                    length=20,
                ),
                nullable=True,
            )
        )
    # Every command looks the owner up; without this it scans the people of the workspace.
    op.create_index(
        "ix_person_owner",
        "person",
        ["workspace_id"],
        unique=False,
        sqlite_where=sa.text("is_me = 1"),
        postgresql_where=sa.text("is_me"),
    )


def downgrade() -> None:
    op.drop_index("ix_person_owner", table_name="person")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("tier")
    op.drop_table("setting")

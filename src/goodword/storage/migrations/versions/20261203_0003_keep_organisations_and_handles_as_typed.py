"""keep organisations and handles as typed: contact kind, and handles that did not normalise

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 05:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sa.Enum(
                    "person",
                    "organisation",
                    name="contactkind",
                    native_enum=False,
                    create_constraint=False,
                    length=20,
                ),
                server_default="person",
                nullable=False,
            )
        )
    with op.batch_alter_table("handle", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_normalised", sa.Boolean(), server_default=sa.true(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("handle", schema=None) as batch_op:
        batch_op.drop_column("is_normalised")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("kind")

"""a title needs no organisation: freelancers and independents have a role of their own

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("employment", schema=None) as batch_op:
        batch_op.alter_column("org_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    # A role at no organisation has no place in the older schema.
    op.execute("DELETE FROM employment WHERE org_id IS NULL")
    with op.batch_alter_table("employment", schema=None) as batch_op:
        batch_op.alter_column("org_id", existing_type=sa.Integer(), nullable=False)

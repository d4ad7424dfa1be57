"""keep an event's time of day: a breakfast at 07:30 is not an evening drinks on the same day

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Events added before kept only their day; their time stays unknown (NULL).
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("starts_time", sa.Time(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("starts_time")

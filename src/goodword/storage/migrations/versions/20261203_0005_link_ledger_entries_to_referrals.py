"""link ledger entries to referrals one to one: a referral is counted once in the ledger

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 10:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # goodword never wrote two entries for one referral; should a database hold them anyway,
    # the later ones stay as plain entries instead of failing the upgrade.
    op.execute(
        "UPDATE ledger_entry SET referral_id = NULL WHERE referral_id IS NOT NULL AND id > "
        "(SELECT MIN(first.id) FROM ledger_entry AS first "
        "WHERE first.referral_id = ledger_entry.referral_id)"
    )
    with op.batch_alter_table("ledger_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_entry_referral_id"))
        batch_op.create_index(
            batch_op.f("ix_ledger_entry_referral_id"), ["referral_id"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("ledger_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_entry_referral_id"))
        batch_op.create_index(
            batch_op.f("ix_ledger_entry_referral_id"), ["referral_id"], unique=False
        )

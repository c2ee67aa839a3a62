"""counters: shared counters for the sending limits (per-minute rate, per-day channel limits)

Revision ID: 0002
Revises: 0001
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_counters")),
    )
    op.create_index(op.f("ix_counters_expires_at"), "counters", ["expires_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_counters_expires_at"), table_name="counters")
    op.drop_table("counters")

"""processing-time facts: each UK day's API messages and how many were sent within 10 seconds

Revision ID: 0021
Revises: 0020
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: Union[str, Sequence[str], None] = "0020"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "ft_processing_time",
        sa.Column("bst_date", sa.Date(), nullable=False),
        sa.Column("messages_total", sa.Integer(), nullable=False),
        sa.Column("messages_within_10_secs", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("bst_date", name=op.f("pk_ft_processing_time")),
    )


def downgrade() -> None:
    op.drop_table("ft_processing_time")

"""scheduled retries: delivery and callback retries that outlive the process that scheduled them

Revision ID: 0006
Revises: 0005
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "scheduled_retries",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("notification_id", sa.Uuid(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", "notification_id", name=op.f("pk_scheduled_retries")),
    )
    op.create_index("ix_scheduled_retries_kind_due_at", "scheduled_retries", ["kind", "due_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_scheduled_retries_kind_due_at", table_name="scheduled_retries")
    op.drop_table("scheduled_retries")

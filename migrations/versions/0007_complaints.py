"""complaints: emails a recipient marked as spam, as the email provider reported them

Revision ID: 0007
Revises: 0006
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "complaints",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("notification_id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("ses_feedback_id", sa.String(), nullable=False),
        sa.Column("complaint_type", sa.String(), nullable=True),
        sa.Column("complaint_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=op.f("fk_complaints_service_id_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("ses_feedback_id", name=op.f("uq_complaints_ses_feedback_id")),
    )
    op.create_index(op.f("ix_complaints_notification_id"), "complaints", ["notification_id"], unique=False)
    op.create_index("ix_complaints_service_created_at", "complaints", ["service_id", "created_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_complaints_service_created_at", table_name="complaints")
    op.drop_index(op.f("ix_complaints_notification_id"), table_name="complaints")
    op.drop_table("complaints")

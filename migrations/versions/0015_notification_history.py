"""notification history: what is kept of a notification once its service's retention has ended (no recipient,
no content), filled by the nightly purge

Revision ID: 0015
Revises: 0019
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: Union[str, Sequence[str], None] = "0019"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "notification_history",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=True),
        sa.Column("job_row_number", sa.Integer(), nullable=True),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("template_id", sa.Uuid(), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("api_key_id", sa.Uuid(), nullable=True),
        sa.Column("key_type", sa.String(length=255), nullable=False),
        sa.Column("notification_type", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_by", sa.String(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reference", sa.String(), nullable=True),
        sa.Column("billable_units", sa.Integer(), server_default="0", nullable=False),
        sa.Column("client_reference", sa.String(), nullable=True),
        sa.Column("international", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("phone_prefix", sa.String(), nullable=True),
        sa.Column("rate_multiplier", sa.Float(), nullable=True),
        sa.Column("notification_status", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("postage", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"],
                                name=op.f("fk_notification_history_service_id_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_history")),
    )
    op.create_index(op.f("ix_notification_history_job_id"), "notification_history", ["job_id"], unique=False)
    op.create_index("ix_notification_history_service_created_at", "notification_history",
                    ["service_id", "created_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_notification_history_service_created_at", table_name="notification_history")
    op.drop_index(op.f("ix_notification_history_job_id"), table_name="notification_history")
    op.drop_table("notification_history")

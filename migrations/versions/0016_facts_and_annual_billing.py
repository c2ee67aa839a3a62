"""daily facts (billing and statuses, filled nightly from notifications) and free text message allowances per
financial year

Revision ID: 0016
Revises: 0015
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: Union[str, Sequence[str], None] = "0015"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "ft_billing",
        sa.Column("bst_date", sa.Date(), nullable=False),
        sa.Column("template_id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("notification_type", sa.String(length=255), nullable=False),
        sa.Column("provider", sa.String(), nullable=False),
        sa.Column("rate_multiplier", sa.Integer(), nullable=False),
        sa.Column("international", sa.Boolean(), nullable=False),
        sa.Column("rate", sa.Float(), nullable=False),
        sa.Column("postage", sa.String(), nullable=False),
        sa.Column("billable_units", sa.Integer(), nullable=False),
        sa.Column("notifications_sent", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bst_date", "template_id", "service_id", "notification_type", "provider",
                                "rate_multiplier", "international", "rate", "postage", name=op.f("pk_ft_billing")),
    )
    op.create_index("ix_ft_billing_service_id_bst_date", "ft_billing", ["service_id", "bst_date"], unique=False)
    op.create_table(
        "ft_notification_status",
        sa.Column("bst_date", sa.Date(), nullable=False),
        sa.Column("template_id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("notification_type", sa.String(length=255), nullable=False),
        sa.Column("key_type", sa.String(length=255), nullable=False),
        sa.Column("notification_status", sa.String(), nullable=False),
        sa.Column("notification_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bst_date", "template_id", "service_id", "job_id", "notification_type", "key_type",
                                "notification_status", name=op.f("pk_ft_notification_status")),
    )
    op.create_index("ix_ft_notification_status_service_id_bst_date", "ft_notification_status",
                    ["service_id", "bst_date"], unique=False)
    op.create_table(
        "annual_billing",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("financial_year_start", sa.Integer(), nullable=False),
        sa.Column("free_sms_fragment_limit", sa.Integer(), nullable=False),
        sa.Column("high_volume_service_last_year", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("has_custom_allowance", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=op.f("fk_annual_billing_service_id_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_billing")),
        sa.UniqueConstraint("service_id", "financial_year_start", name="uix_service_id_financial_year_start"),
    )
    op.create_index(op.f("ix_annual_billing_service_id"), "annual_billing", ["service_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_annual_billing_service_id"), table_name="annual_billing")
    op.drop_table("annual_billing")
    op.drop_index("ix_ft_notification_status_service_id_bst_date", table_name="ft_notification_status")
    op.drop_table("ft_notification_status")
    op.drop_index("ix_ft_billing_service_id_bst_date", table_name="ft_billing")
    op.drop_table("ft_billing")

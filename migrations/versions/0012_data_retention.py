"""data retention: how many days each service keeps each channel's notifications

Revision ID: 0012
Revises: 0007
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: Union[str, Sequence[str], None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "service_data_retention",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("notification_type", sa.String(length=255), nullable=False),
        sa.Column("days_of_retention", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"],
                                name=op.f("fk_service_data_retention_service_id_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_data_retention")),
        sa.UniqueConstraint("service_id", "notification_type", name="uix_service_data_retention"),
    )
    op.create_index(op.f("ix_service_data_retention_service_id"), "service_data_retention", ["service_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_service_data_retention_service_id"), table_name="service_data_retention")
    op.drop_table("service_data_retention")

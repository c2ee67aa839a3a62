"""one-click unsubscribe requests and the reports services download; users' security keys (WebAuthn)

Revision ID: 0017
Revises: 0016
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: Union[str, Sequence[str], None] = "0016"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "unsubscribe_request_report",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("earliest_timestamp", sa.DateTime(timezone=True), nullable=False),
        sa.Column("latest_timestamp", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("processed_by_service_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"],
                                name=op.f("fk_unsubscribe_request_report_service_id_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unsubscribe_request_report")),
    )
    op.create_index(op.f("ix_unsubscribe_request_report_service_id"), "unsubscribe_request_report", ["service_id"],
                    unique=False)
    op.create_table(
        "unsubscribe_request",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("notification_id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("template_id", sa.Uuid(), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("email_address", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("unsubscribe_request_report_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"],
                                name=op.f("fk_unsubscribe_request_service_id_services")),
        sa.ForeignKeyConstraint(["unsubscribe_request_report_id"], ["unsubscribe_request_report.id"],
                                name="fk_unsubscribe_request_report_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unsubscribe_request")),
    )
    op.create_index(op.f("ix_unsubscribe_request_notification_id"), "unsubscribe_request", ["notification_id"],
                    unique=False)
    op.create_index(op.f("ix_unsubscribe_request_unsubscribe_request_report_id"), "unsubscribe_request",
                    ["unsubscribe_request_report_id"], unique=False)
    op.create_index("ix_unsubscribe_request_service_id_created_at", "unsubscribe_request",
                    ["service_id", "created_at"], unique=False)
    op.create_table(
        "webauthn_credential",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("credential_data", sa.String(), nullable=False),
        sa.Column("registration_response", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("logged_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_webauthn_credential_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webauthn_credential")),
    )
    op.create_index(op.f("ix_webauthn_credential_user_id"), "webauthn_credential", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_webauthn_credential_user_id"), table_name="webauthn_credential")
    op.drop_table("webauthn_credential")
    op.drop_index("ix_unsubscribe_request_service_id_created_at", table_name="unsubscribe_request")
    op.drop_index(op.f("ix_unsubscribe_request_unsubscribe_request_report_id"), table_name="unsubscribe_request")
    op.drop_index(op.f("ix_unsubscribe_request_notification_id"), table_name="unsubscribe_request")
    op.drop_table("unsubscribe_request")
    op.drop_index(op.f("ix_unsubscribe_request_report_service_id"), table_name="unsubscribe_request_report")
    op.drop_table("unsubscribe_request_report")

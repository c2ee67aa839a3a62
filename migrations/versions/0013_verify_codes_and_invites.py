"""verification codes (the second factor at sign-in, stored as hashes) and invitations to join a service or an
organisation, and requests to join a service

Revision ID: 0013
Revises: 0012
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: Union[str, Sequence[str], None] = "0012"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "verify_codes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("code_type", sa.String(), nullable=False),
        sa.Column("code_hash", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expiry_datetime", sa.DateTime(timezone=True), nullable=False),
        sa.Column("code_used", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_verify_codes_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verify_codes")),
    )
    op.create_index("ix_verify_codes_user_id_code_type", "verify_codes", ["user_id", "code_type"], unique=False)
    op.create_table(
        "invited_users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("from_user_id", sa.Uuid(), nullable=False),
        sa.Column("email_address", sa.String(length=255), nullable=False),
        sa.Column("permissions", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("auth_type", sa.String(), nullable=False),
        sa.Column("folder_permissions", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=op.f("fk_invited_users_service_id_services")),
        sa.ForeignKeyConstraint(["from_user_id"], ["users.id"], name=op.f("fk_invited_users_from_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invited_users")),
    )
    op.create_index(op.f("ix_invited_users_service_id"), "invited_users", ["service_id"], unique=False)
    op.create_table(
        "invited_organisation_users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("invited_by_id", sa.Uuid(), nullable=False),
        sa.Column("email_address", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"],
                                name=op.f("fk_invited_organisation_users_organisation_id_organisation")),
        sa.ForeignKeyConstraint(["invited_by_id"], ["users.id"],
                                name=op.f("fk_invited_organisation_users_invited_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invited_organisation_users")),
    )
    op.create_index(op.f("ix_invited_organisation_users_organisation_id"), "invited_organisation_users",
                    ["organisation_id"], unique=False)
    op.create_table(
        "service_join_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("requester_id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("contacted_user_ids", sa.Text(), server_default="", nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status_changed_by_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["requester_id"], ["users.id"], name=op.f("fk_service_join_requests_requester_id_users")),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=op.f("fk_service_join_requests_service_id_services")),
        sa.ForeignKeyConstraint(["status_changed_by_id"], ["users.id"],
                                name=op.f("fk_service_join_requests_status_changed_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_join_requests")),
    )
    op.create_index(op.f("ix_service_join_requests_service_id"), "service_join_requests", ["service_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_service_join_requests_service_id"), table_name="service_join_requests")
    op.drop_table("service_join_requests")
    op.drop_index(op.f("ix_invited_organisation_users_organisation_id"), table_name="invited_organisation_users")
    op.drop_table("invited_organisation_users")
    op.drop_index(op.f("ix_invited_users_service_id"), table_name="invited_users")
    op.drop_table("invited_users")
    op.drop_index("ix_verify_codes_user_id_code_type", table_name="verify_codes")
    op.drop_table("verify_codes")

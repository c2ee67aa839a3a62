"""template folders, contact lists, report requests and template email files

Revision ID: 0018
Revises: 0013
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: Union[str, Sequence[str], None] = "0013"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TS = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "template_folder",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        _fk("template_folder", "service_id", "services"),
        _fk("template_folder", "parent_id", "template_folder"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_template_folder")),
    )
    op.create_index(op.f("ix_template_folder_service_id"), "template_folder", ["service_id"], unique=False)
    op.create_index(op.f("ix_template_folder_parent_id"), "template_folder", ["parent_id"], unique=False)
    op.create_table(
        "service_contact_list",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("original_file_name", sa.String(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("template_type", sa.String(length=255), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=True),
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        _fk("service_contact_list", "service_id", "services"),
        _fk("service_contact_list", "created_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_contact_list")),
    )
    op.create_index("ix_service_contact_list_service_created_at", "service_contact_list",
                    ["service_id", "created_at"], unique=False)
    op.create_table(
        "report_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("report_type", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=255), nullable=False),
        sa.Column("notification_type", sa.String(length=255), nullable=False),
        sa.Column("notification_status", sa.String(length=255), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=True),
        _fk("report_requests", "user_id", "users"),
        _fk("report_requests", "service_id", "services"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_requests")),
    )
    op.create_index("ix_report_requests_service_id_user_id", "report_requests", ["service_id", "user_id"],
                    unique=False)
    op.create_table(
        "template_email_files",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("template_id", sa.Uuid(), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("link_text", sa.Text(), nullable=True),
        sa.Column("retention_period", sa.Integer(), nullable=False),
        sa.Column("validate_users_email", sa.Boolean(), nullable=False),
        sa.Column("pending", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("updated_at", TS, nullable=True),
        sa.Column("archived_at", TS, nullable=True),
        sa.Column("archived_by_id", sa.Uuid(), nullable=True),
        _fk("template_email_files", "service_id", "services"),
        _fk("template_email_files", "template_id", "templates"),
        _fk("template_email_files", "created_by_id", "users"),
        _fk("template_email_files", "archived_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_template_email_files")),
    )
    op.create_index(op.f("ix_template_email_files_template_id"), "template_email_files", ["template_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_template_email_files_template_id"), table_name="template_email_files")
    op.drop_table("template_email_files")
    op.drop_index("ix_report_requests_service_id_user_id", table_name="report_requests")
    op.drop_table("report_requests")
    op.drop_index("ix_service_contact_list_service_created_at", table_name="service_contact_list")
    op.drop_table("service_contact_list")
    op.drop_index(op.f("ix_template_folder_parent_id"), table_name="template_folder")
    op.drop_index(op.f("ix_template_folder_service_id"), table_name="template_folder")
    op.drop_table("template_folder")

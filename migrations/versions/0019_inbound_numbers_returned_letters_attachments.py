"""the inbound number pool, letters reported returned by the printer, and letter attachments

Revision ID: 0019
Revises: 0018
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: Union[str, Sequence[str], None] = "0018"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

LIVE = "archived_at IS NULL"


def upgrade() -> None:
    op.create_table(
        "inbound_numbers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.String(length=255), nullable=False),
        sa.Column("provider", sa.String(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=op.f("fk_inbound_numbers_service_id_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_numbers")),
        sa.UniqueConstraint("number", name=op.f("uq_inbound_numbers_number")),
        sa.UniqueConstraint("service_id", name=op.f("uq_inbound_numbers_service_id")),
    )
    op.create_table(
        "returned_letters",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("reported_at", sa.Date(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("notification_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=op.f("fk_returned_letters_service_id_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_returned_letters")),
        sa.UniqueConstraint("notification_id", name=op.f("uq_returned_letters_notification_id")),
    )
    op.create_index(op.f("ix_returned_letters_service_id"), "returned_letters", ["service_id"], unique=False)
    op.create_table(
        "letter_attachment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("template_id", sa.Uuid(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archived_by_id", sa.Uuid(), nullable=True),
        sa.Column("original_filename", sa.String(), nullable=False),
        sa.Column("page_count", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=op.f("fk_letter_attachment_service_id_services")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_letter_attachment_created_by_id_users")),
        sa.ForeignKeyConstraint(["archived_by_id"], ["users.id"],
                                name=op.f("fk_letter_attachment_archived_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_attachment")),
    )
    op.create_index(op.f("ix_letter_attachment_service_id"), "letter_attachment", ["service_id"], unique=False)
    op.create_index(op.f("ix_letter_attachment_template_id"), "letter_attachment", ["template_id"], unique=False)
    op.create_index("uix_letter_attachment_live_template", "letter_attachment", ["template_id"], unique=True,
                    postgresql_where=sa.text(LIVE), sqlite_where=sa.text(LIVE))


def downgrade() -> None:
    op.drop_index("uix_letter_attachment_live_template", table_name="letter_attachment")
    op.drop_index(op.f("ix_letter_attachment_template_id"), table_name="letter_attachment")
    op.drop_index(op.f("ix_letter_attachment_service_id"), table_name="letter_attachment")
    op.drop_table("letter_attachment")
    op.drop_index(op.f("ix_returned_letters_service_id"), table_name="returned_letters")
    op.drop_table("returned_letters")
    op.drop_table("inbound_numbers")

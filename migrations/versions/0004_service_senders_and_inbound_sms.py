"""service senders and inbound sms: text message senders, email reply-to addresses, received text messages

Every service already there gets Notify's default text message sender, GOVUK, as new services do.

Revision ID: 0004
Revises: 0003
"""
from typing import Sequence, Union
from uuid import uuid4

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

DEFAULT_SMS_SENDER = "GOVUK"
LIVE_DEFAULT = "is_default AND NOT archived"  # at most one live default sender / reply-to per service


def upgrade() -> None:
    senders = op.create_table(
        "service_sms_senders",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("sms_sender", sa.String(length=11), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("is_default", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("inbound_number_id", sa.Uuid(), nullable=True),
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=op.f("fk_service_sms_senders_service_id_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_sms_senders")),
        sa.UniqueConstraint("inbound_number_id", name=op.f("uq_service_sms_senders_inbound_number_id")),
    )
    op.create_index(op.f("ix_service_sms_senders_service_id"), "service_sms_senders", ["service_id"], unique=False)
    op.create_index(op.f("ix_service_sms_senders_sms_sender"), "service_sms_senders", ["sms_sender"], unique=False)
    op.create_index("uix_service_sms_senders_one_default", "service_sms_senders", ["service_id"], unique=True,
                    postgresql_where=sa.text(LIVE_DEFAULT), sqlite_where=sa.text(LIVE_DEFAULT))
    op.create_table(
        "service_email_reply_to",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("email_address", sa.Text(), nullable=False),
        sa.Column("is_default", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"],
                                name=op.f("fk_service_email_reply_to_service_id_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_email_reply_to")),
    )
    op.create_index(op.f("ix_service_email_reply_to_service_id"), "service_email_reply_to", ["service_id"],
                    unique=False)
    op.create_index("uix_service_email_reply_to_one_default", "service_email_reply_to", ["service_id"], unique=True,
                    postgresql_where=sa.text(LIVE_DEFAULT), sqlite_where=sa.text(LIVE_DEFAULT))
    op.create_table(
        "inbound_sms",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("notify_number", sa.String(), nullable=False),
        sa.Column("user_number", sa.String(), nullable=False),
        sa.Column("_content", sa.String(), nullable=False),
        sa.Column("provider", sa.String(), nullable=False),
        sa.Column("provider_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("provider_reference", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=op.f("fk_inbound_sms_service_id_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_sms")),
    )
    op.create_index("ix_inbound_sms_service_created_at", "inbound_sms", ["service_id", "created_at"], unique=False)
    op.create_index(op.f("ix_inbound_sms_user_number"), "inbound_sms", ["user_number"], unique=False)
    _give_every_service_the_default_sender(senders)


def _give_every_service_the_default_sender(senders: sa.Table) -> None:
    """As Notify's service creation does: one default sender, GOVUK, dated as its service."""
    services = sa.table("services", sa.column("id", sa.Uuid()), sa.column("created_at", sa.DateTime(timezone=True)))
    bind = op.get_bind()
    rows = [{"id": uuid4(), "service_id": service_id, "sms_sender": DEFAULT_SMS_SENDER, "is_default": True,
             "archived": False, "created_at": created_at}
            for service_id, created_at in bind.execute(sa.select(services.c.id, services.c.created_at))]
    if rows:
        op.bulk_insert(senders, rows)


def downgrade() -> None:
    op.drop_index(op.f("ix_inbound_sms_user_number"), table_name="inbound_sms")
    op.drop_index("ix_inbound_sms_service_created_at", table_name="inbound_sms")
    op.drop_table("inbound_sms")
    op.drop_index("uix_service_email_reply_to_one_default", table_name="service_email_reply_to")
    op.drop_index(op.f("ix_service_email_reply_to_service_id"), table_name="service_email_reply_to")
    op.drop_table("service_email_reply_to")
    op.drop_index("uix_service_sms_senders_one_default", table_name="service_sms_senders")
    op.drop_index(op.f("ix_service_sms_senders_sms_sender"), table_name="service_sms_senders")
    op.drop_index(op.f("ix_service_sms_senders_service_id"), table_name="service_sms_senders")
    op.drop_table("service_sms_senders")

"""letter contact blocks: a service's contact details printed on its letters

Revision ID: 0008
Revises: 0004
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

LIVE_DEFAULT = "is_default AND NOT archived"  # at most one live default contact block per service


def upgrade() -> None:
    op.create_table(
        "service_letter_contacts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("contact_block", sa.Text(), nullable=False),
        sa.Column("is_default", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"],
                                name=op.f("fk_service_letter_contacts_service_id_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_letter_contacts")),
    )
    op.create_index(op.f("ix_service_letter_contacts_service_id"), "service_letter_contacts", ["service_id"],
                    unique=False)
    op.create_index("uix_service_letter_contacts_one_default", "service_letter_contacts", ["service_id"],
                    unique=True, postgresql_where=sa.text(LIVE_DEFAULT), sqlite_where=sa.text(LIVE_DEFAULT))


def downgrade() -> None:
    op.drop_index("uix_service_letter_contacts_one_default", table_name="service_letter_contacts")
    op.drop_index(op.f("ix_service_letter_contacts_service_id"), table_name="service_letter_contacts")
    op.drop_table("service_letter_contacts")

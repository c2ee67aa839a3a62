"""organisations' email and letter branding pools, archived email branding, recorded events, protected sender ids

Revision ID: 0020
Revises: 0014
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0020"
down_revision: Union[str, Sequence[str], None] = "0014"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("email_branding") as batch:
        batch.add_column(sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))
    for kind in ("email", "letter"):
        table, column = f"{kind}_branding_to_organisation", f"{kind}_branding_id"
        op.create_table(
            table,
            sa.Column("organisation_id", sa.Uuid(), nullable=False),
            sa.Column(column, sa.Uuid(), nullable=False),
            sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"],
                                    name=op.f(f"fk_{table}_organisation_id_organisation")),
            sa.ForeignKeyConstraint([column], [f"{kind}_branding.id"],
                                    name=op.f(f"fk_{table}_{column}_{kind}_branding")),
            sa.PrimaryKeyConstraint("organisation_id", column, name=op.f(f"pk_{table}")),
        )
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)
    op.create_table(
        "events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_type", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_table(
        "protected_sender_ids",
        sa.Column("sender_id", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("sender_id", name=op.f("pk_protected_sender_ids")),
    )


def downgrade() -> None:
    op.drop_table("protected_sender_ids")
    op.drop_table("events")
    for kind in ("email", "letter"):
        table = f"{kind}_branding_to_organisation"
        op.drop_index(op.f(f"ix_{table}_{kind}_branding_id"), table_name=table)
        op.drop_table(table)
    with op.batch_alter_table("email_branding") as batch:
        batch.drop_column("active")

"""provider credentials: an operator's secrets for a real provider, encrypted, beside its provider details

Revision ID: 0014
Revises: 0017
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: Union[str, Sequence[str], None] = "0017"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "provider_credentials",
        sa.Column("provider_id", sa.Uuid(), nullable=False),
        sa.Column("credentials", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["provider_details.id"],
                                name=op.f("fk_provider_credentials_provider_id_provider_details")),
        sa.PrimaryKeyConstraint("provider_id", name=op.f("pk_provider_credentials")),
    )


def downgrade() -> None:
    op.drop_table("provider_credentials")

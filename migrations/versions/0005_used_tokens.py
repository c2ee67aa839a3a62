"""used tokens: request token ids (JWT jti) seen within their validity window, for replay protection

Revision ID: 0005
Revises: 0008
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0008"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "used_tokens",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_used_tokens")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # Not worth WAL: losing these rows in a crash only reopens a 30-second replay window.
        op.execute("ALTER TABLE used_tokens SET UNLOGGED")
    op.create_index(op.f("ix_used_tokens_expires_at"), "used_tokens", ["expires_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_used_tokens_expires_at"), table_name="used_tokens")
    op.drop_table("used_tokens")

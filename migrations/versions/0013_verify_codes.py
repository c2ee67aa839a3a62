"""verification codes: the second factor at sign-in, stored as hashes

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


def downgrade() -> None:
    op.drop_index("ix_verify_codes_user_id_code_type", table_name="verify_codes")
    op.drop_table("verify_codes")

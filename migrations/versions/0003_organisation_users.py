"""organisation users: who belongs to which organisation, with their permissions there

Revision ID: 0003
Revises: 0002
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "user_to_organisation",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"],
                                name=op.f("fk_user_to_organisation_organisation_id_organisation")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_user_to_organisation_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", "organisation_id", name=op.f("pk_user_to_organisation")),
    )
    op.create_index(op.f("ix_user_to_organisation_organisation_id"), "user_to_organisation", ["organisation_id"],
                    unique=False)
    op.create_table(
        "organisation_user_permissions",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("permission", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(["user_id", "organisation_id"],
                                ["user_to_organisation.user_id", "user_to_organisation.organisation_id"],
                                name="fk_organisation_user_permissions_user_to_organisation", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("organisation_id", "user_id", "permission",
                                name=op.f("pk_organisation_user_permissions")),
    )


def downgrade() -> None:
    op.drop_table("organisation_user_permissions")
    op.drop_index(op.f("ix_user_to_organisation_organisation_id"), table_name="user_to_organisation")
    op.drop_table("user_to_organisation")

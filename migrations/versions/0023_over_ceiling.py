"""notify_over_ceiling(): raised by the one-statement admission of a batch when a counter would pass its ceiling

Revision ID: 0023
Revises: 0022
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0023"
down_revision: Union[str, Sequence[str], None] = "0022"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite admits through a SAVEPOINT instead
    op.execute("CREATE OR REPLACE FUNCTION notify_over_ceiling(counter text) RETURNS boolean LANGUAGE plpgsql AS $$ "
               "BEGIN RAISE EXCEPTION 'counter % would pass its ceiling', counter USING ERRCODE = 'NT429'; END $$")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS notify_over_ceiling(text)")

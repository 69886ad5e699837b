"""products name the species they are made for and the common allergens they contain
(food suggestions exclude a pet's allergens)

Revision ID: 3b9d7e2a5c14
Revises: fe9d880d4082
Create Date: 2026-12-02 18:00:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "3b9d7e2a5c14"
down_revision: Union[str, Sequence[str], None] = "fe9d880d4082"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # species: empty = made for any species; allergens: NULL = not declared (products stored
    # before this revision): never suggested to a pet with allergies
    op.add_column("product", sa.Column("species", postgresql.ARRAY(sa.String(16)),
                                       server_default=sa.text("'{}'"), nullable=False),
                  schema="commerce")
    op.add_column("product", sa.Column("allergens", postgresql.ARRAY(sa.String(64)),
                                       nullable=True), schema="commerce")


def downgrade() -> None:
    for name in ("allergens", "species"):
        op.drop_column("product", name, schema="commerce")

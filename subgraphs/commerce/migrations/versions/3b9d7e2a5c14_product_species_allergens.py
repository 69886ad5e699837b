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
    # NULL = not declared (every product stored before this revision): a product of
    # undeclared species is never suggested, one of undeclared allergens only to pets
    # without allergies; an empty species list means "for any species"
    op.add_column("product", sa.Column("species", postgresql.ARRAY(sa.String(16)),
                                       nullable=True), schema="commerce")
    op.add_column("product", sa.Column("allergens", postgresql.ARRAY(sa.String(64)),
                                       nullable=True), schema="commerce")


def downgrade() -> None:
    for name in ("allergens", "species"):
        op.drop_column("product", name, schema="commerce")

"""activity state per pet (inactivity alerts)

Revision ID: b8e2f4a6c1d3
Revises: a7c3e91d2b40
Create Date: 2026-12-02 05:40:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'b8e2f4a6c1d3'
down_revision: Union[str, Sequence[str], None] = 'a7c3e91d2b40'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('activity_state',
    sa.Column('pet_id', sa.Uuid(), nullable=False),
    sa.Column('owner_id', sa.Uuid(), nullable=False),
    sa.Column('device_id', sa.Uuid(), nullable=False),
    sa.Column('last_sample_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('still_since', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('alerted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('pet_id'),
    schema='chronic_care'
    )
    op.create_index(op.f('ix_chronic_care_activity_state_owner_id'), 'activity_state', ['owner_id'], unique=False, schema='chronic_care')
    op.create_index('ix_activity_state_due', 'activity_state', ['due_at'], unique=False, schema='chronic_care', postgresql_where=sa.text('due_at IS NOT NULL'))


def downgrade() -> None:
    op.drop_index('ix_activity_state_due', table_name='activity_state', schema='chronic_care', postgresql_where=sa.text('due_at IS NOT NULL'))
    op.drop_index(op.f('ix_chronic_care_activity_state_owner_id'), table_name='activity_state', schema='chronic_care')
    op.drop_table('activity_state', schema='chronic_care')

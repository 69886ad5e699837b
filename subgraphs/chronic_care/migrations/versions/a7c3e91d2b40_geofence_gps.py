"""geofence and GPS on telemetry

Revision ID: a7c3e91d2b40
Revises: f370f57c7525
Create Date: 2026-12-02 05:10:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'a7c3e91d2b40'
down_revision: Union[str, Sequence[str], None] = 'f370f57c7525'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('telemetry', sa.Column('lat', sa.Double(), nullable=True), schema='chronic_care')
    op.add_column('telemetry', sa.Column('lon', sa.Double(), nullable=True), schema='chronic_care')
    op.create_table('geofence',
    sa.Column('pet_id', sa.Uuid(), nullable=False),
    sa.Column('owner_id', sa.Uuid(), nullable=False),
    sa.Column('lat', sa.Double(), nullable=False),
    sa.Column('lon', sa.Double(), nullable=False),
    sa.Column('radius_m', sa.Integer(), nullable=False),
    sa.Column('outside', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('pet_id'),
    schema='chronic_care'
    )
    op.create_index(op.f('ix_chronic_care_geofence_owner_id'), 'geofence', ['owner_id'], unique=False, schema='chronic_care')


def downgrade() -> None:
    op.drop_index(op.f('ix_chronic_care_geofence_owner_id'), table_name='geofence', schema='chronic_care')
    op.drop_table('geofence', schema='chronic_care')
    op.drop_column('telemetry', 'lon', schema='chronic_care')
    op.drop_column('telemetry', 'lat', schema='chronic_care')

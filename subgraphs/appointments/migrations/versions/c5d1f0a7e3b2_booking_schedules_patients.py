"""booking: vets' weekly shifts, pet owners (patients), reschedules in the status history

Revision ID: c5d1f0a7e3b2
Revises: b7e2c41d9a01
Create Date: 2026-12-02 05:00:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c5d1f0a7e3b2"
down_revision: Union[str, Sequence[str], None] = "b7e2c41d9a01"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "vet_shift",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("vet_id", sa.Uuid(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("starts", sa.Time(), nullable=False),
        sa.Column("ends", sa.Time(), nullable=False),
        sa.Column("kinds", postgresql.ARRAY(sa.String(length=16)), nullable=False),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="vet_shift_weekday"),
        sa.CheckConstraint("starts < ends", name="vet_shift_order"),
        sa.ForeignKeyConstraint(["vet_id"], ["appointments.vet.id"]),
        sa.PrimaryKeyConstraint("id"),
        schema="appointments",
    )
    op.create_index(op.f("ix_appointments_vet_shift_vet_id"), "vet_shift", ["vet_id"],
                    schema="appointments")
    op.create_table(
        "patient",
        sa.Column("pet_id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("pet_id"),
        schema="appointments",
    )
    op.create_index(op.f("ix_appointments_patient_owner_id"), "patient", ["owner_id"],
                    schema="appointments")
    op.add_column("appointment_status_change",
                  sa.Column("rescheduled_to", sa.DateTime(timezone=True), nullable=True),
                  schema="appointments")


def downgrade() -> None:
    op.drop_column("appointment_status_change", "rescheduled_to", schema="appointments")
    op.drop_table("patient", schema="appointments")
    op.drop_table("vet_shift", schema="appointments")

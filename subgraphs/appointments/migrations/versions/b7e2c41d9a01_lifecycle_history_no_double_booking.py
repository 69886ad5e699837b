"""lifecycle: status history, home-visit ETA, no double booking (exclusion constraint)

Revision ID: b7e2c41d9a01
Revises: 663b53732c4b
Create Date: 2026-11-23 15:00:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "b7e2c41d9a01"
down_revision: Union[str, Sequence[str], None] = "663b53732c4b"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

SLOT_HOLDING = ("'requested', 'confirmed', 'en_route', 'checked_in', 'in_progress', "
                "'completed'")


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.add_column("appointment", sa.Column("eta_minutes", sa.Integer(), nullable=True),
                  schema="appointments")
    op.execute(
        "ALTER TABLE appointments.appointment ADD CONSTRAINT appointment_no_double_booking "
        "EXCLUDE USING gist (vet_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
        f"WHERE (status IN ({SLOT_HOLDING}))")
    op.create_table(
        "appointment_status_change",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("appointment_id", sa.Uuid(), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("eta_minutes", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), server_default=sa.text("now()"),
                  nullable=False),
        sa.ForeignKeyConstraint(["appointment_id"], ["appointments.appointment.id"]),
        sa.PrimaryKeyConstraint("id"),
        schema="appointments",
    )
    op.create_index(op.f("ix_appointments_appointment_status_change_appointment_id"),
                    "appointment_status_change", ["appointment_id"], schema="appointments")


def downgrade() -> None:
    op.drop_table("appointment_status_change", schema="appointments")
    op.execute("ALTER TABLE appointments.appointment "
               "DROP CONSTRAINT appointment_no_double_booking")
    op.drop_column("appointment", "eta_minutes", schema="appointments")

"""a pet is never in two visits at once (exclusion constraint per pet, like the one per vet)

Revision ID: d2a8e6f4c1b9
Revises: c5d1f0a7e3b2
Create Date: 2026-12-02 05:20:00

"""
from typing import Sequence, Union

from alembic import op

revision: str = "d2a8e6f4c1b9"
down_revision: Union[str, Sequence[str], None] = "c5d1f0a7e3b2"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

SLOT_HOLDING = ("'requested', 'confirmed', 'en_route', 'checked_in', 'in_progress', "
                "'completed'")


def upgrade() -> None:
    op.execute(
        "ALTER TABLE appointments.appointment ADD CONSTRAINT appointment_pet_no_double_booking "
        "EXCLUDE USING gist (pet_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
        f"WHERE (status IN ({SLOT_HOLDING}))")


def downgrade() -> None:
    op.execute("ALTER TABLE appointments.appointment "
               "DROP CONSTRAINT appointment_pet_no_double_booking")

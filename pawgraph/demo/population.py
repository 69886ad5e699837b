"""Who lives in the demo world and how many: sizes, the named demo owners and accounts, and
the deterministic ids (uuid5) every part of the seed derives from them."""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("6f1d3c1e-8d7b-4f51-9a53-2d1a6a0e5b10")
SIZES = {"clinics": 20, "vets": 60, "owners": 500, "pets": 1000, "appointments": 3000,
         "telemetry_pets": 50, "orders": 1200}
# Named owners and their pet counts: the demo owners, plus a shelter, a breeder and a
# single-pet owner so cost tests can compare 1, 10 and 100 pets on real data.
DEMO_OWNERS = [("owner@demo.test", 4), ("owner2@demo.test", 2), ("shelter@demo.test", 100),
               ("breeder@demo.test", 10), ("single@demo.test", 1)]
DEMO_ACCOUNTS = {
    "owner@demo.test": ["owner"], "owner2@demo.test": ["owner"], "vet@demo.test": ["vet"],
    "clinic@demo.test": ["clinic_admin"], "partner@demo.test": ["partner"],
    "admin@demo.test": ["admin"],
}


def demo_uuid(kind: str, n: int | str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{n}"))

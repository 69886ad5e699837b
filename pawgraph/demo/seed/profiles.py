"""Writes the demo world's owners and pets (with medical records) to MongoDB."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pawgraph.demo import World
from pawgraph.demo.seed.common import mongo_url
from pawgraph.settings import Settings
from persistence.mongo import create_client
from subgraphs.profiles.models import OWNERS, PETS, OwnerDoc, PetDoc

BATCH = 500


def pet_doc(p) -> PetDoc:
    return {
        "_id": p.id, "owner_id": p.owner_id, "name": p.name, "species": p.species,
        "breed": p.breed, "sex": p.sex, "neutered": p.neutered,
        "birth_date": p.birth_date.isoformat(),
        "weights": [{"on": d.isoformat(), "kg": kg} for d, kg in p.weights],
        "microchip": {"kind": p.microchip[0], "value": p.microchip[1]} if p.microchip else None,
        "medical": {
            "vaccinations": [{"name": n, "administered_on": a.isoformat(), "due_on": d.isoformat()}
                             for n, a, d in p.vaccinations],
            "allergies": [{"allergen": a, "severity": s, "reaction": r} for a, s, r in p.allergies],
            "conditions": [{"name": n, "diagnosed_on": d.isoformat(), "status": s}
                           for n, d, s in p.conditions],
        },
    }


async def _insert(collection: Any, docs: Sequence[Mapping[str, Any]]) -> None:
    for i in range(0, len(docs), BATCH):
        await collection.insert_many(docs[i:i + BATCH], ordered=False)


async def seed(world: World, settings: Settings) -> dict[str, int]:
    client, _ = create_client(mongo_url(settings))
    try:
        db = client[settings.mongo.database]
        owners: list[OwnerDoc] = [
            {"_id": o.id, "name": o.name, "email": o.email, "phone": o.phone, "city": o.city}
            for o in world.owners]
        pets = [pet_doc(p) for p in world.pets]
        await _insert(db[OWNERS], list(owners))
        await _insert(db[PETS], list(pets))
    finally:
        await client.close()
    return {"owners": len(owners), "pets": len(pets)}

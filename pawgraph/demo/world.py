"""Builds the deterministic demo world (see ``pawgraph.demo``)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from pawgraph.demo import catalog as cat
from pawgraph.demo import model as m
from pawgraph.demo.population import DEMO_OWNERS, SIZES, demo_uuid


@dataclass
class World:
    anchor: datetime
    accounts: list[m.Account] = field(default_factory=list)
    owners: list[m.Owner] = field(default_factory=list)
    pets: list[m.Pet] = field(default_factory=list)
    clinics: list[m.Clinic] = field(default_factory=list)
    vets: list[m.Vet] = field(default_factory=list)
    appointments: list[m.Appointment] = field(default_factory=list)
    devices: list[m.Device] = field(default_factory=list)
    care_plans: list[m.CarePlan] = field(default_factory=list)
    consultations: list[m.Consultation] = field(default_factory=list)
    products: list[m.Product] = field(default_factory=list)
    orders: list[m.Order] = field(default_factory=list)
    training_plans: list[m.TrainingPlan] = field(default_factory=list)
    payments: list[m.Payment] = field(default_factory=list)
    policies: list[m.InsurancePolicy] = field(default_factory=list)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(cat.FIRST_NAMES)} {rng.choice(cat.LAST_NAMES)}"


def _clinics(w: World, rng: random.Random) -> None:
    for i in range(SIZES["clinics"]):
        city, lat, lon = cat.CITIES[i % len(cat.CITIES)]
        w.clinics.append(m.Clinic(
            id=demo_uuid("clinic", i), name=f"{rng.choice(cat.LAST_NAMES)} Veterinary Clinic {city}",
            address=f"{rng.randint(1, 200)} {rng.choice(['Linden', 'Park', 'Main', 'Oak'])} Street",
            city=city, latitude=round(lat + rng.uniform(-0.08, 0.08), 5),
            longitude=round(lon + rng.uniform(-0.12, 0.12), 5),
            phone=f"+49 30 {rng.randint(1000000, 9999999)}",
            services=sorted(rng.sample(["vaccination", "surgery", "dental", "imaging", "lab",
                                        "home visits", "video consults"], 4))))
    for i in range(SIZES["vets"]):
        w.vets.append(m.Vet(id=demo_uuid("vet", i), clinic_id=w.clinics[i % len(w.clinics)].id,
                            name=f"Dr. {_person(rng)}",
                            specialities=sorted(rng.sample(cat.SPECIALITIES, 2))))


def _owners(w: World, rng: random.Random) -> None:
    for i in range(SIZES["owners"]):
        name = _person(rng)
        email = DEMO_OWNERS[i][0] if i < len(DEMO_OWNERS) else f"owner{i}@example.test"
        city = cat.CITIES[i % len(cat.CITIES)][0]
        w.owners.append(m.Owner(id=demo_uuid("account", email), name=name, email=email,
                                phone=f"+49 151 {rng.randint(1000000, 9999999)}", city=city))


def _pet(w: World, rng: random.Random, i: int, owner: m.Owner) -> m.Pet:
    species = rng.choices(list(cat.SPECIES_WEIGHTS), weights=list(cat.SPECIES_WEIGHTS.values()))[0]
    birth = (w.anchor - timedelta(days=rng.randint(120, 14 * 365))).date()
    low, high = cat.ADULT_WEIGHT_KG[species]
    weight = rng.uniform(low, high)
    weights = [((w.anchor - timedelta(days=90 * k)).date(), round(weight * (1 - 0.01 * k), 2))
               for k in range(rng.randint(1, 4))][::-1]
    chip = None
    if species in {"DOG", "CAT"} and rng.random() < 0.85:
        chip = ("ISO_11784", f"276{rng.randint(10**11, 10**12 - 1)}")
    elif rng.random() < 0.1:
        chip = ("LEGACY", f"{rng.randint(10**8, 10**9 - 1)}")
    pet = m.Pet(id=demo_uuid("pet", i), owner_id=owner.id, name=rng.choice(cat.PET_NAMES),
                species=species, breed=rng.choice(cat.BREEDS[species]),
                sex=rng.choice(["FEMALE", "MALE"]), neutered=rng.random() < 0.7,
                birth_date=birth, weights=weights, microchip=chip)
    _medical(pet, w.anchor, rng)
    return pet


def _medical(pet: m.Pet, anchor: datetime, rng: random.Random) -> None:
    for vaccine in cat.VACCINES[pet.species]:
        given = (anchor - timedelta(days=rng.randint(10, 700))).date()
        pet.vaccinations.append((vaccine, given, given + timedelta(days=365)))
    for allergen in rng.sample(cat.ALLERGENS, rng.choice([0, 0, 1, 1, 2])):
        pet.allergies.append((allergen, rng.choice(["MILD", "MODERATE", "SEVERE"]),
                              rng.choice(["itching", "vomiting", "hives", "swelling"])))
    if rng.random() < 0.2:
        pet.conditions.append((rng.choice(cat.CONDITIONS),
                               (anchor - timedelta(days=rng.randint(30, 900))).date(), "ACTIVE"))


def _pets(w: World, rng: random.Random) -> None:
    owners, named = w.owners, len(DEMO_OWNERS)
    plan = [owner for owner, (_, n) in zip(owners, DEMO_OWNERS) for _ in range(n)]
    plan += [owners[named + (k % (len(owners) - named))] for k in range(SIZES["pets"] - len(plan))]
    for i, owner in enumerate(plan):
        w.pets.append(_pet(w, rng, i, owner))


def _accounts(w: World) -> None:
    for owner in w.owners:
        w.accounts.append(m.Account(id=owner.id, email=owner.email, display_name=owner.name,
                                    roles=["owner"]))
    clinic = w.clinics[0]
    vet = w.vets[0]
    vet.account_id = demo_uuid("account", "vet@demo.test")
    w.accounts += [
        m.Account(vet.account_id, "vet@demo.test", vet.name, ["vet"], clinic.id),
        m.Account(demo_uuid("account", "clinic@demo.test"), "clinic@demo.test",
                  f"{clinic.name} front desk", ["clinic_admin"], clinic.id),
        m.Account(demo_uuid("account", "partner@demo.test"), "partner@demo.test",
                  f"{clinic.name} API client", ["partner"], clinic.id),
        m.Account(demo_uuid("account", "admin@demo.test"), "admin@demo.test",
                  "Pawgraph admin", ["admin"]),
    ]


def build_world(anchor: date | datetime | None = None, seed: int = 20261123) -> World:
    if anchor is None:
        anchor = datetime.now(UTC).date()
    if isinstance(anchor, date) and not isinstance(anchor, datetime):
        anchor = datetime.combine(anchor, time(0, 0), UTC)
    rng = random.Random(seed)
    world = World(anchor=anchor)
    _clinics(world, rng)
    _owners(world, rng)
    _pets(world, rng)
    _accounts(world)
    from pawgraph.demo.activity import add_activity

    add_activity(world, rng)
    return world

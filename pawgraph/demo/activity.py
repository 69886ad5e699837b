"""Demo activity: visits, devices and telemetry, care, shop orders, training, payments."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from pawgraph.demo import catalog as cat
from pawgraph.demo import model as m

TELEMETRY_DAYS = 7


def _uuid(kind: str, n: int | str) -> str:
    from pawgraph.demo.population import demo_uuid

    return demo_uuid(kind, n)


def _demo_offsets(w) -> list[tuple]:
    """The named demo owners' pets always have 3 past visits and one upcoming appointment;
    apart from owner@demo.test's (whose visits stay with other vets, so the demo vet has
    strangers' pets to be refused), the upcoming ones are requested with the demo vet
    (vet@demo.test), so the vet's queue has work in it."""
    from pawgraph.demo.population import DEMO_OWNERS

    demo = [pet for pet in w.pets if pet.owner_id in {o.id for o in w.owners[:len(DEMO_OWNERS)]}]
    # upcoming visits spread over the next four weeks (a vet sees at most ~20 a day)
    return [(pet, offset) for n, pet in enumerate(demo)
            for offset in (-200, -90, -14, 1 + n % 28)]


def _free_slot(w, rng: random.Random, busy: set, offset_days: int, vet=None):
    """A vet and start time whose 15-minute slots are free (no double booking, ever)."""
    chosen = vet
    for _ in range(10_000):
        vet = chosen or rng.choice(w.vets)
        starts = w.anchor + timedelta(days=offset_days, hours=rng.randint(8, 17),
                                      minutes=rng.choice([0, 15, 30, 45]))
        duration = rng.choice([15, 30, 30, 45])
        slots = {(vet.id, starts + timedelta(minutes=m)) for m in range(0, duration, 15)}
        if not slots & busy:
            busy.update(slots)
            return vet, starts, duration
    raise RuntimeError(f"no free slot on day {offset_days} (demo calendar too full)")


def _appointments(w, rng: random.Random, count: int) -> None:
    fixed, busy = _demo_offsets(w), set[tuple[object, ...]]()
    for i in range(count):
        demo_queue = False
        if i < len(fixed):
            pet, offset_days = fixed[i]
            demo_queue = offset_days > 0 and pet.owner_id != w.owners[0].id
        else:
            pet = w.pets[i % len(w.pets)] if i < len(w.pets) else rng.choice(w.pets)
            offset_days = rng.randint(-240, 60)
        vet, starts, duration = _free_slot(w, rng, busy, offset_days,
                                           w.vets[0] if demo_queue else None)
        if offset_days < 0:
            status = rng.choices(["completed", "cancelled", "no_show"], weights=[85, 10, 5])[0]
        else:
            status = "requested" if demo_queue else rng.choice(["requested", "confirmed",
                                                                "confirmed"])
        kind = rng.choices(["CLINIC", "HOME_VISIT", "VIDEO"], weights=[80, 10, 10])[0]
        w.appointments.append(m.Appointment(
            id=_uuid("appointment", i), pet_id=pet.id, owner_id=pet.owner_id,
            clinic_id=vet.clinic_id, vet_id=vet.id, kind=kind, status=status, starts_at=starts,
            duration_minutes=duration, reason=rng.choice(cat.VISIT_REASONS)))


def _devices(w, rng: random.Random, count: int) -> None:
    for i, pet in enumerate([p for p in w.pets if p.species in {"DOG", "CAT"}][:count]):
        w.devices.append(m.Device(id=_uuid("device", i), pet_id=pet.id,
                                  serial=f"PT-{100000 + i}",
                                  model=rng.choice(["PawTrack S", "PawTrack M", "PawTrack L"]),
                                  bound_at=w.anchor - timedelta(days=30 + rng.randint(0, 300))))


def telemetry(device: m.Device, anchor: datetime,
              days: int = TELEMETRY_DAYS) -> Iterator[tuple[datetime, int, float, int, float]]:
    """Per-minute samples (ts, heart_rate, temperature_c, steps, activity) before ``anchor``.

    ``anchor`` is the seeding moment, so "the last 7 days" of a fresh dev instance has data.
    """
    rng = random.Random(device.serial)
    base_hr, base_temp = rng.randint(70, 110), rng.uniform(38.2, 38.9)
    start = anchor - timedelta(days=days)
    for minute in range(days * 24 * 60):
        ts = start + timedelta(minutes=minute)
        daylight = max(0.0, math.sin(math.pi * ((ts.hour + ts.minute / 60) - 6) / 14))
        activity = round(min(1.0, daylight * rng.uniform(0.2, 1.1)), 3)
        steps = int(activity * rng.randint(0, 120))
        yield (ts, int(base_hr + activity * 50 + rng.randint(-6, 6)),
               round(base_temp + activity * 0.4 + rng.uniform(-0.1, 0.1), 2), steps, activity)


def _care(w, rng: random.Random) -> None:
    for pet in w.pets:
        for name, since, _ in pet.conditions:
            w.care_plans.append(m.CarePlan(
                id=_uuid("careplan", len(w.care_plans)), pet_id=pet.id, condition=name,
                title=f"{name.capitalize()} management", status="ACTIVE", started_on=since))
    for i in range(300):
        pet, vet = rng.choice(w.pets), rng.choice(w.vets)
        when = w.anchor + timedelta(days=rng.randint(-120, 20), hours=rng.randint(8, 20))
        status = "ENDED" if when < w.anchor else "SCHEDULED"
        w.consultations.append(m.Consultation(
            id=_uuid("consultation", i), pet_id=pet.id, owner_id=pet.owner_id, vet_id=vet.id,
            status=status, scheduled_at=when, topic=rng.choice(cat.VISIT_REASONS)))


def _shop(w, rng: random.Random, count: int) -> None:
    for i, (name, category, price, rx) in enumerate(cat.PRODUCTS):
        species, allergens = cat.FOOD_FACTS.get(name, (None, None))
        w.products.append(m.Product(id=_uuid("product", i), sku=f"SKU-{1000 + i}", name=name,
                                    category=category, price_cents=price, prescription_only=rx,
                                    species=species, allergens=allergens))
    otc = [p for p in w.products if not p.prescription_only]
    for i in range(count):
        pet = w.pets[i % len(w.pets)]
        items = [(p.id, rng.randint(1, 3), p.price_cents) for p in rng.sample(otc, rng.randint(1, 3))]
        created = w.anchor - timedelta(days=rng.randint(0, 200), minutes=rng.randint(0, 1440))
        status = rng.choices(["PAID", "SHIPPED", "DELIVERED", "CANCELLED", "PENDING_PAYMENT"],
                             weights=[10, 15, 60, 5, 10])[0]
        w.orders.append(m.Order(id=_uuid("order", i), owner_id=pet.owner_id, pet_id=pet.id,
                                status=status, created_at=created, items=items))


def _training(w, rng: random.Random) -> None:
    for i, pet in enumerate(p for p in w.pets if p.species == "DOG"):
        if i % 2:
            continue
        kind, title = rng.choice(cat.TRAINING)
        target = rng.choice([12, 16, 24])
        w.training_plans.append(m.TrainingPlan(
            id=_uuid("training", i), pet_id=pet.id, kind=kind, title=title,
            status=rng.choice(["ACTIVE", "ACTIVE", "COMPLETED"]),
            started_on=(w.anchor - timedelta(days=rng.randint(7, 120))).date(),
            sessions_per_week=rng.choice([2, 3, 4]), completed_sessions=rng.randint(0, target),
            target_sessions=target))


def _payments(w, rng: random.Random) -> None:
    for a in w.appointments:
        if a.status == "completed":
            w.payments.append(m.Payment(
                id=_uuid("payment", f"a{a.id}"), appointment_id=a.id, order_id=None,
                owner_id=a.owner_id, amount_cents=rng.choice([4500, 6500, 8900, 12000]),
                currency="EUR", status="SUCCEEDED", created_at=a.starts_at))
    for o in w.orders:
        if o.status != "PENDING_PAYMENT":
            w.payments.append(m.Payment(
                id=_uuid("payment", f"o{o.id}"), appointment_id=None, order_id=o.id,
                owner_id=o.owner_id, amount_cents=o.total_cents, currency="EUR",
                status="REFUNDED" if o.status == "CANCELLED" else "SUCCEEDED",
                created_at=o.created_at))
    for i, pet in enumerate(w.pets):
        if i < 4 or rng.random() < 0.3:
            provider, plan = rng.choice(cat.INSURERS)
            w.policies.append(m.InsurancePolicy(
                id=_uuid("policy", i), pet_id=pet.id, owner_id=pet.owner_id, provider=provider,
                plan_name=plan, status="ACTIVE", monthly_premium_cents=rng.choice([1290, 2490, 3990]),
                coverage_limit_cents=rng.choice([300000, 500000, 1000000]),
                renews_on=(w.anchor + timedelta(days=rng.randint(5, 360))).date()))


def add_activity(w, rng: random.Random) -> None:
    from pawgraph.demo.population import SIZES

    _appointments(w, rng, SIZES["appointments"])
    _devices(w, rng, SIZES["telemetry_pets"])
    _care(w, rng)
    _shop(w, rng, SIZES["orders"])
    _training(w, rng)
    _payments(w, rng)

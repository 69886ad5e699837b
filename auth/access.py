"""Cross-domain object access: which pets a principal may see beyond the ones they own.

Ownership is local to every subgraph (each row carries the pet's ``owner_id``). Staff access
is not: "a vet sees pets with a visit at their clinic" is a fact of the appointments domain,
but profiles, chronic_care, telehealth and training must apply it too, and no SQL crosses
subgraph boundaries. The decision:

- **appointments publishes the relation** *clinic -> pets with a visit there* into a Redis
  set ``<prefix>care:clinic:<clinic_id>`` (``record_visits``): when it seeds, and after a
  booking commits. Appointments is its only writer and can rebuild it from its own table.
- **every subgraph reads it once per request, for staff only**: ``CareDirectory.scope``
  turns the verified principal into one whose ``care_pet_ids`` holds the clinic's patients
  (one SMEMBERS; owners, admins and anonymous callers cost nothing).
- **repositories filter with it in the query** (``pet_id IN care_pet_ids``), next to the
  ownership rule; deny by default.
- **grants use the same path**: pets an owner shared with an account (``auth.grants``) are
  read in the same round trip into ``granted_pet_ids``.
- **failing closed**: without Redis (or on a Redis error) staff get an empty set, so they
  see only what their own domain row says (e.g. their clinic's appointments).

Which domains honour the relation is decided per subgraph (``repository.py``): profiles,
chronic_care, telehealth and training do; commerce and payments (purchases, money) do not.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable

from redis.exceptions import RedisError

from auth.grants import read_command as read_grants
from auth.principal import Principal

log = logging.getLogger(__name__)


def _strings(members) -> frozenset[str]:
    return frozenset(m.decode() if isinstance(m, bytes) else m for m in members)


def clinic_key(prefix: str, clinic_id: str) -> str:
    return f"{prefix}care:clinic:{clinic_id}"


async def record_visits(redis, prefix: str, visits: Iterable[tuple[str, str]]) -> int:
    """Add (clinic_id, pet_id) pairs to the directory (idempotent). Returns pairs written."""
    by_clinic: dict[str, set[str]] = {}
    for clinic_id, pet_id in visits:
        by_clinic.setdefault(str(clinic_id), set()).add(str(pet_id))
    async with redis.pipeline(transaction=False) as pipe:
        for clinic_id, pets in by_clinic.items():
            pipe.sadd(clinic_key(prefix, clinic_id), *sorted(pets))
        await pipe.execute()
    return sum(len(p) for p in by_clinic.values())


class CareDirectory:
    """Per-request resolution of staff principals' patient sets (see module docstring)."""

    def __init__(self, redis, prefix: str) -> None:
        self._redis, self._prefix = redis, prefix

    @classmethod
    def from_settings(cls, settings) -> "CareDirectory":
        from persistence.redis import create_client

        url = settings.redis.url
        return cls(create_client(url) if url else None, settings.redis.key_prefix)

    async def scope(self, principal: Principal) -> Principal:
        """The principal with its per-request pet sets: the clinic's patients (staff) and the
        pets shared with the account (``auth.grants``). One Redis round trip; none for
        anonymous callers and admins."""
        if principal.user_id is None or principal.is_admin:
            return principal
        clinic_id = principal.staff_clinic_id
        pets: frozenset[str] = frozenset()
        granted: frozenset[str] = frozenset()
        if self._redis is not None:
            try:
                async with self._redis.pipeline(transaction=False) as pipe:
                    read_grants(pipe, self._prefix, principal.user_id)
                    if clinic_id is not None:
                        pipe.smembers(clinic_key(self._prefix, clinic_id))
                    replies = await pipe.execute()
                granted = _strings(replies[0])
                pets = _strings(replies[1]) if clinic_id is not None else frozenset()
            except (RedisError, OSError) as exc:
                log.warning("care directory unavailable, access limited to own rows: %s", exc)
        return dataclasses.replace(principal, care_pet_ids=pets, granted_pet_ids=granted)

    async def aclose(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()

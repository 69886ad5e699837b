"""profiles rules for sharing a pet: emergency QR links and access grants. No GraphQL here.

Emergency links: an owner (or an admin) makes an expiring, revocable link for one pet. The
token is 256 random bits, shown once; only its SHA-256 is stored. Whoever holds it reads
that pet's emergency summary (``EmergencyView``) and nothing else; every attempt counts
against a per-address limit in Redis, and attempts are refused when Redis is down.

Grants: an owner shares a pet with another account, as a co-owner (until revoked) or a
sitter (until ``expires_in_hours`` pass, at most 30 days). Grant rows live here; the
visibility every subgraph applies is published through ``auth.grants``.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import overload

from auth import grants as directory
from auth.principal import Principal
from auth.ratelimit import Limit, RateLimited, RateLimiter, RateLimiterUnavailable
from auth.tokens import canonical_uuid
from subgraphs.profiles.errors import EmergencyRefusal
from subgraphs.profiles.errors import ProfileErrorCode as Code
from subgraphs.profiles.repository import sharing as repo
from subgraphs.shared.payloads import Failure

EMERGENCY_PER_ADDRESS = Limit("emergency:address", max_hits=30, window_seconds=600)
LINK_MAX_HOURS = 24 * 7
SITTER_MAX_HOURS = 24 * 30


class GrantKind(StrEnum):
    CO_OWNER = "CO_OWNER"
    SITTER = "SITTER"


class EmergencyDenied(Exception):
    def __init__(self, reason: EmergencyRefusal) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class NewLink:
    link: dict
    token: str  # shown once, never stored


@dataclass(frozen=True)
class EmergencyView:
    link: dict
    pet: dict
    owner: dict | None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@overload
def aware(value: datetime | str) -> datetime: ...


@overload
def aware(value: datetime | str | None) -> datetime | None: ...


def aware(value: datetime | str | None) -> datetime | None:
    """A stored time as an aware UTC datetime (drivers/servers may hand back naive datetimes
    or ISO strings), comparable with ``datetime.now(UTC)``."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _canonical(value: str) -> str | None:
    try:
        return canonical_uuid(value)
    except ValueError:
        return None


class SharingService:
    def __init__(self, db, redis, prefix: str) -> None:
        self.db, self.redis, self.prefix = db, redis, prefix

    # emergency links ------------------------------------------------------------------------

    async def create_link(self, principal: Principal, pet_id: str,
                          hours: int) -> tuple[NewLink | None, list[Failure]]:
        if not 1 <= hours <= LINK_MAX_HOURS:
            return None, [Failure(Code.BAD_USER_INPUT, f"expiresInHours must be 1-{LINK_MAX_HOURS}",
                                  field="expiresInHours")]
        pet = await self._managed_pet(principal, pet_id)
        if pet is None:
            return None, [Failure(Code.NOT_FOUND, "pet not found", field="petId")]
        token, now = secrets.token_urlsafe(32), _now()
        link = {"_id": str(uuid.uuid4()), "pet_id": pet["_id"], "owner_id": pet["owner_id"],
                "created_by": principal.user_id, "token_hash": token_hash(token),
                "created_at": now, "expires_at": now + timedelta(hours=hours), "revoked_at": None}
        await repo.insert_link(self.db, link)
        return NewLink(link, token), []

    async def revoke_link(self, principal: Principal,
                          link_id: str) -> tuple[dict | None, list[Failure]]:
        link = await repo.managed_link(self.db, principal, link_id) if _canonical(link_id) else None
        if link is None:
            return None, [Failure(Code.NOT_FOUND, "emergency link not found", field="linkId")]
        if link["revoked_at"] is None:
            link["revoked_at"] = revoked_at = _now()
            await repo.revoke_link(self.db, link_id, revoked_at)
        return link, []

    async def emergency_view(self, token: str, address: str | None) -> EmergencyView:
        """The summary behind ``token``; raises ``EmergencyDenied``. Counts every attempt."""
        limiter = RateLimiter(self.redis, self.prefix)
        try:
            await limiter.hit((EMERGENCY_PER_ADDRESS, address or "unknown"))
        except RateLimited:
            raise EmergencyDenied(EmergencyRefusal.RATE_LIMITED) from None
        except RateLimiterUnavailable:
            raise EmergencyDenied(EmergencyRefusal.UNAVAILABLE) from None
        link = await repo.link_by_token_hash(self.db, token_hash(token)) if token else None
        if link is None:
            raise EmergencyDenied(EmergencyRefusal.INVALID)
        if link.get("revoked_at") is not None:
            raise EmergencyDenied(EmergencyRefusal.REVOKED)
        if aware(link["expires_at"]) <= datetime.now(UTC):
            raise EmergencyDenied(EmergencyRefusal.EXPIRED)
        pet = await repo.pet_for_link(self.db, link["pet_id"])
        if pet is None:
            raise EmergencyDenied(EmergencyRefusal.INVALID)
        return EmergencyView(link, pet, await repo.owner_for_link(self.db, pet["owner_id"]))

    # grants -------------------------------------------------------------------------------

    async def grant(self, principal: Principal, pet_id: str, grantee_id: str, kind: GrantKind,
                    hours: int | None) -> tuple[dict | None, list[Failure]]:
        if problems := _grant_problems(principal, grantee_id, kind, hours):
            return None, problems
        pet = await self._managed_pet(principal, pet_id)
        if pet is None:
            return None, [Failure(Code.NOT_FOUND, "pet not found", field="petId")]
        if grantee_id == pet["owner_id"]:
            return None, [Failure(Code.BAD_USER_INPUT, "the owner already has access",
                                  field="granteeId")]
        now = _now()
        expires_at: datetime | None = None
        if kind is GrantKind.SITTER:
            assert hours is not None  # _grant_problems refused a sitter grant without hours
            expires_at = now + timedelta(hours=hours)
        doc = {"_id": str(uuid.uuid4()), "pet_id": pet["_id"], "owner_id": pet["owner_id"],
               "grantee_id": grantee_id, "kind": str(kind), "created_at": now,
               "expires_at": expires_at, "revoked_at": None}
        await repo.insert_grant(self.db, doc)
        if not await self._publish(doc["pet_id"], grantee_id):
            await repo.delete_grant(self.db, doc["_id"])
            return None, [Failure(Code.UNAVAILABLE, "sharing is temporarily unavailable")]
        return doc, []

    async def revoke_grant(self, principal: Principal,
                           grant_id: str) -> tuple[dict | None, list[Failure]]:
        doc = await repo.managed_grant(self.db, principal, grant_id) if _canonical(grant_id) else None
        if doc is None:
            return None, [Failure(Code.NOT_FOUND, "grant not found", field="grantId")]
        if doc["revoked_at"] is not None:
            return doc, []
        # withdraw first (fail safe), then mark the row revoked
        if not await self._publish(doc["pet_id"], doc["grantee_id"], without=doc["_id"]):
            return None, [Failure(Code.UNAVAILABLE, "sharing is temporarily unavailable")]
        doc["revoked_at"] = revoked_at = _now()
        await repo.revoke_grant(self.db, grant_id, revoked_at)
        return doc, []

    async def grants_of_pets(self, principal: Principal, pet_ids: list[str]) -> list[dict]:
        now = datetime.now(UTC)
        return [g for g in await repo.grants_of_pets(self.db, principal, pet_ids)
                if g["expires_at"] is None or aware(g["expires_at"]) > now]

    async def _managed_pet(self, principal: Principal, pet_id: str) -> dict | None:
        return await repo.managed_pet(self.db, principal, pet_id) if _canonical(pet_id) else None

    async def _publish(self, pet_id: str, grantee_id: str, without: str | None = None) -> bool:
        """Re-publish the (grantee, pet) pair from its active grants; False when Redis failed."""
        from redis.exceptions import RedisError

        now = datetime.now(UTC)
        active = [aware(g["expires_at"]) for g in await repo.grants_of_pair(self.db, pet_id, grantee_id)
                  if g["_id"] != without and (g["expires_at"] is None or aware(g["expires_at"]) > now)]
        if self.redis is None:
            return False
        try:
            await directory.publish(self.redis, self.prefix, grantee_id, pet_id, active)
        except (RedisError, OSError):
            return False
        return True


def _grant_problems(principal: Principal, grantee_id: str, kind: GrantKind,
                    hours: int | None) -> list[Failure]:
    if _canonical(grantee_id) is None:
        return [Failure(Code.BAD_USER_INPUT, "granteeId must be an account id", field="granteeId")]
    if grantee_id == principal.user_id:
        return [Failure(Code.BAD_USER_INPUT, "you already have access", field="granteeId")]
    if kind is GrantKind.CO_OWNER and hours is not None:
        return [Failure(Code.BAD_USER_INPUT, "co-owner access does not expire",
                        field="expiresInHours")]
    if kind is GrantKind.SITTER and (hours is None or not 1 <= hours <= SITTER_MAX_HOURS):
        return [Failure(Code.BAD_USER_INPUT,
                        f"sitter access needs expiresInHours 1-{SITTER_MAX_HOURS}",
                        field="expiresInHours")]
    return []

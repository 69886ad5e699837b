"""Pet access grants as a cross-domain directory: *account -> pets shared with it*.

An owner shares a pet with another account (``profiles``: ``petAccessGrant``): a co-owner
indefinitely, a sitter until the grant expires; either is revocable. The grant rows live in
profiles (MongoDB, the source of truth); like the clinic -> patients relation
(``auth.access``), every subgraph needs the answer, and no query crosses subgraph
boundaries, so profiles publishes it to Redis and every subgraph reads it once per request:

- key ``<prefix>grants:account:<account_id>``: a sorted set, member = pet id, score = the
  grant's expiry (unix seconds; ``+inf`` for co-owners). Profiles is the only writer.
- readers take ``ZRANGEBYSCORE key <now> +inf``: an expired sitter grant is never returned,
  even before anything cleans it up (writers prune expired members as they go).
- ``publish`` sets one (account, pet) pair from every active grant of that pair (the one
  lasting longest wins); revocation re-publishes *before* the row is marked revoked (fail
  safe: a failure in between leaves less access, never more); a failed write refuses the
  grant.
- reading fails closed: without Redis, or on an error, nothing is granted.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import datetime


def grants_key(prefix: str, account_id: str) -> str:
    return f"{prefix}grants:account:{account_id}"


def _score(expires_at: datetime | None) -> float:
    return float("inf") if expires_at is None else expires_at.timestamp()


async def publish(redis, prefix: str, account_id: str, pet_id: str,
                  active: Iterable[datetime | None]) -> None:
    """Set what ``account_id`` may see of ``pet_id`` from the expiries of every active grant
    of that pet to that account (None: indefinite); no active grant removes the pet."""
    key = grants_key(prefix, account_id)
    active = list(active)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.zremrangebyscore(key, "-inf", f"({time.time()}")
        if active:
            pipe.zadd(key, {pet_id: max(_score(e) for e in active)})
        else:
            pipe.zrem(key, pet_id)
        await pipe.execute()


def read_command(pipe, prefix: str, account_id: str) -> None:
    """Queue the read of ``account_id``'s current grants on a pipeline."""
    pipe.zrangebyscore(grants_key(prefix, account_id), time.time(), "+inf")

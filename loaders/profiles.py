"""profiles DataLoaders: one MongoDB find per batch."""

from __future__ import annotations

from aiodataloader import DataLoader

from loaders import loader, many_per_key, one_per_key, valid_uuids
from subgraphs.profiles import repository as repo


def _note_admin_reads(ctx, docs) -> None:
    """Admins reading another owner's pet are audited (``auth.audit``, request boundary)."""
    if not ctx.principal.is_admin:
        return
    from auth.audit import AuditEvent

    ctx.audit.extend(AuditEvent("pet.read", d["_id"], {"owner_id": d["owner_id"]})
                     for d in docs if d["owner_id"] != ctx.principal.user_id)


def pet_by_id(ctx) -> DataLoader:
    async def batch(keys):
        docs = await repo.pets_by_ids(ctx.resources.mongo, ctx.principal, valid_uuids(keys))
        _note_admin_reads(ctx, docs)
        return one_per_key(docs, keys, lambda d: d["_id"])
    return loader(batch)


def pets_by_owner_id(ctx) -> DataLoader:
    async def batch(keys):
        docs = await repo.pets_by_owner_ids(ctx.resources.mongo, ctx.principal, valid_uuids(keys))
        _note_admin_reads(ctx, docs)
        return many_per_key(docs, keys, lambda d: d["owner_id"])
    return loader(batch)


def owner_by_id(ctx) -> DataLoader:
    async def batch(keys):
        docs = await repo.owners_by_ids(ctx.resources.mongo, ctx.principal, valid_uuids(keys))
        return one_per_key(docs, keys, lambda d: d["_id"])
    return loader(batch)


FACTORIES = {f.__name__: f for f in (pet_by_id, pets_by_owner_id, owner_by_id)}

LOADERS = FACTORIES

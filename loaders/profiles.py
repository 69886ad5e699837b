"""profiles DataLoaders: one MongoDB find per batch (``subgraphs.profiles.context`` declares
them for the resolvers)."""

from __future__ import annotations

from functools import cached_property

from aiodataloader import DataLoader

from loaders import RequestLoaders, loader, many_per_key, one_per_key, valid_uuids
from subgraphs.profiles.repository import owners as owners_repo
from subgraphs.profiles.repository import pets as pets_repo


def _note_admin_reads(ctx, docs) -> None:
    """Admins reading another owner's pet are audited (``auth.audit``, request boundary)."""
    if not ctx.principal.is_admin:
        return
    from auth.audit import AuditEvent

    ctx.audit.extend(AuditEvent("pet.read", d["_id"], {"owner_id": d["owner_id"]})
                     for d in docs if d["owner_id"] != ctx.principal.user_id)


class ProfilesLoaders(RequestLoaders):
    @cached_property
    def pet_by_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            docs = await pets_repo.pets_by_ids(ctx.resources.mongo, ctx.principal,
                                               valid_uuids(keys))
            _note_admin_reads(ctx, docs)
            return one_per_key(docs, keys, lambda d: d["_id"])
        return loader(batch)

    @cached_property
    def pets_by_owner_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            docs = await pets_repo.pets_by_owner_ids(ctx.resources.mongo, ctx.principal,
                                                     valid_uuids(keys))
            _note_admin_reads(ctx, docs)
            return many_per_key(docs, keys, lambda d: d["owner_id"])
        return loader(batch)

    @cached_property
    def owner_by_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            docs = await owners_repo.owners_by_ids(ctx.resources.mongo, ctx.principal,
                                                   valid_uuids(keys))
            return one_per_key(docs, keys, lambda d: d["_id"])
        return loader(batch)


LOADERS = ProfilesLoaders

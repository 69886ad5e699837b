"""appointments subgraph (PostgreSQL + Redis): clinics, vets and their working hours,
availability (cached in Redis), booking and the visit lifecycle; ``Pet.visits``.

Every subgraph package exposes ``NAME``, ``build_schema(dev)``, ``definition(settings,
loaders)`` (demo data: ``pawgraph.demo.seed``); ``subgraphs.registry.create_app(name, settings)``
builds the ASGI app with the common request path (identity check, unit of work). The rules
are in ``service``, every statement in ``repository``; ``patient_sync`` is the background
worker keeping the patient list from profiles' ``pets`` stream.
"""

from __future__ import annotations

from subgraphs.shared.app import SubgraphDefinition
from subgraphs.shared.settings import SubgraphSettings

NAME = "appointments"


def build_schema(dev: bool = True):
    from subgraphs.appointments.mutations import Mutation
    from subgraphs.appointments.queries import Query
    from subgraphs.appointments.subscriptions import Subscription
    from subgraphs.appointments.types import Appointment, Clinic, Pet, Slot, Vet
    from subgraphs.shared.schema import build_schema as build

    return build(Query, mutation=Mutation, subscription=Subscription,
                 types=[Clinic, Vet, Appointment, Pet, Slot], dev=dev)


def _lifespan(settings: SubgraphSettings):
    """PostgreSQL + Redis, and the patient list kept from profiles' ``pets`` stream
    (``patient_sync``; ``app.state.patient_sync``, None without Redis)."""
    from contextlib import asynccontextmanager

    from persistence.postgres import create_engine
    from subgraphs.appointments.patient_sync import PatientSync
    from subgraphs.shared.resources import sql_lifespan

    base = sql_lifespan(settings, use_redis=True)

    @asynccontextmanager
    async def lifespan(app):
        async with base(app):
            sync = engine = None
            if app.state.redis is not None:
                # its own small pool: background writes are not counted as request cost
                engine, _ = create_engine(settings.postgres.url, pool_size=1)
                sync = PatientSync(engine, app.state.redis, app.state.redis_prefix)
                sync.start()
            app.state.patient_sync = sync
            try:
                yield
            finally:
                if sync is not None:
                    await sync.stop()
                    await engine.dispose()

    return lifespan


def definition(settings: SubgraphSettings, loaders):

    return SubgraphDefinition(NAME, build_schema(settings.is_development),
                              _lifespan(settings), loaders)

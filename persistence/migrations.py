"""Alembic migrations, one migration history per SQL subgraph.

Each SQL subgraph has ``subgraphs/<name>/migrations/`` (``env.py`` calls ``run_env``) with its
own version table ``<schema>.alembic_version``; the schema is named after the subgraph
(``accounts`` included: its history moved from ``auth/migrations`` with the same revision ids,
so existing databases upgrade in place). ``upgrade(url, name)`` brings one subgraph's schema
to head; ``pawgraph db upgrade`` runs it for every SQL subgraph.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import Table

from persistence.postgres import create_engine

SQL_SCHEMAS = ("accounts", "appointments", "telehealth", "commerce", "chronic_care", "training",
               "payments")


def _package(schema: str) -> str:
    """The subgraph package owning a schema (its ``models`` and ``migrations``)."""
    return f"subgraphs.{schema}"


def alembic_config(subgraph: str) -> Config:
    package = import_module(_package(subgraph))
    assert package.__file__ is not None, f"{package.__name__} is a regular package (__init__.py)"
    location = Path(package.__file__).parent / "migrations"
    cfg = Config()
    cfg.set_main_option("script_location", str(location))
    cfg.attributes["schema"] = subgraph
    return cfg


def run_env() -> None:
    """Body of every subgraph's ``migrations/env.py`` (online mode; connection passed in)."""
    cfg = context.config
    schema = cfg.attributes["schema"]
    connection = cfg.attributes["connection"]
    metadata = import_module(f"{_package(schema)}.models").metadata
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table_schema=schema,
        include_schemas=True,
        include_name=lambda name, type_, parent: type_ != "schema" or name == schema,
        include_object=lambda obj, name, type_, reflected, compare_to: (  # "table" is a Table
            type_ != "table" or (isinstance(obj, Table) and obj.schema == schema)),
    )
    with context.begin_transaction():
        context.run_migrations()


async def upgrade(url: str, subgraph: str, revision: str = "head") -> None:
    engine, _ = create_engine(url, pool_size=1)
    try:
        async with engine.begin() as conn:
            await conn.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{subgraph}"')
            await conn.run_sync(_run_upgrade, subgraph, revision)
    finally:
        await engine.dispose()


def _run_upgrade(sync_conn, subgraph: str, revision: str) -> None:
    cfg = alembic_config(subgraph)
    cfg.attributes["connection"] = sync_conn
    command.upgrade(cfg, revision)


async def autogenerate(url: str, subgraph: str, message: str) -> None:
    """Write a new revision for ``subgraph`` by diffing its models against ``url``
    (``pawgraph db revision``)."""
    engine, _ = create_engine(url, pool_size=1)
    try:
        async with engine.begin() as conn:
            await conn.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{subgraph}"')
            await conn.run_sync(_run_revision, subgraph, message)
    finally:
        await engine.dispose()


def _run_revision(sync_conn, subgraph: str, message: str) -> None:
    cfg = alembic_config(subgraph)
    cfg.attributes["connection"] = sync_conn
    command.revision(cfg, message=message, autogenerate=True)

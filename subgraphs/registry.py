"""The subgraphs (seven domains + accounts), in composition order, and how to load one by name.

``definition(name, settings)`` is where a subgraph meets its DataLoaders: the registry hands
``subgraphs.<name>.definition`` the loaders of ``loaders.<name>``, so the import runs one way
(``loaders`` reads the subgraph's repository; the subgraph never imports ``loaders``).
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import Any

SUBGRAPHS = ("profiles", "appointments", "telehealth", "commerce", "chronic_care", "training",
             "payments", "accounts")


def load(name: str) -> ModuleType:
    """``subgraphs.<name>``: exposes ``NAME``, ``build_schema(dev)``, ``definition(settings, loaders)``."""
    if name not in SUBGRAPHS:
        raise KeyError(f"unknown subgraph {name!r}; known: {', '.join(SUBGRAPHS)}")
    return import_module(f"subgraphs.{name}")



def loaders_of(name: str) -> Any:
    """What ``loaders.<name>`` provides for one request (``LOADERS``)."""
    load(name)
    return import_module(f"loaders.{name}").LOADERS


def create_app(name: str, settings: Any) -> Any:
    """The ASGI app of subgraph ``name``: its definition behind the router-identity check,
    with the care directory and the admin audit log. The audit log writes through the
    accounts subgraph's repository (the table's owner; ``auth.audit`` is the log's API and
    cannot import it, auth sits below the subgraphs) - wired here, where the subgraphs meet."""
    from auth.access import CareDirectory
    from auth.audit import AuditLog
    from auth.keys import public_pem
    from auth.router_identity import IdentityVerifier
    from subgraphs.accounts.repository.audit import append_entries
    from subgraphs.shared.app import create_subgraph_app

    verifier = IdentityVerifier(public_pem(settings, "router"), name)
    return create_subgraph_app(definition(name, settings), verifier,
                               CareDirectory.from_settings(settings),
                               AuditLog.from_settings(settings, append_entries))


def definition(name: str, settings: Any) -> Any:
    """``subgraphs.<name>.definition(settings, loaders)`` with the domain's loaders."""
    return load(name).definition(settings, loaders_of(name))

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
SQL_SUBGRAPHS = tuple(name for name in SUBGRAPHS if name != "profiles")


def load(name: str) -> ModuleType:
    """``subgraphs.<name>``: exposes ``NAME``, ``schema``, ``create_app(settings)``, ``seed``."""
    if name not in SUBGRAPHS:
        raise KeyError(f"unknown subgraph {name!r}; known: {', '.join(SUBGRAPHS)}")
    return import_module(f"subgraphs.{name}")



def loaders_of(name: str) -> Any:
    """What ``loaders.<name>`` provides for one request (``LOADERS``)."""
    load(name)
    return import_module(f"loaders.{name}").LOADERS


def definition(name: str, settings: Any) -> Any:
    """``subgraphs.<name>.definition(settings, loaders)`` with the domain's loaders."""
    return load(name).definition(settings, loaders_of(name))

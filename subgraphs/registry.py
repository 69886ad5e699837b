"""The subgraphs (seven domains + accounts), in composition order, and how to load one by name."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

SUBGRAPHS = ("profiles", "appointments", "telehealth", "commerce", "chronic_care", "training",
             "payments", "accounts")
SQL_SUBGRAPHS = tuple(name for name in SUBGRAPHS if name != "profiles")


def load(name: str) -> ModuleType:
    """``subgraphs.<name>``: exposes ``NAME``, ``schema``, ``create_app(settings)``, ``seed``."""
    if name not in SUBGRAPHS:
        raise KeyError(f"unknown subgraph {name!r}; known: {', '.join(SUBGRAPHS)}")
    return import_module(f"subgraphs.{name}")


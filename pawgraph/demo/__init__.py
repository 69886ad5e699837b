"""Deterministic demo world (``pawgraph seed``): the same input always yields the same data.

``build_world(anchor)`` returns plain dataclasses for every domain; ``pawgraph.demo.seed``
writes each part to its own store. IDs are UUIDv5 of stable names, dates are
relative to ``anchor`` (the day of seeding), so "upcoming" and "last 7 days" are meaningful.
"""

from pawgraph.demo.passwords import DEMO_PASSWORD
from pawgraph.demo.population import DEMO_ACCOUNTS, demo_uuid
from pawgraph.demo.world import World, build_world

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "World", "build_world", "demo_uuid"]

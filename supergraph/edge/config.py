"""What the router's edge enforces, as plain data (no settings library in the router).

``EdgeConfig()`` is the safe default for any deployment: CSRF prevention on, limits on,
introspection and field suggestions off, errors masked, batching up to 8 operations.
``pawgraph`` builds it from ``Settings.router`` (``PAWGRAPH_ROUTER__*``, see
``pawgraph.assembly.router_edge``); development turns introspection, suggestions and
unmasked errors on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class SafelistMode(StrEnum):
    """What happens to a full query text that is not in the manifest (first-party clients)."""

    OFF = "off"  # accepted
    LOG = "log"  # accepted, logged with its hash and operation name
    ENFORCE = "enforce"  # refused with PERSISTED_QUERY_NOT_IN_LIST (except exempt roles)


@dataclass(frozen=True)
class LimitsConfig:
    """Checked before validation (``cost`` after variable coercion, before any fetch).

    ``None`` disables one limit. Defaults leave every operation in ``client-queries/`` and
    GraphiQL's introspection query well inside.
    """

    max_tokens: int | None = 2000
    max_depth: int | None = 15
    max_aliases: int | None = 30
    max_root_fields: int | None = 20
    max_directives: int | None = 10  # on one field / fragment / operation
    max_fields: int | None = 2000  # field selections after fragment expansion
    # Field pairs validation compares (same response key, through fragments): quadratic.
    max_overlap_comparisons: int | None = 6000
    max_cost: int | None = 5000  # demand control: @cost / @listSize estimate
    # Enforce ``max_cost`` only when the supergraph declares @cost / @listSize (Pawgraph's does):
    # for a supergraph without them every list size is the default guess, and a router must
    # not refuse valid operations on guesses unless its operator asked for it (False).
    cost_needs_directives: bool = True
    default_list_size: int = 20  # list fields without @listSize or slicing argument
    # Integer arguments read as slicing arguments on list fields without @listSize.
    slicing_arguments: tuple[str, ...] = ("first", "last", "limit")


@dataclass(frozen=True)
class PersistedConfig:
    manifest_path: Path | None = None
    # Principals with one of these roles may only run manifest documents, by id.
    trusted_document_roles: frozenset[str] = frozenset({"partner"})
    # The manifest's clientName those principals may run ("partners/" operations).
    trusted_client_name: str = "partners"
    apq: bool = True
    apq_ttl_seconds: int = 86_400
    safelist: SafelistMode = SafelistMode.OFF
    safelist_exempt_roles: frozenset[str] = frozenset({"admin"})
    # The manifest file is re-read when it changed, checked at most this often.
    reload_interval_seconds: float = 2.0


@dataclass(frozen=True)
class HttpConfig:
    max_body_bytes: int = 262_144
    max_batch_size: int = 8  # 0: batching (a JSON array body) refused
    csrf_prevention: bool = True
    # A "simple" request (GET, or POST with a form/text content type) must carry one of these.
    csrf_headers: tuple[str, ...] = ("x-apollo-operation-name", "apollo-require-preflight",
                                     "graphql-preflight")
    cors_origins: tuple[str, ...] = ()
    cors_max_age: int = 600


@dataclass(frozen=True)
class EdgeConfig:
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    persisted: PersistedConfig = field(default_factory=PersistedConfig)
    http: HttpConfig = field(default_factory=HttpConfig)
    # Outside development: introspection and "Did you mean" suggestions for these roles only.
    introspection: bool = False
    suggestions: bool = False
    privileged_roles: frozenset[str] = frozenset({"admin"})


def roles_of(principal: Any) -> frozenset[str]:
    return frozenset(getattr(principal, "roles", None) or ())


def is_privileged(config: EdgeConfig, principal: Any) -> bool:
    return bool(roles_of(principal) & config.privileged_roles)

"""The admin audit log: every admin action, appended to ``accounts.audit_entry``.

Where it is written: at the subgraph request boundary (``subgraphs.shared.app``), the one
place every request of every subgraph passes after it ran, with the verified principal:

- every mutation by an admin principal: ``action`` = ``mutation``, ``subject`` =
  ``<subgraph>:<root fields>``, ``detail`` = operation name, the variables' *names* (values
  may hold passwords or tokens), whether it committed and the error codes;
- admin reads of another owner's pet: repositories/loaders note them on the request context
  (``SubgraphContext.audit``) and the boundary writes them with the request's entries:
  ``action`` = ``pet.read``, ``subject`` = the pet id.

This module is the log's API (what an event is, which requests are audited, ``AuditLog``)
and owns no SQL: the table belongs to the accounts subgraph (``subgraphs.accounts.models``)
and its statement to ``subgraphs.accounts.repository.audit.append_entries``, which the
request boundary hands to ``AuditLog`` as its ``write`` function - ``auth`` sits below the
subgraphs and never imports them (subgraphs -> auth -> persistence). Entries of one request
are written in one INSERT on a small pool of their own, after the request's own unit of
work finished. A failed write is logged at ERROR and does not undo the action (the action
already committed in its own store).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from auth.principal import Principal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AuditEvent:
    action: str
    subject: str
    detail: dict[str, Any] = field(default_factory=dict)


AuditWriter = Callable[[Any, str, Sequence[AuditEvent]], Awaitable[int]]
"""``write(engine, actor_id, events)``: store one request's entries in one transaction."""


class AuditLog:
    """Writes admin requests' events with ``write`` on a one-connection pool to
    ``postgres_url`` (opened on first use)."""

    def __init__(self, postgres_url: str | None, write: AuditWriter) -> None:
        self._url, self._write = postgres_url, write
        self._engine = None

    @classmethod
    def from_settings(cls, settings, write: AuditWriter) -> "AuditLog":
        return cls(settings.postgres.url, write)

    async def record(self, principal: Principal, events: Sequence[AuditEvent]) -> None:
        if not events or principal.user_id is None:
            return
        try:
            await self._write(self._connect(), principal.user_id, events)
        except Exception:
            log.exception("audit log write failed for %d admin action(s) by %s", len(events),
                          principal.user_id)

    def _connect(self):
        if self._engine is None:
            if not self._url:
                raise RuntimeError("no PostgreSQL URL for the audit log")
            from persistence.postgres import create_engine

            self._engine, _ = create_engine(self._url, pool_size=1)
        return self._engine

    async def aclose(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()


def mutation_event(subgraph: str, root_fields: Sequence[str], params: dict[str, Any],
                   committed: bool, error_codes: Sequence[str]) -> AuditEvent:
    return AuditEvent("mutation", f"{subgraph}:{','.join(root_fields)}", {
        "operationName": params.get("operationName"),
        "variables": sorted((params.get("variables") or {}).keys()),
        "committed": committed, "errors": sorted(set(error_codes))})


def mutation_fields(query: str, operation_name: str | None) -> list[str]:
    """Root field names of the selected operation if it is a mutation, else []."""
    from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse

    try:
        document = parse(query)
    except GraphQLError:
        return []
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if operation_name is None or (definition.name and definition.name.value == operation_name):
            if definition.operation is not OperationType.MUTATION:
                return []
            return [s.name.value for s in definition.selection_set.selections
                    if hasattr(s, "name")]
    return []


async def audit_request(log_: AuditLog, subgraph: str, principal: Principal, query: str,
                        params: dict[str, Any], result: Any, committed: bool,
                        noted: Sequence[AuditEvent]) -> None:
    """The request boundary's hook: write what an admin request did (see module docstring)."""
    if not principal.is_admin:
        return
    events = list(noted)
    fields = mutation_fields(query, params.get("operationName"))
    if fields:
        codes = [str((e.extensions or {}).get("code", "")) for e in (result.errors or [])] \
            if result is not None else ["INTERNAL_SERVER_ERROR"]
        events.append(mutation_event(subgraph, fields, params, committed, codes))
    await log_.record(principal, events)

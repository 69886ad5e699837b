"""Run a ``QueryPlan``: send fetches, merge results, re-path errors.

* ``Parallel`` children run concurrently (``asyncio.gather``); ``Sequence`` in order.
* A ``Flatten`` fetch collects every object at its path in one ``_entities`` request
  (one request per plan node, whatever the list sizes), with deduplicated
  representations.
* Each request body is serialized once with orjson; the same bytes go to the
  ``identity_headers`` hook and to the transport. Client headers are never forwarded.
* A failing subgraph never fails the whole request: its part stays missing (null after
  shaping) and an error with ``extensions.code = SUBREQUEST_HTTP_ERROR`` (and ``service``)
  is added. Each subgraph has a timeout and a circuit breaker (``SubgraphPolicy``).
* Objects whose key has a null are not sent; ``@interfaceObject`` representations get the
  interface's name as ``__typename``.
"""

from __future__ import annotations

import asyncio
import logging
from functools import lru_cache
from typing import Any, Callable, Mapping

import orjson
from graphql import FieldNode, InlineFragmentNode, OperationDefinitionNode, SelectionNode, parse

from supergraph.errors import ErrorCode, error_entry
from supergraph.execution.merge import collect, deep_merge, path_list, project
from supergraph.planning.plan import Fetch, Flatten, Parallel, PlanNode, QueryPlan, Sequence
from supergraph.transport.base import SubgraphTransport, SubgraphTransportError
from supergraph.transport.breaker import CircuitBreaker, SubgraphPolicy

log = logging.getLogger(__name__)

IdentityHeaders = Callable[[str, bytes, Any], Mapping[str, str]]

_BASE_HEADERS = {"content-type": "application/json", "accept": "application/json"}


class _SubrequestFailed(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Run:
    """State of one plan execution."""

    def __init__(self, executor: "Executor", variables: Mapping[str, Any], principal: Any) -> None:
        self.executor = executor
        self.variables = variables
        self.principal = principal
        self.data: dict[str, Any] = {}
        self.errors: list[dict[str, Any]] = []

    async def node(self, node: PlanNode) -> None:
        if isinstance(node, Fetch):
            await self.root_fetch(node)
        elif isinstance(node, Flatten):
            await self.entity_fetch(node)
        elif isinstance(node, Sequence):
            for child in node.nodes:
                await self.node(child)
        elif isinstance(node, Parallel):
            await asyncio.gather(*(self.node(child) for child in node.nodes))

    def _variables(self, fetch: Fetch) -> dict[str, Any]:
        return {name: self.variables[name] for name in fetch.variable_usages if name in self.variables}

    async def root_fetch(self, fetch: Fetch) -> None:
        try:
            data, errors = await self.executor.send(fetch, self._variables(fetch), self.principal)
        except _SubrequestFailed as exc:
            self._subrequest_error(fetch, exc.reason, [self._first_root_key(fetch)])
            return
        if isinstance(data, dict):
            if fetch.output_renames:
                _rename_keys(data, dict(fetch.output_renames))
            deep_merge(self.data, data)
        for error in errors:
            self.errors.append(_clean_error(error, error.get("path")))

    async def entity_fetch(self, flatten: Flatten) -> None:
        fetch = flatten.node
        requires = fetch.requires
        assert requires is not None
        targets = collect(self.data, flatten.path, requires.typenames)
        representations: list[dict] = []
        first_paths: list[Any] = []  # linked paths (merge.path_list), one per representation
        index: dict[bytes, int] = {}
        mapping: list[tuple[dict, int]] = []
        fields, key_fields, rewrite = requires.fields, requires.key_fields, requires.typename_rewrite
        dumps, sort_keys = orjson.dumps, orjson.OPT_SORT_KEYS
        for obj, where in targets:
            rep = project(obj, fields)
            if rep is None or _null_key(rep, key_fields):
                continue
            if rewrite:
                rep["__typename"] = rewrite
            digest = dumps(rep, option=sort_keys)
            position = index.get(digest)
            if position is None:
                position = index[digest] = len(representations)
                representations.append(rep)
                first_paths.append(where)
            mapping.append((obj, position))
        if not representations:
            return
        variables = {"representations": representations, **self._variables(fetch)}
        try:
            data, errors = await self.executor.send(fetch, variables, self.principal)
        except _SubrequestFailed as exc:
            path = [*path_list(first_paths[0]), first_response_key(fetch.operation_text)]
            self._subrequest_error(fetch, exc.reason, path)
            return
        entities = data.get("_entities") if isinstance(data, dict) else None
        if isinstance(entities, list) and fetch.output_renames:
            _rename_keys(entities, dict(fetch.output_renames))
        if isinstance(entities, list):
            count = len(entities)
            for obj, position in mapping:
                if position < count:
                    entity = entities[position]
                    if isinstance(entity, dict):
                        deep_merge(obj, entity)
        for error in errors:
            self.errors.append(_clean_error(error, _entity_path(error.get("path"), first_paths)))

    def _first_root_key(self, fetch: Fetch) -> str:
        return first_response_key(fetch.operation_text)

    def _subrequest_error(self, fetch: Fetch, reason: str, path: list) -> None:
        message = f"HTTP fetch failed from '{fetch.subgraph}': {reason}"
        self.errors.append(
            error_entry(message, ErrorCode.SUBREQUEST_HTTP_ERROR, path=path, service=fetch.subgraph)
        )


def _rename_keys(value: Any, renames: dict[str, str]) -> None:
    """Undo a fetch's conflict aliases (``Fetch.output_renames``) in its response data."""
    if isinstance(value, list):
        for item in value:
            _rename_keys(item, renames)
    elif isinstance(value, dict):
        for alias, key in renames.items():
            if alias in value:
                value[key] = value.pop(alias)
        for item in value.values():
            if isinstance(item, (dict, list)):
                _rename_keys(item, renames)


@lru_cache(maxsize=2048)
def first_response_key(operation_text: str) -> str:
    """Response key of the first field a fetch asks for (error paths of failed fetches)."""
    definition = parse(operation_text, no_location=True).definitions[0]
    if not isinstance(definition, OperationDefinitionNode):
        raise ValueError("a fetch's text is one operation")
    node = definition.selection_set.selections[0]
    if isinstance(node, FieldNode) and node.name.value == "_entities":
        node = _first_inside(_first_inside(node))
    while not isinstance(node, FieldNode):
        node = _first_inside(node)
    return (node.alias or node.name).value


def _first_inside(node: SelectionNode) -> SelectionNode:
    """The first selection of a field's or an inline fragment's selection set."""
    if not isinstance(node, (FieldNode, InlineFragmentNode)) or node.selection_set is None:
        raise ValueError(f"no selection set in {node.kind}")
    return node.selection_set.selections[0]


def _null_key(rep: dict, key_fields: frozenset[str]) -> bool:
    for name in key_fields:
        if rep.get(name) is None:
            return True
    return False


def _entity_path(path: Any, first_paths: list) -> list | None:
    if not isinstance(path, list) or len(path) < 2 or path[0] != "_entities":
        return None
    position = path[1]
    if not isinstance(position, int) or not 0 <= position < len(first_paths):
        return None
    return [*path_list(first_paths[position]), *path[2:]]


def _clean_error(error: Any, path: Any) -> dict[str, Any]:
    """Keep message/locations-free/path/extensions of a subgraph error."""
    if not isinstance(error, dict):
        return error_entry("Subgraph error", ErrorCode.INTERNAL_SERVER_ERROR)
    out: dict[str, Any] = {"message": str(error.get("message", "Subgraph error"))}
    if path:
        out["path"] = path
    extensions = error.get("extensions")
    if isinstance(extensions, dict):
        out["extensions"] = extensions
    return out


class Executor:
    """Sends plan fetches through the configured transports.

    Each subgraph has a :class:`SubgraphPolicy` (``policies[name]``, else ``default_policy``):
    a timeout for the whole request and a circuit breaker.
    """

    def __init__(
        self,
        transports: Mapping[str, SubgraphTransport],
        identity_headers: IdentityHeaders,
        *,
        policies: Mapping[str, SubgraphPolicy] | None = None,
        default_policy: SubgraphPolicy | None = None,
    ) -> None:
        self.transports = transports
        self.identity_headers = identity_headers
        self.configure(policies, default_policy)

    def configure(
        self, policies: Mapping[str, SubgraphPolicy] | None = None, default_policy: SubgraphPolicy | None = None
    ) -> None:
        """Set per-subgraph timeouts and breakers (resets the breakers)."""
        self.default_policy = default_policy or SubgraphPolicy()
        self.policies = {name: (policies or {}).get(name, self.default_policy) for name in self.transports}
        self.breakers = {
            name: CircuitBreaker(policy.failure_threshold, policy.reset_after)
            for name, policy in self.policies.items()
        }

    async def run(self, plan: QueryPlan, variables: Mapping[str, Any], principal: Any) -> tuple[dict, list]:
        run = _Run(self, variables, principal)
        if plan.node is not None:
            await run.node(plan.node)
        return run.data, run.errors

    async def send(self, fetch: Fetch, variables: dict[str, Any], principal: Any) -> tuple[Any, list]:
        transport = self.transports.get(fetch.subgraph)
        if transport is None:
            raise _SubrequestFailed("no transport configured")
        payload: dict[str, Any] = {"query": fetch.operation_text, "variables": variables}
        if fetch.operation_name:
            payload["operationName"] = fetch.operation_name
        body = orjson.dumps(payload)
        headers = {**_BASE_HEADERS, **self.identity_headers(fetch.subgraph, body, principal)}
        raw = await self._call(fetch.subgraph, transport, body, headers)
        try:
            response = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise _SubrequestFailed("invalid JSON response") from exc
        if not isinstance(response, dict):
            raise _SubrequestFailed("invalid GraphQL response")
        errors = response.get("errors") or []
        return response.get("data"), errors if isinstance(errors, list) else []

    async def _call(self, subgraph: str, transport: SubgraphTransport, body: bytes, headers: dict) -> bytes:
        breaker = self.breakers[subgraph]
        if not breaker.allow():
            raise _SubrequestFailed("circuit open")
        try:
            raw = await asyncio.wait_for(transport.fetch(body, headers), self.policies[subgraph].timeout)
        except SubgraphTransportError as exc:
            breaker.record(False)
            raise _SubrequestFailed(exc.reason) from exc
        except asyncio.TimeoutError as exc:
            breaker.record(False)
            raise _SubrequestFailed("request timed out") from exc
        except Exception as exc:
            breaker.record(False)
            log.warning("subgraph %s request failed", subgraph, exc_info=exc)
            raise _SubrequestFailed("request failed") from exc
        breaker.record(True)
        return raw

"""A federation subgraph from an SDL plus canned data (and tiny resolvers where needed).

``CannedSubgraph(name, sdl, data, resolvers)`` serves ``POST /graphql`` with graphql-core:

* ``data["Query"]`` / ``data["Mutation"]``: the root objects (plain dicts/lists);
* ``data["entities"][TypeName]``: the objects ``_entities`` looks representations up in
  (match on the representation's key fields; the representation's own fields, e.g.
  ``@external`` ones sent for ``@requires``, are merged into the object). A
  representation of an interface (entity interface) is looked up in every
  implementation's list. Unknown representations resolve to the representation itself;
  ``None`` is returned for type names listed in ``data["missing"]``;
* ``resolvers["Type.field"] = fn(obj, args, store)``: computed fields (``@requires``,
  arguments, mutations). Anything else is ``obj[field]``; abstract values carry
  ``__typename``.

The app counts requests and keeps their bodies, so tests can pin subgraph-request budgets.
"""

from __future__ import annotations

import asyncio
import copy
from typing import Any, Callable, Mapping

import orjson
from graphql import (
    GraphQLError,
    build_ast_schema,
    graphql,
    parse,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

FEDERATION_LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", '
    '"@shareable", "@external", "@requires", "@provides", "@override", "@inaccessible", '
    '"@interfaceObject", "@authenticated", "@requiresScopes", "@tag"])\n'
)

Resolver = Callable[[Any, dict, dict], Any]


def with_link(sdl: str) -> str:
    return sdl if "@link(" in sdl else FEDERATION_LINK + sdl


def _entity_types(sdl: str) -> tuple[list[str], set[str]]:
    """(object types with a resolvable @key, interfaces with @key)."""
    objects, interfaces = [], set()
    for definition in parse(sdl).definitions:
        directives = {d.name.value for d in getattr(definition, "directives", None) or ()}
        if "key" not in directives:
            continue
        if definition.kind in ("object_type_definition", "object_type_extension"):
            objects.append(definition.name.value)
        elif definition.kind == "interface_type_definition":
            interfaces.add(definition.name.value)
    return objects, interfaces


def executable_sdl(sdl: str) -> str:
    objects, _ = _entity_types(sdl)
    has_query = any(getattr(d, "name", None) and d.name.value == "Query" for d in parse(sdl).definitions)
    extra = ["scalar _Any", "type _Service { sdl: String }"]
    root_fields = "_service: _Service!"
    if objects:
        extra.append(f"union _Entity = {' | '.join(objects)}")
        root_fields += " _entities(representations: [_Any!]!): [_Entity]!"
    extra.append(f"{'extend type' if has_query else 'type'} Query {{ {root_fields} }}")
    return sdl + "\n" + "\n".join(extra)


def _matches(obj: Any, rep: Any) -> bool:
    if isinstance(rep, dict):
        return isinstance(obj, dict) and all(
            k == "__typename" or (k in obj and _matches(obj[k], v)) for k, v in rep.items()
        )
    return obj == rep


class CannedSubgraph:
    def __init__(self, name: str, sdl: str, data: Mapping[str, Any] | None = None,
                 resolvers: Mapping[str, Resolver] | None = None, *, delay: float = 0.0):
        self.name = name
        self.delay = delay
        self.sdl = with_link(sdl)
        self.initial = copy.deepcopy(dict(data or {}))
        self.store: dict[str, Any] = copy.deepcopy(self.initial)
        self.resolvers = dict(resolvers or {})
        self.schema = build_ast_schema(parse(executable_sdl(self.sdl)), assume_valid_sdl=True)
        _, self.entity_interfaces = _entity_types(self.sdl)
        self.requests: list[dict] = []

    def reset(self) -> None:
        self.store = copy.deepcopy(self.initial)
        self.requests.clear()

    # ---- resolution ------------------------------------------------------------
    def _lookup(self, rep: dict) -> Any:
        typename = rep.get("__typename")
        if typename in (self.store.get("missing") or ()):
            return None
        entities = self.store.get("entities") or {}
        candidates: list[tuple[str, dict]] = [(typename, o) for o in entities.get(typename, ())]
        schema_type = self.schema.get_type(typename)
        if typename in self.entity_interfaces and schema_type is not None:
            for impl in self.schema.get_possible_types(schema_type):
                candidates += [(impl.name, o) for o in entities.get(impl.name, ())]
        key = {k: v for k, v in rep.items() if k != "__typename"}
        for name, obj in candidates:
            shared = {k: v for k, v in key.items() if k in obj}
            if shared and _matches(obj, shared):
                return {**obj, **key, "__typename": obj.get("__typename", name)}
        return dict(rep)

    def field_resolver(self, source: Any, info: Any, **args: Any) -> Any:
        fn = self.resolvers.get(f"{info.parent_type.name}.{info.field_name}")
        if fn is not None:
            return fn(source, args, self.store)
        if info.field_name == "_entities":
            return [self._lookup(rep) for rep in args["representations"]]
        if info.field_name == "_service":
            return {"sdl": self.sdl}
        if isinstance(source, dict):
            value = source.get(info.field_name)
            if isinstance(value, Exception):
                raise value
            return value
        return None

    @staticmethod
    def type_resolver(value: Any, info: Any, abstract: Any) -> str | None:
        return value.get("__typename") if isinstance(value, dict) else None

    async def execute(self, body: dict) -> dict:
        self.requests.append(body)
        if self.delay:
            await asyncio.sleep(self.delay)
        document = body.get("query") or ""
        root = self.store.get("Mutation" if document.lstrip().startswith("mutation") else "Query") or {}
        result = await graphql(
            self.schema, document, root_value=root, variable_values=body.get("variables"),
            operation_name=body.get("operationName"), field_resolver=self.field_resolver,
            type_resolver=self.type_resolver,
        )
        out: dict[str, Any] = {"data": result.data}
        if result.errors:
            out["errors"] = [_error(e) for e in result.errors]
        return out

    def app(self) -> Starlette:
        async def endpoint(request: Request) -> Response:
            body = orjson.loads(await request.body())
            return Response(orjson.dumps(await self.execute(body)), media_type="application/json")

        return Starlette(routes=[Route("/graphql", endpoint, methods=["POST"])])


def _error(error: GraphQLError) -> dict:
    entry: dict[str, Any] = {"message": error.message}
    if error.path is not None:
        entry["path"] = list(error.path)
    original = error.original_error
    code = getattr(original, "code", None)
    if code:
        entry["extensions"] = {"code": code}
    return entry


class CodedError(Exception):
    """Raise from a resolver (or put into the data) to fail a field with ``extensions.code``."""

    def __init__(self, message: str, code: str = "BAD_USER_INPUT") -> None:
        super().__init__(message)
        self.code = code

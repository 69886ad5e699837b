"""Wiring: subgraph apps, transports, auth hooks and the router, for dev/test/one-process runs.

``Platform`` holds the seven in-process subgraph apps (lifespans started), the composed
supergraph and the router ASGI app that calls them through ``InProcessTransport``.
``router_hooks(settings)`` gives the router its client-token check and identity signer.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auth.errors import AuthError
from auth.keys import issuer_verification_pems, load_key
from auth.principal import Principal
from auth.router_identity import IdentitySigner
from auth.tokens import ClientTokenVerifier
from pawgraph.settings import Settings
from supergraph.errors import GraphQLRequestError


def router_hooks(settings: Settings) -> tuple[Any, Any]:
    """(authenticate, identity_headers) for ``RouterConfig``."""
    from auth.oidc import OIDCVerifier
    from auth.router_auth import RouterAuthenticator

    verifier = RouterAuthenticator(ClientTokenVerifier(
        issuer_verification_pems(settings), issuer=settings.auth.issuer,
        audience=settings.auth.audience), [OIDCVerifier(i) for i in settings.oidc.issuers])
    signer = IdentitySigner(load_key(settings, "router"), settings.auth.identity_token_ttl_seconds)

    async def settle(pending) -> Principal:
        try:
            return await pending
        except AuthError as exc:
            raise GraphQLRequestError(exc.code, exc.message) from None

    def authenticate(headers: Mapping[str, str]):
        """A Principal, or (external OIDC tokens) an awaitable of one; see auth.router_auth."""
        try:
            principal = verifier(headers)
        except AuthError as exc:
            raise GraphQLRequestError(exc.code, exc.message) from None
        return settle(principal) if inspect.isawaitable(principal) else principal

    return authenticate, signer.headers_for


def admin_operations() -> dict[str, str]:
    """The admin console's saved operations (``client-queries/admin``): name -> document."""
    from pawgraph.clientops import load_client

    return {op.name: op.document for op in load_client("admin").values()}


def router_edge(settings: Settings) -> dict[str, Any]:
    """``edge``, ``apq_store`` (``settings.router``, supergraph.edge), ``subscription_limits``,
    ``subscription_users`` (the per-user limit shared by router instances through Redis),
    ``jwks`` (the issuer's current and previous public keys) and ``admin_operations`` (the
    console's saved operations) for ``RouterConfig``."""
    from supergraph.edge.apq import RedisAPQStore
    from supergraph.edge.config import EdgeConfig, HttpConfig, LimitsConfig, PersistedConfig, SafelistMode

    r = settings.router
    manifest = r.manifest_path or Path(__file__).resolve().parent.parent / "client-queries" / "manifest.json"
    edge = EdgeConfig(
        limits=LimitsConfig(max_tokens=r.max_tokens, max_depth=r.max_depth, max_aliases=r.max_aliases,
                            max_root_fields=r.max_root_fields, max_directives=r.max_directives,
                            max_fields=r.max_fields, max_overlap_comparisons=r.max_overlap_comparisons,
                            max_cost=r.max_cost,
                            # set explicitly: enforced even without @cost/@listSize
                            cost_needs_directives="max_cost" not in r.model_fields_set,
                            default_list_size=r.default_list_size),
        persisted=PersistedConfig(manifest_path=manifest, trusted_document_roles=frozenset(r.trusted_document_roles),
                                  apq=r.apq, apq_ttl_seconds=r.apq_ttl_seconds,
                                  safelist=SafelistMode(r.safelist)),
        http=HttpConfig(max_body_bytes=r.max_body_bytes, max_batch_size=r.max_batch_size,
                        csrf_prevention=r.csrf_prevention, cors_origins=tuple(r.cors_origins)),
        introspection=r.introspection)
    apq_store = None
    if r.apq and settings.redis.url:
        apq_store = RedisAPQStore(settings.redis.url, settings.redis.key_prefix, r.apq_ttl_seconds)
    from auth.jwks import jwks_document
    from supergraph.subscriptions.protocol import SubscriptionLimits
    from supergraph.subscriptions.users import SharedUserSubscriptions

    live = SubscriptionLimits(
        init_timeout=r.subscription_init_timeout_seconds,
        max_subscriptions=r.subscriptions_per_connection, max_per_user=r.subscriptions_per_user,
        send_queue=r.subscription_send_queue, idle_timeout=r.subscription_idle_timeout_seconds)
    users = SharedUserSubscriptions(settings.redis.url, settings.redis.key_prefix,
                                    r.subscriptions_per_user) if settings.redis.url else None
    return {"edge": edge, "apq_store": apq_store, "subscription_limits": live,
            "subscription_users": users,
            "jwks": jwks_document(issuer_verification_pems(settings)),
            "admin_operations": admin_operations}


def subgraph_specs(urls: Mapping[str, str] | None = None) -> list:
    """The subgraphs' SDLs as composition input (URLs default to the compose.yml services)."""
    from subgraphs.registry import SUBGRAPHS, load
    from supergraph.composition import SubgraphSpec

    urls = urls or {}
    return [SubgraphSpec(name=name, url=urls.get(name, f"http://{name.replace('_', '-')}:8000/graphql"),
                         sdl=load(name).build_schema().as_str()) for name in SUBGRAPHS]


def compose_supergraph() -> str:
    from supergraph.composition import compose

    result = compose(subgraph_specs())
    if result.supergraph_sdl is None:
        lines = [f"{e.code} [{', '.join(e.subgraphs)}]: {e.message}" for e in result.errors]
        raise RuntimeError("composition failed:\n" + "\n".join(lines))
    return result.supergraph_sdl


@dataclass
class Platform:
    settings: Settings
    supergraph_sdl: str
    subgraph_apps: dict[str, Any] = field(default_factory=dict)
    router_app: Any = None
    transports: dict[str, Any] = field(default_factory=dict)
    _stack: AsyncExitStack = field(default_factory=AsyncExitStack)

    async def start(self) -> "Platform":
        from subgraphs.registry import SUBGRAPHS, create_app
        from supergraph.http.app import RouterConfig, create_router_app
        from supergraph.transport.inprocess import InProcessTransport

        for name in SUBGRAPHS:
            app = self.subgraph_apps[name] = create_app(name, self.settings)
            await self._stack.enter_async_context(app.router.lifespan_context(app))
            self.transports[name] = InProcessTransport(name, app)
        authenticate, identity_headers = router_hooks(self.settings)
        self.router_app = create_router_app(RouterConfig(
            supergraph_sdl=self.supergraph_sdl, transports=self.transports,
            authenticate=authenticate, identity_headers=identity_headers,
            dev=self.settings.is_development, graphiql=self.settings.is_development,
            **router_edge(self.settings)))
        await self._stack.enter_async_context(
            self.router_app.router.lifespan_context(self.router_app))
        return self

    async def stop(self) -> None:
        await self._stack.aclose()

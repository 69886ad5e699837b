"""The router's HTTP surface (Starlette)."""

from supergraph.http.app import RouterConfig, create_router_app

__all__ = ["RouterConfig", "create_router_app"]

"""All fixture subgraphs by name, and the checked-in supergraph composed from them.

``supergraph.graphql`` was composed from these subgraphs' SDL with the reference
composer in ``tests/npm`` (``compose.mjs``); regenerate it when a fixture changes.
"""

from pathlib import Path

from starlette.applications import Starlette

from tests.support.router_fixtures import accounts, inventory, products, reviews
from tests.support.router_fixtures.store import Store

SUBGRAPHS = {"accounts": accounts, "products": products, "inventory": inventory, "reviews": reviews}

SUPERGRAPH_SDL = (Path(__file__).parent / "supergraph.graphql").read_text()


def build_apps(store: Store) -> dict[str, Starlette]:
    return {name: module.create_app(store) for name, module in SUBGRAPHS.items()}

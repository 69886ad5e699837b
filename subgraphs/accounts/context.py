"""What accounts' resolvers read from ``info.context``: its DataLoaders, typed.

``loaders.accounts.AccountsLoaders`` provides them (handed in by ``subgraphs.registry``);
keys are canonical UUID strings, values the rows of ``subgraphs.accounts.models``.
"""

from __future__ import annotations

from typing import Any, Protocol

from aiodataloader import DataLoader


class AccountsLoaders(Protocol):
    @property
    def account_by_id(self) -> DataLoader: ...  # Account | None (itself, or any for admins)


def loaders(info: Any) -> AccountsLoaders:
    """The request's accounts loaders."""
    return info.context.loaders

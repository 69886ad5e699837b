"""accounts: owns User (id, name; username shareable)."""

from typing import Optional

import strawberry
from starlette.applications import Starlette
from strawberry.federation import Schema

from tests.support.router_fixtures.store import Store, store_of, subgraph_app


@strawberry.federation.type(keys=["id"])
class User:
    id: strawberry.ID
    name: str
    username: Optional[str] = strawberry.federation.field(shareable=True)

    @classmethod
    def resolve_reference(cls, info: strawberry.Info, id: strawberry.ID) -> Optional["User"]:
        row = store_of(info).users.get(str(id))
        return User(**row) if row else None


@strawberry.type
class Query:
    @strawberry.field
    def me(self, info: strawberry.Info) -> Optional[User]:
        return User(**store_of(info).users["1"])

    @strawberry.field
    def users(self, info: strawberry.Info) -> list[User]:
        return [User(**row) for row in store_of(info).users.values()]


@strawberry.type
class Mutation:
    @strawberry.mutation
    def user_rename(self, info: strawberry.Info, id: strawberry.ID, name: str) -> Optional[User]:
        store = store_of(info)
        store.mutation_log.append(f"userRename:{name}")
        row = store.users.get(str(id))
        if row is None:
            return None
        row["name"] = name
        return User(**row)


schema = Schema(query=Query, mutation=Mutation, types=[User], federation_version="2.9")


def create_app(store: Store) -> Starlette:
    return subgraph_app(schema, store)

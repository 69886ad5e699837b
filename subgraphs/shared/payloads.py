"""Mutation payload errors, one way for every subgraph (as Saleor's single ``Error`` base).

A service returns ``(row, None)`` or ``(None, Failure(code, message, field=...))``; the
mutation turns the failure into its payload's ``errors`` list with ``XError.of(failure)``.
Every domain's payload error type is made by ``payload_error``: the GraphQL type
``<Name> { code: <Name>Code!, field: String, message: String! }`` over the domain's own code
enum (``subgraphs/<domain>/errors.py``). Input the service refuses is ``BAD_USER_INPUT`` with
the field, in every domain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Self, TypeVar

import strawberry


@dataclass(frozen=True)
class Failure:
    """An expected business outcome that changed nothing: a payload error, not an exception."""

    code: StrEnum
    message: str
    field: str | None = None


P = TypeVar("P", bound="PayloadError")


class PayloadError:
    """Base of every ``payload_error`` type: ``XError.of(failure)`` builds one."""

    code: Any
    field: str | None
    message: str

    @classmethod
    def of(cls, failure: Failure) -> Self:
        return cls(code=failure.code, field=failure.field, message=failure.message)  # type: ignore[call-arg]  # fields come from strawberry.type

    @classmethod
    def list_of(cls, failure: Failure | None) -> list[Self]:
        """``[]`` on success, else the one error: what a payload's ``errors`` holds."""
        return [] if failure is None else [cls.of(failure)]


def payload_error(codes: type[StrEnum], *,
                  description: str | None = None) -> Callable[[type[P]], type[P]]:
    """Class decorator: the decorated ``PayloadError`` subclass becomes the Strawberry type
    of its own name with ``code: <Name>Code!`` from ``codes`` (a real class, so type
    checkers and readers see it where it is declared)::

        @payload_error(OrderErrorCode)
        class OrderError(PayloadError):
            pass
    """
    def make(cls: type[P]) -> type[P]:
        code_type = strawberry.enum(codes, name=f"{cls.__name__}Code")
        cls.__annotations__ = {"code": code_type, "field": str | None, "message": str}
        return strawberry.type(cls, name=cls.__name__, description=description)
    return make

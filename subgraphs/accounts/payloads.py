"""accounts mutation payloads and their error type (``AccountError``: ``code``, ``field``,
``message``; an empty ``errors`` list is success)."""

from __future__ import annotations

import strawberry

from subgraphs.accounts.errors import AccountErrorCode
from subgraphs.accounts.service import Session
from subgraphs.accounts.types import Account, AuthTokens
from subgraphs.shared.payloads import Failure, PayloadError, payload_error


@payload_error(AccountErrorCode)
class AccountError(PayloadError):
    """Why a mutation of this domain changed nothing (``code``, input ``field``, ``message``)."""


@strawberry.type
class SessionPayload:
    """Shared shape of register / login / refresh results."""

    account: Account | None
    tokens: AuthTokens | None
    errors: list[AccountError]

    @classmethod
    def build(cls, session: Session | None, failures: list[Failure]):
        if session is None:
            return cls(account=None, tokens=None,
                       errors=[AccountError.of(f) for f in failures])
        return cls(account=Account.from_row(session.account),
                   tokens=AuthTokens.from_session(session), errors=[])


@strawberry.type
class AccountRegisterPayload(SessionPayload):
    pass


@strawberry.type
class AccountLoginPayload(SessionPayload):
    pass


@strawberry.type
class AccountTokenRefreshPayload(SessionPayload):
    pass


@strawberry.type
class AccountLogoutPayload:
    errors: list[AccountError]

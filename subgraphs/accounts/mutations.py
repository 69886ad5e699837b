"""accounts Mutation fields: accountRegister, accountLogin, accountTokenRefresh, accountLogout."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from auth.ratelimit import RateLimiter
from subgraphs.accounts.inputs import (
    AccountLoginInput,
    AccountLogoutInput,
    AccountRegisterInput,
    AccountTokenRefreshInput,
)
from subgraphs.accounts.payloads import (
    AccountError,
    AccountLoginPayload,
    AccountLogoutPayload,
    AccountRegisterPayload,
    AccountTokenRefreshPayload,
)
from subgraphs.accounts.service import AccountsService


def _service(info: Info) -> AccountsService:
    state = info.context.resources
    return AccountsService(info.context.uow, state.token_issuer,
                           RateLimiter(state.redis, state.redis_prefix))


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create an owner account and sign in.")
    async def account_register(self, info: Info,
                               input: AccountRegisterInput) -> AccountRegisterPayload:
        session, failures = await _service(info).register(
            input.email, input.password, input.display_name, info.context.principal.address)
        return AccountRegisterPayload.build(session, failures)

    @strawberry.mutation(description="Sign in with email and password.")
    async def account_login(self, info: Info, input: AccountLoginInput) -> AccountLoginPayload:
        session, failures = await _service(info).login(input.email, input.password,
                                                       info.context.principal.address)
        return AccountLoginPayload.build(session, failures)

    @strawberry.mutation(description="Trade a refresh token (once) for new tokens.")
    async def account_token_refresh(self, info: Info,
                                    input: AccountTokenRefreshInput) -> AccountTokenRefreshPayload:
        session, failures = await _service(info).refresh(input.refresh_token)
        return AccountTokenRefreshPayload.build(session, failures)

    @strawberry.mutation(description="End this session (or, signed in, every session).")
    async def account_logout(self, info: Info, input: AccountLogoutInput) -> AccountLogoutPayload:
        failures = await _service(info).logout(info.context.principal, input.refresh_token,
                                               input.all_sessions)
        return AccountLogoutPayload(errors=[AccountError.of(f) for f in failures])

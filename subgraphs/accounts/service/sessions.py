"""Sessions: register, log in, refresh (rotation + reuse detection), log out. No GraphQL, no
SQL.

Every public method returns ``(Session | None, [Failure])`` (logout: ``[Failure]``); a
``Session`` is what a successful sign-in hands to the client.

Refresh tokens are 256-bit random strings; only their SHA-256 is stored. A login starts a
family; ``refresh`` claims the presented token (one conditional UPDATE) and issues the next
in the same family. Presenting a token that was already used, or revoked, is reuse: the
whole family is revoked, so a stolen token dies together with the legitimate session.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from auth.passwords import hash_password, verify
from auth.principal import Principal, Role
from auth.ratelimit import Limit, RateLimited, RateLimiter, RateLimiterUnavailable
from auth.tokens import TokenIssuer
from subgraphs.accounts import repository as repo
from subgraphs.accounts.errors import AccountErrorCode as Code
from subgraphs.accounts.models import Account, RefreshToken
from subgraphs.accounts.service.registration import normalise_email, registration_failures
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.payloads import Failure

REFRESH_TTL = timedelta(days=30)
LOGIN_PER_ACCOUNT = Limit("login:account", max_hits=10, window_seconds=900)
LOGIN_PER_ADDRESS = Limit("login:address", max_hits=50, window_seconds=900)
REGISTER_PER_ADDRESS = Limit("register:address", max_hits=10, window_seconds=3600)


@dataclass(frozen=True)
class Session:
    account: Account
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AccountsService:
    def __init__(self, uow: UnitOfWork, issuer: TokenIssuer, limiter: RateLimiter) -> None:
        self.uow, self.issuer, self.limiter = uow, issuer, limiter

    async def _limited(self, *checks: tuple[Limit, str]) -> Failure | None:
        try:
            await self.limiter.hit(*checks)
        except RateLimited:
            return Failure(Code.RATE_LIMITED, "too many attempts; try again later")
        except RateLimiterUnavailable:
            return Failure(Code.UNAVAILABLE, "sign-in is temporarily unavailable")
        return None

    async def _start_session(self, account: Account, family_id: uuid.UUID | None = None) -> Session:
        now = datetime.now(UTC)
        family_id = family_id or uuid.uuid4()
        refresh = secrets.token_urlsafe(32)
        await repo.insert_refresh_token(self.uow, RefreshToken(
            id=uuid.uuid4(), family_id=family_id, account_id=account.id,
            token_hash=token_hash(refresh), expires_at=now + REFRESH_TTL))
        access = self.issuer.issue(str(account.id), account.roles,
                                   clinic_id=str(account.clinic_id) if account.clinic_id else None,
                                   session_id=str(family_id))
        return Session(account, access, now + timedelta(seconds=self.issuer.ttl), refresh,
                       now + REFRESH_TTL)

    async def register(self, email: str, password: str, display_name: str,
                       address: str | None) -> tuple[Session | None, list[Failure]]:
        """Self-service sign-up always creates an ``owner``; staff accounts are provisioned."""
        email, display_name = normalise_email(email), display_name.strip()
        failures = registration_failures(email, password, display_name)
        if failures:
            return None, failures
        if limited := await self._limited((REGISTER_PER_ADDRESS, address or "unknown")):
            return None, [limited]
        account = Account(id=uuid.uuid4(), email=email, display_name=display_name,
                          roles=[str(Role.OWNER)], password_hash=hash_password(password))
        if not await repo.insert_account(self.uow, account):
            return None, [Failure(Code.EMAIL_TAKEN, "an account with this email exists",
                                  field="email")]
        return await self._start_session(account), []

    async def login(self, email: str, password: str,
                    address: str | None) -> tuple[Session | None, list[Failure]]:
        email = normalise_email(email)
        if limited := await self._limited((LOGIN_PER_ACCOUNT, email),
                                          (LOGIN_PER_ADDRESS, address or "unknown")):
            return None, [limited]
        account = await repo.account_by_email(self.uow, email)
        # verify first, also without an account: a missing account costs the same time
        if not verify(account.password_hash if account else None, password) or account is None:
            return None, [Failure(Code.INVALID_CREDENTIALS, "email or password is wrong")]
        return await self._start_session(account), []

    async def refresh(self, token: str) -> tuple[Session | None, list[Failure]]:
        now = datetime.now(UTC)
        claimed = await repo.claim_refresh_token(self.uow, token_hash(token), now)
        if claimed is None:
            return None, [await self._refused(token, now)]
        account = await repo.account_by_id_for_refresh(self.uow, claimed.account_id)
        if account is None:
            return None, [Failure(Code.INVALID_TOKEN, "refresh token is not valid")]
        return await self._start_session(account, claimed.family_id), []

    async def _refused(self, token: str, now: datetime) -> Failure:
        row = await repo.refresh_token_by_hash(self.uow, token_hash(token))
        if row is not None and (row.used_at is not None or row.revoked_at is not None):
            await repo.revoke_family(self.uow, row.family_id, now)
            return Failure(Code.TOKEN_REUSED,
                           "refresh token was already used; this session has been revoked")
        return Failure(Code.INVALID_TOKEN, "refresh token is not valid")

    async def logout(self, principal: Principal, token: str | None,
                     all_sessions: bool) -> list[Failure]:
        """Revoke the presented token's session, or (signed in) every session of the caller."""
        now = datetime.now(UTC)
        if all_sessions:
            if principal.user_id is None:
                return [Failure(Code.UNAUTHENTICATED, "sign in to end all sessions")]
            await repo.revoke_account_families(self.uow, principal.user_id, now)
            return []
        row = await repo.refresh_token_by_hash(self.uow, token_hash(token)) if token else None
        if row is None:
            return [Failure(Code.INVALID_TOKEN, "refresh token is not valid",
                            field="refreshToken")]
        await repo.revoke_family(self.uow, row.family_id, now)
        return []

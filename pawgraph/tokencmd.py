"""`pawgraph token EMAIL`: an access token for a demo account of a dev instance.

Development only. Looks the account up in the instance's accounts store (the running
`pawgraph dev` records its store URLs in ``<data_dir>/dev.json``; without it, the embedded
PostgreSQL under the data dir is used) and signs with the instance's issuer key.
"""

from __future__ import annotations

import asyncio
import json
import sys

from pawgraph.settings import Settings


async def _account(url: str, email: str):
    from persistence.postgres import create_engine
    from subgraphs.accounts.repository import account_by_email
    from subgraphs.shared.context import UnitOfWork

    engine, _ = create_engine(url, pool_size=1)
    uow = UnitOfWork(engine)
    try:
        return await account_by_email(uow, email.lower())
    finally:
        await uow.finish(commit=False)
        await engine.dispose()


def _store_url(settings: Settings) -> str | None:
    state = settings.data_dir / "dev.json"
    if state.exists():
        return json.loads(state.read_text())["postgres"]
    return settings.postgres.url


def print_token(settings: Settings, email: str) -> int:
    from auth.keys import load_key
    from auth.tokens import TokenIssuer

    if not settings.is_development:
        print("pawgraph token is for development instances only", file=sys.stderr)
        return 2
    url = _store_url(settings)
    if url is None:
        print(f"no running dev instance in {settings.data_dir} (start `pawgraph dev` first)",
              file=sys.stderr)
        return 2
    account = asyncio.run(_account(url, email))
    if account is None:
        print(f"no account {email!r} in this instance", file=sys.stderr)
        return 1
    issuer = TokenIssuer(load_key(settings, "issuer"), issuer=settings.auth.issuer,
                         audience=settings.auth.audience,
                         ttl_seconds=settings.auth.access_token_ttl_seconds)
    print(issuer.issue(str(account.id), account.roles,
                       clinic_id=str(account.clinic_id) if account.clinic_id else None))
    return 0

"""`pawgraph token EMAIL` signs a token the router accepts, for dev instances only."""

import json

from auth.keys import public_pem
from auth.tokens import ClientTokenVerifier
from pawgraph.settings import Environment
from pawgraph.tokencmd import print_token


def test_token_for_demo_owner_verifies_with_the_instance_key(settings, world, capsys):
    (settings.data_dir / "dev.json").write_text(json.dumps({"postgres": settings.postgres.url}))
    try:
        assert print_token(settings, "owner@demo.test") == 0
    finally:
        (settings.data_dir / "dev.json").unlink()
    token = capsys.readouterr().out.strip()
    verifier = ClientTokenVerifier(public_pem(settings, "issuer"), issuer=settings.auth.issuer,
                                   audience=settings.auth.audience)
    principal = verifier.verify(token)
    assert principal.user_id == world.owners[0].id and principal.roles == {"owner"}


def test_token_for_unknown_account_fails(settings, capsys):
    assert print_token(settings, "nobody@demo.test") == 1
    assert "no account" in capsys.readouterr().err


def test_token_is_refused_outside_development(settings, capsys):
    production = settings.model_copy(update={"env": Environment.PRODUCTION})
    assert print_token(production, "owner@demo.test") == 2
    assert "development" in capsys.readouterr().err

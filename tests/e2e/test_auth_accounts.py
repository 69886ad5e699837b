"""Accounts through the router: register, login, refresh with rotation and reuse detection,
logout, rate limits."""

from __future__ import annotations

import uuid

import pytest

from pawgraph.demo import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

REGISTER = """
mutation Register($input: AccountRegisterInput!) {
  accountRegister(input: $input) {
    account { id email roles }
    tokens { accessToken refreshToken tokenType }
    errors { code field message }
  }
}"""
LOGIN = """
mutation Login($input: AccountLoginInput!) {
  accountLogin(input: $input) {
    account { id email roles clinicId }
    tokens { accessToken refreshToken }
    errors { code message }
  }
}"""
REFRESH = """
mutation Refresh($token: String!) {
  accountTokenRefresh(input: {refreshToken: $token}) {
    tokens { accessToken refreshToken }
    errors { code }
  }
}"""
LOGOUT = """
mutation Logout($token: String, $all: Boolean! = false) {
  accountLogout(input: {refreshToken: $token, allSessions: $all}) { errors { code } }
}"""
MY_ACCOUNT = "{ myAccount { id email roles } }"


async def _gql(router, query: str, variables: dict | None = None, token: str | None = None,
               headers: dict | None = None) -> dict:
    response = await router.post({"query": query, "variables": variables or {}}, token, headers)
    assert response.status_code == 200, response.text
    return response.json()


async def _login(router, email: str, password: str = DEMO_PASSWORD, headers=None) -> dict:
    body = await _gql(router, LOGIN, {"input": {"email": email, "password": password}},
                      headers=headers)
    return body["data"]["accountLogin"]


def _email() -> str:
    return f"new-{uuid.uuid4().hex[:10]}@example.test"


async def test_registered_owner_can_use_the_access_token(router):
    email = _email()
    body = await _gql(router, REGISTER, {"input": {"email": email, "password": "correct horse 1",
                                                   "displayName": "New Owner"}})
    payload = body["data"]["accountRegister"]
    assert payload["errors"] == []
    assert payload["account"]["roles"] == ["owner"]
    me = await _gql(router, MY_ACCOUNT, token=payload["tokens"]["accessToken"])
    assert me["data"]["myAccount"] == {"id": payload["account"]["id"], "email": email,
                                       "roles": ["owner"]}


async def test_registering_a_taken_email_is_refused(router):
    body = await _gql(router, REGISTER, {"input": {"email": "Owner@Demo.test",
                                                   "password": "correct horse 1",
                                                   "displayName": "Copycat"}})
    payload = body["data"]["accountRegister"]
    assert payload["tokens"] is None
    assert [e["code"] for e in payload["errors"]] == ["EMAIL_TAKEN"]


async def test_registering_a_short_password_and_bad_email_reports_both_fields(router):
    body = await _gql(router, REGISTER, {"input": {"email": "nope", "password": "short",
                                                   "displayName": "X"}})
    errors = body["data"]["accountRegister"]["errors"]
    assert {(e["code"], e["field"]) for e in errors} == {("BAD_USER_INPUT", "email"),
                                                         ("BAD_USER_INPUT", "password")}


async def test_demo_vet_logs_in_with_roles_and_clinic(router, world):
    payload = await _login(router, "vet@demo.test")
    vet = next(a for a in world.accounts if a.email == "vet@demo.test")
    assert payload["errors"] == []
    assert payload["account"] == {"id": vet.id, "email": "vet@demo.test", "roles": ["vet"],
                                  "clinicId": vet.clinic_id}


async def test_wrong_password_and_unknown_email_get_the_same_answer(router):
    wrong = await _login(router, "owner2@demo.test", "not the password")
    unknown = await _login(router, "nobody@demo.test", "not the password")
    assert wrong == unknown == {"account": None, "tokens": None, "errors": [
        {"code": "INVALID_CREDENTIALS", "message": "email or password is wrong"}]}


async def test_refresh_rotates_and_the_new_token_works(router):
    first = (await _login(router, "owner@demo.test"))["tokens"]
    body = await _gql(router, REFRESH, {"token": first["refreshToken"]})
    second = body["data"]["accountTokenRefresh"]
    assert second["errors"] == []
    assert second["tokens"]["refreshToken"] != first["refreshToken"]
    third = await _gql(router, REFRESH, {"token": second["tokens"]["refreshToken"]})
    assert third["data"]["accountTokenRefresh"]["errors"] == []


async def test_refresh_token_reuse_revokes_the_whole_family(router):
    first = (await _login(router, "owner@demo.test"))["tokens"]["refreshToken"]
    second = (await _gql(router, REFRESH, {"token": first}))["data"]["accountTokenRefresh"]
    newest = second["tokens"]["refreshToken"]
    replay = (await _gql(router, REFRESH, {"token": first}))["data"]["accountTokenRefresh"]
    assert replay == {"tokens": None, "errors": [{"code": "TOKEN_REUSED"}]}
    # The legitimate holder's newer token died with the family.
    after = (await _gql(router, REFRESH, {"token": newest}))["data"]["accountTokenRefresh"]
    assert after["errors"] == [{"code": "TOKEN_REUSED"}]


async def test_unknown_refresh_token_is_invalid(router):
    body = await _gql(router, REFRESH, {"token": "made-up"})
    assert body["data"]["accountTokenRefresh"]["errors"] == [{"code": "INVALID_TOKEN"}]


async def test_logout_revokes_the_session(router):
    refresh = (await _login(router, "owner2@demo.test"))["tokens"]["refreshToken"]
    body = await _gql(router, LOGOUT, {"token": refresh})
    assert body["data"]["accountLogout"]["errors"] == []
    after = (await _gql(router, REFRESH, {"token": refresh}))["data"]["accountTokenRefresh"]
    assert after["tokens"] is None


async def test_logout_of_all_sessions_needs_a_signed_in_caller(router):
    body = await _gql(router, LOGOUT, {"all": True})
    assert body["data"]["accountLogout"]["errors"] == [{"code": "UNAUTHENTICATED"}]


async def test_logout_of_all_sessions_revokes_every_refresh_token(router):
    one = (await _login(router, "breeder@demo.test"))["tokens"]
    two = (await _login(router, "breeder@demo.test"))["tokens"]
    body = await _gql(router, LOGOUT, {"all": True}, token=one["accessToken"])
    assert body["data"]["accountLogout"]["errors"] == []
    for tokens in (one, two):
        after = await _gql(router, REFRESH, {"token": tokens["refreshToken"]})
        assert after["data"]["accountTokenRefresh"]["tokens"] is None


async def test_login_attempts_per_account_are_limited(router):
    email = "single@demo.test"
    codes = [(await _login(router, email, "wrong password!"))["errors"][0]["code"]
             for _ in range(11)]
    assert codes[:10] == ["INVALID_CREDENTIALS"] * 10
    assert codes[10] == "RATE_LIMITED"
    # Even the right password is refused while the window lasts.
    assert (await _login(router, email))["errors"][0]["code"] == "RATE_LIMITED"


async def test_my_account_anonymous_is_unauthenticated(router):
    body = await _gql(router, MY_ACCOUNT)
    assert body["data"] is None or body["data"]["myAccount"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

"""Scope vocabulary per role, password rules and Argon2id hashing."""

from auth.passwords import hash_password, password_problem, verify
from auth.scopes import VOCABULARY, scopes_for_roles


def test_owner_scopes_cover_their_dashboard_but_not_clinic_management():
    owner = scopes_for_roles(["owner"])
    assert {"pets:read", "medical:read", "orders:read", "payments:read"} <= owner
    assert "clinic:manage" not in owner and "admin" not in owner


def test_clinic_admin_has_no_medical_read():
    assert "medical:read" not in scopes_for_roles(["clinic_admin"])


def test_admin_has_the_whole_vocabulary():
    assert scopes_for_roles(["admin"]) == VOCABULARY


def test_unknown_role_grants_nothing():
    assert scopes_for_roles(["superuser"]) == frozenset()


def test_password_hash_is_argon2id_and_verifies_only_the_password():
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert verify(stored, "correct horse battery")
    assert not verify(stored, "correct horse battery!")


def test_missing_hash_never_verifies():
    assert not verify(None, "pawgraph-dummy-password-for-timing")


def test_short_password_is_refused():
    assert password_problem("short") is not None
    assert password_problem("long enough pw") is None

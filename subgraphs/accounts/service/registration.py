"""Sign-up input rules: a normalised email, a password the policy accepts
(``auth.passwords``), a display name of 1-100 characters. No GraphQL, no SQL."""

from __future__ import annotations

import re

from auth.passwords import password_problem
from subgraphs.accounts.errors import AccountErrorCode as Code
from subgraphs.shared.payloads import Failure

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def registration_failures(email: str, password: str, display_name: str) -> list[Failure]:
    """One ``BAD_USER_INPUT`` per refused field (``email`` normalised, ``display_name``
    stripped by the caller); empty when the sign-up may go ahead."""
    failures = []
    if not _EMAIL.match(email) or len(email) > 320:
        failures.append(Failure(Code.BAD_USER_INPUT, "not a valid email address", field="email"))
    if (why := password_problem(password)) is not None:
        failures.append(Failure(Code.BAD_USER_INPUT, why, field="password"))
    if not 1 <= len(display_name) <= 100:
        failures.append(Failure(Code.BAD_USER_INPUT, "display name must have 1-100 characters",
                                field="displayName"))
    return failures

"""The scope vocabulary, and which scopes each role's tokens carry.

Scopes are coarse capabilities checked by the router (``@requiresScopes`` in subgraph
schemas); which *objects* a caller may see is decided per object in the subgraphs'
repositories. A token issued by Pawgraph carries exactly ``scopes_for_roles(roles)``; a
token from an external OIDC issuer gets the scopes of the Pawgraph roles its claims map to
(``auth.oidc``; its own ``scope`` claim is not trusted).

| scope            | meaning                                                     | roles                     |
|------------------|-------------------------------------------------------------|---------------------------|
| ``pets:read``    | pets and profiles the caller may see                        | all                       |
| ``pets:write``   | change own pets, grants, emergency links                    | owner, admin              |
| ``medical:read`` | medical records (vaccinations, allergies, conditions)       | owner, vet, partner, admin|
| ``medical:write``| write medical records                                       | vet, admin                |
| ``clinic:read``  | a clinic's patients, schedule                               | vet, clinic_admin, partner, admin |
| ``clinic:manage``| manage a clinic (vets, slots)                               | clinic_admin, admin       |
| ``orders:read``  | shop orders                                                 | owner, admin              |
| ``payments:read``| payments, insurance                                         | owner, clinic_admin, admin|
| ``admin``        | admin console operations (audited)                          | admin                     |
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from auth.principal import Role


class Scope(StrEnum):
    PETS_READ = "pets:read"
    PETS_WRITE = "pets:write"
    MEDICAL_READ = "medical:read"
    MEDICAL_WRITE = "medical:write"
    CLINIC_READ = "clinic:read"
    CLINIC_MANAGE = "clinic:manage"
    ORDERS_READ = "orders:read"
    PAYMENTS_READ = "payments:read"
    ADMIN = "admin"


ROLE_SCOPES: dict[Role, frozenset[Scope]] = {
    Role.OWNER: frozenset({Scope.PETS_READ, Scope.PETS_WRITE, Scope.MEDICAL_READ,
                           Scope.ORDERS_READ, Scope.PAYMENTS_READ}),
    Role.VET: frozenset({Scope.PETS_READ, Scope.MEDICAL_READ, Scope.MEDICAL_WRITE,
                         Scope.CLINIC_READ}),
    Role.CLINIC_ADMIN: frozenset({Scope.PETS_READ, Scope.CLINIC_READ, Scope.CLINIC_MANAGE,
                                  Scope.PAYMENTS_READ}),
    Role.PARTNER: frozenset({Scope.PETS_READ, Scope.MEDICAL_READ, Scope.CLINIC_READ}),
    Role.ADMIN: frozenset(Scope),
}

VOCABULARY = frozenset(str(s) for s in Scope)


def scopes_for_roles(roles: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for role in roles:
        try:
            out |= {str(s) for s in ROLE_SCOPES[Role(role)]}
        except ValueError:
            continue  # unknown roles grant nothing
    return frozenset(out)

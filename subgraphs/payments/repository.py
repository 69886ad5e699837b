"""All payments queries. Reads take the principal and filter in the query; never commits.

Owners see their own payments and policies, admins everything, others nothing (deny by
default). "The payment of X" is the newest payment for X (``DISTINCT ON``, one statement).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import false, true
from sqlalchemy.dialects.postgresql import distinct_on
from sqlmodel import col, select

from auth.principal import Principal, Role
from subgraphs.payments.models import InsurancePolicy, Payment
from subgraphs.payments.service import ACTIVE_POLICY
from subgraphs.shared.context import UnitOfWork


def _owned_by(principal: Principal, owner_column):
    if principal.is_admin:
        return true()
    if principal.has_role(Role.OWNER) and principal.user_id:
        return owner_column == principal.user_id
    return false()


async def payments_by_ids(uow: UnitOfWork, principal: Principal,
                          ids: Sequence[str]) -> list[Payment]:
    query = select(Payment).where(col(Payment.id).in_(ids), _owned_by(principal, Payment.owner_id))
    return list((await uow.exec(query)).all())


async def newest_payments_by_target(uow: UnitOfWork, principal: Principal, target: str,
                                    ids: Sequence[str]) -> list[Payment]:
    """The newest visible payment per appointment (``target="appointment_id"``) or order."""
    column = col(getattr(Payment, target))
    query = (select(Payment)
             .where(column.in_(ids), _owned_by(principal, Payment.owner_id))
             .ext(distinct_on(column))
             .order_by(column, col(Payment.created_at).desc(), col(Payment.id).desc()))
    return list((await uow.exec(query)).all())


async def payments_of_owner(uow: UnitOfWork, principal: Principal, owner_id: str,
                            first: int) -> list[Payment]:
    query = (select(Payment)
             .where(Payment.owner_id == owner_id, _owned_by(principal, Payment.owner_id))
             .order_by(col(Payment.created_at).desc(), col(Payment.id)).limit(first))
    return list((await uow.exec(query)).all())


async def policies_by_ids(uow: UnitOfWork, principal: Principal,
                          ids: Sequence[str]) -> list[InsurancePolicy]:
    query = select(InsurancePolicy).where(col(InsurancePolicy.id).in_(ids),
                                          _owned_by(principal, InsurancePolicy.owner_id))
    return list((await uow.exec(query)).all())


async def active_policies_by_pet_ids(uow: UnitOfWork, principal: Principal,
                                     pet_ids: Sequence[str]) -> list[InsurancePolicy]:
    """One active visible policy per pet (the one renewing last, should there be several)."""
    query = (select(InsurancePolicy)
             .where(col(InsurancePolicy.pet_id).in_(pet_ids),
                    InsurancePolicy.status == ACTIVE_POLICY,
                    _owned_by(principal, InsurancePolicy.owner_id))
             .ext(distinct_on(col(InsurancePolicy.pet_id)))
             .order_by(col(InsurancePolicy.pet_id), col(InsurancePolicy.renews_on).desc(),
                       col(InsurancePolicy.id)))
    return list((await uow.exec(query)).all())

"""payments insurance policy statements: owners see their own policies, admins everything,
others nothing (deny by default)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.dialects.postgresql import distinct_on
from sqlmodel import col, select

from auth.principal import Principal
from subgraphs.payments.models import InsurancePolicy
from subgraphs.payments.repository.ownership import owned_by
from subgraphs.shared.context import UnitOfWork


def insurance_policies_visible_to(principal: Principal):
    """Policies ``principal`` may read: owners their own, admins all, others none."""
    return owned_by(principal, InsurancePolicy.owner_id)


async def policies_by_ids(uow: UnitOfWork, principal: Principal,
                          ids: Sequence[str]) -> list[InsurancePolicy]:
    query = select(InsurancePolicy).where(col(InsurancePolicy.id).in_(ids),
                                          insurance_policies_visible_to(principal))
    return list((await uow.exec(query)).all())


async def policies_by_pet_ids(uow: UnitOfWork, principal: Principal, pet_ids: Sequence[str],
                              *, status: str) -> list[InsurancePolicy]:
    """One visible policy in ``status`` per pet (the one renewing last, should there be
    several)."""
    query = (select(InsurancePolicy)
             .where(col(InsurancePolicy.pet_id).in_(pet_ids),
                    InsurancePolicy.status == status,
                    insurance_policies_visible_to(principal))
             .ext(distinct_on(col(InsurancePolicy.pet_id)))
             .order_by(col(InsurancePolicy.pet_id), col(InsurancePolicy.renews_on).desc(),
                       col(InsurancePolicy.id)))
    return list((await uow.exec(query)).all())

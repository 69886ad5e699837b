"""Alerts: storing raised alerts, visible reads (the subscription re-reads each one). Never
commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select

from auth.principal import Principal
from auth.visibility import CLINICAL, sql_pet_rule
from subgraphs.chronic_care.models import Alert
from subgraphs.shared.context import UnitOfWork


def alerts_visible_to(principal: Principal):
    """As for devices: owners, shared-with accounts, their clinic's vets/partners, admins."""
    return sql_pet_rule(Alert, principal, care=CLINICAL)


async def add_alerts(uow: UnitOfWork, alerts: Sequence[Alert]) -> None:
    uow.session.add_all(list(alerts))
    await uow.flush()


async def alerts_by_ids(uow: UnitOfWork, principal: Principal,
                        ids: Sequence[str]) -> list[Alert]:
    query = select(Alert).where(col(Alert.id).in_(ids), alerts_visible_to(principal))
    return list((await uow.exec(query)).all())

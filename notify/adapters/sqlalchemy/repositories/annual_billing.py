"""Free text message allowances in SQL: a unique index keeps one per service and financial year."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from uuid import UUID

import sqlalchemy as sa

from notify.domain.billing import AnnualBilling

from .. import tables as t
from ..rows import RowMap
from .base import SqlRepository

ANNUAL_BILLING = RowMap(AnnualBilling)


class SqlAlchemyAnnualBillingRepository(SqlRepository[AnnualBilling]):
    table, map = t.annual_billing, ANNUAL_BILLING
    what = "annual billing"

    def get(self, service_id: UUID, financial_year_start: int) -> AnnualBilling | None:
        a = self.table
        return self._one_or_none(sa.select(a).where(a.c.service_id == service_id,
                                                    a.c.financial_year_start == financial_year_start))

    def put(self, billing: AnnualBilling) -> None:
        a = self.table
        held = self._exec(sa.select(a.c.id).where(a.c.service_id == billing.service_id,
                                                  a.c.financial_year_start == billing.financial_year_start)).first()
        if held is None:
            self._insert(billing)
        else:
            self._update_unguarded(held.id, billing)

    def list_for_services(self, service_ids: Collection[UUID] | None = None) -> Sequence[AnnualBilling]:
        a = self.table
        statement = sa.select(a).order_by(a.c.service_id, a.c.financial_year_start)
        if service_ids is not None:
            statement = statement.where(a.c.service_id.in_(list(service_ids)))
        return self._all(statement)

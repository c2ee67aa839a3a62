"""In-memory free text message allowances: one per service and financial year."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from uuid import UUID

from notify.domain.billing import AnnualBilling

from .base import MemoryRepository


class InMemoryAnnualBillingRepository(MemoryRepository[AnnualBilling]):
    table_name = "annual_billing"

    def get(self, service_id: UUID, financial_year_start: int) -> AnnualBilling | None:
        return self._rows.get((service_id, financial_year_start))

    def put(self, billing: AnnualBilling) -> None:
        self._session.put(self.table_name, (billing.service_id, billing.financial_year_start), billing)

    def list_for_services(self, service_ids: Collection[UUID] | None = None) -> Sequence[AnnualBilling]:
        wanted = None if service_ids is None else set(service_ids)
        return sorted((b for b in self._rows.values() if wanted is None or b.service_id in wanted),
                      key=lambda b: (str(b.service_id), b.financial_year_start))

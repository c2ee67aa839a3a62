"""Where each service's free text message allowance per financial year is kept."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol
from uuid import UUID

from notify.domain.billing import AnnualBilling


class AnnualBillingRepository(Protocol):
    """At most one allowance per service and financial year."""

    def get(self, service_id: UUID, financial_year_start: int) -> AnnualBilling | None: ...

    def put(self, billing: AnnualBilling) -> None:
        """Add it, or replace the service's row for that year."""
        ...

    def list_for_services(self, service_ids: Collection[UUID] | None = None) -> Sequence[AnnualBilling]:
        """Every year's rows of those services (None: all), by service then year."""
        ...

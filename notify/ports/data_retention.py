"""Where each service's data retention settings are kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from notify.domain.data_retention import ServiceDataRetention


class DataRetentionRepository(Protocol):
    """A service's retention setting per channel (at most one per channel); another service's id is not found."""

    def add(self, retention: ServiceDataRetention) -> None: ...  # AlreadyExists for a second one per channel
    def update(self, retention: ServiceDataRetention) -> None: ...
    def get(self, service_id: UUID, retention_id: UUID) -> ServiceDataRetention: ...  # DataRetentionNotFound
    def list_for_service(self, service_id: UUID) -> Sequence[ServiceDataRetention]: ...  # by channel
    def list_all(self) -> Sequence[ServiceDataRetention]: ...  # every service's: for the nightly purge

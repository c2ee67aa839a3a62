"""Requests to join a service: someone asks, the members they contacted approve (they join with the
permissions the approver gives) or reject."""

from __future__ import annotations

import enum
from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from . import errors


class JoinRequestStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


@frozen(kw_only=True)
class ServiceJoinRequest:
    id: UUID
    requester_id: UUID
    service_id: UUID
    created_at: datetime
    contacted_user_ids: str  # comma-separated: the members asked to approve
    reason: str | None = None
    status: JoinRequestStatus = JoinRequestStatus.PENDING
    status_changed_at: datetime | None = None
    status_changed_by_id: UUID | None = None

    @property
    def contacted(self) -> list[UUID]:
        return [UUID(u) for u in self.contacted_user_ids.split(",") if u]

    def decided(self, status: JoinRequestStatus, *, by: UUID, now: datetime) -> ServiceJoinRequest:
        if self.status is not JoinRequestStatus.PENDING:
            raise errors.InvalidRequest(f"The request has already been {self.status.value}", field="status")
        return evolve(self, status=status, status_changed_at=now, status_changed_by_id=by)

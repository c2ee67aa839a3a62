"""Requests to join a service: asking, deciding, and how a request is shown."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import define

from notify.domain.constants import UserPermission
from notify.domain.join_request import JoinRequestStatus
from notify.domain.user import User
from notify.usecases.join_requests import JoinRequestView

from .fields import optional, required


@define(kw_only=True)
class CreateJoinRequest:
    requester_id: UUID = required()
    contacted_user_ids: list[UUID] = required()
    reason: str | None = optional(max_length=5000)
    invite_link_host: str | None = optional(max_length=255)


@define(kw_only=True)
class DecideJoinRequest:
    status: JoinRequestStatus = required()
    status_changed_by_id: UUID = required()
    permissions: list[UserPermission] = optional(factory=list)
    folder_permissions: list[UUID] = optional(factory=list)


@define(kw_only=True)
class JoinRequestCreated:
    service_join_request_id: UUID


@define(kw_only=True)
class JoinRequestUser:
    id: UUID
    name: str
    email_address: str

    @classmethod
    def of(cls, user: User) -> JoinRequestUser:
        return cls(id=user.id, name=user.name, email_address=user.email_address)


@define(kw_only=True)
class JoinRequestOut:
    id: UUID
    service_id: UUID
    requester: JoinRequestUser
    created_at: datetime
    status: JoinRequestStatus
    status_changed_at: datetime | None
    status_changed_by: JoinRequestUser | None
    reason: str | None
    contacted_service_users: list[UUID]

    @classmethod
    def of(cls, view: JoinRequestView) -> JoinRequestOut:
        r = view.request
        return cls(id=r.id, service_id=r.service_id, requester=JoinRequestUser.of(view.requester),
                   created_at=r.created_at, status=r.status, status_changed_at=r.status_changed_at,
                   status_changed_by=JoinRequestUser.of(view.status_changed_by) if view.status_changed_by else None,
                   reason=r.reason, contacted_service_users=r.contacted)

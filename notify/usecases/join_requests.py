"""Requests to join a service: the requester names members to ask (each emailed through the platform's own
service); one of the service's members approves (the requester joins with the permissions given) or rejects."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from attrs import frozen

from notify.domain import errors
from notify.domain.join_request import JoinRequestStatus, ServiceJoinRequest
from notify.domain.service import ServiceUser
from notify.domain.user import User

from . import platform_service
from .app import Notify
from .template_folders import own_folders
from .verify_codes import DEFAULT_ADMIN_BASE_URL


@frozen
class JoinRequestView:
    request: ServiceJoinRequest
    requester: User
    status_changed_by: User | None


def request_to_join(notify: Notify, service_id: UUID, *, requester_id: UUID, contacted_user_ids: Sequence[UUID],
                    reason: str | None = None, invite_link_host: str | None = None) -> ServiceJoinRequest:
    if not contacted_user_ids:
        raise errors.ValidationFailed({"contacted_user_ids": ["Ask at least one member of the service"]})
    with notify.uow() as uow:
        service = uow.services.get(service_id)
        requester = uow.users.get(requester_id)
        contacted = []
        for user_id in dict.fromkeys(contacted_user_ids):
            if uow.service_users.find(service_id, user_id) is None:
                raise errors.ValidationFailed({"contacted_user_ids": [f"{user_id} is not a member of the service"]})
            contacted.append(uow.users.get(user_id))
        request = ServiceJoinRequest(id=notify.ids.new(), requester_id=requester_id, service_id=service_id,
                                     created_at=notify.clock.now(), reason=reason,
                                     contacted_user_ids=",".join(str(u.id) for u in contacted))
        uow.service_join_requests.add(request)
        uow.commit()
    url = (f"{(invite_link_host or DEFAULT_ADMIN_BASE_URL).rstrip('/')}/services/{service_id}"
           f"/join-request/{request.id}/approve")
    for member in contacted:
        platform_service.send(notify, platform_service.JOIN_REQUEST, member.email_address, {
            "approver_name": member.name, "requester_name": requester.name, "service_name": service.name,
            "reason": reason or "", "url": url})
    return request


def get_join_request(notify: Notify, service_id: UUID, request_id: UUID) -> JoinRequestView:
    with notify.uow() as uow:
        request = uow.service_join_requests.get(service_id, request_id)
        changed_by = uow.users.get(request.status_changed_by_id) if request.status_changed_by_id else None
        return JoinRequestView(request, uow.users.get(request.requester_id), changed_by)


def decide_join_request(notify: Notify, service_id: UUID, request_id: UUID, *, status: JoinRequestStatus,
                        changed_by: UUID, permissions: Sequence[str] = (),
                        folder_permissions: Sequence[UUID] = ()) -> JoinRequestView:
    """Only a member of the service may decide; approving adds the requester with `permissions`."""
    now = notify.clock.now()
    with notify.uow() as uow:
        request = uow.service_join_requests.get(service_id, request_id)
        if uow.service_users.find(service_id, changed_by) is None:
            raise errors.ValidationFailed({"status_changed_by_id": ["Not a member of the service"]})
        decided = request.decided(status, by=changed_by, now=now)
        if status is JoinRequestStatus.APPROVED and uow.service_users.find(service_id, request.requester_id) is None:
            uow.service_users.add(ServiceUser(service_id=service_id, user_id=request.requester_id,
                                              permissions=frozenset(permissions),
                                              folder_permissions=own_folders(uow, service_id, folder_permissions),
                                              created_at=now))
        uow.service_join_requests.update(decided)
        uow.commit()
        return JoinRequestView(decided, uow.users.get(request.requester_id), uow.users.get(changed_by))

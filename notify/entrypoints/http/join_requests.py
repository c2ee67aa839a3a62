"""Admin API: requests to join a service (another service's request ids are 404s)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import join_requests as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.join_requests import CreateJoinRequest, DecideJoinRequest, JoinRequestCreated, JoinRequestOut


class JoinRequestResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/service-join-request
    @operation(body=CreateJoinRequest, response=JoinRequestCreated, status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: CreateJoinRequest) -> JoinRequestCreated:
        """Ask to join the service; each member named is emailed a link to approve or reject."""
        made = usecases.request_to_join(self._notify, service_id, requester_id=body.requester_id,
                                        contacted_user_ids=body.contacted_user_ids, reason=body.reason,
                                        invite_link_host=body.invite_link_host)
        return JoinRequestCreated(service_join_request_id=made.id)

    # /service/{service_id}/service-join-request/{request_id}
    @operation(response=JoinRequestOut)
    def on_get_item(self, req: falcon.Request, service_id: UUID, request_id: UUID) -> JoinRequestOut:
        """One request to join the service."""
        return JoinRequestOut.of(usecases.get_join_request(self._notify, service_id, request_id))

    @operation(body=DecideJoinRequest, response=JoinRequestOut)
    def on_post_item(self, req: falcon.Request, service_id: UUID, request_id: UUID,
                     body: DecideJoinRequest) -> JoinRequestOut:
        """Approve (the requester joins with the permissions given) or reject a pending request."""
        return JoinRequestOut.of(usecases.decide_join_request(
            self._notify, service_id, request_id, status=body.status, changed_by=body.status_changed_by_id,
            permissions=[p.value for p in body.permissions], folder_permissions=body.folder_permissions))

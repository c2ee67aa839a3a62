"""Admin API: emails about a request to go live (/organisations/notify-…/{service_id}) and the reply-to address
check (POST /service/{id}/email-reply-to/verify), sent through the platform's own service."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import go_live
from notify.usecases.app import Notify
from notify.usecases.reply_to_check import send_reply_to_check

from .operation import operation
from .schemas.go_live import AddressToCheck, NextSteps, Rejection
from .schemas.uploaded_letters import SentLetterId


class GoLiveResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /organisations/notify-users-of-request-to-go-live/{service_id}
    @operation(status=204)
    def on_post_request(self, req: falcon.Request, service_id: UUID) -> None:
        """Email the organisation's members who may make services live, and the requester a receipt (400 when
        the service has no open request or no organisation)."""
        go_live.tell_approvers(self._notify, service_id)

    # /organisations/notify-org-member-about-next-steps-of-go-live-request/{service_id}
    @operation(body=NextSteps, status=204)
    def on_post_next_steps(self, req: falcon.Request, service_id: UUID, body: NextSteps) -> None:
        """Email an organisation member the next steps of the request."""
        go_live.send_next_steps(self._notify, service_id, to=body.to, service_name=body.service_name,
                                body=body.body)

    # /organisations/notify-service-member-of-rejected-go-live-request/{service_id}
    @operation(body=Rejection, status=204)
    def on_post_rejected(self, req: falcon.Request, service_id: UUID, body: Rejection) -> None:
        """Email the requester that the request was not approved, and why."""
        go_live.send_rejection(self._notify, service_id, name=body.name, service_name=body.service_name,
                               organisation_name=body.organisation_name, reason=body.reason,
                               organisation_team_member_name=body.organisation_team_member_name,
                               organisation_team_member_email=body.organisation_team_member_email)


class ReplyToCheckResource:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    @operation(body=AddressToCheck, response=SentLetterId, key="data", status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: AddressToCheck) -> SentLetterId:
        """Email the address from the platform's own service so the team sees replies reach it (409 when the
        service has it already); the email's notification id."""
        return SentLetterId(id=send_reply_to_check(self._notify, service_id, body.email))

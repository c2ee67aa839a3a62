"""Admin API: POST /service/{id}/send-notification (one message a team member sends from a template)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import web_sending
from notify.usecases.app import Notify

from .operation import operation
from .schemas.admin_sending import SendOneOff
from .schemas.uploaded_letters import SentLetterId


class OneOffSendResource:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    @operation(body=SendOneOff, response=SentLetterId, status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: SendOneOff) -> SentLetterId:
        """Send one message by the rules of an API send with a live key, recorded as sent by `created_by`
        (who must be on the service's team); the notification's id."""
        personalisation = dict(body.personalisation or {})
        return SentLetterId(id=web_sending.send_one_off(
            self._notify, service_id, template_id=body.template_id, created_by=body.created_by,
            recipient=body.to, personalisation=personalisation, sender_id=body.sender_id).id)

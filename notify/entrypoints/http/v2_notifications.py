"""Public API: POST /v2/notifications/{sms,email,letter}, GET /v2/notifications[/{id}], and
GET /v2/received-text-messages."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import falcon

from notify.domain.constants import NotificationStatus, NotificationType
from notify.domain.errors import ValidationFailed
from notify.domain.notification import statuses_for_filter
from notify.usecases import inbound_sms, letters
from notify.usecases import notifications as usecases
from notify.usecases.app import Notify
from notify.usecases.notifications import SendRequest

from .operation import operation
from .schemas.paths import path_class
from .schemas.reading import read_path
from .schemas import v2_notifications as wire
from .schemas.inbound_sms import InboundSmsOut


def _check_schedule(when: datetime | None, now: datetime) -> None:
    if when is None:
        return
    if when < now - timedelta(minutes=1):
        raise ValidationFailed({"scheduled_for": ["datetime can not be in the past"]})
    if when > now + timedelta(hours=24):
        raise ValidationFailed({"scheduled_for": ["datetime can only be 24 hours in the future"]})


class NotificationsResource:
    auth = "service"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    def _send(self, req: falcon.Request, request: SendRequest) -> wire.Sent:
        return wire.sent(req.prefix + "/", usecases.send_notification(self._notify, req.context.auth, request))

    @operation(body=wire.SmsRequest, response=wire.SentSms, status=201)
    def on_post_sms(self, req: falcon.Request, body: wire.SmsRequest) -> wire.Sent:
        """Send a text message."""
        _check_schedule(body.scheduled_for, self._notify.clock.now())
        return self._send(req, SendRequest(
            notification_type=NotificationType.SMS, template_id=body.template_id, recipient=body.phone_number,
            personalisation=body.personalisation or {}, reference=body.reference,
            sms_sender_id=body.sms_sender_id))

    @operation(body=wire.EmailRequest, response=wire.SentEmail, status=201)
    def on_post_email(self, req: falcon.Request, body: wire.EmailRequest) -> wire.Sent:
        """Send an email."""
        _check_schedule(body.scheduled_for, self._notify.clock.now())
        return self._send(req, SendRequest(
            notification_type=NotificationType.EMAIL, template_id=body.template_id, recipient=body.email_address,
            personalisation=body.personalisation or {}, reference=body.reference,
            email_reply_to_id=body.email_reply_to_id, one_click_unsubscribe_url=body.one_click_unsubscribe_url,
            sanitise_content_for=tuple(body.sanitise_content_for or ()), url_root=req.prefix + "/"))

    @operation(body=wire.LetterRequest, response=wire.SentLetter | wire.SentPrecompiledLetter, status=201)
    def on_post_letter(self, req: falcon.Request,
                       body: wire.LetterRequest) -> wire.Sent | wire.SentPrecompiledLetter:
        """Send a letter: from a template (the address is in the personalisation), or the service's own PDF."""
        body.check()
        if body.precompiled:
            return wire.sent_precompiled(letters.send_precompiled_letter(
                self._notify, req.context.auth, letters.PrecompiledLetterRequest(
                    reference=body.reference or "", content=body.content or "", postage=body.postage)))
        return self._send(req, SendRequest(
            notification_type=NotificationType.LETTER, template_id=body.template_id,
            personalisation=body.personalisation, reference=body.reference))

    @operation(response=wire.NotificationOut)
    def on_get_item(self, req: falcon.Request, notification_id: UUID) -> wire.NotificationOut:
        """One notification of the caller's service."""
        return wire.notification(req.prefix, usecases.get_notification(self._notify, req.context.auth,
                                                                       notification_id))

    def on_get_pdf(self, req: falcon.Request, resp: falcon.Response, notification_id: str) -> None:
        """A letter as printed (application/pdf): the uploaded PDF, or the one made when it was sent."""
        nid: Any = read_path(req, path_class(("notification_id",)), {"notification_id": notification_id}, {})
        resp.data = letters.get_letter_pdf(self._notify, req.context.auth, nid.notification_id)
        resp.content_type = "application/pdf"

    @operation(query=wire.NotificationsQuery, response=wire.NotificationList)
    def on_get(self, req: falcon.Request, query: wire.NotificationsQuery) -> wire.NotificationList:
        """The caller's service's notifications, newest first, paged by `older_than`."""
        statuses = statuses_for_filter(query.status or [])
        if statuses is not None and set(statuses) >= set(NotificationStatus) - {NotificationStatus.FAILED}:
            statuses = None  # every status asked for: no filter
        views = usecases.list_notifications(
            self._notify, req.context.auth, statuses=statuses,
            template_types=[NotificationType(t) for t in query.template_type or []] or None,
            reference=query.reference, older_than=query.older_than, include_jobs=query.include_jobs is not None)
        return wire.NotificationList(
            notifications=[wire.notification(req.prefix, v) for v in views],
            links=_links(req, "/v2/notifications", views[-1].notification.id if views else None))


def _links(req: falcon.Request, path: str, last_id: UUID | None) -> wire.Links:
    following = None
    if last_id is not None:
        kept = [(k, v) for k, v in _pairs(req) if k != "older_than"] + [("older_than", str(last_id))]
        following = f"{req.prefix}{path}?{urlencode(kept)}"
    return wire.Links(current=req.url, next=following)


def _pairs(req: falcon.Request) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, value in req.params.items():
        pairs += [(key, v) for v in value] if isinstance(value, list) else [(key, value)]
    return pairs


class ReceivedTextMessagesResource:
    auth = "service"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    @operation(query=wire.OlderThanQuery, response=wire.ReceivedTextList)
    def on_get(self, req: falcon.Request, query: wire.OlderThanQuery) -> wire.ReceivedTextList:
        """The caller's service's inbound text messages, newest first, paged by `older_than`."""
        found = inbound_sms.list_received_texts(self._notify, req.context.auth, older_than=query.older_than)
        return wire.ReceivedTextList(
            received_text_messages=[InboundSmsOut.of(m) for m in found],
            links=_links(req, "/v2/received-text-messages", found[-1].id if found else None))

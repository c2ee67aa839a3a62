"""Inbound text messages: the fake provider's webhook (POST /notifications/sms/receive/fake, no JWT, as Notify's
MMG and Firetext ones, but with the provider's callback token) and the admin API's /service/{id}/inbound-sms.
The public read, GET /v2/received-text-messages, is in v2_notifications.py."""

from __future__ import annotations

from datetime import datetime, timezone
from uuid import UUID

import falcon

from notify.domain.errors import ValidationFailed
from notify.usecases import inbound_sms as usecases
from notify.usecases.app import Notify

from .operation import operation
from .provider_auth import provider_body
from .schemas import inbound_sms as wire

FAKE_PROVIDER = "fake"


class FakeInboundSmsResource:
    auth = "provider"  # not a JWT: the fake provider's callback token, checked before the body is read

    def __init__(self, notify: Notify) -> None:
        self.notify = notify

    @operation(body=wire.FakeInboundSms, source=provider_body(FAKE_PROVIDER), response=wire.Acknowledged)
    def on_post(self, req: falcon.Request, body: wire.FakeInboundSms) -> wire.Acknowledged:
        """A text message sent to one of our numbers, from the fake SMS provider."""
        usecases.receive_sms(self.notify, provider=FAKE_PROVIDER, source=body.source,
                             destination=body.destination, message=body.message,
                             provider_reference=body.id, provider_date=_utc(body.date))
        return wire.Acknowledged(status="ok")  # also when no service takes it: the provider must not retry


def _utc(value: datetime | None) -> datetime | None:
    try:
        return None if value is None else value.astimezone(timezone.utc)
    except OverflowError:  # e.g. 0001-01-01T00:00:00+01:00: before the first representable instant
        raise ValidationFailed({"date": ["Not a valid datetime."]}) from None


class InboundSmsResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/inbound-sms
    @operation(query=wire.InboundSmsQuery, response=list[wire.InboundSmsOut], key="data")
    def on_get(self, req: falcon.Request, service_id: UUID, query: wire.InboundSmsQuery) -> list[wire.InboundSmsOut]:
        """The last 7 days' messages, newest first (optionally from one phone number, at most `limit`)."""
        found = usecases.list_inbound_sms(self._notify, service_id, phone_number=query.phone_number or None,
                                          limit=query.limit)
        return [wire.InboundSmsOut.of(m) for m in found]

    @operation(body=wire.InboundSmsSearch, response=list[wire.InboundSmsOut], key="data")
    def on_post(self, req: falcon.Request, service_id: UUID, body: wire.InboundSmsSearch) -> list[wire.InboundSmsOut]:
        """Notify's search form of the list: {"phone_number": ...} in the body."""
        found = usecases.list_inbound_sms(self._notify, service_id, phone_number=body.phone_number or None)
        return [wire.InboundSmsOut.of(m) for m in found]

    # /service/{service_id}/inbound-sms/summary
    @operation(response=wire.InboundSmsSummary)
    def on_get_summary(self, req: falcon.Request, service_id: UUID) -> wire.InboundSmsSummary:
        """How many messages the service has had, and when the latest came."""
        summary = usecases.inbound_sms_summary(self._notify, service_id)
        return wire.InboundSmsSummary(count=summary.count, most_recent=summary.most_recent)

    # /service/{service_id}/inbound-sms/most-recent
    @operation(query=wire.PageQuery, response=wire.Conversations)
    def on_get_most_recent(self, req: falcon.Request, service_id: UUID, query: wire.PageQuery) -> wire.Conversations:
        """The latest message from each phone number, newest first, 50 a page."""
        found = usecases.most_recent_per_sender(self._notify, service_id, page=query.page)
        return wire.Conversations(data=[wire.InboundSmsOut.of(m) for m in found.messages], has_next=found.has_next)

    # /service/{service_id}/inbound-sms/{inbound_sms_id}
    @operation(response=wire.InboundSmsOut)
    def on_get_item(self, req: falcon.Request, service_id: UUID, inbound_sms_id: UUID) -> wire.InboundSmsOut:
        """One message."""
        return wire.InboundSmsOut.of(usecases.get_inbound_sms(self._notify, service_id, inbound_sms_id))

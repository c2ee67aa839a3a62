"""Inbound text messages: the fake provider's webhook (POST /notifications/sms/receive/fake, no JWT, as Notify's
MMG and Firetext ones, but with the provider's callback token) and the admin API's /service/{id}/inbound-sms. The public read is v2_received_texts.py."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import falcon
from attrs import define

from notify.domain.errors import ValidationFailed
from notify.domain.inbound_sms import InboundSms
from notify.usecases import inbound_sms as usecases
from notify.usecases.app import Notify

from .provider_auth import json_object, verified_callback
from .wire import INT_MAX, body, dump, optional, parse, path_uuid, query_int, required

FAKE_PROVIDER = "fake"


@define(kw_only=True)
class FakeInboundSms:
    """What the fake provider posts: who sent what to which of our numbers (`id`, `date`: its own record)."""

    source: str = required(max_length=255, not_blank=True)
    destination: str = required(max_length=255, not_blank=True)
    message: str = required()
    id: str | None = optional(max_length=255)
    date: datetime | None = optional()


@define(kw_only=True)
class InboundSmsSearch:
    phone_number: str | None = optional(max_length=255)


def inbound_sms_json(m: InboundSms) -> dict[str, Any]:
    """Notify's InboundSms.serialize: the admin API and GET /v2/received-text-messages show the same."""
    return {"id": str(m.id), "created_at": dump(m.created_at), "service_id": str(m.service_id),
            "notify_number": m.notify_number, "user_number": m.user_number, "content": m.content}


class FakeInboundSmsResource:
    auth = "provider"  # not a JWT: the fake provider's callback token, checked by the responder

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        """A text message sent to one of our numbers, from the fake SMS provider."""
        data = json_object(verified_callback(self._notify, req, FAKE_PROVIDER))
        values = parse(data, FakeInboundSms)
        usecases.receive_sms(self._notify, provider=FAKE_PROVIDER, source=values["source"],
                             destination=values["destination"], message=values["message"],
                             provider_reference=values.get("id"), provider_date=_utc(values.get("date")))
        resp.media = {"status": "ok"}  # also when no service takes it: the provider must not retry


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
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        """The last 7 days' messages, newest first (optionally from one phone number, at most `limit`)."""
        found = usecases.list_inbound_sms(self._notify, path_uuid(service_id, "service_id"),
                                          phone_number=req.get_param("phone_number") or None,
                                          limit=query_int(req, "limit", minimum=1, maximum=INT_MAX))
        resp.media = {"data": [inbound_sms_json(m) for m in found]}

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        """Notify's search form of the list: {"phone_number": ...} in the body."""
        sid = path_uuid(service_id, "service_id")
        values = parse(body(req), InboundSmsSearch)
        found = usecases.list_inbound_sms(self._notify, sid, phone_number=values.get("phone_number") or None)
        resp.media = {"data": [inbound_sms_json(m) for m in found]}

    # /service/{service_id}/inbound-sms/summary
    def on_get_summary(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        summary = usecases.inbound_sms_summary(self._notify, path_uuid(service_id, "service_id"))
        resp.media = {"count": summary.count, "most_recent": dump(summary.most_recent)}

    # /service/{service_id}/inbound-sms/{inbound_sms_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, service_id: str, inbound_sms_id: str) -> None:
        resp.media = inbound_sms_json(usecases.get_inbound_sms(
            self._notify, path_uuid(service_id, "service_id"), path_uuid(inbound_sms_id, "inbound_sms_id")))

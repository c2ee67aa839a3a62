"""Public API: POST /v2/notifications/{sms,email,letter}, GET /v2/notifications[/{id}], and
GET /v2/received-text-messages. Parse, call one use case, present Notify's JSON."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import falcon

from notify.domain.constants import COMPLETED_STATUSES, NotificationStatus, NotificationType
from notify.domain.notification import LETTER_ACCEPTED, LETTER_RECEIVED, statuses_for_filter
from notify.usecases import inbound_sms
from notify.usecases import notifications as usecases
from notify.usecases.app import Notify
from notify.usecases.notifications import NotificationView, SendRequest, SentNotification

from . import v2_schema as schema
from .inbound_sms import inbound_sms_json
from .wire import dump

SMS_RATE_POUNDS = 0.0227  # per fragment; Notify's rate changes each April, ours is one figure
STATUS_NAMES = [s.value for s in NotificationStatus] + [LETTER_ACCEPTED, LETTER_RECEIVED]
TYPE_NAMES = [t.value for t in NotificationType]


def _url_root(req: falcon.Request) -> str:
    return req.prefix + "/"


def _common(now: Any) -> dict[str, schema.Check]:
    return {"template_id": schema.uuid, "personalisation": schema.obj, "reference": schema.string(1000),
            "scheduled_for": schema.scheduled_for(now)}


def sms_fields(now: Any) -> dict[str, schema.Check]:
    return {"phone_number": schema.string(), **_common(now), "sms_sender_id": schema.uuid}


def email_fields(now: Any) -> dict[str, schema.Check]:
    return {"email_address": schema.string(), **_common(now), "email_reply_to_id": schema.uuid,
            "one_click_unsubscribe_url": schema.https_url, "sanitise_content_for": schema.string_array}


def letter_fields() -> dict[str, schema.Check]:
    return {"template_id": schema.uuid, "personalisation": schema.obj, "reference": schema.string(1000)}


def sent_json(req: falcon.Request, sent: SentNotification) -> dict[str, Any]:
    n, template, message = sent.notification, sent.template, sent.message
    root = _url_root(req)
    body: dict[str, Any] = {
        "id": str(n.id),
        "reference": n.client_reference,
        "uri": f"{root}v2/notifications/{n.id}",
        "template": {"id": str(template.id), "version": template.version,
                     "uri": f"{root}services/{n.service_id}/templates/{template.id}"},
        "scheduled_for": None,
    }
    if n.notification_type is NotificationType.SMS:
        body["content"] = {"body": message.body, "from_number": sent.from_number}
    elif n.notification_type is NotificationType.EMAIL:
        body["content"] = {"from_email": sent.from_email, "body": message.body, "subject": message.subject,
                           "one_click_unsubscribe_url": n.one_click_unsubscribe_url}
        body["sanitised_content"] = {}
    else:
        body["content"] = {"body": message.body, "subject": message.subject}
    return body


def _letter_lines(personalisation: dict[str, Any]) -> dict[str, Any]:
    by_key = {"".join(c for c in k.lower() if c not in " _-"): v for k, v in personalisation.items()}
    lines: dict[str, Any] = {f"line_{i}": by_key.get(f"addressline{i}") for i in range(1, 7)}
    lines["postcode"] = by_key.get("postcode")
    return lines


def _cost(view: NotificationView) -> dict[str, Any]:
    n = view.notification
    if n.notification_type is NotificationType.EMAIL:
        return {"is_cost_data_ready": True, "cost_in_pounds": 0.0, "cost_details": {}}
    if n.notification_type is NotificationType.SMS and n.billable_units:
        multiplier = n.rate_multiplier or 1.0
        return {"is_cost_data_ready": True,
                "cost_in_pounds": round(n.billable_units * multiplier * SMS_RATE_POUNDS, 4),
                "cost_details": {"billable_sms_fragments": n.billable_units,
                                 "international_rate_multiplier": multiplier, "sms_rate": SMS_RATE_POUNDS}}
    return {"is_cost_data_ready": False, "cost_in_pounds": None, "cost_details": {}}


def notification_json(req: falcon.Request, view: NotificationView) -> dict[str, Any]:
    n = view.notification
    letter = n.notification_type is NotificationType.LETTER
    body: dict[str, Any] = {
        "id": str(n.id),
        "reference": n.client_reference,
        "email_address": n.to if n.notification_type is NotificationType.EMAIL else None,
        "phone_number": n.to if n.notification_type is NotificationType.SMS else None,
        **(_letter_lines(n.personalisation) if letter else {f"line_{i}": None for i in range(1, 7)}),
        "type": n.notification_type.value,
        "status": n.public_status,
        "template": {"id": str(n.template_id), "version": n.template_version,
                     "uri": f"{req.prefix}/v2/template/{n.template_id}/version/{n.template_version}"},
        "body": view.body,
        "subject": None if n.notification_type is NotificationType.SMS else view.subject,
        "created_at": dump(n.created_at),
        "created_by_name": None,
        "sent_at": dump(n.sent_at) if n.sent_at else None,
        "completed_at": dump(n.updated_at) if n.status in COMPLETED_STATUSES and n.updated_at else None,
        "scheduled_for": None,
        "postage": n.postage,
        "one_click_unsubscribe_url": n.one_click_unsubscribe_url,
        **_cost(view),
    }
    if not letter:
        body.setdefault("postcode", None)
    return body


class NotificationsResource:
    auth = "service"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    def _send(self, req: falcon.Request, resp: falcon.Response, request: SendRequest) -> None:
        sent = usecases.send_notification(self._notify, req.context.auth, request)
        resp.status = falcon.HTTP_201
        resp.media = sent_json(req, sent)

    def on_post_sms(self, req: falcon.Request, resp: falcon.Response) -> None:
        data = schema.validate(schema.read_json(req), sms_fields(self._notify.clock.now()),
                               ("phone_number", "template_id"))
        self._send(req, resp, SendRequest(
            notification_type=NotificationType.SMS, template_id=UUID(data["template_id"]),
            recipient=data["phone_number"], personalisation=data.get("personalisation") or {},
            reference=data.get("reference"),
            sms_sender_id=UUID(data["sms_sender_id"]) if data.get("sms_sender_id") else None))

    def on_post_email(self, req: falcon.Request, resp: falcon.Response) -> None:
        data = schema.validate(schema.read_json(req), email_fields(self._notify.clock.now()),
                               ("email_address", "template_id"))
        self._send(req, resp, SendRequest(
            notification_type=NotificationType.EMAIL, template_id=UUID(data["template_id"]),
            recipient=data["email_address"], personalisation=data.get("personalisation") or {},
            reference=data.get("reference"),
            email_reply_to_id=UUID(data["email_reply_to_id"]) if data.get("email_reply_to_id") else None,
            one_click_unsubscribe_url=data.get("one_click_unsubscribe_url")))

    def on_post_letter(self, req: falcon.Request, resp: falcon.Response) -> None:
        data = schema.validate(schema.read_json(req), letter_fields(), ("template_id", "personalisation"))
        self._send(req, resp, SendRequest(
            notification_type=NotificationType.LETTER, template_id=UUID(data["template_id"]),
            personalisation=data["personalisation"], reference=data.get("reference")))

    def on_get_item(self, req: falcon.Request, resp: falcon.Response, notification_id: str) -> None:
        nid = schema.path_uuid(notification_id, "notification_id")
        resp.media = notification_json(req, usecases.get_notification(self._notify, req.context.auth, nid))

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = schema.query(req, {
            "status": schema.one_of(STATUS_NAMES), "template_type": schema.one_of(TYPE_NAMES),
            "reference": schema.string(), "older_than": schema.uuid,
            "include_jobs": schema.one_of(["true", "True"]),
        }, repeatable=("status", "template_type"))
        statuses = statuses_for_filter(params.get("status", []))
        if statuses is not None and set(statuses) >= set(NotificationStatus) - {NotificationStatus.FAILED}:
            statuses = None  # every status asked for: no filter
        views = usecases.list_notifications(
            self._notify, req.context.auth, statuses=statuses,
            template_types=[NotificationType(t) for t in params.get("template_type", [])] or None,
            reference=params.get("reference"),
            older_than=UUID(params["older_than"]) if "older_than" in params else None,
            include_jobs="include_jobs" in params)
        resp.media = {"notifications": [notification_json(req, v) for v in views],
                      "links": _links(req, "/v2/notifications", views[-1].notification.id if views else None)}


def _links(req: falcon.Request, path: str, last_id: UUID | None) -> dict[str, str]:
    links = {"current": req.url}
    if last_id is not None:
        kept = [(k, v) for k, v in _pairs(req) if k != "older_than"] + [("older_than", str(last_id))]
        links["next"] = f"{req.prefix}{path}?{urlencode(kept)}"
    return links


def _pairs(req: falcon.Request) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, value in req.params.items():
        pairs += [(key, v) for v in value] if isinstance(value, list) else [(key, value)]
    return pairs


class ReceivedTextMessagesResource:
    """The caller's service's inbound text messages, newest first, paged by `older_than` as notifications are."""

    auth = "service"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = schema.query(req, {"older_than": schema.uuid})
        found = inbound_sms.list_received_texts(
            self._notify, req.context.auth,
            older_than=UUID(params["older_than"]) if "older_than" in params else None)
        resp.media = {"received_text_messages": [inbound_sms_json(m) for m in found],
                      "links": _links(req, "/v2/received-text-messages", found[-1].id if found else None)}

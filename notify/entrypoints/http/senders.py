"""Admin API: a service's text message senders (/service/{id}/sms-sender) and email reply-to addresses
(/service/{id}/email-reply-to). Notify answers some of these bare, some in a `data` envelope: kept as it is."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import falcon
from attrs import define

from notify.domain.sender import ServiceEmailReplyTo, ServiceSmsSender
from notify.usecases import senders as usecases
from notify.usecases.app import Notify

from .wire import body, dump, optional, parse, path_uuid, required

SMS_SENDER_MAX_LENGTH = 11  # Notify's column: GOVUK-style text or an 07… number


@define(kw_only=True)
class SmsSenderFields:
    sms_sender: str = required(max_length=SMS_SENDER_MAX_LENGTH, not_blank=True)
    is_default: bool = required()


@define(kw_only=True)
class AddSmsSender(SmsSenderFields):
    inbound_number_id: UUID | None = optional()


@define(kw_only=True)
class ReplyToFields:
    email_address: str = required(max_length=320, not_blank=True)
    is_default: bool = optional()  # absent: it becomes the default, as in Notify


def sms_sender_json(s: ServiceSmsSender) -> dict[str, Any]:
    return {"id": str(s.id), "sms_sender": s.sms_sender, "service_id": str(s.service_id), "is_default": s.is_default,
            "archived": s.archived, "inbound_number_id": dump(s.inbound_number_id),
            "created_at": dump(s.created_at), "updated_at": dump(s.updated_at)}


def reply_to_json(r: ServiceEmailReplyTo) -> dict[str, Any]:
    return {"id": str(r.id), "service_id": str(r.service_id), "email_address": r.email_address,
            "is_default": r.is_default, "archived": r.archived, "created_at": dump(r.created_at),
            "updated_at": dump(r.updated_at)}


class SmsSenderResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/sms-sender
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        found = usecases.list_sms_senders(self._notify, path_uuid(service_id, "service_id"))
        resp.media = [sms_sender_json(s) for s in found]

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        sid = path_uuid(service_id, "service_id")
        values = parse(body(req), AddSmsSender)
        resp.status = falcon.HTTP_201
        resp.media = sms_sender_json(usecases.add_sms_sender(self._notify, sid, **values))

    # /service/{service_id}/sms-sender/{sms_sender_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, service_id: str, sms_sender_id: str) -> None:
        resp.media = sms_sender_json(usecases.get_sms_sender(
            self._notify, path_uuid(service_id, "service_id"), path_uuid(sms_sender_id, "sms_sender_id")))

    def on_post_item(self, req: falcon.Request, resp: falcon.Response, service_id: str, sms_sender_id: str) -> None:
        sid, sender_id = path_uuid(service_id, "service_id"), path_uuid(sms_sender_id, "sms_sender_id")
        values = parse(body(req), SmsSenderFields)
        resp.media = sms_sender_json(usecases.update_sms_sender(self._notify, sid, sender_id, **values))

    # /service/{service_id}/sms-sender/{sms_sender_id}/archive
    def on_post_archive(self, req: falcon.Request, resp: falcon.Response, service_id: str,
                        sms_sender_id: str) -> None:
        resp.media = {"data": sms_sender_json(usecases.archive_sms_sender(
            self._notify, path_uuid(service_id, "service_id"), path_uuid(sms_sender_id, "sms_sender_id")))}


class EmailReplyToResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/email-reply-to
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        found = usecases.list_reply_tos(self._notify, path_uuid(service_id, "service_id"))
        resp.media = [reply_to_json(r) for r in found]

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str) -> None:
        sid = path_uuid(service_id, "service_id")
        values = parse(body(req), ReplyToFields)
        resp.status = falcon.HTTP_201
        resp.media = {"data": reply_to_json(usecases.add_reply_to(
            self._notify, sid, email_address=values["email_address"], is_default=values.get("is_default", True)))}

    # /service/{service_id}/email-reply-to/{reply_to_id}
    def on_get_item(self, req: falcon.Request, resp: falcon.Response, service_id: str, reply_to_id: str) -> None:
        resp.media = reply_to_json(usecases.get_reply_to(
            self._notify, path_uuid(service_id, "service_id"), path_uuid(reply_to_id, "reply_to_id")))

    def on_post_item(self, req: falcon.Request, resp: falcon.Response, service_id: str, reply_to_id: str) -> None:
        sid, rid = path_uuid(service_id, "service_id"), path_uuid(reply_to_id, "reply_to_id")
        values = parse(body(req), ReplyToFields)
        resp.media = {"data": reply_to_json(usecases.update_reply_to(
            self._notify, sid, rid, email_address=values["email_address"],
            is_default=values.get("is_default", True)))}

    # /service/{service_id}/email-reply-to/{reply_to_id}/archive
    def on_post_archive(self, req: falcon.Request, resp: falcon.Response, service_id: str, reply_to_id: str) -> None:
        resp.media = {"data": reply_to_json(usecases.archive_reply_to(
            self._notify, path_uuid(service_id, "service_id"), path_uuid(reply_to_id, "reply_to_id")))}

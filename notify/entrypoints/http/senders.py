"""Admin API: a service's text message senders (/service/{id}/sms-sender) and email reply-to addresses
(/service/{id}/email-reply-to). Notify answers some of these bare, some in a `data` envelope: kept as it is."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import senders as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.senders import AddSmsSender, ReplyToFields, ReplyToOut, SmsSenderFields, SmsSenderOut


class SmsSenderResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/sms-sender
    @operation(response=list[SmsSenderOut])
    def on_get(self, req: falcon.Request, service_id: UUID) -> list[SmsSenderOut]:
        """The service's text message senders."""
        return [SmsSenderOut.of(s) for s in usecases.list_sms_senders(self._notify, service_id)]

    @operation(body=AddSmsSender, response=SmsSenderOut, status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: AddSmsSender) -> SmsSenderOut:
        """Add a text message sender."""
        return SmsSenderOut.of(usecases.add_sms_sender(self._notify, service_id, sms_sender=body.sms_sender,
                                                       is_default=body.is_default,
                                                       inbound_number_id=body.inbound_number_id))

    # /service/{service_id}/sms-sender/{sms_sender_id}
    @operation(response=SmsSenderOut)
    def on_get_item(self, req: falcon.Request, service_id: UUID, sms_sender_id: UUID) -> SmsSenderOut:
        """One text message sender."""
        return SmsSenderOut.of(usecases.get_sms_sender(self._notify, service_id, sms_sender_id))

    @operation(body=SmsSenderFields, response=SmsSenderOut)
    def on_post_item(self, req: falcon.Request, service_id: UUID, sms_sender_id: UUID,
                     body: SmsSenderFields) -> SmsSenderOut:
        """Change a text message sender."""
        return SmsSenderOut.of(usecases.update_sms_sender(self._notify, service_id, sms_sender_id,
                                                          sms_sender=body.sms_sender, is_default=body.is_default))

    # /service/{service_id}/sms-sender/{sms_sender_id}/archive
    @operation(response=SmsSenderOut, key="data")
    def on_post_archive(self, req: falcon.Request, service_id: UUID, sms_sender_id: UUID) -> SmsSenderOut:
        """Archive a text message sender."""
        return SmsSenderOut.of(usecases.archive_sms_sender(self._notify, service_id, sms_sender_id))


class EmailReplyToResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/email-reply-to
    @operation(response=list[ReplyToOut])
    def on_get(self, req: falcon.Request, service_id: UUID) -> list[ReplyToOut]:
        """The service's reply-to addresses."""
        return [ReplyToOut.of(r) for r in usecases.list_reply_tos(self._notify, service_id)]

    @operation(body=ReplyToFields, response=ReplyToOut, key="data", status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: ReplyToFields) -> ReplyToOut:
        """Add a reply-to address."""
        return ReplyToOut.of(usecases.add_reply_to(self._notify, service_id, email_address=body.email_address,
                                                   is_default=body.is_default))

    # /service/{service_id}/email-reply-to/{reply_to_id}
    @operation(response=ReplyToOut)
    def on_get_item(self, req: falcon.Request, service_id: UUID, reply_to_id: UUID) -> ReplyToOut:
        """One reply-to address."""
        return ReplyToOut.of(usecases.get_reply_to(self._notify, service_id, reply_to_id))

    @operation(body=ReplyToFields, response=ReplyToOut, key="data")
    def on_post_item(self, req: falcon.Request, service_id: UUID, reply_to_id: UUID,
                     body: ReplyToFields) -> ReplyToOut:
        """Change a reply-to address."""
        return ReplyToOut.of(usecases.update_reply_to(self._notify, service_id, reply_to_id,
                                                      email_address=body.email_address, is_default=body.is_default))

    # /service/{service_id}/email-reply-to/{reply_to_id}/archive
    @operation(response=ReplyToOut, key="data")
    def on_post_archive(self, req: falcon.Request, service_id: UUID, reply_to_id: UUID) -> ReplyToOut:
        """Archive a reply-to address."""
        return ReplyToOut.of(usecases.archive_reply_to(self._notify, service_id, reply_to_id))

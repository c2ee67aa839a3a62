"""Admin API: the inbound number pool (/inbound-number…) and a service's inbound texts turned off
(/service/{id}/inbound-sms/remove, /most-recent-usage)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import inbound_numbers as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.inbound_numbers import Empty, GiveNumber, InboundNumberOut, MostRecentUsage, RemoveInboundSms
from .schemas.senders import SmsSenderOut


class InboundNumberResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /inbound-number
    @operation(response=list[InboundNumberOut], key="data")
    def on_get(self, req: falcon.Request) -> list[InboundNumberOut]:
        """Every number in the pool, with the service holding it."""
        return [InboundNumberOut.of(v) for v in usecases.list_inbound_numbers(self._notify)]

    # /inbound-number/available
    @operation(response=list[InboundNumberOut], key="data")
    def on_get_available(self, req: falcon.Request) -> list[InboundNumberOut]:
        """The numbers no service holds that are in use."""
        return [InboundNumberOut.of(v) for v in usecases.list_available_numbers(self._notify)]

    # /inbound-number/service/{service_id}
    @operation(response=InboundNumberOut, key="data")
    def on_get_service(self, req: falcon.Request, service_id: UUID) -> InboundNumberOut:
        """The service's number, or `{}`."""
        found = usecases.number_for_service(self._notify, service_id)
        return InboundNumberOut.of(found) if found else InboundNumberOut()

    @operation(body=GiveNumber, response=SmsSenderOut, status=201)
    def on_post_service(self, req: falcon.Request, service_id: UUID, body: GiveNumber) -> SmsSenderOut:
        """Give the service the number named (else the first free one): its text message sender on it."""
        return SmsSenderOut.of(usecases.give_number_to_service(self._notify, service_id, body.inbound_number_id))

    # /inbound-number/service/{service_id}/off
    @operation(status=204)
    def on_post_off(self, req: falcon.Request, service_id: UUID) -> None:
        """Stop taking texts to the service's number (it keeps the number)."""
        usecases.turn_off_number(self._notify, service_id)


class InboundSmsSettingsResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/inbound-sms/most-recent-usage
    @operation(response=MostRecentUsage)
    def on_get_usage(self, req: falcon.Request, service_id: UUID) -> MostRecentUsage:
        """When the service's number last sent or received a text (404 when it has none)."""
        return MostRecentUsage(most_recent_date=usecases.most_recent_usage(self._notify, service_id))

    # /service/{service_id}/inbound-sms/remove
    @operation(body=RemoveInboundSms, response=Empty)
    def on_post_remove(self, req: falcon.Request, service_id: UUID, body: RemoveInboundSms) -> Empty:
        """Stop the service receiving texts: its number back to the pool, or retired (`archive`)."""
        usecases.stop_receiving_texts(self._notify, service_id, archive=body.archive)
        return Empty()

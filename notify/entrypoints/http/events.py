"""Admin API: POST /events (an event the admin app records) and GET /protected-sender-id/check."""

from __future__ import annotations

import falcon

from notify.domain.errors import InvalidRequest
from notify.usecases import events as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.events import EventOut, RecordEvent, SenderIdQuery


class EventResource:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    @operation(body=RecordEvent, response=EventOut, key="data", status=201)
    def on_post(self, req: falcon.Request, body: RecordEvent) -> EventOut:
        """Record an event with the data given, as given."""
        return EventOut.of(usecases.record_event(self._notify, event_type=body.event_type, data=body.data))


class ProtectedSenderIdResource:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    @operation(query=SenderIdQuery, response=bool)
    def on_get(self, req: falcon.Request, query: SenderIdQuery) -> bool:
        """Whether a text message sender id is protected (whatever its spacing and case): a bare true or false."""
        if not query.sender_id:
            raise InvalidRequest("sender_id must be passed in")
        return usecases.is_protected_sender_id(self._notify, query.sender_id)

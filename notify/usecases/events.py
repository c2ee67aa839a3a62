"""Events the admin app records, and whether a text message sender id is protected."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from notify.domain.event import Event
from notify.domain.sender import protected_form

from .app import Notify


def record_event(notify: Notify, *, event_type: str, data: Mapping[str, Any]) -> Event:
    event = Event(id=notify.ids.new(), event_type=event_type, created_at=notify.clock.now(), data=dict(data))
    with notify.uow() as uow:
        uow.events.add(event)
        uow.commit()
    return event


def protect_sender_id(notify: Notify, sender_id: str) -> None:
    """Only the organisation that owns it may send as `sender_id` (a bank's name, say)."""
    with notify.uow() as uow:
        uow.protected_sender_ids.add(protected_form(sender_id))
        uow.commit()


def is_protected_sender_id(notify: Notify, sender_id: str) -> bool:
    """Whatever its spacing and case."""
    with notify.read_uow() as uow:
        return uow.protected_sender_ids.is_protected(protected_form(sender_id))

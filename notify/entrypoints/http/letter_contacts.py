"""Admin API: a service's letter contact blocks (/service/{id}/letter-contact). As Notify: the list and one
block answer bare, add, update and archive in a `data` envelope."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import letter_contacts as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.letter_contacts import LetterContactFields, LetterContactOut


class LetterContactResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/letter-contact
    @operation(response=list[LetterContactOut])
    def on_get(self, req: falcon.Request, service_id: UUID) -> list[LetterContactOut]:
        """The service's letter contact blocks."""
        return [LetterContactOut.of(c) for c in usecases.list_letter_contacts(self._notify, service_id)]

    @operation(body=LetterContactFields, response=LetterContactOut, key="data", status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: LetterContactFields) -> LetterContactOut:
        """Add a letter contact block."""
        return LetterContactOut.of(usecases.add_letter_contact(
            self._notify, service_id, contact_block=body.contact_block, is_default=body.is_default))

    # /service/{service_id}/letter-contact/{letter_contact_id}
    @operation(response=LetterContactOut)
    def on_get_item(self, req: falcon.Request, service_id: UUID, letter_contact_id: UUID) -> LetterContactOut:
        """One letter contact block."""
        return LetterContactOut.of(usecases.get_letter_contact(self._notify, service_id, letter_contact_id))

    @operation(body=LetterContactFields, response=LetterContactOut, key="data")
    def on_post_item(self, req: falcon.Request, service_id: UUID, letter_contact_id: UUID,
                     body: LetterContactFields) -> LetterContactOut:
        """Change a letter contact block."""
        return LetterContactOut.of(usecases.update_letter_contact(
            self._notify, service_id, letter_contact_id, contact_block=body.contact_block,
            is_default=body.is_default))

    # /service/{service_id}/letter-contact/{letter_contact_id}/archive
    @operation(response=LetterContactOut, key="data")
    def on_post_archive(self, req: falcon.Request, service_id: UUID, letter_contact_id: UUID) -> LetterContactOut:
        """Archive a letter contact block."""
        return LetterContactOut.of(usecases.archive_letter_contact(self._notify, service_id, letter_contact_id))

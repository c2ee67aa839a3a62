"""Admin API: /service/{id}/contact-list (spreadsheets of recipients a team keeps to send to again)."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.usecases import contact_lists as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.contact_lists import ContactListOut, CreateContactList


class ContactListResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /service/{service_id}/contact-list
    @operation(response=list[ContactListOut])
    def on_get(self, req: falcon.Request, service_id: UUID) -> list[ContactListOut]:
        """The service's lists, newest first."""
        return [ContactListOut.of(v) for v in usecases.list_contact_lists(self._notify, service_id)]

    @operation(body=CreateContactList, response=ContactListOut, status=201)
    def on_post(self, req: falcon.Request, service_id: UUID, body: CreateContactList) -> ContactListOut:
        """A list from an uploaded spreadsheet's metadata (the file itself is in the upload store, by `id`)."""
        return ContactListOut.of(usecases.create_contact_list(
            self._notify, service_id, contact_list_id=body.id, original_file_name=body.original_file_name,
            row_count=body.row_count, template_type=body.template_type, created_by=body.created_by))

    # /service/{service_id}/contact-list/{contact_list_id}
    @operation(response=ContactListOut)
    def on_get_item(self, req: falcon.Request, service_id: UUID, contact_list_id: UUID) -> ContactListOut:
        return ContactListOut.of(usecases.get_contact_list(self._notify, service_id, contact_list_id))

    @operation(status=204)
    def on_delete_item(self, req: falcon.Request, service_id: UUID, contact_list_id: UUID) -> None:
        """Archive the list and remove its file."""
        usecases.delete_contact_list(self._notify, service_id, contact_list_id)

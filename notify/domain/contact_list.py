"""Contact lists: a spreadsheet of recipients a team uploads once and sends to again and again. The file
itself waits in the upload store; the list is its metadata. Deleting a list archives it."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from attrs import evolve, frozen

from .constants import TemplateType
from .errors import NotFound, ValidationFailed


class ContactListNotFound(NotFound): ...


CONTACT_LIST_TYPES = (TemplateType.EMAIL, TemplateType.SMS)  # letters are not sent from a saved list


@frozen(kw_only=True)
class ContactList:
    id: UUID
    service_id: UUID
    original_file_name: str
    row_count: int
    template_type: TemplateType
    created_by_id: UUID | None
    created_at: datetime
    updated_at: datetime | None = None
    archived: bool = False

    def archived_at(self, now: datetime) -> ContactList:
        return evolve(self, archived=True, updated_at=now)


def check_contact_list(contact_list: ContactList) -> ContactList:
    if contact_list.template_type not in CONTACT_LIST_TYPES:
        raise ValidationFailed({"template_type": [
            f"{contact_list.template_type.value} is not one of [email, sms]"]})
    if contact_list.row_count < 0:
        raise ValidationFailed({"row_count": ["must not be negative"]})
    return contact_list

"""Contact lists as Notify's admin keeps them: the metadata of a spreadsheet of recipients the team uploaded,
listed with how many recent jobs were sent from it; deleting one archives it and removes its file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from uuid import UUID

from attrs import frozen

from notify.domain import data_retention, errors
from notify.domain.constants import TemplateType
from notify.domain.contact_list import ContactList, check_contact_list
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .user_refs import named_user


@frozen
class ContactListView:
    contact_list: ContactList
    created_by_name: str | None
    recent_job_count: int  # jobs sent from it within the channel's data retention
    has_jobs: bool


def create_contact_list(notify: Notify, service_id: UUID, *, contact_list_id: UUID, original_file_name: str,
                        row_count: int, template_type: TemplateType, created_by: UUID) -> ContactListView:
    contact_list = check_contact_list(ContactList(
        id=contact_list_id, service_id=service_id, original_file_name=original_file_name, row_count=row_count,
        template_type=template_type, created_by_id=created_by, created_at=notify.clock.now()))
    with notify.uow() as uow:
        uow.services.get(service_id)
        named_user(uow, created_by)
        uow.contact_lists.add(contact_list)
        uow.commit()
        return _views(notify, uow, [contact_list])[0]


def list_contact_lists(notify: Notify, service_id: UUID) -> Sequence[ContactListView]:
    """The service's lists, newest first (archived ones are gone)."""
    with notify.read_uow() as uow:
        uow.services.get(service_id)
        return _views(notify, uow, uow.contact_lists.list_for_service(service_id))


def get_contact_list(notify: Notify, service_id: UUID, contact_list_id: UUID) -> ContactListView:
    with notify.read_uow() as uow:
        return _views(notify, uow, [_live(uow, service_id, contact_list_id)])[0]


def delete_contact_list(notify: Notify, service_id: UUID, contact_list_id: UUID) -> None:
    with notify.uow() as uow:
        archived = _live(uow, service_id, contact_list_id).archived_at(notify.clock.now())
        uow.contact_lists.update(archived)
        uow.commit()
    if notify.uploads is not None:
        notify.uploads.delete(service_id, contact_list_id)


def _live(uow: UnitOfWork, service_id: UUID, contact_list_id: UUID) -> ContactList:
    found = uow.contact_lists.get(service_id, contact_list_id)
    if found.archived:
        raise errors.NotFound()
    return found


def _views(notify: Notify, uow: UnitOfWork, lists: Sequence[ContactList]) -> list[ContactListView]:
    if not lists:
        return []
    service_id = lists[0].service_id
    now = notify.clock.now()
    retention = uow.data_retention.list_for_service(service_id)
    jobs = [j for j in uow.jobs.list_for_service(service_id) if j.contact_list_id is not None]
    creator_ids = sorted({c.created_by_id for c in lists if c.created_by_id}, key=str)
    creators = {u.id: u.name for u in uow.users.list(creator_ids)} if creator_ids else {}
    views = []
    for c in lists:
        since = now - timedelta(days=data_retention.days_of_retention(retention, c.template_type))
        sent = [j for j in jobs if j.contact_list_id == c.id]
        views.append(ContactListView(c, creators.get(c.created_by_id) if c.created_by_id else None,
                                     sum(1 for j in sent if (j.processing_started or j.created_at) >= since),
                                     bool(sent)))
    return views

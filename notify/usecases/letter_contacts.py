"""Letter contact blocks: Notify's admin rules (at most one default, none needed) and the block a letter
template prints: the template's own (`reply_to`), else the service's default. An archived block is no longer
anyone's: templates that chose it print the default instead."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from notify.domain.constants import TemplateType
from notify.domain.errors import InvalidRequest, LetterContactNotFound, ValidationFailed
from notify.domain.letter_contact import ServiceLetterContact, default_contact
from notify.domain.sender import demoted
from notify.domain.template import Template
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .cache import LetterContacts

MAX_CONTACT_BLOCK_LENGTH = 1000


def list_letter_contacts(notify: Notify, service_id: UUID) -> Sequence[ServiceLetterContact]:
    with notify.uow() as uow:
        uow.services.get(service_id)
        return uow.letter_contacts.list_for_service(service_id)


def get_letter_contact(notify: Notify, service_id: UUID, contact_id: UUID) -> ServiceLetterContact:
    with notify.uow() as uow:
        return _live(uow, service_id, contact_id)


def add_letter_contact(notify: Notify, service_id: UUID, *, contact_block: str,
                       is_default: bool) -> ServiceLetterContact:
    _check(contact_block)
    now = notify.clock.now()
    with notify.uow() as uow:
        uow.services.get(service_id)
        contact = ServiceLetterContact(id=notify.ids.new(), service_id=service_id, contact_block=contact_block,
                                       is_default=is_default, created_at=now)
        if is_default:
            for old in demoted(uow.letter_contacts.list_for_service(service_id), keep=contact.id, now=now):
                uow.letter_contacts.update(old)
        uow.letter_contacts.add(contact)
        uow.commit()
    notify.cache.forget_service(service_id)
    return contact


def update_letter_contact(notify: Notify, service_id: UUID, contact_id: UUID, *, contact_block: str,
                          is_default: bool) -> ServiceLetterContact:
    _check(contact_block)
    now = notify.clock.now()
    with notify.uow() as uow:
        contact = _live(uow, service_id, contact_id)
        if is_default:
            for old in demoted(uow.letter_contacts.list_for_service(service_id), keep=contact_id, now=now):
                uow.letter_contacts.update(old)
        updated = contact.changed(now=now, contact_block=contact_block, is_default=is_default)
        uow.letter_contacts.update(updated)
        uow.commit()
    notify.cache.forget_service(service_id)
    return updated


def archive_letter_contact(notify: Notify, service_id: UUID, contact_id: UUID) -> ServiceLetterContact:
    with notify.uow() as uow:
        contact = uow.letter_contacts.get(service_id, contact_id)
        if contact.archived:
            return contact
        archived = contact.changed(now=notify.clock.now(), archived=True, is_default=False)
        uow.letter_contacts.update(archived)
        uow.commit()
    notify.cache.forget_service(service_id)
    return archived


def _live(uow: UnitOfWork, service_id: UUID, contact_id: UUID) -> ServiceLetterContact:
    contact = uow.letter_contacts.get(service_id, contact_id)
    if contact.archived:
        raise LetterContactNotFound()
    return contact


def _check(contact_block: str) -> None:
    if not contact_block.strip():
        raise ValidationFailed({"contact_block": ["Missing data for required field."]})
    if len(contact_block) > MAX_CONTACT_BLOCK_LENGTH:
        raise ValidationFailed({"contact_block": [f"Must be at most {MAX_CONTACT_BLOCK_LENGTH} characters."]})


# -- templates ---------------------------------------------------------------------------------------------

def check_template_reply_to(uow: UnitOfWork, service_id: UUID, template_type: TemplateType,
                            reply_to: UUID | None) -> None:
    """A template's `reply_to` must be one of the service's live contact blocks, and only letters have one."""
    if reply_to is None:
        return
    if template_type is not TemplateType.LETTER:
        raise InvalidRequest(f"Unable to set sender for {template_type.value} template", field="reply_to")
    try:
        _live(uow, service_id, reply_to)
    except LetterContactNotFound:
        raise InvalidRequest(f"letter_contact_id {reply_to} does not exist in database for service id "
                             f"{service_id}", field="reply_to") from None


def contact_block_in(contacts: Sequence[ServiceLetterContact], template: Template) -> str | None:
    if template.template_type is not TemplateType.LETTER:
        return None
    chosen = next((c for c in contacts if c.id == template.reply_to), None) if template.reply_to else None
    chosen = chosen or default_contact(contacts)
    return chosen.contact_block if chosen else None


def contact_block_for(notify: Notify, template: Template) -> str | None:
    """The block a letter from `template` prints (read through the 2 s cache, as senders are)."""
    if template.template_type is not TemplateType.LETTER:
        return None

    def load() -> tuple[ServiceLetterContact, ...]:
        with notify.uow() as uow:
            return tuple(uow.letter_contacts.list_for_service(template.service_id))

    contacts = notify.cache.get_or_load(LetterContacts(template.service_id), notify.clock.now(), load)
    return contact_block_in(contacts, template)

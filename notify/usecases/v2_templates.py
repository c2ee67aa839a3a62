"""Templates as the public API shows them to a service's key: get, get a version, list, preview."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from attrs import frozen

from notify.domain import message as messages
from notify.domain.constants import TemplateType
from notify.domain.errors import TemplateNotFound, UserNotFound
from notify.domain.message import Message
from notify.domain.template import Template
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify
from .auth import ServiceAuth
from .letter_contacts import contact_block_in


@frozen
class TemplateView:
    template: Template
    created_by_email: str | None
    placeholders: list[str]
    letter_contact_block: str | None = None


def _creator(uow: UnitOfWork, template: Template) -> str | None:
    try:
        return uow.users.get(template.created_by).email_address
    except UserNotFound:
        return None


def _visible(template: Template) -> Template:
    if template.hidden:
        raise TemplateNotFound()
    return template


def _view(uow: UnitOfWork, template: Template) -> TemplateView:
    block = None
    if template.template_type is TemplateType.LETTER:
        block = contact_block_in(uow.letter_contacts.list_for_service(template.service_id), template)
    return TemplateView(template, _creator(uow, template), messages.placeholder_names(template), block)


def get_template(notify: Notify, auth: ServiceAuth, template_id: UUID, version: int | None = None) -> TemplateView:
    """The current version (archived ones too, as Notify), or the given version; hidden ones are not found."""
    with notify.read_uow() as uow:
        if version is None:
            template = uow.templates.get(auth.service_id, template_id)
        else:
            template = uow.templates.get_version(auth.service_id, template_id, version)
        return _view(uow, _visible(template))


def list_templates(notify: Notify, auth: ServiceAuth, template_type: TemplateType | None = None) -> list[TemplateView]:
    """Current, non-archived, non-hidden templates, by name then type."""
    with notify.read_uow() as uow:
        rows = uow.templates.list_for_service(auth.service_id, template_type=template_type)
        return [_view(uow, t) for t in rows if not t.hidden and not t.archived]


def preview_template(notify: Notify, auth: ServiceAuth, template_id: UUID,
                     personalisation: Mapping[str, Any]) -> tuple[Template, Message]:
    with notify.read_uow() as uow:
        template = _visible(uow.templates.get(auth.service_id, template_id))
    return template, messages.preview(template, personalisation)


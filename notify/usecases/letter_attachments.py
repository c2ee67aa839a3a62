"""Pages printed after a letter template's own: attached to a template (at most one live each), read, and
archived (detached, kept on record). Notify's admin reaches them by id, whatever the service."""

from __future__ import annotations

from uuid import UUID

from notify.domain import errors
from notify.domain.letter_attachment import LetterAttachment
from notify.ports.unit_of_work import UnitOfWork

from .app import Notify


def attach(notify: Notify, *, upload_id: UUID, template_id: UUID, created_by_id: UUID, original_filename: str,
           page_count: int) -> LetterAttachment:
    with notify.uow() as uow:
        template = uow.templates.find(template_id)
        if template is None:
            raise errors.TemplateNotFound("template-not-found")
        _known_user(uow, created_by_id, "created_by_id")
        if uow.letter_attachments.live_for_template(template_id) is not None:
            raise errors.InvalidRequest("template-already-has-attachment")
        attachment = LetterAttachment(id=upload_id, service_id=template.service_id, template_id=template_id,
                                      created_by_id=created_by_id, original_filename=original_filename,
                                      page_count=page_count, created_at=notify.clock.now())
        try:
            uow.letter_attachments.add(attachment)
        except errors.AlreadyExists:  # the same upload twice, or another request attached one first
            raise errors.InvalidRequest("template-already-has-attachment") from None
        uow.commit()
    return attachment


def get_attachment(notify: Notify, attachment_id: UUID) -> LetterAttachment:
    with notify.read_uow() as uow:
        return uow.letter_attachments.get(attachment_id)


def live_attachment(notify: Notify, template_id: UUID) -> LetterAttachment | None:
    with notify.read_uow() as uow:
        return uow.letter_attachments.live_for_template(template_id)


def archive_attachment(notify: Notify, attachment_id: UUID, *, archived_by: UUID) -> None:
    with notify.uow() as uow:
        attachment = uow.letter_attachments.get(attachment_id)
        if attachment.archived:
            raise errors.InvalidRequest("letter-attachment-already-archived")
        _known_user(uow, archived_by, "archived_by")
        uow.letter_attachments.update(attachment.archived_by(archived_by, now=notify.clock.now()))
        uow.commit()


def _known_user(uow: UnitOfWork, user_id: UUID, field: str) -> None:
    try:
        uow.users.get(user_id)
    except errors.UserNotFound:
        raise errors.InvalidRequest(f"No user found with id {user_id}", field=field) from None

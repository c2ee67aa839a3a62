"""Letter attachments: one live attachment per template, archived ones kept; templates found by id whatever
the service. On every store."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from notify.domain import errors
from notify.domain.letter_attachment import LetterAttachment, LetterAttachmentNotFound
from tests.fakes import T0

from .helpers import NewUow, add_service, add_user, later, template


def attachment(service_id: UUID, template_id: UUID, user_id: UUID) -> LetterAttachment:
    return LetterAttachment(id=uuid4(), service_id=service_id, template_id=template_id, created_by_id=user_id,
                            original_filename="extra.pdf", page_count=2, created_at=T0)


def test_one_live_attachment_per_template_and_archived_ones_kept(new_uow: NewUow) -> None:
    user = add_user(new_uow)
    service = add_service(new_uow, owner=user)
    stored = template(service.id, user.id)
    with new_uow() as uow:
        uow.templates.add(stored)
        uow.commit()
    first = attachment(service.id, stored.id, user.id)
    with new_uow() as uow:
        assert uow.templates.find(stored.id) == stored
        assert uow.templates.find(uuid4()) is None
        uow.letter_attachments.add(first)
        uow.commit()
    with new_uow() as uow:
        with pytest.raises(errors.AlreadyExists):
            uow.letter_attachments.add(attachment(service.id, stored.id, user.id))
    archived = first.archived_by(user.id, now=later(minutes=1))
    second = attachment(service.id, stored.id, user.id)
    with new_uow() as uow:
        uow.letter_attachments.update(archived)
        uow.letter_attachments.add(second)
        uow.commit()
    with new_uow() as uow:
        assert uow.letter_attachments.get(first.id) == archived
        assert uow.letter_attachments.live_for_template(stored.id) == second
        assert uow.letter_attachments.live_for_template(uuid4()) is None
        with pytest.raises(LetterAttachmentNotFound):
            uow.letter_attachments.get(uuid4())

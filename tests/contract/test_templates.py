from __future__ import annotations

from uuid import uuid4

import pytest
from attrs import evolve

from notify.domain import errors
from notify.domain.constants import LetterLanguage, NotificationType

from .helpers import NewUow, add_service, later, template


def test_template_round_trips_unchanged(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    letter = template(service.id, service.created_by, template_type=NotificationType.LETTER, subject="Hi",
                      postage="second", letter_languages=LetterLanguage.WELSH_THEN_ENGLISH,
                      letter_welsh_subject="S", letter_welsh_content="C", folder_id=uuid4(), reply_to=uuid4(),
                      redact_personalisation=True, hidden=True, has_unsubscribe_link=True)
    with new_uow() as uow:
        uow.templates.add(letter)
        uow.commit()
    with new_uow() as uow:
        assert uow.templates.get(service.id, letter.id) == letter
        assert uow.templates.get_version(service.id, letter.id, 1) == letter


def test_unknown_or_foreign_template_raises_not_found(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    tpl = template(service.id, service.created_by)
    with new_uow() as uow:
        uow.templates.add(tpl)
        uow.commit()
    with new_uow() as uow:
        for call in (lambda: uow.templates.get(other.id, tpl.id), lambda: uow.templates.get(service.id, uuid4()),
                     lambda: uow.templates.get_version(other.id, tpl.id, 1),
                     lambda: uow.templates.get_version(service.id, tpl.id, 2)):
            with pytest.raises(errors.TemplateNotFound):
                call()
        with pytest.raises(errors.AlreadyExists):
            uow.templates.add(tpl)


def test_versions_are_kept_newest_first(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    v1 = template(service.id, service.created_by)
    v2 = v1.changed(now=later(hours=1), content="Changed")
    v3 = v2.changed(now=later(hours=2), archived=True)
    with new_uow() as uow:
        uow.templates.add(v1)
        uow.templates.update(v2)
        uow.templates.update(v3)
        uow.commit()
    with new_uow() as uow:
        assert uow.templates.get(service.id, v1.id) == v3
        assert uow.templates.versions(service.id, v1.id) == [v3, v2, v1]
        assert uow.templates.get_version(service.id, v1.id, 2) == v2
        assert uow.templates.history_for_service(service.id) == [v1, v2, v3]


def test_update_must_carry_the_next_version(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    v1 = template(service.id, service.created_by)
    with new_uow() as uow:
        uow.templates.add(v1)
        uow.commit()
    with new_uow() as uow:
        with pytest.raises(errors.ConcurrentUpdate):
            uow.templates.update(evolve(v1, content="lost"))
        with pytest.raises(errors.TemplateNotFound):
            uow.templates.update(template(service.id, service.created_by, version=2))
        assert uow.templates.versions(service.id, v1.id) == [v1]


def test_list_for_service_filters_and_orders_by_name(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    b_sms = template(service.id, service.created_by, name="b")
    a_email = template(service.id, service.created_by, name="a", template_type=NotificationType.EMAIL, subject="s")
    archived = template(service.id, service.created_by, name="C", archived=True)
    with new_uow() as uow:
        for tpl in (b_sms, a_email, archived, template(other.id, other.created_by)):
            uow.templates.add(tpl)
        uow.commit()
    with new_uow() as uow:
        assert uow.templates.list_for_service(service.id) == [a_email, b_sms]
        assert uow.templates.list_for_service(service.id, include_archived=True) == [archived, a_email, b_sms]
        assert uow.templates.list_for_service(service.id, template_type=NotificationType.SMS) == [b_sms]
        assert uow.templates.list_for_service(uuid4()) == []

"""The block a letter prints is read through the read cache, under a key that belongs to its service."""

from __future__ import annotations

from uuid import uuid4

from notify.domain.constants import TemplateType
from notify.usecases.app import Notify
from notify.usecases.letter_contacts import add_letter_contact, contact_block_for

from ... import factories


def test_a_cached_contact_block_is_dropped_with_its_service_and_leaves_others_alone(notify: Notify) -> None:
    service = factories.create_service(notify)
    template = factories.create_template(notify, service, template_type=TemplateType.LETTER, content="Hi")
    add_letter_contact(notify, service.id, contact_block="Head office", is_default=True)
    assert contact_block_for(notify, template) == "Head office"
    notify.cache.forget_service(uuid4())  # what a write to any other service does
    with notify.uow() as uow:  # changed behind the cache: still the cached block until its service is forgotten
        [block] = uow.letter_contacts.list_for_service(service.id)
        uow.letter_contacts.update(block.changed(now=notify.clock.now(), contact_block="Annexe"))
        uow.commit()
    assert contact_block_for(notify, template) == "Head office"
    notify.cache.forget_service(service.id)
    assert contact_block_for(notify, template) == "Annexe"

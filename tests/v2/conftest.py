"""The public API under test: a `Notify` with the delivery pipeline wired as the composition root wires it,
but with a synchronous queue (delivery runs inside the request unless held) and fake providers whose
receipts are held until the test flushes them. A client signs every request with a service API key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import falcon
import pytest

from notify.adapters.pdf import PdfLetters
from notify.adapters.uploads import InMemoryUploadStore
from notify.adapters.providers.fake import FakeEmailProvider, FakeLetterProvider, FakeSmsProvider
from notify.adapters.queue import SynchronousDeliveryQueue
from notify.domain.api_key import ApiKey
from notify.domain.constants import KeyType, TemplateType
from notify.domain.service import Service
from notify.domain.template import Template
from notify.domain.user import User
from notify.embedded import FakeProviders, wire_delivery
from notify.entrypoints.http import create_app
from notify.ports.unit_of_work import UnitOfWork
from notify.testing import ApiClient, service_token
from notify.usecases.app import Notify

from .. import factories
from ..fakes import FrozenClock, accept_provider_callbacks

__all__ = ["ADDRESS", "ApiClient", "Fakes", "World", "make_world", "service_token", "wire"]


@attrs.define
class Fakes(FakeProviders):
    """The fake providers (receipts held until `flush`) and the synchronous delivery queue."""

    queue: SynchronousDeliveryQueue

    def flush(self) -> int:
        return self.flush_receipts()


@pytest.fixture
def fakes() -> Fakes:
    return Fakes(FakeSmsProvider(receipt_delay=None), FakeEmailProvider(receipt_delay=None),
                 FakeLetterProvider(receipt_delay=None), SynchronousDeliveryQueue())


def wire(notify: Notify, fakes: Fakes) -> Notify:
    """What the embedding facade does: providers and queue on Notify, receipts into the receipt use case; the
    fakes' HTTP callbacks accepted with PROVIDER_TOKEN."""
    notify = attrs.evolve(notify, letter_pdfs=notify.letter_pdfs or PdfLetters(),
                          letter_store=notify.letter_store or InMemoryUploadStore(),
                          documents=notify.documents or InMemoryUploadStore())
    return wire_delivery(accept_provider_callbacks(notify, fakes.all), fakes, fakes.queue)


@pytest.fixture
def notify(new_uow: Callable[[], UnitOfWork], notify: Notify, fakes: Fakes) -> Notify:
    """The suite's `notify`, wired with a synchronous delivery queue and fake providers. (`new_uow` is named
    so that store parametrisation sees it: pytest does not look through an overridden fixture.)"""
    return wire(notify, fakes)


@attrs.define
class World:
    """A live service (not in trial) with a team member, one key of each type and a template per channel."""

    notify: Notify
    app: falcon.App
    clock: FrozenClock
    user: User
    service: Service
    keys: dict[KeyType, ApiKey]
    sms: Template
    email: Template
    letter: Template

    def client(self, key_type: KeyType = KeyType.NORMAL) -> ApiClient:
        return ApiClient(self.app, self.clock, self.keys[key_type])

    def update_service(self, **changes: Any) -> Service:
        from notify.usecases import services

        self.service = services.update_service(self.notify, self.service.id, changes)
        self.notify.cache.clear()
        return self.service

    def add_template(self, **overrides: Any) -> Template:
        template = factories.store_template(self.notify, factories.template(self.service.id, **overrides))
        return template


def make_world(notify: Notify, clock: FrozenClock, **service_settings: Any) -> World:
    email = "team.member@example.gov.uk" if _unused(notify, "team.member@example.gov.uk") \
        else f"team.member.{factories.unique('x').split()[-1]}@example.gov.uk"
    user = factories.create_user(notify, mobile_number="07700900555", email_address=email)
    service = factories.create_service(notify, user=user, restricted=False, **service_settings)
    keys = {kind: factories.store_api_key(notify, factories.api_key(service.id, key_type=kind)) for kind in KeyType}
    sms = factories.store_template(notify, factories.template(service.id, created_by=user.id))
    email = factories.store_template(notify, factories.template(service.id, template_type=TemplateType.EMAIL,
                                                                content="Dear ((name)), hello",
                                                                created_by=user.id))
    letter = factories.store_template(notify, factories.template(service.id, template_type=TemplateType.LETTER,
                                                                 content="Dear ((name))", created_by=user.id))
    return World(notify, create_app(notify), clock, user, service, keys, sms, email, letter)


def _unused(notify: Notify, email: str) -> bool:
    with notify.uow() as uow:
        return uow.users.find_by_email(email) is None


@pytest.fixture
def world(notify: Notify, clock: FrozenClock) -> World:
    return make_world(notify, clock)


@pytest.fixture
def api(world: World) -> ApiClient:
    return world.client()


ADDRESS = {"address_line_1": "The Occupier", "address_line_2": "1 High Street", "postcode": "SW1A 1AA"}

"""The pipeline as the composition root wires it, with real provider adapters talking to local servers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from uuid import UUID

import attrs
import pytest

from notify.adapters.providers.fake import FakeEmailProvider, FakeLetterProvider, FakeSmsProvider
from notify.adapters.queue import SynchronousDeliveryQueue
from notify.domain.constants import NotificationStatus
from notify.domain.notification import Notification
from notify.usecases import delivery
from notify.usecases.app import Notify
from notify.usecases.handover import GuardedProvider
from notify.usecases.provider_health import HealthPolicy, ProviderHealth

from ..fakes import FrozenClock
from ..v2.conftest import World, make_world
from .servers import SmtpServer, Certificate, make_certificate


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    return make_certificate(tmp_path_factory.mktemp("certs"))


@pytest.fixture
def smtp_server(certificate: Certificate) -> Iterator[SmtpServer]:
    server = SmtpServer(certificate).start()
    yield server
    server.stop()


@attrs.define
class Rig:
    world: World
    queue: SynchronousDeliveryQueue
    fakes: tuple[FakeSmsProvider, FakeEmailProvider, FakeLetterProvider]

    @property
    def notify(self) -> Notify:
        return self.world.notify

    def get(self, notification_id: str | UUID) -> Notification:
        with self.notify.uow() as uow:
            found = uow.notifications.find(UUID(str(notification_id)))
        assert found is not None
        return found

    def send_email(self, to: str, **extra: Any) -> str:
        body = {"email_address": to, "template_id": str(self.world.email.id), "personalisation": {"name": "Ada"},
                **extra}
        result = self.world.client().post("/v2/notifications/email", json=body)
        assert result.status_code == 201, result.text
        return str(result.json["id"])

    def send_sms(self, to: str = "07700900123") -> str:
        body = {"phone_number": to, "template_id": str(self.world.sms.id), "personalisation": {"name": "Ada"}}
        result = self.world.client().post("/v2/notifications/sms", json=body)
        assert result.status_code == 201, result.text
        return str(result.json["id"])


def rig(notify: Notify, clock: FrozenClock, *, sms: Sequence[Any] = (), email: Sequence[Any] = (),
        fallback: bool = True, health: HealthPolicy | None = None, callbacks: Sequence[Any] = ()) -> Rig:
    """`sms` and `email` adapters first (guarded when not idempotent, as bootstrap does), then the fakes when
    `fallback`; a synchronous queue; the adapters' callbacks on /provider-callbacks/<name>."""
    fakes = (FakeSmsProvider(receipt_delay=None), FakeEmailProvider(receipt_delay=None),
             FakeLetterProvider(receipt_delay=None))
    queue = SynchronousDeliveryQueue()
    base = attrs.evolve(notify, queue=queue, provider_health=ProviderHealth(health),
                        provider_webhooks={c.name: c for c in callbacks})

    def guarded(chosen: Sequence[Any]) -> list[Any]:
        return [p if getattr(p, "idempotent", False) else GuardedProvider(p, base) for p in chosen]

    wired = attrs.evolve(base, sms_providers=[*guarded(sms), *([fakes[0]] if fallback else [])],
                         email_providers=[*guarded(email), *([fakes[1]] if fallback else [])],
                         letter_providers=[fakes[2]])
    for fake in fakes:
        fake.connect(delivery.receipt_sink(wired))
    queue.start(lambda nid: delivery.deliver(wired, nid), sweep=lambda: delivery.sweep_created(wired))
    return Rig(make_world(wired, clock), queue, fakes)


FINAL = frozenset({NotificationStatus.DELIVERED, NotificationStatus.PERMANENT_FAILURE,
                   NotificationStatus.TEMPORARY_FAILURE, NotificationStatus.TECHNICAL_FAILURE})



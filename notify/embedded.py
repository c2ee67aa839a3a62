"""The embedding facade: notify in your own process, without HTTP.

    import notify

    platform = notify.in_memory()            # or notify.sqlite("notify.db"), notify.postgres(url, secret_key=...)
    owner = platform.create_user(name="Ada", email_address="ada@example.gov.uk", password="a long password",
                                 mobile_number="07700900123")
    service = platform.create_service(name="Tax reminders", owner=owner)
    ...

Every method calls the same use case the HTTP API calls, so the same rules apply (trial mode, team and test
keys, rate and daily limits, permissions, validation) and a refusal raises the same domain exception
(`notify.InvalidRequest`, `notify.NotFound`, `notify.RateLimitExceeded`, ...) with Notify's message.

Providers: the fake SMS, email and letter providers unless adapters are passed in (`providers=[...]`, any
object with `send_sms`, `send_email` or `send_letter`). Deliveries (`delivery=`): "now" hands each
notification to its provider inside the send call, so a test needs no sleeps; "held" keeps them until
`deliver_pending()`; "background" delivers from worker threads, as `notify serve` does."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal
from uuid import UUID

import attrs

from notify import bootstrap
from notify.adapters.providers.fake import FakeEmailProvider, FakeLetterProvider, FakeSmsProvider, SentMessage
from notify.adapters.queue import InProcessDeliveryQueue, SynchronousDeliveryQueue
from notify.adapters.system import BcryptPasswordHasher
from notify.config import MEMORY, Settings
from notify.domain.api_key import ApiKey
from notify.domain.constants import KeyType, NotificationStatus, NotificationType, TemplateType
from notify.domain.errors import InvalidRequest
from notify.domain.notification import Notification
from notify.domain.recipients import PhoneNumber
from notify.domain.service import Service
from notify.domain.template import Template
from notify.domain.user import User
from notify.ports.system import Clock
from notify.usecases import (api_keys, auth, delivery, notifications, services, statistics, templates, users)
from notify.usecases.admission import TransactionPerSend
from notify.usecases.app import Notify
from notify.usecases.handover import GuardedProvider

Delivery = Literal["now", "held", "background"]
Stats = dict[str, dict[str, int]]


@attrs.define
class FakeProviders:
    """The fake providers a platform runs on unless given real ones: what each was handed (`outbox`), and
    how they answer. `script(recipient, status)` makes the provider's receipt for that recipient say
    `status` (delivered, temporary-failure, permanent-failure, technical-failure); `fail_next(n)` makes the
    next n hand-overs fail as a provider outage does (the notification is retried, see `run_retries`)."""

    sms: FakeSmsProvider
    email: FakeEmailProvider
    letter: FakeLetterProvider

    @property
    def all(self) -> tuple[FakeSmsProvider, FakeEmailProvider, FakeLetterProvider]:
        return (self.sms, self.email, self.letter)

    @property
    def outbox(self) -> list[SentMessage]:
        """Every message handed to a fake provider (texts, then emails, then letters, each in the order
        handed over): recipient (`to`), rendered `content`, provider `reference`, `notification_id` and the
        channel's `details` (subject, sender, postage...)."""
        return [message for provider in self.all for message in provider.sent]

    def script(self, recipient: str, status: NotificationStatus | str) -> None:
        """Any spelling of a phone number (07700 900123, +447700900123) or email address."""
        outcome = NotificationStatus(status)
        try:
            key = PhoneNumber.parse(recipient).normalised  # what the providers are handed
        except InvalidRequest:
            key = recipient.lower()
        for provider in self.all:
            provider.script[key] = outcome

    def fail_next(self, times: int = 1, *, channel: NotificationType | str | None = None) -> None:
        for provider in self.all:
            if channel is None or provider.notification_type == NotificationType(channel):
                provider.fail_next(times)

    def flush_receipts(self) -> int:
        """Report every receipt held back (receipts="held"); returns how many."""
        return sum(p.flush_receipts() for p in self.all)

    def clear(self) -> None:
        for provider in self.all:
            provider.sent.clear()


class Platform:
    """notify in-process: users, services, templates, API keys, sending, reading back, statistics."""

    def __init__(self, core: Notify, *, fakes: FakeProviders | None, queue: Any,
                 close: Callable[[], None] = lambda: None) -> None:
        self.core = core  # the use-case object: every use case in notify.usecases takes it
        self.fakes = fakes  # None when real providers were passed in
        self._queue = queue
        self._close = close

    # -- lifecycle -------------------------------------------------------------------------------------------
    def close(self) -> None:
        """Stop background delivery and let go of the database."""
        stop = getattr(self._queue, "stop", None)
        if stop is not None:
            stop()
        self._close()

    def __enter__(self) -> Platform:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def outbox(self) -> list[SentMessage]:
        """What the fake providers were handed (empty with real providers)."""
        return self.fakes.outbox if self.fakes is not None else []

    # -- users and services ----------------------------------------------------------------------------------
    def create_user(self, *, name: str, email_address: str, password: str, mobile_number: str | None = None,
                    **details: Any) -> User:
        return users.create_user(self.core, name=name, email_address=email_address, password=password,
                                 mobile_number=mobile_number, **details)

    def create_service(self, *, name: str, owner: User | UUID, restricted: bool = True,
                       permissions: Iterable[str] | None = None, **settings: Any) -> Service:
        """A service `owner` belongs to, in trial mode (`restricted`) unless told otherwise, as in Notify."""
        return services.create_service(self.core, name=name, user_id=_id(owner), permissions=permissions,
                                       restricted=restricted, **settings)

    def get_user(self, user_id: UUID) -> User:
        return users.get_user(self.core, user_id).user

    def list_services(self, *, user: User | UUID | None = None) -> Sequence[Service]:
        """Every service, or those `user` belongs to."""
        return services.list_services(self.core, user_id=_id(user) if user is not None else None)

    def update_service(self, service: Service | UUID, **changes: Any) -> Service:
        return services.update_service(self.core, _id(service), changes)

    def get_service(self, service_id: UUID) -> Service:
        return services.get_service(self.core, service_id)

    def add_user_to_service(self, service: Service | UUID, user: User | UUID, *,
                            permissions: Iterable[str] = ()) -> None:
        services.add_user_to_service(self.core, _id(service), _id(user), permissions=permissions)

    # -- templates -------------------------------------------------------------------------------------------
    def create_template(self, service: Service, *, name: str, type: TemplateType | str, content: str,
                        subject: str | None = None, created_by: User | UUID | None = None,
                        **details: Any) -> Template:
        if subject is not None:
            details["subject"] = subject
        return templates.create_template(self.core, service.id, name=name, template_type=TemplateType(type),
                                         content=content, created_by=_id(created_by or service.created_by),
                                         **details)

    def update_template(self, template: Template, *, by: User | UUID | None = None, **changes: Any) -> Template:
        """A new version when something changed; notifications keep the version they were sent with."""
        return templates.update_template(self.core, template.service_id, template.id, changes,
                                         by=_id(by) if by is not None else None)

    def archive_template(self, template: Template) -> Template:
        """Archived templates send nothing ("Template has been deleted")."""
        return templates.archive_template(self.core, template.service_id, template.id)

    def get_template(self, service: Service | UUID, template_id: UUID) -> Template:
        return templates.get_template(self.core, _id(service), template_id)

    def list_templates(self, service: Service | UUID, type: TemplateType | str | None = None
                       ) -> Sequence[Template]:
        return templates.list_templates(self.core, _id(service), TemplateType(type) if type else None)

    # -- API keys --------------------------------------------------------------------------------------------
    def create_api_key(self, service: Service, *, name: str = "embedded", key_type: KeyType | str = KeyType.NORMAL,
                       created_by: User | UUID | None = None) -> ApiKey:
        """A key to send with: `normal` (live), `team` (team and guest list only) or `test` (never
        delivered: a simulated receipt follows). Its `secret` signs HTTP API tokens."""
        return api_keys.create_api_key(self.core, service.id, name=name, key_type=KeyType(key_type),
                                       created_by=_id(created_by or service.created_by))

    def list_api_keys(self, service: Service | UUID) -> Sequence[ApiKey]:
        """Live keys, and those revoked in the last 7 days."""
        return api_keys.list_api_keys(self.core, _id(service))

    def revoke_api_key(self, key: ApiKey) -> ApiKey:
        return api_keys.revoke_api_key(self.core, key.service_id, key.id)

    # -- sending ---------------------------------------------------------------------------------------------
    def send_sms(self, key: ApiKey, *, to: str, template: Template | UUID,
                 personalisation: Mapping[str, Any] | None = None, reference: str | None = None,
                 sms_sender_id: UUID | None = None) -> Notification:
        return self._send(key, NotificationType.SMS, template, to, personalisation, reference,
                          sms_sender_id=sms_sender_id)

    def send_email(self, key: ApiKey, *, to: str, template: Template | UUID,
                   personalisation: Mapping[str, Any] | None = None, reference: str | None = None,
                   email_reply_to_id: UUID | None = None,
                   one_click_unsubscribe_url: str | None = None) -> Notification:
        return self._send(key, NotificationType.EMAIL, template, to, personalisation, reference,
                          email_reply_to_id=email_reply_to_id, one_click_unsubscribe_url=one_click_unsubscribe_url)

    def send_letter(self, key: ApiKey, *, template: Template | UUID, personalisation: Mapping[str, Any],
                    reference: str | None = None) -> Notification:
        """The address comes from personalisation: `address_line_1` ... `address_line_7` (a postcode last)."""
        return self._send(key, NotificationType.LETTER, template, None, personalisation, reference)

    def _send(self, key: ApiKey, kind: NotificationType, template: Template | UUID, to: str | None,
              personalisation: Mapping[str, Any] | None, reference: str | None, **options: Any) -> Notification:
        request = notifications.SendRequest(notification_type=kind, template_id=_id(template), recipient=to,
                                            personalisation=personalisation or {}, reference=reference, **options)
        return notifications.send_notification(self.core, self._auth(key), request).notification

    def _auth(self, key: ApiKey) -> auth.ServiceAuth:
        return auth.authenticate_api_key(self.core, key.service_id, key.id)

    # -- reading back ----------------------------------------------------------------------------------------
    def get_notification(self, key: ApiKey, notification_id: UUID) -> Notification:
        """As stored now (its `status` moves on as the provider reports); only the key's service's."""
        return notifications.get_notification(self.core, self._auth(key), notification_id).notification

    def list_notifications(self, key: ApiKey, *, status: Iterable[NotificationStatus | str] = (),
                           type: Iterable[NotificationType | str] = (), reference: str | None = None,
                           older_than: UUID | None = None) -> list[Notification]:
        """Newest first, one page (250), only those sent with the key's type, as GET /v2/notifications."""
        views = notifications.list_notifications(
            self.core, self._auth(key), statuses=[NotificationStatus(s) for s in status],
            template_types=[NotificationType(t) for t in type], reference=reference, older_than=older_than)
        return [view.notification for view in views]

    def statistics(self, service: Service | UUID, *, today_only: bool = False, limit_days: int = 7) -> Stats:
        """Per channel: requested, delivered and failed, as the admin app's dashboard shows them."""
        return statistics.service_statistics(self.core, _id(service), today_only=today_only,
                                             limit_days=limit_days)

    # -- delivery control ------------------------------------------------------------------------------------
    def deliver_pending(self) -> int:
        """delivery="held": hand every waiting notification to its provider now; returns how many."""
        if isinstance(self._queue, SynchronousDeliveryQueue):
            return self._queue.run()
        return 0

    def run_retries(self) -> int:
        """delivery="now"/"held": retry now the hand-overs that failed (they wait out a backoff otherwise)."""
        if isinstance(self._queue, SynchronousDeliveryQueue):
            return self._queue.run_delayed()
        return 0


def _id(thing: Any) -> UUID:
    return thing if isinstance(thing, UUID) else thing.id


def in_memory(*, providers: Sequence[Any] = (), delivery: Delivery = "now", receipts: Literal["now", "held"] = "now",
              clock: Clock | None = None, password_rounds: int = 12) -> Platform:
    """A platform on an in-memory store: no configuration, nothing on disk, gone with the process."""
    return build(Settings(database_url=MEMORY), providers=providers, delivery=delivery, receipts=receipts,
                 clock=clock, password_rounds=password_rounds)


def sqlite(path: str | Path, *, secret_key: str | None = None, providers: Sequence[Any] = (),
           delivery: Delivery = "now", receipts: Literal["now", "held"] = "now", clock: Clock | None = None,
           password_rounds: int = 12) -> Platform:
    """A platform on a SQLite file, created and migrated on first use. Without `secret_key`, the key that
    encrypts personalisation at rest is made once and kept in `<path>.key`."""
    settings = Settings(database_url=f"sqlite:///{Path(path).expanduser().resolve()}",
                        secret_keys=(secret_key,) if secret_key else ())
    return build(settings, providers=providers, delivery=delivery, receipts=receipts, clock=clock,
                 password_rounds=password_rounds)


def postgres(url: str, *, secret_key: str | Sequence[str], providers: Sequence[Any] = (),
             delivery: Delivery = "now", receipts: Literal["now", "held"] = "now", clock: Clock | None = None,
             password_rounds: int = 12) -> Platform:
    """A platform on PostgreSQL (`postgresql+psycopg://user@host/db`), migrated on first use. `secret_key`
    (or several, the first encrypts) must stay the same across restarts."""
    keys = (secret_key,) if isinstance(secret_key, str) else tuple(secret_key)
    return build(Settings(database_url=url, secret_keys=keys), providers=providers, delivery=delivery,
                 receipts=receipts, clock=clock, password_rounds=password_rounds)


def build(settings: Settings, *, providers: Sequence[Any] = (), delivery: Delivery = "now",
          receipts: Literal["now", "held"] = "now", clock: Clock | None = None, password_rounds: int = 12,
          uow: Callable[[], Any] | None = None) -> Platform:
    """The platform on `settings`' store (or on the unit-of-work factory `uow`), wired as `notify serve`
    wires itself except for where deliveries run."""
    if delivery not in ("now", "held", "background"):
        raise ValueError(f"delivery must be 'now', 'held' or 'background', not {delivery!r}")
    stores = bootstrap.Stores(uow=uow, bulk_uow=None, description="given") if uow is not None \
        else bootstrap.open_stores(settings)
    try:
        return _wire(bootstrap.build_notify(settings, stores), stores, providers, delivery, receipts, clock,
                     password_rounds, memory=settings.database_url == MEMORY)
    except BaseException:
        _dispose(stores)
        raise


def _wire(core: Notify, stores: bootstrap.Stores, providers: Sequence[Any], mode: Delivery,
          receipts: Literal["now", "held"], clock: Clock | None, password_rounds: int, memory: bool) -> Platform:
    core = attrs.evolve(core, clock=clock or core.clock, passwords=BcryptPasswordHasher(rounds=password_rounds))
    if memory:  # the store's lock serialises transactions already: grouping sends would only add a hand-off
        core = attrs.evolve(core, admissions=TransactionPerSend(core.uow))
    receipt_delay = None if receipts == "held" else (0.0 if mode != "background" else 0.5)
    fakes = FakeProviders(FakeSmsProvider(receipt_delay=receipt_delay), FakeEmailProvider(receipt_delay=receipt_delay),
                          FakeLetterProvider(receipt_delay=receipt_delay))
    queue: Any = InProcessDeliveryQueue() if mode == "background" else SynchronousDeliveryQueue(hold=mode == "held")
    core = wire_delivery(core, fakes, queue, providers=providers)
    return Platform(core, fakes=fakes if not providers else None, queue=queue, close=lambda: _dispose(stores))


def wire_delivery(core: Notify, fakes: FakeProviders, queue: Any, *, providers: Sequence[Any] = ()) -> Notify:
    """`core` with a delivery queue (started) and providers: those given, by channel, else the fakes; every
    provider's receipts go to the receipts use case."""

    # As `notify serve`: a provider that is not idempotent by our reference is guarded by the hand-over
    # ledger, so that a retry never hands it a message twice.
    def channel(method: str) -> list[Any]:
        return [p if getattr(p, "idempotent", False) else GuardedProvider(p, core)
                for p in providers if callable(getattr(p, method, None))]

    wired = attrs.evolve(core, queue=queue, sms_providers=channel("send_sms") or [fakes.sms],
                         email_providers=channel("send_email") or [fakes.email],
                         letter_providers=channel("send_letter") or [fakes.letter])
    for provider in (*fakes.all, *providers):
        connect = getattr(provider, "connect", None)
        if connect is not None:
            connect(delivery.receipt_sink(wired))
    sweep = lambda: delivery.sweep_created(wired)  # noqa: E731
    if isinstance(queue, InProcessDeliveryQueue):
        queue.start(batch=lambda ids, prepared: delivery.deliver_many(wired, ids, prepared), sweep=sweep)
    else:
        queue.start(batch=lambda ids: delivery.deliver_many(wired, ids),
                    prepared=lambda ids, prepared: delivery.deliver_many(wired, ids, prepared), sweep=sweep)
    return wired


def _dispose(stores: bootstrap.Stores) -> None:
    for engine in stores.engines:
        engine.dispose()


__all__ = ["FakeProviders", "Platform", "build", "in_memory", "postgres", "sqlite"]

"""Delivery-status callbacks (usecases.status_callbacks) over the in-memory store, a fake sender and a manual
task runner: what is posted, for which status changes, how failures are retried, and that the caller never
pays for it (one cached look-up per service and batch, nothing raised, nothing posted on its thread)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import attrs
import pytest

from notify.adapters.callbacks import FakeCallbackSender, ManualTaskRunner
from notify.domain.callback_api import CallbackRetry, ServiceCallbackApi
from notify.domain.constants import CallbackType, KeyType, NotificationStatus, NotificationType
from notify.domain.errors import StoreUnavailable
from notify.domain.notification import Notification
from notify.domain.service import Service
from notify.ports.callbacks import RetryableCallbackError
from notify.ports.unit_of_work import UnitOfWork
from notify.usecases import callback_apis
from notify.usecases.app import Notify
from notify.usecases.status_callbacks import notify_status_changes

from ... import factories
from ...fakes import T0, FrozenClock

URL = "https://service.example.gov.uk/receipts"
TOKEN = "the-services-bearer-token"


@attrs.define
class Harness:
    notify: Notify
    sender: FakeCallbackSender
    runner: ManualTaskRunner
    service: Service
    uow_calls: list[int]

    def configure(self, service: Service | None = None, **fields: Any) -> ServiceCallbackApi:
        service = service or self.service
        values: dict[str, Any] = {"url": URL, "bearer_token": TOKEN, "updated_by_id": service.created_by,
                                  "callback_type": CallbackType.DELIVERY_STATUS, **fields}
        return callback_apis.create_callback_api(self.notify, service.id, **values)

    def changed(self, *notifications: Notification) -> None:
        notify_status_changes(self.notify, list(notifications))

    def lookups(self) -> int:
        calls, self.uow_calls[:] = len(self.uow_calls), []
        return calls


@pytest.fixture
def harness(notify: Notify) -> Harness:
    sender, runner = FakeCallbackSender(), ManualTaskRunner()
    calls: list[int] = []
    plain_uow = notify.uow

    def counted() -> UnitOfWork:
        calls.append(1)
        return plain_uow()

    wired = attrs.evolve(notify, uow=counted, callbacks=sender, callback_runner=runner)
    service = factories.create_service(wired)
    calls.clear()
    return Harness(wired, sender, runner, service, calls)


def delivered(service: Service, **overrides: Any) -> Notification:
    values: dict[str, Any] = {"status": NotificationStatus.DELIVERED, "to": "07700 900123",
                              "client_reference": "ref-1", "sent_at": T0 + timedelta(seconds=1),
                              "updated_at": T0 + timedelta(seconds=5, microseconds=123456)}
    return factories.notification(service.id, **{**values, **overrides})


def test_a_delivered_sms_posts_notifys_payload_with_the_services_token(harness: Harness) -> None:
    harness.configure()
    notification = delivered(harness.service)
    harness.changed(notification)
    assert harness.sender.sent == []  # nothing on the caller's thread: the runner holds it
    assert harness.runner.run_all() == 1
    [call] = harness.sender.sent
    assert (call.url, call.bearer_token) == (URL, TOKEN)
    assert call.payload == {
        "id": str(notification.id), "reference": "ref-1", "to": "07700 900123", "status": "delivered",
        "created_at": "2026-06-15T12:00:00.000000Z", "completed_at": "2026-06-15T12:00:05.123456Z",
        "sent_at": "2026-06-15T12:00:01.000000Z", "notification_type": "sms",
        "template_id": str(notification.template_id), "template_version": 1}


@pytest.mark.parametrize("status", [NotificationStatus.PERMANENT_FAILURE, NotificationStatus.TEMPORARY_FAILURE,
                                    NotificationStatus.TECHNICAL_FAILURE])
def test_failures_call_back_too(harness: Harness, status: NotificationStatus) -> None:
    harness.configure()
    harness.changed(delivered(harness.service, status=status, notification_type=NotificationType.EMAIL,
                              to="Someone@Example.gov.uk", client_reference=None, sent_at=None))
    harness.runner.run_all()
    payload = harness.sender.payloads[0]
    assert (payload["status"], payload["notification_type"], payload["to"]) == (
        status.value, "email", "Someone@Example.gov.uk")
    assert payload["reference"] is None and payload["sent_at"] is None


def test_test_key_notifications_call_back_as_notify_documents(harness: Harness) -> None:
    harness.configure()
    harness.changed(delivered(harness.service, key_type=KeyType.TEST))
    harness.runner.run_all()
    assert len(harness.sender.sent) == 1


@pytest.mark.parametrize("status", [NotificationStatus.CREATED, NotificationStatus.SENDING, NotificationStatus.SENT,
                                    NotificationStatus.PENDING, NotificationStatus.PENDING_VIRUS_CHECK,
                                    NotificationStatus.VALIDATION_FAILED, NotificationStatus.CANCELLED])
def test_statuses_notify_does_not_call_back_for_cost_nothing(harness: Harness, status: NotificationStatus) -> None:
    harness.configure()
    harness.lookups()
    harness.changed(delivered(harness.service, status=status))
    assert harness.lookups() == 0
    assert harness.runner.waiting == [] and harness.sender.sent == []


def test_letters_never_call_back(harness: Harness) -> None:
    harness.configure()
    harness.lookups()
    harness.changed(delivered(harness.service, notification_type=NotificationType.LETTER),
                    delivered(harness.service, notification_type=NotificationType.LETTER,
                              status=NotificationStatus.TECHNICAL_FAILURE))
    assert harness.lookups() == 0 and harness.runner.waiting == []


def test_a_service_without_a_callback_costs_one_cached_look_up_per_batch(harness: Harness,
                                                                         clock: FrozenClock) -> None:
    batch = [delivered(harness.service) for _ in range(50)]
    harness.changed(*batch)
    assert harness.lookups() == 1
    harness.changed(*batch)
    harness.changed(batch[0])
    assert harness.lookups() == 0  # within the 2 s the cache keeps the answer "none"
    clock.advance(seconds=3)
    harness.changed(*batch)
    assert harness.lookups() == 1
    assert harness.runner.waiting == [] and harness.sender.sent == []


def test_a_batch_across_services_looks_each_up_once_and_posts_only_where_configured(harness: Harness) -> None:
    other = factories.create_service(harness.notify)
    harness.configure(other, url="https://other.example.gov.uk/cb")
    harness.lookups()
    harness.changed(*(delivered(s) for s in (harness.service, other, harness.service, other)))
    assert harness.lookups() == 2
    harness.runner.run_all()
    assert [c.url for c in harness.sender.sent] == ["https://other.example.gov.uk/cb"] * 2


def test_only_the_delivery_status_callback_is_used(harness: Harness) -> None:
    harness.configure(callback_type=CallbackType.COMPLAINT)
    harness.configure(callback_type=CallbackType.INBOUND_SMS, url="https://inbound.example.gov.uk")
    harness.changed(delivered(harness.service))
    assert harness.runner.run_all() == 0


def test_retryable_failures_are_retried_five_times_300_seconds_apart(harness: Harness) -> None:
    harness.configure()
    harness.sender.script(*[500] * 10)
    harness.changed(delivered(harness.service))
    assert harness.runner.run_all() == 6
    assert len(harness.sender.sent) == 6
    assert harness.runner.delays == [0.0] + [300.0] * 5
    assert len({str(c.payload) for c in harness.sender.sent}) == 1  # the same payload every time


@pytest.mark.parametrize("failure", [503, 429, RetryableCallbackError("cannot connect: refused")])
def test_a_retry_that_succeeds_is_the_last(harness: Harness, failure: int | Exception) -> None:
    harness.configure()
    harness.sender.script(failure, 200)
    harness.changed(delivered(harness.service))
    assert harness.runner.run_all() == 2
    assert harness.runner.delays == [0.0, 300.0]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 302])
def test_other_answers_are_not_retried(harness: Harness, status: int) -> None:
    harness.configure()
    harness.sender.script(status)
    harness.changed(delivered(harness.service))
    assert harness.runner.run_all() == 1
    assert harness.runner.delays == [0.0]


def test_the_retry_rule_is_configurable(harness: Harness) -> None:
    notify = attrs.evolve(harness.notify, callback_retry=CallbackRetry(max_retries=2, delay_seconds=0.5))
    harness.configure()
    harness.sender.script(*[500] * 5)
    notify_status_changes(notify, [delivered(harness.service)])
    assert harness.runner.run_all() == 3
    assert harness.runner.delays == [0.0, 0.5, 0.5]


def test_an_adapter_bug_is_logged_not_raised_nor_retried(harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    harness.configure()
    harness.sender.script(RuntimeError("bug in the adapter"))
    harness.changed(delivered(harness.service))
    assert harness.runner.run_all() == 1
    assert "not retrying" in caplog.text
    assert TOKEN not in caplog.text


def test_the_caller_never_sees_a_failure(harness: Harness) -> None:
    harness.configure()

    def store_down() -> UnitOfWork:
        raise StoreUnavailable("the store is away")

    class BrokenRunner:
        def later(self, task: Callable[[], object], *, delay: float = 0.0) -> None:
            raise RuntimeError("queue full")

    harness.notify.cache.clear()
    notify_status_changes(attrs.evolve(harness.notify, uow=store_down), [delivered(harness.service)])
    notify_status_changes(attrs.evolve(harness.notify, callback_runner=BrokenRunner()), [delivered(harness.service)])
    notify_status_changes(harness.notify, [None, "not a notification"])  # type: ignore[list-item]
    assert harness.sender.sent == []


def test_without_a_sender_nothing_is_looked_up(harness: Harness) -> None:
    harness.configure()
    harness.lookups()
    notify_status_changes(attrs.evolve(harness.notify, callbacks=None), [delivered(harness.service)])
    assert harness.lookups() == 0 and harness.runner.waiting == []


def test_without_a_runner_the_post_is_made_on_the_callers_thread(harness: Harness) -> None:
    harness.configure()
    notify_status_changes(attrs.evolve(harness.notify, callback_runner=None), [delivered(harness.service)])
    assert len(harness.sender.sent) == 1


def test_a_changed_callback_is_used_at_once_and_a_deleted_one_stops(harness: Harness) -> None:
    callback = harness.configure()
    harness.changed(delivered(harness.service))
    callback_apis.update_callback_api(harness.notify, harness.service.id, callback.id,
                                      callback_type=CallbackType.DELIVERY_STATUS,
                                      updated_by_id=harness.service.created_by,
                                      url="https://moved.example.gov.uk/cb", bearer_token="a-rotated-token")
    harness.changed(delivered(harness.service))
    harness.runner.run_all()
    # the first was queued with what was configured then (as Notify queues url and token with the payload)
    assert [(c.url, c.bearer_token) for c in harness.sender.sent] == [
        (URL, TOKEN), ("https://moved.example.gov.uk/cb", "a-rotated-token")]
    callback_apis.delete_callback_api(harness.notify, harness.service.id, callback.id)
    harness.changed(delivered(harness.service))
    assert harness.runner.run_all() == 0

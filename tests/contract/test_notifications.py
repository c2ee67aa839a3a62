from __future__ import annotations

import random
import threading
from uuid import uuid4

from attrs import evolve

import pytest

from notify.domain import errors
from notify.domain.constants import KeyType, NotificationStatus, NotificationType
from notify.domain.limits import Increment
from notify.domain.notification import Handover, StatusChange
from notify.domain.statistics import Period, StatusCount
from tests import factories, storage
from tests.fakes import T0

from .helpers import NewUow, add_service, later


def _add(new_uow: NewUow, *notifications) -> None:  # type: ignore[no-untyped-def]
    with new_uow() as uow:
        uow.notifications.add_many(list(notifications))
        uow.commit()


def test_notification_round_trips_unchanged(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    n = factories.notification(service.id, personalisation={"name": "Ada", "n": 3, "nested": {"a": [1, 2]}},
                               api_key_id=uuid4(), key_type=KeyType.TEAM, job_id=uuid4(), job_row_number=7,
                               client_reference="ref-1", rate_multiplier=1.5, international=True,
                               phone_prefix="44", billable_units=2, sent_at=later(seconds=1), sent_by="mmg",
                               reference="provider-ref", postage="second", created_by_id=uuid4(),
                               reply_to_text="Notify", one_click_unsubscribe_url="https://x.example/u",
                               created_at=later(microseconds=123456))
    with new_uow() as uow:
        uow.notifications.add(n)
        uow.commit()
    with new_uow() as uow:
        assert uow.notifications.get(service.id, n.id) == n
        assert uow.notifications.find(n.id) == n


def test_unknown_or_foreign_notification_raises_not_found(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    n = factories.notification(service.id)
    _add(new_uow, n)
    with new_uow() as uow:
        with pytest.raises(errors.NotificationNotFound):
            uow.notifications.get(other.id, n.id)
        assert uow.notifications.find(uuid4()) is None
        with pytest.raises(errors.AlreadyExists):
            uow.notifications.add(n)
        with pytest.raises(errors.NotificationNotFound):
            uow.notifications.update(factories.notification(service.id))


def test_add_many_refuses_a_duplicate(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    n = factories.notification(service.id)
    _add(new_uow, n)
    with new_uow() as uow, pytest.raises(errors.AlreadyExists):
        uow.notifications.add_many([factories.notification(service.id), n])


def test_add_counted_stores_every_field_unchanged_and_counts_in_the_same_step(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    full = factories.notification(service.id, personalisation={"name": "Ada", "n": 3, "nested": {"a": [1, 2]}},
                                  api_key_id=uuid4(), key_type=KeyType.TEAM, job_id=uuid4(), job_row_number=7,
                                  client_reference='O\'Brien "quoted" \\ ✓ 😀', rate_multiplier=1.5,
                                  international=True, phone_prefix="44", billable_units=2, sent_at=later(seconds=1),
                                  sent_by="mmg", reference="provider-ref", postage="second", created_by_id=uuid4(),
                                  reply_to_text="Notify\nline two", one_click_unsubscribe_url="https://x.example/u",
                                  created_at=later(microseconds=123456))
    bare = factories.notification(service.id, to="Ünïcödé@example.com", notification_type=NotificationType.EMAIL)
    expires = later(days=1)
    floor = 1_800_000_000_000_000_000  # a rate bucket's: a time in nanoseconds
    with new_uow() as uow:
        assert uow.notifications.add_counted([full, bare], [Increment("b", expires, 2), Increment("a", expires, 1),
                                                            Increment("t", expires, 5, floor)]) == [2, 1, floor + 5]
        assert uow.notifications.add_counted([], [Increment("a", expires, 4)]) == [5]
        uow.commit()
    with new_uow() as uow:
        assert uow.notifications.find_many([full.id, bare.id]) in ([full, bare], [bare, full])
        assert uow.counters.find("a") == 5 and uow.counters.find("b") == 2
        assert uow.notifications.add_counted([factories.notification(service.id)], [
            Increment("t", expires, 1, floor + 2), Increment("b", expires, 1, floor + 2)]) == [floor + 6, floor + 3]
        with pytest.raises(errors.AlreadyExists):
            uow.notifications.add_counted([bare], [Increment("a", expires, 1)])


def test_add_counted_within_stores_and_counts_when_every_counter_stays_within_its_ceiling(new_uow: NewUow
                                                                                           ) -> None:
    service = add_service(new_uow)
    a, b = factories.notification(service.id), factories.notification(service.id)
    expires = later(days=1)
    with new_uow() as uow:
        uow.counters.increment_many([Increment("daily", expires, 3), Increment("rate", expires, 10, 100)])
        uow.commit()
    with new_uow() as uow:  # daily ends at 5 (its ceiling), rate at max(110, 105) + 4 = 114 (no ceiling given)
        assert uow.notifications.add_counted_within([a, b], [Increment("daily", expires, 2),
                                                             Increment("rate", expires, 4, 105)], {"daily": 5})
        uow.commit()
    with new_uow() as uow:
        assert uow.notifications.find_many([a.id, b.id]) in ([a, b], [b, a])
        assert (uow.counters.find("daily"), uow.counters.find("rate")) == (5, 114)


def test_add_counted_within_changes_nothing_when_any_counter_would_pass_its_ceiling(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    expires = later(days=1)
    with new_uow() as uow:
        uow.counters.increment_many([Increment("daily", expires, 3), Increment("rate", expires, 10, 100)])
        uow.commit()
    refused = factories.notification(service.id)
    with new_uow() as uow:  # rate: max(110, 120) + 5 = 125 > 124; daily and the new key would fit
        assert not uow.notifications.add_counted_within(
            [refused], [Increment("daily", expires, 1), Increment("fresh", expires, 1),
                        Increment("rate", expires, 5, 120)], {"daily": 10, "fresh": 1, "rate": 124})
        uow.commit()
    with new_uow() as uow:
        assert uow.notifications.find(refused.id) is None
        assert (uow.counters.find("daily"), uow.counters.find("rate"), uow.counters.find("fresh")) == (3, 110, None)
        # a refusal leaves the unit of work usable: the send-by-send path goes on in it
        assert uow.notifications.add_counted([refused], [Increment("daily", expires, 1)]) == [4]
        uow.commit()
    with new_uow() as uow:
        assert uow.notifications.find(refused.id) == refused


def test_remove_many_takes_out_the_listed_notifications(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    a, b, c = (factories.notification(service.id) for _ in range(3))
    with new_uow() as uow:
        uow.notifications.add_many([a, b, c])
        uow.notifications.remove_many([a.id, c.id, uuid4()])
        uow.notifications.remove_many([])
        uow.commit()
    with new_uow() as uow:
        assert uow.notifications.find_many([a.id, b.id, c.id]) == [b]


def test_add_many_stores_every_row_and_update_replaces(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    batch = [factories.notification(service.id, created_at=later(seconds=i)) for i in range(1203)]
    _add(new_uow, *batch)
    sending = batch[0].mark_sending(provider="mmg", now=later(hours=1), reference="r")
    with new_uow() as uow:
        uow.notifications.update(sending)
        uow.commit()
    with new_uow() as uow:
        assert uow.notifications.get(service.id, batch[0].id) == sending
        assert len(uow.notifications.list_for_service(service.id, limit=5000)) == 1203


def test_list_for_service_is_newest_first_and_pages_with_older_than(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    rows = [factories.notification(service.id, created_at=later(minutes=i)) for i in range(7)]
    _add(new_uow, *rows, factories.notification(other.id, created_at=later(minutes=3)))
    newest_first = rows[::-1]
    with new_uow() as uow:
        assert uow.notifications.list_for_service(service.id) == newest_first
        page = uow.notifications.list_for_service(service.id, limit=3)
        assert page == newest_first[:3]
        assert uow.notifications.list_for_service(service.id, older_than=page[-1].id, limit=3) == newest_first[3:6]
        assert uow.notifications.list_for_service(service.id, older_than=rows[0].id) == []
        assert uow.notifications.list_for_service(service.id, older_than=uuid4()) == []
        assert uow.notifications.list_for_service(other.id, older_than=rows[3].id) == []


def test_same_timestamp_ties_break_by_id(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    rows = [factories.notification(service.id, created_at=T0) for _ in range(5)]
    _add(new_uow, *rows)
    with new_uow() as uow:
        assert uow.notifications.list_for_service(service.id) == sorted(rows, key=lambda n: n.id, reverse=True)


def test_list_for_service_filters(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    sms = factories.notification(service.id, created_at=later(minutes=1))
    email = factories.notification(service.id, notification_type=NotificationType.EMAIL, to="a@b.com",
                                   status=NotificationStatus.DELIVERED, created_at=later(minutes=2))
    test_key = factories.notification(service.id, key_type=KeyType.TEST, client_reference="abc",
                                      created_at=later(minutes=3))
    from_job = factories.notification(service.id, job_id=uuid4(), job_row_number=1, created_at=later(minutes=4))
    _add(new_uow, sms, email, test_key, from_job)
    with new_uow() as uow:
        list_ = uow.notifications.list_for_service
        assert list_(service.id, statuses=[NotificationStatus.DELIVERED]) == [email]
        assert list_(service.id, statuses=[NotificationStatus.CREATED, NotificationStatus.DELIVERED]) == \
            [from_job, test_key, email, sms]
        assert list_(service.id, notification_types=[NotificationType.EMAIL]) == [email]
        assert list_(service.id, key_type="test") == [test_key]
        assert list_(service.id, key_type=KeyType.NORMAL) == [from_job, email, sms]
        assert list_(service.id, client_reference="abc") == [test_key]
        assert list_(service.id, include_jobs=False) == [test_key, email, sms]
        assert list_(service.id, statuses=[]) == []


def test_status_counts_group_by_service_period_type_and_status(new_uow: NewUow) -> None:
    one, two = add_service(new_uow), add_service(new_uow)
    day1, day2 = Period("d1", T0, later(days=1)), Period("d2", later(days=1), later(days=2))
    _add(new_uow,
         factories.notification(one.id, created_at=T0),
         factories.notification(one.id, created_at=later(hours=23)),
         factories.notification(one.id, created_at=later(hours=1), status=NotificationStatus.DELIVERED),
         factories.notification(one.id, created_at=later(hours=2), notification_type=NotificationType.EMAIL),
         factories.notification(one.id, created_at=later(days=1, hours=1)),
         factories.notification(one.id, created_at=later(hours=3), key_type=KeyType.TEST),
         factories.notification(one.id, created_at=later(days=2)),  # after both periods
         factories.notification(one.id, created_at=later(seconds=-1)),  # before both
         factories.notification(two.id, created_at=later(hours=4)))
    created, delivered = NotificationStatus.CREATED, NotificationStatus.DELIVERED
    sms, email = NotificationType.SMS, NotificationType.EMAIL
    with new_uow() as uow:
        counts = uow.notifications.status_counts([day1, day2], service_ids=[one.id])
        assert set(counts) == {StatusCount(one.id, "d1", sms, created, 2), StatusCount(one.id, "d1", sms, delivered, 1),
                               StatusCount(one.id, "d1", email, created, 1), StatusCount(one.id, "d2", sms, created, 1)}
        assert len(counts) == 4
        with_test = uow.notifications.status_counts([day1], service_ids=[one.id], include_test_key=True)
        assert StatusCount(one.id, "d1", sms, created, 3) in with_test
        everyone = uow.notifications.status_counts([day1])
        assert StatusCount(two.id, "d1", sms, created, 1) in everyone
        assert uow.notifications.status_counts([day1], service_ids=[]) == []
        assert uow.notifications.status_counts([]) == []


def test_list_by_status_is_oldest_first_before_a_time(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    old = [factories.notification(service.id, status=NotificationStatus.SENDING, created_at=later(minutes=i))
           for i in range(4)]
    _add(new_uow, *old[::-1],
         factories.notification(service.id, status=NotificationStatus.SENDING, created_at=later(hours=5)),
         factories.notification(service.id, status=NotificationStatus.CREATED, created_at=T0))
    with new_uow() as uow:
        assert uow.notifications.list_by_status(NotificationStatus.SENDING, created_before=later(hours=1)) == old
        assert uow.notifications.list_by_status(NotificationStatus.SENDING, created_before=later(hours=1),
                                                limit=2) == old[:2]


def test_update_if_status_is_a_compare_and_set(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    n = factories.notification(service.id)
    _add(new_uow, n)
    sending = n.mark_sending(provider="mmg", now=later(seconds=1))
    delivered = sending.with_status(NotificationStatus.DELIVERED, now=later(seconds=2))
    with new_uow() as uow:
        assert uow.notifications.update_if_status(sending, expected={NotificationStatus.CREATED}) is True
        assert uow.notifications.update_if_status(sending, expected={NotificationStatus.CREATED}) is False
        assert uow.notifications.update_if_status(
            delivered, expected=[NotificationStatus.SENDING, NotificationStatus.PENDING]) is True
        assert uow.notifications.update_if_status(factories.notification(service.id),
                                                  expected={NotificationStatus.CREATED}) is False
        assert uow.notifications.update_if_status(delivered, expected=set()) is False
        uow.commit()
    with new_uow() as uow:
        assert uow.notifications.get(service.id, n.id) == delivered


def test_find_many_reads_the_listed_notifications_of_any_service(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    a, b = factories.notification(service.id, personalisation={"name": "Ada"}), factories.notification(other.id)
    _add(new_uow, a, b, factories.notification(service.id))
    with new_uow() as uow:
        assert sorted(uow.notifications.find_many([b.id, a.id, uuid4(), a.id]), key=lambda n: n.id) == \
            sorted([a, b], key=lambda n: n.id)
        assert uow.notifications.find_many([]) == []


def test_find_receipt_targets_reads_what_a_receipt_needs_of_the_listed_notifications(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    abroad = factories.notification(service.id, international=True, phone_prefix="1",
                                    status=NotificationStatus.SENT)
    email = factories.notification(other.id, to="a@example.com", notification_type=NotificationType.EMAIL,
                                   status=NotificationStatus.SENDING)
    _add(new_uow, abroad, email, factories.notification(service.id))
    with new_uow() as uow:
        found = sorted(uow.notifications.find_receipt_targets([email.id, abroad.id, uuid4(), abroad.id]),
                       key=lambda target: target.id)
        assert uow.notifications.find_receipt_targets([]) == []
    assert found == sorted([abroad.receipt_target, email.receipt_target], key=lambda target: target.id)
    assert {(t.service_id, t.notification_type, t.status, t.international, t.phone_prefix) for t in found} == {
        (service.id, NotificationType.SMS, NotificationStatus.SENT, True, "1"),
        (other.id, NotificationType.EMAIL, NotificationStatus.SENDING, False, None)}


def test_record_handovers_sets_the_provider_and_the_status_only_while_created(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    a, b, c = (factories.notification(service.id, reference="kept") for _ in range(3))
    _add(new_uow, a, b, c)
    with new_uow() as uow:
        uow.notifications.set_statuses([StatusChange(c.id, NotificationStatus.CREATED, NotificationStatus.DELIVERED)],
                                       now=later(seconds=2))
        uow.notifications.record_handovers([
            Handover(a.id, "firetext", "ref-a", 2, NotificationStatus.SENT),
            Handover(b.id, "mmg", None, 1, NotificationStatus.SENDING),
            Handover(c.id, "mmg", "ref-c", 3, NotificationStatus.SENT),  # a receipt came first
            Handover(uuid4(), "mmg", "ref", 1, NotificationStatus.SENDING)], now=later(seconds=3))
        uow.commit()
    handed = {"sent_at": later(seconds=3), "updated_at": later(seconds=3)}
    with new_uow() as uow:
        assert uow.notifications.get(service.id, a.id) == evolve(
            a, sent_by="firetext", reference="ref-a", billable_units=2, status=NotificationStatus.SENT, **handed)
        assert uow.notifications.get(service.id, b.id) == evolve(b, sent_by="mmg", billable_units=1,
                                                                 status=NotificationStatus.SENDING, **handed)
        assert uow.notifications.get(service.id, c.id) == evolve(
            c, sent_by="mmg", reference="ref-c", billable_units=3, status=NotificationStatus.DELIVERED, **handed)


@pytest.mark.postgres
def test_batches_updating_the_same_notifications_at_once_never_deadlock() -> None:
    """Batches over the same rows, each given them in its own order, as a delivery batch and a receipt batch can
    be: the store locks them in one order, so one waits for the other."""
    new_uow = storage.new_uow_factory("postgres")
    service = add_service(new_uow)
    notifications = [factories.notification(service.id) for _ in range(300)]
    _add(new_uow, *notifications)
    failures: list[BaseException] = []

    def hand_over(seed: int) -> None:
        ids, shuffle = [n.id for n in notifications], random.Random(seed).shuffle
        try:
            for _ in range(15):
                shuffle(ids)
                with new_uow() as uow:
                    uow.notifications.record_handovers(
                        [Handover(i, "mmg", None, 1, NotificationStatus.SENDING) for i in ids], now=later(seconds=1))
                    uow.commit()
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=hand_over, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_set_statuses_moves_only_those_still_in_their_expected_status(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    a, b = (factories.notification(service.id, status=NotificationStatus.SENDING) for _ in range(2))
    _add(new_uow, a, b)
    with new_uow() as uow:
        moved = uow.notifications.set_statuses([
            StatusChange(a.id, NotificationStatus.SENDING, NotificationStatus.DELIVERED),
            StatusChange(b.id, NotificationStatus.CREATED, NotificationStatus.TECHNICAL_FAILURE),
            StatusChange(uuid4(), NotificationStatus.SENDING, NotificationStatus.DELIVERED)], now=later(seconds=5))
        assert list(moved) == [a.id]
        assert uow.notifications.set_statuses([], now=later(seconds=5)) == []
        uow.commit()
    with new_uow() as uow:
        assert uow.notifications.get(service.id, a.id) == evolve(a, status=NotificationStatus.DELIVERED,
                                                                 updated_at=later(seconds=5))
        assert uow.notifications.get(service.id, b.id) == b


def test_mark_handing_over_stamps_only_those_still_created(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    waiting, sent = factories.notification(service.id), factories.notification(service.id,
                                                                                status=NotificationStatus.SENDING)
    _add(new_uow, waiting, sent)
    with new_uow() as uow:
        marked = uow.notifications.mark_handing_over([sent.id, waiting.id, uuid4(), waiting.id], now=later(seconds=7))
        assert list(marked) == [waiting.id]
        assert uow.notifications.mark_handing_over([], now=later(seconds=7)) == []
        uow.commit()
    with new_uow() as uow:
        assert uow.notifications.get(service.id, waiting.id) == evolve(waiting, updated_at=later(seconds=7))
        assert uow.notifications.get(service.id, sent.id) == sent


def test_counts_for_jobs_and_last_row_number(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    job_a, job_b, empty = uuid4(), uuid4(), uuid4()
    _add(new_uow,
         factories.notification(service.id, job_id=job_a, job_row_number=0),
         factories.notification(service.id, job_id=job_a, job_row_number=4),
         factories.notification(service.id, job_id=job_a, job_row_number=2, status=NotificationStatus.DELIVERED),
         factories.notification(service.id, job_id=job_b, job_row_number=None),
         factories.notification(service.id))
    with new_uow() as uow:
        assert uow.notifications.counts_for_jobs([job_a, job_b, empty]) == {
            job_a: {NotificationStatus.CREATED: 2, NotificationStatus.DELIVERED: 1},
            job_b: {NotificationStatus.CREATED: 1}}
        assert uow.notifications.counts_for_jobs([]) == {}
        assert uow.notifications.last_job_row_number(job_a) == 4
        assert uow.notifications.last_job_row_number(job_b) is None
        assert uow.notifications.last_job_row_number(empty) is None



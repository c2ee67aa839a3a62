"""What template statistics and the uploads list read from notifications: counts per template and status
since a time, a template's last real send, and the filter by template and by sends without an API key."""

from __future__ import annotations

from uuid import uuid4

from notify.domain.constants import KeyType, NotificationStatus, NotificationType
from notify.domain.notification_history import Expiry
from notify.domain.notification_filter import NotificationFilter
from notify.domain.statistics import TemplateStatusCount
from tests import factories

from .helpers import NewUow, add_service, later


def test_counts_per_template_and_status_since_a_time(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    a, b = uuid4(), uuid4()
    rows = [factories.notification(service.id, template_id=a, created_at=later(minutes=m), status=s, key_type=k)
            for m, s, k in ((1, NotificationStatus.CREATED, KeyType.NORMAL),
                            (2, NotificationStatus.CREATED, KeyType.TEAM),
                            (3, NotificationStatus.DELIVERED, KeyType.NORMAL),
                            (4, NotificationStatus.DELIVERED, KeyType.TEST),
                            (-5, NotificationStatus.CREATED, KeyType.NORMAL))]
    rows += [factories.notification(service.id, template_id=b, created_at=later(minutes=1)),
             factories.notification(other.id, template_id=a, created_at=later(minutes=1))]
    with new_uow() as uow:
        uow.notifications.add_many(rows)
        uow.commit()
    with new_uow() as uow:
        counts = uow.notifications.template_status_counts(service.id, later())
        assert sorted(counts, key=lambda c: (str(c.template_id), c.status.value)) == counts
        assert set(counts) == {TemplateStatusCount(a, NotificationStatus.CREATED, 2),
                               TemplateStatusCount(a, NotificationStatus.DELIVERED, 1),
                               TemplateStatusCount(b, NotificationStatus.CREATED, 1)}
        assert uow.notifications.last_sent(service.id, a) == later(minutes=3)  # the test-key send not counted
        assert uow.notifications.last_sent(other.id, b) is None
        assert uow.notifications.last_sent(service.id, uuid4()) is None


def test_the_filter_picks_a_template_and_sends_without_a_key(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    template_id = uuid4()
    uploaded = factories.notification(service.id, template_id=template_id, created_at=later(minutes=1))
    by_api = factories.notification(service.id, template_id=template_id, created_at=later(minutes=2),
                                    api_key_id=uuid4())
    other_template = factories.notification(service.id, created_at=later(minutes=3))
    with new_uow() as uow:
        uow.notifications.add_many([uploaded, by_api, other_template])
        uow.commit()
    with new_uow() as uow:
        mine = NotificationFilter(template_id=template_id)
        assert [n.id for n in uow.notifications.page_matching(service.id, mine, offset=0, limit=10)] == [
            by_api.id, uploaded.id]
        no_key = NotificationFilter(template_id=template_id, without_api_key=True)
        assert [n.id for n in uow.notifications.page_matching(service.id, no_key, offset=0, limit=10)] == [
            uploaded.id]
        assert uow.notifications.count_matching(service.id, no_key) == 1


def test_history_answers_the_same_questions_once_notifications_are_purged(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    template_id = uuid4()
    old = [factories.notification(service.id, template_id=template_id, created_at=later(minutes=m),
                                  status=NotificationStatus.DELIVERED) for m in (1, 2)]
    with new_uow() as uow:
        uow.notifications.add_many(old)
        uow.commit()
    with new_uow() as uow:
        expiry = Expiry(service_id=service.id, notification_type=NotificationType.SMS, created_before=later(minutes=3))
        assert len(uow.notification_history.move_expired(expiry, limit=10)) == 2
        uow.commit()
    with new_uow() as uow:
        assert uow.notifications.last_sent(service.id, template_id) is None
        assert uow.notification_history.last_sent(service.id, template_id) == later(minutes=2)
        assert uow.notification_history.template_status_counts(service.id, later()) == [
            TemplateStatusCount(template_id, NotificationStatus.DELIVERED, 2)]

"""The admin list's reads: a page of the notifications a filter matches, newest first, and their count."""

from __future__ import annotations

from uuid import uuid4

from notify.domain.constants import KeyType, NotificationStatus, NotificationType
from notify.domain.notification import Notification
from notify.domain.notification_filter import NotificationFilter
from tests import factories

from .helpers import NewUow, add_service, later


def _add(new_uow: NewUow, *notifications: Notification) -> None:
    with new_uow() as uow:
        uow.notifications.add_many(list(notifications))
        uow.commit()


def test_pages_are_newest_first_and_skip_offset(new_uow: NewUow) -> None:
    service, other = add_service(new_uow), add_service(new_uow)
    rows = [factories.notification(service.id, created_at=later(minutes=m)) for m in range(5)]
    _add(new_uow, *rows, factories.notification(other.id, created_at=later(minutes=9)))
    newest = list(reversed(rows))
    with new_uow() as uow:
        assert uow.notifications.page_matching(service.id, NotificationFilter(), offset=0, limit=2) == newest[:2]
        assert uow.notifications.page_matching(service.id, NotificationFilter(), offset=4, limit=2) == newest[4:]
        assert uow.notifications.page_matching(service.id, NotificationFilter(), offset=0, limit=0) == []
        assert uow.notifications.count_matching(service.id, NotificationFilter()) == 5


def test_each_filter_narrows_the_page_and_the_count(new_uow: NewUow) -> None:
    service = add_service(new_uow)
    job_id = uuid4()
    plain = factories.notification(service.id, created_at=later(minutes=1), reply_to_text="447700900111",
                                   client_reference="invoice-77%-A")
    delivered = factories.notification(service.id, status=NotificationStatus.DELIVERED, created_at=later(minutes=2))
    email = factories.notification(service.id, notification_type=NotificationType.EMAIL, to="a@example.gov.uk",
                                   created_at=later(minutes=3))
    from_job = factories.notification(service.id, job_id=job_id, job_row_number=0, created_at=later(minutes=4))
    test_key = factories.notification(service.id, key_type=KeyType.TEST, created_at=later(minutes=5))
    old = factories.notification(service.id, created_at=later(minutes=-60))
    _add(new_uow, plain, delivered, email, from_job, test_key, old)
    cases = {
        NotificationFilter(): [from_job, email, delivered, plain, old],
        NotificationFilter(statuses=(NotificationStatus.DELIVERED,)): [delivered],
        NotificationFilter(notification_types=(NotificationType.EMAIL,)): [email],
        NotificationFilter(include_jobs=False): [email, delivered, plain, old],
        NotificationFilter(job_id=job_id, include_jobs=False): [from_job],
        NotificationFilter(include_test_key=True): [test_key, from_job, email, delivered, plain, old],
        NotificationFilter(created_since=later()): [from_job, email, delivered, plain],
        NotificationFilter(created_before=later(minutes=3)): [delivered, plain, old],
        NotificationFilter(recipient_contains="7700900", include_jobs=False): [email, delivered, plain, old],
        NotificationFilter(recipient_contains="77%"): [],  # the term is text, not a pattern
        NotificationFilter(reply_to_text="447700900111"): [plain],
        NotificationFilter(recipient_or_reference=("nobody", "77%-A")): [plain],
        NotificationFilter(recipient_or_reference=("a@example", "nothing")): [],
        NotificationFilter(recipient_or_reference=("7700900", "nothing"), include_jobs=False):
            [email, delivered, plain, old],
    }
    with new_uow() as uow:
        for where, expected in cases.items():
            assert uow.notifications.page_matching(service.id, where, offset=0, limit=50) == expected, where
            assert uow.notifications.count_matching(service.id, where) == len(expected), where


def test_template_counts_per_period_leave_out_test_keys_and_other_services(new_uow: NewUow) -> None:
    from notify.domain.statistics import Period, TemplateCount

    service, other = add_service(new_uow), add_service(new_uow)
    a, b = uuid4(), uuid4()
    _add(new_uow,
         factories.notification(service.id, template_id=a, created_at=later(minutes=1)),
         factories.notification(service.id, template_id=a, created_at=later(minutes=2)),
         factories.notification(service.id, template_id=b, created_at=later(days=40)),
         factories.notification(service.id, template_id=b, key_type=KeyType.TEST, created_at=later(minutes=3)),
         factories.notification(other.id, template_id=a, created_at=later(minutes=4)))
    first, second = Period("first", later(), later(days=30)), Period("second", later(days=30), later(days=60))
    with new_uow() as uow:
        assert sorted(uow.notifications.template_counts(service.id, [first, second]), key=lambda c: c.period) == [
            TemplateCount("first", a, 2), TemplateCount("second", b, 1)]
        assert uow.notifications.template_counts(service.id, []) == []

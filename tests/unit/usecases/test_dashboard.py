"""A service's dashboard on every store: past days from their status facts, today counted live, test-key sends
left out, months of the financial year so far, the failure rate and the most used templates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from notify.domain.constants import KeyType, NotificationStatus, NotificationType, TemplateType
from notify.domain.errors import NotFound
from notify.usecases import dashboard, facts
from notify.usecases.app import Notify

from ... import factories
from ...fakes import T0
from ...storage import STORES

pytestmark = pytest.mark.parametrize("new_uow", STORES, indirect=True)
TODAY = date(2026, 6, 15)  # T0's UK day


def sent(notify: Notify, service_id: Any, template: Any, status: NotificationStatus, *, days_ago: int = 0,
         count: int = 1, **kw: Any) -> None:
    for _ in range(count):
        factories.store_notification(notify, service_id, template_id=template.id,
                                     notification_type=NotificationType(template.template_type.value),
                                     created_at=T0 - timedelta(days=days_ago), status=status, **kw)


def test_the_dashboard_folds_facts_of_past_days_with_today_counted_live(notify: Notify) -> None:
    service = factories.create_service(notify)
    other = factories.create_service(notify, user=factories.create_user(notify))
    email = factories.create_template(notify, service, template_type=TemplateType.EMAIL)
    text = factories.create_template(notify, service)
    delivered, failed = NotificationStatus.DELIVERED, NotificationStatus.PERMANENT_FAILURE
    sent(notify, service.id, email, delivered, count=2)
    sent(notify, service.id, email, failed)
    sent(notify, service.id, text, NotificationStatus.SENDING)
    sent(notify, service.id, email, delivered, key_type=KeyType.TEST)  # never counted
    sent(notify, other.id, email, delivered)
    sent(notify, service.id, text, delivered, days_ago=1, count=3)
    sent(notify, service.id, email, delivered, days_ago=8)  # this month, not this week
    sent(notify, service.id, text, delivered, days_ago=66, count=4)  # 10 April
    for days_ago in (1, 8, 66):
        facts.build_day(notify, TODAY - timedelta(days=days_ago))

    figures = dashboard.service_dashboard(notify, service.id)

    assert [bar.label for bar in figures.days] == [(TODAY - timedelta(days=n)).isoformat() for n in range(6, -1, -1)]
    today, yesterday = figures.days[-1].channels, figures.days[-2].channels
    assert (today[NotificationType.EMAIL].sent, today[NotificationType.EMAIL].delivered,
            today[NotificationType.EMAIL].failed) == (3, 2, 1)
    assert (today[NotificationType.SMS].sent, today[NotificationType.SMS].delivered) == (1, 0)
    assert (yesterday[NotificationType.SMS].sent, yesterday[NotificationType.SMS].delivered) == (3, 3)
    assert figures.week[NotificationType.EMAIL].failure_rate == 33.3
    assert figures.week[NotificationType.SMS].sent == 4 and figures.week[NotificationType.LETTER].sent == 0
    assert [(bar.label, bar.channels[NotificationType.EMAIL].sent, bar.channels[NotificationType.SMS].sent)
            for bar in figures.months] == [("2026-04", 0, 4), ("2026-05", 0, 0), ("2026-06", 4, 4)]
    assert [(top.name, top.sent) for top in figures.top_templates] == [(text.name, 4), (email.name, 3)]


def test_another_services_id_or_an_unknown_one_is_not_found(notify: Notify) -> None:
    with pytest.raises(NotFound):
        dashboard.service_dashboard(notify, factories.service().id)

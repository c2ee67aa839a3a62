"""Template usage by month over a financial year, through the admin API."""

from __future__ import annotations

from datetime import datetime, timezone

from notify.domain.constants import KeyType
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import FrozenClock


def test_counts_each_template_per_month_of_the_financial_year(admin: AdminClient, notify: Notify,
                                                              clock: FrozenClock) -> None:
    service = factories.create_service(notify)
    template = factories.create_template(notify, service, name="Reminder")
    may, june = datetime(2026, 5, 3, tzinfo=timezone.utc), datetime(2026, 6, 1, tzinfo=timezone.utc)
    march = datetime(2026, 3, 31, 12, tzinfo=timezone.utc)  # the previous financial year
    with notify.uow() as uow:
        uow.notifications.add_many([
            factories.notification(service.id, template_id=template.id, created_at=at, **extra)
            for at, extra in ((may, {}), (june, {}), (june, {}), (june, {"key_type": KeyType.TEST}), (march, {}))])
        uow.commit()
    result = admin.get(f"/service/{service.id}/notifications/templates_usage/monthly", params={"year": 2026})
    assert result.status_code == 200
    common = {"template_id": str(template.id), "name": "Reminder", "type": "sms", "year": 2026,
              "is_precompiled_letter": False}
    assert result.json == {"stats": [{**common, "month": 5, "count": 1}, {**common, "month": 6, "count": 2}]}


def test_a_year_is_required_and_services_are_scoped(admin: AdminClient, notify: Notify) -> None:
    service = factories.create_service(notify)
    path = f"/service/{service.id}/notifications/templates_usage/monthly"
    for params in ({}, {"year": "soon"}):
        result = admin.get(path, params=params)
        assert result.status_code == 400 and result.json["result"] == "error"
    assert admin.get(path.replace(str(service.id), str(factories.service().id)), params={"year": 2026}).status_code == 404

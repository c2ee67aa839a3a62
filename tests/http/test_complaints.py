"""Complaints across services through the admin API: newest first a page at a time with each service's name,
counted by UK day (today by default); bad dates and pages are 400s, and the admin token is required."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import UUID, uuid4

import falcon.testing

from notify.domain.complaint import COMPLAINTS_PAGE_SIZE, Complaint
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import FrozenClock


def _complain(notify: Notify, service_id: UUID, at: datetime) -> Complaint:
    c = Complaint(id=uuid4(), notification_id=uuid4(), service_id=service_id,
                  ses_feedback_id=str(uuid4()), complaint_type="abuse", complaint_date=at, created_at=at)
    with notify.uow() as uow:
        uow.complaints.add(c)
        uow.commit()
    return c


def test_complaints_are_listed_newest_first_with_their_service(notify: Notify, admin: AdminClient,
                                                               clock: FrozenClock) -> None:
    one, two = factories.create_service(notify), factories.create_service(notify)
    older = _complain(notify, one.id, clock.now() - timedelta(hours=2))
    newer = _complain(notify, two.id, clock.now() - timedelta(hours=1))
    result = admin.get("/complaint")
    assert result.status_code == 200
    shown = result.json["complaints"]
    assert [c["id"] for c in shown] == [str(newer.id), str(older.id)]
    assert shown[0]["service_name"] == two.name and shown[0]["service_id"] == str(two.id)
    assert shown[1]["ses_feedback_id"] == older.ses_feedback_id and shown[1]["complaint_type"] == "abuse"
    assert result.json["links"] == {}


def test_complaints_come_a_page_at_a_time(notify: Notify, admin: AdminClient, clock: FrozenClock) -> None:
    service = factories.create_service(notify)
    for i in range(COMPLAINTS_PAGE_SIZE + 1):
        _complain(notify, service.id, clock.now() - timedelta(minutes=i))
    first = admin.get("/complaint").json
    assert len(first["complaints"]) == COMPLAINTS_PAGE_SIZE
    assert first["links"] == {"next": "/complaint?page=2", "last": "/complaint?page=2"}
    second = admin.get("/complaint", query_string="page=2").json
    assert len(second["complaints"]) == 1 and second["links"] == {"prev": "/complaint?page=1"}
    assert admin.get("/complaint", query_string="page=0").status_code == 400
    assert admin.get("/complaint", query_string="page=x").status_code == 400


def test_complaints_are_counted_by_uk_day(notify: Notify, admin: AdminClient, clock: FrozenClock) -> None:
    clock.set(datetime(2024, 6, 10, 12, 0, tzinfo=timezone.utc))
    service = factories.create_service(notify)
    _complain(notify, service.id, datetime(2024, 6, 10, 9, 0, tzinfo=timezone.utc))
    _complain(notify, service.id, datetime(2024, 6, 8, 23, 30, tzinfo=timezone.utc))  # 9 June, UK time
    _complain(notify, service.id, datetime(2024, 6, 7, 22, 30, tzinfo=timezone.utc))  # 7 June 23:30, UK time
    count = "/complaint/count-by-date-range"
    assert admin.get(count).json == 1  # today
    assert admin.get(count, query_string="start_date=2024-06-09&end_date=2024-06-10").json == 2
    assert admin.get(count, query_string="start_date=2024-06-07&end_date=2024-06-10").json == 3
    bad = admin.get(count, query_string="start_date=10-06-2024")
    assert bad.status_code == 400 and bad.json["result"] == "error"


def test_complaints_need_the_admin_token(app: falcon.App) -> None:
    raw = falcon.testing.TestClient(app)
    assert raw.simulate_get("/complaint").status_code == 401
    assert raw.simulate_get("/complaint/count-by-date-range").status_code == 401

"""Uploads through the admin API: spreadsheets sent as jobs and days of letters uploaded as PDFs (by print
run, 17:30 London); the letters of one run; the precompiled template; a sent letter's PDF preview. Another
service's data is out of reach; bad input is a 400."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import attrs
import pytest

from notify.adapters.uploads.memory import InMemoryUploadStore
from notify.domain.constants import JobStatus, NotificationStatus, NotificationType
from notify.domain.job import Job
from notify.domain.letter import NOT_A_PDF
from notify.domain.service import Service
from notify.ports.unit_of_work import UnitOfWork
from notify.testing import build_test_core
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import FrozenClock

PDF = b"%PDF-1.4 a letter as printed"


@pytest.fixture
def notify(new_uow: Callable[[], UnitOfWork], clock: FrozenClock) -> Notify:
    return attrs.evolve(build_test_core(clock, uow=new_uow), letter_store=InMemoryUploadStore())


def precompiled(admin: AdminClient, service: Service) -> dict[str, Any]:
    result = admin.get(f"/service/{service.id}/template/precompiled")
    assert result.status_code == 200
    return dict(result.json)


def letter(notify: Notify, service: Service, template_id: str, at: datetime, **extra: Any) -> UUID:
    n = factories.notification(service.id, template_id=UUID(template_id), created_at=at,
                               notification_type=NotificationType.LETTER, to="A Person", normalised_to=None, **extra)
    with notify.uow() as uow:
        uow.notifications.add(n)
        uow.commit()
    return n.id


def job(notify: Notify, service: Service, template_id: UUID, at: datetime, **extra: Any) -> Job:
    j = Job(id=uuid4(), service_id=service.id, template_id=template_id, template_version=1,
            original_file_name="people.csv", notification_count=2, created_at=at, **extra)
    with notify.uow() as uow:
        uow.jobs.add(j)
        uow.notifications.add(factories.notification(service.id, template_id=template_id, job_id=j.id, created_at=at))
        uow.commit()
    return j


def test_the_precompiled_template_is_made_once_and_hidden(admin: AdminClient, notify: Notify) -> None:
    service = factories.create_service(notify)
    first = precompiled(admin, service)
    assert first["hidden"] is True and first["template_type"] == "letter" and first["is_precompiled_letter"] is True
    assert precompiled(admin, service)["id"] == first["id"]
    assert admin.get(f"/service/{factories.service().id}/template/precompiled").status_code == 404


def test_uploads_list_jobs_and_days_of_uploaded_letters(admin: AdminClient, notify: Notify,
                                                        clock: FrozenClock) -> None:
    service = factories.create_service(notify)
    sms = factories.create_template(notify, service)
    pdf_template = precompiled(admin, service)["id"]
    now = clock.now()  # 12:00 UTC, 13:00 in London
    sent = job(notify, service, sms.id, now - timedelta(hours=2))
    job(notify, service, sms.id, now, job_status=JobStatus.SCHEDULED, scheduled_for=now + timedelta(days=1))
    job(notify, service, sms.id, now, job_status=JobStatus.CANCELLED)
    job(notify, service, sms.id, now, contact_list_id=uuid4())
    job(notify, service, sms.id, now - timedelta(days=8))  # past the 7-day retention
    letter(notify, service, pdf_template, now)  # before 17:30 in London: today's run
    letter(notify, service, pdf_template, now - timedelta(hours=1))
    letter(notify, service, pdf_template, now + timedelta(hours=5))  # 18:00 in London: tomorrow's run
    letter(notify, service, pdf_template, now, status=NotificationStatus.CANCELLED)
    letter(notify, service, pdf_template, now, api_key_id=uuid4())  # sent through the API, not uploaded
    letter(notify, service, pdf_template, now - timedelta(days=2))
    result = admin.get(f"/service/{service.id}/upload")
    assert result.status_code == 200
    body = result.json
    assert body["total"] == 4 and body["page_size"] == 50 and body["links"] == {}
    tomorrow, today, spreadsheet, older = body["data"]
    assert tomorrow == {"id": None, "original_file_name": "Uploaded letters", "notification_count": 1,
                        "created_at": "2026-06-16 16:30:00", "upload_type": "letter_day", "template_type": "letter",
                        "recipient": None, "statistics": []}
    assert today["notification_count"] == 2 and today["created_at"] == "2026-06-15 16:30:00"
    assert spreadsheet == {"id": str(sent.id), "original_file_name": "people.csv", "notification_count": 2,
                           "created_at": "2026-06-15 10:00:00", "upload_type": "job", "template_type": "sms",
                           "recipient": None, "statistics": [{"status": "created", "count": 1}]}
    assert older["created_at"] == "2026-06-13 16:30:00"
    assert admin.get(f"/service/{service.id}/upload", params={"limit_days": 0}).json["total"] == 3  # today on
    day = admin.get(f"/service/{service.id}/upload/uploaded-letters/2026-06-15")
    assert day.status_code == 200
    assert day.json["total"] == 2 and len(day.json["notifications"]) == 2
    assert {n["template"]["id"] for n in day.json["notifications"]} == {pdf_template}
    assert admin.get(f"/service/{service.id}/upload/uploaded-letters/2026-06-16").json["total"] == 1
    assert admin.get(f"/service/{service.id}/upload/uploaded-letters/2026-06-14").json["total"] == 0


def test_uploads_are_scoped_to_their_service(admin: AdminClient, notify: Notify, clock: FrozenClock) -> None:
    service, other = factories.create_service(notify), factories.create_service(notify)
    pdf_template = precompiled(admin, service)["id"]
    letter(notify, service, pdf_template, clock.now())
    job(notify, service, factories.create_template(notify, service).id, clock.now())
    assert admin.get(f"/service/{other.id}/upload").json["data"] == []
    assert admin.get(f"/service/{other.id}/upload/uploaded-letters/2026-06-15").json["total"] == 0
    assert admin.get(f"/service/{factories.service().id}/upload").status_code == 404


@pytest.mark.parametrize("path, query", [
    ("upload/uploaded-letters/15-06-2026", {}),
    ("upload/uploaded-letters/2026-02-30", {}),
    ("upload", {"page": 0}),
    ("upload", {"limit_days": "week"}),
])
def test_bad_upload_queries_are_400s(admin: AdminClient, notify: Notify, path: str, query: dict[str, Any]) -> None:
    service = factories.create_service(notify)
    result = admin.get(f"/service/{service.id}/{path}", params=query)
    assert result.status_code == 400 and result.json["result"] == "error"


def test_a_sent_letter_is_previewed_as_its_pdf(admin: AdminClient, notify: Notify, clock: FrozenClock) -> None:
    service, other = factories.create_service(notify), factories.create_service(notify)
    sent = letter(notify, service, precompiled(admin, service)["id"], clock.now(), status=NotificationStatus.SENDING)
    assert notify.letter_store is not None
    path = f"/service/{service.id}/template/preview/{sent}"
    before = admin.get(f"{path}/pdf")
    assert before.status_code == 400 and before.json["message"] == "PDF not available yet, try again later"
    notify.letter_store.put(service.id, sent, PDF, {})
    shown = admin.get(f"{path}/pdf")
    assert shown.status_code == 200
    assert shown.json == {"content": base64.b64encode(PDF).decode(), "metadata": {}}
    assert admin.get(f"/service/{other.id}/template/preview/{sent}/pdf").status_code == 404
    png = admin.get(f"{path}/png")
    assert png.status_code == 400 and png.json["message"] == NOT_A_PDF  # its pages cannot be drawn
    jpg = admin.get(f"{path}/jpg")
    assert jpg.status_code == 400 and jpg.json["message"] == {"content": ["file_type must be pdf or png"]}


def test_only_letters_are_previewed(admin: AdminClient, notify: Notify, clock: FrozenClock) -> None:
    service = factories.create_service(notify)
    text = factories.notification(service.id, created_at=clock.now())
    with notify.uow() as uow:
        uow.notifications.add(text)
        uow.commit()
    result = admin.get(f"/service/{service.id}/template/preview/{text.id}/pdf")
    assert result.status_code == 400 and result.json["message"] == "Notification is not a letter"



def test_uploads_come_fifty_to_a_page(admin: AdminClient, notify: Notify, clock: FrozenClock) -> None:
    service = factories.create_service(notify)
    sms = factories.create_template(notify, service)
    with notify.uow() as uow:
        for n in range(51):
            uow.jobs.add(Job(id=uuid4(), service_id=service.id, template_id=sms.id, template_version=1,
                             original_file_name=f"people-{n}.csv", notification_count=1,
                             created_at=clock.now() - timedelta(minutes=n)))
        uow.commit()
    base = f"/service/{service.id}/upload"
    first = admin.get(base).json
    assert len(first["data"]) == 50 and first["total"] == 51
    assert first["data"][0]["original_file_name"] == "people-0.csv"
    assert first["links"] == {"next": f"{base}?page=2", "last": f"{base}?page=2"}
    second = admin.get(base, params={"page": 2}).json
    assert [u["original_file_name"] for u in second["data"]] == ["people-50.csv"]
    assert second["links"] == {"prev": f"{base}?page=1"}

"""Report requests through the admin API: a CSV of the service's notifications made by a background task and
kept in the upload store; the same report asked for again while it is being made is answered with the first;
another service's requests are 404s; bad bodies are 400s."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

import attrs
import pytest

from notify.adapters.uploads.memory import InMemoryUploadStore
from notify.domain.constants import KeyType, NotificationStatus
from notify.domain.job import UploadNotFound
from notify.domain.report_request import ReportStatus
from notify.entrypoints.http import create_app
from notify.ports.unit_of_work import UnitOfWork
from notify.testing import build_test_core
from notify.usecases.app import Notify
from notify.usecases.purge import purge_expired

from .. import factories
from ..conftest import AdminClient
from ..fakes import FrozenClock


class HeldTasks:
    """A task runner that runs nothing until told: the report stays pending meanwhile."""

    def __init__(self) -> None:
        self.tasks: list[Callable[[], object]] = []

    def later(self, task: Callable[[], object], *, delay: float = 0.0) -> None:
        self.tasks.append(task)

    def run_all(self) -> None:
        while self.tasks:
            self.tasks.pop(0)()


@pytest.fixture
def held() -> HeldTasks:
    return HeldTasks()


@pytest.fixture
def notify(new_uow: Callable[[], UnitOfWork], clock: FrozenClock) -> Notify:
    return attrs.evolve(build_test_core(clock, uow=new_uow), uploads=InMemoryUploadStore())


def ask(admin: AdminClient, service_id: Any, user_id: Any, **fields: Any) -> Any:
    return admin.post(f"/service/{service_id}/report-request",
                      json={"user_id": str(user_id), "report_type": "notifications_report", **fields})


def test_a_report_is_made_and_stored_as_csv(admin: AdminClient, notify: Notify, clock: FrozenClock) -> None:
    owner = factories.create_user(notify)
    service, other = factories.create_service(notify, user=owner), factories.create_service(notify, user=owner)
    template = factories.create_template(notify, service, name="Reminder")
    with notify.uow() as uow:
        uow.notifications.add_many([
            factories.notification(service.id, template_id=template.id, to="07700900001",
                                   status=NotificationStatus.DELIVERED),
            factories.notification(service.id, template_id=template.id, to="07700900002",
                                   status=NotificationStatus.PERMANENT_FAILURE),
            factories.notification(service.id, template_id=template.id, to="07700900003",
                                   status=NotificationStatus.DELIVERED, key_type=KeyType.TEST),
            factories.notification(other.id, template_id=template.id, to="07700900004",
                                   status=NotificationStatus.DELIVERED)])
        uow.commit()
    result = ask(admin, service.id, owner.id, notification_type="sms", notification_status="delivered")
    assert result.status_code == 201
    shown = result.json["data"]
    assert shown["user_id"] == str(owner.id) and shown["service_id"] == str(service.id)
    assert shown["report_type"] == "notifications" and shown["status"] == "pending"
    assert shown["parameter"] == {"notification_type": "sms", "notification_status": "delivered"}
    assert shown["created_at"] == "2026-06-15T12:00:00.000000Z" and shown["updated_at"] is None
    after = admin.get(f"/service/{service.id}/report-request/{shown['id']}").json["data"]
    assert after["status"] == "stored" and after["updated_at"] is not None
    assert notify.uploads is not None
    stored = notify.uploads.get(service.id, UUID(shown["id"]))
    rows = list(csv.reader(io.StringIO(stored.data.decode())))
    assert rows[0][:3] == ["Recipient", "Reference", "Template"]
    assert [(r[0], r[2], r[7]) for r in rows[1:]] == [("07700900001", "Reminder", "Delivered")]
    everything = ask(admin, service.id, owner.id).json["data"]
    assert everything["parameter"] == {"notification_type": "all", "notification_status": "all"}
    every_row = list(csv.reader(io.StringIO(notify.uploads.get(service.id, UUID(everything["id"])).data.decode())))
    assert sorted(r[0] for r in every_row[1:]) == ["07700900001", "07700900002"]


def test_the_same_report_asked_again_while_being_made_is_the_first(
        admin: AdminClient, notify: Notify, held: HeldTasks, clock: FrozenClock) -> None:
    notify = attrs.evolve(notify, report_runner=held)
    admin = AdminClient(create_app(notify), clock)
    owner = factories.create_user(notify)
    service = factories.create_service(notify, user=owner)
    first = ask(admin, service.id, owner.id, notification_type="email").json["data"]
    again = ask(admin, service.id, owner.id, notification_type="email")
    assert again.status_code == 200 and again.json["data"] == first
    other_kind = ask(admin, service.id, owner.id, notification_type="sms")
    assert other_kind.status_code == 201 and other_kind.json["data"]["id"] != first["id"]
    held.run_all()
    assert admin.get(f"/service/{service.id}/report-request/{first['id']}").json["data"]["status"] == "stored"
    after = ask(admin, service.id, owner.id, notification_type="email")
    assert after.status_code == 201 and after.json["data"]["id"] != first["id"]


def test_requests_are_scoped_and_deleted_ones_are_gone(admin: AdminClient, notify: Notify,
                                                       clock: FrozenClock) -> None:
    owner = factories.create_user(notify)
    service, other = factories.create_service(notify, user=owner), factories.create_service(notify, user=owner)
    shown = ask(admin, service.id, owner.id).json["data"]
    assert admin.get(f"/service/{other.id}/report-request/{shown['id']}").status_code == 404
    assert admin.get(f"/service/{service.id}/report-request/{uuid4()}").status_code == 404
    with notify.uow() as uow:
        request = uow.report_requests.get(service.id, UUID(shown["id"]))
        uow.report_requests.update(request.moved_to(ReportStatus.DELETED, clock.now()))
        uow.commit()
    assert admin.get(f"/service/{service.id}/report-request/{shown['id']}").status_code == 404
    assert ask(admin, factories.service().id, owner.id).status_code == 404


@pytest.mark.parametrize("body", [
    {"report_type": "notifications_report"},
    {"user_id": "{user}"},
    {"user_id": "{user}", "report_type": "everything"},
    {"user_id": "{user}", "report_type": "notifications_report", "notification_type": "fax"},
    {"user_id": "{user}", "report_type": "notifications_report", "notification_status": "lost"},
    {"user_id": "{user}", "report_type": "notifications_report", "colour": "red"},
    {"user_id": str(uuid4()), "report_type": "notifications_report"},
])
def test_bad_requests_are_400s(admin: AdminClient, notify: Notify, body: dict[str, Any]) -> None:
    owner = factories.create_user(notify)
    service = factories.create_service(notify, user=owner)
    body = {k: str(owner.id) if v == "{user}" else v for k, v in body.items()}
    result = admin.post(f"/service/{service.id}/report-request", json=body)
    assert result.status_code == 400 and result.json["result"] == "error"




def test_the_nightly_purge_removes_reports_a_day_old(admin: AdminClient, notify: Notify, clock: FrozenClock) -> None:
    owner = factories.create_user(notify)
    service = factories.create_service(notify, user=owner)
    old = ask(admin, service.id, owner.id).json["data"]
    clock.advance(hours=23)
    recent = ask(admin, service.id, owner.id, notification_type="sms").json["data"]
    clock.advance(hours=2)
    assert purge_expired(notify).reports_removed == 1
    assert admin.get(f"/service/{service.id}/report-request/{old['id']}").status_code == 404
    assert notify.uploads is not None
    with pytest.raises(UploadNotFound):
        notify.uploads.get(service.id, UUID(old["id"]))
    assert admin.get(f"/service/{service.id}/report-request/{recent['id']}").json["data"]["status"] == "stored"
    assert notify.uploads.get(service.id, UUID(recent["id"])).data.startswith(b"Recipient")
    assert purge_expired(notify).reports_removed == 0


class BrokenStore(InMemoryUploadStore):
    def put(self, service_id: UUID, upload_id: UUID, data: bytes, metadata: Any) -> None:
        raise OSError("disk full")


def test_a_report_that_cannot_be_stored_is_failed_and_may_be_asked_again(
        notify: Notify, clock: FrozenClock) -> None:
    notify = attrs.evolve(notify, uploads=BrokenStore())
    admin = AdminClient(create_app(notify), clock)
    owner = factories.create_user(notify)
    service = factories.create_service(notify, user=owner)
    first = ask(admin, service.id, owner.id)
    assert first.status_code == 201
    shown = admin.get(f"/service/{service.id}/report-request/{first.json['data']['id']}").json["data"]
    assert shown["status"] == "failed"
    again = ask(admin, service.id, owner.id)
    assert again.status_code == 201 and again.json["data"]["id"] != shown["id"]

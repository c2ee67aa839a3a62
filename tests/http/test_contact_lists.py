"""Contact lists through the admin API: made from an uploaded spreadsheet's metadata, listed newest first with
the jobs sent from them, deleted by archiving (the file goes too); another service's lists are 404s."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import attrs
import pytest

from notify.adapters.uploads.memory import InMemoryUploadStore
from notify.domain.job import Job, UploadNotFound
from notify.ports.unit_of_work import UnitOfWork
from notify.testing import build_test_core
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import FrozenClock


@pytest.fixture
def notify(new_uow: Callable[[], UnitOfWork], clock: FrozenClock) -> Notify:
    return attrs.evolve(build_test_core(clock, uow=new_uow), uploads=InMemoryUploadStore())


def create(admin: AdminClient, service_id: Any, user_id: Any, **fields: Any) -> Any:
    return admin.post(f"/service/{service_id}/contact-list", json={
        "id": str(uuid4()), "original_file_name": "people.csv", "row_count": 3, "template_type": "email",
        "created_by": str(user_id), **fields})


def test_a_list_is_created_listed_read_and_deleted(admin: AdminClient, notify: Notify, clock: FrozenClock) -> None:
    owner = factories.create_user(notify, name="Uploader")
    service = factories.create_service(notify, user=owner)
    first = create(admin, service.id, owner.id)
    assert first.status_code == 201
    shown = first.json
    assert shown == {"id": shown["id"], "original_file_name": "people.csv", "row_count": 3, "recent_job_count": 0,
                     "has_jobs": False, "template_type": "email", "service_id": str(service.id),
                     "created_by": "Uploader", "created_at": "2026-06-15T12:00:00.000000Z"}
    clock.advance(minutes=1)
    second = create(admin, service.id, owner.id, template_type="sms", original_file_name="phones.csv").json
    base = f"/service/{service.id}/contact-list"
    assert [c["id"] for c in admin.get(base).json] == [second["id"], shown["id"]]
    assert admin.get(f"{base}/{shown['id']}").json == shown
    assert notify.uploads is not None
    notify.uploads.put(service.id, UUID(shown["id"]), b"email address\n", {})
    deleted = admin.delete(f"{base}/{shown['id']}")
    assert deleted.status_code == 204
    assert [c["id"] for c in admin.get(base).json] == [second["id"]]
    assert admin.get(f"{base}/{shown['id']}").status_code == 404
    assert admin.delete(f"{base}/{shown['id']}").status_code == 404
    with pytest.raises(UploadNotFound):
        notify.uploads.get(service.id, UUID(shown["id"]))


def test_jobs_sent_from_a_list_are_counted_within_retention(admin: AdminClient, notify: Notify,
                                                            clock: FrozenClock) -> None:
    owner = factories.create_user(notify)
    service = factories.create_service(notify, user=owner)
    shown = create(admin, service.id, owner.id).json
    template = factories.create_template(notify, service)
    with notify.uow() as uow:
        for days in (1, 8):
            uow.jobs.add(Job(id=uuid4(), service_id=service.id, template_id=template.id, template_version=1,
                             original_file_name="people.csv", notification_count=3,
                             created_at=clock.now() - timedelta(days=days), contact_list_id=UUID(shown["id"])))
        uow.commit()
    again = admin.get(f"/service/{service.id}/contact-list/{shown['id']}").json
    assert again["recent_job_count"] == 1 and again["has_jobs"] is True


def test_another_services_lists_are_out_of_reach(admin: AdminClient, notify: Notify) -> None:
    owner = factories.create_user(notify)
    service, other = factories.create_service(notify, user=owner), factories.create_service(notify, user=owner)
    shown = create(admin, service.id, owner.id).json
    assert admin.get(f"/service/{other.id}/contact-list").json == []
    assert admin.get(f"/service/{other.id}/contact-list/{shown['id']}").status_code == 404
    assert admin.delete(f"/service/{other.id}/contact-list/{shown['id']}").status_code == 404
    assert admin.get(f"/service/{service.id}/contact-list/{shown['id']}").status_code == 200
    assert admin.get(f"/service/{factories.service().id}/contact-list").status_code == 404


@pytest.mark.parametrize("fields", [
    {"template_type": "letter"},
    {"template_type": "fax"},
    {"row_count": -1},
    {"row_count": "many"},
    {"original_file_name": ""},
    {"id": "not-a-uuid"},
    {"created_by": str(uuid4())},
])
def test_bad_lists_are_400s(admin: AdminClient, notify: Notify, fields: dict[str, Any]) -> None:
    owner = factories.create_user(notify)
    service = factories.create_service(notify, user=owner)
    result = create(admin, service.id, owner.id, **fields)
    assert result.status_code == 400 and result.json["result"] == "error"
    assert admin.get(f"/service/{service.id}/contact-list").json == []


@pytest.mark.parametrize("missing", ["id", "original_file_name", "row_count", "template_type", "created_by"])
def test_every_field_is_required(admin: AdminClient, notify: Notify, missing: str) -> None:
    owner = factories.create_user(notify)
    service = factories.create_service(notify, user=owner)
    body = {"id": str(uuid4()), "original_file_name": "people.csv", "row_count": 3, "template_type": "email",
            "created_by": str(owner.id)}
    del body[missing]
    result = admin.post(f"/service/{service.id}/contact-list", json=body)
    assert result.status_code == 400 and result.json["message"] == {missing: ["Missing data for required field."]}


def test_the_same_id_twice_is_a_400(admin: AdminClient, notify: Notify) -> None:
    owner = factories.create_user(notify)
    service = factories.create_service(notify, user=owner)
    list_id = str(uuid4())
    assert create(admin, service.id, owner.id, id=list_id).status_code == 201
    assert create(admin, service.id, owner.id, id=list_id).status_code == 400

"""The nightly purge seen through the APIs, on every store: notifications past their service's retention for
their channel (7 days by default, counted in UK days) answer 404 and leave the lists, history keeps no recipient
nor content, statistics and lookups still count them, letter PDFs and job spreadsheets go, other services and
channels keep theirs, and a second purge finds nothing to do."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any
from uuid import UUID

import attrs
import pytest

from notify.adapters.uploads import InMemoryUploadStore
from notify.domain.job import UploadNotFound
from notify.domain.notification_history import PurgeReport
from notify.entrypoints.http import create_app
from notify.ports.unit_of_work import UnitOfWork
from notify.testing import build_test_core
from notify.usecases import jobs
from notify.usecases.app import Notify
from notify.usecases.purge import purge_expired

from .. import storage
from ..conftest import AdminClient
from ..fakes import FrozenClock
from ..v2.conftest import ADDRESS, ApiClient, Fakes, World, make_world, wire


@pytest.fixture(params=storage.STORES)
def store(request: pytest.FixtureRequest) -> Iterator[Callable[[], UnitOfWork]]:
    yield storage.new_uow_factory(request.param)


@pytest.fixture
def fakes() -> Fakes:
    from notify.adapters.providers.fake import FakeEmailProvider, FakeLetterProvider, FakeSmsProvider
    from notify.adapters.queue import SynchronousDeliveryQueue

    return Fakes(FakeSmsProvider(receipt_delay=None), FakeEmailProvider(receipt_delay=None),
                 FakeLetterProvider(receipt_delay=None), SynchronousDeliveryQueue())


@pytest.fixture
def platform(store: Callable[[], UnitOfWork], clock: FrozenClock, fakes: Fakes) -> Notify:
    return wire(attrs.evolve(build_test_core(clock, uow=store), uploads=InMemoryUploadStore()), fakes)


@pytest.fixture
def world(platform: Notify, clock: FrozenClock) -> World:
    return make_world(platform, clock)


@pytest.fixture
def api(world: World) -> ApiClient:
    return world.client()


@pytest.fixture
def staff(world: World, clock: FrozenClock) -> AdminClient:
    return AdminClient(world.app, clock)


def send(world: World, api: ApiClient, kind: str = "sms") -> str:
    body: dict[str, Any] = {"sms": {"phone_number": "07700900123", "template_id": str(world.sms.id)},
                            "email": {"email_address": "ada@example.gov.uk", "template_id": str(world.email.id)},
                            "letter": {"template_id": str(world.letter.id), "personalisation": ADDRESS}}[kind]
    body.setdefault("personalisation", {})["name"] = "Ada"
    result = api.post(f"/v2/notifications/{kind}", json=body)
    assert result.status_code == 201, result.json
    return str(result.json["id"])


def retain(staff: AdminClient, world: World, kind: str, days: int) -> None:
    result = staff.post(f"/service/{world.service.id}/data-retention",
                        json={"notification_type": kind, "days_of_retention": days})
    assert result.status_code == 201, result.json


def gone(api: ApiClient, notification_id: str) -> bool:
    result = api.get(f"/v2/notifications/{notification_id}")
    if result.status_code == 200:
        return False
    assert result.status_code == 404
    assert result.json == {"status_code": 404, "errors": [{"error": "NoResultFound", "message": "No result found"}]}
    return True


def listed(api: ApiClient) -> set[str]:
    return {n["id"] for n in api.get("/v2/notifications").json["notifications"]}


def test_seven_days_are_kept_by_default_counted_in_uk_days(world: World, api: ApiClient, clock: FrozenClock,
                                                          fakes: Fakes) -> None:
    old = send(world, api)  # 13:00 in London on 15 June
    fakes.flush()
    clock.advance(days=7)
    assert purge_expired(world.notify) == PurgeReport()  # the 8th-7th-…-15th of June are the 7 days kept
    assert not gone(api, old)

    clock.advance(days=1)
    new = send(world, api)
    assert purge_expired(world.notify).moved == 1
    assert gone(api, old) and not gone(api, new)
    assert listed(api) == {new}


def test_each_channel_keeps_its_own_retention_and_other_services_keep_theirs(
        world: World, api: ApiClient, staff: AdminClient, clock: FrozenClock, platform: Notify) -> None:
    retain(staff, world, "sms", 3)
    retain(staff, world, "email", 10)
    other = make_world(platform, clock)
    sms, email, theirs = send(world, api), send(world, api, "email"), send(other, other.client())

    clock.advance(days=4)
    purge_expired(world.notify)
    assert gone(api, sms) and not gone(api, email)
    assert not gone(other.client(), theirs)  # 7 days by default

    clock.advance(days=4)
    purge_expired(world.notify)
    assert not gone(api, email) and gone(other.client(), theirs)
    clock.advance(days=3)
    purge_expired(world.notify)
    assert gone(api, email)


def test_history_keeps_no_personal_data_and_admin_reads_still_count_them(
        world: World, api: ApiClient, staff: AdminClient, clock: FrozenClock, fakes: Fakes) -> None:
    notification_id = send(world, api)
    fakes.flush()
    year = 2026
    before = staff.get(f"/service/{world.service.id}/notifications/monthly?year={year}").json["data"]
    usage = staff.get(f"/service/{world.service.id}/notifications/templates_usage/monthly?year={year}").json
    clock.advance(days=8)

    assert purge_expired(world.notify).moved == 1
    with world.notify.uow() as uow:
        kept = uow.notification_history.find(UUID(notification_id))
        assert uow.notifications.find(UUID(notification_id)) is None
    assert kept is not None and kept.status.value == "delivered" and kept.template_id == world.sms.id
    assert "Ada" not in repr(kept) and "07700900123" not in repr(kept) and "447700900123" not in repr(kept)
    assert staff.get(f"/service/{world.service.id}/notifications/monthly?year={year}").json["data"] == before
    assert before["2026-06"]["sms"]["delivered"] == 1
    assert staff.get(f"/service/{world.service.id}/notifications/templates_usage/monthly?year={year}").json == usage
    assert staff.post("/platform-admin/find-by-uuid", json={"uuid": notification_id}).json == {
        "type": "notification", "context": {"service_id": str(world.service.id)}}


def test_letter_pdfs_go_with_their_letters_and_letters_still_printing_stay(
        world: World, api: ApiClient, clock: FrozenClock, fakes: Fakes) -> None:
    printed = send(world, api, "letter")
    fakes.flush()
    fakes.queue.hold = True
    printing = send(world, api, "letter")  # still `created`: on its way to the printer
    store = world.notify.letter_store
    assert store is not None
    store.get(world.service.id, UUID(printed))
    clock.advance(days=8)

    assert purge_expired(world.notify).letters_removed == 1
    assert gone(api, printed) and not gone(api, printing)
    with pytest.raises(UploadNotFound):
        store.get(world.service.id, UUID(printed))


def test_job_spreadsheets_past_retention_are_removed_and_the_job_archived(
        world: World, staff: AdminClient, clock: FrozenClock) -> None:
    retain(staff, world, "email", 30)
    sheet = "phone number,name\n07700900001,Ann\n"
    upload = jobs.upload_spreadsheet(world.notify, world.service.id, template_id=world.sms.id,
                                     original_file_name="people.csv", data=sheet)
    job = jobs.create_job(world.notify, world.service.id, job_id=upload.id, created_by=world.user.id).job
    jobs.process_job(world.notify, job.id)
    uploads = world.notify.uploads
    assert uploads is not None
    clock.advance(days=8)

    report = purge_expired(world.notify)
    assert report.jobs_archived == 1 and report.moved == 1
    with pytest.raises(UploadNotFound):
        uploads.get(world.service.id, job.id)
    shown = staff.get(f"/service/{world.service.id}/job/{job.id}").json["data"]
    assert shown["notification_count"] == 1
    assert sorted((s["status"], s["count"]) for s in shown["statistics"]) == [("sending", 1)]
    assert purge_expired(world.notify) == PurgeReport()  # a second run finds nothing left


def test_a_second_purge_finds_nothing_and_new_sends_are_untouched(world: World, api: ApiClient,
                                                                  clock: FrozenClock) -> None:
    old = [send(world, api) for _ in range(3)]
    clock.advance(days=8)
    new = send(world, api)
    assert purge_expired(world.notify, batch=2).moved == 3  # two batches
    assert purge_expired(world.notify) == PurgeReport()
    assert all(gone(api, n) for n in old) and listed(api) == {new}


def test_files_sent_by_email_go_once_their_own_retention_has_ended(world: World, clock: FrozenClock) -> None:
    from notify.usecases import documents

    store = world.notify.documents
    assert store is not None
    now = clock.now()
    for document_id, weeks in ((UUID(int=1), 1), (UUID(int=2), 26)):
        store.put(world.service.id, document_id, b"%PDF", {"mimetype": "application/pdf", "filename": "",
                                                            "expires_at": (now + timedelta(weeks=weeks)).isoformat(),
                                                            "email_digest": ""})
    clock.advance(days=8)

    assert purge_expired(world.notify).documents_removed == 1
    assert [document_id for document_id, _ in store.list(world.service.id)] == [UUID(int=2)]
    with pytest.raises(documents.DocumentNotFound):
        documents.get_document(world.notify, world.service.id, UUID(int=1))

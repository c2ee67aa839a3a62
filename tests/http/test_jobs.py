"""Jobs through the admin API (/service/{id}/job): upload and check a spreadsheet, create, process, read back
with statistics, list, schedule and cancel. Processing runs in the test's thread (jobs.process_job / tick);
delivery through the synchronous queue and fake providers of tests/v2."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import attrs
import pytest

from notify.adapters.uploads import InMemoryUploadStore
from notify.domain.constants import JobStatus, NotificationStatus
from notify.ports.unit_of_work import UnitOfWork
from notify.usecases import jobs
from notify.usecases.app import Notify

from ..conftest import AdminClient
from ..fakes import FrozenClock
from ..v2.conftest import Fakes, World, make_world, wire


class HeldJobs:
    def __init__(self) -> None:
        self.ids: list[UUID] = []

    def enqueue_job(self, job_id: UUID) -> None:
        self.ids.append(job_id)


@pytest.fixture
def fakes() -> Fakes:
    from notify.adapters.providers.fake import FakeEmailProvider, FakeLetterProvider, FakeSmsProvider
    from notify.adapters.queue import SynchronousDeliveryQueue

    return Fakes(FakeSmsProvider(receipt_delay=None), FakeEmailProvider(receipt_delay=None),
                 FakeLetterProvider(receipt_delay=None), SynchronousDeliveryQueue())


@pytest.fixture
def notify(new_uow: Callable[[], UnitOfWork], clock: FrozenClock, fakes: Fakes) -> Notify:
    from notify.adapters.jwt import PyJwtTokens
    from notify.adapters.system import Uuid4Generator

    from ..conftest import ADMIN_CLIENT_ID, ADMIN_SECRET
    from ..fakes import fast_password_hasher

    ids = Uuid4Generator()
    base = Notify(uow=new_uow, clock=clock, ids=ids, secrets=ids, passwords=fast_password_hasher(),
                  tokens=PyJwtTokens(), admin_client_id=ADMIN_CLIENT_ID, admin_client_secrets=(ADMIN_SECRET,),
                  uploads=InMemoryUploadStore(), job_queue=HeldJobs())
    return wire(base, fakes)


@pytest.fixture
def world(notify: Notify, clock: FrozenClock) -> World:
    return make_world(notify, clock)


@pytest.fixture
def admin(world: World, clock: FrozenClock) -> AdminClient:
    return AdminClient(world.app, clock)


def upload(admin: AdminClient, world: World, csv: str, template_id: UUID | None = None) -> Any:
    return admin.post(f"/service/{world.service.id}/job/upload",
                      json={"template_id": str(template_id or world.sms.id), "original_file_name": "people.csv",
                            "csv": csv})


def create(admin: AdminClient, world: World, csv: str, **extra: Any) -> dict[str, Any]:
    uploaded = upload(admin, world, csv)
    assert uploaded.status_code == 201, uploaded.json
    response = admin.post(f"/service/{world.service.id}/job",
                          json={"id": uploaded.json["data"]["id"], "created_by": str(world.user.id), **extra})
    assert response.status_code == 201, response.json
    return response.json["data"]


def job_notifications(world: World, job_id: str) -> list[Any]:
    with world.notify.uow() as uow:
        return [n for n in uow.notifications.list_for_service(world.service.id, limit=10_000)
                if str(n.job_id) == job_id]


SMS_CSV = "phone number,name\n07700900001,Ann\n07700900002,Bob\n+447700900003,Cy\n"


def test_a_job_sends_every_row_and_reports_true_counts(admin: AdminClient, world: World, fakes: Fakes) -> None:
    job = create(admin, world, SMS_CSV)
    assert job["job_status"] == "pending"
    assert job["notification_count"] == 3
    assert job["original_file_name"] == "people.csv"
    assert job["template"] == str(world.sms.id) and job["template_version"] == world.sms.version
    assert job["statistics"] == []
    assert world.notify.job_queue.ids == [UUID(job["id"])]  # type: ignore[union-attr]

    finished = jobs.process_job(world.notify, UUID(job["id"]))
    assert finished is not None and finished.job_status is JobStatus.FINISHED
    sent = job_notifications(world, job["id"])
    assert sorted(n.job_row_number for n in sent) == [0, 1, 2]
    assert {n.personalisation["name"] for n in sent} == {"Ann", "Bob", "Cy"}
    assert len(fakes.sms.sent) == 3
    fakes.flush()

    got = admin.get(f"/service/{world.service.id}/job/{job['id']}").json["data"]
    assert got["job_status"] == "finished"
    assert got["processing_started"] and got["processing_finished"]
    assert got["notifications_sent"] == 3
    assert got["notifications_delivered"] == 1  # 07700900002 / 07700900003 are Notify's simulated failures
    assert got["notifications_failed"] == 2
    assert sorted((s["status"], s["count"]) for s in got["statistics"]) == [
        ("delivered", 1), ("permanent-failure", 1), ("temporary-failure", 1)]
    assert admin.get(f"/service/{world.service.id}/job/{job['id']}/notification_count").json == {"count": 3}


def test_a_bad_file_is_refused_with_every_row_error_and_nothing_is_kept(admin: AdminClient, world: World) -> None:
    response = upload(admin, world, "phone number,name\n07700900001,Ann\nnot a number,Bob\n07700900002,\n")
    assert response.status_code == 400
    assert response.json["result"] == "error"
    assert response.json["errors"] == [
        {"row": 3, "column": "phone number", "message": response.json["errors"][0]["message"]},
        {"row": 4, "column": "name", "message": "Missing data"},
    ]
    missing = upload(admin, world, "mobile,first name\n07700900001,Ann\n")
    assert missing.status_code == 400
    assert {(e["row"], e["column"], e["message"]) for e in missing.json["errors"]} == {
        (1, "phone number", "Missing column"), (1, "name", "Missing column")}
    assert admin.get(f"/service/{world.service.id}/job").json["total"] == 0
    unknown = admin.post(f"/service/{world.service.id}/job", json={"id": str(uuid4())})
    assert unknown.status_code == 404


def test_a_file_with_a_cell_over_the_csv_field_limit_is_an_invalid_file(admin: AdminClient, world: World) -> None:
    huge = "x" * (128 * 1024 + 1)
    for text in (f"phone number,name\n07700900001,{huge}\n", f'phone number,name\n07700900001,"{huge}"\n'):
        response = upload(admin, world, text)
        assert response.status_code == 400, response.json
        assert response.json["message"] == "File is not valid"
        assert [e["row"] for e in response.json["errors"]] == [None]
    assert admin.get(f"/service/{world.service.id}/job").json["total"] == 0


def test_email_columns_are_insensitive_and_checked(admin: AdminClient, world: World) -> None:
    ok = upload(admin, world, "Email_Address,NAME\nann@example.com,Ann\n", template_id=world.email.id)
    assert ok.status_code == 201 and ok.json["data"]["notification_count"] == 1
    bad = upload(admin, world, "email address,name\nnot-an-email,Ann\n", template_id=world.email.id)
    assert bad.status_code == 400
    assert bad.json["errors"][0]["row"] == 2 and bad.json["errors"][0]["column"] == "email address"


def test_trial_mode_refuses_rows_outside_the_team(admin: AdminClient, world: World) -> None:
    world.update_service(restricted=True)
    response = upload(admin, world, "phone number,name\n07700900555,Me\n07700900123,Stranger\n")
    assert response.status_code == 400
    assert [(e["row"], e["column"]) for e in response.json["errors"]] == [(3, "phone number")]
    assert "trial mode" in response.json["errors"][0]["message"]
    assert upload(admin, world, "phone number,name\n07700 900555,Me\n").status_code == 201


def test_the_daily_limit_is_checked_for_the_whole_file(admin: AdminClient, world: World) -> None:
    world.update_service(sms_message_limit=2)
    response = upload(admin, world, SMS_CSV)
    assert response.status_code == 400
    assert response.json["errors"] == [{"row": None, "column": None,
                                         "message": "You can only send 2 more text messages today: the file has 3 rows"}]


def test_a_job_over_the_limit_when_it_runs_ends_in_sending_limits_exceeded(admin: AdminClient, world: World) -> None:
    job = create(admin, world, SMS_CSV)
    world.update_service(sms_message_limit=2)
    assert jobs.process_job(world.notify, UUID(job["id"])) is None
    got = admin.get(f"/service/{world.service.id}/job/{job['id']}").json["data"]
    assert got["job_status"] == "sending limits exceeded"
    assert job_notifications(world, job["id"]) == []


def test_a_scheduled_job_starts_when_due_and_can_be_cancelled_before(admin: AdminClient, world: World,
                                                                       clock: FrozenClock) -> None:
    later = clock.now() + timedelta(hours=1)
    job = create(admin, world, SMS_CSV, scheduled_for=later.isoformat())
    assert job["job_status"] == "scheduled"
    assert world.notify.job_queue.ids == []  # type: ignore[union-attr]
    assert jobs.tick(world.notify) == []
    clock.advance(hours=1, seconds=1)
    assert jobs.tick(world.notify) == [UUID(job["id"])]
    jobs.process_job(world.notify, UUID(job["id"]))
    assert admin.get(f"/service/{world.service.id}/job/{job['id']}").json["data"]["job_status"] == "finished"

    other = create(admin, world, SMS_CSV, scheduled_for=(clock.now() + timedelta(days=1)).isoformat())
    cancelled = admin.post(f"/service/{world.service.id}/job/{other['id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json["data"]["job_status"] == "cancelled"
    assert admin.post(f"/service/{world.service.id}/job/{other['id']}/cancel").status_code == 404
    assert admin.post(f"/service/{world.service.id}/job/{job['id']}/cancel").status_code == 404
    clock.advance(days=2)
    assert jobs.tick(world.notify) == []


@pytest.mark.parametrize(("delta", "message"), [
    (timedelta(minutes=-1), "Date cannot be in the past"),
    (timedelta(days=7, minutes=1), "Date cannot be more than 7 days in the future"),
])
def test_scheduled_for_must_be_within_the_next_seven_days(admin: AdminClient, world: World, clock: FrozenClock,
                                                          delta: timedelta, message: str) -> None:
    uploaded = upload(admin, world, SMS_CSV).json["data"]
    response = admin.post(f"/service/{world.service.id}/job",
                          json={"id": uploaded["id"], "scheduled_for": (clock.now() + delta).isoformat()})
    assert response.status_code == 400
    assert response.json == {"result": "error", "message": {"scheduled_for": [message]}}


def test_creating_a_job_needs_an_id_and_an_active_service(admin: AdminClient, world: World) -> None:
    assert admin.post(f"/service/{world.service.id}/job", json={}).json == {
        "result": "error", "message": {"id": ["Missing data for required field."]}}
    uploaded = upload(admin, world, SMS_CSV).json["data"]
    world.update_service(active=False)
    response = admin.post(f"/service/{world.service.id}/job", json={"id": uploaded["id"]})
    assert response.status_code == 403
    assert response.json["message"] == "Create job is not allowed: service is inactive "


def test_jobs_are_listed_newest_first_with_counts_and_pages(admin: AdminClient, world: World,
                                                            clock: FrozenClock) -> None:
    first = create(admin, world, SMS_CSV)
    jobs.process_job(world.notify, UUID(first["id"]))
    clock.advance(minutes=1)
    second = create(admin, world, SMS_CSV)
    listed = admin.get(f"/service/{world.service.id}/job").json
    assert [j["id"] for j in listed["data"]] == [second["id"], first["id"]]
    assert listed["total"] == 2 and listed["page_size"] == 50 and listed["links"] == {}
    assert sum(s["count"] for s in listed["data"][1]["statistics"]) == 3
    pending = admin.get(f"/service/{world.service.id}/job", params={"statuses": "pending,scheduled"}).json
    assert [j["id"] for j in pending["data"]] == [second["id"]]
    assert admin.get(f"/service/{world.service.id}/job", params={"statuses": "nonsense"}).status_code == 400


def test_a_job_whose_processor_died_is_resumed_after_its_last_stored_row(admin: AdminClient, world: World,
                                                                         clock: FrozenClock) -> None:
    job = create(admin, world, SMS_CSV + "07700900004,Di\n07700900005,Ed\n")
    job_id = UUID(job["id"])

    class Crash(Exception):
        pass

    class CrashingQueue:
        def enqueue(self, _: UUID) -> None:
            raise Crash()

        def enqueue_many(self, _: object) -> None:
            raise Crash()

        def enqueue_prepared(self, _: object) -> None:
            raise Crash()

    dying = attrs.evolve(world.notify, queue=CrashingQueue())
    with pytest.raises(Crash):
        jobs.process_job(dying, job_id, batch_size=2)
    assert len(job_notifications(world, job["id"])) == 2  # the first batch was committed
    assert jobs.process_job(world.notify, job_id) is None  # still fresh: someone may be working on it
    assert jobs.tick(world.notify) == []
    clock.advance(minutes=3)
    assert jobs.tick(world.notify) == [job_id]
    finished = jobs.process_job(world.notify, job_id, batch_size=2)
    assert finished is not None and finished.job_status is JobStatus.FINISHED
    rows = sorted(n.job_row_number for n in job_notifications(world, job["id"]))
    assert rows == [0, 1, 2, 3, 4]
    left = {n.job_row_number for n in job_notifications(world, job["id"]) if n.status is NotificationStatus.CREATED}
    assert left == {0, 1}  # committed but never handed over: the delivery sweep re-enqueues them


LETTER_CSV = "address_line_1,address_line_2,postcode,name\nThe Occupier,1 High Street,SW1A 1AA,Ann\n" \
             "The Occupier,2 High Street,SW1A 1AA,Bob\n"


def _letter_job(admin: AdminClient, world: World) -> dict[str, Any]:
    uploaded = upload(admin, world, LETTER_CSV, template_id=world.letter.id)
    assert uploaded.status_code == 201, uploaded.json
    return admin.post(f"/service/{world.service.id}/job", json={"id": uploaded.json["data"]["id"],
                                                               "created_by": str(world.user.id)}).json["data"]


def _make_letters(world: World, job: dict[str, Any]) -> None:
    """Process the job with no delivery queue: its letters wait in `created` for the print run."""
    jobs.process_job(attrs.evolve(world.notify, queue=None), UUID(job["id"]))


def test_a_letter_job_is_cancelled_whole_before_printing(admin: AdminClient, world: World) -> None:
    job = _letter_job(admin, world)
    path = f"/service/{world.service.id}/job/{job['id']}/cancel-letter-job"
    early = admin.post(path)
    assert (early.status_code, early.json) == (400, {
        "result": "error", "message": "We are still processing these letters, please try again in 5 minutes."})
    _make_letters(world, job)
    assert {n.status for n in job_notifications(world, job["id"])} == {NotificationStatus.CREATED}
    cancelled = admin.post(path)
    assert (cancelled.status_code, cancelled.json) == (200, 2)
    assert {(n.status, n.billable_units) for n in job_notifications(world, job["id"])} == {
        (NotificationStatus.CANCELLED, 0)}
    assert admin.get(f"/service/{world.service.id}/job/{job['id']}").json["data"]["job_status"] == "cancelled"
    again = admin.post(path)
    assert (again.status_code, again.json["message"]) == (
        400, "We are still processing these letters, please try again in 5 minutes.")


def test_a_letter_job_past_the_print_cut_off_or_not_of_letters_is_refused(
        admin: AdminClient, world: World, clock: FrozenClock) -> None:
    letters = _letter_job(admin, world)
    _make_letters(world, letters)
    texts = create(admin, world, SMS_CSV)
    jobs.process_job(world.notify, UUID(texts["id"]))
    not_letters = admin.post(f"/service/{world.service.id}/job/{texts['id']}/cancel-letter-job")
    assert (not_letters.status_code, not_letters.json["message"]) == (
        400, "Only letter jobs can be cancelled through this endpoint. This is not a letter job.")
    with world.notify.uow() as uow:  # one letter handed on to the printer: the others stay as they are
        first = job_notifications(world, letters["id"])[0]
        uow.notifications.update(attrs.evolve(first, status=NotificationStatus.SENDING))
        uow.commit()
    sent = admin.post(f"/service/{world.service.id}/job/{letters['id']}/cancel-letter-job")
    assert (sent.status_code, sent.json["message"]) == (
        400, "It’s too late to cancel sending, these letters have already been sent.")
    clock.advance(days=1)
    late = admin.post(f"/service/{world.service.id}/job/{letters['id']}/cancel-letter-job")
    assert (late.status_code, late.json["message"]) == (
        400, "It’s too late to cancel sending, these letters have already been sent.")
    assert {n.status for n in job_notifications(world, letters["id"])} == {NotificationStatus.CREATED,
                                                                            NotificationStatus.SENDING}


def test_another_services_letter_job_is_a_404(admin: AdminClient, world: World) -> None:
    job = _letter_job(admin, world)
    other = admin.post("/service", json={"name": "Other", "user_id": str(world.user.id)}).json["data"]
    assert admin.post(f"/service/{other['id']}/job/{job['id']}/cancel-letter-job").status_code == 404
    assert admin.post(f"/service/{world.service.id}/job/{uuid4()}/cancel-letter-job").status_code == 404
    assert admin.post(f"/service/{world.service.id}/job/not-a-uuid/cancel-letter-job").status_code in (400, 404)


def test_cancelled_letters_no_longer_count_against_todays_limit(admin: AdminClient, world: World) -> None:
    world.update_service(letter_message_limit=2)
    first = _letter_job(admin, world)
    _make_letters(world, first)
    assert admin.post(f"/service/{world.service.id}/job/{first['id']}/cancel-letter-job").json == 2
    second = _letter_job(admin, world)
    _make_letters(world, second)
    assert admin.get(f"/service/{world.service.id}/job/{second['id']}").json["data"]["job_status"] == "finished"
    third = upload(admin, world, LETTER_CSV, template_id=world.letter.id)  # the second job's letters do count
    assert (third.status_code, third.json["errors"][0]["message"]) == (
        400, "You can only send 0 more letters today: the file has 2 rows")

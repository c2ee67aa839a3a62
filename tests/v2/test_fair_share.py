"""Requests first: each request through the app is foreground work from its first middleware to its response,
refused ones included; a job's rows and their deliveries make way at checkpoints, an API send's delivery does
not (someone is waiting for it too)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from uuid import UUID

import attrs
import falcon
import pytest

from notify.domain.constants import JobStatus, NotificationStatus
from notify.ports.unit_of_work import UnitOfWork
from notify.ports.providers import DeliveryReceipt
from notify.usecases import delivery, jobs
from notify.usecases.app import Notify

from ..fakes import FrozenClock
from .conftest import Fakes, World, make_world, wire


class RecordingFairShare:
    def __init__(self) -> None:
        self.in_flight = 0
        self.requests = 0
        self.make_way_calls = 0
        self._mine = threading.local()

    def foreground_started(self) -> None:
        self._mine.foreground = True
        self.in_flight += 1
        self.requests += 1

    def foreground_ended(self) -> None:
        self._mine.foreground = False
        self.in_flight -= 1

    def make_way(self) -> None:
        if not getattr(self._mine, "foreground", False):
            self.make_way_calls += 1


class InFlightProbe:
    auth = "none"

    def __init__(self, share: RecordingFairShare) -> None:
        self.share = share
        self.seen: list[int] = []

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        self.seen.append(self.share.in_flight)


@pytest.fixture
def share() -> RecordingFairShare:
    return RecordingFairShare()


@pytest.fixture
def world(new_uow: Callable[[], UnitOfWork], notify: Notify, clock: FrozenClock, share: RecordingFairShare,
          fakes: Fakes) -> World:
    from notify.adapters.uploads import InMemoryUploadStore

    return make_world(wire(attrs.evolve(notify, fair_share=share, uploads=InMemoryUploadStore()), fakes), clock)


def test_each_request_is_foreground_until_its_response_refused_ones_included(world: World,
                                                                             share: RecordingFairShare) -> None:
    probe = InFlightProbe(share)
    world.app.add_route("/in-flight", probe)
    assert world.client().get("/in-flight").status_code == 200
    assert probe.seen == [1]
    sent = world.client().post("/v2/notifications/sms", json={"phone_number": "07700900123",
                                                              "template_id": str(world.sms.id),
                                                              "personalisation": {"name": "Jo"}})
    assert sent.status_code == 201
    assert world.client().get("/no/such/route").status_code == 404
    assert falcon.testing.TestClient(world.app).simulate_post("/v2/notifications/sms", json={}).status_code == 401
    assert (share.requests, share.in_flight) == (4, 0)


def test_an_api_sends_delivery_does_not_make_way(world: World, fakes: Fakes, share: RecordingFairShare) -> None:
    fakes.queue.hold = True
    sent = world.client().post("/v2/notifications/sms", json={"phone_number": "07700900123",
                                                              "template_id": str(world.sms.id),
                                                              "personalisation": {"name": "Jo"}})
    assert sent.status_code == 201
    fakes.queue.run()  # delivered off any request, as a delivery worker would
    with world.notify.uow() as uow:
        assert uow.notifications.find(UUID(sent.json["id"])).status is NotificationStatus.SENDING
    assert share.make_way_calls == 0


def test_a_jobs_rows_and_their_deliveries_make_way(world: World, fakes: Fakes, share: RecordingFairShare) -> None:
    csv = "phone number,name\n" + "".join(f"07700900{n:03d},P{n}\n" for n in range(100, 103))
    uploaded = jobs.upload_spreadsheet(world.notify, world.service.id, template_id=world.sms.id,
                                       original_file_name="people.csv", data=csv)
    jobs.create_job(world.notify, world.service.id, job_id=uploaded.id, created_by=world.user.id)
    finished = jobs.process_job(world.notify, uploaded.id)
    assert finished is not None and finished.job_status is JobStatus.FINISHED
    assert len(fakes.sms.sent) == 3
    calls_building = 1  # one checkpoint per 100 rows made
    assert share.make_way_calls > calls_building  # and more while their deliveries were planned and handed over


def test_receipts_are_recorded_in_steps_that_make_way_and_none_is_lost(world: World, fakes: Fakes,
                                                                        share: RecordingFairShare,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery, "RECEIPTS_PER_STEP", 2)
    ids = [UUID(world.client().post("/v2/notifications/sms", json={
        "phone_number": f"07700900{n}", "template_id": str(world.sms.id), "personalisation": {"name": "Jo"}}
    ).json["id"]) for n in (123, 124, 125, 126, 127)]
    moved = delivery.record_receipts(world.notify, [DeliveryReceipt("fake-sms", i, NotificationStatus.DELIVERED)
                                                    for i in ids])
    assert sorted(moved) == sorted(ids)
    assert share.make_way_calls == 2  # between the three steps of two, two and one
    with world.notify.uow() as uow:
        assert {n.status for n in uow.notifications.find_many(ids)} == {NotificationStatus.DELIVERED}

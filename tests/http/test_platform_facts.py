"""The status pages, live counts, price list and a service's organisation through the admin API: Notify's
shapes, the admin token where Notify asks for one, and a 404 for a service that does not exist."""

from __future__ import annotations

from uuid import uuid4

import falcon.testing

from notify.usecases import organisations, services
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import FrozenClock


def test_status_answers_on_both_paths_and_methods_without_a_token(app: falcon.App) -> None:
    raw = falcon.testing.TestClient(app)
    full = raw.simulate_get("/")
    assert full.status_code == 200
    assert full.json["status"] == "ok" and {"git_commit", "build_time", "db_version"} <= set(full.json)
    assert raw.simulate_post("/_status").json == full.json
    assert raw.simulate_get("/_status", query_string="simple=1").json == {"status": "ok"}


def test_live_counts_skip_trial_archived_and_not_counted_services(notify: Notify, admin: AdminClient) -> None:
    org = organisations.create_organisation(notify, name="Org with live")
    organisations.create_organisation(notify, name="Org without live")
    live = factories.create_service(notify)
    services.update_service(notify, live.id, {"restricted": False})
    organisations.link_service(notify, org.id, live.id)
    other_live = factories.create_service(notify)
    services.update_service(notify, other_live.id, {"restricted": False})
    factories.create_service(notify)  # trial mode
    uncounted = factories.create_service(notify)
    services.update_service(notify, uncounted.id, {"restricted": False, "count_as_live": False})
    archived = factories.create_service(notify)
    services.update_service(notify, archived.id, {"restricted": False})
    services.archive_service(notify, archived.id)
    result = admin.get("/_status/live-service-and-organisation-counts")
    assert result.status_code == 200
    assert result.json == {"organisations": 1, "services": 2}


def test_live_counts_need_the_admin_token(app: falcon.App) -> None:
    assert falcon.testing.TestClient(app).simulate_get(
        "/_status/live-service-and-organisation-counts").status_code == 401


def test_rates_are_those_in_force_on_the_clock_s_day(admin: AdminClient, clock: FrozenClock) -> None:
    clock.set(clock.now().replace(year=2023, month=6, day=1))
    assert admin.get("/sms-rate/").json == {"rate": 0.0197, "valid_from": "2023-04-01T00:00:00"}
    letters = admin.get("/letter-rates/").json
    assert len(letters) == 25
    assert {"sheet_count": 1, "start_date": "2023-04-01T00:00:00", "rate": "0.58", "post_class": "second"} in letters
    clock.set(clock.now().replace(year=2025))
    assert admin.get("/sms-rate").json["rate"] == 0.0227
    assert {r["start_date"] for r in admin.get("/letter-rates").json} == {"2024-04-01T00:00:00"}


def test_a_service_s_organisation_or_an_empty_object(notify: Notify, admin: AdminClient) -> None:
    service = factories.create_service(notify)
    assert admin.get(f"/service/{service.id}/organisation").json == {}
    org = organisations.create_organisation(notify, name="Department")
    organisations.link_service(notify, org.id, service.id)
    shown = admin.get(f"/service/{service.id}/organisation").json
    assert shown["id"] == str(org.id) and shown["name"] == "Department"
    missing = admin.get(f"/service/{uuid4()}/organisation")
    assert missing.status_code == 404 and missing.json["result"] == "error"
    assert admin.get("/service/not-a-uuid/organisation").status_code in (400, 404)

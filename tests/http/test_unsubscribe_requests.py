"""One-click unsubscribe through the API: the link a mail client posts (no sign-in; 200 however often; 404 for
a link this platform did not make), then the service's statistics, reports, downloads and processing; another
service's reports are out of reach and bad bodies are 400s."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import falcon
import falcon.testing
import pytest

from notify.domain.constants import NotificationStatus, NotificationType, TemplateType
from notify.domain.notification import Notification
from notify.domain.service import Service
from notify.domain.template import Template
from notify.usecases import unsubscribe
from notify.usecases.app import DEFAULT_PUBLIC_URL, Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import T0, FrozenClock

LONG_AGO, FAR_AHEAD = "2000-01-01T00:00:00.000000Z", "2100-01-01T00:00:00.000000Z"


@pytest.fixture
def service(notify: Notify) -> Service:
    return factories.create_service(notify)


@pytest.fixture
def newsletter(notify: Notify, service: Service) -> Template:
    return factories.create_template(notify, service, template_type=TemplateType.EMAIL, has_unsubscribe_link=True,
                                     name="Newsletter")


@pytest.fixture
def raw(app: falcon.App) -> falcon.testing.TestClient:
    return falcon.testing.TestClient(app)


def emailed(notify: Notify, template: Template, to: str = "reader@example.com", **kw: Any) -> Notification:
    n = factories.notification(template.service_id, template_id=template.id, template_version=template.version,
                               notification_type=NotificationType.EMAIL, to=to, normalised_to=to, **kw)
    with notify.uow() as uow:
        uow.notifications.add(n)
        uow.commit()
    return n


def link_path(notify: Notify, n: Notification) -> str:
    url = unsubscribe.unsubscribe_url(notify, n, template_asks=True)
    assert url is not None
    return url.removeprefix(DEFAULT_PUBLIC_URL)


def click(raw: falcon.testing.TestClient, path: str) -> falcon.testing.Result:
    return raw.simulate_post(path, body="List-Unsubscribe=One-Click",
                             headers={"Content-Type": "application/x-www-form-urlencoded"})


def test_a_click_records_one_request_however_often_it_is_made(
        notify: Notify, raw: falcon.testing.TestClient, admin: AdminClient, service: Service,
        newsletter: Template, clock: FrozenClock) -> None:
    n = emailed(notify, newsletter)
    path = link_path(notify, n)
    for _ in range(3):
        result = click(raw, path)
        assert result.status_code == 200 and result.json == {"result": "success", "message": "Unsubscribe successful"}
    assert raw.simulate_post(path).status_code == 200  # no body at all, as some clients send
    stats = admin.get(f"/service/{service.id}/unsubscribe-request-statistics").json
    assert stats["unsubscribe_requests_count"] == 1
    assert stats["datetime_of_latest_unsubscribe_request"].startswith(clock.now().strftime("%Y-%m-%dT%H:%M:%S"))


@pytest.mark.parametrize("spoil", [
    lambda path: path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB"),  # the signature no longer matches
    lambda path: path.replace(path.split("/")[2], str(uuid4())),  # another notification's id
    lambda path: path.rsplit("/", 1)[0] + "/not-a-token",
])
def test_a_link_we_did_not_make_is_a_404(notify: Notify, raw: falcon.testing.TestClient, admin: AdminClient,
                                         service: Service, newsletter: Template, spoil: Any) -> None:
    result = click(raw, spoil(link_path(notify, emailed(notify, newsletter))))
    assert result.status_code == 404
    assert result.json == {"result": "error",
                           "message": {"unsubscribe request": ["This is not a valid unsubscribe link."]}}
    assert admin.get(f"/service/{service.id}/unsubscribe-request-statistics").json == {}


def test_a_link_works_for_a_year(notify: Notify, raw: falcon.testing.TestClient, newsletter: Template,
                                 clock: FrozenClock) -> None:
    path, other = link_path(notify, emailed(notify, newsletter)), link_path(notify, emailed(notify, newsletter))
    clock.advance(days=365, seconds=-1)
    assert click(raw, other).status_code == 200
    clock.advance(seconds=2)
    assert click(raw, path).status_code == 404


def test_the_link_is_shown_with_the_notification_only_for_templates_that_ask(
        notify: Notify, newsletter: Template, service: Service) -> None:
    from notify.usecases import notifications
    from notify.usecases.auth import ServiceAuth

    plain = factories.create_template(notify, service, template_type=TemplateType.EMAIL)
    asked, not_asked = emailed(notify, newsletter), emailed(notify, plain)
    given = emailed(notify, plain, one_click_unsubscribe_url="https://example.com/mine")
    key = factories.create_api_key(notify, service)
    auth = ServiceAuth(service, key)
    shown = {n.id: notifications.get_notification(notify, auth, n.id).one_click_unsubscribe_url
             for n in (asked, not_asked, given)}
    assert (shown[asked.id] or "").startswith(f"{DEFAULT_PUBLIC_URL}/unsubscribe/{asked.id}/")
    assert shown[not_asked.id] is None and shown[given.id] == "https://example.com/mine"


def test_reports_batch_download_and_process_requests(
        notify: Notify, raw: falcon.testing.TestClient, admin: AdminClient, service: Service,
        newsletter: Template, clock: FrozenClock) -> None:
    base = f"/service/{service.id}"
    first, second = emailed(notify, newsletter, "one@example.com"), emailed(notify, newsletter, "two@example.com")
    click(raw, link_path(notify, first))
    clock.advance(minutes=5)
    click(raw, link_path(notify, second))
    [unbatched] = admin.get(f"{base}/unsubscribe-request-reports-summary").json
    assert unbatched["is_a_batched_report"] is False and unbatched["batch_id"] is None
    assert unbatched["count"] == 2 and unbatched["service_id"] == str(service.id)

    created = admin.post(f"{base}/create-unsubscribe-request-report", json={
        "count": 2, "earliest_timestamp": unbatched["earliest_timestamp"],
        "latest_timestamp": unbatched["latest_timestamp"]})
    assert created.status_code == 201
    batch_id = created.json["report_id"]
    [report] = admin.get(f"{base}/unsubscribe-request-reports-summary").json
    assert report["batch_id"] == batch_id and report["is_a_batched_report"] is True
    assert report["processed_by_service_at"] is None and report["count"] == 2

    download = admin.get(f"{base}/unsubscribe-request-report/{batch_id}").json
    assert download["batch_id"] == batch_id
    assert sorted(r["email_address"] for r in download["unsubscribe_requests"]) == ["one@example.com",
                                                                                    "two@example.com"]
    row = download["unsubscribe_requests"][0]
    assert row["template_name"] == "Newsletter" and row["original_file_name"] == "N/A"
    assert row["template_sent_at"] is None  # never handed to a provider
    assert len(row["unsubscribe_request_received_at"]) == len("2024-01-01 12:00:00")

    assert click(raw, link_path(notify, first)).status_code == 200  # still waiting: nothing new
    assert admin.get(f"{base}/unsubscribe-request-statistics").json["unsubscribe_requests_count"] == 2
    done = admin.post(f"{base}/process-unsubscribe-request-report/{batch_id}",
                      json={"report_has_been_processed": True})
    assert done.status_code == 204
    assert admin.get(f"{base}/unsubscribe-request-statistics").json["unsubscribe_requests_count"] == 0
    assert admin.get(f"{base}/unsubscribe-request-reports-summary").json[0]["processed_by_service_at"] is not None
    click(raw, link_path(notify, first))  # dealt with: asking again is a new request
    summary = admin.get(f"{base}/unsubscribe-request-reports-summary").json
    assert [s["is_a_batched_report"] for s in summary] == [False, True] and summary[0]["count"] == 1


def test_another_services_reports_are_out_of_reach(
        notify: Notify, raw: falcon.testing.TestClient, admin: AdminClient, service: Service,
        newsletter: Template) -> None:
    click(raw, link_path(notify, emailed(notify, newsletter)))
    batch_id = admin.post(f"/service/{service.id}/create-unsubscribe-request-report", json={
        "count": 1, "earliest_timestamp": LONG_AGO, "latest_timestamp": FAR_AHEAD}).json["report_id"]
    other = factories.create_service(notify)
    base = f"/service/{other.id}"
    assert admin.get(f"{base}/unsubscribe-request-statistics").json == {}
    assert admin.get(f"{base}/unsubscribe-request-reports-summary").json == []
    read = admin.get(f"{base}/unsubscribe-request-report/{batch_id}")
    assert read.status_code == 404 and read.json["message"] == {"batch_id": [f"No report available for {batch_id}"]}
    marked = admin.post(f"{base}/process-unsubscribe-request-report/{batch_id}",
                        json={"report_has_been_processed": True})
    assert marked.status_code == 404
    assert admin.get(f"/service/{service.id}/unsubscribe-request-reports-summary").json[0][
        "processed_by_service_at"] is None
    taken = admin.post(f"{base}/create-unsubscribe-request-report", json={
        "count": 1, "earliest_timestamp": LONG_AGO, "latest_timestamp": FAR_AHEAD})
    assert taken.status_code == 201
    assert admin.get(f"{base}/unsubscribe-request-report/{taken.json['report_id']}").json[
        "unsubscribe_requests"] == []
    assert admin.get(f"/service/{uuid4()}/unsubscribe-request-statistics").status_code == 404
    assert admin.get(f"/service/{service.id}/unsubscribe-request-report/{uuid4()}").status_code == 404


def test_the_service_side_needs_the_admin_token(raw: falcon.testing.TestClient, service: Service) -> None:
    assert raw.simulate_get(f"/service/{service.id}/unsubscribe-request-statistics").status_code == 401


@pytest.mark.parametrize("path, body", [
    ("create-unsubscribe-request-report", {}),
    ("create-unsubscribe-request-report", {"count": 1, "earliest_timestamp": "yesterday",
                                           "latest_timestamp": FAR_AHEAD}),
    ("create-unsubscribe-request-report", {"count": -1, "earliest_timestamp": LONG_AGO,
                                           "latest_timestamp": FAR_AHEAD}),
    ("create-unsubscribe-request-report", {"count": 1, "earliest_timestamp": FAR_AHEAD,
                                           "latest_timestamp": LONG_AGO}),
    (f"process-unsubscribe-request-report/{uuid4()}", {}),
    (f"process-unsubscribe-request-report/{uuid4()}", {"report_has_been_processed": "yes"}),
])
def test_bad_bodies_are_400s(admin: AdminClient, service: Service, path: str, body: dict[str, Any]) -> None:
    result = admin.post(f"/service/{service.id}/{path}", json=body)
    assert result.status_code == 400, result.json
    assert result.json["result"] == "error"


def test_a_malformed_notification_id_in_the_link_is_refused(raw: falcon.testing.TestClient) -> None:
    assert 400 <= click(raw, "/unsubscribe/not-a-uuid/token").status_code < 500


def test_an_unknown_notification_is_a_404_even_with_a_genuine_token(
        notify: Notify, raw: falcon.testing.TestClient, newsletter: Template) -> None:
    never_stored = factories.notification(newsletter.service_id, template_id=newsletter.id,
                                          notification_type=NotificationType.EMAIL, to="x@example.com",
                                          created_at=T0)
    assert click(raw, link_path(notify, never_stored)).status_code == 404




def test_a_link_still_works_once_its_notification_is_purged_to_history(
        notify: Notify, raw: falcon.testing.TestClient, admin: AdminClient, service: Service,
        newsletter: Template, clock: FrozenClock) -> None:
    from notify.usecases import purge

    n = emailed(notify, newsletter, status=NotificationStatus.DELIVERED, sent_at=T0)
    path = link_path(notify, n)
    clock.advance(days=30)
    purge.purge_expired(notify)
    with notify.uow() as uow:
        assert uow.notifications.find(n.id) is None and uow.notification_history.find(n.id) is not None
    assert click(raw, path).status_code == 200
    batch_id = admin.post(f"/service/{service.id}/create-unsubscribe-request-report", json={
        "count": 1, "earliest_timestamp": LONG_AGO, "latest_timestamp": FAR_AHEAD}).json["report_id"]
    [row] = admin.get(f"/service/{service.id}/unsubscribe-request-report/{batch_id}").json["unsubscribe_requests"]
    assert row["email_address"] == "reader@example.com" and row["template_sent_at"] == "2026-06-15 13:00:00"  # London time


def test_the_nightly_purge_archives_requests_as_the_summary_says(
        notify: Notify, raw: falcon.testing.TestClient, admin: AdminClient, service: Service,
        newsletter: Template, clock: FrozenClock) -> None:
    from notify.usecases import purge

    base = f"/service/{service.id}"
    click(raw, link_path(notify, emailed(notify, newsletter, "reported@example.com")))
    admin.post(f"{base}/create-unsubscribe-request-report", json={
        "count": 1, "earliest_timestamp": LONG_AGO, "latest_timestamp": FAR_AHEAD})
    click(raw, link_path(notify, emailed(notify, newsletter, "waiting@example.com")))
    reported, waiting = admin.get(f"{base}/unsubscribe-request-reports-summary").json[::-1]
    clock.set(datetime.fromisoformat(reported["will_be_archived_at"].replace("Z", "+00:00")) - timedelta(minutes=1))
    assert purge.purge_expired(notify).unsubscribe_requests_removed == 0
    clock.advance(minutes=2)
    assert purge.purge_expired(notify).unsubscribe_requests_removed == 1
    assert [s["is_a_batched_report"] for s in admin.get(f"{base}/unsubscribe-request-reports-summary").json] == [False]
    clock.set(datetime.fromisoformat(waiting["will_be_archived_at"].replace("Z", "+00:00")) + timedelta(minutes=1))
    assert purge.purge_expired(notify).unsubscribe_requests_removed == 1
    assert admin.get(f"{base}/unsubscribe-request-reports-summary").json == []

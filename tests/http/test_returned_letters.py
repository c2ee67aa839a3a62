"""Returned letters through the admin API: the printer's report by reference (each letter once, marked
returned), and a service's counts, daily summary and list; another service's letters never show."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import attrs

from notify.domain.constants import KeyType, NotificationStatus, NotificationType
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import FrozenClock


def _letter(notify: Notify, service: dict[str, Any], reference: str, **kw: Any) -> UUID:
    return factories.store_notification(notify, UUID(service["id"]), notification_type=NotificationType.LETTER,
                                        to="A Person\n1 Street\nSW1A 1AA", reference=reference,
                                        status=NotificationStatus.DELIVERED, **kw)


def test_reported_letters_are_marked_returned_and_counted_once(
        notify: Notify, admin: AdminClient, owner: dict[str, Any], service: dict[str, Any],
        clock: FrozenClock) -> None:
    other = admin.post("/service", json={"name": "Other", "user_id": owner["id"]}).json["data"]
    api_letter = _letter(notify, service, "REF0000000000001", api_key_id=uuid4(), client_reference="my-ref",
                         key_type=KeyType.NORMAL)
    team_letter = _letter(notify, service, "REF0000000000002", created_by_id=UUID(owner["id"]), job_row_number=0)
    theirs = _letter(notify, other, "REF0000000000003")
    result = admin.post("/letters/returned", json={"references": ["REF0000000000001", "REF0000000000002",
                                                                  "REF0000000000003", "UNKNOWN000000000"]})
    assert (result.status_code, result.json) == (200, {"references": ["REF0000000000001", "REF0000000000002",
                                                                       "REF0000000000003", "UNKNOWN000000000"]})
    assert admin.post("/letters/returned", json={"references": ["REF0000000000001"]}).status_code == 200
    assert {factories.status_of(notify, n) for n in (api_letter, team_letter, theirs)} == {NotificationStatus.RETURNED_LETTER}

    sid = service["id"]
    assert admin.get(f"/service/{sid}/returned-letter-statistics").json == {
        "returned_letter_count": 2, "most_recent_report": "2026-06-15 00:00:00.000000"}
    assert admin.get(f"/service/{sid}/returned-letter-summary").json == [
        {"returned_letter_count": 2, "reported_at": "2026-06-15"}]
    listed = admin.get(f"/service/{sid}/returned-letters", query_string="reported_at=2026-06-15").json
    assert listed["orphaned_count"] == 0
    by_id = {r["notification_id"]: r for r in listed["returned_letters"]}
    assert set(by_id) == {str(api_letter), str(team_letter)}
    assert (by_id[str(api_letter)]["client_reference"], by_id[str(api_letter)]["user_name"]) == ("my-ref", "API")
    assert (by_id[str(team_letter)]["user_name"], by_id[str(team_letter)]["email_address"],
            by_id[str(team_letter)]["job_row_number"]) == ("Owner", "owner@example.gov.uk", 2)
    assert by_id[str(team_letter)]["created_at"] == "2026-06-15 12:00:00.000000"
    assert admin.get(f"/service/{sid}/returned-letters", query_string="reported_at=2026-06-14").json == {
        "returned_letters": [], "orphaned_count": 0}


def test_a_report_older_than_a_week_counts_nothing_but_is_still_the_latest(
        notify: Notify, admin: AdminClient, service: dict[str, Any], clock: FrozenClock) -> None:
    assert admin.get(f"/service/{service['id']}/returned-letter-statistics").json == {
        "returned_letter_count": 0, "most_recent_report": None}
    _letter(notify, service, "REF0000000000001")
    admin.post("/letters/returned", json={"references": ["REF0000000000001"]})
    clock.advance(days=8)
    assert admin.get(f"/service/{service['id']}/returned-letter-statistics").json == {
        "returned_letter_count": 0, "most_recent_report": "2026-06-15 00:00:00.000000"}


def test_letters_no_longer_stored_are_counted_as_orphans(notify: Notify, admin: AdminClient,
                                                         service: dict[str, Any]) -> None:
    gone = _letter(notify, service, "REF0000000000001")
    admin.post("/letters/returned", json={"references": ["REF0000000000001"]})
    with notify.uow() as uow:
        uow.notifications.remove_many([gone])
        uow.commit()
    assert admin.get(f"/service/{service['id']}/returned-letters", query_string="reported_at=2026-06-15").json == {
        "returned_letters": [], "orphaned_count": 1}


def test_bad_reports_and_queries_are_400s_and_unknown_services_404s(admin: AdminClient,
                                                                    service: dict[str, Any]) -> None:
    for body in ({}, {"references": []}, {"references": "REF"}, {"references": [""]}, {"references": [1]}):
        result = admin.post("/letters/returned", json=body)
        assert (result.status_code, result.json["result"]) == (400, "error"), body
    for query in ("", "reported_at=yesterday"):
        result = admin.get(f"/service/{service['id']}/returned-letters", query_string=query)
        assert (result.status_code, result.json["result"]) == (400, "error"), query
    for path in ("returned-letter-statistics", "returned-letter-summary"):
        assert admin.get(f"/service/{uuid4()}/{path}").status_code == 404
    assert admin.get(f"/service/{uuid4()}/returned-letters", query_string="reported_at=2026-06-15").status_code \
        == 404


def test_each_reported_letter_is_posted_to_the_services_returned_letter_callback(
        notify: Notify, owner: dict[str, Any], service: dict[str, Any], clock: FrozenClock) -> None:
    from notify.adapters.callbacks.fake import FakeCallbackSender
    from notify.entrypoints.http import create_app

    sender = FakeCallbackSender()
    admin = AdminClient(create_app(attrs.evolve(notify, callbacks=sender)), clock)
    admin.post(f"/service/{service['id']}/callback-api", json={
        "url": "https://service.example/returned", "bearer_token": "returned-token-1234",
        "updated_by_id": owner["id"], "callback_type": "returned_letter"})
    letter = _letter(notify, service, "REF0000000000001", api_key_id=uuid4(), client_reference="my-ref")
    admin.post("/letters/returned", json={"references": ["REF0000000000001"]})
    assert [(c.url, c.bearer_token) for c in sender.sent] == [("https://service.example/returned",
                                                               "returned-token-1234")]
    assert sender.payloads == [{
        "notification_id": str(letter), "reference": "my-ref", "created_at": "2026-06-15T12:00:00.000000Z",
        "email_address": "API", "template_name": None, "template_id": None, "template_version": None,
        "original_file_name": None, "job_row_number": None, "upload_letter_file_name": None}]

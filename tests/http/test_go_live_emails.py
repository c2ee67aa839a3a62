"""Emails about a request to go live, and the reply-to address check, sent through the platform's own service:
to whom, with what, and when they are refused."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import pytest

from notify.domain.notification import Notification
from notify.usecases import platform_service
from notify.usecases.app import Notify

from ..conftest import AdminClient

UNKNOWN_ID = str(uuid4())
REJECTION = {"name": "Owner", "service_name": "Tax reminders", "organisation_name": "Cabinet Office",
             "reason": "No contact page\nNo privacy notice", "organisation_team_member_name": "Approver",
             "organisation_team_member_email": "approver@example.gov.uk"}
NEXT_STEPS = {"to": "owner@example.gov.uk", "service_name": "Tax reminders", "body": "Send us your plans"}


def platform_emails(notify: Notify, template_id: UUID) -> list[Notification]:
    with notify.uow() as uow:
        return sorted((n for n in uow.notifications.list_for_service(platform_service.SERVICE_ID)
                       if n.template_id == template_id), key=lambda n: n.to)


def user(admin: AdminClient, name: str) -> dict[str, Any]:
    return admin.post("/user", json={"name": name, "email_address": f"{name.lower()}@example.gov.uk",
                                     "password": "a long password"}).json["data"]


@pytest.fixture
def requested(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any]) -> dict[str, Any]:
    """The trial service, in an organisation, that `owner` asked to make live."""
    org = admin.post("/organisations", json={"name": "Cabinet Office", "organisation_type": "central"}).json
    assert admin.post(f"/organisations/{org['id']}/service", json={"service_id": service["id"]}).status_code == 204
    assert admin.post(f"/service/{service['id']}", json={"go_live_user": owner["id"],
                                                          "has_active_go_live_request": True}).status_code == 200
    return org


def test_the_organisations_approvers_are_told_and_the_requester_gets_a_receipt(
        admin: AdminClient, notify: Notify, service: dict[str, Any], requested: dict[str, Any]) -> None:
    approver, bystander = user(admin, "Approver"), user(admin, "Bystander")
    admin.post(f"/organisations/{requested['id']}/users/{approver['id']}",
               json={"permissions": [{"permission": "can_make_services_live"}]})
    admin.post(f"/organisations/{requested['id']}/users/{bystander['id']}", json={"permissions": []})
    result = admin.post(f"/organisations/notify-users-of-request-to-go-live/{service['id']}")
    assert result.status_code == 204
    [asked] = platform_emails(notify, platform_service.GO_LIVE_REQUEST)
    assert asked.to == "approver@example.gov.uk"
    assert {k: asked.personalisation[k] for k in ("name", "requester_name", "service_name", "organisation_name")} \
        == {"name": "Approver", "requester_name": "Owner", "service_name": "Tax reminders",
            "organisation_name": "Cabinet Office"}
    assert asked.personalisation["make_service_live_link"].endswith(f"/services/{service['id']}/make-service-live")
    [receipt] = platform_emails(notify, platform_service.GO_LIVE_RECEIPT)
    assert (receipt.to, receipt.personalisation["organisation_team_member_names"]) == (
        "owner@example.gov.uk", "Approver")


def test_no_approvers_means_no_emails(admin: AdminClient, notify: Notify, service: dict[str, Any],
                                      requested: dict[str, Any]) -> None:
    assert admin.post(f"/organisations/notify-users-of-request-to-go-live/{service['id']}").status_code == 204
    assert platform_emails(notify, platform_service.GO_LIVE_RECEIPT) == []


def test_next_steps_and_a_rejection_reach_the_requester(admin: AdminClient, notify: Notify,
                                                       service: dict[str, Any], requested: dict[str, Any]) -> None:
    base = "/organisations/notify-{}/" + service["id"]
    assert admin.post(base.format("org-member-about-next-steps-of-go-live-request"),
                      json=NEXT_STEPS).status_code == 204
    [steps] = platform_emails(notify, platform_service.GO_LIVE_NEXT_STEPS)
    assert (steps.to, steps.personalisation) == ("owner@example.gov.uk", {"service_name": "Tax reminders",
                                                                          "body": "Send us your plans"})
    assert admin.post(base.format("service-member-of-rejected-go-live-request"), json=REJECTION).status_code == 204
    [rejected] = platform_emails(notify, platform_service.GO_LIVE_REJECTED)
    assert (rejected.to, rejected.personalisation["reason"]) == (
        "owner@example.gov.uk", "^ No contact page\n^ No privacy notice")


def test_without_an_open_request_nothing_is_sent(admin: AdminClient, notify: Notify,
                                                 service: dict[str, Any]) -> None:
    for path, body in [("notify-users-of-request-to-go-live", None),
                       ("notify-org-member-about-next-steps-of-go-live-request", NEXT_STEPS),
                       ("notify-service-member-of-rejected-go-live-request", REJECTION)]:
        refused = admin.post(f"/organisations/{path}/{service['id']}", json=body)
        assert refused.status_code == 400 and refused.json["result"] == "error"
        assert admin.post(f"/organisations/{path}/{UNKNOWN_ID}", json=body).status_code == 404
    with notify.uow() as uow:
        assert uow.notifications.list_for_service(platform_service.SERVICE_ID) == []


@pytest.mark.parametrize("path, body, field", [
    ("notify-org-member-about-next-steps-of-go-live-request", {**NEXT_STEPS, "to": None}, "to"),
    ("notify-org-member-about-next-steps-of-go-live-request", {"to": "a@example.gov.uk"}, "body"),
    ("notify-service-member-of-rejected-go-live-request", {**REJECTION, "reason": 3}, "reason"),
])
def test_a_malformed_go_live_email_is_400(admin: AdminClient, service: dict[str, Any], requested: dict[str, Any],
                                          path: str, body: dict[str, Any], field: str) -> None:
    result = admin.post(f"/organisations/{path}/{service['id']}", json=body)
    assert result.status_code == 400 and field in str(result.json["message"])


def test_a_reply_to_address_is_checked_by_email(admin: AdminClient, notify: Notify,
                                                service: dict[str, Any]) -> None:
    path = f"/service/{service['id']}/email-reply-to/verify"
    result = admin.post(path, json={"email": "replies@example.gov.uk"})
    assert result.status_code == 201
    [check] = platform_emails(notify, platform_service.REPLY_TO_VERIFICATION)
    assert (str(check.id), check.to) == (result.json["data"]["id"], "replies@example.gov.uk")
    admin.post(f"/service/{service['id']}/email-reply-to", json={"email_address": "replies@example.gov.uk"})
    assert admin.post(path, json={"email": "REPLIES@example.gov.uk"}).status_code == 409  # the service has it
    assert admin.post(path, json={"email": "not an address"}).status_code == 400
    assert admin.post(path, json={}).status_code == 400
    assert admin.post(f"/service/{UNKNOWN_ID}/email-reply-to/verify",
                      json={"email": "replies@example.gov.uk"}).status_code == 404
    assert len(platform_emails(notify, platform_service.REPLY_TO_VERIFICATION)) == 1

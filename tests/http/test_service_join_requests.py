"""Requests to join a service through the admin API: the members asked are emailed by the platform's own
service, a member approves (the requester joins with the permissions given) or rejects, once; another
service's ids are 404s; on every store."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from notify.usecases import platform_service
from notify.usecases.app import Notify

from ..conftest import AdminClient


@pytest.fixture
def requester(admin: AdminClient) -> dict[str, Any]:
    return admin.post("/user", json={"name": "Joiner", "email_address": "joiner@example.gov.uk",
                                     "password": "a long password"}).json["data"]


def ask(admin: AdminClient, service: dict[str, Any], requester: dict[str, Any], contacted: list[str]) -> Any:
    return admin.post(f"/service/{service['id']}/service-join-request", json={
        "requester_id": requester["id"], "contacted_user_ids": contacted, "reason": "I run the reminders",
        "invite_link_host": "https://admin.example"})


def test_a_request_emails_the_members_asked_and_approval_adds_the_requester(
        admin: AdminClient, notify: Notify, service: dict[str, Any], owner: dict[str, Any],
        requester: dict[str, Any]) -> None:
    made = ask(admin, service, requester, [owner["id"]])
    assert made.status_code == 201
    request_id = made.json["service_join_request_id"]
    with notify.uow() as uow:
        [sent] = [n for n in uow.notifications.list_for_service(platform_service.SERVICE_ID)
                  if n.template_id == platform_service.JOIN_REQUEST]
    assert sent.to == owner["email_address"]
    assert sent.personalisation["url"] == (
        f"https://admin.example/services/{service['id']}/join-request/{request_id}/approve")
    read = admin.get(f"/service/{service['id']}/service-join-request/{request_id}").json
    assert (read["status"], read["requester"]["id"], read["contacted_service_users"], read["reason"]) == (
        "pending", requester["id"], [owner["id"]], "I run the reminders")
    approved = admin.post(f"/service/{service['id']}/service-join-request/{request_id}", json={
        "status": "approved", "status_changed_by_id": owner["id"], "permissions": ["send_messages"]})
    assert approved.status_code == 200
    assert approved.json["status"] == "approved" and approved.json["status_changed_by"]["id"] == owner["id"]
    joined = admin.get(f"/user/{requester['id']}").json["data"]
    assert joined["permissions"][service["id"]] == ["send_messages"]
    again = admin.post(f"/service/{service['id']}/service-join-request/{request_id}",
                       json={"status": "rejected", "status_changed_by_id": owner["id"]})
    assert again.status_code == 400


def test_scoping_and_bad_input(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any],
                               requester: dict[str, Any]) -> None:
    request_id = ask(admin, service, requester, [owner["id"]]).json["service_join_request_id"]
    other = admin.post("/service", json={"name": "Other", "user_id": owner["id"]}).json["data"]
    assert admin.get(f"/service/{other['id']}/service-join-request/{request_id}").status_code == 404
    assert admin.post(f"/service/{other['id']}/service-join-request/{request_id}",
                      json={"status": "approved", "status_changed_by_id": owner["id"]}).status_code == 404
    assert admin.post(f"/service/{service['id']}/service-join-request/{request_id}",  # not a member
                      json={"status": "approved", "status_changed_by_id": requester["id"]}).status_code == 400
    assert admin.get(f"/user/{requester['id']}").json["data"]["services"] == []
    assert ask(admin, service, requester, [requester["id"]]).status_code == 400  # asked someone outside
    assert ask(admin, service, requester, []).status_code == 400
    assert ask(admin, service, requester, ["nope"]).status_code == 400
    assert admin.post(f"/service/{service['id']}/service-join-request/{request_id}",
                      json={"status": "maybe", "status_changed_by_id": owner["id"]}).status_code == 400
    assert admin.get(f"/service/{service['id']}/service-join-request/{uuid4()}").status_code == 404

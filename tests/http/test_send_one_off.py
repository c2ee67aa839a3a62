"""POST /service/{id}/send-notification: one message a team member sends from a template, by the rules of an
API send with a live key; recorded as theirs; refused for outsiders, other services' templates and bad bodies."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from ..conftest import AdminClient


@pytest.fixture
def email_template(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any]) -> dict[str, Any]:
    result = admin.post(f"/service/{service['id']}/template", json={
        "name": "Reminder", "template_type": "email", "subject": "Tax", "content": "Hello ((name))",
        "created_by": owner["id"]})
    assert result.status_code == 201, result.json
    return result.json["data"]


def send(admin: AdminClient, service: dict[str, Any], template: dict[str, Any], by: str, **kw: Any) -> Any:
    return admin.post(f"/service/{service['id']}/send-notification", json={
        "template_id": template["id"], "to": "owner@example.gov.uk", "personalisation": {"name": "Ada"},
        "created_by": by, **kw})


def test_a_team_member_sends_one_message_recorded_as_theirs(admin: AdminClient, service: dict[str, Any],
                                                            owner: dict[str, Any],
                                                            email_template: dict[str, Any]) -> None:
    sent = send(admin, service, email_template, owner["id"])
    assert sent.status_code == 201 and set(sent.json) == {"id"}
    shown = admin.get(f"/service/{service['id']}/notifications/{sent.json['id']}").json
    assert (shown["to"], shown["key_type"], shown["template"]["id"], shown["created_by"]["id"],
            shown["created_by"]["name"], shown["personalisation"]) == (
        "owner@example.gov.uk", "normal", email_template["id"], owner["id"], "Owner", {"name": "Ada"})


def test_the_reply_to_address_chosen_is_used(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any],
                                             email_template: dict[str, Any]) -> None:
    reply_to = admin.post(f"/service/{service['id']}/email-reply-to",
                          json={"email_address": "replies@example.gov.uk"}).json["data"]
    sent = send(admin, service, email_template, owner["id"], sender_id=reply_to["id"])
    assert sent.status_code == 201
    shown = admin.get(f"/service/{service['id']}/notifications/{sent.json['id']}").json
    assert shown["reply_to_text"] == "replies@example.gov.uk"
    unknown = send(admin, service, email_template, owner["id"], sender_id=str(uuid4()))
    assert unknown.status_code == 400 and "does not exist" in str(unknown.json["message"])


def test_refused_for_outsiders_other_services_templates_and_trial_mode_strangers(
        admin: AdminClient, service: dict[str, Any], owner: dict[str, Any],
        email_template: dict[str, Any]) -> None:
    stranger = admin.post("/user", json={"name": "Stranger", "email_address": "stranger@example.gov.uk",
                                         "password": "a long password"}).json["data"]
    outsider = send(admin, service, email_template, stranger["id"])
    assert (outsider.status_code, outsider.json["message"]) == (
        400, "Can’t create notification - Stranger is not part of the \"Tax reminders\" service")
    other = admin.post("/service", json={"name": "Other", "user_id": stranger["id"]}).json["data"]
    assert send(admin, other, email_template, stranger["id"]).status_code == 404  # not the other service's
    assert send(admin, service, email_template, owner["id"], to="someone@example.com").status_code == 400
    assert admin.get(f"/service/{service['id']}/notifications").json["notifications"] == []


@pytest.mark.parametrize("change, field", [
    ({"template_id": "not-a-uuid"}, "template_id"),
    ({"to": None}, "to"),
    ({"to": ""}, "to"),
    ({"created_by": None}, "created_by"),
    ({"personalisation": "name"}, "personalisation"),
])
def test_a_malformed_send_is_400(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any],
                                 email_template: dict[str, Any], change: dict[str, Any], field: str) -> None:
    result = send(admin, service, email_template, owner["id"], **change)
    assert result.status_code == 400 and result.json["result"] == "error" and field in str(result.json["message"])


def test_the_notification_list_takes_its_filters_posted_as_json(admin: AdminClient, service: dict[str, Any],
                                                                owner: dict[str, Any],
                                                                email_template: dict[str, Any]) -> None:
    sent = send(admin, service, email_template, owner["id"]).json["id"]
    base = f"/service/{service['id']}/notifications"

    def listed(filters: Any) -> list[str]:
        result = admin.post(base, json=filters)
        assert result.status_code == 200, result.json
        return [n["id"] for n in result.json["notifications"]]

    assert listed({}) == [sent] == listed({"template_type": "email", "status": ["created", "sending"],
                                           "include_jobs": True, "page": 1, "unknown": "ignored"})
    assert listed({"template_type": ["sms"]}) == [] == listed({"status": "delivered"})
    assert admin.post(base, json={"page": 0}).status_code == 400
    assert admin.post(base, json={"status": ["lost"]}).status_code == 400
    assert admin.post(base, json=["not", "an", "object"]).status_code == 400
    stranger = admin.post("/user", json={"name": "Stranger", "email_address": "stranger@example.gov.uk",
                                         "password": "a long password"}).json["data"]
    other = admin.post("/service", json={"name": "Other", "user_id": stranger["id"]}).json["data"]
    assert admin.post(f"/service/{other['id']}/notifications", json={}).json["notifications"] == []

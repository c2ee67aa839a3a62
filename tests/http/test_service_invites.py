"""Invitations to join a service through the admin API: made, emailed by the platform's own service with a
signed link that expires after two days, read back by token or id, status changed, scoped to their service,
and accepted with their permissions carried over; on every store."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import pytest

from notify.testing import FrozenClock
from notify.usecases import invites, platform_service
from notify.usecases.app import Notify

from ..conftest import AdminClient

PERMISSIONS = "send_messages,manage_templates"


def invite(admin: AdminClient, to: dict[str, Any], owner: dict[str, Any], **fields: Any) -> Any:
    return admin.post(f"/service/{to['id']}/invite", json={
        "service": to["id"], "email_address": "new.person@example.gov.uk", "from_user": owner["id"],
        "permissions": PERMISSIONS, "auth_type": "email_auth", "invite_link_host": "https://admin.example",
        **fields})


def emailed_token(notify: Notify) -> str:
    with notify.uow() as uow:
        [sent] = [n for n in uow.notifications.list_for_service(platform_service.SERVICE_ID)
                  if n.template_id == platform_service.SERVICE_INVITE]
    assert sent.to == "new.person@example.gov.uk"
    url = sent.personalisation["url"]
    assert url.startswith("https://admin.example/invitation/")
    return str(url.rsplit("/", 1)[1])


def test_an_invitation_is_stored_and_emailed_with_a_link(admin: AdminClient, notify: Notify,
                                                         service: dict[str, Any], owner: dict[str, Any]) -> None:
    result = invite(admin, service, owner, folder_permissions=[str(uuid4())])
    assert result.status_code == 201
    data = result.json["data"]
    assert (data["service"], data["from_user"], data["email_address"], data["permissions"], data["status"],
            data["auth_type"]) == (service["id"], owner["id"], "new.person@example.gov.uk", PERMISSIONS,
                                   "pending", "email_auth")
    assert len(data["folder_permissions"]) == 1
    token = emailed_token(notify)
    for path in (f"/invite/service/{token}", f"/invite/service/check/{token}", f"/invite/service/{data['id']}"):
        read = admin.get(path)
        assert read.status_code == 200 and read.json["data"] == data
    assert admin.get(f"/service/{service['id']}/invite").json["data"] == [data]
    assert admin.get(f"/service/{service['id']}/invite/{data['id']}").json["data"] == data


def test_broken_and_expired_links_answer_in_notify_words(admin: AdminClient, notify: Notify, clock: FrozenClock,
                                                         service: dict[str, Any], owner: dict[str, Any]) -> None:
    invite(admin, service, owner)
    token = emailed_token(notify)
    broken = admin.get(f"/invite/service/check/{token[:-3]}abc")
    assert broken.status_code == 400 and broken.json["message"] == {"invitation": [invites.BROKEN_LINK_MESSAGE]}
    clock.advance(days=2, seconds=1)
    expired = admin.get(f"/invite/service/{token}")
    assert expired.status_code == 400 and expired.json["message"] == {"invitation": [invites.EXPIRED_MESSAGE]}


def test_status_changes_and_another_services_ids_are_404(admin: AdminClient, service: dict[str, Any],
                                                         owner: dict[str, Any]) -> None:
    made = invite(admin, service, owner).json["data"]
    other = admin.post("/service", json={"name": "Other", "user_id": owner["id"]}).json["data"]
    assert admin.get(f"/service/{other['id']}/invite/{made['id']}").status_code == 404
    assert admin.post(f"/service/{other['id']}/invite/{made['id']}", json={"status": "cancelled"}).status_code == 404
    assert admin.get(f"/service/{other['id']}/invite").json["data"] == []
    cancelled = admin.post(f"/service/{service['id']}/invite/{made['id']}", json={"status": "cancelled"})
    assert cancelled.status_code == 200 and cancelled.json["data"]["status"] == "cancelled"
    assert admin.post(f"/service/{service['id']}/invite/{made['id']}", json={"status": "lost"}).status_code == 400
    assert admin.get(f"/invite/service/{uuid4()}").status_code == 404
    assert admin.get(f"/service/{uuid4()}/invite").status_code == 404


@pytest.mark.parametrize("fields, field", [
    ({"email_address": "not an address"}, None),
    ({"permissions": "send_messages,fly"}, "permissions"),
    ({"from_user": "nope"}, "from_user"),
    ({"auth_type": "pigeon"}, "auth_type"),
    ({"service": str(uuid4())}, "service"),
])
def test_bad_invitations_are_refused(admin: AdminClient, service: dict[str, Any], owner: dict[str, Any],
                                     fields: dict[str, Any], field: str | None) -> None:
    result = invite(admin, service, owner, **fields)
    assert result.status_code == 400 and result.json["result"] == "error"
    if field:
        assert field in result.json["message"]
    assert admin.get(f"/service/{service['id']}/invite").json["data"] == []


def test_accepting_carries_the_permissions_over(admin: AdminClient, notify: Notify, service: dict[str, Any],
                                                owner: dict[str, Any]) -> None:
    folder = uuid4()
    made = invite(admin, service, owner, folder_permissions=[str(folder)]).json["data"]
    joiner = admin.post("/user", json={"name": "New", "email_address": "New.Person@example.gov.uk",
                                       "password": "a long password"}).json["data"]
    accepted = invites.accept_invite(notify, UUID(made["id"]), UUID(joiner["id"]))
    assert accepted.status.value == "accepted"
    with notify.uow() as uow:
        member = uow.service_users.find(UUID(service["id"]), UUID(joiner["id"]))
    assert member is not None and member.permissions == frozenset(PERMISSIONS.split(","))
    assert admin.get(f"/service/{service['id']}/invite/{made['id']}").json["data"]["status"] == "accepted"
    from notify.domain import errors
    with pytest.raises(errors.InvalidRequest):  # used up
        invites.accept_invite(notify, UUID(made["id"]), UUID(joiner["id"]))

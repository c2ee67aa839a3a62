"""Invitations to an organisation's team through the admin API: made, emailed by the platform's own service
with a signed two-day link, read back by token or id, status changed, scoped to their organisation; on every
store."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from notify.testing import FrozenClock
from notify.usecases import invites, platform_service
from notify.usecases.app import Notify

from ..conftest import AdminClient


@pytest.fixture
def organisation(admin: AdminClient) -> dict[str, Any]:
    return admin.post("/organisations", json={"name": "Org", "organisation_type": "central"}).json


def invite(admin: AdminClient, organisation: dict[str, Any], owner: dict[str, Any], **fields: Any) -> Any:
    return admin.post(f"/organisation/{organisation['id']}/invite", json={
        "email_address": "new.person@example.gov.uk", "invited_by": owner["id"],
        "invite_link_host": "https://admin.example", **fields})


def emailed_token(notify: Notify) -> str:
    with notify.uow() as uow:
        [sent] = [n for n in uow.notifications.list_for_service(platform_service.SERVICE_ID)
                  if n.template_id == platform_service.ORGANISATION_INVITE]
    assert sent.to == "new.person@example.gov.uk" and sent.personalisation["organisation_name"] == "Org"
    url = sent.personalisation["url"]
    assert url.startswith("https://admin.example/organisation-invitation/")
    return str(url.rsplit("/", 1)[1])


def test_an_organisation_invitation_is_stored_emailed_and_read_back(
        admin: AdminClient, notify: Notify, organisation: dict[str, Any], owner: dict[str, Any]) -> None:
    result = invite(admin, organisation, owner)
    assert result.status_code == 201
    data = result.json["data"]
    assert (data["organisation"], data["invited_by"], data["email_address"], data["status"]) == (
        organisation["id"], owner["id"], "new.person@example.gov.uk", "pending")
    token = emailed_token(notify)
    for path in (f"/invite/organisation/{token}", f"/invite/organisation/check/{token}",
                 f"/invite/organisation/{data['id']}"):
        read = admin.get(path)
        assert read.status_code == 200 and read.json["data"] == data
    assert admin.get(f"/organisation/{organisation['id']}/invite").json["data"] == [data]
    assert admin.get(f"/organisation/{organisation['id']}/invite/{data['id']}").json["data"] == data
    changed = admin.post(f"/organisation/{organisation['id']}/invite/{data['id']}", json={"status": "accepted"})
    assert changed.status_code == 200 and changed.json["data"]["status"] == "accepted"


def test_links_expire_and_service_links_are_not_organisation_links(
        admin: AdminClient, notify: Notify, clock: FrozenClock, organisation: dict[str, Any],
        owner: dict[str, Any], service: dict[str, Any]) -> None:
    invite(admin, organisation, owner)
    token = emailed_token(notify)
    wrong_kind = admin.get(f"/invite/service/check/{token}")
    assert wrong_kind.status_code == 400 and wrong_kind.json["message"] == {
        "invitation": [invites.BROKEN_LINK_MESSAGE]}
    clock.advance(days=2, seconds=1)
    expired = admin.get(f"/invite/organisation/check/{token}")
    assert expired.status_code == 400 and expired.json["message"] == {"invitation": [invites.EXPIRED_MESSAGE]}


def test_another_organisations_ids_and_bad_input(admin: AdminClient, organisation: dict[str, Any],
                                                owner: dict[str, Any]) -> None:
    made = invite(admin, organisation, owner).json["data"]
    other = admin.post("/organisations", json={"name": "Other", "organisation_type": "local"}).json
    assert admin.get(f"/organisation/{other['id']}/invite/{made['id']}").status_code == 404
    assert admin.post(f"/organisation/{other['id']}/invite/{made['id']}",
                      json={"status": "cancelled"}).status_code == 404
    assert admin.get(f"/organisation/{other['id']}/invite").json["data"] == []
    assert admin.get(f"/organisation/{uuid4()}/invite").status_code == 404
    assert admin.get(f"/invite/organisation/{uuid4()}").status_code == 404
    for fields in ({"email_address": "nope"}, {"invited_by": "nope"}, {"invited_by": str(uuid4())}):
        result = invite(admin, organisation, owner, **fields)
        assert result.status_code in (400, 404) and result.json["result"] == "error"
    assert invite(admin, organisation, owner, invited_by="nope").status_code == 400
    assert admin.post(f"/organisation/{organisation['id']}/invite/{made['id']}",
                      json={"status": "lost"}).status_code == 400

"""A service's team: a member invites someone by email, who opens the emailed link in another browser, makes an
account, signs in and sees only what the invitation allowed; permissions changed; members removed, never the
last one."""

from __future__ import annotations

import re

import falcon

from notify.embedded import Platform

from .conftest import Browser, sign_in
from .test_templates import new_service


def test_an_invitation_is_accepted_in_another_browser_with_its_permissions(
        signed_in: Browser, platform: Platform, app: falcon.App) -> None:  # type: ignore[type-arg]
    service_id = new_service(signed_in)
    team = f"/admin-ui/services/{service_id}/team"
    assert "ada@example.gov.uk" in signed_in.get(team).text
    signed_in.get(team + "/invite")
    invited = signed_in.post(team + "/invite", {"email_address": "bob@example.gov.uk",
                                                "permission-view_activity": "on", "permission-send_messages": "on"})
    assert invited.status_code == 303
    assert "bob@example.gov.uk" in re.search(r'id="invited">(.*?)</ul>', signed_in.get(team).text, re.S).group(1)
    link = re.search(r"(/admin-ui/invitation/\S+)", platform.outbox[-1].content)
    assert link and platform.outbox[-1].to == "bob@example.gov.uk"

    bob = Browser(app)
    bob.get(link.group(1))
    assert bob.post(link.group(1), {"name": "", "password": "short"}).status_code == 400
    assert bob.post(link.group(1), {"name": "Bob", "password": "a long password"}).status_code == 303
    assert bob.get(link.group(1)).status_code == 404  # used up
    sign_in(bob, platform, "bob@example.gov.uk", "a long password")
    page = bob.get(team)
    assert page.status_code == 200 and "Bob" in page.text and "Invite a team member" not in page.text
    assert "See dashboard and activity, Send messages" in page.text
    assert bob.get(team + "/invite").status_code == 403
    assert bob.get(f"/admin-ui/services/{service_id}/templates/new?type=sms").status_code == 403
    assert bob.get(f"/admin-ui/services/{service_id}/activity").status_code == 200

    bob_id = re.search(r'/team/([0-9a-f-]{36})">Change<span class="visually-hidden"> Bob', signed_in.get(team).text)
    assert bob_id
    member = f"{team}/{bob_id.group(1)}"
    signed_in.get(member)
    assert signed_in.post(member, {"permission-manage_templates": "on", "action": "save"}).status_code == 303
    assert bob.get(f"/admin-ui/services/{service_id}/templates/new?type=sms").status_code == 200
    assert bob.get(f"/admin-ui/services/{service_id}/activity").status_code == 403
    signed_in.get(member)
    assert signed_in.post(member, {"action": "remove"}).status_code == 303
    assert bob.get(team).status_code == 404

    ada_id = re.search(r'/team/([0-9a-f-]{36})">Change', signed_in.get(team).text)
    assert ada_id
    signed_in.get(f"{team}/{ada_id.group(1)}")
    last = signed_in.post(f"{team}/{ada_id.group(1)}", {"action": "remove"})
    assert last.status_code == 400 and "cannot be removed" in last.text

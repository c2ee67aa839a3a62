"""A user's own account through the admin API: new password, search by email, and the account emails (sent by
the platform's own service) whose links carry signed, expiring tokens; on every store."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import uuid4

import pytest

from notify.domain import errors
from notify.testing import FrozenClock
from notify.usecases import account_links, platform_service
from notify.usecases.app import Notify

from ..conftest import AdminClient

PASSWORD = "a long password"


@pytest.fixture
def user(admin: AdminClient) -> dict[str, Any]:
    return admin.post("/user", json={"name": "Ada", "email_address": "ada@example.gov.uk",
                                     "password": PASSWORD, "mobile_number": "07700900123"}).json["data"]


def last_sent(notify: Notify, template_id: Any) -> Any:
    """The platform service's message from this template (one a test; sends share the frozen clock's time)."""
    with notify.uow() as uow:
        [found] = [n for n in uow.notifications.list_for_service(platform_service.SERVICE_ID)
                   if n.template_id == template_id]
        return found


def token_in(url: str, after: str) -> str:
    return url.split(after, 1)[1].split("?")[0]


def test_update_password_replaces_the_password(admin: AdminClient, user: dict[str, Any]) -> None:
    result = admin.post(f"/user/{user['id']}/update-password", json={"_password": "a new long password"})
    assert result.status_code == 200 and result.json["data"]["id"] == user["id"]
    assert result.json["data"]["password_changed_at"] is not None
    assert admin.post(f"/user/{user['id']}/verify/password", json={"password": PASSWORD}).status_code == 400
    assert admin.post(f"/user/{user['id']}/verify/password",
                      json={"password": "a new long password"}).status_code == 204


def test_a_password_reset_by_link_proves_email_access(admin: AdminClient, user: dict[str, Any]) -> None:
    result = admin.post(f"/user/{user['id']}/update-password",
                        json={"_password": "a new long password", "validated_email_access": True})
    assert result.json["data"]["email_access_validated_at"] is not None


@pytest.mark.parametrize("body", [{}, {"_password": ""}, {"_password": 5}, {"password": "x"}])
def test_bad_new_passwords_are_refused(admin: AdminClient, user: dict[str, Any], body: dict[str, Any]) -> None:
    result = admin.post(f"/user/{user['id']}/update-password", json=body)
    assert result.status_code == 400 and result.json["result"] == "error"


def test_unknown_user_password_is_404(admin: AdminClient) -> None:
    assert admin.post(f"/user/{uuid4()}/update-password", json={"_password": "x y z"}).status_code == 404


def test_find_users_by_part_of_their_email(admin: AdminClient, user: dict[str, Any]) -> None:
    admin.post("/user", json={"name": "Bo", "email_address": "bo@other.gov.uk", "password": PASSWORD})
    result = admin.post("/user/find-users-by-email", json={"email": "EXAMPLE"})
    assert result.status_code == 200
    assert result.json["data"] == [{"id": user["id"], "name": "Ada", "email_address": "ada@example.gov.uk",
                                    "mobile_number": "07700900123"}]
    assert admin.post("/user/find-users-by-email", json={"email": "nobody"}).json["data"] == []
    assert admin.post("/user/find-users-by-email", json={}).status_code == 400


def test_password_reset_emails_a_signed_expiring_link(admin: AdminClient, notify: Notify, clock: FrozenClock,
                                                      user: dict[str, Any]) -> None:
    result = admin.post("/user/reset-password", json={"email": "ADA@example.gov.uk",
                                                      "admin_base_url": "https://admin.example", "next": "/x"})
    assert result.status_code == 204
    sent = last_sent(notify, platform_service.PASSWORD_RESET)
    assert sent.to == "ada@example.gov.uk"
    url = sent.personalisation["url"]
    assert url.startswith("https://admin.example/new-password/") and url.endswith("?next=%2Fx")
    token = token_in(url, "/new-password/")
    assert account_links.read_token(notify, account_links.PASSWORD_RESET, token)["email"] == "ada@example.gov.uk"
    with pytest.raises(errors.InvalidToken):  # one kind of link is never another
        account_links.read_token(notify, account_links.CHANGE_EMAIL, token)
    with pytest.raises(errors.InvalidToken):
        account_links.read_token(notify, account_links.PASSWORD_RESET, token[:-2] + "xx")
    clock.advance(days=1, seconds=1)
    with pytest.raises(errors.InvalidToken):
        account_links.read_token(notify, account_links.PASSWORD_RESET, token)


def test_password_reset_for_an_unknown_address_is_404(admin: AdminClient, notify: Notify) -> None:
    assert admin.post("/user/reset-password", json={"email": "nobody@example.gov.uk"}).status_code == 404
    assert admin.post("/user/reset-password", json={}).status_code == 400


def test_email_verification_and_change_links(admin: AdminClient, notify: Notify, user: dict[str, Any]) -> None:
    assert admin.post(f"/user/{user['id']}/email-verification", json={}).status_code == 204
    sent = last_sent(notify, platform_service.EMAIL_VERIFICATION)
    assert sent.to == "ada@example.gov.uk"
    token = token_in(sent.personalisation["url"], "/verify-email/")
    assert account_links.read_token(notify, account_links.EMAIL_VERIFICATION, token) == {
        "user_id": user["id"], "email": "ada@example.gov.uk"}

    result = admin.post(f"/user/{user['id']}/change-email-verification", json={"email": "ada.new@example.gov.uk"})
    assert result.status_code == 204
    sent = last_sent(notify, platform_service.CHANGE_EMAIL)
    assert sent.to == "ada.new@example.gov.uk"
    token = token_in(sent.personalisation["url"], "/user-profile/email/confirm/")
    assert account_links.read_token(notify, account_links.CHANGE_EMAIL, token) == {
        "user_id": user["id"], "email": "ada.new@example.gov.uk"}
    assert admin.post(f"/user/{user['id']}/change-email-verification",
                      json={"email": "not an address"}).status_code == 400
    assert admin.post(f"/user/{uuid4()}/email-verification", json={}).status_code == 404


def test_email_already_registered_tells_the_owner(admin: AdminClient, notify: Notify, user: dict[str, Any]) -> None:
    result = admin.post(f"/user/{user['id']}/email-already-registered", json={"email": "ada@example.gov.uk"})
    assert result.status_code == 204
    sent = last_sent(notify, platform_service.ALREADY_REGISTERED)
    assert sent.to == "ada@example.gov.uk"
    assert sent.personalisation["signin_url"].endswith("/sign-in")

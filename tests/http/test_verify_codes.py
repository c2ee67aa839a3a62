"""Sign-in codes through the admin API: sent by the platform's own service (a stored notification on it, with
the code or link in its personalisation), stored only hashed, good once, expiring, limited, and counted as
failed logins when wrong; on every store."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import pytest

from notify.domain.constants import NotificationType
from notify.domain.verify_code import CodeType
from notify.testing import FrozenClock
from notify.usecases import platform_service
from notify.usecases.app import Notify

from ..conftest import AdminClient

PHONE = "07700900123"


@pytest.fixture
def user(admin: AdminClient) -> dict[str, Any]:
    return admin.post("/user", json={"name": "Ada", "email_address": "ada@example.gov.uk",
                                     "password": "a long password", "mobile_number": PHONE}).json["data"]


def sent(notify: Notify) -> list[Any]:
    """What the platform's own service has sent, oldest first."""
    with notify.uow() as uow:
        return list(reversed(uow.notifications.list_for_service(platform_service.SERVICE_ID)))


def sms_code(admin: AdminClient, notify: Notify, user_id: str, **body: Any) -> str:
    assert admin.post(f"/user/{user_id}/sms-code", json=body).status_code == 204
    return str(sent(notify)[-1].personalisation["verify_code"])


def verify(admin: AdminClient, user_id: str, code: str, code_type: str = "sms") -> Any:
    return admin.post(f"/user/{user_id}/verify/code", json={"code": code, "code_type": code_type})


def test_an_sms_code_is_texted_by_the_platform_service_and_signs_the_user_in(
        admin: AdminClient, notify: Notify, user: dict[str, Any]) -> None:
    code = sms_code(admin, notify, user["id"])
    [message] = sent(notify)
    assert message.notification_type is NotificationType.SMS
    assert message.template_id == platform_service.SMS_CODE and message.to == PHONE
    assert len(code) == 5 and code.isdigit()
    with notify.uow() as uow:
        [stored] = uow.verify_codes.list_for_user(UUID(user["id"]), CodeType.SMS)
        assert code not in stored.code_hash
    assert verify(admin, user["id"], code).status_code == 204
    signed_in = admin.get(f"/user/{user['id']}").json["data"]
    assert signed_in["current_session_id"] is not None and signed_in["logged_in_at"] is not None
    assert signed_in["failed_login_count"] == 0
    again = verify(admin, user["id"], code)  # good once
    assert again.status_code == 400 and again.json["message"] == {"code": ["Code has expired"]}


def test_the_code_goes_to_the_number_given(admin: AdminClient, notify: Notify, user: dict[str, Any]) -> None:
    sms_code(admin, notify, user["id"], to="07700900456")
    assert sent(notify)[-1].to == "07700900456"


def test_an_expired_code_is_refused_and_counted(admin: AdminClient, notify: Notify, clock: FrozenClock,
                                               user: dict[str, Any]) -> None:
    code = sms_code(admin, notify, user["id"])
    clock.advance(minutes=31)
    result = verify(admin, user["id"], code)
    assert result.status_code == 400 and result.json["message"] == {"code": ["Code has expired"]}
    assert admin.get(f"/user/{user['id']}").json["data"]["failed_login_count"] == 1


def test_a_wrong_code_is_not_found_and_counted_until_the_user_is_locked(
        admin: AdminClient, notify: Notify, user: dict[str, Any]) -> None:
    code = sms_code(admin, notify, user["id"])
    wrong = "00000" if code != "00000" else "11111"
    for _ in range(10):
        result = verify(admin, user["id"], wrong)
        assert result.status_code == 404 and result.json["message"] == "Code not found"
    assert admin.get(f"/user/{user['id']}").json["data"]["failed_login_count"] == 10
    locked = verify(admin, user["id"], code)  # locked: even the right code is refused
    assert locked.status_code == 404 and locked.json["message"] == "Code not found"
    assert admin.post(f"/user/{user['id']}/reset-failed-login-count").status_code == 200
    assert verify(admin, user["id"], code).status_code == 204


def test_no_more_than_five_unused_codes_are_sent(admin: AdminClient, notify: Notify, user: dict[str, Any]) -> None:
    for _ in range(7):
        assert admin.post(f"/user/{user['id']}/sms-code", json={}).status_code == 204
    assert len(sent(notify)) == 5


def test_an_email_code_is_a_sign_in_link(admin: AdminClient, notify: Notify, user: dict[str, Any]) -> None:
    result = admin.post(f"/user/{user['id']}/email-code",
                        json={"email_auth_link_host": "https://admin.example", "next": "/services/1"})
    assert result.status_code == 204
    [message] = sent(notify)
    assert message.notification_type is NotificationType.EMAIL and message.to == "ada@example.gov.uk"
    url = message.personalisation["url"]
    prefix = f"https://admin.example/email-auth/{user['id']}/"
    assert url.startswith(prefix) and url.endswith("?next=%2Fservices%2F1")
    code = url[len(prefix):].split("?")[0]
    assert verify(admin, user["id"], code, "sms").status_code == 404  # an email code is not an sms code
    assert verify(admin, user["id"], code, "email").status_code == 204
    assert admin.get(f"/user/{user['id']}").json["data"]["email_access_validated_at"] is not None


@pytest.mark.parametrize("body, field", [
    ({"code_type": "sms"}, "code"),
    ({"code": "12345"}, "code_type"),
    ({"code": "12345", "code_type": "pigeon"}, "code_type"),
    ({"code": "12345", "code_type": "sms", "extra": 1}, "extra"),
])
def test_bad_verify_bodies_are_refused(admin: AdminClient, user: dict[str, Any], body: dict[str, Any],
                                       field: str) -> None:
    result = admin.post(f"/user/{user['id']}/verify/code", json=body)
    assert result.status_code == 400 and field in result.json["message"]


def test_unknown_users_and_code_types(admin: AdminClient, user: dict[str, Any]) -> None:
    assert admin.post(f"/user/{uuid4()}/sms-code", json={}).status_code == 404
    assert admin.post(f"/user/{uuid4()}/verify/code", json={"code": "12345", "code_type": "sms"}).status_code == 404
    result = admin.post(f"/user/{user['id']}/pigeon-code", json={})
    assert result.status_code == 400 and "code_type" in result.json["message"]
    assert admin.post("/user/not-a-uuid/sms-code", json={}).status_code in (400, 404)

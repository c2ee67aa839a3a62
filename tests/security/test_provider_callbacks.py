"""Forged provider callbacks: a delivery receipt or an inbound text is only believed from the provider it names,
with that provider's credentials. No credentials is a 401, wrong ones a 403, a provider that is not wired a 404,
and none of them changes anything."""

from __future__ import annotations

from uuid import UUID

import falcon.testing
import pytest

from notify.bootstrap import build_notify, open_stores, start_background, stop_background
from notify.config import Settings
from notify.domain.constants import NotificationStatus
from notify.entrypoints.http import create_app
from notify.ports.provider_callbacks import ProviderCallback
from notify.usecases.app import Notify

from ..fakes import PROVIDER_AUTH, PROVIDER_TOKEN
from ..v2.conftest import Fakes, World

RECEIPT = "/notifications/sms/fake/fake-sms"
INBOUND = "/notifications/sms/receive/fake"


def _held(world: World, fakes: Fakes) -> UUID:
    """A notification handed to the fake SMS provider, whose own receipt is held (receipt_delay=None): `sending`
    until a receipt is posted."""
    sent = world.client().post("/v2/notifications/sms", json={"phone_number": "07700900123",
                                                               "template_id": str(world.sms.id),
                                                               "personalisation": {"name": "Jo"}})
    assert sent.status_code == 201, sent.json
    return UUID(sent.json["id"])


def _status(notify: Notify, notification_id: UUID) -> NotificationStatus:
    with notify.uow() as uow:
        found = uow.notifications.find(notification_id)
        assert found is not None
        return found.status


@pytest.mark.parametrize("path, headers, status", [
    (RECEIPT, {}, 401),
    (RECEIPT, {"Authorization": "Bearer not-the-token"}, 403),
    (RECEIPT, {"Authorization": PROVIDER_TOKEN}, 401),  # not the bearer scheme
    ("/notifications/sms/fake/someone-else", PROVIDER_AUTH, 404),
    ("/notifications/sms/fake/someone-else", {}, 404),
    ("/notifications/sms/fake/fake-sms%20", PROVIDER_AUTH, 404),
    ("/notifications/parcel/fake/fake-sms", PROVIDER_AUTH, 404),
])
def test_a_receipt_without_the_providers_credentials_changes_nothing(
        world: World, fakes: Fakes, path: str, headers: dict[str, str], status: int) -> None:
    notification_id = _held(world, fakes)
    before = _status(world.notify, notification_id)
    assert before is NotificationStatus.SENDING
    result = falcon.testing.TestClient(world.app).simulate_post(
        path, headers=headers, json={"id": str(notification_id), "status": "permanent-failure"})
    assert result.status_code == status, result.text
    assert result.json["result"] == "error"
    assert _status(world.notify, notification_id) is before


def test_the_providers_own_receipt_is_believed(world: World, fakes: Fakes) -> None:
    notification_id = _held(world, fakes)
    result = falcon.testing.TestClient(world.app).simulate_post(
        RECEIPT, headers=PROVIDER_AUTH, json={"id": str(notification_id), "status": "permanent-failure"})
    assert (result.status_code, result.json) == (200, {"result": "success"})
    assert _status(world.notify, notification_id) is NotificationStatus.PERMANENT_FAILURE


def test_an_inbound_text_needs_the_providers_token(world: World) -> None:
    client = falcon.testing.TestClient(world.app)
    text = {"source": "07700900222", "destination": "07700900111", "message": "forged"}
    assert client.simulate_post(INBOUND, json=text).status_code == 401
    assert client.simulate_post(INBOUND, json=text, headers={"Authorization": "Bearer nope"}).status_code == 403
    assert client.simulate_post(INBOUND, json=text, headers=PROVIDER_AUTH).status_code == 200


def test_an_app_with_no_provider_wired_has_no_callback_routes(notify: Notify) -> None:
    bare = falcon.testing.TestClient(create_app(Notify(
        uow=notify.uow, clock=notify.clock, ids=notify.ids, secrets=notify.secrets, passwords=notify.passwords,
        tokens=notify.tokens)))
    assert bare.simulate_post(RECEIPT, headers=PROVIDER_AUTH, json={}).status_code == 404
    assert bare.simulate_post(INBOUND, headers=PROVIDER_AUTH, json={}).status_code == 404


def _started(environ: dict[str, str]) -> tuple[Settings, Notify]:
    settings = Settings.from_env({"NOTIFY_DATABASE_URL": "memory", "NOTIFY_FAKE_RECEIPT_DELAY_MS": "0", **environ})
    return settings, start_background(build_notify(settings, open_stores(settings)), settings)


def _accepts(notify: Notify, provider: str, token: str) -> bool:
    callback = ProviderCallback(method="POST", url="http://x/", headers={"authorization": f"Bearer {token}"},
                                body=b"{}")
    try:
        notify.provider_callback_verifiers[provider].verify(callback)
    except Exception:  # noqa: BLE001 - refused, whichever way
        return False
    return True


def test_serve_wires_the_fakes_callbacks_to_the_configured_token_or_a_generated_one() -> None:
    settings, notify = _started({"NOTIFY_PROVIDER_CALLBACK_TOKEN": "new-token, old-token"})
    try:
        assert set(notify.provider_callback_verifiers) == {"fake-sms", "fake-email", "fake-letter", "fake",
                                                              "mmg", "firetext"}  # Notify's SMS formats
        assert all(_accepts(notify, name, token) for name in notify.provider_callback_verifiers
                   for token in ("new-token", "old-token"))
        assert not _accepts(notify, "fake-sms", "")
        assert settings.generated_provider_callback_token is False
    finally:
        stop_background(notify)
    generated, other = _started({}), _started({})
    try:
        for settings, notify in (generated, other):
            assert settings.generated_provider_callback_token is True
            assert _accepts(notify, "fake-email", settings.provider_callback_tokens[0])
        assert generated[0].provider_callback_tokens != other[0].provider_callback_tokens
    finally:
        for _, notify in (generated, other):
            stop_background(notify)
